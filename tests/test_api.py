"""The Python API mirrors the command line: extract, validate, export, extract_files, export_files."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest

import exporter

from .conftest import SEED_ARTICLE
from .test_batch import article


def test_import_is_cheap():
    """Workers of a distributed job import the package once per task batch: nothing heavy at import."""
    code = ("import sys, exporter; heavy = ('jsonschema', 'openpyxl', 'lxml', 'click', 'exporter.extractors', "
            "'exporter.document', 'concurrent.futures'); "
            "print([m for m in sys.modules if m.startswith(heavy)])")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "[]"


def test_extract_takes_text_or_bytes(seed_text):
    from_text = exporter.extract(seed_text)
    from_bytes = exporter.extract(SEED_ARTICLE.read_bytes(), file=str(SEED_ARTICLE))
    assert from_text["id"] == from_bytes["id"]
    assert from_text["source"] == {"file": None, "sha256": None, "encoding": None, "newlines": None}
    assert from_bytes["source"]["file"] == SEED_ARTICLE.name and from_bytes["source"]["encoding"] == "utf-8"
    assert exporter.validate(from_bytes) == []


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty file"),
    (b"\x00\x01\x02\x03" * 20, "binary data, not text"),
    ("قال الوزير".encode() * 20, "file is larger than the limit of 100 bytes (380 bytes)"),
])
def test_bad_bytes_raise_decode_error(data, message):
    with pytest.raises(exporter.DecodeError) as e:
        exporter.extract(data, max_bytes=100)
    assert str(e.value) == message


def test_validate_reports_problems_as_pointer_and_message(seed_doc):
    broken = dict(seed_doc, headline=dict(seed_doc["headline"], span=[0, 3]))
    problems = exporter.validate(broken)
    assert problems and all(p.startswith("/headline/span: ") for p in problems)


def test_export_streams_a_generator_and_publishes_only_when_complete(tmp_path, seed_doc):
    target = tmp_path / "out.jsonl"
    exporter.export((seed_doc for _ in range(3)), "jsonl", target)
    assert len(target.read_text(encoding="utf-8").splitlines()) == 3

    def failing():
        yield seed_doc
        raise RuntimeError("source went away")

    with pytest.raises(RuntimeError):
        exporter.export(failing(), "jsonl", target)
    assert len(target.read_text(encoding="utf-8").splitlines()) == 3  # the previous output is untouched
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_extract_files_and_export_files_mirror_the_cli(tmp_path):
    for i in range(30):
        (tmp_path / "in" / f"{i:02d}").mkdir(parents=True)
        (tmp_path / "in" / f"{i:02d}" / "a.txt").write_text(article(i), encoding="utf-8")
    (tmp_path / "in" / "bad.txt").write_bytes(b"")
    outs = list(exporter.extract_files([tmp_path / "in"], jobs=2))
    assert [o.ok for o in outs] == [True] * 30 + [False]
    assert outs[-1].error == "empty file" and outs[0].document["source"]["file"] == "a.txt"

    summary = exporter.export_files([tmp_path / "in"], "json", tmp_path / "all.jsonl", jobs=2,
                                    report=tmp_path / "report.json")
    assert (summary.articles, summary.failed) == (30, 1)
    lines = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [o.document["id"] for o in outs[:30]]
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["summary"]["failed"] == 1


def _extract_path(path: str) -> str:
    with open(path, "rb") as f:
        return exporter.extract(f.read(), file=path)["id"]


def test_extract_works_as_a_mapped_function_in_worker_processes(tmp_path):
    """What Spark, Dask or multiprocessing do: ship a function to other processes and map it over files."""
    paths = []
    for i in range(4):
        paths.append(tmp_path / f"{i}.txt")
        paths[-1].write_text(article(i), encoding="utf-8")
    assert pickle.loads(pickle.dumps(exporter.extract)) is exporter.extract
    with ProcessPoolExecutor(2) as pool:
        ids = list(pool.map(_extract_path, map(str, paths)))
    assert ids == [exporter.extract(p.read_bytes())["id"] for p in paths]


def _export_in_worker(folder: str) -> int:
    return exporter.export_files([folder], "json", folder + ".jsonl").articles


def test_batch_functions_work_inside_a_daemonic_pool_worker(tmp_path):
    """A multiprocessing.Pool worker may not start processes: the batch runs in it instead of failing."""
    import multiprocessing

    for i in range(30):
        (tmp_path / f"{i:02d}.txt").write_text(article(i), encoding="utf-8")
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        assert pool.map(_export_in_worker, [str(tmp_path)]) == [30]
