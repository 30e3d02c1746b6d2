"""Every real article exports, validates, and keeps spans exact."""

from __future__ import annotations

import pytest

import exporter

from .conftest import needs_shared, real_articles


@needs_shared
@pytest.mark.parametrize("path", real_articles(), ids=lambda p: p.name)
def test_real_article_exports_and_validates(path):
    doc = exporter.extract(path.read_bytes(), file=path.name)
    assert exporter.validate(doc) == []
