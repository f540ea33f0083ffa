"""Flows as pictures: Mermaid (GitHub draws it in Markdown; needs nothing installed), Graphviz
DOT (the ``graphviz`` library, extra ``pictures``), SVG and PNG (also Graphviz's ``dot``)."""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType
from typing import Final, Literal

from connect_streaming.errors import ConnectStreamingError
from connect_streaming.flows.graph import FlowGraph, Node, build_graph
from connect_streaming.flows.reference import CONTACT_FLOW

__all__ = ["GraphvizMissingError", "render_image", "to_dot", "to_mermaid"]

ImageFormat = Literal["svg", "png"]
_FONT: Final = "Helvetica"  # fontconfig finds a sans face (and the marker glyphs) for it
_STYLE: Final[Mapping[str, tuple[str, str]]] = {
    "refusal": ("#fde2e2", "#c0392b"),
    "warning": ("#fff4d6", "#b9770e"),
}
"""Fill and border colour of a node carrying a refusal or a warning (its worst)."""
# Mermaid reads these as text only as entity codes (#quot; and friends, or #<code point>;):
# quotes end a label, # starts an entity, <> & make HTML, ` starts Markdown, | ends an edge label.
_MERMAID_ENTITIES: Final[Mapping[str, str]] = {
    '"': "#quot;",
    "#": "#35;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
    "|": "#124;",
}
_MERMAID_SHAPES: Final[Mapping[str, tuple[str, str]]] = {
    "entry": ('(["', '"])'),
    "missing": ('{{"', '"}}'),
    "flow": ('[/"', '"/]'),
    "action": ('["', '"]'),
}


class GraphvizMissingError(ConnectStreamingError):
    """The ``graphviz`` library or its ``dot`` program is not installed; the message says how."""


def mermaid_text(text: str) -> str:
    """``text`` as Mermaid label text: each character Mermaid would read as syntax becomes its
    entity code.

    Example:
        >>> mermaid_text('say "hi" #1')
        'say #quot;hi#quot; #35;1'
    """
    return "".join(_MERMAID_ENTITIES.get(c, c) for c in text)


def graph_to_mermaid(graph: FlowGraph) -> str:
    """Mermaid flowchart source of ``graph`` (no fence)."""
    lines = ["flowchart TD"]
    for node in graph.nodes:
        opening, closing = _MERMAID_SHAPES[node.kind]
        label = "<br/>".join(mermaid_text(line) for line in node.lines)
        lines.append(f"  {node.id}{opening}{label}{closing}")
    for edge in graph.edges:
        lines.append(f'  {edge.source} -->|"{mermaid_text(edge.label)}"| {edge.target}')
    for level, (fill, stroke) in _STYLE.items():
        lines.append(f"  classDef {level} fill:{fill},stroke:{stroke},color:#000")
        marked = [node.id for node in graph.nodes if node.level == level]
        if marked:
            lines.append(f"  class {','.join(marked)} {level}")
    return "\n".join(lines) + "\n"


def to_mermaid(content: str, *, flow_type: str = CONTACT_FLOW) -> str:
    """Mermaid flowchart source (no ``` fence) of Flow Language ``content``: one node per
    action with its console block name and key parameter, one edge per transition labelled
    next / the error type / the condition, refusals and warnings marked on their action.

    Example:
        >>> from connect_streaming.flows import task_routing_flow
        >>> queue = "arn:aws:connect:us-east-1:1:instance/i/queue/q1"
        >>> print(to_mermaid(task_routing_flow(queue_arn=queue).to_json()).splitlines()[3])
          a1["Set working queue<br/>queue/q1<br/>id: taskrouting-set-working-queue"]
    """
    return graph_to_mermaid(build_graph(content, flow_type=flow_type))


def _library() -> ModuleType:
    """The graphviz library, imported on first use: Mermaid needs none of it."""
    try:
        import graphviz  # type: ignore[import-untyped]  # the library ships no type hints
    except ImportError:
        raise GraphvizMissingError(
            "drawing DOT, SVG or PNG needs the graphviz library:"
            " pip install 'connect-streaming[pictures]'"
        ) from None
    module: ModuleType = graphviz
    return module


def _label(gv: ModuleType, lines: tuple[str, ...]) -> str:
    # Each line escaped (a backslash stays a backslash, <...> stays text), joined by DOT's \n.
    label: str = gv.nohtml("\\n".join(gv.escape(line) for line in lines))
    return label  # still the nohtml kind of str, so a label like <x> stays text


def _node_attributes(gv: ModuleType, node: Node) -> dict[str, str]:
    attributes = {"id": node.id, "label": _label(gv, node.lines)}
    if node.identifier is not None:
        # What XML cannot carry (controls, surrogates) shows as U+FFFD; the rest stays exact.
        shown = "".join(c if c.isprintable() else "\ufffd" for c in node.identifier)
        attributes["tooltip"] = _label(gv, (shown,))
    if node.kind == "entry":
        attributes["shape"] = "oval"
    elif node.kind == "missing":
        attributes["shape"] = "hexagon"
    if node.level is not None:
        attributes["fillcolor"], attributes["color"] = _STYLE[node.level]
    return attributes


def graph_to_dot(graph: FlowGraph) -> str:
    """Graphviz DOT source of ``graph``; node ids are the graph's (``a0``...), identifiers ride
    in each node's tooltip, so the SVG ``dot`` makes names every action."""
    gv = _library()
    dot = gv.Digraph(
        "flow",
        graph_attr={"rankdir": "TB", "fontname": _FONT},
        node_attr={
            "shape": "box",
            "style": "rounded,filled",
            "fillcolor": "white",
            "fontname": _FONT,
        },
        edge_attr={"fontsize": "10", "fontname": _FONT},
    )
    for node in graph.nodes:
        dot.node(node.id, **_node_attributes(gv, node))
    for index, edge in enumerate(graph.edges):
        dot.edge(edge.source, edge.target, label=_label(gv, (edge.label,)), id=f"e{index}")
    return str(dot.source)


def to_dot(content: str, *, flow_type: str = CONTACT_FLOW) -> str:
    """Graphviz DOT source of Flow Language ``content`` (the same picture as :func:`to_mermaid`).

    Example:
        >>> from connect_streaming.flows import task_routing_flow
        >>> queue = "arn:aws:connect:us-east-1:1:instance/i/queue/q1"
        >>> "a2 -> a3" in to_dot(task_routing_flow(queue_arn=queue).to_json())
        True
    """
    return graph_to_dot(build_graph(content, flow_type=flow_type))


def render_image(content: str, fmt: ImageFormat, *, flow_type: str = CONTACT_FLOW) -> bytes:
    """The picture of Flow Language ``content`` as SVG or PNG bytes, drawn by Graphviz's ``dot``.

    Raises GraphvizMissingError when the library or the ``dot`` program is missing, and
    ValueError for a format other than svg or png.
    """
    if fmt not in ("svg", "png"):
        raise ValueError(f"format must be svg or png, not {fmt!r}")
    source = to_dot(content, flow_type=flow_type)
    gv = _library()
    try:
        return bytes(gv.Source(source).pipe(format=fmt))
    except gv.ExecutableNotFound:
        raise GraphvizMissingError(
            "drawing SVG or PNG needs Graphviz's dot program on PATH"
            " (Debian: apt-get install graphviz)"
        ) from None
