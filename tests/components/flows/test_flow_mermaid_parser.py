"""Our Mermaid read by Mermaid itself (what GitHub draws with) under Node: it parses, and every
node's text and every edge comes back as the model has it. Needs ``node`` and ``npm``; mermaid
and jsdom are installed once into a cache folder outside the repository."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from connect_streaming.flows import task_creating_flow, task_routing_flow
from connect_streaming.flows.graph import FlowGraph, build_graph
from connect_streaming.flows.render import graph_to_mermaid
from tests.components.flows.test_flow_fixtures import ACCEPTED, REFUSED, _load
from tests.components.flows.test_flow_graph import _odd_flow

PACKAGES = ("mermaid@11.4.1", "jsdom@24.1.3")
CACHE = Path(tempfile.gettempdir()) / ("connect-streaming-" + "-".join(PACKAGES).replace("@", "_"))
# Reads a diagram from stdin and prints what Mermaid's parser made of it, as JSON.
READER = """
import { JSDOM } from "jsdom";
const dom = new JSDOM("<!doctype html><body></body>");
for (const key of ["window", "document", "navigator", "DOMParser", "Element", "HTMLElement"]) {
  globalThis[key] = key === "window" ? dom.window : dom.window[key];
}
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
let text = "";
for await (const chunk of process.stdin) text += chunk;
const out = [];
for (const source of JSON.parse(text)) {
  try {
    const { db } = await mermaid.mermaidAPI.getDiagramFromText(source);
    out.push({
      vertices: Object.fromEntries([...db.getVertices().values()].map((v) => [v.id, v.text])),
      edges: db.getEdges().map((e) => [e.start, e.end, e.text]),
    });
  } catch (error) {
    out.push({ error: String(error.message || error) });
  }
}
console.log(JSON.stringify(out));
"""
# Mermaid keeps entity codes as placeholders until it draws: #quot; -> fl°quot¶ß, #35; -> fl°°35¶ß.
_PLACEHOLDER = re.compile("\ufb02\u00b0(\u00b0?)([a-z0-9]+)\u00b6\u00df")
_NAMED = {"quot": '"', "amp": "&", "lt": "<", "gt": ">"}


@pytest.fixture(scope="module")
def mermaid_reader() -> Path:
    if shutil.which("node") is None or shutil.which("npm") is None:
        if os.environ.get("CI"):  # CI machines have both: a missing one is a broken machine
            pytest.fail("node and npm are not installed: Mermaid's own parser cannot run")
        pytest.skip("node and npm are not installed: Mermaid's own parser cannot run")
    if not (CACHE / "node_modules" / "mermaid").is_dir():
        CACHE.mkdir(parents=True, exist_ok=True)
        installed = subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--silent", *PACKAGES],
            cwd=CACHE,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if installed.returncode != 0:
            pytest.fail(f"npm could not install {PACKAGES}: {installed.stderr[-300:]}")
    script = CACHE / "read.mjs"
    script.write_text(READER, encoding="utf-8")
    return script


def _decoded(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        numeric, code = match.groups()
        return chr(int(code)) if numeric else _NAMED[code]

    return _PLACEHOLDER.sub(one, text)


def _read(script: Path, sources: list[str]) -> list[dict[str, Any]]:
    result = subprocess.run(
        ["node", str(script)],
        input=json.dumps(sources),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    parsed: list[dict[str, Any]] = json.loads(result.stdout)
    return parsed


def _graphs() -> list[FlowGraph]:
    names = sorted({*ACCEPTED, *(name for name, _, _ in REFUSED)})
    graphs = [build_graph(_load(name)[0], flow_type=_load(name)[1]) for name in names]
    queue = "arn:aws:connect:us-east-1:1:instance/i/queue/q"
    graphs.append(build_graph(task_routing_flow(queue_arn=queue).to_json()))
    graphs.append(build_graph(task_creating_flow(contact_flow_arn=queue, task_name="t").to_json()))
    odd = ['say "hi"', "#1; <b>&amp;</b>", "`tick` | pipe", "a\\b {c} [d] (e)", "%% not a comment"]
    graphs.append(build_graph(json.dumps(_odd_flow(odd, '--> |"x"| end; click a0 "js:"'))))
    return graphs


def test_mermaid_parses_our_pictures_and_keeps_every_node_and_edge(mermaid_reader: Path) -> None:
    graphs = _graphs()
    read = _read(mermaid_reader, [graph_to_mermaid(graph) for graph in graphs])
    for graph, diagram in zip(graphs, read, strict=True):
        assert "error" not in diagram, diagram
        assert {k: _decoded(v) for k, v in diagram["vertices"].items()} == {
            node.id: "<br>".join(node.lines) for node in graph.nodes
        }
        assert Counter((s, t, _decoded(label)) for s, t, label in diagram["edges"]) == Counter(
            (e.source, e.target, e.label) for e in graph.edges
        )


def test_the_reader_would_see_a_broken_picture(mermaid_reader: Path) -> None:
    (broken,) = _read(mermaid_reader, ['flowchart TD\n  a0["unclosed]\n'])
    assert "error" in broken
