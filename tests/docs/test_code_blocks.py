"""The README's and the docs' Python blocks parse and the marked ones run (docs/contributing.md);
every page holding ``>>>`` blocks is matched by pytest's ``--doctest-glob`` (pyproject.toml)."""

from __future__ import annotations

import ast
import re
import shlex

import pytest
from _pytest.pathlib import fnmatch_ex

from tests.docs.commands import PYPROJECT
from tests.docs.markdown import Block, all_blocks
from tests.repo import REPO_ROOT

MARKERS = ("run", "pulumi-mocks")
PYTHON = [pytest.param(b, id=b.where) for b in all_blocks("python")]
RUN = [pytest.param(b, id=b.where) for b in all_blocks("python") if b.marker == "run"]
MOCKED = [pytest.param(b, id=b.where) for b in all_blocks("python") if b.marker == "pulumi-mocks"]
_INSTANCE_ARN = re.compile(r"arn:aws:connect:[a-z0-9-]+:\d{12}:instance/[A-Za-z0-9-]+")


def _doctest_globs() -> list[str]:
    addopts = shlex.split(PYPROJECT["tool"]["pytest"]["ini_options"]["addopts"])
    return [a.split("=", 1)[1] for a in addopts if a.startswith("--doctest-glob=")]


@pytest.mark.parametrize("block", PYTHON)
def test_each_python_block_parses_and_no_doctest_hides_in_one(block: Block) -> None:
    assert not block.code.lstrip().startswith(">>>"), f"{block.where}: a doctest goes in ```pycon"
    ast.parse(block.code, filename=block.where)
    assert block.marker in (None, *MARKERS), f"{block.where}: unknown marker {block.marker!r}"


def test_the_pages_hold_runnable_blocks_of_both_kinds() -> None:
    assert RUN
    assert MOCKED


def test_every_page_with_doctests_is_collected_by_the_doctest_globs() -> None:
    with_doctests = {b.page for b in all_blocks() if ">>> " in b.code}
    assert with_doctests, "no page holds a doctest"
    for page in with_doctests:
        assert any(fnmatch_ex(glob, page) for glob in _doctest_globs()), page
    for block in all_blocks():
        if ">>> " in block.code:
            assert block.language == "pycon", f"{block.where}: doctests go in ```pycon blocks"


@pytest.mark.parametrize("block", RUN)
def test_each_runnable_block_runs(block: Block, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)
    exec(compile(block.code, block.where, "exec"), {"__name__": "__docs__"})


@pytest.mark.parametrize("block", MOCKED)
def test_each_pulumi_block_runs_under_mocks(block: Block) -> None:
    from connect_streaming_plan.mocks import run_program

    arn = _INSTANCE_ARN.search(block.code)
    config = {"connect-streaming:instanceArn": arn[0]} if arn else {}
    code = compile(block.code, block.where, "exec")
    run = run_program(
        lambda: exec(code, {"__name__": "__docs__"}), environment="dev", config=config
    )
    assert run.resources, f"{block.where}: the program registered no resource"
