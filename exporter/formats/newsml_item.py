"""One article document → one NewsML-G2 2.35 ``newsItem`` element.

The skeleton is ``templates/newsml-item.xml`` (element order, constant
attributes, the item's scheme catalog); this module fills it with lxml. The
mapping follows ``../shared/standards/NEWSML-G2.md``:

* identity: ``guid`` from the document id (same text, same guid, whatever
  the file name or the run), ``version``, ``versionCreated``/``firstCreated``;
* ``located`` (GeoNames qcode, broader country), ``infoSource`` and
  ``creditline`` for the agency, ``contentCreated`` from the dateline's date,
  ``headline``, ``dateline`` as printed;
* ``subject`` for persons, groups (with their category), agreement parties,
  places and countries, marked ``how="howextr:tool"`` since a program found
  them;
* agreements as ``contentMetaExtProperty`` (the schema has no agreement
  property), quotes as ``<q>`` in the XHTML body linked to ``partMeta``
  naming the speaker;
* the full JSON document as a second rendition, so nothing is lost.

Every string is cleaned of characters XML 1.0 cannot carry; the document gets
a warning saying which were removed (the JSON rendition keeps them, escaped).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lxml import etree

from ..resources import template_path
from .xmltext import describe, json_for_xml, label, unwanted_counts

NS = "http://iptc.org/std/nar/2006-10-01/"
XML_NS = "http://www.w3.org/XML/1998/namespace"
TEMPLATE_NS = "urn:exporter:template"
SLOT = f"{{{TEMPLATE_NS}}}slot"
GUID_PREFIX = "urn:newsml:exporter.dev:"
WARNING_CODE = "xml_characters_removed"

_LANG = f"{{{XML_NS}}}lang"
_DATELINE_TAIL = re.compile(r"[\s\-–—:،,]+$")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_PARTY_TYPE = {"country": "cpnat:geoArea", "organisation": "cpnat:organisation", "group": "cpnat:organisation",
               "person": "cpnat:person"}
_SPEAKER_TYPE = {"person": "cpnat:person", "organisation": "cpnat:organisation", "group": "cpnat:organisation",
                 "place": "cpnat:geoArea"}


def g(tag: str) -> str:
    """Clark name of a NewsML-G2 element."""
    return f"{{{NS}}}{tag}"


@lru_cache(maxsize=1)
def _skeleton() -> Any:
    parser = etree.XMLParser(remove_blank_text=True, remove_comments=True, no_network=True, resolve_entities=False)
    return etree.parse(str(template_path("newsml-item.xml")), parser).getroot()


class _Slots:
    """The template's prototypes: ``add(name)`` clones one in place, ``finish()`` removes them all."""

    def __init__(self, root: Any):
        self.prototypes = {el.get(SLOT): el for el in root.iter() if el.get(SLOT)}

    def add(self, name: str, text: str | None = None, **attrs: str) -> Any:
        proto = self.prototypes[name]
        el = copy.deepcopy(proto)
        fixed = [(k, v) for k, v in proto.attrib.items() if k != SLOT and k not in attrs]
        el.attrib.clear()
        for key, value in [*attrs.items(), *fixed]:  # what identifies the value first, then the constants
            el.set(key, value)
        if text is not None:
            el.text = text
        proto.addprevious(el)
        return el

    def finish(self) -> None:
        for proto in self.prototypes.values():
            proto.getparent().remove(proto)


@dataclass
class ItemInfo:
    """What the writer needs to know about a built item besides the element."""

    guid: str
    warning: dict[str, str] | None  # the warning added to the document, if any


def guid_for(doc: dict[str, Any]) -> str:
    return GUID_PREFIX + str(doc["id"]).removeprefix("sha256:")


def _sub(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
    el = etree.SubElement(parent, g(tag), **attrs)
    if text is not None:
        el.text = text
    return el


def _names(parent: Any, ar: str | None, en: str | None = None, alternates: Iterable[str] = ()) -> None:
    """``name`` children: the Arabic name (inherits ar/rtl), the English one, other written forms."""
    main = label(ar) if ar else ""
    if main:
        _sub(parent, "name", main)
    if en and label(en):
        _sub(parent, "name", label(en), **{_LANG: "en", "dir": "ltr"})
    seen = {main}
    for form in alternates:
        form = label(form)
        if form and form not in seen:
            seen.add(form)
            _sub(parent, "name", form, role="nrol:alternate")


def _country(code: str | None) -> tuple[str | None, str | None]:
    """(Arabic, English) name of an ISO country from the shipped gazetteer."""
    if not code:
        return None, None
    from ..countries import countries

    c = countries().get(code)
    return (c.name, c.name_en) if c else (None, None)


def _broader_country(parent: Any, code: str | None) -> None:
    if code:
        broader = _sub(parent, "broader", type="cpnat:geoArea", qcode=f"iso3166-1a2:{code}")
        _names(broader, *_country(code))


def _places(doc: dict[str, Any]) -> list[dict[str, Any]]:
    dateline = doc.get("dateline") or {}
    places = dateline.get("places") or ([dateline["place"]] if dateline.get("place") else [])
    return [p for p in places if p and p.get("name")]


def _agencies(doc: dict[str, Any]) -> list[dict[str, Any]]:
    dateline = doc.get("dateline") or {}
    agencies = dateline.get("agencies") or ([dateline["agency"]] if dateline.get("agency") else [])
    return [a for a in agencies if a and a.get("name")]


def _place_attrs(place: dict[str, Any]) -> dict[str, str]:
    return {"qcode": f"geonames:{place['geonames_id']}"} if place.get("geonames_id") else {}


class _Subjects:
    """Adds each subject once (by type and qcode, else by name), in mapping order."""

    def __init__(self, slots: _Slots):
        self.slots = slots
        self.seen: set[tuple[str, str]] = set()

    def add(self, type_: str, name: str | None, en: str | None = None, qcode: str | None = None,
            alternates: Iterable[str] = ()) -> Any | None:
        key = (type_, qcode or label(name or ""))
        if not key[1] or key in self.seen:
            return None
        self.seen.add(key)
        el = self.slots.add("subject", type=type_, **({"qcode": qcode} if qcode else {}))
        _names(el, name, en, alternates)
        return el


def _fill_subjects(doc: dict[str, Any], slots: _Slots) -> None:
    subjects = _Subjects(slots)
    for person in doc.get("persons") or []:
        el = subjects.add("cpnat:person", person.get("name"),
                          alternates=[m["text"] for m in person.get("mentions") or []])
        if el is not None and person.get("title") and label(person["title"]):
            _sub(el, "definition", label(person["title"]))
    for group in doc.get("groups") or []:
        el = subjects.add("cpnat:organisation", group.get("name"), group.get("name_en"),
                          f"exgroup:{group['id']}" if group.get("id") else None,
                          [m["text"] for m in group.get("mentions") or []])
        if el is not None and group.get("category"):
            _sub(el, "related", rel="exrel:category", qcode=f"excat:{group['category']}")
    parties = [p for a in doc.get("agreements") or [] for p in a.get("parties") or []]
    for party in parties:
        if party.get("kind") in ("organisation", "group"):
            qcode = f"exgroup:{party['code']}" if party.get("kind") == "group" and party.get("code") else None
            subjects.add("cpnat:organisation", party.get("name"), party.get("name_en"), qcode)
        elif party.get("kind") == "person":
            subjects.add("cpnat:person", party.get("name"), party.get("name_en"))
    for place in _places(doc):
        el = subjects.add("cpnat:geoArea", place["name"], place.get("name_en"), _place_attrs(place).get("qcode"))
        if el is not None:
            _broader_country(el, place.get("country"))
    codes = [p.get("country") for p in _places(doc)]
    codes += [p.get("code") for p in parties if p.get("kind") == "country"]
    names = {p.get("code"): (p.get("name"), p.get("name_en")) for p in parties if p.get("kind") == "country"}
    for code in codes:
        if code:
            ar, en = _country(code)
            ar, en = ar or names.get(code, (None, None))[0], en or names.get(code, (None, None))[1]
            subjects.add("cpnat:geoArea", ar or code, en, f"iso3166-1a2:{code}")


def _fill_agreements(doc: dict[str, Any], slots: _Slots) -> None:
    text = doc["text"]
    for agreement in doc.get("agreements") or []:
        terms = [label(t) for t in agreement.get("terms") or [] if label(t)]
        clause = label(text[agreement["span"][0]:agreement["span"][1]]) if agreement.get("span") else ""
        attrs = {"qcode": f"exagr:{agreement['action']}"} if agreement.get("action") else {}
        summary = "؛ ".join(terms) or clause
        if summary:
            attrs["value"] = summary
        el = slots.add("agreement", **attrs)
        if agreement.get("trigger") and label(agreement["trigger"]):
            _sub(el, "name", label(agreement["trigger"]))
        if clause:
            _sub(el, "definition", clause)
        if agreement.get("cameo"):
            _sub(el, "related", rel="exrel:cameo", qcode=f"excameo:{agreement['cameo']}")
        for party in agreement.get("parties") or []:
            attrs = {"rel": "exrel:party"}
            if _PARTY_TYPE.get(party.get("kind")):
                attrs["type"] = _PARTY_TYPE[party["kind"]]
            if party.get("kind") == "country" and party.get("code"):
                attrs["qcode"] = f"iso3166-1a2:{party['code']}"
            _names(_sub(el, "related", **attrs), party.get("name"), party.get("name_en"))
        for term in terms:
            _sub(_sub(el, "related", rel="exrel:term"), "name", term)


def _fill_quotes(doc: dict[str, Any], slots: _Slots, pieces: dict[int, list[str]], id_prefix: str) -> None:
    persons = doc.get("persons") or []
    for n, quote in enumerate(doc.get("quotes") or []):
        if not pieces.get(n):
            continue
        part = slots.add("quote", partid=f"pm-{id_prefix}{n + 1}", contentrefs=" ".join(pieces[n]))
        if quote.get("kind"):
            _sub(part, "role", qcode=f"exquote:{quote['kind']}")
        speaker = quote.get("speaker") or {}
        name, title = speaker.get("name"), speaker.get("title")
        index = speaker.get("person")
        if isinstance(index, int) and 0 <= index < len(persons):
            name, title = persons[index].get("name") or name, title or persons[index].get("title")
        if name and label(name):
            kind = "person" if isinstance(index, int) else speaker.get("kind")
            source = _sub(part, "infoSource", **({"type": _SPEAKER_TYPE[kind]} if kind in _SPEAKER_TYPE else {}))
            _names(source, name)
            if title and label(title):
                _sub(source, "definition", label(title))
        if quote.get("cue") and label(quote["cue"]):
            _sub(part, "partMetaExtProperty", rel="exrel:cue", value=label(quote["cue"]))


def _xml_warning(doc: dict[str, Any]) -> dict[str, str] | None:
    counts = unwanted_counts(doc.get("text") or "")
    counts.update(unwanted_counts((doc.get("source") or {}).get("file") or ""))
    if not counts:
        return None
    return {
        "code": WARNING_CODE,
        "message": f"NewsML-G2 export removed {sum(counts.values())} characters that XML 1.0 forbids or "
                   f"discourages ({describe(counts)}); the JSON rendition keeps the text exact",
    }


def _indent_body(body: Any, paragraphs: Iterable[Any], space: str) -> None:
    """Move the rendered paragraphs into the indented tree, one per line (their own content untouched)."""
    depth = sum(1 for _ in body.iterancestors())
    inner, outer = "\n" + space * (depth + 1), "\n" + space * depth
    for p in paragraphs:
        body.append(p)
        p.tail = inner
    if len(body):
        body.text = inner
        body[-1].tail = outer


def build_item(doc: dict[str, Any], *, created: str, version: int = 1, level: int = 0,
               space: str = "  ") -> tuple[Any, ItemInfo]:
    """The newsItem element for ``doc``, indented as if nested ``level`` deep.

    ``created`` is the versionCreated timestamp (xs:dateTime with offset);
    ``firstCreated`` is written too for version 1.
    """
    from .json_format import dumps
    from .newsml_body import XHTML, render

    root = copy.deepcopy(_skeleton())
    slots = _Slots(root)
    guid = guid_for(doc)
    hexid = guid.rsplit(":", 1)[-1]
    id_prefix = f"q-{hexid[:12]}-"
    root.set("guid", guid)
    root.set("version", str(version))

    warning = _xml_warning(doc)
    warnings = list(doc.get("warnings") or []) + ([warning] if warning else [])

    slots.add("versionCreated", created)
    if version == 1:
        slots.add("firstCreated", created)
    generator = doc.get("generator") or {}
    slots.add("generator", label(generator.get("name") or "exporter"),
              **({"versioninfo": label(generator["version"])} if generator.get("version") else {}))
    for w in warnings:
        slots.add("edNote", label(f"{w.get('code')}: {w.get('message')}"),
                  **({"role": f"exwarn:{w['code']}"} if re.fullmatch(r"[\w.-]+", w.get("code") or "") else {}))

    dateline = doc.get("dateline") or {}
    if dateline.get("date") and _FULL_DATE.match(dateline["date"]):
        slots.add("contentCreated", dateline["date"])
    for place in _places(doc):
        located = slots.add("located", **_place_attrs(place))
        _names(located, place["name"], place.get("name_en"))
        _broader_country(located, place.get("country"))
    agencies = _agencies(doc)
    for agency in agencies:
        source = slots.add("infoSource", **({"qcode": f"exagency:{agency['code']}"} if agency.get("code") else {}))
        _names(source, agency["name"], agency.get("name_en"))
    source = doc.get("source") or {}
    if source.get("file") and label(source["file"]):
        slots.add("altId", label(source["file"]), type="exsrc:filename")
    if source.get("sha256"):
        slots.add("altId", source["sha256"], type="exsrc:sha256")
    slots.add("altId", str(doc["id"]), type="exsrc:document")
    _fill_subjects(doc, slots)
    if doc.get("headline") and label(doc["headline"]["text"]):
        slots.add("headline", label(doc["headline"]["text"]))
    if dateline.get("text") and label(_DATELINE_TAIL.sub("", dateline["text"])):
        slots.add("dateline", label(_DATELINE_TAIL.sub("", dateline["text"])))
    if agencies:
        slots.add("creditline", "، ".join(label(a["name"]) for a in agencies))
    _fill_agreements(doc, slots)

    rendered = etree.Element(f"{{{XHTML}}}body", nsmap={None: XHTML})
    body = render(doc, rendered, id_prefix)
    _fill_quotes(doc, slots, body.pieces, id_prefix)
    slots.finish()

    inline_xml = root.find(f"{g('contentSet')}/{g('inlineXML')}")
    inline_xml.set("charcount", str(body.chars))
    inline_xml.set("wordcount", str(body.words))
    html = inline_xml[0]
    html.find(f"{{{XHTML}}}head/{{{XHTML}}}title").text = label(doc["headline"]["text"]) if doc.get("headline") else ""
    full = dict(doc, warnings=warnings) if warning else doc
    root.find(f"{g('contentSet')}/{g('inlineData')}").text = json_for_xml(dumps(full, indent=None))
    etree.cleanup_namespaces(root, top_nsmap={None: NS})
    etree.indent(root, space=space, level=level)
    _indent_body(html.find(f"{{{XHTML}}}body"), list(rendered), space)
    return root, ItemInfo(guid, warning)
