"""Parties: coordinated chains of mentions around a trigger, and what references refer to.

"اتفقت إيران وباكستان" is a chain after the verb; "إن البلدين اتفقا" a
reference before it, resolved to the parties of the previous agreement of
that size, else the last coordinated set of that size, else the last
entities named; "أنها أبرمت … مع Y" has a pronoun subject, resolved to the
entity the sentence is about.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ...countries import country_by_code
from ...normalize import normalize
from .mentions import (
    MAX_GAP,
    Index,
    Mention,
    gap_words,
    is_coordination,
    is_trigger_or_document,
    quoted_name,
    quoted_org_name,
    written_country,
)
from .tokens import COMMAS, QUOTES_CLOSE, QUOTES_OPEN, Words
from .vocab import bare_forms, in_set, party_words

# a mention after one of these is not a subject (إلى سوريا، في أمريكا); من is left out: النائبة من حزب نداء تونس
_PREPOSITIONS = frozenset({"الي", "في", "ضد", "عن", "لدي", "علي", "مع", "حول", "بشان", "تجاه", "نحو", "عبر"})
_DEFINERS = (("المكون", "من"), ("المكونه", "من"), ("والمكون", "من"), ("والمكونه", "من"), ("المولف", "من"),
             ("المولفه", "من"), ("وهي",), ("وهم",), ("هي",), ("هم",), ("وتضم",), ("التي", "تضم"), ("الذي", "يضم"))


_SIDES_INTRODUCERS = frozenset({"عن", "بين", "هما", "وهما", "ممثلي", "وفدي"})
NEAR = 4  # sentences: how far back a plural or a first person (اتفقوا، اتفقنا، المشاركون) may refer


@dataclass(frozen=True)
class Party:
    key: str
    kind: str  # country | organisation | group | person | other
    name: str
    name_en: str | None
    code: str | None
    country: str | None  # the state a person or government stands for
    span: tuple[int, int] | None  # normalised offsets, None when resolved from elsewhere

    def as_country(self) -> Party:
        c = country_by_code(self.country or "")
        if c is None:
            return self
        return Party("C:" + c.code, "country", c.name, c.name_en, c.code, c.code, None)


def party_of(m: Mention, explicit: bool = True, words: Words | None = None) -> Party:
    span = (m.a, m.b) if explicit and m.a >= 0 else None
    if m.kind == "country":
        name = written_country(m, words) if explicit and words is not None and m.explicit else m.name
        return Party(m.key, "country", name, m.name_en, m.code, m.code, span)
    if m.kind == "person":
        return Party(m.key, "person", m.name, None, None, m.country, span)
    name = m.name if explicit or "canonical" not in m.extras else m.extras["canonical"][0]
    return Party(m.key, m.kind, name, m.name_en, m.code, m.country, span)


def country_party(code: str) -> Party | None:
    c = country_by_code(code)
    if c is None:
        return None
    return Party("C:" + c.code, "country", c.name, c.name_en, c.code, c.code, None)


def state_key(p: Party) -> str:
    """Identity of a party for "same party" tests: persons and governments count as their country."""
    if p.kind == "person" and p.country:
        return "C:" + p.country
    return p.key


def distinct(parties: list[Party]) -> list[Party]:
    """``parties`` without repeats: the first of those that are the same party or stand for the same state."""
    seen: set[str] = set()
    out = []
    for p in parties:
        k = state_key(p)
        if k in seen or p.key in seen:
            continue
        seen.add(k)
        seen.add(p.key)
        out.append(p)
    return out


def occupation_as_israel(parties: list[Party]) -> list[Party]:
    """"… بين الاحتلال والفصائل الفلسطينية": a party named only as the occupation is Israel when another
    party is Palestinian (agreement_terms.json "occupation_note"); its name stays as written."""
    pw = party_words()
    occupier = [p for p in parties if p.kind == "other" and normalize(p.name) in pw["occupation"]]
    if not occupier or not any(p.code == "PS" or p.country == "PS" or any(
            w in pw["palestinian"] for w in normalize(p.name).split()) for p in parties if p not in occupier):
        return parties
    israel = country_party("IL")
    if israel is None:
        return parties
    return [Party(israel.key, "country", p.name, israel.name_en, israel.code, israel.code, p.span)
            if p in occupier else p for p in parties]


def as_states(parties: list[Party]) -> list[Party]:
    """Leaders and officials stand for their states when every party is a state."""
    if all(p.kind == "country" or p.kind == "person" and p.country for p in parties):
        return distinct([p.as_country() if p.kind == "person" else p for p in parties])
    return parties


class Resolver:
    """Reads party chains in an article and resolves references against what came before."""

    def __init__(self, index: Index):
        self.index = index
        self.words = index.words
        self.pw = party_words()
        self.prior: list[list[Party]] = []  # parties of the agreements found so far, in text order
        self.prior_sentence: list[int] = []  # the sentence each of them was reported in
        self.prior_span: list[tuple[int, int]] = []  # and the span of the statement
        self._resolving: set[int] = set()  # references being resolved (see _reference)

    # ------------------------------------------------------------------ chains

    def _fillers_only(self, a: int, b: int, allow: frozenset[str] = frozenset()) -> bool:
        if b - a > MAX_GAP:
            return False
        gap = gap_words(self.words, a, b)
        if len(gap) > 7:
            return False
        pw = self.pw
        for w in gap:
            if not (w in pw["time"] or in_set(w, pw["modifiers"]) or w in QUOTES_OPEN or w in QUOTES_CLOSE or w in allow
                    or w in "()"):
                return False
        return True

    def chain_after(self, pos: int, limit: int, fallback: bool = False) -> tuple[list[Mention], int, bool]:
        """Mentions coordinated from ``pos`` (fillers such as أمس، حكومة، كل من skipped); (chain, end, distributive)."""
        idx = self.index.first_at_or_after(pos)
        ms = self.index.mentions
        chain: list[Mention] = []
        if idx < len(ms) and ms[idx].a < limit and self._fillers_only(pos, ms[idx].a, frozenset({"و", "،", ","})):
            gap = gap_words(self.words, pos, ms[idx].a)
            if gap[:1] and gap[0] in ("،", ","):
                return [], pos, False
            chain.append(ms[idx])
            k = idx + 1
        elif fallback:
            np = self.fallback_np(pos, limit)
            if np is None:
                return [], pos, False
            chain.append(np)
            k = self.index.first_at_or_after(np.end)
        else:
            return [], pos, False
        distributive = "كل" in gap_words(self.words, pos, chain[0].a)
        end = chain[-1].end
        while True:
            while k < len(ms) and ms[k].a < end:
                k += 1
            if k < len(ms) and ms[k].a < limit and is_coordination(gap_words(self.words, end, ms[k].a), self.pw,
                                                                   chain[-1], ms[k]):
                chain.append(ms[k])
                end = ms[k].end
                k += 1
                continue
            if fallback:
                np = self._coordinated_np(end, limit)
                if np is not None:
                    chain.append(np)
                    end = np.end
                    continue
            break
        return chain, end, distributive

    def _coordinated_np(self, pos: int, limit: int) -> Mention | None:
        """A fallback noun phrase joined by و right after ``pos`` (… والمعارضة)."""
        i = self.words.index_from(pos)
        w = self.words.word(i)
        if w in COMMAS:
            i += 1
            w = self.words.word(i)
        if w == "و":
            return self.fallback_np(self.words.ends[i], limit)
        if w.startswith("وال") and i < len(self.words):
            return self.fallback_np(self.words.starts[i] + 1, limit)
        return None

    def fallback_np(self, pos: int, limit: int) -> Mention | None:
        """A definite noun phrase taken as written (المعارضة، الحبيب الصيد) when no lexicon names the party."""
        words, pw = self.words, self.pw
        i = words.index_at(pos)
        while i < len(words) and words.starts[i] < limit and words.word(i) in pw["time"]:
            i += 1
        if i >= len(words) or words.starts[i] >= limit:
            return None
        first = words.word(i)
        start = max(words.starts[i], pos)
        if not first.startswith("ال") and not (first.startswith("وال") and start > words.starts[i]):
            return None
        if first.endswith("ات") or first.endswith("ين") or first.endswith("ون"):
            return None  # الجامعات، المنظمات الإقليمية: a class, not a named party
        k = i
        while k < len(words) and words.starts[k] < limit and k - i < 4:
            w = words.word(k)
            if k > i and (w[:1] == "و" or not w.startswith("ال") and not w.isalpha()):
                break
            if (not w.isalpha() or in_set(w, pw["name_stops"]) or w in pw["time"] or is_trigger_or_document(words, k)
                    or w in pw["coordinators"]):
                break
            k += 1
        if k == i:
            return None
        b = words.ends[k - 1]
        name = words.text(start, b)
        return Mention(start, b, "other", "X:" + words.norm[start:b], name)

    def chain_before(self, pos: int, floor: int) -> list[Mention]:
        """The coordinated mentions that end right before ``pos`` (an SVO subject), not before ``floor``."""
        ms = self.index.mentions
        pos = self._before_parenthesis(pos, floor)
        k = self.index.first_at_or_after(pos) - 1
        while k >= 0 and ms[k].end > pos:
            k -= 1
        if k < 0 or ms[k].a < floor or not self._fillers_only(ms[k].end, pos, frozenset({"،", ","})):
            return []
        chain = [ms[k]]
        k -= 1
        while k >= 0 and ms[k].a >= floor and is_coordination(gap_words(self.words, ms[k].end, chain[0].a), self.pw,
                                                              ms[k], chain[0]):
            chain.insert(0, ms[k])
            k -= 1
        return chain

    def _before_parenthesis(self, pos: int, floor: int) -> int:
        """"الأطراف الأربعة (أ، ب، ج، د) وافقت": the subject is the phrase before the parenthesis."""
        words = self.words
        k = words.index_at(pos) - 1
        if k < 0 or words.word(k) != ")":
            return pos
        depth = 0
        while k >= 0 and words.starts[k] >= floor:
            if words.word(k) == ")":
                depth += 1
            elif words.word(k) == "(":
                depth -= 1
                if depth == 0:
                    return words.starts[k]
            k -= 1
        return pos

    # ------------------------------------------------------------- resolution

    def parties(self, chain: list[Mention], pos: int, exclude: set[str] = frozenset()) -> list[Party]:
        out: list[Party] = []
        for m in chain:
            out += self.resolve(m, pos, exclude)
        return out

    def resolve(self, m: Mention, pos: int, exclude: set[str] = frozenset()) -> list[Party]:
        if m.kind == "person" and m.country and self._governed(m):
            return [party_of(m, words=self.words).as_country()]  # حكومة الرئيس سلفا كير: the state
        if m.is_entity:
            return [party_of(m, words=self.words)]
        if m.kind == "collective":
            return [p for p in (country_party(c) for c in m.members) if p]
        if m.kind == "government":
            code = m.country or self._government_before(pos)
            p = country_party(code) if code else None
            return [p] if p else []
        if m.kind == "orgref":
            return self._organisation_before(m, exclude)
        if m.kind == "ref":
            return self._reference(m, pos, exclude)
        return []

    def _governed(self, m: Mention) -> bool:
        """Whether a leader is named as the head of a government (حكومة الرئيس سلفا كير، حكومة نتنياهو)."""
        i = self.words.index_at(m.a)
        return any(bare.startswith("حكوم") for k in (i - 1, i - 2) for bare in bare_forms(self.words.word(k))[-1:])

    def _government_before(self, pos: int) -> str | None:
        best = None
        for p, code in self.index.governments:
            if p < pos:
                best = code
        return best or self.dominant_country()

    def dominant_country(self) -> str | None:
        """The country the article names most; else the one named inside its organisations' names
        (الاتحاد العام التونسي للشغل: the government is Tunisia's)."""
        counts = Counter(m.code for m in self.index.mentions if m.kind == "country")
        if not counts:
            from ...countries import country_matcher

            matcher = country_matcher()
            counts = Counter(hit[3].country.code for m in self.index.mentions if m.kind == "organisation"
                             for hit in matcher.finditer_norm(self.words.norm, m.a, m.b))
        return counts.most_common(1)[0][0] if counts else None

    def _organisation_before(self, m: Mention, exclude: set[str]) -> list[Party]:
        cands = [o for o in self.index.mentions
                 if o.kind == "organisation" and o.head == m.head and o.key not in exclude]
        before = [o for o in cands if o.a < m.a]
        pool = before or cands
        if not pool:
            return self._quoted_organisation(m)
        counts = Counter(o.key for o in pool)
        top = max(counts.values())
        for o in reversed(pool) if before else pool:
            if counts[o.key] == top:
                return [party_of(o, explicit=False)]
        return []

    def _quoted_organisation(self, m: Mention) -> list[Party]:
        """The company a reference (الشركة، الشركة الكندية) means when the sentences read name none: the
        name quoted after its head elsewhere in the article (شركة «بومبارديي»)."""
        found = quoted_name(self.words, m.head)
        if found is None:
            return []
        a, b = found
        name = quoted_org_name(self.words, a, b, m.head, self.words.text(m.a, m.a + len(m.head)))
        return [Party("O:" + normalize(name), "organisation", name, None, None, None, None)]

    def _members(self, m: Mention) -> list[Mention] | None:
        """Parties a reference spells out: "الأطراف الأربعة (أ، ب، ج، د)" or "… والمكون من أ، وب"."""
        words = self.words
        i = words.index_from(m.end)
        k = i
        while k < len(words) and k - i < 4 and (words.word(k) in COMMAS or words.word(k).startswith("ال")
                                                 and words.word(k) not in ("المكون", "المكونه", "المولف", "المولفه")):
            k += 1
        if k < len(words) and words.word(k) == "(":
            close = k + 1
            while close < len(words) and close - k < 30 and words.word(close) != ")":
                close += 1
            if close >= len(words):
                return None
            items: list[Mention] = []
            seg_start = words.ends[k]
            for t in range(k + 1, close + 1):
                if words.word(t) in COMMAS or t == close:
                    seg_end = words.starts[t]
                    chain, _, _ = self.chain_after(seg_start, seg_end, fallback=True)
                    items += chain
                    seg_start = words.ends[t]
            return items if len(items) >= 2 else None
        for d in _DEFINERS:
            if words.matches(k, d):
                start = words.ends[k + len(d) - 1]
                sentence_end = words.sentence_of(m.a)[1]
                chain, _, _ = self.chain_after(start, sentence_end, fallback=True)
                return chain if len(chain) >= 2 else None
        return None

    def spelled_end(self, chain: list[Mention], end: int) -> int:
        """Where a chain ends with the country adjectives that spell out its last reference (بين الجانبين
        المصري والأردني: after والأردني), else ``end``."""
        if chain and chain[-1].kind == "ref":
            adjectives = self._adjectives_after(chain[-1])
            if len(adjectives) >= 2:
                return max(end, adjectives[-1].end)
        return end

    def _adjectives_after(self, m: Mention) -> list[Mention]:
        """"الجانبين المصري والأمريكي": the country adjectives that name a reference's members."""
        ms = self.index.mentions
        k = self.index.first_at_or_after(m.end)
        out: list[Mention] = []
        end = m.end
        while k < len(ms) and ms[k].kind == "country" and ms[k].form == "adjective":
            gap = gap_words(self.words, end, ms[k].a)
            if gap and not is_coordination(gap, self.pw, out[-1] if out else None, ms[k]):
                break
            out.append(ms[k])
            end = ms[k].end
            k += 1
        return out

    def _reference(self, m: Mention, pos: int, exclude: set[str]) -> list[Party]:
        """What a reference means; a reference met again while it is being resolved (two references in
        each other's coordinated sets) means nothing more."""
        if m.a in self._resolving:
            return []
        self._resolving.add(m.a)
        try:
            return self._resolve_reference(m, pos, exclude)
        finally:
            self._resolving.discard(m.a)

    def _resolve_reference(self, m: Mention, pos: int, exclude: set[str]) -> list[Party]:
        size = m.size
        adjectives = self._adjectives_after(m)
        if len(adjectives) >= 2:
            return [party_of(a, explicit=False) for a in adjectives]
        members = self._members(m)
        if members:
            return [p for x in members for p in self.resolve(x, pos, exclude)]
        fits = (lambda n: n >= 2) if size < 2 else (lambda n: n == size)
        here = self.words.sentence_index(m.a)
        norm = self.words.norm
        for k in range(len(self.prior) - 1, -1, -1):
            parties, (sa, sb) = self.prior[k], self.prior_span[k]
            if (m.strict or size < 2) and here - self.prior_sentence[k] > NEAR and norm.find(norm[m.a:m.b], sa, sb) < 0:
                # المشاركون، الأطراف: the participants of another meeting further up, unless they were
                # called so there too (واتفق الوزراء … ودان الوزراء …، واتفقوا)
                continue
            kept = [p for p in parties if p.key not in exclude]
            if m.states and any(p.kind != "country" for p in kept):
                continue  # البلدان: two states, not the ministry and the airline that signed just before
            # "التوصل إلى اتفاق بين الوزارة والنقابة أ والنقابة ب … واتفق الطرفان": two sides of the agreement
            # just reported may be more than two bodies
            sides = m.sides and k == len(self.prior) - 1 and len(kept) > 2 and here - self.prior_sentence[k] <= 1
            if fits(len(kept)) or sides:
                return [Party(p.key, p.kind, p.name, p.name_en, p.code, p.country, None) for p in kept]
        if m.strict:
            return self._sides_named_next(m, exclude) if size == 2 else []
        older: list[list[Party]] = []
        for chain in reversed(self.index.chains):
            ms = [self.index.mentions[k] for k in chain]
            if ms[-1].end > m.a:
                continue
            ents = self._distinct([p for x in ms for p in self.resolve(x, x.a, exclude)], exclude)
            if fits(len(ents)):
                if here - self.words.sentence_index(ms[0].a) <= 2:
                    return ents
                older.append(ents)
        if size == 2:  # الدول الخمس …: not whatever five were named last
            before = self.last_entities(m.a, 2, exclude, states=m.states)
            if fits(len(before)):
                return before
        if older:
            return older[0]
        for chain in self.index.chains:
            ms = [self.index.mentions[k] for k in chain]
            if ms[0].a <= m.a:
                continue
            ents = self._distinct([p for x in ms for p in self.resolve(x, x.a, exclude)], exclude)
            if fits(len(ents)):
                return ents
        return []

    def _sides_named_next(self, m: Mention, exclude: set[str]) -> list[Party]:
        """"وقع طرفا الصراع في جنوب السودان اتفاقا … وجرى التوقيع بحضور ممثلين عن حكومة الرئيس سلفا كير
        وزعيم المتمردين رياك مشار": the two sides of a conflict, unnamed before, are the pair named
        right after (in the same or the next sentence)."""
        here = self.words.sentence_index(m.a)
        for chain in self.index.chains:
            ms = [self.index.mentions[k] for k in chain]
            if ms[0].a <= m.a:
                continue
            if self.words.sentence_index(ms[0].a) - here > 1:
                break
            if not all(x.is_entity for x in ms) or not self._introduced_as_sides(ms[0]):
                continue
            ents = as_states(self._distinct([p for x in ms for p in self.resolve(x, x.a, exclude)], exclude))
            if len(ents) == 2:
                return ents
        return []

    def _introduced_as_sides(self, m: Mention) -> bool:
        """Whether a chain starting with ``m`` is introduced as the sides of something (ممثلين عن، بين، هما،
        كل من), titles and fillers skipped (عن حكومة الرئيس …), not any pair named next (أشاد … بالاتفاق)."""
        words, pw = self.words, self.pw
        k = words.index_at(m.a) - 1
        while k >= 0 and k > words.index_at(m.a) - 4 and words.ws[k] not in _SIDES_INTRODUCERS and (
                in_set(words.ws[k], pw["modifiers"]) or words.ws[k] in pw["titles"]):
            k -= 1
        w = words.word(k)
        return w in _SIDES_INTRODUCERS or w == "من" and words.word(k - 1) in ("كل", "وكل")

    def _distinct(self, parties: list[Party], exclude: set[str]) -> list[Party]:
        seen: set[str] = set()
        out = []
        for p in parties:
            k = state_key(p)
            if k in seen or p.key in exclude or k in exclude:
                continue
            seen.add(k)
            out.append(Party(p.key, p.kind, p.name, p.name_en, p.code, p.country, None))
        return out

    def add_prior(self, parties: list[Party], pos: int, span: tuple[int, int]) -> None:
        """Record the parties of an agreement reported at ``pos`` (statement ``span``): later references
        may mean them."""
        self.prior.append(parties)
        self.prior_sentence.append(self.words.sentence_index(pos))
        self.prior_span.append(span)

    def prior_near(self, pos: int) -> list[Party]:
        """The parties of the last agreement when it was reported at most :data:`NEAR` sentences back."""
        if self.prior and self.words.sentence_index(pos) - self.prior_sentence[-1] <= NEAR:
            return list(self.prior[-1])
        return []

    def recent_chain(self, pos: int, exclude: set[str], sentences: int = 2) -> list[Party]:
        """The parties of the last coordinated set (≥ 2 entities) named before ``pos``, at most
        ``sentences`` sentences back ("أكدت بريطانيا وفرنسا …" before Hague's "اتفقنا")."""
        here = self.words.sentence_index(pos)
        for chain in reversed(self.index.chains):
            ms = [self.index.mentions[k] for k in chain]
            if ms[-1].end > pos:
                continue
            if here - self.words.sentence_index(ms[0].a) > sentences:
                break
            if self.prepositional(ms[0]) or self._after_min(ms[0]):
                continue  # أشخاص من العراق ولبنان: not who speaks
            ents = self._distinct([p for x in ms for p in self.resolve(x, x.a, exclude)], exclude)
            if len(ents) >= 2:
                return ents
        return []

    def _after_min(self, m: Mention) -> bool:
        """Whether a mention follows من (but not كل من, which introduces a subject)."""
        words = self.words
        i = words.index_at(m.a)
        return words.word(i - 1) == "من" and words.word(i - 2) not in ("كل", "وكل")

    def last_entities(self, pos: int, n: int, exclude: set[str], states: bool = False) -> list[Party]:
        """The last ``n`` distinct entities named before ``pos``; ``states``: only states, and not places
        (البلدان: not "في لندن", not the airline)."""
        seen: list[Party] = []
        keys: set[str] = set()
        for m in reversed(self.index.mentions):
            if m.a >= pos or not m.is_entity:
                continue
            if states and (m.country is None or m.kind not in ("country", "person") or self.prepositional(m)):
                continue
            p = party_of(m, explicit=False)
            if p.kind == "person" and p.country:
                p = p.as_country()
            k = state_key(p)
            if k in keys or k in exclude:
                continue
            keys.add(k)
            seen.insert(0, p)
            if len(seen) == n:
                break
        return seen

    def prepositional(self, m: Mention) -> bool:
        """Whether a mention is the object of a preposition (إلى سوريا، لتركيا)."""
        words = self.words
        i = words.index_at(m.a)
        if i < len(words) and words.starts[i] < m.a:
            clitic = words.norm[words.starts[i]:m.a]
            if "ب" in clitic or "ل" in clitic:
                return True
        return words.word(i - 1) in _PREPOSITIONS

    def pronoun_subject(self, sent_start: int, pos: int, number: int, exclude: set[str]) -> list[Party]:
        """The subject of a verb with no subject written (اتفقتا، أنها أبرمت، ولكنها اتفقت)."""
        ms = [m for m in self.index.mentions if sent_start <= m.a < pos]
        if number >= 2:
            for m in reversed(ms):
                if m.kind in ("collective", "ref"):
                    return self.resolve(m, m.a, exclude)
            for chain in reversed(self.index.chains):
                cm = [self.index.mentions[k] for k in chain]
                if sent_start <= cm[0].a and cm[-1].end <= pos:
                    return self._distinct([p for x in cm for p in self.resolve(x, x.a, exclude)], exclude)
            prior = self.prior_near(pos) if number > 2 else self.prior[-1] if self.prior else []
            if prior:
                return [p for p in prior if p.key not in exclude]
            # اتفقا with no subject: the last two named; لكنهم اتفقوا: too vague to guess
            return self.last_entities(pos, 2, exclude) if number == 2 else []
        counts: Counter[str] = Counter()
        first: dict[str, Party] = {}
        previous: Mention | None = None
        skipped = False
        for m in ms:
            # في أمريكا وكندا وأوروبا: what is coordinated with an object of a preposition is one too
            joined = previous is not None and is_coordination(gap_words(self.words, previous.end, m.a), self.pw)
            skipped = self.prepositional(m) or joined and skipped
            previous = m
            if skipped:
                continue
            for p in self.resolve(m, m.a, exclude):
                k = state_key(p)
                if k in exclude or p.key in exclude:
                    continue
                counts[k] += 1
                first.setdefault(k, Party(p.key, p.kind, p.name, p.name_en, p.code, p.country, None))
        if counts:
            top = max(counts.values())
            for k, p in first.items():
                if counts[k] == top:
                    return [p]
        if self.prior:
            return [p for p in self.prior[-1][:1] if p.key not in exclude]
        return self.last_entities(pos, 1, exclude)
