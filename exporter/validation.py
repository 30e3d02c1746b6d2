"""Checking article documents: the JSON Schema plus what a schema cannot say.

The schema says what shape a document has; these checks say whether it is
*true to its text*: every span lies inside ``text`` and covers exactly the
item it locates, quotes' cues and speakers sit where the quote says, group
mentions run in text order, dates are real calendar dates, ``id`` and
``source.sha256`` fit ``text``, and ``schema_version`` is one this validator
knows (:mod:`exporter.versions`).

Schema checking is two-speed (see :mod:`exporter.compiled_schema`): a
compiled yes/no check for every document, jsonschema only for documents that
fail it, to name what is wrong in jsonschema's words. Nothing here imports
openpyxl, lxml or the extractors: this runs on every commit as a hook.
"""

from __future__ import annotations

import calendar
import datetime
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .identity import text_id
from .resources import load_schema
from .versions import version_verdict

ERROR, NOTICE = "error", "notice"


@dataclass(frozen=True)
class Problem:
    """One problem in a document: where (JSON pointer path), what, and which rule found it.

    ``at_key`` places the problem on the object key itself (an unexpected or
    repeated property) rather than on its value.
    """

    path: tuple[str | int, ...]
    message: str
    rule: str = "schema"
    severity: str = ERROR
    at_key: bool = False

    @property
    def pointer(self) -> str:
        if not self.path:
            return "/"
        return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in self.path)


# --- the schema -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def schema_validator():
    """The jsonschema validator, built once per process (and only when a document fails)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


@lru_cache(maxsize=1)
def schema_is_valid() -> Callable[[Any], bool]:
    """The fast yes/no schema check; falls back to jsonschema if the schema cannot be compiled."""
    from .compiled_schema import NotCompilable, compile_schema

    try:
        return compile_schema(load_schema())
    except NotCompilable:
        return schema_validator().is_valid


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
    """jsonschema's message, with a long value (a whole object, a long text) shortened: the position shows it."""
    value = _short(error.instance)
    if error.validator in ("oneOf", "anyOf") and error.context:
        types = sorted({str(s.schema.get("type", "")) for s in error.context if s.validator == "type"} - {""})
        if types:
            return f"{value} is not of type {' or '.join(types)}"
    if error.validator == "format":
        return f"{value} is not a valid {error.validator_value}"
    written = repr(error.instance)
    if error.message.startswith(written) and value != written:
        return value + error.message[len(written):]
    return error.message


def _short(value: Any) -> str:
    if isinstance(value, str):
        return _clip(value)
    written = repr(value)
    if len(written) <= 60:
        return written
    return "{…}" if isinstance(value, dict) else "[…]" if isinstance(value, list) else written[:60] + "…"


def _unexpected_properties(error) -> Iterator[Problem]:
    """One problem per unexpected key, placed on the key, with the likely intended name."""
    from difflib import get_close_matches

    allowed = list(error.schema.get("properties", {}))
    path = tuple(error.absolute_path)
    for key in error.instance:
        if key in allowed:
            continue
        guess = get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f" (did you mean {guess[0]!r}?)" if guess else f" (allowed: {', '.join(allowed)})"
        yield Problem(path + (key,), f"property {key!r} is not allowed here{hint}", "schema.additionalProperties",
                      at_key=True)


def schema_problems(doc: Any) -> list[Problem]:
    """What the schema rejects in ``doc`` (nothing, quickly, for a valid document)."""
    if schema_is_valid()(doc):
        return []
    out = []
    for error in schema_validator().iter_errors(doc):
        for leaf in _leaf_errors(error):
            if leaf.validator == "additionalProperties" and isinstance(leaf.instance, dict):
                out.extend(_unexpected_properties(leaf))
            else:
                out.append(Problem(tuple(leaf.absolute_path), _message(leaf), f"schema.{leaf.validator}"))
    return _not_a_document(out)


def _not_a_document(problems: list[Problem]) -> list[Problem]:
    """Most required top-level fields missing: say once that this is no article document.

    Its top-level keys are then all unexpected too, so those lines go as well.
    """
    missing = [p for p in problems if p.path == () and p.rule == "schema.required"]
    if len(missing) * 2 <= len(load_schema().get("required", [])):
        return problems
    names = ", ".join(p.message.split(" is a required property")[0] for p in missing)
    summary = Problem((), f"not an article document? {len(missing)} required properties are missing: {names}",
                      "schema.required")
    return [summary] + [p for p in problems if p not in missing
                        and not (len(p.path) == 1 and p.rule == "schema.additionalProperties")]


# --- spans ------------------------------------------------------------------------------------


def _is_span(span: Any) -> bool:
    return (isinstance(span, list) and len(span) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in span))


def _span_in(text: str, span: Any) -> bool:
    """A well-formed span that lies inside ``text`` (ill-formed ones are the schema's to report)."""
    return _is_span(span) and 0 <= span[0] <= span[1] <= len(text)


def _check_span(text: str, item: Any, path: tuple, text_key: str = "text", span_key: str = "span",
                exact: bool = True) -> Iterator[Problem]:
    """The span lies inside ``text`` and, when ``exact``, covers exactly ``item[text_key]``."""
    if not isinstance(item, dict):
        return
    span = item.get(span_key)
    if not _is_span(span):
        return
    if not _span_in(text, span):
        yield Problem(path + (span_key,), f"span {span} is outside the text (length {len(text)})", "span.outside")
        return
    value = item.get(text_key)
    if exact and isinstance(value, str) and text[span[0]:span[1]] != value:
        yield Problem(path + (span_key,), f"span {span} covers {_clip(text[span[0]:span[1]])}, not {text_key} "
                      f"{_clip(value)}{_found_at(text, value, span[0])}", "span.mismatch")


def _clip(s: str, limit: int = 60) -> str:
    """``repr`` of ``s``, its middle elided when long: the edges are where a shifted span shows."""
    if len(s) <= limit:
        return repr(s)
    return repr(s[: limit // 2]) + "…" + repr(s[-(limit // 3):])


def _found_at(text: str, value: str, near: int) -> str:
    """Where ``value`` really is in ``text`` (the occurrence nearest ``near``), to fix the span by."""
    best, i = None, text.find(value) if value else -1
    while i != -1:
        if best is None or abs(i - near) < abs(best - near):
            best = i
        i = text.find(value, i + 1)
    return "" if best is None else f" (that is at [{best}, {best + len(value)}])"


def _inside(inner: Any, outer: Any) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _overlap(a: Any, b: Any) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[0] < a[1] and b[0] < b[1]


def _items(doc: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    value = doc.get(key)
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def _headline_and_dateline(text: str, doc: dict[str, Any]) -> Iterator[Problem]:
    yield from _check_span(text, doc.get("headline"), ("headline",))
    d = doc.get("dateline")
    if not isinstance(d, dict):
        return
    yield from _check_span(text, d, ("dateline",))
    yield from _check_span(text, d, ("dateline",), span_key="date_span", exact=False)
    for one, many in (("place", "places"), ("agency", "agencies")):
        yield from _check_span(text, d.get(one), ("dateline", one), text_key="name")
        for i, item in _items(d, many):
            yield from _check_span(text, item, ("dateline", many, i), text_key="name")
        listed = d.get(many)
        if isinstance(listed, list) and d.get(one) != (listed[0] if listed else None):
            yield Problem(("dateline", one), f"{one} is not the first of {many}, as it must be",
                          "dateline.first")


def _quotes(text: str, doc: dict[str, Any]) -> Iterator[Problem]:
    persons = doc.get("persons") if isinstance(doc.get("persons"), list) else []
    for i, q in _items(doc, "quotes"):
        path = ("quotes", i)
        yield from _check_span(text, q, path)
        yield from _check_span(text, q, path, text_key="cue", span_key="cue_span")
        yield from _check_span(text, q, path, span_key="sentence_span", exact=False)
        span, cue_span, sentence = q.get("span"), q.get("cue_span"), q.get("sentence_span")
        quoted = _span_in(text, span)
        if _span_in(text, cue_span):
            if q.get("cue") is None:
                yield Problem(path + ("cue_span",), "cue_span is given but cue is null", "quote.cue")
            elif quoted and _overlap(cue_span, span):
                yield Problem(path + ("cue_span",), f"cue span {cue_span} overlaps the quoted words {span}",
                              "quote.cue")
        if quoted and _span_in(text, sentence) and not _inside(span, sentence):
            yield Problem(path + ("sentence_span",), f"sentence span {sentence} does not contain the quote {span}",
                          "quote.sentence")
        sp = q.get("speaker")
        if isinstance(sp, dict):
            yield from _speaker(text, sp, span if quoted else None, persons, path + ("speaker",))


def _speaker(text: str, sp: dict[str, Any], quote_span: Any, persons: list[Any], path: tuple) -> Iterator[Problem]:
    yield from _check_span(text, sp, path, exact=False)
    span, name, title = sp.get("span"), sp.get("name"), sp.get("title")
    if _span_in(text, span):
        covered = text[span[0]:span[1]]
        if not isinstance(name, str) and not isinstance(title, str):
            yield Problem(path + ("span",), f"span {span} is given for a speaker with neither name nor title",
                          "quote.speaker")
        elif not _names_speaker(covered, name, title):
            yield Problem(path + ("span",), f"span {span} covers {covered!r}, which is not the speaker "
                          f"{name if isinstance(name, str) else title!r}", "quote.speaker")
        if quote_span is not None and _overlap(span, quote_span):
            yield Problem(path + ("span",), f"speaker span {span} overlaps the quoted words {quote_span}",
                          "quote.speaker")
    index = sp.get("person")
    if isinstance(index, int) and not isinstance(index, bool) and index >= len(persons):
        yield Problem(path + ("person",), f"person {index} is not an index into persons (length {len(persons)})",
                      "quote.person")


def _names_speaker(covered: str, name: Any, title: Any) -> bool:
    """Does the text at a speaker span name that speaker?

    The span may hold the full name, the surname alone, title + surname, or a
    form with an attached preposition (لجيلاني), in another spelling of hamza
    or ta marbuta: so it is enough that one word matches a word of the name
    or title after normalisation, one ending with the other.
    """
    given = [v for v in (name, title) if isinstance(v, str) and v]
    if any(v in covered or covered in v for v in given):
        return True
    from .normalize import normalize  # only for the rare span that is not written like the name

    words = set(normalize(covered).split())
    known = set(normalize(" ".join(given)).split())
    return any(a == b or (min(len(a), len(b)) >= 3 and (a.endswith(b) or b.endswith(a)))
               for a in words for b in known)


def _persons_and_groups(text: str, doc: dict[str, Any]) -> Iterator[Problem]:
    for i, p in _items(doc, "persons"):
        for j, m in _items(p, "mentions"):
            yield from _check_span(text, m, ("persons", i, "mentions", j))
    for i, g in _items(doc, "groups"):
        previous = None
        for j, m in _items(g, "mentions"):
            path = ("groups", i, "mentions", j)
            yield from _check_span(text, m, path)
            span = m.get("span")
            if not _is_span(span):
                continue
            if previous is not None and span == previous:
                yield Problem(path, f"mention {span} is listed twice", "group.mentions")
            elif previous is not None and span < previous:
                yield Problem(path, f"mention {span} is listed after {previous}; mentions must be in text order",
                              "group.mentions")
            previous = span
        catalogued, gid = g.get("catalogued"), g.get("id")
        if catalogued is True and gid is None:
            yield Problem(("groups", i, "id"), "a catalogued group needs its catalogue id", "group.catalogue")
        elif catalogued is False and gid is not None:
            yield Problem(("groups", i, "id"), f"id {gid!r} is given for a group that is not catalogued",
                          "group.catalogue")


def _agreements(text: str, doc: dict[str, Any]) -> Iterator[Problem]:
    for i, a in _items(doc, "agreements"):
        path = ("agreements", i)
        yield from _check_span(text, a, path, exact=False)
        yield from _check_span(text, a, path, text_key="trigger", span_key="trigger_span")
        spans = a.get("spans") if isinstance(a.get("spans"), list) else []
        for j, span in enumerate(spans):
            yield from _check_span(text, {"span": span}, path + ("spans", j), exact=False)
        clauses = [s for s in [a.get("span"), *spans] if _span_in(text, s)]
        trigger = a.get("trigger_span")
        if clauses and _span_in(text, trigger) and not any(_inside(trigger, c) for c in clauses):
            yield Problem(path + ("trigger_span",), f"trigger span {trigger} lies outside the agreement's span",
                          "agreement.trigger")
        terms, term_spans = a.get("terms"), a.get("term_spans")
        if isinstance(term_spans, list) and isinstance(terms, list):
            if len(term_spans) != len(terms):
                yield Problem(path + ("term_spans",), f"{len(term_spans)} term spans for {len(terms)} terms",
                              "agreement.terms")
            else:
                for j, (term, span) in enumerate(zip(terms, term_spans, strict=True)):
                    yield from _check_span(text, {"text": term, "span": span}, path + ("term_spans", j),
                                           span_key="span")
        for j, party in _items(a, "parties"):
            yield from _check_span(text, party, path + ("parties", j), exact=False)


def span_problems(doc: dict[str, Any]) -> Iterator[Problem]:
    """Every span inside ``text``, equal to the item it locates, and consistent with its neighbours."""
    text = doc.get("text")
    if not isinstance(text, str):
        return
    yield from _headline_and_dateline(text, doc)
    for i, item in _items(doc, "dates"):
        yield from _check_span(text, item, ("dates", i))
    yield from _quotes(text, doc)
    yield from _persons_and_groups(text, doc)
    yield from _agreements(text, doc)


# --- dates ------------------------------------------------------------------------------------

_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})|--([0-9]{2})-([0-9]{2})", re.ASCII)


def is_calendar_date(value: str) -> bool:
    """YYYY-MM-DD or --MM-DD naming a day that exists (--02-29 does: some year has it)."""
    m = _ISO.fullmatch(value)
    if not m:
        return False
    if m.group(1):
        try:
            datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return False
        return True
    month, day = int(m.group(4)), int(m.group(5))
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]


def _is_hijri_date(value: str) -> bool:
    """A Hijri YYYY-MM-DD: 12 months of 29 or 30 days."""
    m = _ISO.fullmatch(value)
    return bool(m and m.group(1) and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 30)


def date_problems(doc: dict[str, Any]) -> Iterator[Problem]:
    """ISO values are days that exist; Hijri values are well-formed Hijri days."""
    values: list[tuple[tuple, Any]] = []
    d = doc.get("dateline")
    if isinstance(d, dict):
        values.append((("dateline", "date"), d.get("date")))
    for i, item in _items(doc, "dates"):
        values.append((("dates", i, "value"), item.get("value")))
        hijri = item.get("hijri")
        if isinstance(hijri, str) and not _is_hijri_date(hijri):
            yield Problem(("dates", i, "hijri"), f"{hijri!r} is not a valid Hijri date", "date.invalid")
        if item.get("calendar") == "hijri" and hijri is None:
            yield Problem(("dates", i), "a Hijri date needs its hijri value", "date.hijri")
    for path, value in values:
        if isinstance(value, str) and not is_calendar_date(value):
            yield Problem(path, f"{value!r} is not a valid date", "date.invalid")


# --- identity ---------------------------------------------------------------------------------


def identity_problems(doc: dict[str, Any]) -> Iterator[Problem]:
    """``id`` must be the hash of ``text``; ``source.sha256`` must fit ``text`` where checkable."""
    text = doc.get("text")
    if not isinstance(text, str):
        return
    expected = text_id(text)
    if isinstance(doc.get("id"), str) and doc["id"] != expected:
        yield Problem(("id",), f"id does not match text (expected {expected})", "id.mismatch")
    source = doc.get("source")
    if not isinstance(source, dict):
        return
    digest, encoding = source.get("sha256"), source.get("encoding")
    if not isinstance(digest, str) or not isinstance(encoding, str):
        return
    candidates = _reencodings(text, encoding, source.get("newlines", "unknown"))
    if candidates and not any(hashlib.sha256(c).hexdigest() == digest for c in candidates):
        yield Problem(("source", "sha256"), f"sha256 does not match text encoded as {encoding}", "sha256.mismatch")


_BREAKS = {"lf": ["\n"], "crlf": ["\r\n"], "cr": ["\r"], None: ["\n"], "unknown": ["\n", "\r\n"]}


def _reencodings(text: str, encoding: str, newlines: str | None) -> list[bytes]:
    """The byte strings ``text`` could have come from in ``encoding``.

    ``newlines`` is the document's ``source.newlines``; "unknown" (documents
    written before it was recorded) tries LF and CRLF. With mixed line breaks
    the raw bytes cannot be re-created, so nothing is checked (empty list).
    """
    codec = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "utf-16": "utf-16", "utf-16-le": "utf-16-le",
             "utf-16-be": "utf-16-be", "cp1256": "cp1256"}.get(encoding.lower())
    if codec is None or newlines not in _BREAKS:
        return []
    out = []
    for variant in {text.replace("\n", brk) for brk in _BREAKS[newlines]}:
        try:
            out.append(variant.encode(codec))
            if codec == "utf-16":
                out.append(b"\xfe\xff" + variant.encode("utf-16-be"))
        except UnicodeEncodeError:
            return []
    return out


# --- all together -----------------------------------------------------------------------------


def version_problems(doc: dict[str, Any], target: str | None = None) -> Iterator[Problem]:
    """The ``schema_version`` policy of :mod:`exporter.versions`."""
    verdict = version_verdict(doc.get("schema_version"), target)
    if verdict:
        severity, message = verdict
        yield Problem(("schema_version",), message, f"version.{'older' if severity == NOTICE else 'unsupported'}",
                      severity)


def check_document(doc: Any, target_version: str | None = None) -> list[Problem]:
    """All problems of one document: schema first, then the checks beyond it.

    ``target_version`` is the newest ``schema_version`` accepted (default: the
    current one, see :mod:`exporter.versions`).

    A check beyond the schema stays silent about a value the schema already
    rejected, and the version policy replaces the schema's pattern message
    for ``schema_version``.
    """
    problems = schema_problems(doc)
    if not isinstance(doc, dict):
        return problems
    policy = list(version_problems(doc, target_version))
    if any(p.severity == ERROR for p in policy):
        problems = [p for p in problems if p.path != ("schema_version",)]
    reported = {p.path for p in problems}
    for check in (span_problems, date_problems, identity_problems):
        problems.extend(p for p in check(doc) if p.path not in reported)
    return problems + policy
