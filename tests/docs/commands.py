"""Check a shell command the docs show against this project's real parsers, without running it.

Each parser runs up to the point where it has parsed the arguments: `argparse.ArgumentParser`
and click's `Command.invoke` are patched to raise `Parsed` there, so nothing else executes.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import re
import runpy
import shlex
import sys
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

import pytest
from packaging.requirements import InvalidRequirement, Requirement

from tests.repo import REPO_ROOT

PYPROJECT: Final = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
EXTRAS: Final = frozenset(PYPROJECT["project"]["optional-dependencies"])
CONSOLE_SCRIPTS: Final[dict[str, str]] = PYPROJECT["project"]["scripts"]
DISTRIBUTION: Final = PYPROJECT["project"]["name"]
# Tools that are not this project's: shown in the docs, documented by their own projects.
EXTERNAL: Final = frozenset({"pulumi", "promtool", "export", "cd", "git", "mkdocs", "aws"})
# Project scripts whose arguments go to a tool of their own (pytest, mkdocs): only their
# existence is checked.
PASS_THROUGH: Final = frozenset({"scripts/test", "scripts/docs", "scripts/test-any-day"})
# scripts/plan execs the plan's module with its arguments; the test checks that it still does.
PLAN_SCRIPT_MODULE: Final = "connect_streaming_plan"
PYTHONS: Final = frozenset({"python", "python3", ".venv/bin/python"})
PLAN_SCRIPT_DEFAULT: Final = ["--stack", "dev"]  # what scripts/plan runs without arguments
_ASSIGNMENT = re.compile(r"^[A-Z_][A-Z0-9_]*=")
_FIND_ONLY: list[bool] = []  # non-empty while `finding_parsers` is active


@contextmanager
def finding_parsers() -> Iterator[None]:
    """Within: `check_command` returns a command's parser without parsing its arguments."""
    _FIND_ONLY.append(True)
    try:
        yield
    finally:
        _FIND_ONLY.pop()


# A BaseException, so that an entry point's `except Exception` lets it through.
class Parsed(BaseException):
    """Raised by a patched parser once it has parsed the arguments (a signal, not an error)."""

    def __init__(self, parser: object) -> None:
        super().__init__()
        self.parser = parser


def shell_commands(script: str) -> Iterator[list[str]]:
    """The commands of a shell block: continuation lines joined, comments dropped."""
    joined = script.replace("\\\n", " ")
    for line in joined.splitlines():
        words = shlex.split(line, comments=True)
        if words:
            yield words


@contextmanager
def parsing_only(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> Iterator[None]:
    """Within: ``sys.argv`` is ``argv`` and the outermost parse (``parse_args`` or
    ``parse_known_args``) stops with `Parsed` once it has parsed (or, under `finding_parsers`,
    before it parses); the parses it makes inside (subparsers, parse_args' own call) run as
    usual, so parse_args still refuses unrecognized arguments."""
    active: list[argparse.ArgumentParser] = []

    def outermost(original: Callable[..., Any]) -> Callable[..., Any]:
        def parse(self: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> Any:
            if active:
                return original(self, *args, **kwargs)
            if not _FIND_ONLY:
                active.append(self)
                try:
                    original(self, *args, **kwargs)
                finally:
                    active.pop()
            raise Parsed(self)

        return parse

    for name in ("parse_args", "parse_known_args"):
        monkeypatch.setattr(
            argparse.ArgumentParser, name, outermost(getattr(argparse.ArgumentParser, name))
        )
    monkeypatch.setattr(sys, "argv", argv)
    yield


def expect_parsed(run: Callable[[], object], what: str) -> object:
    """Run ``run`` (a parser's entry point); fail unless it reaches `Parsed`."""
    try:
        result = run()
    except Parsed as parsed:
        return parsed.parser
    except SystemExit as exit_:
        pytest.fail(f"{what}: the parser refused it (exit {exit_.code})")
    pytest.fail(f"{what}: returned {str(result)[:80]!r} without parsing its arguments")


def check_extras(requirement: str, what: str) -> None:
    """``requirement`` names this distribution (or a path to it) with extras it declares."""
    extras: set[str]
    try:
        parsed = Requirement(requirement)
    except InvalidRequirement:
        match = re.search(r"\[([^\]]*)\]$", requirement)  # a path: /path/to/repo[infra]
        extras = {e.strip() for e in match[1].split(",")} if match else set()
    else:
        if parsed.name != DISTRIBUTION:
            pytest.fail(f"{what}: installs {parsed.name!r}, not {DISTRIBUTION!r}")
        extras = set(parsed.extras)
    unknown = extras - EXTRAS
    assert not unknown, f"{what}: no such extra {sorted(unknown)}; pyproject has {sorted(EXTRAS)}"


def _console_script(name: str, args: list[str], monkeypatch: pytest.MonkeyPatch) -> object:
    module, _, function = CONSOLE_SCRIPTS[name].partition(":")
    main = getattr(importlib.import_module(module), function)
    with parsing_only(monkeypatch, [name, *args]):
        return expect_parsed(main, f"{name} {shlex.join(args)}")


def _python_module(module: str, args: list[str], monkeypatch: pytest.MonkeyPatch) -> object:
    what = f"python -m {module} {shlex.join(args)}"
    if module.startswith("benchmarks."):
        return _script(REPO_ROOT / (module.replace(".", "/") + ".py"), args, monkeypatch)
    spec = importlib.util.find_spec(module)
    assert spec is not None, f"{what}: no such module"
    if spec.submodule_search_locations is not None:  # a package: `-m` runs its __main__
        run: Callable[[], object] = lambda: runpy.run_module(module, run_name="__main__")  # noqa: E731
    else:
        main = getattr(importlib.import_module(module), "main", None)
        if main is None:  # a module whose __main__ block takes no arguments
            assert not args, f"{what}: the module takes no arguments"
            return None
        run = main
    with parsing_only(monkeypatch, [module, *args]):
        return expect_parsed(run, what)


def _script(path: Path, args: list[str], monkeypatch: pytest.MonkeyPatch) -> object:
    what = f"{path.relative_to(REPO_ROOT)} {shlex.join(args)}"
    assert path.is_file(), f"{what}: no such file"
    if path == REPO_ROOT / "scripts" / "mutation.py":
        return None if _FIND_ONLY else _mutmut(args, what, monkeypatch)
    if "ArgumentParser" not in path.read_text(encoding="utf-8"):
        assert not args, f"{what}: the script takes no arguments"
        return None
    with parsing_only(monkeypatch, [str(path), *args]):
        return expect_parsed(lambda: runpy.run_path(str(path), run_name="__main__"), what)


def _mutmut(args: list[str], what: str, monkeypatch: pytest.MonkeyPatch) -> object:
    # scripts/mutation.py hands its arguments to mutmut's click command line unchanged.
    import click
    import mutmut.__main__ as mutmut_main

    def invoke(self: click.Command, ctx: click.Context) -> Any:
        if isinstance(self, click.Group):
            return None  # the group's own callback; its subcommand is parsed next
        raise Parsed(self)

    monkeypatch.setattr(click.Command, "invoke", invoke)
    run = lambda: mutmut_main.cli.main(args, prog_name="mutmut", standalone_mode=False)  # noqa: E731
    try:
        return expect_parsed(run, what)
    except click.UsageError as error:
        pytest.fail(f"{what}: {error}")


def check_command(words: list[str], monkeypatch: pytest.MonkeyPatch) -> object:
    """Check one command line; return the parser that accepted it (None when none applies)."""
    while words and _ASSIGNMENT.match(words[0]):
        name, _, value = words.pop(0).partition("=")
        if name == "HYPOTHESIS_PROFILE":
            from hypothesis import settings

            settings.get_profile(value)  # raises for a profile tests/conftest.py does not register
    if words and words[0] == "bash":
        words = words[1:]
    command, args = words[0], words[1:]
    if command in EXTERNAL:
        return None
    if command in CONSOLE_SCRIPTS:
        return _console_script(command, args, monkeypatch)
    if command == "scripts/plan":
        return _python_module(PLAN_SCRIPT_MODULE, args or PLAN_SCRIPT_DEFAULT, monkeypatch)
    if command in PASS_THROUGH:
        assert (REPO_ROOT / command).is_file(), f"{command}: no such script"
        return None
    if command == "scripts/bootstrap":
        check_extras(f"{DISTRIBUTION}[{args[0]}]" if args else DISTRIBUTION, shlex.join(words))
        return None
    if command in {"pip", "pip3"} or (command in PYTHONS and args[:2] == ["-m", "pip"]):
        _pip(words)
        return None
    if command in PYTHONS:
        if args[0] == "-m":
            return _python_module(args[1], args[2:], monkeypatch)
        return _script(REPO_ROOT / args[0], args[1:], monkeypatch)
    if command.startswith("scripts/") and command.endswith(".py"):
        return _script(REPO_ROOT / command, args, monkeypatch)
    pytest.fail(f"{shlex.join(words)}: not a command these tests know (add it to EXTERNAL?)")


def _pip(words: list[str]) -> None:
    install = words.index("install")
    for argument in words[install + 1 :]:
        if not argument.startswith("-"):
            check_extras(argument, shlex.join(words))
