"""``exporter validate`` as a pre-commit hook, installed by the real pre-commit from this repository.

pre-commit builds the hook's virtualenv with pip, so this needs PyPI; it
skips (saying so) only when PyPI cannot be reached.

``pre-commit try-repo PATH`` clones PATH at HEAD; with uncommitted changes it
commits them to a shadow clone first, but only tracked files (``git add -u``)
and staged ones: new, untracked modules would be missing (see
pre_commit/commands/try_repo.py). So when the checkout is not clean this test
snapshots the working tree (tracked and untracked files that are not
ignored: what the next commit holds) into a temporary repository and points
pre-commit there; in a clean checkout (CI) it uses the project root itself.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from exporter.identity import text_id

from .conftest import ROOT
from .test_validate import BASE

TIMEOUT = 900


def _pypi_reachable() -> bool:
    index = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple/").rstrip("/") + "/pip/"
    try:
        with urllib.request.urlopen(index, timeout=10):
            return True
    except OSError:
        return False


def _git_checkout() -> bool:
    if shutil.which("git") is None:
        return False
    r = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=ROOT, capture_output=True, text=True)
    return r.returncode == 0 and Path(r.stdout.strip()).resolve() == ROOT.resolve()


pytestmark = [
    pytest.mark.skipif(not _git_checkout(), reason="needs git and a git checkout of the project"),
]


@pytest.fixture(scope="module")
def git_env(tmp_path_factory) -> dict[str, str]:
    """An environment where git and pre-commit touch nothing of the user's (config, caches, hooks)."""
    home = tmp_path_factory.mktemp("home")
    (home / ".gitconfig").write_text("[user]\n\tname = Archive Editor\n\temail = editor@example.org\n"
                                     "[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k != "PRE_COMMIT_HOME"}
    env.update(GIT_CONFIG_GLOBAL=str(home / ".gitconfig"), GIT_CONFIG_NOSYSTEM="1",
               PRE_COMMIT_HOME=str(home / "pre-commit"))
    return env


def sh(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT)


def pre_commit(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return sh([sys.executable, "-m", "pre_commit", *args], cwd, env)


def hook_repository(tmp_path: Path, env: dict[str, str]) -> tuple[Path, str]:
    """The repository pre-commit installs the hook from, and the commit to use."""
    dirty = sh(["git", "status", "--porcelain"], ROOT, env).stdout.strip()
    if not dirty:
        return ROOT, sh(["git", "rev-parse", "HEAD"], ROOT, env).stdout.strip()
    snapshot = tmp_path / "exporter-snapshot"
    listed = sh(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT, env).stdout
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    for args in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "snapshot"]):
        assert sh(args, snapshot, env).returncode == 0
    return snapshot, sh(["git", "rev-parse", "HEAD"], snapshot, env).stdout.strip()


def broken_document() -> dict:
    """A different article (so no duplicate id) with a wrong quote kind."""
    doc = copy.deepcopy(BASE)
    doc["text"] += "\n"
    doc["id"] = text_id(doc["text"])
    doc["source"]["sha256"] = None
    doc["quotes"][0]["kind"] = "paraphrase"
    return doc


def write(path: Path, doc: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def kind_line(path: Path) -> str:
    """Where the broken value is, as the hook must report it."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        column = line.find('"paraphrase"') + 1
        if column:
            return (f"articles/broken.json:{number}:{column}: /quotes/0/kind: "
                    "'paraphrase' is not one of ['direct', 'indirect']")
    raise AssertionError("no broken value")


def test_manifest_and_own_config_are_valid(git_env):
    assert pre_commit("validate-manifest", ".pre-commit-hooks.yaml", cwd=ROOT, env=git_env).returncode == 0
    assert pre_commit("validate-config", ".pre-commit-config.yaml", cwd=ROOT, env=git_env).returncode == 0


def test_own_config_checks_the_seed_documents(git_env):
    """The project's `repo: local` hook runs the environment's exporter on seeds/ (``--files``: no stash)."""
    env = dict(git_env, PATH=os.pathsep.join([str(Path(sys.executable).parent), git_env.get("PATH", "")]))
    seeds = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "seeds").glob("*.json"))
    ran = pre_commit("run", "--config", ".pre-commit-config.yaml", "--files", *seeds, "README.md", cwd=ROOT, env=env)
    out = ran.stdout + ran.stderr
    assert ran.returncode == 0, out
    assert re.search(r"exporter validate \(seeds\)\.+Passed", out)


@pytest.mark.skipif(not _pypi_reachable(), reason="PyPI unreachable: pre-commit cannot build the hook's virtualenv")
def test_try_repo_then_commits_good_passes_broken_is_blocked(tmp_path, git_env):
    hook_repo, rev = hook_repository(tmp_path, git_env)
    archive = tmp_path / "archive"
    archive.mkdir()
    assert sh(["git", "init", "-q"], archive, git_env).returncode == 0
    write(archive / "articles" / "good.json", BASE)
    write(archive / "articles" / "broken.json", broken_document())
    (archive / "package.json").write_text('{"name": "not an article"}\n', encoding="utf-8")
    expected = kind_line(archive / "articles" / "broken.json")

    # 1. pre-commit try-repo: install the hook from the repository and run it on the staged articles.
    assert sh(["git", "add", "articles"], archive, git_env).returncode == 0
    tried = pre_commit("try-repo", str(hook_repo), "exporter-validate", "--ref", rev, cwd=archive, env=git_env)
    out = tried.stdout + tried.stderr
    assert tried.returncode == 1, out
    assert expected in out
    assert "good.json:" not in out

    # 2. The same hook installed for commits, as a user's .pre-commit-config.yaml would have it.
    assert sh(["git", "reset", "-q"], archive, git_env).returncode == 0
    (archive / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n"
        "      - id: exporter-validate\n        files: ^articles/\n", encoding="utf-8")
    installed = pre_commit("install", cwd=archive, env=git_env)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    sh(["git", "add", ".pre-commit-config.yaml", "package.json", "articles/good.json"], archive, git_env)
    good = sh(["git", "commit", "-m", "Add a checked article"], archive, git_env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"exporter validate\.+Passed", good.stdout + good.stderr)  # the hook ran, and passed

    sh(["git", "add", "articles/broken.json"], archive, git_env)
    blocked = sh(["git", "commit", "-m", "Add a broken article"], archive, git_env)
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, out
    assert expected in out
    log = sh(["git", "log", "--format=%s"], archive, git_env).stdout.splitlines()
    assert log == ["Add a checked article"]
