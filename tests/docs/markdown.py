"""The README and the docs pages as data: fenced blocks (with their test markers) and code spans."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt

from tests.repo import REPO_ROOT

DOCS = REPO_ROOT / "docs"
# An HTML comment on the line before a ```python fence says how the block runs.
_MARKER = re.compile(r"^<!--\s*test:\s*(?P<kind>[\w-]+)\s*-->\s*$")


@dataclass(frozen=True)
class Block:
    """One fenced code block: where it is, its language, its text and its test marker."""

    page: Path
    line: int  # 1-based line of the opening fence
    language: str
    code: str
    marker: str | None

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(REPO_ROOT)}:{self.line}"


def pages() -> list[Path]:
    """README.md and every page under docs/, in a stable order."""
    return [REPO_ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]


@cache
def _tokens(page: Path) -> tuple[object, ...]:
    parser = MarkdownIt("commonmark").enable("table")
    return tuple(parser.parse(page.read_text(encoding="utf-8")))


def blocks(page: Path) -> list[Block]:
    """Every fenced block of ``page``, with the marker of the comment just before it."""
    found = []
    previous = None
    for token in _tokens(page):
        if getattr(token, "type", None) == "fence":
            match = None
            if getattr(previous, "type", None) == "html_block":
                match = _MARKER.match(getattr(previous, "content", "").strip())
            found.append(
                Block(
                    page=page,
                    line=token.map[0] + 1,  # type: ignore[attr-defined]
                    language=token.info.strip().split(" ")[0],  # type: ignore[attr-defined]
                    code=token.content,  # type: ignore[attr-defined]
                    marker=match["kind"] if match else None,
                )
            )
        previous = token
    return found


def all_blocks(language: str | None = None) -> list[Block]:
    """Every fenced block of every page (of one language when given)."""
    return [
        block
        for page in pages()
        for block in blocks(page)
        if language is None or block.language == language
    ]


def code_spans(page: Path) -> Iterator[str]:
    """The text of every inline code span of ``page`` (tables included)."""
    for token in _tokens(page):
        for child in getattr(token, "children", None) or ():
            if child.type == "code_inline":
                yield child.content


def table_column(page: Path, header: str, column: int = 0) -> list[str]:
    """The cells of one column of the Markdown table whose header row starts with ``header``."""
    lines = page.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {header} |"))
    cells = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells.append(line.split("|")[column + 1].strip())
    return cells
