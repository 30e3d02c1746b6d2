"""Checking article documents: the JSON Schema plus what a schema cannot say.

Beyond the schema: every span lies inside ``text`` and matches the item's
text, ``id`` is the hash of ``text``, and ``source.sha256`` is consistent
with ``text`` re-encoded in ``source.encoding`` where that can be checked.
Only :mod:`jsonschema` is imported (never openpyxl or lxml): this runs on
every commit as a pre-commit hook.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .resources import load_schema


@dataclass(frozen=True)
class Problem:
    """One problem in a document: where (JSON pointer) and what."""

    path: tuple[str | int, ...]
    message: str

    @property
    def pointer(self) -> str:
        if not self.path:
            return "/"
        return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in self.path)


@lru_cache(maxsize=1)
def schema_validator():
    """The compiled schema validator, built once per process."""
    from jsonschema import Draft202012Validator

    schema = load_schema()
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _leaf_errors(error) -> Iterator[Any]:
    """For oneOf/anyOf failures, the error of the branch that fits the value best."""
    if not error.context:
        yield error
        return
    from jsonschema.exceptions import best_match, relevance

    # Prefer a branch whose type matched (its errors are about the content).
    by_branch: dict[int, list[Any]] = {}
    for sub in error.context:
        by_branch.setdefault(sub.schema_path[0] if sub.schema_path else 0, []).append(sub)
    typed = [errs for errs in by_branch.values() if not any(e.validator == "type" and not e.relative_path
                                                              for e in errs)]
    if len(typed) == 1:
        for sub in typed[0]:
            yield from _leaf_errors(sub)
        return
    if any(sub.validator == "type" for sub in error.context) and not typed:
        yield error
        return
    yield from _leaf_errors(best_match(error.context, key=relevance))


def _message(error) -> str:
    if error.validator == "required":
        return error.message
    if error.validator == "additionalProperties":
        return error.message
    if error.validator in ("oneOf", "anyOf") and error.context:
        types = sorted({str(s.schema.get("type", "")) for s in error.context if s.validator == "type"} - {""})
        if types:
            return f"{error.instance!r} is not of type {' or '.join(types)}"
    if error.validator == "format":
        return f"{error.instance!r} is not a valid {error.validator_value}"
    return error.message


def schema_problems(doc: Any) -> list[Problem]:
    out = []
    for error in schema_validator().iter_errors(doc):
        for leaf in _leaf_errors(error):
            out.append(Problem(tuple(leaf.absolute_path), _message(leaf)))
    return out


def _span_ok(text: str, span: Any) -> bool:
    return (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)
            and 0 <= span[0] <= span[1] <= len(text))


def _check_span(text: str, item: Any, path: tuple, text_key: str = "text", span_key: str = "span",
                exact: bool = True) -> Iterator[Problem]:
    if not isinstance(item, dict):
        return
    span = item.get(span_key)
    if span is None:
        return
    if not _span_ok(text, span):
        if isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span):
            yield Problem(path + (span_key,), f"span {span} is outside the text (length {len(text)})")
        return
    value = item.get(text_key)
    if exact and isinstance(value, str) and text[span[0]:span[1]] != value:
        yield Problem(path + (span_key,),
                      f"span {span} covers {text[span[0]:span[1]]!r}, not {text_key} {value!r}")


def span_problems(doc: dict[str, Any]) -> Iterator[Problem]:
    """Every span inside ``text`` and equal to the item it locates."""
    text = doc.get("text")
    if not isinstance(text, str):
        return
    h = doc.get("headline")
    if isinstance(h, dict):
        yield from _check_span(text, h, ("headline",))
    d = doc.get("dateline")
    if isinstance(d, dict):
        yield from _check_span(text, d, ("dateline",))
        yield from _check_span(text, d, ("dateline",), span_key="date_span", exact=False)
        for key in ("place", "agency"):
            yield from _check_span(text, d.get(key), ("dateline", key), text_key="name")
        for key, name in (("places", "name"), ("agencies", "name")):
            for i, item in enumerate(d.get(key) or []):
                yield from _check_span(text, item, ("dateline", key, i), text_key=name)
    for i, item in enumerate(doc.get("dates") or []):
        yield from _check_span(text, item, ("dates", i))
    for i, q in enumerate(doc.get("quotes") or []):
        if not isinstance(q, dict):
            continue
        yield from _check_span(text, q, ("quotes", i))
        yield from _check_span(text, q, ("quotes", i), text_key="cue", span_key="cue_span")
        yield from _check_span(text, q, ("quotes", i), span_key="sentence_span", exact=False)
        sp = q.get("speaker")
        if isinstance(sp, dict):
            yield from _check_span(text, sp, ("quotes", i, "speaker"), exact=False)
    for i, p in enumerate(doc.get("persons") or []):
        if isinstance(p, dict):
            for j, m in enumerate(p.get("mentions") or []):
                yield from _check_span(text, m, ("persons", i, "mentions", j))
    for i, a in enumerate(doc.get("agreements") or []):
        if not isinstance(a, dict):
            continue
        yield from _check_span(text, a, ("agreements", i), exact=False)
        yield from _check_span(text, a, ("agreements", i), text_key="trigger", span_key="trigger_span")
        terms, spans = a.get("terms") or [], a.get("term_spans")
        if isinstance(spans, list):
            if len(spans) != len(terms):
                yield Problem(("agreements", i, "term_spans"),
                              f"{len(spans)} term spans for {len(terms)} terms")
            else:
                for j, (term, span) in enumerate(zip(terms, spans, strict=True)):
                    yield from _check_span(text, {"text": term, "span": span}, ("agreements", i, "term_spans", j),
                                           span_key="span")
        for j, party in enumerate(a.get("parties") or []):
            yield from _check_span(text, party, ("agreements", i, "parties", j), exact=False)
    for i, g in enumerate(doc.get("groups") or []):
        if isinstance(g, dict):
            for j, m in enumerate(g.get("mentions") or []):
                yield from _check_span(text, m, ("groups", i, "mentions", j))


def identity_problems(doc: dict[str, Any]) -> Iterator[Problem]:
    """``id`` must be the hash of ``text``; ``source.sha256`` must fit ``text`` where checkable."""
    text = doc.get("text")
    if not isinstance(text, str):
        return
    expected = "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    if isinstance(doc.get("id"), str) and doc["id"] != expected:
        yield Problem(("id",), f"id does not match text (expected {expected})")
    source = doc.get("source")
    if not isinstance(source, dict):
        return
    digest, encoding = source.get("sha256"), source.get("encoding")
    if not isinstance(digest, str) or not isinstance(encoding, str):
        return
    candidates = _reencodings(text, encoding)
    if candidates and not any(hashlib.sha256(c).hexdigest() == digest for c in candidates):
        yield Problem(("source", "sha256"), f"sha256 does not match text encoded as {encoding}")


def _reencodings(text: str, encoding: str) -> list[bytes]:
    """The byte strings ``text`` could have come from in ``encoding`` (LF or CRLF files)."""
    codec = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "utf-16": "utf-16", "utf-16-le": "utf-16-le",
             "utf-16-be": "utf-16-be", "cp1256": "cp1256"}.get(encoding.lower())
    if codec is None:
        return []
    out = []
    for variant in {text, text.replace("\n", "\r\n")}:
        try:
            out.append(variant.encode(codec))
            if codec == "utf-16":
                out.append(variant.encode("utf-16-be").join([b"\xfe\xff", b""]))
        except UnicodeEncodeError:
            return []
    return out


def check_document(doc: Any) -> list[Problem]:
    """All problems of one document: schema first, then the checks beyond it."""
    problems = schema_problems(doc)
    if isinstance(doc, dict):
        problems += list(span_problems(doc))
        problems += list(identity_problems(doc))
    return problems
