"""The shell commands the README and the docs show exist with every option they use."""

from __future__ import annotations

import argparse
import re
import shlex

import pytest
from hypothesis.errors import InvalidArgument

from tests.docs.commands import (
    CONSOLE_SCRIPTS,
    PLAN_SCRIPT_DEFAULT,
    PLAN_SCRIPT_MODULE,
    check_command,
    check_extras,
    finding_parsers,
    shell_commands,
)
from tests.docs.markdown import DOCS, all_blocks, code_spans, pages
from tests.repo import REPO_ROOT

SHELLS = ("bash", "sh", "shell")
COMMANDS = [
    pytest.param(words, id=f"{block.where}:{shlex.join(words)[:60]}")
    for block in all_blocks()
    if block.language in SHELLS
    for words in shell_commands(block.code)
]
# Inline spans that start like a command of the project, e.g. `scripts/plan --stack prod`.
_COMMAND_SPAN = re.compile(
    r"^((connect-runtime|connect-streaming-plan)( |$)|scripts/|python (-m )?(benchmarks|connect_))"
)
SPANS = [
    pytest.param(span, id=f"{page.relative_to(REPO_ROOT)}:{span[:60]}")
    for page in pages()
    for span in dict.fromkeys(code_spans(page))
    if _COMMAND_SPAN.match(span)
]


def _options(parser: argparse.ArgumentParser) -> set[str]:
    """Every option string of a parser and its subcommands, at any depth."""
    found: set[str] = set()
    for action in parser._actions:
        found.update(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= _options(sub)
    return found


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return {**dict(action.choices), **_harness_subcommands(action.choices)}
    return {}


def _harness_subcommands(
    choices: dict[str, argparse.ArgumentParser],
) -> dict[str, argparse.ArgumentParser]:
    """connect-runtime lists serve/demo without loading the harness (it parses them apart):
    their real parsers, from the harness, in place of the placeholders."""
    from connect_runtime._harness import HARNESS_COMMANDS
    from connect_runtime.testing import commands

    if not HARNESS_COMMANDS.keys() <= choices.keys():
        return {}
    harness = argparse.ArgumentParser(prog="connect-runtime")
    groups = harness.add_subparsers(dest="group")
    commands.register(groups)
    return {name: groups.choices[name] for name in HARNESS_COMMANDS}


def test_the_shell_blocks_are_checked() -> None:
    # The README's two set-up commands are among them, and so is every console script.
    shown = {shlex.split(str(p.values[0]))[0] for p in SPANS}
    shown |= {words[0] for words in (p.values[0] for p in COMMANDS)}  # type: ignore[index]
    assert {"scripts/plan", "scripts/test", *CONSOLE_SCRIPTS} <= shown


@pytest.mark.parametrize("words", COMMANDS)
def test_each_shell_command_parses(words: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    check_command(list(words), monkeypatch)


@pytest.mark.parametrize("span", SPANS)
def test_each_inline_command_names_commands_and_options_that_exist(
    span: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Inline spans are often usage lines (`serve [--seed FILE]`, `streaming start|stop`), so
    # each subcommand and option is looked up in the real parser tree instead of parsed.
    words = shlex.split(span.replace("[", " ").replace("]", " "))
    with finding_parsers():
        parser = check_command(list(words), monkeypatch)
    if not isinstance(parser, argparse.ArgumentParser):
        return
    known = _options(parser) | {o for sub in _subcommands(parser).values() for o in _options(sub)}
    for word in words[1:]:
        if word.startswith("--"):
            assert word.split("=")[0] in known, f"{span}: {parser.prog} has no option {word}"
        elif (subparsers := _subcommands(parser)) and word.split("|")[0] in subparsers:
            for name in word.split("|"):
                assert name in subparsers, f"{span}: {parser.prog} has no command {name!r}"
            parser = subparsers[word.split("|")[0]]
            known |= _options(parser)


def test_the_cli_page_names_only_options_the_cli_has(monkeypatch: pytest.MonkeyPatch) -> None:
    with finding_parsers():
        parser = check_command(["connect-runtime"], monkeypatch)
    assert isinstance(parser, argparse.ArgumentParser)
    known = _options(parser)
    shown = {
        word.split("=")[0]
        for span in code_spans(DOCS / "cli.md")
        for word in span.split()
        if word.startswith("--")
    }
    assert shown, "the CLI page names no option"
    assert shown <= known, f"options the CLI does not have: {sorted(shown - known)}"


def test_scripts_plan_runs_the_plan_module_it_is_checked_as() -> None:
    script = (REPO_ROOT / "scripts" / "plan").read_text(encoding="utf-8")
    assert f"-m {PLAN_SCRIPT_MODULE} " in script
    assert f"set -- {shlex.join(PLAN_SCRIPT_DEFAULT)}\n" in script


@pytest.mark.parametrize(
    "requirement",
    ["connect-streaming[infra,nonesuch]", "/path/to/repo[nonesuch]", "boto3[crt]"],
)
def test_an_unknown_extra_or_another_distribution_fails(requirement: str) -> None:
    with pytest.raises((AssertionError, pytest.fail.Exception)):
        check_extras(requirement, "pip install")


@pytest.mark.parametrize(
    "line",
    [
        "connect-runtime task start --no-such-option 1",
        "connect-runtime nonesuch",
        "scripts/plan --stack prod --formt json",
        "python -m connect_runtime.testing serve --nonesuch",
        "python benchmarks/metrics_sweep.py --runz 5",
        ".venv/bin/python scripts/mutation.py run --max-childs 2",
        "HYPOTHESIS_PROFILE=nonesuch scripts/test",
        "bash scripts/bootstrap infra,nonesuch",
        "nonesuch-tool --flag",
    ],
)
def test_a_command_the_code_does_not_have_fails(
    line: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises((AssertionError, pytest.fail.Exception, InvalidArgument)):
        check_command(shlex.split(line), monkeypatch)
