"""The Markdown comment draws each changed flow with the flows package's Mermaid renderer: every
flow without a baseline, only those whose content changed against a previous JSON plan."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from connect_streaming.flows.render import to_mermaid
from connect_streaming_plan.cli import main

FLOW = "aws:connect/contactFlow:ContactFlow"


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(["--stack", "dev", *argv], out=out), out.getvalue()


def _pictures(markdown: str) -> dict[str, str]:
    """Each flow heading's name and the Mermaid fence under it."""
    tokens = MarkdownIt("gfm-like").parse(markdown)
    found: dict[str, str] = {}
    heading = ""
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h4":
            heading = tokens[i + 1].content.strip("`")
        if token.type == "fence" and token.info == "mermaid":
            found[heading] = token.content
    return found


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    code, text = _run("--format", "json")
    assert code == 0
    document: dict[str, Any] = json.loads(text)
    return document


def test_without_a_baseline_every_flow_is_drawn(baseline: dict[str, Any]) -> None:
    code, markdown = _run("--format", "markdown")
    assert code == 0
    flows = {r["name"]: r["inputs"] for r in baseline["resources"] if r["type"] == FLOW}
    assert len(flows) >= 2
    pictures = _pictures(markdown)
    assert set(pictures) == set(flows)
    for name, inputs in flows.items():
        assert pictures[name] == to_mermaid(inputs["content"], flow_type=inputs["type"])
        assert "Create task" in pictures[name] or "Transfer to queue" in pictures[name]


def test_against_a_baseline_only_changed_flows_are_drawn(
    baseline: dict[str, Any], tmp_path: Path
) -> None:
    same = tmp_path / "same.json"
    same.write_text(json.dumps(baseline), encoding="utf-8")
    code, markdown = _run("--format", "markdown", "--baseline", str(same))
    assert code == 0
    assert _pictures(markdown) == {}
    assert "### Flows changed since the baseline\n\nNone." in markdown
    edited = json.loads(json.dumps(baseline))
    flows = [r for r in edited["resources"] if r["type"] == FLOW]
    flows[0]["inputs"]["content"] = "{}"  # as if the flow had been different before
    older = tmp_path / "older.json"
    older.write_text(json.dumps(edited), encoding="utf-8")
    code, markdown = _run("--format", "markdown", "--baseline", str(older))
    assert set(_pictures(markdown)) == {flows[0]["name"]}


def test_a_baseline_that_is_no_plan_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "wrong.json").write_text('{"stack": "dev"}', encoding="utf-8")
    assert _run("--format", "markdown", "--baseline", str(tmp_path / "wrong.json"))[0] == 2
    assert "expected a `--format json` plan (a resources list)" in capsys.readouterr().err
