"""Words, marks and short patterns that several layers of the quote reader test.

Kept in one place so that, say, what counts as a preposition before a name in
marks is the same when a cue's introduction is read and when a quotation is
told from a name. Everything is matched against ``article.norm`` (normalised
Arabic: ا for أ/إ/آ, ي for ى, ه for ة), hence the spellings.
"""

from __future__ import annotations

import re

# إن / أن / بأن / إلى أن / عن أن …, with an attached pronoun (أنه، إنها): what opens a reported clause
COMPLEMENT = (r"(?<![^\W_])(?:(?P<pw>الي|علي|عن|من|في) )?(?P<b>ب)?ان(?P<pro>ه|ها|هم|هما|ني|نا|كم|كما)?"
              r"(?![^\W_])")
COMPLEMENT_AFTER = re.compile(" " + COMPLEMENT)  # a complement right after a word
RELAY_FROM = re.compile(r"(?=ع)(?<![^\W_])عن(ه|ها|هم)?(?![^\W_])")  # نقل عن X: the source a relay quotes
RESUMPTIVE = re.compile(r" (?:فيه|فيها|فيهم|خلاله|خلالها|عنه|عنها)(?![^\W_])")  # بيانا قالت فيه: a relative clause
FIRST_WORD = re.compile(r"\s*\S+")
ANY_MARK = re.compile("[«»“”„‹\"'‘’]")
MARKS = "«»“”„‹›\"'‘’"

PREPOSITIONS = frozenset(("في", "من", "علي", "عن", "الي", "ب", "ل", "مع", "حول", "حتي", "ضد"))
RELATIVES = frozenset(("الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "ما", "مما"))
RELATIVE_PRONOUNS = frozenset(("الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان"))
AUXILIARIES = frozenset(("كان", "كانت", "وكان", "وكانت", "فكان", "فكانت", "قد", "وقد", "لقد", "فقد", "كانوا",
                         "وكانوا"))
OUTLETS = frozenset(("وكاله", "صحيفه", "قناه", "موقع", "شبكه", "تلفزيون", "اذاعه", "مجله", "جريده", "صفحه",
                     "حساب"))
COMMA_WORDS = frozenset(("،", ","))
DEMONSTRATIVES = frozenset(("هذا", "هذه", "ذلك", "تلك", "هولاء"))

# speaker kinds (``Phrase.kind`` / ``Entity.kind``)
BODIES = frozenset(("organisation", "group", "place", "anonymous"))
ACTORS = frozenset(("person", "organisation", "group", "place", "anonymous", "document"))
SOURCES = frozenset(("person", "anonymous", "organisation", "group", "document"))  # credited or relayed (not a place)

MIN_DIRECT_WORDS = 2  # words in marks that make a direct quote after a cue
MIN_ACT_WORDS = 3  # words in marks that a speech act with no complement (دعا، مشيرا إلى) can quote
