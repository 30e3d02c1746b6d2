"""INPUT arguments: files, folders (recursive, --glob), and `-` as a list of paths or one article."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from exporter.decode import DecodeError
from exporter.inputs import Inputs, Source, glob_matcher, read_source, stdin_entries

ARTICLE = "القاهرة (رويترز) - قال المتحدث إن الاجتماع انتهى.\n"


def tree(root, names):
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLE, encoding="utf-8")
    return root


def labels(inputs):
    return [(s.label, s.error) for s in inputs]


def test_folders_are_walked_recursively_in_sorted_order_skipping_hidden(tmp_path):
    tree(tmp_path, ["b.txt", "a/z.txt", "a/b/c.txt", "a-b.txt", "A.TXT", ".hidden.txt", ".git/x.txt",
                    "notes.md", "out/.x.json.123.tmp"])
    found = [s.label for s in Inputs([str(tmp_path)])]
    rel = [os.path.relpath(p, tmp_path) for p in found]
    assert rel == ["A.TXT", "a/b/c.txt", "a/z.txt", "a-b.txt", "b.txt"]
    # the same order as sorting the full paths (what `sorted(rglob)` gave), but streamed
    assert found == [str(p) for p in sorted(tmp_path / r for r in rel)]


def test_glob_matches_names_case_insensitively_or_paths_with_a_slash():
    assert glob_matcher("*.txt")("2015/05/A.TXT")
    assert not glob_matcher("*.txt")("notes.md")
    assert glob_matcher("2015/*.txt")("2015/05/a.txt")
    assert not glob_matcher("2015/*.txt")("2016/a.txt")


def test_glob_option_and_explicit_files_whatever_their_name(tmp_path):
    tree(tmp_path, ["x/a.txt", "x/b.art", "c.dat"])
    assert [os.path.basename(s.label) for s in Inputs([str(tmp_path / "x")], "*.art")] == ["b.art"]
    assert labels(Inputs([str(tmp_path / "c.dat")])) == [(str(tmp_path / "c.dat"), None)]


def test_problems_become_failed_sources_and_the_rest_is_kept(tmp_path):
    tree(tmp_path, ["ok.txt", "empty/readme.md"])
    got = labels(Inputs([str(tmp_path / "missing.txt"), str(tmp_path / "empty"), str(tmp_path / "ok.txt")]))
    assert got == [(str(tmp_path / "missing.txt"), "no such file or folder"),
                   (str(tmp_path / "empty"), "folder has no *.txt files"),
                   (str(tmp_path / "ok.txt"), None)]


def test_a_symlink_loop_is_walked_once(tmp_path):
    tree(tmp_path, ["d/a.txt"])
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    assert [os.path.basename(s.label) for s in Inputs([str(tmp_path)])] == ["a.txt"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_an_unreadable_subfolder_fails_alone(tmp_path):
    tree(tmp_path, ["a.txt", "locked/b.txt"])
    (tmp_path / "locked").chmod(0)
    try:
        got = labels(Inputs([str(tmp_path)]))
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert got == [(str(tmp_path / "a.txt"), None), (str(tmp_path / "locked"), "cannot read folder: permission denied")]


def test_stdin_with_paths_is_a_list_of_inputs(tmp_path):
    tree(tmp_path, ["a.txt", "d/b.txt"])
    data = f"{tmp_path / 'a.txt'}\r\n\n{tmp_path / 'd'}\n{tmp_path / 'gone.txt'}\n".encode()
    inputs = Inputs(["-"], stdin=io.BytesIO(data))
    assert labels(inputs) == [(str(tmp_path / "a.txt"), None), (str(tmp_path / "d" / "b.txt"), None),
                              (str(tmp_path / "gone.txt"), "no such file or folder")]
    assert not inputs.single
    assert inputs.count() == 3 and len(list(inputs)) == 3  # re-iterable: count first, then process


def test_stdin_with_nul_separated_paths(tmp_path):
    tree(tmp_path, ["with space.txt", "b.txt"])
    data = f"{tmp_path / 'with space.txt'}\0{tmp_path / 'b.txt'}\0".encode()
    assert [s.label for s in Inputs(["-"], stdin=io.BytesIO(data))] == [str(tmp_path / "with space.txt"),
                                                                        str(tmp_path / "b.txt")]


def test_stdin_with_an_article_is_one_article():
    inputs = Inputs(["-"], stdin=io.BytesIO(ARTICLE.encode("cp1256")))
    (source,) = list(inputs)
    assert (source.label, source.path, source.data) == ("<stdin>", None, ARTICLE.encode("cp1256"))
    assert inputs.single


def test_the_stdin_rule_needs_most_lines_to_exist(tmp_path):
    tree(tmp_path, ["a.txt"])
    # one line of an article happens to name an existing file: still an article
    article = f"{ARTICLE}{tmp_path / 'a.txt'}\nوأضاف أن الجولة المقبلة قريبة.\n".encode()
    assert stdin_entries(article) is None
    assert stdin_entries(b"") is None
    assert stdin_entries(b"x" * 5000) is None


def test_stdin_is_read_once(tmp_path):
    got = labels(Inputs(["-", "-"], stdin=io.BytesIO(ARTICLE.encode())))
    assert got == [("<stdin>", None), ("<stdin>", "standard input was already read")]


def test_single_is_one_file_or_one_stdin_article(tmp_path):
    tree(tmp_path, ["a.txt"])
    assert Inputs([str(tmp_path / "a.txt")]).single
    assert not Inputs([str(tmp_path)]).single
    assert not Inputs([str(tmp_path / "a.txt")] * 2).single


def test_size_is_checked_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 1000)
    with pytest.raises(DecodeError) as e:
        read_source(Source(str(big), big), max_bytes=999)
    assert str(e.value) == "file is larger than the limit of 999 bytes (1000 bytes)"
    assert read_source(Source(str(big), big), max_bytes=1000) == b"a" * 1000


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_stream_is_cut_at_the_limit():
    with pytest.raises(DecodeError) as e:
        read_source(Source("/dev/zero", Path("/dev/zero")), max_bytes=4096)
    assert str(e.value) == "file is larger than the limit of 4096 bytes"
