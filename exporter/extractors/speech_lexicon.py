"""The word lists behind quote, speaker and person extraction, loaded once.

Everything language-specific lives in data files (``cues.json``,
``titles.json``, ``speaker_heads.json``, ``attribution.json``,
``person_names.json``); this module turns them into normalised sets,
matchers and a few compiled patterns, so that the extractors compare
normalised tokens with plain set lookups and never re-normalise a lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import PhraseMatcher, trie_pattern
from ..normalize import normalize
from ..resources import load_json


@dataclass(frozen=True, slots=True)
class Cue:
    """One written form of a reporting cue."""

    lemma: str
    role: str  # speech | act | relay | source
    form: str  # verb | participle | noun
    gender: str | None  # m | f | p (the subject it agrees with); None for nouns
    preps: frozenset[str]  # normalised words allowed between cue and أن ('' = none)
    ambiguous: bool = False  # also a common other word: a clause boundary only when it introduces a quote
    has_object: bool = False  # the subject is followed by an object (اتهم X Y بأن)
    pronoun: str | None = None  # gender of an attached pronoun (تأكيده → m), for nouns
    findings: bool = False  # reports what a study or count shows (أظهرت الدراسة أن): no quote of a person or body
    impersonal: bool = False  # the masculine imperfect is also a subjectless passive (حيث يرجح أن، يعتقد أن)
    subjectless: bool = False  # this form right before أن is a subjectless verb, whatever its prefix (وتبين أن)
    complement_only: bool = False  # reports words only through أن/إن: marks after it are a title (عنونت «…»)
    adjacent: bool = False  # the complement follows at once (مذكرة بأن), else another word (مذكرة تفاهم)


# Pronoun suffixes on reporting nouns and on عن (عنه، عنها): the referent's gender.
PRONOUN_SUFFIXES = (("هما", "p"), ("هم", "p"), ("ها", "f"), ("ه", "m"))


def pronoun_gender(word: str) -> str | None:
    for suffix, gender in PRONOUN_SUFFIXES:
        if word.endswith(suffix):
            return gender
    return None


def _noun_pronoun(noun: str, nouns: list[str]) -> str | None:
    """Gender of the pronoun attached to a reporting noun (قوله → m, إشارتها → f, تصريح → None).

    A suffix counts when what is left is the stem of another form of the same lemma (قولها، قول …).
    """
    for suffix, gender in PRONOUN_SUFFIXES:
        stem = noun[:-len(suffix)]
        if noun.endswith(suffix) and len(stem) >= 3 and any(o != noun and o.startswith(stem) for o in nouns):
            return gender
    return None


_WEAK_END = "ىياوء"


def _dual_plural(cue: dict) -> list[str]:
    """Dual and plural verb forms the data file leaves out, made from the singular ones.

    Perfect: أشارت → أشارتا, أشار → أشارا / أشاروا; imperfect: يشير → يشيران / يشيرون, تشير → تشيران.
    Only for unambiguous speech verbs with a sound last letter (weak verbs such as رأى، نفى are irregular).
    """
    if cue["role"] != "speech" or cue.get("ambiguous"):
        return []
    verbs = cue.get("verb", {})
    listed = {w for forms in verbs.values() for w in forms}
    out: list[str] = []
    for w in verbs.get("f", []):
        if w[-1] in _WEAK_END:
            continue
        out.append(w + "ا" if w.endswith("ت") else w + "ان" if w.startswith("ت") else "")
    for w in verbs.get("m", []):
        if w[-1] in _WEAK_END or " " in w:
            continue
        out += [w + "ان", w + "ون"] if w.startswith("ي") else [w + "ا", w + "وا"]
    return [w for w in out if w and w not in listed]


def _norm_set(words) -> frozenset[str]:
    return frozenset(normalize(w) for w in words if normalize(w))


@dataclass(frozen=True)
class SpeechLexicon:
    cues: PhraseMatcher[Cue | str]  # cue forms (Cue), and titles, honorifics, given names ("title" …) to find people
    cue_words: frozenset[str]  # every normalised cue form, bare or after و/ف: a name or phrase ends there
    titles: frozenset[str]
    honorifics: frozenset[str]
    abbreviations: frozenset[str]
    courtesy: frozenset[str]  # single words; multi-word forms are in courtesy_phrases
    courtesy_phrases: tuple[tuple[str, ...], ...]
    courtesy_starts: frozenset[str]
    spokespersons: frozenset[str]
    name_introducers: frozenset[str]
    feminine: frozenset[str]
    anonymous: frozenset[str]
    documents: frozenset[str]
    instruments: frozenset[str]  # agreements, laws: وفقا لـ them is a provision, not a source's words
    organisations: frozenset[str]
    groups: frozenset[str]
    relations: frozenset[str]
    media: frozenset[str]
    place_nouns: frozenset[str]
    temporal: frozenset[str]
    adverbial_nouns: frozenset[str]
    stops: frozenset[str]
    clause_openers: frozenset[str]
    asides: frozenset[str]  # words that open an aside after a speaker phrase (ومقره، وعمره)
    skip_before_complement: frozenset[str]
    block_before_complement: frozenset[str]
    given_names: frozenset[str]
    ambiguous_given: frozenset[str]  # given names that are also common words (حسن، جمال)
    particles: frozenset[str]
    word_surnames: frozenset[str]  # function words that are also foreign surnames (لي): a name's last word
    speech_openers: frozenset[str]  # words that open unmarked direct speech (وأضاف هذا كيل بمكيالين)
    credit_opener: re.Pattern[str]  # وبحسب / ووفقا لـ at a sentence start
    tails: re.Pattern[str]  # ends a reported clause
    pronoun_tails: re.Pattern[str]  # "…"، على حد تعبيره
    named_tails: re.Pattern[str]  # "…" بحسب ما ذكره X
    known: frozenset[str]  # every listed word: a leading و or ب in it is part of the word (وزير، بيان)


# Nouns of administrative places (في محافظة صعدة، بمقاطعة كورام) that continue a title or source phrase.
_PLACE_NOUNS = ("محافظة", "مدينة", "ولاية", "منطقة", "إقليم", "بلدة", "قرية", "مقاطعة", "جزيرة", "دولة", "حي",
                "مخيم", "قطاع", "العاصمة", "عاصمة", "مديرية", "بلدية", "شمال", "جنوب", "شرق", "غرب", "وسط", "بلاد",
                "شرقي", "غربي", "جنوبي", "شمالي", "ضواحي", "محيط", "أنحاء")


def _first_chars(phrases) -> str:
    """A lookahead for the first characters of ``phrases``: a search then skips other positions at once."""
    chars = sorted({normalize(p)[0] for p in phrases if normalize(p)})
    return "(?=[" + "".join(re.escape(c) for c in chars) + "])"


def _phrase_pattern(phrases, *, comma: bool) -> str:
    body = trie_pattern(normalize(p) for p in phrases)
    lead = r"، ?" if comma else r"(?:، ?)?"
    return rf"{lead}(?<![^\W_])(?:{body})(?![^\W_])"


@lru_cache(maxsize=1)
def lexicon() -> SpeechLexicon:
    cues_data = load_json("cues.json")["cues"]
    entries: list[tuple[str, Cue]] = []
    for c in cues_data:
        preps = frozenset(normalize(p) for p in c.get("preps", [""]))
        common = dict(lemma=c["lemma"], role=c["role"], preps=preps, ambiguous=bool(c.get("ambiguous")),
                      has_object=bool(c.get("object")), findings=bool(c.get("findings")),
                      impersonal=bool(c.get("impersonal")), complement_only=bool(c.get("complement_only")),
                      adjacent=bool(c.get("adjacent")))
        subjectless = frozenset(c.get("subjectless", ()))
        for form in ("verb", "participle"):
            for gender, words in c.get(form, {}).items():
                entries += [(w, Cue(form=form, gender=gender, subjectless=w in subjectless, **common)) for w in words]
        nouns = [normalize(w) for w in c.get("noun", [])]
        entries += [(w, Cue(form="noun", gender=None, pronoun=_noun_pronoun(n, nouns), **common))
                    for w, n in zip(c.get("noun", []), nouns, strict=True)]
        entries += [(w, Cue(form="verb", gender="p", **common)) for w in _dual_plural(c)]
    titles = load_json("titles.json")
    heads = load_json("speaker_heads.json")
    attr = load_json("attribution.json")
    names = load_json("person_names.json")
    courtesy = [normalize(c) for c in titles["courtesy"]]
    scanned = [w for w in titles["titles"] if w not in set(titles["not_in_running_text"])]
    person_entries = [(w, "title") for w in scanned] + [("ال" + w, "title") for w in scanned]
    person_entries += [("ال" + w, "honorific") for w in titles["honorifics"]]
    person_entries += [(w, "given") for w in names["given"]]
    tails = [t["phrase"] for t in attr["tails"] if not t.get("comma")]
    comma_tails = [t["phrase"] for t in attr["tails"] if t.get("comma")]
    return SpeechLexicon(
        # one pass over the text finds both (cue forms win when a word is both)
        cues=PhraseMatcher([*entries, *person_entries], clitics=True),  # type: ignore[list-item]
        cue_words=frozenset(p + normalize(w) for w, _ in entries for p in ("", "و", "ف") if " " not in w),
        titles=_norm_set(titles["titles"]),
        honorifics=_norm_set(titles["honorifics"]),
        abbreviations=_norm_set(titles["abbreviations"]),
        courtesy=frozenset(c for c in courtesy if " " not in c),
        courtesy_phrases=tuple(tuple(c.split()) for c in courtesy if " " in c),
        courtesy_starts=frozenset(c.split()[0] for c in courtesy if " " in c),
        spokespersons=_norm_set(titles["spokespersons"]),
        name_introducers=_norm_set(titles["name_introducers"]),
        feminine=_norm_set(titles["feminine"]),
        anonymous=_norm_set(heads["anonymous"]),
        documents=_norm_set(heads["documents"]),
        instruments=_norm_set(heads["instruments"]),
        organisations=_norm_set(w[2:] if w.startswith("ال") and " " not in w else w for w in heads["organisations"]),
        groups=_norm_set(heads["groups"]),
        relations=_norm_set(heads["relations"]),
        media=_norm_set(heads["media"]),
        place_nouns=_norm_set(w.removeprefix("ال") for w in _PLACE_NOUNS),
        temporal=_norm_set(attr["temporal"]),
        adverbial_nouns=_norm_set(attr["adverbial_nouns"]),
        stops=_norm_set(attr["stops"]),
        clause_openers=_norm_set(attr["clause_openers"]),
        asides=_norm_set(attr["asides"]),
        skip_before_complement=_norm_set(attr["skip_before_complement"]),
        block_before_complement=_norm_set(attr["block_before_complement"]),
        given_names=_norm_set(names["given"]),
        ambiguous_given=_norm_set(names["ambiguous"]),
        particles=_norm_set(names["particles"]),
        word_surnames=_norm_set(names["word_surnames"]),
        speech_openers=_norm_set(attr["speech_openers"]),
        credit_opener=re.compile(r"(?:و)?(?:" + trie_pattern(normalize(w) for w in attr["credit_openers"])
                                 + r")(?![^\W_]) ?ل?"),
        tails=re.compile(_first_chars(["،", *tails]) + "(?:" + _phrase_pattern(comma_tails, comma=True) + "|"
                         + _phrase_pattern(tails, comma=False) + ")"),
        pronoun_tails=re.compile(r"[\s،,]*(?:" + trie_pattern(normalize(p) for p in attr["pronoun_tails"])
                                 + r")(?![^\W_])"),
        named_tails=re.compile(r"[\s،,]*(?:" + trie_pattern(normalize(p) for p in attr["named_tails"])
                               + r")(?![^\W_]) ?"),
        known=frozenset().union(*(_norm_set(ws) for ws in (
            titles["titles"], titles["honorifics"], heads["anonymous"], heads["documents"], heads["organisations"],
            heads["groups"], heads["relations"], heads["media"], names["given"], names["particles"], attr["stops"],
            attr["temporal"], _PLACE_NOUNS))),
    )
