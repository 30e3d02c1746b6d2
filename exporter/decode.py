"""Bytes to text: the first step of the pipeline.

Archives hold UTF-8, UTF-8 with a BOM, UTF-16 with a BOM and Windows-1256
(the Arabic code page of most pre-2010 newspaper archives). The decoded text
is what every span in the document points into, so the only changes made
here are the ones the contract allows: BOM removed and newlines normalised
to ``\\n``.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\x85")
# Control characters other than tab/newline/carriage return/form feed: a file
# full of them is binary, not an article.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


class DecodeError(ValueError):
    """The bytes are not an article we can read (empty, binary, undecodable, too large)."""


def too_large(size: int | None, max_bytes: int) -> DecodeError:
    """The one message for an input over the size limit, wherever the size is found out.

    ``size`` is None for a stream (pipe, device) whose full size is unknown.
    """
    detail = f" ({size} bytes)" if size is not None else ""
    return DecodeError(f"file is larger than the limit of {max_bytes} bytes{detail}")


_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(value: str | int) -> int:
    """``5000000``, ``500k``, ``5MB``, ``1.5M`` → bytes (binary multiples, as ``ls -h`` shows them)."""
    if isinstance(value, int):
        return value
    m = _SIZE.fullmatch(value)
    if not m:
        raise ValueError(f"not a size: {value!r} (use e.g. 5000000, 500k, 5MB)")
    return int(float(m.group(1)) * _UNITS[m.group(2).lower()])


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    newlines: str | None = None  # the file's line-break convention before normalisation (see newline_style)


def newline_style(text: str) -> str | None:
    """The line-break convention of raw decoded text: lf, crlf, cr, mixed, or None when it has no breaks.

    Recorded in the document (``source.newlines``) because normalising to
    ``\\n`` loses it, and the validator needs it to check ``source.sha256``.
    """
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    other = sum(text.count(c) for c in "\u2028\u2029\x85")
    kinds = [name for name, n in (("crlf", crlf), ("cr", cr), ("lf", lf), ("other", other)) if n]
    if not kinds:
        return None
    return kinds[0] if len(kinds) == 1 and kinds[0] != "other" else "mixed"


def normalise_newlines(text: str) -> str:
    """CRLF, CR and Unicode line separators become ``\\n``."""
    return _NEWLINES.sub("\n", text)


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = len(_CONTROL.findall(text))
    return controls > max(8, len(text) // 100)


def decode_bytes(data: bytes, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Decoded:
    """Decode an article file's bytes, detecting the encoding.

    Order: BOMs (UTF-8, UTF-16 LE/BE, UTF-32 is not news), then strict UTF-8,
    then UTF-16 without BOM when every other byte is NUL, then cp1256 when the
    result reads as Arabic. Raises :class:`DecodeError` with a short reason.
    """
    if max_bytes is not None and len(data) > max_bytes:
        raise too_large(len(data), max_bytes)
    if not data.strip(b" \t\r\n\x00"):
        raise DecodeError("empty file")

    text: str | None = None
    encoding = ""
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(data[3:], "utf-8"), "utf-8-sig"
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        text, encoding = _strict(data, "utf-16"), "utf-16"
    elif (found := _utf16_without_bom(data)) is not None:
        # before UTF-8: Arabic UTF-16 is also valid (control-character) UTF-8
        text, encoding = found
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as e:
            if b"\x00" in data.rstrip(b"\x00"):
                raise DecodeError("binary data, not text") from None
            if _damaged_utf8(data):
                # Read as cp1256 it would become plausible-looking mojibake: refuse instead.
                raise DecodeError(f"undecodable bytes (invalid UTF-8 at byte {e.start})") from None
            text, encoding = _cp1256(data), "cp1256"
    if text is None:
        raise DecodeError(f"undecodable bytes (not valid {encoding})")

    # Archive dumps often end with a stray NUL: allowed there (and kept, since the
    # contract changes nothing but newlines and the BOM); anywhere else it means binary.
    if _looks_binary(text.rstrip("\x00")):
        raise DecodeError("binary data, not text")
    newlines = newline_style(text)
    text = normalise_newlines(text)
    if not text.rstrip("\x00").strip():
        raise DecodeError("empty file")
    return Decoded(text=text, encoding=encoding, newlines=newlines)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


# High bytes of UTF-16 code units in Arabic news: ASCII (00), Arabic (06),
# Arabic supplement/extended (07, 08), punctuation (20), presentation forms (FB, FE).
_UTF16_HIGH = bytes([0x00, 0x06, 0x07, 0x08, 0x20, 0xFB, 0xFE])


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM, recognised by the high byte of nearly every code unit."""
    if len(data) < 4 or len(data) % 2:
        return None
    units = len(data) // 2
    for encoding, high in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        low = data[0::2] if encoding == "utf-16-le" else data[1::2]
        # translate(None, delete) counts in C: this runs on every file, UTF-8 ones included
        others = len(high.translate(None, _UTF16_HIGH))
        if others <= 0.05 * units and low.count(0) < 0.05 * units:
            text = _strict(data, encoding)
            if text is not None:
                return text, encoding
    return None


def _damaged_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken sequences (a truncated or corrupted file), not another encoding.

    Arabic cp1256 bytes almost never form valid UTF-8 sequences, while a damaged
    UTF-8 file is still overwhelmingly valid: compare the two counts.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    return good >= 10 * bad


def _cp1256(data: bytes) -> str | None:
    """cp1256 maps almost every byte, so accept it only when it reads as Arabic."""
    text = data.decode("cp1256", errors="replace")
    if "\ufffd" in text:
        return None
    letters = sum(1 for ch in text if ch.isalpha())
    arabic = len(_ARABIC_LETTER.findall(text))
    if letters and arabic / letters >= 0.3:
        return text
    return None
