"""``connect-streaming-plan``: the offline plan's command line (exit 0 clean, 1 mandatory
violations, 2 bad input or a program error; the message says which)."""

from __future__ import annotations

import argparse
import asyncio
import atexit
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from connect_streaming_plan.mocks import StackProgramError, close_event_loops
from connect_streaming_plan.packs import PolicyPackError
from connect_streaming_plan.plan import EXIT_CLEAN, EXIT_ERROR, PlanError, json_object, run_plan
from connect_streaming_plan.project import PulumiProject, load_stack_file
from connect_streaming_plan.render import FORMATS, render

__all__ = ["EXIT_CLEAN", "EXIT_ERROR", "main", "parser"]


def parser() -> argparse.ArgumentParser:
    """The command line's options."""
    parser = argparse.ArgumentParser(
        prog="connect-streaming-plan",
        description=(
            "Offline plan: run a Pulumi project's program for one stack under Pulumi mocks and"
            " check every resource with one or more policy packs (Python or Node) over their"
            " gRPC Analyzer interface, as `pulumi preview --policy-pack` does. Exit 0 clean,"
            " 1 mandatory violations, 2 errors."
        ),
    )
    add = parser.add_argument
    add("--stack", required=True, help="stack name (its Pulumi.<stack>.yaml)")
    add(
        "--project",
        type=Path,
        default=Path.cwd(),
        help="the Pulumi project directory, with Pulumi.yaml (default: the current directory)",
    )
    add(
        "--policy-pack",
        type=Path,
        action="append",
        help="a policy pack directory (PulumiPolicy.yaml, runtime python or nodejs); repeat for"
        " more packs, as with `pulumi preview` (default: <project>/policy)",
    )
    add(
        "--policy-config",
        "--policy-pack-config",
        type=Path,
        action="append",
        help="policy pack config JSON, as `pulumi preview --policy-pack-config`; repeated, the"
        " n-th goes with the n-th --policy-pack (default: <pack>/config/<stack>.json if present)",
    )
    add("--format", choices=tuple(FORMATS), default="text", help="what to print on stdout")
    add(
        "--write",
        action="append",
        metavar="FORMAT=FILE",
        help="also write the plan in FORMAT to FILE (e.g. sarif=plan.sarif); repeatable",
    )
    add(
        "--baseline",
        type=Path,
        metavar="PLAN.json",
        help="a previous `--format json` plan: the Markdown comment draws only the flows"
        " changed since (default: every flow)",
    )
    add("--config", type=Path, help="a Pulumi.<stack>.yaml to use instead of the project's own")
    add(
        "--stack-reference",
        action="append",
        metavar="STACK=OUTPUTS.json",
        help="the outputs a pulumi.StackReference to STACK reads, as a JSON object"
        " (e.g. from `pulumi stack output --json`); repeat for more stacks",
    )
    return parser


def _pairs(given: Sequence[str], option: str, shape: str) -> list[tuple[str, str]]:
    """``NAME=VALUE`` options split (PlanError naming the option and the expected shape)."""
    pairs = []
    for item in given:
        name, sep, value = item.partition("=")
        if not sep or not name or not value:
            raise PlanError(f"{option} {item!r}: expected {shape}")
        pairs.append((name, value))
    return pairs


def _stack_references(given: Sequence[str]) -> dict[str, dict[str, Any]]:
    """``--stack-reference ORG/PROJECT/STACK=OUTPUTS.json`` options as stack name -> outputs."""
    return {
        name: json_object(Path(file), f"--stack-reference {name}: {file}")
        for name, file in _pairs(given, "--stack-reference", "STACK=OUTPUTS.json")
    }


def _writes(given: Sequence[str]) -> list[tuple[str, Path]]:
    writes = []
    for form, file in _pairs(given, "--write", "FORMAT=FILE"):
        if form not in FORMATS:
            raise PlanError(f"--write {form}={file}: FORMAT is one of {', '.join(FORMATS)}")
        writes.append((form, Path(file)))
    return writes


def _baseline(path: Path) -> dict[str, Any]:
    """A previous ``--format json`` plan (PlanError unless it is one)."""
    document = json_object(path, f"--baseline {path}", "a `--format json` plan")
    if not isinstance(document.get("resources"), list):
        raise PlanError(f"--baseline {path}: expected a `--format json` plan (a resources list)")
    return document


def _stack_file(path: Path) -> dict[str, Any]:
    name = path.name
    if not path.is_file():
        raise PlanError(f"--config {path}: no such file")
    if not (name.startswith("Pulumi.") and name.endswith(".yaml")):
        raise PlanError(f"--config {path}: expected a file named Pulumi.<stack>.yaml")
    return load_stack_file(path)


def _close_event_loop_at_exit() -> None:
    """Close the event loops the Pulumi runtime ran the program in, at exit: the main thread's
    and the one each executor thread of the mocks was given. Left open, one can be torn down
    after its own sockets and print "Exception ignored ... Invalid file descriptor" on stderr
    after the plan's message."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        loop = asyncio.get_event_loop()
    atexit.register(lambda: loop.is_running() or loop.is_closed() or loop.close())
    atexit.register(close_event_loops)  # and those of the mocks' executor threads


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    out = out or sys.stdout
    try:
        args = parser().parse_args(argv)
    except SystemExit as exit_:
        return EXIT_ERROR if exit_.code else EXIT_CLEAN
    try:
        writes = _writes(args.write or [])
        baseline = _baseline(args.baseline) if args.baseline else None
        project = PulumiProject.load(args.project)
        _close_event_loop_at_exit()
        plan = run_plan(
            args.stack,
            project=project,
            pack_dirs=args.policy_pack or [project.root / "policy"],
            config=None if args.config is None else _stack_file(args.config),
            config_file=args.config,
            policy_configs=args.policy_config or [],
            stack_outputs=_stack_references(args.stack_reference or []),
        )
        for form, path in writes:
            with path.open("w", encoding="utf-8") as file:
                render(plan, form, file, baseline)
    except OSError as error:
        print(f"error: {error.filename}: {error.strerror}", file=sys.stderr)
        return EXIT_ERROR
    except (PlanError, StackProgramError, PolicyPackError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    try:
        render(plan, args.format, out, baseline)
        out.flush()
    except BrokenPipeError:  # `... | head`: the reader left; that is not the plan's error
        sys.stdout = None  # no flush of a closed pipe at exit
    return plan.exit_code


if __name__ == "__main__":
    sys.exit(main())
