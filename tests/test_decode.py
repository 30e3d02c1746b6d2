"""Decoding: every encoding archives hold, and clear refusals of what is not an article."""

from __future__ import annotations

import codecs

import pytest

from exporter.decode import DecodeError, decode_bytes

ARTICLE = "القاهرة (رويترز) - قال مسؤول إن الاجتماع انتهى.\nوأضاف أن الجولة المقبلة قريبة."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8-sig"),
        (ARTICLE.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "utf-16"),
        (ARTICLE.encode("utf-16-le"), "utf-16-le"),
        (ARTICLE.encode("cp1256"), "cp1256"),
    ],
)
def test_encodings_decode_to_the_same_text(data, encoding):
    decoded = decode_bytes(data)
    assert decoded.text == ARTICLE
    assert decoded.encoding == encoding


def test_newlines_are_normalised_and_nothing_else_changes():
    raw = "عنوان\r\n\r\nنص  المقال\rسطر ثالث\u2028".encode()
    assert decode_bytes(raw).text == "عنوان\n\nنص  المقال\nسطر ثالث\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b" \n\r\n\t", "empty file"),
        (bytes(range(256)) * 4, "binary data, not text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary data, not text"),
        (b"\xff\xfe\x00\xd8", "undecodable bytes (not valid utf-16)"),
        (b"\x81\x8d\x8e\x8f\x90\x9d\x9e" * 5, "undecodable bytes (not valid cp1256)"),
    ],
)
def test_bad_input_is_refused_with_a_reason(data, message):
    with pytest.raises(DecodeError) as e:
        decode_bytes(data)
    assert str(e.value) == message


def test_size_limit():
    with pytest.raises(DecodeError, match="larger than the limit of 10 bytes"):
        decode_bytes(ARTICLE.encode(), max_bytes=10)


@pytest.mark.parametrize(
    ("raw", "style"),
    [("a\nb\n", "lf"), ("a\r\nb\r\n", "crlf"), ("a\rb", "cr"), ("a\r\nb\n", "mixed"), ("a\u2028b", "mixed"),
     ("ab", None)],
)
def test_newline_style_is_recorded_and_sha256_checks_out(raw, style):
    import exporter

    data = ("قال الوزير " + raw).encode("utf-8")
    doc = exporter.extract(data)
    assert doc["source"]["newlines"] == style
    assert exporter.validate(doc) == []


def test_trailing_nul_is_kept_and_the_document_validates():
    import exporter

    doc = exporter.extract(ARTICLE.encode("cp1256") + b"\x00\x00")
    assert doc["text"] == ARTICLE + "\x00\x00"  # the contract changes nothing but newlines and the BOM
    assert exporter.validate(doc) == []


def test_tampered_text_fails_the_sha256_check():
    import exporter
    from exporter.identity import text_id

    doc = exporter.extract(ARTICLE.encode("utf-8"))
    doc["text"] = doc["text"].replace("الجولة", "الجوله")  # same length: spans still fit
    doc["id"] = text_id(doc["text"])
    assert exporter.validate(doc) == ["/source/sha256: sha256 does not match text encoded as utf-8"]
