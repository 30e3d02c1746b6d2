"""Spelling-tolerant matching (exporter.fuzzy) and its use on group names.

The tolerance must find transliterated and misspelt names and must never
turn ordinary news phrases into groups: the second half of this file feeds
common phrases (many of them one letter or one skeleton away from a
catalogued name) through the matcher and the extractor.
"""

from __future__ import annotations

import pytest

from exporter.extractors.group_catalogue import skeleton_index
from exporter.extractors.groups import extract
from exporter.fuzzy import (
    SkeletonIndex,
    acceptable,
    edit_cost,
    keeps_first_word,
    skeleton,
    spelling_distance,
    word_skeleton,
)
from exporter.normalize import normalize
from exporter.segment import segment


def test_skeleton_drops_vowels_and_folds_lookalikes():
    assert skeleton(normalize("جيش العدل")) == "جشلعدل"
    assert skeleton(normalize("جايش آل أدل")) == "جشلدل"
    assert word_skeleton(normalize("الصحوة")) == word_skeleton(normalize("السحوه"))  # ص/س, final ة
    assert word_skeleton(normalize("طالبان")) == word_skeleton(normalize("تالبان"))


@pytest.mark.parametrize(("a", "b", "cost"), [
    ("جشلعدل", "جشلعدل", 0),
    ("جشلدل", "جشلعدل", 1),  # a guttural lost in transliteration
    ("جشلعد", "جشلعدل", 2),  # another consonant
    ("جشلحدل", "جشلعدل", 2),  # a swapped guttural is an ordinary edit
    ("جشل", "جشلعدل", None),
])
def test_edit_cost(a, b, cost):
    assert edit_cost(a, b) == cost


def test_tolerance_grows_with_length():
    assert not acceptable(0, 4)  # short names match only when spelt as listed
    assert acceptable(0, 5)
    assert not acceptable(1, 5) and acceptable(1, 6)
    assert not acceptable(2, 8) and acceptable(2, 9)
    assert not acceptable(1, 12, exact_only=True)


def test_spelling_distance_weights_vowels_and_gutturals_lightly():
    assert spelling_distance(normalize("جايش آل أدل"), normalize("جيش العدل")) <= 1.0
    assert spelling_distance(normalize("جامع الويس"), normalize("جماعة الحوثي")) > 1.0
    assert spelling_distance("abc", "abc") == 0.0
    assert spelling_distance("a" * 20, "b" * 20) > 1.0


def test_index_finds_split_and_misspelt_names():
    index = SkeletonIndex([(normalize("جيش العدل"), "jaish", False), (normalize("جبهة تحرير بلوشستان"), "blf", False)],
                          short_heads=[normalize("جيش")])
    words = normalize("جايش آل أدل").split()
    assert index.match([word_skeleton(w) for w in words], words) == (3, "jaish", 1)
    words = normalize("جبهة تحرير بلوشتان").split()
    assert index.match([word_skeleton(w) for w in words], words)[:2] == (3, "blf")
    words = normalize("جيش العدو").split()
    assert index.match([word_skeleton(w) for w in words], words) is None


@pytest.mark.parametrize(("written", "listed", "ok"), [
    ("جايش", "جيش", True),  # transliteration adds a long vowel
    ("جبهه", "جبهة", True),
    ("لحزب", "الحزب", True),  # للحزب: ل + الحزب with the alef dropped
    ("سقور", "صقور", True),  # look-alike letters
    ("اسري", "سرايا", False),  # أسرى (prisoners) has the skeleton of سرايا but lacks its letters
    ("جميع", "جماعة", False),
    ("جش", "جيش", False),
])
def test_a_name_first_word_may_gain_letters_but_not_lose_them(written, listed, ok):
    assert keeps_first_word(normalize(written), normalize(listed)) is ok


def test_exact_only_names_keep_their_first_word():
    index = SkeletonIndex([(normalize("الحركة الشعبية"), "popular", True)])
    words = normalize("الحراك الشعبي").split()
    assert index.match([word_skeleton(w) for w in words], words) is None


# Ordinary phrases of news copy, several of them close in skeleton to a catalogued name.
COMMON = [
    "جيش العدو", "جيش الاحتلال", "جيش البلدين", "الجيش الوطني", "الجيش السوري", "الجيش الإسرائيلي",
    "حزب الأغلبية", "الحزب الحاكم", "حركة المرور", "حركة الملاحة", "حركة التجارة", "حركة النزوح",
    "جامع الويس", "إلى السلام", "الحراك الشعبي", "جميع الأطراف", "جميع السجناء", "مجلس الوزراء", "مجلس الأمن",
    "مجلس الشورى", "مجلس النواب", "قوات الأمن", "قوات النظام", "قوات الدفاع الجوي", "وقت مبكر", "كما أن",
    "رئيس الوزراء", "سوريا والعراق", "الدولة العبرية", "الدول العربية", "الدولي للطاقة", "جامعة الدول العربية",
    "جامعة الملك عبدالله", "منظمة العفو الدولية", "منظمة الصحة العالمية", "مجموعة العمل", "الاتحاد الأوروبي",
    "الاتحاد الأفريقي", "القوات المسلحة", "القوات الحكومية", "التحالف الدولي", "تنظيم الانتخابات", "تنظيم المؤتمر",
    "جبهة القتال", "جبهة الساحل الغربي", "لواء ركن", "اللواء الركن", "سرية تامة", "سيارة من نوع", "القيمة المضافة",
    "المجلس العسكري", "المجلس البلدي", "حزمة الإصلاحات", "حماسة الجماهير", "الجماعات المتشددة", "الجماعة المسلحة",
    "الحركة الاحتجاجية", "الفصائل الفلسطينية", "الميليشيات الكردية", "مليشيات الأكراد", "كتائب من الجيش",
    "جند الاحتياط", "أنصار الفريق", "شباب الثورة", "أحرار العالم", "رجال الأمن", "جيش من الموظفين",
    "أسرى المقاومة", "جميع الدعاوى", "أسرى الحرب",
]


@pytest.mark.parametrize("phrase", COMMON)
def test_common_phrases_are_not_groups(phrase):
    sentence = f"وقال المتحدث إن {phrase} أصدر بيانا أمس بشأن الأوضاع في المنطقة."
    assert extract(segment(sentence)) == []


# Real or possible names one skeleton edit away from a catalogued one (حزب العمال، حركة أمل، أنصارو):
# organisations of their own, not misspellings.
NEIGHBOURS = ["حزب الأمل", "حركة عمل", "جماعة أنصار الحق"]


@pytest.mark.parametrize("phrase", COMMON + NEIGHBOURS)
def test_common_phrases_never_reach_a_name_by_skeleton(phrase):
    index = skeleton_index()
    words = normalize(phrase).split()
    for start in range(len(words)):
        window = words[start:]
        assert index.match([word_skeleton(w) for w in window], window) is None, window


def test_misspellings_of_catalogued_names_are_found():
    text = ("قالت جماعة جايش آل أدل إنها نفذت الهجوم، وتبنت جبهة تحرير بلوشتان هجوما آخر، "
            "فيما قال متحدث باسم هيئة تحرير الشام إن حركة أحرار الشامم تراجعت.")
    ids = [g["id"] for g in extract(segment(text))]
    assert ids == ["jaish-al-adl", "blf", "hts", "ahrar-al-sham"]
