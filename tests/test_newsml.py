"""NewsML-G2 export: the mapping field by field, the body and its quotes, output modes,
illegal characters, determinism, and the command line's options.

Validation against the official XSD runs here for every export these tests
make (skipped when ../shared is absent); the whole corpus is in
test_newsml_corpus.py.
"""

from __future__ import annotations

import hashlib
import json
import re
import tracemalloc
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import exporter
from exporter.formats.newsml import NewsmlError, NewsmlInvalid, NewsmlWriter
from exporter.formats.newsml_body import lines
from exporter.formats.newsml_item import build_item
from exporter.formats.xmltext import clean, label
from exporter.identity import text_id

from .conftest import SEED_ARTICLE, SHARED, invoke

G = "http://iptc.org/std/nar/2006-10-01/"
H = "http://www.w3.org/1999/xhtml"
NSMAP = {"g": G, "h": H}
XSD = SHARED / "standards" / "newsml-g2" / "NewsML-G2_2.35-spec-All-Power.xsd"
needs_xsd = pytest.mark.skipif(not XSD.is_file(), reason=f"NewsML-G2 XSD not found at {XSD}")
FIXED = "2024-05-01T12:00:00+00:00"


# -- helpers shared with test_newsml_corpus ---------------------------------------


def schema():
    from exporter.formats.newsml_xsd import load_schema

    return load_schema(XSD)


def assert_valid(path: Path) -> None:
    """The file at ``path`` validates against the official 2.35 XSD (when ../shared is there)."""
    if not XSD.is_file():
        return
    tree = etree.parse(str(path))
    s = schema()
    assert s.validate(tree), "\n".join(str(e) for e in s.error_log)


def first(item, path: str):
    found = item.xpath(path, namespaces=NSMAP)
    return found[0] if found else None


def texts(item, path: str) -> list[str]:
    return [e.text for e in item.xpath(path, namespaces=NSMAP)]


def names(el) -> list[str]:
    return [n.text for n in el.findall(f"{{{G}}}name")]


def expected_subjects(doc: dict) -> set[tuple[str, str]]:
    """(type, qcode or Arabic name) of every subject the mapping promises for ``doc``."""
    out = set()
    for p in doc.get("persons") or []:
        out.add(("cpnat:person", label(p["name"])))
    for grp in doc.get("groups") or []:
        out.add(("cpnat:organisation", f"exgroup:{grp['id']}" if grp.get("id") else label(grp["name"])))
    dateline = doc.get("dateline") or {}
    places = dateline.get("places") or ([dateline["place"]] if dateline.get("place") else [])
    for place in places:
        out.add(("cpnat:geoArea", f"geonames:{place['geonames_id']}" if place.get("geonames_id")
                 else label(place["name"])))
        if place.get("country"):
            out.add(("cpnat:geoArea", f"iso3166-1a2:{place['country']}"))
    for agreement in doc.get("agreements") or []:
        for party in agreement["parties"]:
            if party["kind"] == "country" and party.get("code"):
                out.add(("cpnat:geoArea", f"iso3166-1a2:{party['code']}"))
            elif party["kind"] == "group":
                out.add(("cpnat:organisation", f"exgroup:{party['code']}" if party.get("code")
                         else label(party["name"])))
            elif party["kind"] == "organisation":
                out.add(("cpnat:organisation", label(party["name"])))
            elif party["kind"] == "person":
                out.add(("cpnat:person", label(party["name"])))
    return out


def subjects_in(item) -> set[tuple[str, str]]:
    return {(s.get("type"), s.get("qcode") or names(s)[0])
            for s in item.xpath("g:contentMeta/g:subject", namespaces=NSMAP)}


def dateline_text(doc: dict) -> str | None:
    if not doc.get("dateline"):
        return None
    return label(re.sub(r"[\s\-–—:،,]+$", "", doc["dateline"]["text"])) or None


def export_xml(docs: list[dict], path: Path, **options) -> Path:
    exporter.export(docs, "newsml", path, **options)
    return path


def item_of(doc: dict, tmp_path: Path, **options):
    path = export_xml([doc], tmp_path / "item.xml", timestamp=FIXED, **options)
    assert_valid(path)
    return etree.parse(str(path)).getroot()


# -- a made-up article with every field filled ------------------------------------------


def full_document() -> dict:
    """A hand-made document that uses every field the mapping reads (spans computed, schema-valid)."""
    text = ("القاهرة (رويترز) - اتفقت مصر والسودان على تعزيز التعاون الأمني\n"
            "القاهرة (رويترز) - قال وزير الخارجية المصري سامح شكري إن البلدين اتفقا على تعزيز التعاون "
            "الأمني مع بعثة الاتحاد الأفريقي.\n"
            "وأضاف شكري \"نحن ملتزمون بالحل السلمي\".\n"
            "واتهم الوزير حركة الشباب بتهديد الحدود، كما انتقد ما يسمى جبهة الخلاص الوطني.")

    def span(s: str, start: int = 0) -> list[int]:
        i = text.index(s, start)
        return [i, i + len(s)]

    second = text.index("\n") + 1
    quote1 = "البلدين اتفقا على تعزيز التعاون الأمني مع بعثة الاتحاد الأفريقي"
    quote2 = "نحن ملتزمون بالحل السلمي"
    doc = {
        "schema_version": "1.0",
        "id": text_id(text),
        "language": "ar",
        "generator": {"name": "exporter", "version": exporter.__version__},
        "source": {"file": "cairo-sudan.txt", "sha256": hashlib.sha256(text.encode()).hexdigest(), "encoding": "utf-8"},
        "text": text,
        "headline": {"text": "اتفقت مصر والسودان على تعزيز التعاون الأمني",
                     "span": span("اتفقت مصر والسودان على تعزيز التعاون الأمني")},
        "dateline": {
            "text": "القاهرة (رويترز) -", "span": span("القاهرة (رويترز) -"),
            "place": {"name": "القاهرة", "name_en": "Cairo", "country": "EG", "geonames_id": 360630,
                      "span": span("القاهرة")},
            "agency": {"name": "رويترز", "code": "reuters", "name_en": "Reuters", "kind": "agency",
                       "span": span("رويترز")},
            "date": "2024-03-05", "date_span": None,
        },
        "dates": [],
        "quotes": [
            {"kind": "indirect", "text": quote1, "span": span(quote1), "cue": "قال", "cue_span": span("قال"),
             "speaker": {"name": "سامح شكري", "title": "وزير الخارجية المصري", "span": span("سامح شكري"),
                         "kind": "person", "person": 0},
             "sentence_span": span("قال وزير الخارجية المصري سامح شكري إن البلدين اتفقا على تعزيز التعاون "
                                   "الأمني مع بعثة الاتحاد الأفريقي.")},
            {"kind": "direct", "text": quote2, "span": span(quote2), "cue": "أضاف", "cue_span": span("أضاف"),
             "speaker": {"name": "شكري", "title": None, "span": span("شكري", span(quote1)[1]), "kind": "person",
                         "person": 0},
             "sentence_span": span("وأضاف شكري \"نحن ملتزمون بالحل السلمي\".")},
        ],
        "persons": [{"name": "سامح شكري", "title": "وزير الخارجية المصري",
                     "mentions": [{"text": "سامح شكري", "span": span("سامح شكري")},
                                  {"text": "شكري", "span": span("شكري", span(quote1)[1])}]}],
        "agreements": [{
            "action": "agree", "cameo": "030", "trigger": "اتفقا", "trigger_span": span("اتفقا", second),
            "parties": [
                {"name": "مصر", "name_en": "Egypt", "kind": "country", "code": "EG", "span": None},
                {"name": "السودان", "name_en": "Sudan", "kind": "country", "code": "SD", "span": None},
                {"name": "الاتحاد الأفريقي", "name_en": "African Union", "kind": "organisation", "code": "au",
                 "span": span("الاتحاد الأفريقي")},
            ],
            "terms": ["تعزيز التعاون الأمني"], "term_spans": [span("تعزيز التعاون الأمني", second)],
            "span": span(quote1),
        }],
        "groups": [
            {"name": "حركة الشباب", "name_en": "al-Shabaab", "category": "militant", "catalogued": True,
             "id": "al-shabaab", "mentions": [{"text": "حركة الشباب", "span": span("حركة الشباب")}]},
            {"name": "جبهة الخلاص الوطني", "name_en": None, "category": "other", "catalogued": False, "id": None,
             "mentions": [{"text": "جبهة الخلاص الوطني", "span": span("جبهة الخلاص الوطني")}]},
        ],
        "warnings": [{"code": "speaker_carried_over", "message": "speaker of quote 2 carried over"}],
    }
    assert exporter.validate(doc) == []
    return doc


# -- the mapping --------------------------------------------------------------------------


def test_seed_item_maps_every_field(seed_doc, tmp_path):
    doc = seed_doc
    item = item_of(doc, tmp_path)
    assert item.tag == f"{{{G}}}newsItem"
    assert item.get("guid") == "urn:newsml:exporter.dev:" + doc["id"].removeprefix("sha256:")
    assert (item.get("version"), item.get("standard"), item.get("standardversion"), item.get("conformance")) == (
        "1", "NewsML-G2", "2.35", "power")
    assert (item.get("{http://www.w3.org/XML/1998/namespace}lang"), item.get("dir")) == ("ar", "rtl")
    assert first(item, "g:itemMeta/g:itemClass").get("qcode") == "ninat:text"
    assert texts(item, "g:itemMeta/g:versionCreated") == texts(item, "g:itemMeta/g:firstCreated") == [FIXED]
    assert first(item, "g:itemMeta/g:pubStatus").get("qcode") == "stat:usable"
    generator = first(item, "g:itemMeta/g:generator")
    assert (generator.text, generator.get("versioninfo")) == ("exporter", doc["generator"]["version"])

    assert texts(item, "g:contentMeta/g:headline") == [doc["headline"]["text"]]
    assert texts(item, "g:contentMeta/g:dateline") == ["جاكرتا (رويترز)"]
    located = item.xpath("g:contentMeta/g:located", namespaces=NSMAP)
    place = doc["dateline"]["place"]
    assert [names(e)[0] for e in located] == [place["name"]]
    assert located[0].get("type") == "cpnat:geoArea"
    assert located[0].get("qcode") == (f"geonames:{place['geonames_id']}" if place["geonames_id"] else None)
    country = first(located[0], "g:broader")
    assert (country.get("qcode") if country is not None else None) == (
        f"iso3166-1a2:{place['country']}" if place["country"] else None)
    agency = first(item, "g:contentMeta/g:infoSource")
    assert (agency.get("type"), agency.get("qcode"), names(agency)) == (
        "cpnat:organisation", "exagency:reuters", ["رويترز", "Reuters"])
    assert first(agency, "g:name[2]").get("dir") == "ltr"
    assert texts(item, "g:contentMeta/g:creditline") == ["رويترز"]
    assert {a.get("type"): a.text for a in item.xpath("g:contentMeta/g:altId", namespaces=NSMAP)} == {
        "exsrc:filename": doc["source"]["file"], "exsrc:sha256": doc["source"]["sha256"], "exsrc:document": doc["id"]}
    assert first(item, "g:contentMeta/g:language").get("tag") == "ar"

    assert subjects_in(item) == expected_subjects(doc)
    for grp in doc["groups"]:
        subject = first(item, f"g:contentMeta/g:subject[@qcode='exgroup:{grp['id']}']")
        assert names(subject)[:2] == [grp["name"], grp["name_en"]]
        assert first(subject, "g:related").get("qcode") == f"excat:{grp['category']}"
        alternates = {m["text"] for m in grp["mentions"]} - {grp["name"]}
        assert set(texts(subject, "g:name[@role='nrol:alternate']")) == alternates

    agreements = item.xpath("g:contentMeta/g:contentMetaExtProperty[@rel='exrel:agreement']", namespaces=NSMAP)
    assert len(agreements) == len(doc["agreements"])
    for el, agreement in zip(agreements, doc["agreements"], strict=True):
        assert el.get("qcode") == f"exagr:{agreement['action']}"
        assert el.get("value") == "؛ ".join(agreement["terms"])
        assert texts(el, "g:name") == [agreement["trigger"]]
        assert texts(el, "g:definition") == [doc["text"][slice(*agreement["span"])]]
        assert first(el, "g:related[@rel='exrel:cameo']").get("qcode") == f"excameo:{agreement['cameo']}"
        parties = el.xpath("g:related[@rel='exrel:party']", namespaces=NSMAP)
        assert [p.get("qcode") for p in parties] == [f"iso3166-1a2:{p['code']}" for p in agreement["parties"]]
        assert texts(el, "g:related[@rel='exrel:term']/g:name") == agreement["terms"]

    parts = item.xpath("g:partMeta", namespaces=NSMAP)
    assert len(parts) == len(doc["quotes"])
    for part, quote in zip(parts, doc["quotes"], strict=True):
        marked = [first(item, f"//h:q[@id='{ref}']") for ref in part.get("contentrefs").split()]
        assert "".join("".join(q.itertext()) for q in marked) == quote["text"]
        assert {q.get("class") for q in marked} == {quote["kind"]}
        assert first(part, "g:role").get("qcode") == f"exquote:{quote['kind']}"
        assert names(first(part, "g:infoSource")) == [quote["speaker"]["name"]]
        assert first(part, "g:partMetaExtProperty").get("value") == quote["cue"]

    html = first(item, "g:contentSet/g:inlineXML/h:html")
    assert (html.get("lang"), html.get("dir")) == ("ar", "rtl")
    assert texts(html, "h:head/h:title") == [doc["headline"]["text"]]
    paragraphs = ["".join(p.itertext()) for p in html.xpath("h:body/h:p", namespaces=NSMAP)]
    text_lines = [doc["text"][a:b] for a, b in lines(doc["text"])]
    assert paragraphs == text_lines[1:]  # the first line is dateline + headline only
    inline = first(item, "g:contentSet/g:inlineXML")
    assert int(inline.get("wordcount")) == sum(len(p.split()) for p in paragraphs)
    rendition = first(item, "g:contentSet/g:inlineData")
    assert (rendition.get("contenttype"), rendition.get("rendition")) == ("application/json", "exrnd:document")
    assert json.loads(rendition.text) == doc
    assert item.xpath("g:itemMeta/g:edNote", namespaces=NSMAP) == []


def test_every_field_of_a_full_document(tmp_path):
    doc = full_document()
    item = item_of(doc, tmp_path)

    assert texts(item, "g:contentMeta/g:contentCreated") == ["2024-03-05"]
    located = first(item, "g:contentMeta/g:located")
    assert (located.get("qcode"), names(located)) == ("geonames:360630", ["القاهرة", "Cairo"])
    broader = first(located, "g:broader")
    assert (broader.get("qcode"), names(broader)) == ("iso3166-1a2:EG", ["مصر", "Egypt"])
    assert texts(item, "g:contentMeta/g:dateline") == ["القاهرة (رويترز)"]

    assert subjects_in(item) == expected_subjects(doc)
    person = first(item, "g:contentMeta/g:subject[@type='cpnat:person']")
    assert names(person) == ["سامح شكري", "شكري"]
    assert first(person, "g:name[2]").get("role") == "nrol:alternate"
    assert texts(person, "g:definition") == ["وزير الخارجية المصري"]
    assert (person.get("how"), person.get("why")) == ("howextr:tool", "why:direct")
    uncatalogued = first(item, "g:contentMeta/g:subject[g:name='جبهة الخلاص الوطني']")
    assert uncatalogued.get("qcode") is None
    assert first(uncatalogued, "g:related").get("qcode") == "excat:other"
    union = first(item, "g:contentMeta/g:subject[g:name='الاتحاد الأفريقي']")
    assert (union.get("type"), names(union)) == ("cpnat:organisation", ["الاتحاد الأفريقي", "African Union"])
    cairo = first(item, "g:contentMeta/g:subject[@qcode='geonames:360630']")
    assert first(cairo, "g:broader").get("qcode") == "iso3166-1a2:EG"
    # each subject once, though Egypt is both the dateline's country and a party
    assert len(item.xpath("g:contentMeta/g:subject[@qcode='iso3166-1a2:EG']", namespaces=NSMAP)) == 1

    agreement = first(item, "g:contentMeta/g:contentMetaExtProperty")
    union_party = first(agreement, "g:related[@type='cpnat:organisation']")
    assert (union_party.get("qcode"), names(union_party)) == (None, ["الاتحاد الأفريقي", "African Union"])

    # both quotes are the same person's: named from `persons`, typed, with the title
    for part in item.xpath("g:partMeta", namespaces=NSMAP):
        source = first(part, "g:infoSource")
        assert (source.get("type"), names(source), texts(source, "g:definition")) == (
            "cpnat:person", ["سامح شكري"], ["وزير الخارجية المصري"])
    notes = texts(item, "g:itemMeta/g:edNote")
    assert notes == ["speaker_carried_over: speaker of quote 2 carried over"]
    assert first(item, "g:itemMeta/g:edNote").get("role") == "exwarn:speaker_carried_over"


def test_the_quote_in_the_body_is_the_documents_span(tmp_path):
    doc = full_document()
    item = item_of(doc, tmp_path)
    body = first(item, "//h:body")
    lede = body[0]
    # the second line starts with a dateline and says more than the headline: it stays
    assert "".join(lede.itertext()) == doc["text"].splitlines()[1]
    q = lede.find(f"{{{H}}}q")
    assert (q.text, q.get("class")) == (doc["quotes"][0]["text"], "indirect")
    assert lede.text.endswith("إن ") and q.tail == "."


def _doc_with_quotes(text: str, spans: list[tuple[int, int]], headline: tuple[int, int] | None = None) -> dict:
    return {
        "id": text_id(text), "text": text, "source": {"file": "made-up.txt", "sha256": None, "encoding": None},
        "headline": {"text": text[headline[0]:headline[1]], "span": list(headline)} if headline else None,
        "dateline": None, "quotes": [{"kind": "direct", "text": text[a:b], "span": [a, b], "cue": None,
                                      "speaker": {"name": None, "title": None, "span": None}} for a, b in spans],
        "persons": [], "agreements": [], "groups": [], "warnings": [],
    }


def _quote_pieces(item, n: int) -> list:
    part = first(item, f"g:partMeta[{n}]")
    return [first(item, f"//h:q[@id='{ref}']") for ref in part.get("contentrefs").split()]


def test_a_quote_across_paragraphs_and_crossing_another_is_cut_into_linked_pieces(tmp_path):
    text = "عنوان الخبر\nقال الوزير \"الوضع مستقر\nونحن نراقب الحدود\" ثم غادر.\nوقال مسؤول إن الوضع هادئ."
    a = text.index("الوضع مستقر")
    b = text.index("\" ثم")
    c = text.index("نراقب")
    d = text.index("ثم غادر") + len("ثم غادر")
    item = item_of(_doc_with_quotes(text, [(a, b), (c, d)], headline=(0, len("عنوان الخبر"))), tmp_path)
    first_quote = _quote_pieces(item, 1)
    second_quote = _quote_pieces(item, 2)
    assert ["".join(q.itertext()) for q in first_quote] == ["الوضع مستقر", "ونحن نراقب الحدود"]
    assert "".join("".join(q.itertext()) for q in second_quote) == text[c:d]
    assert len(second_quote) == 2  # nested in the first quote, then the rest outside it
    assert second_quote[0].getparent() is first_quote[1]
    ids = [q.get("id") for q in item.iter(f"{{{H}}}q")]
    assert len(ids) == len(set(ids)) == 4
    paragraphs = ["".join(p.itertext()) for p in item.iter(f"{{{H}}}p")]
    assert paragraphs == text.split("\n")[1:]


def test_the_headline_line_stays_when_a_quote_is_on_it(tmp_path):
    text = "الوزير: \"لن نتراجع\"\nقال الوزير إن الحكومة لن تتراجع."
    quote = (text.index("لن نتراجع"), text.index("لن نتراجع") + len("لن نتراجع"))
    item = item_of(_doc_with_quotes(text, [quote], headline=(0, text.index("\n"))), tmp_path)
    assert ["".join(p.itertext()) for p in item.iter(f"{{{H}}}p")] == text.split("\n")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.sampled_from(list("قال إن \"«»\n\t \x00\x01\x0b\x1f\x7f\x85\ufffe\uffff\ud800\u200f.ab")),
                    min_size=1, max_size=60),
       cuts=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=4))
def test_any_text_and_quote_spans_give_a_body_with_every_quoted_character(text, cuts):
    spans = sorted({(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in cuts if a != b})
    spans = [(a, b) for a, b in spans if a < b]
    doc = _doc_with_quotes(text, spans)
    item, _ = build_item(doc, created=FIXED)
    again = etree.fromstring(etree.tostring(item))  # serialises and parses: nothing XML 1.0 forbids
    paragraphs = ["".join(p.itertext()) for p in again.iter(f"{{{H}}}p")]
    assert paragraphs == [clean(text[a:b]) for a, b in lines(text)]
    for n, (a, b) in enumerate(spans, start=1):
        expected = "".join(clean(text[max(a, p0):min(b, p1)]) for p0, p1 in lines(text) if max(a, p0) < min(b, p1))
        part = first(again, f"g:partMeta[@partid='pm-q-{doc['id'][7:19]}-{n}']")
        got = "" if part is None else "".join(
            "".join(first(again, f"//h:q[@id='{ref}']").itertext()) for ref in part.get("contentrefs").split())
        assert got == expected


# -- characters XML 1.0 cannot carry --------------------------------------------------------


def test_illegal_characters_are_removed_with_a_warning_and_kept_in_the_json(tmp_path):
    text = ("هدوء على الحدود\n\n"
            "القاهرة (رويترز) - قال\x00 الوزير\x01 إن \ufffeالوضع هادئ\x0b.\nوأضاف أن\x9d الحدود آمنة.")
    doc = exporter.extract(text, file="bad\x07name.txt")
    writer = NewsmlWriter(tmp_path / "item.xml", timestamp=FIXED)
    writer.write(doc)
    writer.close()
    assert_valid(tmp_path / "item.xml")
    raw = (tmp_path / "item.xml").read_bytes()
    item = etree.fromstring(raw)
    body = "".join(item.find(f".//{{{H}}}body").itertext())
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]", body)
    assert "الوضع هادئ." in body
    note = first(item, "g:itemMeta/g:edNote")
    assert note.get("role") == "exwarn:xml_characters_removed"
    assert "removed 6 characters" in note.text and "U+0000 ×1" in note.text and "U+FFFE ×1" in note.text
    assert texts(item, "g:contentMeta/g:altId[@type='exsrc:filename']") == ["badname.txt"]
    kept = json.loads(first(item, "g:contentSet/g:inlineData").text)
    assert kept["text"] == doc["text"]  # exact, so every span still fits
    assert kept["warnings"][-1]["code"] == "xml_characters_removed"
    assert doc["warnings"] == []  # the caller's document is not changed
    assert any("removed 6 characters" in n for n in writer.notices)


def test_a_lone_surrogate_does_not_stop_the_export(tmp_path):
    doc = _doc_with_quotes("خبر عاجل\ud800 من القاهرة", [])
    item = item_of(doc, tmp_path)
    assert "".join(first(item, "//h:body").itertext()).strip() == "خبر عاجل من القاهرة"
    assert json.loads(first(item, "g:contentSet/g:inlineData").text)["text"] == doc["text"]


# -- output modes ---------------------------------------------------------------------------


def _made_up_articles(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        path = folder / f"article-{i:02d}.txt"
        path.write_text(f"الرياض (واس) - قال وزير المالية إن الميزانية رقم {i} ستعلن قريبا.\n", encoding="utf-8")
        out.append(path)
    return out


def test_one_input_is_a_news_item(tmp_path):
    result = invoke("export", "--format", "newsml", "-o", tmp_path / "one.xml", SEED_ARTICLE)
    assert result.exit_code == 0, result.stderr
    root = etree.parse(str(tmp_path / "one.xml")).getroot()
    assert root.tag == f"{{{G}}}newsItem"
    assert (tmp_path / "one.xml").read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<newsItem ')
    assert_valid(tmp_path / "one.xml")


def test_several_inputs_are_one_news_message(tmp_path):
    articles = _made_up_articles(tmp_path / "in", 3)
    out = tmp_path / "batch.xml"
    result = invoke("export", "--format", "newsml", "-o", out, SEED_ARTICLE, *articles)
    assert result.exit_code == 0, result.stderr
    assert_valid(out)
    root = etree.parse(str(out)).getroot()
    assert root.tag == f"{{{G}}}newsMessage"
    header = first(root, "g:header")
    assert [etree.QName(e).localname for e in header] == ["sent", "sender", "transmitId", "origin"]
    sent = datetime.fromisoformat(first(header, "g:sent").text)
    assert abs(datetime.now(timezone.utc) - sent) < timedelta(minutes=5)
    assert first(header, "g:sender").text == "exporter.dev"
    assert re.fullmatch(r"exporter\.dev:\d{8}T\d{6}:[0-9a-f]{16}", first(header, "g:transmitId").text)
    items = root.xpath("g:itemSet/*", namespaces=NSMAP)
    assert [etree.QName(e).localname for e in items] == ["newsItem"] * 4
    assert [texts(e, "g:contentMeta/g:altId[@type='exsrc:filename']")[0] for e in items] == [
        SEED_ARTICLE.name, *(p.name for p in articles)]
    partids = root.xpath("//g:partMeta/@partid", namespaces=NSMAP)
    assert len(partids) == len(set(partids))
    for ref in root.xpath("//g:partMeta/@contentrefs", namespaces=NSMAP):
        for qid in ref.split():
            assert len(root.xpath(f"//h:q[@id='{qid}']", namespaces=NSMAP)) == 1


def test_a_folder_input_is_a_message_even_with_one_article(tmp_path):
    _made_up_articles(tmp_path / "in", 1)
    result = invoke("export", "--format", "newsml", "-o", tmp_path / "out.xml", tmp_path / "in")
    assert result.exit_code == 0, result.stderr
    assert etree.parse(str(tmp_path / "out.xml")).getroot().tag == f"{{{G}}}newsMessage"


def test_the_api_decides_by_count_and_streams_the_message(tmp_path):
    doc = exporter.extract(SEED_ARTICLE.read_bytes(), file=SEED_ARTICLE.name)
    writer = NewsmlWriter(tmp_path / "out.xml", timestamp=FIXED)
    writer.write(doc)
    assert writer._tmp is None  # one article is held back until we know it is not alone
    other = exporter.extract(SEED_ARTICLE.read_text(encoding="utf-8") + "\nوانتهى الاجتماع.", file="b.txt")
    writer.write(other)
    assert writer._tmp.stat().st_size > 20_000  # both items are already on disk
    writer.close()
    assert not list(tmp_path.glob(".*.tmp"))
    root = etree.parse(str(tmp_path / "out.xml")).getroot()
    assert len(root.xpath("g:itemSet/g:newsItem", namespaces=NSMAP)) == 2


def test_message_can_be_asked_for_a_single_article(tmp_path, seed_doc):
    path = export_xml([seed_doc], tmp_path / "m.xml", message=True, timestamp=FIXED)
    assert_valid(path)
    root = etree.parse(str(path)).getroot()
    assert texts(root, "g:header/g:sent") == [FIXED]
    assert len(root.xpath("g:itemSet/g:newsItem", namespaces=NSMAP)) == 1


def test_memory_stays_flat_for_a_long_message(tmp_path):
    base = exporter.extract(SEED_ARTICLE.read_bytes(), file=SEED_ARTICLE.name)
    docs = (dict(base, id=f"sha256:{i:064x}") for i in range(120))  # 120 distinct items
    writer = NewsmlWriter(tmp_path / "long.xml", timestamp=FIXED)
    writer.write(next(docs))
    writer.write(next(docs))
    tracemalloc.start()
    for doc in docs:
        writer.write(doc)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    writer.close()
    size = (tmp_path / "long.xml").stat().st_size
    assert size > 2_000_000
    assert peak < size / 8, f"peak {peak} bytes while writing {size} bytes"


def test_output_folder_gets_one_item_per_article(tmp_path):
    articles = _made_up_articles(tmp_path / "in", 2)
    out = tmp_path / "items"
    result = invoke("export", "--format", "newsml", "-o", out, SEED_ARTICLE, *articles)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(p.stem + ".xml" for p in [SEED_ARTICLE, *articles])
    for path in out.iterdir():
        assert etree.parse(str(path)).getroot().tag == f"{{{G}}}newsItem"
        assert_valid(path)


def test_standard_output(tmp_path):
    result = invoke("export", "--format", "newsml", "-o", "-", "--reproducible", SEED_ARTICLE)
    assert result.exit_code == 0, result.stderr
    root = etree.fromstring(result.stdout_bytes)
    assert root.tag == f"{{{G}}}newsItem"


def test_the_same_text_twice_is_one_item_in_a_message(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED_ARTICLE.read_bytes())
    articles = _made_up_articles(tmp_path / "in", 1)
    result = invoke("export", "--format", "newsml", "-o", tmp_path / "m.xml", SEED_ARTICLE, copy, *articles)
    assert result.exit_code == 0, result.stderr
    assert "copy.txt: same text as an earlier article; written once" in result.stderr
    root = etree.parse(str(tmp_path / "m.xml")).getroot()
    guids = root.xpath("g:itemSet/g:newsItem/@guid", namespaces=NSMAP)
    assert len(guids) == len(set(guids)) == 2


def test_nothing_written_when_no_article_succeeds(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = invoke("export", "--format", "newsml", "-o", tmp_path / "out.xml", tmp_path / "empty.txt")
    assert result.exit_code == 1
    assert not (tmp_path / "out.xml").exists()
    assert not list(tmp_path.glob(".*.tmp"))


# -- determinism ----------------------------------------------------------------------------


def _export_bytes(tmp_path: Path, name: str, *args: str, env=None) -> bytes:
    from click.testing import CliRunner

    from exporter.cli import cli

    out = tmp_path / name
    result = CliRunner(env=env).invoke(cli, ["export", "--format", "newsml", "-o", str(out), *map(str, args)])
    assert result.exit_code == 0, result.stderr
    return out.read_bytes()


def test_reproducible_output_is_byte_identical(tmp_path):
    articles = [SEED_ARTICLE, *_made_up_articles(tmp_path / "in", 2)]
    for args in ([SEED_ARTICLE], articles):
        a = _export_bytes(tmp_path, "a.xml", "--reproducible", *args, env={"SOURCE_DATE_EPOCH": None})
        b = _export_bytes(tmp_path, "b.xml", "--reproducible", *args, env={"SOURCE_DATE_EPOCH": None})
        assert a == b
        assert b"1970-01-01T00:00:00+00:00" in a  # no dateline date in these articles, and no clock


def test_source_date_epoch_alone_makes_output_reproducible(tmp_path):
    env = {"SOURCE_DATE_EPOCH": "1706572800"}
    articles = [SEED_ARTICLE, *_made_up_articles(tmp_path / "in", 1)]
    a = _export_bytes(tmp_path, "a.xml", *articles, env=env)
    b = _export_bytes(tmp_path, "b.xml", *articles, env=env)
    assert a == b
    root = etree.fromstring(a)
    assert texts(root, "g:header/g:sent") == ["2024-01-30T00:00:00+00:00"]
    assert set(texts(root, "//g:versionCreated")) == {"2024-01-30T00:00:00+00:00"}


def test_reproducible_timestamps_come_from_the_dateline_date(tmp_path):
    doc = full_document()
    path = export_xml([doc], tmp_path / "r.xml", reproducible=True)
    assert texts(etree.parse(str(path)).getroot(), "g:itemMeta/g:versionCreated") == ["2024-03-05T00:00:00+00:00"]


def test_without_reproducible_the_time_is_now(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    path = export_xml([full_document()], tmp_path / "now.xml")
    created = datetime.fromisoformat(texts(etree.parse(str(path)).getroot(), "g:itemMeta/g:versionCreated")[0])
    assert created.utcoffset() == timedelta(0)
    assert abs(datetime.now(timezone.utc) - created) < timedelta(minutes=5)


# -- command-line options ---------------------------------------------------------------------


@pytest.mark.parametrize("args, message", [
    (["--format", "json", "--reproducible"], "--reproducible: only for --format newsml"),
    (["--format", "xlsx", "--validate"], "--validate: only for --format newsml"),
    (["--format", "newsml", "--validate"], "--validate needs --xsd PATH"),
    (["--format", "newsml", "--xsd", str(SEED_ARTICLE)], "--xsd is only used with --validate"),
    (["--format", "newsml", "--validate", "--xsd", str(SEED_ARTICLE)], "not a usable XML Schema"),
])
def test_usage_errors(tmp_path, args, message):
    result = invoke("export", "-o", tmp_path / "out.xml", *args, SEED_ARTICLE)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr
    assert not (tmp_path / "out.xml").exists()


def test_a_bad_source_date_epoch_is_a_usage_error(tmp_path):
    from click.testing import CliRunner

    from exporter.cli import cli

    result = CliRunner(env={"SOURCE_DATE_EPOCH": "yesterday"}).invoke(
        cli, ["export", "--format", "newsml", "-o", str(tmp_path / "o.xml"), str(SEED_ARTICLE)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "exporter: SOURCE_DATE_EPOCH='yesterday' is not a number of seconds since 1970-01-01")


def test_writer_options_are_checked():
    with pytest.raises(NewsmlError, match="needs the NewsML-G2 XSD"):
        NewsmlWriter(Path("x.xml"), validate=True)
    with pytest.raises(NewsmlError, match="positive whole number"):
        NewsmlWriter(Path("x.xml"), version=0)
    with pytest.raises(NewsmlError, match="not an ISO 8601"):
        NewsmlWriter(Path("x.xml"), timestamp="soon")


def test_a_later_version_keeps_the_guid_and_drops_first_created(tmp_path, seed_doc):
    item = item_of(seed_doc, tmp_path, version=3)
    assert item.get("version") == "3"
    assert item.get("guid").endswith(seed_doc["id"].removeprefix("sha256:"))
    assert texts(item, "g:itemMeta/g:firstCreated") == []


@needs_xsd
def test_validate_passes_with_the_official_schema(tmp_path):
    articles = _made_up_articles(tmp_path / "in", 2)
    result = invoke("export", "--format", "newsml", "-o", tmp_path / "m.xml", "--validate", "--xsd", XSD,
                    SEED_ARTICLE, *articles)
    assert result.exit_code == 0, result.stderr


STRICT_XSD = """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://iptc.org/std/nar/2006-10-01/"
           elementFormDefault="qualified">
  <xs:element name="newsItem"><xs:complexType><xs:sequence>
    <xs:element name="itemMeta"/>
  </xs:sequence><xs:anyAttribute processContents="skip"/></xs:complexType></xs:element>
</xs:schema>
"""


@pytest.mark.parametrize("output", ["one.xml", "items"])
def test_outputs_that_fail_validation_are_not_published(tmp_path, output):
    xsd = tmp_path / "strict.xsd"
    xsd.write_text(STRICT_XSD, encoding="utf-8")
    target = tmp_path / output
    if output.endswith(".xml"):
        target.write_text("old", encoding="utf-8")
    result = invoke("export", "--format", "newsml", "-o", target, "--validate", "--xsd", xsd, SEED_ARTICLE)
    assert result.exit_code == 1
    problem = [line for line in result.stderr.splitlines() if "not valid against strict.xsd" in line]
    assert problem and all(line.startswith("exporter: ") for line in problem)
    assert "line 3, newsItem (iran-pakistan-security.txt)/catalogRef: Element 'catalogRef': This element is not " \
           "expected. Expected is ( itemMeta )." in problem[0]
    if output.endswith(".xml"):
        assert target.read_text(encoding="utf-8") == "old"
    else:
        assert list(target.iterdir()) == []
    assert not list(tmp_path.rglob(".*.tmp"))


def test_invalid_outputs_raise_with_one_line_each(tmp_path):
    xsd = tmp_path / "strict.xsd"
    xsd.write_text(STRICT_XSD, encoding="utf-8")
    writer = NewsmlWriter(tmp_path / "m.xml", validate=True, xsd=xsd, timestamp=FIXED)
    writer.write(full_document())
    with pytest.raises(NewsmlInvalid) as caught:
        writer.close()
    assert caught.value.status == 1
    assert len(caught.value.lines) == 1


# -- vocabularies -------------------------------------------------------------------------------


def _iptc_aliases() -> set[str]:
    import NewsMLG2

    catalog = Path(NewsMLG2.__file__).parent / "catalogs" / "catalog.IPTC-G2-Standards_41.xml"
    tree = etree.parse(str(catalog))
    return {s.get("alias") for s in tree.iter("{*}scheme")}


def test_every_qcode_alias_is_declared(tmp_path):
    item = item_of(full_document(), tmp_path)
    declared = {s.get("alias") for s in item.iter(f"{{{G}}}scheme")} | _iptc_aliases()
    used = set()
    for el in item.iter(f"{{{G}}}*"):
        for attr in ("qcode", "type", "rel", "role", "rendition", "how", "why"):
            if el.get(attr):
                used |= {code.split(":", 1)[0] for code in el.get(attr).split()}
    assert used - declared == set()
    assert {"ninat", "cpnat", "stat", "geonames", "iso3166-1a2", "nrol", "howextr", "why"} <= used


def test_the_template_is_shipped_and_leaves_no_trace():
    from exporter.resources import template_path

    template = template_path("newsml-item.xml")
    assert template.is_file()
    item, _ = build_item(full_document(), created=FIXED)
    raw = etree.tostring(item)
    assert b"urn:exporter:template" not in raw and b"slot" not in raw
