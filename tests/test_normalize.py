"""The one normalisation function: folds spelling variants, keeps offsets into the original."""

from __future__ import annotations

import pytest

from exporter.normalize import normalize, normalize_map, span_in_text


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
