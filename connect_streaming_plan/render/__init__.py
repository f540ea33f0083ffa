"""The plan's outputs: text for people, JSON for programs, SARIF for code scanning, Markdown
for a pull-request comment (docs/ci-outputs.md)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final, TextIO

from connect_streaming_plan.plan import Plan
from connect_streaming_plan.render.document import render_json
from connect_streaming_plan.render.markdown import render_markdown
from connect_streaming_plan.render.sarif import render_sarif
from connect_streaming_plan.render.text import render_text

__all__ = ["FORMATS", "render", "render_json", "render_markdown", "render_sarif", "render_text"]

Renderer = Callable[[Plan, TextIO, Mapping[str, Any] | None], None]
FORMATS: Final[Mapping[str, Renderer]] = {
    "text": lambda plan, out, _: render_text(plan, out),
    "json": lambda plan, out, _: render_json(plan, out),
    "sarif": lambda plan, out, _: render_sarif(plan, out),
    "markdown": lambda plan, out, baseline: render_markdown(plan, out, baseline=baseline),
}


def render(plan: Plan, form: str, out: TextIO, baseline: Mapping[str, Any] | None = None) -> None:
    """Write ``plan`` to ``out`` in ``form`` (one of FORMATS); ``baseline`` is a previous
    ``--format json`` plan, against which the Markdown comment finds the changed flows."""
    FORMATS[form](plan, out, baseline)
