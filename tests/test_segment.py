"""Paragraphs and sentences carry exact offsets into the text."""

from __future__ import annotations

from exporter.segment import segment


def test_paragraphs_are_non_empty_lines_with_offsets():
    text = "عنوان الخبر\n\n الرياض - واس\n قال الوزير إن الاجتماع انتهى. وأضاف أنه مفيد.\n"
    article = segment(text)
    assert [p.text for p in article.paragraphs] == [
        "عنوان الخبر", "الرياض - واس", "قال الوزير إن الاجتماع انتهى. وأضاف أنه مفيد."]
    for p in article.paragraphs:
        assert text[p.start:p.end] == p.text
    assert [s.text for s in article.paragraphs[2].sentences] == ["قال الوزير إن الاجتماع انتهى.", "وأضاف أنه مفيد."]


def test_abbreviations_and_numbers_do_not_end_sentences():
    text = "سيدني - د.ب.أ: ارتفع المؤشر 1.5 في المئة. وقال محلل إن ذلك متوقع."
    sentences = [s.text for s in segment(text).sentences]
    assert sentences == ["سيدني - د.ب.أ: ارتفع المؤشر 1.5 في المئة.", "وقال محلل إن ذلك متوقع."]


def test_closing_quote_stays_with_its_sentence():
    text = 'وقال "انتهى الاجتماع." ثم غادر.'
    assert [s.text for s in segment(text).sentences] == ['وقال "انتهى الاجتماع."', "ثم غادر."]
