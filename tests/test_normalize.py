"""The one normalisation function: folds spelling variants, keeps offsets into the original."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exporter.normalize import _reference_normalize_map, normalize, normalize_map, span_in_text


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("إسلام آباد", "اسلام اباد"),
        ("أحمد", "احمد"),
        ("مصطفى", "مصطفي"),
        ("الجمهورية", "الجمهوريه"),
        ("مُحَمَّد", "محمد"),
        ("الـحـكومة", "الحكومه"),
        ("مسؤول", "مسوول"),
        ("رئيس", "رييس"),
        ("١٢٣", "123"),
        ("ﻻ", "لا"),
        ("CNN", "cnn"),
        ("کابل", "كابل"),
        ("ایران", "ايران"),
        ("بيروت\u200f", "بيروت"),
        ("  جاكرتا \n\n  (رويترز)  ", "جاكرتا (رويترز)"),
    ],
)
def test_variants_fold_together(a, b):
    assert normalize(a) == normalize(b)


def test_offset_map_points_into_the_original():
    text = "قال مُحَمَّد إن إسلام  آباد"
    norm, starts = normalize_map(text)
    assert len(starts) == len(norm) + 1
    i = norm.index("محمد")
    s, e = span_in_text(starts, text, i, i + len("محمد"))
    assert text[s:e] == "مُحَمَّد"
    i = norm.index("اسلام اباد")
    s, e = span_in_text(starts, text, i, i + len("اسلام اباد"))
    assert text[s:e] == "إسلام  آباد"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابةأإآىئؤه ،ABCxyzÉДΩİﻻ…ـ١2")
                                        + ["\n", "\t", "\r", "\xa0", "\u064e", "\u200f", "\u0640"])
               | st.characters(), max_size=60))
def test_fast_path_equals_the_character_by_character_definition(text):
    norm, starts = normalize_map(text)
    ref_norm, ref_starts = _reference_normalize_map(text)
    assert norm == ref_norm
    assert list(starts) == ref_starts


def test_a_tatweel_dash_between_spaces_stays_on_the_fast_path(monkeypatch):
    """" ـ " (tatweel used as a dash) is common in wire copy; the slow definition is for rare cases only."""
    import exporter.normalize as module

    def slow(text):
        raise AssertionError("fell back to the character-by-character definition")

    text = "القاهرة ـ (أ ش أ) ـ  قال الوزير \u200f ـ\nإن"
    expected = _reference_normalize_map(text)
    monkeypatch.setattr(module, "_reference_normalize_map", slow)
    norm, starts = normalize_map(text)
    assert (norm, list(starts)) == expected
