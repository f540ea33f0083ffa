"""Flows as pictures through the command a reviewer runs, drawn by the real ``dot``: every action
and every transition of each real exported flow and of each stack's flows is read back from the
SVG; bad input and a missing ``dot`` exit 2 with a message."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_streaming.flows import task_routing_flow
from connect_streaming.flows.graph import build_graph
from connect_streaming.flows.render import GraphvizMissingError, render_image, to_dot
from tests.components.flows.test_flow_fixtures import ACCEPTED, FIXTURES, REFUSED, _load
from tests.components.flows.test_flow_graph import (
    _normal,
    _odd_flow,
    expected_transitions,
    parse_mermaid,
)
from tests.repo import REPO_ROOT, load_stack_config, run_stack_program

SVG = "{http://www.w3.org/2000/svg}"
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"
FIXTURE_NAMES = sorted({*ACCEPTED, *(name for name, _, _ in REFUSED)})
QUEUE = "arn:aws:connect:us-east-1:123456789012:instance/i-1/queue/q-1"


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """``python -m connect_streaming.flows ...`` as a user runs it, from the repository root."""
    command = [sys.executable, "-m", "connect_streaming.flows", *args]
    return subprocess.run(command, cwd=REPO_ROOT, capture_output=True, env=env, timeout=300)


def read_svg(svg: bytes) -> tuple[dict[str, Any], Counter[tuple[str | None, str, str]]]:
    """What the SVG shows: node id -> (tooltip identifier, text lines), and every edge as
    (source identifier, target identifier, label), the identifiers taken from node tooltips."""
    root = ET.fromstring(svg)
    nodes: dict[str, Any] = {}
    edges: list[tuple[str, str, str]] = []
    for group in root.iter(f"{SVG}g"):
        title = group.findtext(f"{SVG}title")
        texts = [t.text or "" for t in group.iter(f"{SVG}text")]
        if group.get("class") == "node" and title is not None:
            anchor = group.find(f".//{SVG}a")
            tooltip = anchor.get(XLINK_TITLE) if anchor is not None else None
            nodes[title] = (tooltip, tuple(texts))
        elif group.get("class") == "edge" and title is not None:
            source, target = title.split("->")
            edges.append((source, target, " ".join(texts)))
    shown = Counter((nodes[s][0], nodes[t][0] or "", label) for s, t, label in edges)
    return nodes, shown


def _identifiers(document: dict[str, Any]) -> list[str]:
    return [action["Identifier"] for action in document["Actions"]]


def _check_picture(svg: bytes, content: str) -> None:
    document = json.loads(content)
    nodes, shown = read_svg(svg)
    tooltips = Counter(tooltip for tooltip, _ in nodes.values() if tooltip is not None)
    for ident in _identifiers(document):
        assert tooltips[ident] >= 1, f"action {ident!r} is not in the picture"
    assert sum(1 for n in nodes if n.startswith("a")) == len(document["Actions"])
    assert shown == _normal(expected_transitions(document))


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_every_real_flow_is_drawn_whole_by_dot(name: str, tmp_path: Path) -> None:
    out = tmp_path / "flow.svg"
    content, flow_type = _load(name)
    svg = ("--format", "svg", "-o", str(out), "--flow-type", flow_type)
    result = cli("render", str(FIXTURES / name), *svg)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b""
    _check_picture(out.read_bytes(), content)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_every_real_flow_as_mermaid_keeps_every_node_and_edge(name: str) -> None:
    content, flow_type = _load(name)
    result = cli("render", str(FIXTURES / name), "--format", "mermaid", "--flow-type", flow_type)
    assert result.returncode == 0, result.stderr.decode()
    graph = build_graph(content, flow_type=flow_type)
    nodes, edges = parse_mermaid(result.stdout.decode())
    assert nodes == {node.id: node.lines for node in graph.nodes}
    assert edges == Counter((e.source, e.target, e.label) for e in graph.edges)


def test_findings_are_marked_on_their_action_in_the_svg(tmp_path: Path) -> None:
    out = tmp_path / "flow.svg"
    name = "Financial_contactFlow.json"  # refused: an orphan block the designer left behind
    assert cli("render", str(FIXTURES / name), "--format", "svg", "-o", str(out)).returncode == 0
    nodes, _ = read_svg(out.read_bytes())
    marked = {tooltip for tooltip, lines in nodes.values() if "⛔ unreachable-action" in lines}
    assert marked == {"61f4731f-eabe-4d1d-835c-a35956299244"}
    svg = out.read_text(encoding="utf-8")
    assert 'fill="#fde2e2"' in svg  # the refused action's fill


# --- the stacks' flows: one picture per ContactFlow, named by flow ------------------------------


@pytest.mark.parametrize("stack", ["dev", "staging", "prod"])
def test_each_stacks_flows_are_drawn_one_file_each(stack: str, tmp_path: Path) -> None:
    result = cli("render", stack, "--format", "svg", "-o", str(tmp_path / "pictures"))
    assert result.returncode == 0, result.stderr.decode()
    written = [Path(line) for line in result.stdout.decode().splitlines()]
    run = run_stack_program(stack, load_stack_config(stack))
    flows = run.of_type("aws:connect/contactFlow:ContactFlow")
    assert sorted(p.name for p in written) == sorted(f"{f.inputs['name']}.svg" for f in flows)
    for flow in flows:
        svg = (tmp_path / "pictures" / f"{flow.inputs['name']}.svg").read_bytes()
        _check_picture(svg, flow.inputs["content"])
        nodes, _ = read_svg(svg)
        assert not any("⛔" in line or "⚠" in line for _, lines in nodes.values() for line in lines)


def test_a_stacks_mermaid_goes_to_stdout_flow_by_flow() -> None:
    result = cli("render", "dev", "--format", "mermaid")
    assert result.returncode == 0, result.stderr.decode()
    text = result.stdout.decode()
    names = [line[3:] for line in text.splitlines() if line.startswith("%% ")]
    run = run_stack_program("dev", load_stack_config("dev"))
    assert names == [f.inputs["name"] for f in run.of_type("aws:connect/contactFlow:ContactFlow")]
    assert text.count("flowchart TD") == len(names)


# --- PNG, and dot reading back whatever the identifiers hold ------------------------------------


def test_a_png_is_drawn(tmp_path: Path) -> None:
    out = tmp_path / "flow.png"
    result = cli(
        "render", str(FIXTURES / "cresta_VA_PSTN_Transfer.json"), "--format", "png", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr.decode()
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width > 300
    assert height > 300


def test_the_picture_goes_to_stdout_without_o() -> None:
    result = cli("render", str(FIXTURES / "acme_hold_AUTO.json"), "--format", "svg")
    assert result.returncode == 0
    nodes, _ = read_svg(result.stdout)
    assert {tooltip for tooltip, _ in nodes.values()} >= {"1a34ecf3-77ff-46a7-b210-38a1a980127b"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=4, unique=True), st.text())
def test_dot_reads_back_any_identifier_and_text(identifiers: list[str], text: str) -> None:
    content = json.dumps(_odd_flow(identifiers, text))
    graph = build_graph(content)
    nodes, _ = read_svg(render_image(content, "svg"))
    for node in graph.nodes:
        _, lines = nodes[node.id]
        assert lines == node.lines  # every line exactly, quotes, backslashes and <> included
    tooltips = {tooltip for tooltip, _ in nodes.values() if tooltip is not None}
    assert {i for i in identifiers if i.isprintable()} <= tooltips


def test_to_dot_and_render_image_refuse_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    content = task_routing_flow(queue_arn=QUEUE).to_json()
    with pytest.raises(ValueError, match="format must be svg or png, not 'gif'"):
        render_image(content, "gif")  # type: ignore[arg-type]
    monkeypatch.setitem(sys.modules, "graphviz", None)  # the library not installed
    with pytest.raises(GraphvizMissingError, match=r"pip install 'connect-streaming\[pictures\]'"):
        to_dot(content)


# --- bad input: exit 2 with a message, never a traceback -----------------------------------------


def _refused(result: subprocess.CompletedProcess[bytes], *expected: str) -> None:
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr
    for text in expected:
        assert text in stderr


def test_no_such_file_or_stack() -> None:
    _refused(
        cli("render", "nope"),
        "no file named 'nope' and no stack 'nope' (stacks: dev, prod, staging)",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not JSON"),
        ('{"Version": "2019-10-30"}', "a flow is a JSON object with an Actions list"),
        ("[]", "a flow is a JSON object with an Actions list"),
    ],
)
def test_a_file_that_is_no_flow(text: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    _refused(cli("render", str(path)), str(path) if message == "not JSON" else "bad:", message)


def test_a_file_that_is_no_text(tmp_path: Path) -> None:
    path = tmp_path / "flow.json"
    path.write_bytes(b"\xff\xfe\x00")
    _refused(cli("render", str(path)), "cannot read it as UTF-8 text")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "gif"], "invalid choice: 'gif'"),
        (["--flow-type", "NOPE"], "flow type 'NOPE' is not one of AGENT_HOLD"),
    ],
)
def test_bad_options(args: list[str], message: str) -> None:
    _refused(cli("render", str(FIXTURES / "acme_hold_AUTO.json"), *args), message)


def test_a_stack_needs_a_directory_for_images(tmp_path: Path) -> None:
    _refused(cli("render", "dev", "--format", "png"), "give -o DIRECTORY for png")
    taken = tmp_path / "file"
    taken.write_text("x", encoding="utf-8")
    _refused(cli("render", "dev", "--format", "svg", "-o", str(taken)), "this is a file")
    _refused(cli("render", "dev", "--flow-type", "CONTACT_FLOW"), "--flow-type applies to a FILE")


def test_a_missing_dot_program_exits_2_naming_it(tmp_path: Path) -> None:
    assert shutil.which("dot"), "the real dot draws every other picture here"
    env = {**os.environ, "PATH": str(tmp_path)}  # no dot on PATH; python is run by its path
    result = cli("render", str(FIXTURES / "acme_hold_AUTO.json"), "--format", "svg", env=env)
    _refused(result, "needs Graphviz's dot program on PATH", "apt-get install graphviz")
    # Mermaid needs no Graphviz at all.
    assert cli("render", str(FIXTURES / "acme_hold_AUTO.json"), env=env).returncode == 0
