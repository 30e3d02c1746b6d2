"""Terms: what the parties agreed on, one entry per coordinated item.

The region after على (or a purpose لـ/بهدف, a topic بشأن/حول, a provision
بموجبها/تتضمن/ينص على) runs to the end of the clause: a full stop, a
closing quotation mark, a follow-on phrase (، بعد / ، حيث / مشيرا …), the
clause of the next trigger, or "، و" followed by something that is not a
new item. Inside it a new item starts at a comma or و followed by a verbal
noun (تعزيز، مواصلة، الاستفادة من …) or by أن; objects joined by و (تبادل
الخبرات والزيارات) and everything after a purpose لـ (لدحر داعش وإرساء
الأمن) stay in one item.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .tokens import COMMAS, QUOTES_CLOSE, QUOTES_OPEN, Words
from .vocab import in_set, is_masdar, party_words, refers_back, term_words, word_kind

_END_MARKS = frozenset(".؛;!؟?")
BETWEEN_PRONOUNS = frozenset({"بينها", "بينه", "بينهما", "بينهم"})  # مذكرة بينها وجامعة …: "between it and …"
_MARKS = _END_MARKS | QUOTES_OPEN | QUOTES_CLOSE | frozenset(":()")  # the marks read() treats apart
_BARE_PREPOSITIONS = frozenset({"في", "من", "علي", "الي", "مع", "عن", "بين", "لدي", "حول"})
_NUMBERED = frozenset("-–.)")
_BULLETS = frozenset("-–—•*·▪●◦")
_RELATIVES = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي"})
_COMPLEMENTIZERS = frozenset({"ان", "انه", "انها", "انهم", "انهما", "بان", "بانه", "بانها"})


@dataclass
class Region:
    """The terms read from one place, and where the reading stopped."""

    items: list[tuple[int, int]]  # normalised spans
    end: int  # normalised offset where the region ends
    colon: bool = False  # stopped at a colon (a list may follow on the next lines)


def is_purpose_word(w: str) -> bool:
    """لتطوير، للتعاون، لدحر: لـ + a verbal noun (a three-letter base counts: دحر، صد، منع)."""
    if w.startswith("لل"):
        return is_masdar(w)
    if not w.startswith("ل") or len(w) < 4:
        return False
    base = w[1:]
    return is_masdar(base) or len(base) == 3 and base[-1] != "ه"


_FUTURE = ("سي", "ست", "سن")


def is_content_ba(w: str) -> bool:
    """بدفع، بإنشاء: ب + an indefinite verbal noun that says what a document provides (اتفاق مسبق بدفع
    العراق مبلغ …), not a circumstance of the signing (بحضور، برعاية، بمشاركة)."""
    return len(w) > 3 and w[0] == "ب" and not w.startswith("بال") and w not in term_words()["ba_circumstances"] \
        and is_masdar(w[1:])


def is_future_verb(w: str) -> bool:
    """ستتكون، سيتم، سيزور: a future verb starts a new clause (not سياسة، سيطرة، سيادة)."""
    return len(w) >= 4 and w[:2] in _FUTURE and w[2] != "ا" and not w.endswith("ه")


def _word_is_item_start(words: Words, k: int, base: str) -> bool:
    if base in ("ان", "أن"):  # أن تكون …: a provision; أن هذا الاقتراح حظي …: reported speech goes on
        nxt = words.word(k + 1)
        return nxt[:1] in "يتن" or nxt == "لا"
    if base.startswith("بال") or base.startswith("ب") and len(base) > 4 and is_masdar(base[1:]):
        return False  # تكليف فلان، بالإعداد …: a complement, not a new item
    if base.startswith("ل") and not base.startswith("لل") and is_masdar(base[1:]):
        return True
    return is_masdar(base, suffix=True) or _is_document(words, k)


def _is_document(words: Words, k: int) -> bool:
    """Whether token ``k`` (clitics allowed) opens a document noun that may start a listed document
    (اتفاقية، ومذكرة تفاهم، وبرنامجا تنفيذيا; not تفاهم alone)."""
    if k >= len(words) or not words.ws[k][:1].isalpha():
        return False
    from .vocab import documents

    hit = documents().match_norm(words.norm, words.starts[k])
    return hit is not None and hit[3] is False


def _after_coordinator(words: Words, k: int) -> tuple[int, str, bool]:
    """(index, word without its و, had و) of the word after a comma at ``k``, connectives skipped."""
    tw = term_words()
    n = k + 1
    had = False
    if words.word(n) == "و":
        n += 1
        had = True
    w = words.word(n)
    base = w
    # a leading و is the conjunction only when what follows it is a word of its own (وزير، وضع are not و + …)
    if w[:1] == "و" and len(w) > 3 and w not in tw["connectives"] and not _word_is_item_start(words, n, w) and (
            w[1:].startswith("ال") or _word_is_item_start(words, n, w[1:]) or w[1:] in tw["connectives"]
            or w[1:] in _COMPLEMENTIZERS or w[1] in "يت" and len(w) > 4):  # وينظم: a new clause
        base = w[1:]
        had = True
    while base in tw["connectives"] or w in tw["connectives"]:
        if w[:1] == "و":
            had = True
        n += 1
        w = words.word(n)
        base = w[1:] if w[:1] == "و" and len(w) > 2 else w
    return n, base, had


def _stops_at(words: Words, k: int) -> bool:
    """Whether the clause of the terms ends at token ``k`` (a stop phrase). A relative pronoun joined by
    و ends it only without a comma before ("… تأشيرة الدخول والتي وقع عليها …" starts a clause about the
    signing; "العقد الموقع عام 2011، والذي كان يخص …" says what the term is)."""
    stop = words.match_any(k, term_words()["stops"])
    if stop is None:
        return False
    return not (len(stop) == 1 and stop[0][1:] in _RELATIVES and words.word(k - 1) in COMMAS)


def _after_parenthetical(words: Words, n: int, limit: int) -> int | None:
    """Where the terms resume after a relative clause starting at token ``n`` and closed by a comma: the
    first word of the next item (after a sub-item marker such as عن طريق, or a coordinated verbal noun)."""
    tw = term_words()
    for m in range(n + 1, min(n + 25, len(words))):
        w = words.ws[m]
        if words.ends[m] > limit or w in _END_MARKS or w in QUOTES_OPEN or w in QUOTES_CLOSE or w == ":":
            return None
        if w in COMMAS:
            k, base, had = _after_coordinator(words, m)
            marker = words.match_any(k, tw["sub_items"])
            if marker:
                return k + len(marker)
            return k if had and _word_is_item_start(words, k, base) else None
    return None


def read(words: Words, start: int, limit: int, clause: bool = False, lists: bool = True,
         provisions: bool = False) -> Region:
    """Items from normalised offset ``start`` up to ``limit`` at most (see the module docstring); with
    ``lists``, a colon that ends them brings in the items listed after it (:func:`listed_items`).

    ``provisions``: what a document includes (تشمل الاتفاقية …): a clause joined by "، و" + a present verb
    (، وينظم الطرفان الندوات …) is an item of its own, and a definite noun joined so (، والمنتديات) goes on
    with the item before it."""
    tw = term_words()
    t_ends, t_ws = words.ends, words.ws
    # first words of the stop and purpose phrases: most words are neither, and a set lookup says so
    stop_first, purpose_first = tw["stops"].by_first, tw["purpose"].by_first
    addition_first, addition_check = tw["addition_openers"], tw["addition_checks"]
    i = words.index_from(start)
    items: list[tuple[int, int]] = []
    cur = i
    purpose = False
    quotes = 0
    parens = 0
    k = i
    end_k = None
    colon = False
    n_toks = len(t_ws)
    open_straight = None  # whether the terms are inside a quotation (its mark then closes them): read when needed
    while k < n_toks and t_ends[k] <= limit:  # a word that runs into the limit (واتفقوا) is not read
        w = t_ws[k]
        if w not in _MARKS:
            pass  # a word (most tokens): none of the checks for marks below apply
        elif w == "." and words.word(k + 1) == ".":  # an ellipsis (قمة ثالثة... في) does not end the clause
            while words.word(k) == ".":
                k += 1
            continue
        elif w in _END_MARKS:
            if w == "." and _decimal_point(words, k):
                k += 1  # 1.3 مليار دولار
                continue
            end_k = k
            break
        elif w == ":":
            end_k, colon = k, True
            break
        elif w in QUOTES_OPEN and not (w in QUOTES_CLOSE and quotes > 0):
            if w == '"':
                if open_straight is None:
                    open_straight = words.inside_straight_quotes(i)
                if open_straight:
                    end_k = k
                    break
            if k > cur and words.word(k - 1) in COMMAS:
                end_k = k - 1
                break
            if k > cur and _stops_at(words, k + 1):  # … لعودة التهدئة "بجهود مصرية وأممية": how, not what
                end_k = k
                break
            quotes += 1
            k += 1
            continue
        elif w in QUOTES_CLOSE:
            if quotes == 0:
                end_k = k
                break
            quotes -= 1
            k += 1
            continue
        elif w == "(":
            parens += 1
        elif w == ")":
            parens -= 1
            if parens < 0:
                end_k = k
                break
        if w in addition_check and k > cur and quotes == 0 and parens == 0 and (
                w in addition_first or words.word(k + 1) in addition_first):
            j = k + 1 if w in COMMAS else k
            addition = words.match_any(j, tw["additions"])
            after = j + len(addition) if addition else 0
            if addition and is_masdar(words.word(after)):  # … بالإضافة إلى مساهمة الكلية في …: one more item
                items.append((cur, k))
                cur = k = after
                purpose = False
                continue
        if k > i and quotes == 0 and parens == 0 and (
                (w in stop_first or w[:1] in "وف" and w[1:] in stop_first) and _stops_at(words, k)
                or not clause and w[:2] in _FUTURE and is_future_verb(w)):
            end_k = k
            break
        if w in COMMAS and quotes == 0 and parens == 0:
            n, base, had = _after_coordinator(words, k)
            provision = 2 if words.word(n) == "علي" and words.word(n + 1) in ("ان", "أن") else (
                1 if words.word(n) == "بحيث" else 0)
            if provision:  # ، على أن … / ، بحيث …: further provisions, clauses of their own
                items.append((cur, k))
                cur = n + provision
                clause = True
                k = cur
                continue
            marker = words.match_any(n, tw["sub_items"])
            if marker:
                items.append((cur, k))
                cur = n + len(marker)
                purpose = False
                k = cur
                continue
            if words.word(n) in QUOTES_OPEN:
                end_k = k
                break
            if base in _RELATIVES and not clause and quotes == 0 and parens == 0:
                # "على خطة …، والتي لم ترق بعد للمستوى المطلوب، عن طريق …": with a new item after it, a
                # comment on the item, not part of it (otherwise it says what the item is: العقد، والذي كان يخص …)
                after = _after_parenthetical(words, n, limit)
                if after is not None:
                    items.append((cur, k))
                    cur = k = after
                    purpose = False
                    continue
            if provisions and had and base[:1] in "يت" and len(base) > 3 and not is_masdar(base) \
                    and not _stops_at(words, n):
                items.append((cur, k))  # تشمل الاتفاقية تشجيع …، وينظم الطرفان الندوات …
                cur = n
                clause = True
                purpose = False
                k = n
                continue
            if not clause and _word_is_item_start(words, n, base) or clause and had and (
                    base in ("ان", "أن") or base[:1] in "يت" and len(base) > 3
                    or refers_back(base, words.word(n + 1))):
                items.append((cur, k))
                cur = n
                purpose = False
                k = n
                continue
            if had and base not in _RELATIVES and not (provisions and base.startswith("ال")):
                end_k = k
                break
            k += 1
            continue
        if w[:1] == "و" and w[1:2] in ("ت", "ي") and k > cur and quotes == 0 and parens == 0 \
                and w[1:] in tw["provision_verbs"]:
            items.append((cur, k))  # مبادئ عملية انتقال …، وتتضمن خاصة تشكيل حكومة …: what it includes is a term
            cur = k = k + 1 + (words.word(k + 1) in _PROVISION_ADVERBS)
            purpose = False
            continue
        if w == "مقابل" and k > cur and quotes == 0 and parens == 0 and is_masdar(words.word(k + 1)):
            items.append((cur, k))  # … دفع مبلغ … مقابل إسقاط الدعاوى: what each side gives is a term
            cur = k = k + 1
            purpose = False
            continue
        if k > cur and quotes == 0:
            base = w[1:] if w[:1] == "و" and len(w) > 2 else (words.word(k + 1) if w == "و" else "")
            nxt = words.word(k + 2) if w == "و" else words.word(k + 1)
            if base:
                split = False
                if base in ("ان", "أن"):
                    split = _word_is_item_start(words, k + (1 if w == "و" else 0), base)
                elif clause and not purpose and refers_back(base, nxt):
                    # على أن تعمل الوزارة على إتمام صياغة النص، ومناقشته … وعرضه على الحكومة والمصادقة عليه: the
                    # clause's actions (inside a verbal-noun term, تطوير التقنية ونقلها is one item)
                    split = True
                elif not clause and not purpose and not is_masdar(words.word(k - 1)):
                    # تشجيع وحماية الاستثمار، بالإعداد والإشراف على: verbal nouns sharing one object stay together
                    if base.startswith("ال"):
                        split = is_masdar(base) and nxt in _BARE_PREPOSITIONS and nxt != "بين"
                    else:  # (وتركيا is a party joined to the one before, not a verbal noun)
                        split = is_masdar(base) and not _is_country_name(base) \
                            or _is_document(words, k + (1 if w == "و" else 0))
                if split:
                    items.append((cur, k))
                    cur = k
                    k += 1
                    continue
            if not purpose and (w[:1] == "ل" and is_purpose_word(w) or (
                    w in purpose_first or w[:1] in "وف" and w[1:] in purpose_first) and words.match_any(
                    k, tw["purpose"])):
                purpose = True
        k += 1
    if end_k is None:
        end_k = k
    items.append((cur, end_k))
    end = t_ends[end_k - 1] if end_k > 0 and end_k - 1 < len(t_ws) else start
    spans = [s for s in (_trim(words, a, b) for a, b in items) if s is not None]
    if colon and lists:
        listed = listed_items(words, end)
        intro = words.norm[spans[-1][0]:spans[-1][1]].split() if listed and spans else []
        if intro and intro[-1] in tw["list_closers"] and not is_masdar(intro[0]):
            spans.pop()  # جملة من البنود المهمة منها: …: what introduces the list is not an item (وضع آليات في
            # المجالات التالية: … is)
        spans += listed
    elif lists and end_k < n_toks and (t_ws[end_k] in COMMAS or t_ws[end_k] in _GROUNDS):
        grounds = _grounds(words, end_k, limit)
        if grounds is not None:
            spans += grounds.items
            end = grounds.end
    return Region(spans, end, colon)


_PROVISION_ADVERBS = frozenset({"خاصه", "خصوصا", "خاصة", "بالخصوص", "ايضا", "كذلك"})


def _decimal_point(words: Words, k: int) -> bool:
    """Whether the full stop at token ``k`` is the point of a number written with no space (1.3)."""
    return 0 < k < len(words) - 1 and words.ws[k - 1].isdigit() and words.ws[k + 1].isdigit() \
        and words.ends[k - 1] == words.starts[k] and words.ends[k] == words.starts[k + 1]


_GROUNDS = frozenset({"عملا", "وفقا", "تنفيذا", "طبقا", "استنادا"})


def _grounds(words: Words, k: int, limit: int) -> Region | None:
    """"اتفقتا على العمل المشترك …، عملا باتفاق ثنائي يقضي بالاستثمار …": the provision of the accord the
    act rests on is a term too (what that accord provides, after its provision verb)."""
    n = k + 1 if words.word(k) in COMMAS else k
    if words.word(n) not in _GROUNDS or not _is_document(words, n + 1):
        return None
    provision_verbs = term_words()["provision_verbs"]
    for t in range(n + 2, min(n + 6, len(words))):
        if words.ends[t] > limit or not words.ws[t].isalpha():
            return None
        if in_set(words.ws[t], provision_verbs):
            j = t + 2 if words.word(t + 1) == "علي" else t + 1
            return read(words, words.starts[j], limit, lists=False) if j < len(words) else None
    return None


def _trim(words: Words, i: int, j: int) -> tuple[int, int] | None:
    """Normalised span of tokens [i, j) without leading على/و/أن/connectives and trailing marks."""
    tw = term_words()
    t_starts, t_ends, t_ws = words.starts, words.ends, words.ws
    if j > len(t_ws):
        j = len(t_ws)
    while i < j:
        w = t_ws[i]
        if w in ("علي", "و", "ان", "أن", "وان", "وأن") or w in tw["connectives"] or w in COMMAS or w in QUOTES_OPEN \
                or w in QUOTES_CLOSE or w in "-–":
            i += 1
            continue
        break
    while j > i:
        w = t_ws[j - 1]
        if w in COMMAS or w in "-–.:؛" or w == "و" or (w in QUOTES_OPEN and w not in QUOTES_CLOSE):
            j -= 1
            continue
        break
    if j <= i:
        return None
    a, b = t_starts[i], t_ends[j - 1]
    first = t_ws[i]
    if first[:1] == "و" and len(first) > 2 and (is_masdar(first[1:], suffix=True) or first[1:] in ("ان", "أن")
                                                 or first[1:] in tw["connectives"] or _is_document(words, i)
                                                 or len(first) > 4 and first[1] in "يت"):  # وينظم الطرفان
        a += 1
    elif first[:1] == "ل" and is_purpose_word(first) and not first.startswith("لل") or first[:1] == "ب" \
            and len(first) > 4 and is_masdar(first[1:]):
        a += 1  # لتطوير، بتوفير، بالزيادة (يقضي بالزيادة في الأجور): the verbal noun without its preposition
    text = words.norm[a:b]
    if words.match_any(i, tw["fillers"]) and len(text.split()) <= 2:
        return None
    if len(text.split()) <= 3 and text.rsplit(" ", 1)[-1] in tw["list_intros"]:
        return None  # النقاط التالية، البنود الآتية: the list is what follows
    # an unbalanced quotation mark at the end
    last = t_ws[j - 1]
    if last in QUOTES_CLOSE and j - 1 > i:
        inside = [t_ws[k] for k in range(i, j - 1)]
        if last in QUOTES_OPEN:  # " and ' both open and close
            unbalanced = inside.count(last) % 2 == 0
        else:
            unbalanced = sum(w in QUOTES_OPEN and w not in QUOTES_CLOSE for w in inside) <= sum(
                w in QUOTES_CLOSE and w not in QUOTES_OPEN for w in inside)
        if unbalanced:
            b = t_ends[j - 2]
    if b <= a:
        return None
    return a, b


def listed_items(words: Words, colon: int) -> list[tuple[int, int]]:
    """Items listed after a colon at normalised offset ``colon``: the rest of its line ("على ما يلي: تعزيز
    …، وتطوير …") and the numbered or bulleted lines that follow (1- …، 2) …، - …، • …)."""
    out: list[tuple[int, int]] = []
    paras = words.paragraphs
    k = words.paragraph_index(colon)
    c = words.index_from(colon)
    if k < len(paras) and c + 1 < len(words) and words.starts[c + 1] < paras[k][1]:
        out += read(words, words.ends[c], paras[k][1], lists=False).items
    k += 1
    while k < len(paras):
        a, b = paras[k]
        i = words.index_from(a)
        if i + 1 < len(words) and words.word(i).isdigit() and words.word(i + 1) in _NUMBERED:
            first = i + 2
        elif i < len(words) and words.word(i) in _BULLETS:
            first = i + 1
        else:
            break
        if first < len(words) and words.starts[first] < b:
            out += read(words, words.starts[first], b, lists=False).items
        k += 1
    return out


def document_extent(words: Words, i: int, limit: int) -> tuple[int, bool]:
    """(end offset, informative) of a document's name starting at token ``i`` (اتفاقية تعاون …).

    Informative when something besides the document noun and generic words
    (مبدئي، ثنائية، جديدة) says what it is about.
    """
    from .vocab import trigger_words

    tw, pw = term_words(), party_words()
    generic = trigger_words()["generic"]
    t_starts, t_ends, t_ws = words.starts, words.ends, words.ws
    k = i + 1
    ceasefire = t_ws[i] == "وقف"  # وقف (لـ)إطلاق النار: one name, that says what was agreed
    while k < len(t_ws) and t_starts[k] < limit and k - i <= 3 and (
            words.word(k) in ("تفاهم", "سلام", "نوايا", "مبادي") or ceasefire and words.word(k) in _CEASEFIRE):
        if words.word(k) == "تفاهم" or ceasefire:
            k += 1
        else:
            break
    name_end = k
    informative = ceasefire
    topic = False
    quotes = 0
    while k < len(t_ws) and t_starts[k] < limit and k - i < 30:
        w = t_ws[k]
        if w in QUOTES_OPEN and w not in QUOTES_CLOSE:
            quotes += 1
        elif w in QUOTES_CLOSE:
            if quotes == 0:
                break
            quotes -= 1
        elif not (w.isalnum() or w in "-/%+."):
            break
        elif w == "." and not (words.word(k - 1).isdigit() and words.word(k + 1).isdigit()):
            break
        if w in tw["document_name_stops"] or w == "في" and (_is_date_word(words.word(k + 1))
                                                            or is_venue(words.word(k + 1))) \
                or w == "من" and words.word(k + 1) in _AGENT_NOUNS:
            break  # اتفاق المبادئ بشأن سد النهضة في مارس الماضي، الاتفاقية خلال زيارة …، الاتفاقية من طرف العميد،
            # الاتفاق النووي في فيينا
        if w in ("مع",) or w in pw["adverbs"] or in_set(w, tw["provision_verbs"]) or in_set(w, tw["topic_verbs"]) \
                or k > name_end - 1 and k > i \
                and is_purpose_word(w) and not informative:
            break
        if w == "بين" and not _dual_after(words, k) or w in BETWEEN_PRONOUNS:
            break
        if w[:1] in "يت" and k > i and words.match_any(k + 1, tw["provision_preps"]):
            break  # اتفاقية شراكة تتولى بمقتضاها الجمعية …: a verb and its provision
        if w == "علي" and not topic or words.match_any(k, tw["purpose"]) or words.match_any(k, tw["stops"]) \
                or words.match_any(k, tw["provision_preps"]) or k > i and not informative and is_content_ba(w):
            break
        if words.match_any(k, tw["topic"]):
            topic = True  # اتفاق بخصوص الجهة المشرفة على المؤتمر: the topic is part of the name
        if k >= name_end and (w[:1] == "ي" and len(w) > 3 or word_kind(w)[0] is not None
                              or word_kind(w)[1] is False):
            break
        if w.isalpha() and w not in generic and not in_set(w, generic):
            informative = True
        k += 1
    end = t_ends[k - 1] if k > i else t_ends[i]
    return end, informative


_CEASEFIRE = frozenset({"لاطلاق", "اطلاق", "النار", "نار"})
_AGENT_NOUNS = frozenset({"طرف", "قبل", "جانب"})  # من طرف/من قبل فلان: who signed, not what it is about


@lru_cache(maxsize=4096)
def _is_country_name(w: str) -> bool:
    """Whether ``w`` names a country (تركيا، تونس): shaped like a verbal noun, it opens no term."""
    from ...countries import find_country

    found = find_country(w)
    return found is not None and found.form in ("name", "variant")


_VENUE_NOUNS = frozenset({"العاصمه", "مدينه", "عاصمه", "مقر"})


@lru_cache(maxsize=4096)
def is_venue(w: str) -> bool:
    """Whether ``w`` (after في) says where a document was signed, not what it is about: a capital (في
    فيينا، في الرياض) or "في العاصمة/مدينة …"; a country (اتفاق السلام في ليبيا) or another city (اتفاق
    التهدئة في غزة) may be what the document is about, and stays in its name."""
    from ...countries import find_country

    if w in _VENUE_NOUNS:
        return True
    found = find_country(w)
    return found is not None and found.form == "capital"


def _is_date_word(w: str) -> bool:
    """A month name or a year (في مارس، في 2015)."""
    return w in term_words()["months"] or w.isdigit() and len(w) == 4


def _dual_after(words: Words, k: int) -> bool:
    info = word_kind(words.word(k + 1))[2]
    return info is not None and info.kind == "ref" and info.size == 2
