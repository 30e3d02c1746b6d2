"""The agreement extractor's lexicons, normalised and compiled once per process.

Everything the rules compare is normalised with :func:`exporter.normalize.normalize`
(the project's one normalisation), so a data file may spell أ/إ/ا or ة/ه either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...lexicon import PhraseMatcher
from ...normalize import normalize
from ...resources import load_json
from ..group_catalogue import entries as group_entries
from .tokens import PhraseSet


@dataclass(frozen=True)
class TriggerForm:
    """One written form of a trigger and what it means."""

    form: str
    family: str  # agree | sign | conclude | reach | renew | ratify
    action: str
    cameo: str
    kind: str  # verb | masdar | noun | headline_noun
    subject: int  # 1 singular, 2 dual, 3 plural, 0 first person plural
    document: bool  # needs a document noun (اتفاقية، مذكرة تفاهم …)
    document_within: int  # how many words after the trigger the document may come
    explicit_parties: bool  # وافق/توافق: only with parties named in the clause

    @property
    def imperfect(self) -> bool:
        return self.kind == "verb" and self.form[:1] in "يتن" and not self.form.startswith("توصل") \
            and not self.form.startswith("توافق") and not self.form.startswith("تجدد")


@dataclass(frozen=True)
class Head:
    """A noun that opens an organisation's name."""

    norm: str
    lil: bool  # may continue with a لل phrase (للاستثمار العقاري)
    needs_lil: bool  # names an organisation only with a لل phrase
    definite: bool
    local: bool = False  # a local body whose name may end with its place (كلية الآداب بسوسة)


@dataclass(frozen=True)
class RefInfo:
    """A phrase that refers to parties named elsewhere."""

    kind: str  # ref | collective | government
    size: int  # 2 dual, N numbered plural, -1 unspecified plural
    members: tuple[str, ...] = ()  # ISO codes for collectives (الكوريتان)
    country: str | None = None  # government seats (البيت الأبيض → US)
    takes_number: bool = False  # a plural that may be followed by a number word (الدول الثلاث)
    strict: bool = False  # sides of a conflict (طرفا الحرب): only resolved to parties named as such
    sides: bool = False  # الطرفان/الجانبان: two sides, each of which may be several bodies
    states: bool = False  # البلدان/الدولتان: two states (not an airline, not a city named in passing)


def nset(words: list[str]) -> frozenset[str]:
    return frozenset(normalize(w) for w in words)


def phrases(words: list[str]) -> PhraseSet:
    """Multi-word phrases as tuples of normalised words, indexed by first word, longest first."""
    return PhraseSet(tuple({tuple(normalize(w).replace("،", " ، ").split()) for w in words}))


@lru_cache(maxsize=1)
def triggers() -> PhraseMatcher[TriggerForm]:
    entries: list[tuple[str, TriggerForm]] = []
    for t in load_json("agreement_triggers.json")["triggers"]:
        for form, subject in t["forms"].items():
            entries.append((form, TriggerForm(
                normalize(form), t["family"], t["action"], t["cameo"], t["kind"], subject,
                bool(t.get("document")), int(t.get("document_within", 16)), bool(t.get("explicit_parties")))))
    return PhraseMatcher(entries, clitics=True)


@lru_cache(maxsize=1)
def documents() -> PhraseMatcher[bool]:
    """Document nouns → True when the noun only counts after توصل (تفاهم، هدنة …)."""
    data = load_json("agreement_triggers.json")
    reach_only = nset(data["reach_only_documents"])
    return PhraseMatcher([(d, normalize(d) in reach_only) for d in data["documents"]], clitics=True, article=True)


@lru_cache(maxsize=1024)
def indefinite_document(before: str, last: str) -> bool:
    """Whether the two words ``before`` ``last`` end an indefinite document's name (اتفاقا، اتفاق تهدئة،
    مذكرة تفاهم): a verb right after it is a relative clause without a relative pronoun (انتهكت اتفاقا وقع
    بين …: "an agreement signed between")."""
    docs = documents()
    if not last.startswith("ال") and docs.lookup(last) is not None:
        return True
    return last.isalpha() and not last.startswith("ال") and not before.startswith("ال") \
        and docs.lookup(before) is not None


@lru_cache(maxsize=1)
def trigger_words() -> dict[str, frozenset[str]]:
    data = load_json("agreement_triggers.json")
    return {
        "negations": nset(data["negations"]),
        "hedges": nset(data["hedges"]),
        "subjunctive": nset(data["subjunctive_particles"]),
        "assertions": nset(data["masdar_assertions"]),
        "passive": nset(data["passive_markers"]),
        "passive_fillers": nset(data["passive_fillers"]),
        "outcomes": nset(data["outcome_verbs"]),
        "generic": nset(data["document_generic_modifiers"]),
    }


@lru_cache(maxsize=1)
def party_words() -> dict[str, Any]:
    data = load_json("agreement_terms.json")
    orgs = load_json("organisations.json")
    return {
        "modifiers": nset(data["party_modifiers"]),
        "titles": nset(data["titles"]),
        "side_leaders": phrases(data["side_leaders"]),
        "time": nset(data["time_words"]),
        "adverbs": nset(data["adverbs"]),
        "openers": nset(data["clause_openers"]),
        "occupation": nset(data["occupation_names"]),
        "one_of": nset(data["one_of_words"]),
        "palestinian": nset(data["palestinian_markers"]),
        "pronoun_openers": nset(data["pronoun_openers"]),
        "coordinators": nset(data["coordinators"]),
        "name_stops": nset(data["name_stops"]),
        "org_titles": nset(data["organisation_title_words"]),
        # الخمس and its indefinite خمس (وقعا خمس اتفاقيات)
        "numbers": {w: v for k, v in data["references"]["numbers"].items()
                    for w in {normalize(k), normalize(k)[2:]} if len(w) > 2},
        "purpose_words": nset(orgs["purpose_words"]),
        "descriptive": nset(orgs["descriptive_adjectives"]),
        "not_names_after_head": nset(orgs["not_names_after_head"]),
        "manner_words": nset(orgs["manner_words"]),
    }


@lru_cache(maxsize=1)
def counted_pattern() -> re.Pattern[str]:
    """"أكثر من 30 دولة"، "ما يزيد عن 250 هيئة علمية عربية"، "خمس دول عربية": unnamed parties the text counts
    (agreement_terms.json "counted_note"), in the normalised text; group 1 is the party as written."""
    data = load_json("agreement_terms.json")
    numbers = sorted({w for w in party_words()["numbers"] if not w.startswith("ال")}, key=len, reverse=True)
    approx = "|".join(re.escape(normalize(w)) for w in sorted(data["count_approximators"], key=len, reverse=True))
    nouns = "|".join(re.escape(normalize(w)) for w in data["counted_nouns"])
    adjective = r"(?!(?:علي|الي|حتي|لدي|في|التي|الذي)(?!\w))(?!ال|اتفاقي)\w{2,}(?:يه|يا|ي)"
    return re.compile(rf"(?<!\w)((?:(?:{approx}) )?(?:\d{{1,3}}|{'|'.join(numbers)}) (?:{nouns})"
                      rf"(?: {adjective}){{0,2}})(?!\w)")


@lru_cache(maxsize=1)
def term_words() -> dict[str, Any]:
    t = load_json("agreement_terms.json")["term"]
    return {
        "topic": phrases(t["topic_prepositions"]),
        "purpose": phrases(t["purpose_markers"]),
        "provision_verbs": nset(t["provision_verbs"]),
        "provision_preps": phrases(t["provision_prepositions"]),
        "provision_subjects": nset(t["provision_subjects"]),
        "stops": phrases(t["stops"]),
        "connectives": nset(t["connectives"]),
        "fillers": phrases(t["fillers"]),
        "sub_items": phrases(t["sub_item_markers"]),
        "additions": phrases(t["addition_markers"]),
        "addition_openers": frozenset(p + w for w in phrases(t["addition_markers"]).by_first for p in ("", "و", "ف")),
        # the words where read() looks for one: the openers, or a comma before one
        "addition_checks": frozenset(p + w for w in phrases(t["addition_markers"]).by_first for p in ("", "و", "ف"))
        | frozenset("،,"),
        "document_name_stops": nset(t["document_name_stops"]),
        "ba_circumstances": nset(t["ba_circumstances"]),
        "months": frozenset(normalize(name).split()[0] for calendar in ("gregorian", "hijri")
                            for names in load_json("months.json")[calendar].values() for name in names),
        # تتولى، وتتولى، ستتولى، وستتولى
        "undertakings": frozenset(p + normalize(v) for v in t["undertaking_verbs"] for p in ("", "و", "س", "وس")),
        "list_intros": nset(t["list_intros"]),
        "list_closers": nset(t["list_closers"]),
        "further_openers": phrases(t["further_document_openers"]),
        "further_nouns": nset(t["further_document_nouns"]),
        "topic_verbs": nset(t["document_topic_verbs"]),
        "prepositions": nset(t["prepositions"]),
        "masdars": nset(t["masdars"]),
        "not_masdars": nset(t["not_masdars"]),
        "masdar_re": re.compile("|".join(f"(?:{p})" for p in t["masdar_patterns"])),
    }


@lru_cache(maxsize=1)
def references() -> PhraseMatcher[RefInfo]:
    return PhraseMatcher(_reference_entries(), clitics=True)


def _reference_entries() -> list[tuple[str, RefInfo]]:
    refs = load_json("agreement_terms.json")["references"]
    entries: list[tuple[str, RefInfo]] = []
    for code_list_name, members in refs["collectives"].items():
        entries.append((code_list_name, RefInfo("collective", len(members), tuple(members))))
    for phrase, size in refs["sized_collectives"].items():
        entries.append((phrase, RefInfo("ref", size)))
    seats = refs["government_seats"]
    for phrase in refs["governments"]:
        entries.append((phrase, RefInfo("government", 1, (), seats.get(phrase))))
    for phrase, code in seats.items():
        entries.append((phrase, RefInfo("government", 1, (), code)))
    for w in refs["strict"]:
        n = normalize(w)
        dual = n.startswith("طرف") or n.endswith("ين") and "المتنازعين" in n
        entries.append((w, RefInfo("ref", 2 if dual else -1, strict=True)))
    sides, states = nset(refs["sides"]), nset(refs["states"])
    entries += [(w, RefInfo("ref", 2, sides=normalize(w) in sides, states=normalize(w) in states))
                for w in refs["dual"]]
    for w in refs["plural"]:
        entries.append((w, RefInfo("ref", -1, takes_number=True)))
        if w.startswith("ال") and " " not in w:  # أحزاب الائتلاف الحكومي الأربعة: the indefinite construct form
            entries.append((w[2:], RefInfo("ref", -1, takes_number=True)))
    return entries


@lru_cache(maxsize=8192)
def word_kind(word: str) -> tuple[TriggerForm | None, bool | None, RefInfo | None]:
    """(trigger form, document value, reference) a normalised word is on its own, cached per word.

    Running-text tokens are already normalised and repeat across articles, so a cached lookup saves the
    matchers' own normalisation on every call.
    """
    return triggers().lookup(word), documents().lookup(word), references().lookup(word)


@lru_cache(maxsize=4096)
def bare_forms(word: str) -> tuple[str, ...]:
    """``word`` and its forms without proclitics and the article, most specific first.

    "وللتعاون" → ("وللتعاون", "للتعاون", "التعاون", "تعاون"); used to test a
    running-text word against a word list written without clitics.
    """
    out = [word]
    w = word
    if len(w) > 3 and w[0] in "وف":
        w = w[1:]
        out.append(w)
    if len(w) > 3 and w.startswith("لل"):
        out.append("ال" + w[2:])
        out.append(w[2:])
        return tuple(dict.fromkeys(out))
    if len(w) > 3 and w[0] in "بلك":
        out.append(w[1:])
        w2 = w[1:]
        if w2.startswith("ال") and len(w2) > 4:
            out.append(w2[2:])
    if w.startswith("ال") and len(w) > 4:
        out.append(w[2:])
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=16384)
def in_set(word: str, words: frozenset[str]) -> bool:
    """Whether ``word``, or the word without its clitics and article, is in ``words``."""
    return any(f in words for f in bare_forms(word))


@lru_cache(maxsize=1)
def party_lexicon() -> PhraseMatcher[tuple[str, Any]]:
    """One matcher for every party lexicon, so an article is scanned once: (kind, value) with kind
    country (CountryRef), grouping ((Grouping, numbered)), organisation (catalogue entry), group (group
    catalogue record), leader (ISO code), reference (RefInfo) or head (Head). Earlier lexicons win a form
    they share; country blockers (أمريكا اللاتينية) stop a match."""
    from ...countries import grouping_forms, running_text_entries

    entries: list[tuple[str, Any]] = [(p, None if ref is None else ("country", ref))
                                      for p, ref in running_text_entries()]
    entries += [(form, ("grouping", (grouping, numbered))) for form, grouping, numbered in grouping_forms()]
    for o in load_json("organisations.json")["catalogue"]:
        entries += [(form, ("organisation", o)) for form in [o["name"], *o["variants"]]]
    # the group catalogue's strong forms (weak ones need the group extractor's licensing), as group_matcher has them
    records = {g["id"]: g for g in load_json("groups.json")["groups"]}
    entries += [(form, ("group", records[entry.id])) for entry, strong, _weak in group_entries() for form in strong]
    entries += [(name, ("leader", code)) for code, names in load_json("leaders.json")["leaders"].items()
                for name in names]
    entries += [(phrase, ("reference", info)) for phrase, info in _reference_entries()]
    entries += [(head, ("head", h)) for head, h in _heads()]
    return PhraseMatcher(entries, clitics=True, article=True)


def _heads() -> list[tuple[str, Head]]:
    out = []
    for head, info in load_json("organisations.json")["heads"].items():
        n = normalize(head)
        out.append((head, Head(n, bool(info.get("lil")), bool(info.get("needs_lil")), n.startswith("ال"),
                               bool(info.get("local")))))
    return out


_PRONOUNS = ("هما", "هم", "ها", "ه")


_PRONOUN_PREPOSITIONS = frozenset({"عليه", "عليها", "عليهم", "عليهما", "به", "بها", "بهما", "فيه", "فيها", "اليه",
                                   "اليها", "منه", "منها", "له", "لها", "عنه", "عنها"})


def refers_back(word: str, nxt: str) -> bool:
    """Whether a coordinated word opens an action on what was just named: a verbal noun with an attached
    pronoun (ومناقشته، وعرضه، وتنفيذها) or a definite one with a preposition and pronoun (والمصادقة عليه)."""
    if word.startswith("ال"):
        return nxt in _PRONOUN_PREPOSITIONS and is_masdar(word)
    return word.endswith(_PRONOUNS) and not is_masdar(word) and is_masdar(word, suffix=True)


@lru_cache(maxsize=4096)
def is_masdar(word: str, suffix: bool = False) -> bool:
    """Whether ``word`` (normalised, clitics allowed) looks like a verbal noun that heads a term.

    A word list plus the derived patterns تفعيل، تفاعل، مفاعلة، إفعال، افتعال،
    استفعال; ``suffix`` also accepts an attached pronoun (وتثقيفها).
    """
    tw = term_words()
    forms = list(bare_forms(word))
    if suffix:
        for f in list(forms):
            for p in _PRONOUNS:
                if f.endswith(p) and len(f) - len(p) >= 3:
                    stem = f[: -len(p)]
                    forms.append(stem[:-1] + "ه" if stem.endswith("ت") else stem)  # مناقشته → مناقشة
                    break
    for f in forms:
        if f in tw["not_masdars"]:
            return False
        if f in tw["masdars"]:
            return True
        core = f[2:] if f.startswith("ال") and len(f) > 4 else f
        if core in tw["not_masdars"]:
            return False
        if core in tw["masdars"] or tw["masdar_re"].match(core):
            return True
    return False
