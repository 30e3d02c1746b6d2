"""The seed and every real article export as newsItems and as one newsMessage that
validate against the official NewsML-G2 2.35 XSD, offline, and that IPTC's own
``newsmlg2`` reader reads back with the right headline, dateline and subjects.

The real articles are read from ../shared (never copied here); these tests
skip when it is absent.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest
from lxml import etree

from exporter.formats.xmltext import clean, label

from .conftest import REAL, SEED_ARTICLE, invoke, needs_shared, real_articles
from .test_newsml import NSMAP, XSD, G, dateline_text, expected_subjects, schema

pytestmark = [needs_shared, pytest.mark.skipif(not XSD.is_file(), reason=f"NewsML-G2 XSD not found at {XSD}")]


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    """The seed and the real corpus exported once: a folder of newsItems and one newsMessage (both --validate)."""
    out = tmp_path_factory.mktemp("newsml")
    inputs = [SEED_ARTICLE, REAL]
    for target in (out / "items", out / "message.xml"):
        result = invoke("export", "--format", "newsml", "-o", target, "--validate", "--xsd", XSD, "--reproducible",
                        *inputs)
        assert result.exit_code == 0, result.stderr
    return {"items": out / "items", "message": out / "message.xml"}


@lru_cache(maxsize=1)
def _fast_catalogs() -> None:
    """newsmlg2 re-reads IPTC's 1 MB catalog for every item it parses (~20 ms); parse it once for these tests."""
    import NewsMLG2.catalog as catalog

    parsed: dict[str, object] = {}
    original = catalog.add_catalog

    def add_catalog(**kwargs):
        if "file" not in kwargs:
            return original(**kwargs)
        if kwargs["file"] not in parsed:
            original(**kwargs)
            parsed[kwargs["file"]] = catalog.CATALOG_STORE[-1]
        else:
            catalog.CATALOG_STORE.append(parsed[kwargs["file"]])

    catalog.add_catalog = add_catalog


def _document_of(item) -> dict:
    return json.loads(item.find(f"{{{G}}}contentSet/{{{G}}}inlineData").text)


def _read_back_and_check(reader_item, doc: dict) -> None:
    """What IPTC's reader sees equals what the document says."""
    meta = reader_item.contentmeta
    headline = str(meta.headline) if len(meta.headline) else None
    assert headline == (label(doc["headline"]["text"]) if doc.get("headline") else None)
    dateline = str(meta.dateline) if len(meta.dateline) else None
    assert dateline == dateline_text(doc)
    seen = {(str(s.type), str(s.qcode) if s.qcode else str(s.name[0])) for s in meta.subject}
    assert seen == expected_subjects(doc)
    assert str(reader_item.itemmeta.itemclass.qcode) == "ninat:text"
    assert str(reader_item.guid) == "urn:newsml:exporter.dev:" + doc["id"].removeprefix("sha256:")


def test_every_article_is_a_valid_news_item_that_newsmlg2_reads_back(exports):
    from NewsMLG2 import NewsMLG2Document

    _fast_catalogs()
    files = sorted(exports["items"].glob("*.xml"))
    assert len(files) == len(real_articles()) + 1
    s = schema()
    valid = 0
    for path in files:
        tree = etree.parse(str(path))
        assert tree.getroot().tag == f"{{{G}}}newsItem", path.name
        assert s.validate(tree), f"{path.name}: {s.error_log}"
        valid += 1
        doc = _document_of(tree.getroot())
        assert doc["source"]["file"] == path.with_suffix(".txt").name
        _read_back_and_check(NewsMLG2Document(filename_or_string=path.read_bytes()).get_item(), doc)
    assert valid == len(files)


def test_the_whole_corpus_is_one_valid_news_message_that_newsmlg2_reads_back(exports):
    from NewsMLG2 import NewsItem, NewsMLG2Document

    _fast_catalogs()
    path = exports["message"]
    tree = etree.parse(str(path))
    assert schema().validate(tree), str(schema().error_log)
    items = tree.getroot().xpath("g:itemSet/*", namespaces=NSMAP)
    assert [etree.QName(i).localname for i in items] == ["newsItem"] * (len(real_articles()) + 1)
    guids = [i.get("guid") for i in items]
    assert len(set(guids)) == len(guids)
    partids = tree.getroot().xpath("//g:partMeta/@partid", namespaces=NSMAP)
    assert len(set(partids)) == len(partids)

    message = NewsMLG2Document(filename_or_string=path.read_bytes()).get_item()
    assert str(message.header.sender) == "exporter.dev"
    assert str(message.header.transmitid).startswith("exporter.dev:")
    raw_items = message.itemset._xs_any_content  # the reader leaves itemSet unparsed (see the guide)
    assert len(raw_items) == len(items)
    for raw, item in zip(raw_items, items, strict=True):
        _read_back_and_check(NewsItem(xmlelement=raw), _document_of(item))


def test_every_quote_is_marked_in_the_body_and_linked_to_its_speaker(exports):
    tree = etree.parse(str(exports["message"]))
    quotes = linked = 0
    for item in tree.getroot().xpath("g:itemSet/g:newsItem", namespaces=NSMAP):
        doc = _document_of(item)
        parts = item.xpath("g:partMeta", namespaces=NSMAP)
        assert len(parts) == len(doc["quotes"])
        for part, quote in zip(parts, doc["quotes"], strict=True):
            marked = [item.xpath(f".//h:q[@id='{ref}']", namespaces=NSMAP) for ref in part.get("contentrefs").split()]
            assert all(len(m) == 1 for m in marked)
            shown = "".join("".join(m[0].itertext()) for m in marked)
            assert "".join(shown.split()) == "".join(clean(quote["text"]).split())  # paragraph breaks aside
            quotes += 1
            linked += bool(part.xpath("g:infoSource/g:name", namespaces=NSMAP))
    assert quotes > 500
    assert linked == sum(1 for item in tree.getroot().xpath("g:itemSet/g:newsItem", namespaces=NSMAP)
                         for q in _document_of(item)["quotes"] if (q["speaker"] or {}).get("name"))
