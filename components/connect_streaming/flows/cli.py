"""``python -m connect_streaming.flows render FILE_OR_STACK --format mermaid|svg|png [-o OUT]``:
a flow JSON file, or every ContactFlow of a stack run under the offline plan's mocks, drawn.
Exit 0 when drawn, 2 on bad input (docs/flow-pictures.md)."""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Final

from connect_streaming.errors import ConnectStreamingError
from connect_streaming.flows.graph import FlowRenderError
from connect_streaming.flows.reference import CONTACT_FLOW, EXPORT_FLOW_TYPES, flow_types
from connect_streaming.flows.render import (
    GraphvizMissingError,
    ImageFormat,
    render_image,
    to_mermaid,
)

EXIT_DRAWN: Final = 0
EXIT_BAD_INPUT: Final = 2
CONTACT_FLOW_TYPE: Final = "aws:connect/contactFlow:ContactFlow"
FORMATS: Final = ("mermaid", "svg", "png")
SUFFIX: Final = {"mermaid": ".mmd", "svg": ".svg", "png": ".png"}
_UNSAFE: Final = re.compile(r"[^A-Za-z0-9._-]+")


class BadInput(ConnectStreamingError):
    """The command cannot draw what it was given; the message says what to change."""


@dataclass(frozen=True)
class FlowSource:
    """One flow to draw: a name (for its output file), its content and its flow type."""

    name: str
    content: str
    flow_type: str


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m connect_streaming.flows",
        description="Amazon Connect flows as pictures.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    render = commands.add_parser(
        "render", help="draw a flow file, or every flow of a stack, as Mermaid, SVG or PNG"
    )
    render.add_argument("source", metavar="FILE_OR_STACK", help="a flow JSON file or a stack")
    render.add_argument("--format", choices=FORMATS, default="mermaid")
    render.add_argument(
        "-o", "--output", type=Path, help="output file (a FILE) or directory (a STACK)"
    )
    render.add_argument(
        "--flow-type", help="ContactFlow type to judge a FILE for (default: from the file)"
    )
    render.add_argument(
        "--project", type=Path, default=Path("."), help="Pulumi project of a STACK (default: .)"
    )
    return parser


def file_flow(path: Path, flow_type: str | None) -> FlowSource:
    """The flow in ``path``: a console export, or ``{"Name", "Type", "Content"}``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(f"{path}: cannot read it as UTF-8 text ({error})") from None
    try:
        document: Any = json.loads(text)
    except ValueError as error:
        raise BadInput(f"{path}: not JSON ({str(error)[:120]})") from None
    content, found_type, name = text, None, path.stem
    if isinstance(document, dict) and isinstance(document.get("Content"), str):
        content, found_type = document["Content"], document.get("Type")
        name = str(document.get("Name") or name)
    elif isinstance(document, dict) and isinstance(document.get("Metadata"), dict):
        found_type = EXPORT_FLOW_TYPES.get(document["Metadata"].get("type"))
    return FlowSource(name, content, flow_type or found_type or CONTACT_FLOW)


def stack_flows(stack: str, project_dir: Path) -> list[FlowSource]:
    """Every ContactFlow the stack's program registers, run under the offline plan's mocks."""
    try:  # deferred: drawing a file needs neither pulumi nor the plan
        from connect_streaming_plan.mocks import StackProgramError, run_stack_program
        from connect_streaming_plan.project import PulumiProject
    except ImportError as error:
        raise BadInput(f"drawing a stack needs the plan extra ({error})") from None
    try:
        project = PulumiProject.load(project_dir)
        if stack not in project.stacks():
            known = ", ".join(project.stacks()) or "none"
            raise BadInput(f"no file named {stack!r} and no stack {stack!r} (stacks: {known})")
        run = run_stack_program(
            stack, project.stack_config(stack), program_path=project.program, project=project.name
        )
    except StackProgramError as error:
        raise BadInput(f"stack {stack}: {error}") from None
    finally:
        _close_event_loops()
    return [
        FlowSource(
            str(r.inputs.get("name") or r.name),
            r.inputs["content"],
            str(r.inputs.get("type") or CONTACT_FLOW),
        )
        for r in run.of_type(CONTACT_FLOW_TYPE)
        if isinstance(r.inputs.get("content"), str)
    ]


def _close_event_loops() -> None:
    """Close the event loops the Pulumi runtime left open: garbage-collected at exit instead,
    their ``__del__`` can find their sockets already gone and print a traceback."""
    for candidate in gc.get_objects():
        if isinstance(candidate, asyncio.AbstractEventLoop) and not (
            candidate.is_running() or candidate.is_closed()
        ):
            candidate.close()


def drawing(flow: FlowSource, fmt: str) -> bytes:
    """The picture of one flow in ``fmt`` (BadInput naming the flow if it cannot be drawn)."""
    if flow.flow_type not in flow_types():
        known = ", ".join(sorted(flow_types()))
        raise BadInput(f"{flow.name}: flow type {flow.flow_type!r} is not one of {known}")
    try:
        if fmt == "mermaid":
            return to_mermaid(flow.content, flow_type=flow.flow_type).encode("utf-8")
        image: ImageFormat = "svg" if fmt == "svg" else "png"
        return render_image(flow.content, image, flow_type=flow.flow_type)
    except FlowRenderError as error:
        raise BadInput(f"{flow.name}: {error}") from None


def _file_names(flows: Sequence[FlowSource], fmt: str) -> list[str]:
    names: list[str] = []
    for flow in flows:
        stem = _UNSAFE.sub("-", flow.name).strip("-.") or "flow"
        candidate, count = stem, 1
        while f"{candidate}{SUFFIX[fmt]}" in names:
            count += 1
            candidate = f"{stem}-{count}"
        names.append(f"{candidate}{SUFFIX[fmt]}")
    return names


def write_stack(flows: Sequence[FlowSource], fmt: str, out: Path | None, stdout: BinaryIO) -> None:
    """One picture per flow: files in directory ``out``, or Mermaid blocks on stdout."""
    if out is None:
        for flow in flows:
            stdout.write(f"%% {flow.name}\n".encode() + drawing(flow, fmt) + b"\n")
        return
    pictures = [drawing(flow, fmt) for flow in flows]  # all drawn before anything is written
    out.mkdir(parents=True, exist_ok=True)
    for name, picture in zip(_file_names(flows, fmt), pictures, strict=True):
        (out / name).write_bytes(picture)
        stdout.write(f"{out / name}\n".encode())


def render(args: argparse.Namespace, stdout: BinaryIO) -> None:
    """Draw what ``args`` name (BadInput or GraphvizMissingError otherwise)."""
    path = Path(args.source)
    if path.is_file():
        picture = drawing(file_flow(path, args.flow_type), args.format)
        if args.output is None:
            stdout.write(picture)
        else:
            args.output.write_bytes(picture)
        return
    if args.flow_type is not None:
        raise BadInput("--flow-type applies to a FILE; a stack's flows carry their own type")
    if args.output is None and args.format != "mermaid":
        raise BadInput(f"a stack has a picture per flow: give -o DIRECTORY for {args.format}")
    if args.output is not None and args.output.exists() and not args.output.is_dir():
        raise BadInput(
            f"-o {args.output}: a stack's pictures go to a directory, and this is a file"
        )
    write_stack(stack_flows(args.source, args.project), args.format, args.output, stdout)


def main(argv: Sequence[str] | None = None, stdout: BinaryIO | None = None) -> int:
    """Run the command line; return the exit status (2 with a message on bad input)."""
    args = _parser().parse_args(argv)
    try:
        render(args, stdout or sys.stdout.buffer)
    except (BadInput, GraphvizMissingError) as error:
        print(f"connect_streaming.flows: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(f"connect_streaming.flows: cannot write the picture: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_DRAWN
