"""Groups: named non-state militant, separatist and political organisations.

Monitoring desks filter archives by group, so every named organisation is
recognised however it is spelled and given one record with all its
mentions. Four passes over the normalised text, each only where the earlier
ones found nothing:

1. the catalogue (``data/groups.json``, several hundred organisations with
   their usual variants and the forms naming a leader's loyalists: أنصار
   صالح) through the shared phrase matcher, clitics and ال handled
   (لجبهة تحرير بلوش → جبهة تحرير بلوش);
2. misspellings of catalogued names by consonant skeleton
   (:mod:`exporter.fuzzy`: "جايش آل أدل" → جيش العدل);
3. weak forms — catalogue forms that are also ordinary words (القاعدة،
   فتح، المقاومة، الجمهوري) — kept only when licensed, and affiliation
   adjectives (عضو ديمقراطي، القيادي الإخواني) only right after a person noun
   (see groups.json ``_fields``);
4. uncatalogued groups from a head noun + name
   (:mod:`exporter.extractors.group_discovery`).

A name directly after a descriptor noun (تنظيم داعش، ميليشيات الحوثي،
حزب «آفاق تونس») is recorded with it, as written. Mentions of a name shared
by several organisations (الحزب الديمقراطي) join a longer catalogued or
discovered name that begins with it in the same article; failing that, the
name means the organisation of the country the story is about (groups.json
``readings``: الجماعة الإسلامية in an Iraqi Kurdish story is the Kurdistan
Islamic Group).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from ..countries import country_matcher, find_country
from ..fuzzy import SkeletonIndex, finish_skeleton, letters_skeleton, word_skeleton
from ..segment import Article
from .group_catalogue import (
    Entry,
    Form,
    affiliation_words,
    catalogue_matcher,
    descriptor_regex,
    entry_by_id,
    find_words,
    group_matcher,
    in_context,
    member_words,
    opening_words,
    skeleton_index,
    trailing_words,
    unit_words,
)
from .group_discovery import Discovery, discover, head_reading, lists
from .group_words import CLITIC_PREFIXES, CLOSERS, OPENERS, Words, clitic_readings, parse_word

__all__ = ["extract", "group_matcher"]

_LETTERS = re.compile(r"\w+")
# Between two coordinated names: spaces, commas, و, quotation marks, brackets.
_COORDINATION = re.compile(r"[\s،,؛;و\"«»“”'()/\-]*")
_PAIRED = {'"': '"', "«": "»", "“": "”", "'": "'", "(": ")", "/": "/", "‘": "’"}


@dataclass
class _Mention:
    start: int  # span in article.norm
    end: int
    key: str  # record key: catalogue id, or "~" + discovered name
    entry: Entry | None = None
    weak: bool = False
    licensed_only: bool = False  # a weak form that only a licence word right before it makes count
    described: bool = False  # extended over a descriptor noun (تنظيم داعش)
    after_unit: bool = False  # right after an armed-unit noun (كتيبة جند الله): gives way to the discovered unit
    discovery: Discovery | None = None
    licensed: bool = field(default=False)


def _extend_descriptor(norm: str, start: int, end: int) -> tuple[int, int, bool]:
    """Widen a name's span over a descriptor noun before it (and matching quotation marks)."""
    m = descriptor_regex().search(norm, max(0, start - 30), start)
    if m is None:
        return start, end, False
    opener = m.group("open")
    if opener:
        if not norm.startswith(_PAIRED.get(opener, opener), end) and not (end < len(norm) and norm[end] in CLOSERS):
            return start, end, False
        end += 1
    return m.start("desc"), end, True


def _next_body(norm: str, end: int) -> str:
    """The letters of the word right after ``end`` when only a space separates them ('' otherwise)."""
    if not norm.startswith(" ", end):
        return ""
    stop = norm.find(" ", end + 1)
    word = parse_word(norm[end + 1 : stop if stop >= 0 else len(norm)])
    return "" if word.lead else word.body


def _previous_body(norm: str, start: int) -> str:
    """The word right before ``start`` (over an opening quotation mark), clitics kept; '' if none."""
    if start >= 1 and norm[start - 1] in OPENERS:
        start -= 1
    if start < 2 or norm[start - 1] != " ":
        return ""
    begin = norm.rfind(" ", 0, start - 1) + 1
    return norm[begin : start - 1]


def _continues_name(norm: str, end: int) -> bool:
    """A definite word follows that makes a longer, different name (الحزب الديمقراطي الليبرالي)."""
    nxt = _next_body(norm, end)
    return nxt.startswith("ال") and nxt not in trailing_words() and find_country(nxt) is None


class _Readings(NamedTuple):
    """What a token can do, from its spelling alone."""

    gate: tuple[str, str] | None  # (clitic prefix, skeleton) when it may open a misspelled catalogued name
    head: tuple[str, str] | None  # (clitic prefix, head noun) when it is a discovery head noun
    opens: bool  # it may open a catalogued form (or a not-group phrase)


_PREFIX_LETTERS = {p: len(letters_skeleton(p)) for p in ("", *CLITIC_PREFIXES)}  # و is no consonant
_NOTHING = _Readings(None, None, False)
_readings: dict[str, _Readings] = {}  # token → readings, for tokens that have some
_plain: set[str] = set()  # tokens known to have none: most words, skipped with one set lookup


@lru_cache(maxsize=1)
def _openers_and_heads() -> frozenset[str]:
    return opening_words() | lists().heads.keys()


def _may_open(body: str, skeleton: str) -> bool:
    """Cheap test that a word could open a catalogued form, a misspelt one or a discovered name:
    its end, past up to four letters of clitics and article, is a known first word or head, or its
    skeleton, past up to two clitic consonants, a known first-word skeleton. Most words fail it."""
    known = _openers_and_heads()
    if body in known or body[1:] in known or body[2:] in known or body[3:] in known or body[4:] in known:
        return True
    first = skeleton_index().first_words
    return skeleton in first or skeleton[1:] in first or skeleton[2:] in first


def _token_readings(token: str) -> _Readings:
    """The readings of a normalised token, cached per spelling."""
    r = _readings.get(token)
    if r is not None:
        return r
    if token in _plain:
        return _NOTHING
    word = parse_word(token)
    body = word.body
    r = _NOTHING
    if word.glued:
        r = _Readings(None, None, True)  # a name may start in the middle: the catalogue scans it
    elif body and _may_open(body, word.skeleton):
        first_words = skeleton_index().first_words
        openers = opening_words()
        letters = letters_skeleton(body)
        readings = clitic_readings(body)
        gate = opens = None
        for prefix, rest in readings:
            skel = finish_skeleton(letters[_PREFIX_LETTERS[prefix] :])
            if gate is None and skel in first_words:
                gate = (prefix, skel)
            if not opens:
                opens = rest in openers or (rest.startswith("ال") and rest[2:] in openers) or \
                    (prefix.endswith("ل") and rest.startswith("ل") and rest[1:] in openers)
        head = head_reading(body, readings)
        if gate is not None or head is not None or opens:
            r = _Readings(gate, head, bool(opens))
    if len(_plain) >= 100_000:
        _plain.clear()
        _readings.clear()
    if r is _NOTHING:
        _plain.add(token)
    else:
        _readings[token] = r
    return r


def _catalogue_mentions(words: Words, openers: list[int], blocked: list[tuple[int, int]]) -> list[_Mention]:
    """Catalogue hits at the tokens that may open a form; non-group phrases' spans go to ``blocked``.

    Every catalogued form starts a word, so the phrase matcher is anchored at
    those tokens only (one match each) instead of scanning the whole text.
    """
    norm = words.norm
    matcher = catalogue_matcher()
    out: list[_Mention] = []
    positions: list[int] = []
    for i in openers:
        word = words.word(i)
        start = words.start(i)
        if word.glued:  # glued to other words by punctuation (داعش،وقال): a name may open at each run of letters
            positions += [start + m.start() for m in _LETTERS.finditer(words.tokens[i])]
        else:
            positions.append(start + len(word.lead))
    hits = matcher.matches_at(norm, positions)
    for a, b, prefix, form in hits:
        if not isinstance(form, Form):
            blocked.append((a, b))  # a state body or other non-group phrase containing a group's name
            continue
        if (prefix.endswith("ال") or prefix.endswith("لل")) and not form.norm.startswith("ال"):
            continue  # an article added to a name that has none: الحماس is zeal, not Hamas
        if form.entry.not_followed_by and _next_body(norm, b) in form.entry.not_followed_by:
            continue  # بحماس كبير: with great zeal
        if form.entry.generic and not form.weak and _continues_name(norm, b):
            blocked.append((a, b))  # part of a longer name: not this group, and not a misspelling of it
            continue
        if form.norm.startswith("ال") and not norm.startswith("ال", a) and prefix.endswith("ل"):
            a -= 1  # ل + الجيش written للجيش: the mention is the whole word
        described = False
        if not prefix:
            a, b, described = _extend_descriptor(norm, a, b)
        after_unit = not prefix and not described and _previous_body(norm, a).lstrip(OPENERS) in unit_words()
        out.append(_Mention(a, b, form.entry.id, form.entry, form.weak, form.licensed_only, described=described,
                            after_unit=after_unit))
    return out


def _word_mentions(words: Words, candidates: list[int], taken: list[tuple[int, int]]) -> list[_Mention]:
    """Misspelled catalogued names and discovered groups, outside the spans already taken."""
    busy: set[int] = set()  # indices of tokens inside spans already taken
    for a, b in taken:
        busy.update(range(words.index_at(a), words.index_at(b - 1) + 1))
    index = skeleton_index()
    out: list[_Mention] = []
    for i in candidates:
        if i in busy:
            continue
        readings = _readings[words.tokens[i]]
        if readings.gate is not None and i + 1 < len(words) and \
                ((readings.gate[1], words.word(i + 1).rest_key) in index.keys or not words.word(i + 1).rest_key):
            found = _fuzzy_at(words, i, readings.gate, index)
            if found is not None:
                span = range(i, words.index_at(found.end - 1) + 1)
                if not busy.intersection(span):
                    out.append(found)
                    busy.update(span)
                    continue
        if readings.head is not None:
            d = discover(words, i, *readings.head)
            if d is not None:
                last = words.index_at(d.end - 1)
                if not busy.intersection(range(i, last + 1)):
                    entry = _catalogued(d)
                    if entry is not None:  # كتلة "المستقبل" is the catalogued كتلة المستقبل
                        out.append(_Mention(d.start, d.end, entry.id, entry, described=True))
                    else:
                        out.append(_Mention(d.start, d.end, "~" + d.key, discovery=d))
                    busy.update(range(i, last + 1))
    return out


def _catalogued(d: Discovery) -> Entry | None:
    """The catalogue entry a quoted discovered name belongs to, read with its head noun."""
    if not d.quoted:
        return None
    form = catalogue_matcher().lookup(d.head + " " + d.key) or catalogue_matcher().lookup(d.key)
    if isinstance(form, Form) and not form.weak:
        return form.entry
    words = [d.head, *d.key.split()]
    found = skeleton_index().match([word_skeleton(w) for w in words], words)
    return found[1] if found is not None and found[0] == len(words) else None


_windows: dict[tuple[str, ...], tuple[int, Entry] | None] = {}


def _match_window(words: Words, i: int, prefix: str, first: str, longest: int,
                  index: SkeletonIndex[Entry]) -> tuple[int, Entry] | None:
    """(words used, entry) of the name the tokens from ``i`` spell, remembered per token sequence:
    the same phrases (قوات النظام السوري، الجيش الإسرائيلي) come back article after article."""
    key = (prefix, *words.tokens[i : i + longest + 1])
    if key in _windows:
        return _windows[key]
    w = words.word(i)
    skeletons, spelled = [first], [w.body[len(prefix) :]]
    for k in range(i + 1, min(len(words), i + longest + 1)):
        prev, nxt = words.word(k - 1), words.word(k)
        if prev.tail or nxt.lead or not nxt.body:
            break
        skeletons.append(nxt.skeleton)
        spelled.append(nxt.body)
    found = index.match(skeletons, spelled)
    result = None if found is None else (found[0], found[1])
    if len(_windows) >= 20_000:
        _windows.clear()
    _windows[key] = result
    return result


def _fuzzy_at(words: Words, i: int, gate: tuple[str, str], index: SkeletonIndex[Entry]) -> _Mention | None:
    """A misspelled catalogued name opening at token ``i`` (read as clitic prefix + skeleton ``gate``)."""
    prefix, first = gate
    w = words.word(i)
    if w.tail or i + 1 >= len(words):
        return None
    second = words.word(i + 1)
    if second.lead:
        return None
    key = second.rest_key
    if not key and not second.tail and i + 2 < len(words):
        key = words.word(i + 2).rest_key
    longest = index.longest(first, key)
    if not longest:
        return None
    found = _match_window(words, i, prefix, first, longest, index)
    if found is None and not prefix and w.body.startswith("و"):
        # و is a vowel letter to the skeleton, so the gate read والقوات unprefixed; spell it as و + القوات
        prefix = "و"
        found = _match_window(words, i, prefix, first, longest, index)
    if found is None:
        return None
    n, entry = found
    b = words.body_span(i + n - 1)[1]
    if entry.generic and _continues_name(words.norm, b):
        return None
    a = words.body_span(i, prefix)[0]
    if prefix.endswith("ل") and w.body[len(prefix) :].startswith("ل"):
        a -= 1  # ل + الحزب written للحزب: the mention is the whole word
    a, b, described = _extend_descriptor(words.norm, a, b)
    return _Mention(a, b, entry.id, entry, described=described)


def _licensed_by_word(m: _Mention, norm: str) -> bool:
    """A member noun (or, for an affiliation adjective, a person noun) or one of the entry's licence
    words right before the mention: عناصر القاعدة، السيناتور الجمهوري، القيادي الإخواني."""
    prev = _previous_body(norm, m.start)
    if not prev:
        return False
    words = (affiliation_words() if m.licensed_only else member_words()) | (m.entry.licence if m.entry else frozenset())
    if any(rest in words for _prefix, rest in clitic_readings(parse_word(prev).body)):
        return True
    if prev == "في" and not m.licensed_only:
        # القيادي في الإصلاح، عضو في حماس: a member noun with في before the name
        member = _previous_body(norm, m.start - len(prev) - 1)
        members = member_words()
        if member and any(rest in members or (rest.startswith("ال") and rest[2:] in members)
                          for _prefix, rest in clitic_readings(parse_word(member).body)):
            return True
    # multi-word licences (رئيس حزب): the text before the mention ends with them
    before = norm[max(0, m.start - 30) : m.start - 1]
    return any(" " in lic and before.endswith(lic) for lic in (m.entry.licence if m.entry else ()))


def _coordinated(a: _Mention, b: _Mention, norm: str) -> bool:
    """Two mentions side by side in a list (حماس وفتح، التغيير، الجماعة الإسلامية)."""
    first, second = (a, b) if a.start < b.start else (b, a)
    gap = norm[first.end : second.start]
    return len(gap) <= 6 and _COORDINATION.fullmatch(gap) is not None and any(c in gap for c in "،,و")


def _resolve_weak(mentions: list[_Mention], norm: str) -> list[_Mention]:
    """Keep weak forms only when licensed; drop everything else that is weak.

    The context test (a word search over the article) runs last and at most
    once per entry: most weak hits (فتح the verb) have no licence at all.
    """
    weak = [m for m in mentions if m.weak]
    if not weak:
        return mentions
    strong_keys = {m.key for m in mentions if not m.weak}
    for m in mentions:
        m.licensed = not m.weak
    context: dict[str, bool] = {}

    def in_article_context(m: _Mention) -> bool:
        assert m.entry is not None
        if m.key not in context:
            context[m.key] = in_context(m.entry, norm)
        return context[m.key]

    for m in weak:
        assert m.entry is not None
        if m.licensed_only:  # عضو ديمقراطي: the adjective names the party only after a member noun
            m.licensed = _licensed_by_word(m, norm) and in_article_context(m)
        elif m.described or (m.key in strong_keys and not _continues_name(norm, m.end)):
            m.licensed = True  # تنظيم القاعدة … القاعدة: the group is named anyway
        elif (m.entry.context_suffices or _licensed_by_word(m, norm)) and in_article_context(m):
            m.licensed = True
    changed = True
    ordered = sorted(mentions, key=lambda x: x.start)
    while changed:  # coordination spreads along a list of names
        changed = False
        for x, y in zip(ordered, ordered[1:], strict=False):
            for p, q in ((x, y), (y, x)):
                if p.licensed and not q.licensed and q.weak and not q.licensed_only \
                        and _coordinated(p, q, norm) and in_article_context(q):
                    q.licensed = True
                    changed = True
    return [m for m in mentions if m.licensed]


def _repeated_names(norm: str, mentions: list[_Mention]) -> list[_Mention]:
    """Later mentions of a discovered name that was introduced in quotation marks, without its head.

    A name someone put in quotes after جماعة/مجموعة is a proper name, so the
    bare name elsewhere (أحرار الشمال) is the same group.
    """
    out: list[_Mention] = []
    spans = [(m.start, m.end) for m in mentions]
    for m in mentions:
        d = m.discovery
        if d is None or not d.quoted or m.entry is not None:
            continue
        for a, b in find_words(norm, d.key):
            if not any(s < b and a < e for s, e in spans):
                out.append(_Mention(a, b, m.key, discovery=d))
                spans.append((a, b))
    return out


def _merge_generic(records: dict[str, dict[str, Any]], norms: dict[str, list[str]]) -> None:
    """Mentions of a shared or uncatalogued name join a longer name in the article that begins with it
    (الجماعة الإسلامية → الجماعة الإسلامية الكردستانية, حزب الأحرار → حزب الأحرار اليميني)."""
    for key in list(records):
        rec = records[key]
        if not rec.get("_generic") and rec["catalogued"]:
            continue
        mine = norms[key]
        for other, forms in norms.items():
            if other == key or other not in records:
                continue
            if any(f.startswith(g + " ") for f in forms for g in mine):
                records[other]["mentions"] += rec["mentions"]
                del records[key]
                break


def _record(entry: Entry) -> dict[str, Any]:
    """A new record for a catalogued organisation (the private keys are dropped before output)."""
    return {"name": entry.name, "name_en": entry.name_en, "category": entry.category, "catalogued": True,
            "id": entry.id, "mentions": [], "_generic": entry.generic, "_entry": entry}


_NEAR = 250  # characters either side of a shared name searched first for the country it belongs to


def _story_reading(entry: Entry, forms: list[str], article: Article, spans: list[list[int]]) -> Entry | None:
    """The organisation a shared name means in this story (see groups.json ``readings``), or None.

    A country named in a mention decides (الحزب الإسلامي الأفغاني); otherwise
    the reading country named most often around the mentions, else in the
    whole article, the entry's own country first on a tie (حزب العدالة
    والتنمية next to Istanbul is the AKP, next to Rabat the PJD).
    """
    readings = dict(entry.readings)
    named = [ref.country.code for form in forms for word in form.split() if (ref := find_country(word)) is not None]
    if named:
        code = next((c for c in named if c in readings), None)
    else:
        norm, matcher = article.norm, country_matcher()
        near: Counter[str] = Counter()
        for s, e in spans:
            a, b = max(0, article.norm_index(s) - _NEAR), min(len(norm), article.norm_index(e) + _NEAR)
            near.update(hit[3].country.code for hit in matcher.finditer_norm(norm, a, b))
        counts = near if any(near.get(c) for c in readings) else \
            Counter(hit[3].country.code for hit in matcher.finditer_norm(norm))
        code = max(readings, key=lambda c: counts.get(c, 0))
        if not counts.get(code):
            code = None
    target = entry_by_id().get(readings[code]) if code is not None else None
    return target if target is not None and target.id != entry.id else None


def _read_shared_names(records: dict[str, dict[str, Any]], norms: dict[str, list[str]], article: Article) -> None:
    """Give a shared name (الجماعة الإسلامية، حزب العدالة والتنمية) the organisation it means in this story."""
    for key in [k for k, rec in records.items() if rec.get("_entry") is not None and rec["_entry"].readings]:
        rec = records[key]
        target = _story_reading(rec["_entry"], norms[key], article, [m["span"] for m in rec["mentions"]])
        if target is None:
            continue
        del records[key]
        if target.id in records:
            records[target.id]["mentions"] += rec["mentions"]
        else:
            records[target.id] = {**_record(target), "mentions": rec["mentions"]}


def _strip_article(s: str) -> str:
    return s[2:] if s.startswith("ال") else s


def extract(article: Article) -> list[dict[str, Any]]:
    """One record per named organisation, mentions in text order with spans into ``article.text``."""
    norm = article.norm
    if not norm:
        return []
    taken: list[tuple[int, int]] = []
    words = Words(norm)
    tokens = words.tokens
    plain = _plain
    candidates = [i for i in [i for i, t in enumerate(tokens) if t not in plain]
                  if _token_readings(tokens[i]) is not _NOTHING]
    if not candidates:
        return []
    readings = [_readings[tokens[i]] for i in candidates]
    mentions = _catalogue_mentions(words, [i for i, r in zip(candidates, readings, strict=True) if r.opens], taken)
    taken += [(m.start, m.end) for m in mentions if not m.weak and not m.after_unit]
    mentions += _word_mentions(words, [i for i, r in zip(candidates, readings, strict=True) if r.gate or r.head], taken)
    mentions = _resolve_weak(mentions, norm)
    mentions += _repeated_names(norm, mentions)
    mentions.sort(key=lambda m: (m.start, -m.end))
    records: dict[str, dict[str, Any]] = {}
    norms: dict[str, list[str]] = {}
    last_end = -1
    for m in mentions:
        if m.start < last_end:
            continue  # overlapping weak/strong readings: the earlier, longer one stands
        last_end = m.end
        s, e = article.span(m.start, m.end)
        if m.key not in records:
            if m.entry is not None:
                records[m.key] = _record(m.entry)
            else:
                assert m.discovery is not None
                # a quoted name is the name (مجموعة /أحرار الشمال/ → أحرار الشمال); otherwise head + name
                ns, ne = article.span(m.discovery.name_start, m.discovery.name_end) if m.discovery.quoted else (s, e)
                name = re.sub(r"\s+", " ", article.text[ns:ne])
                records[m.key] = {"name": name.strip(), "name_en": None, "category": m.discovery.category,
                                  "catalogued": False, "id": None, "mentions": []}
        records[m.key]["mentions"].append({"text": article.text[s:e], "span": [s, e]})
        norms.setdefault(m.key, []).append(_strip_article(norm[m.start : m.end]))
    _merge_generic(records, norms)
    _read_shared_names(records, norms, article)
    out = []
    for rec in sorted(records.values(), key=lambda r: min(x["span"][0] for x in r["mentions"])):
        rec.pop("_generic", None)
        rec.pop("_entry", None)
        rec["mentions"].sort(key=lambda x: x["span"][0])
        out.append(rec)
    return out
