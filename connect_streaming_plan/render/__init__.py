"""The plan's outputs: text for people, JSON for programs, SARIF for code scanning, Markdown
for a pull-request comment (docs/ci-outputs.md)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final, TextIO

from connect_streaming_plan.plan import Plan
from connect_streaming_plan.render.document import render_json
from connect_streaming_plan.render.markdown import render_markdown
from connect_streaming_plan.render.sarif import render_sarif
from connect_streaming_plan.render.text import render_text

__all__ = ["FORMATS", "render", "render_json", "render_markdown", "render_sarif", "render_text"]

Renderer = Callable[[Plan, TextIO], None]
FORMATS: Final[Mapping[str, Renderer]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "markdown": render_markdown,
}


def render(plan: Plan, form: str, out: TextIO) -> None:
    """Write ``plan`` to ``out`` in ``form`` (one of FORMATS)."""
    FORMATS[form](plan, out)
