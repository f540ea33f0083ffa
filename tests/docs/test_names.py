"""Every name, path, extra, policy and component the README and the docs mention exists."""

from __future__ import annotations

import importlib
import inspect
import re

import pytest

from tests.docs.commands import EXTRAS
from tests.docs.markdown import DOCS, code_spans, pages, table_column
from tests.repo import REPO_ROOT

ROOTS = (
    "connect_runtime",
    "connect_streaming",
    "connect_streaming_plan",
    "connect_streaming_policy",
)
_DOTTED = re.compile(rf"^(?:{'|'.join(ROOTS)})(?:\.\w+)*(?:\(\))?$")
# Folders of this repository whose files the pages name by path.
_FOLDERS = (
    "benchmarks", "components", "connect_runtime", "connect_streaming_plan", "docs", "examples",
    "policy", "scripts", "stacks", "tests",
)  # fmt: skip
_PATH = re.compile(rf"^(?:{'|'.join(_FOLDERS)})/[\w.*<>/-]*$")


def _spans(pattern: re.Pattern[str]) -> list[object]:
    return [
        pytest.param(span, id=f"{page.relative_to(REPO_ROOT)}:{span}")
        for page in pages()
        for span in dict.fromkeys(code_spans(page))
        if pattern.match(span)
    ]


def resolve(dotted: str) -> object:
    """The module or attribute a dotted name denotes: the longest importable prefix, then
    attributes; raises if there is none."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            found = getattr(found, name)
        return found
    raise ModuleNotFoundError(dotted)


@pytest.mark.parametrize("dotted", _spans(_DOTTED))
def test_each_dotted_name_resolves(dotted: str) -> None:
    resolve(dotted.removesuffix("()"))


@pytest.mark.parametrize("path", _spans(_PATH))
def test_each_repository_path_exists(path: str) -> None:
    pattern = re.sub(r"<[^>]+>", "*", path).rstrip("/")
    assert any(REPO_ROOT.glob(pattern)) or (REPO_ROOT / pattern).exists(), path


def test_a_name_or_path_that_does_not_exist_is_caught() -> None:
    with pytest.raises(AttributeError):
        resolve("connect_runtime.testing.NoSuchThing")
    with pytest.raises(ModuleNotFoundError):
        resolve("connect_streaming_nonesuch.x")
    assert _DOTTED.match("connect_streaming.config.key_table()")
    assert _PATH.match("stacks/Pulumi.<env>.yaml")


def test_the_install_page_lists_exactly_the_extras() -> None:
    listed = {cell.strip("`") for cell in table_column(DOCS / "install.md", "extra")}
    assert listed == {"(none)", *EXTRAS}


def test_the_policy_table_lists_exactly_the_packs_policies_and_their_levels() -> None:
    from connect_streaming_policy.catalogue import RULES

    page = DOCS / "plan-and-pack.md"
    names = [cell.strip("`") for cell in table_column(page, "policy")]
    levels = [cell.split()[0] for cell in table_column(page, "policy", column=1)]
    assert sorted(names) == sorted(rule.name for rule in RULES)
    assert dict(zip(names, levels, strict=True)) == {rule.name: rule.level for rule in RULES}


def test_the_component_table_lists_exactly_the_components_and_their_outputs() -> None:
    import connect_streaming

    page = DOCS / "provision.md"
    names = [cell.strip("`") for cell in table_column(page, "component")]
    assert sorted(names) == sorted(connect_streaming.__all__)
    for name, outputs in zip(names, table_column(page, "component", column=2), strict=True):
        component = getattr(connect_streaming, name)
        annotated = {
            a for klass in component.__mro__ for a in getattr(klass, "__annotations__", {})
        }
        for output in re.findall(r"`(\w+)`", outputs):
            assert output in annotated, f"{name} has no output {output!r}"


def test_the_runtime_signature_shown_names_real_parameters() -> None:
    from connect_runtime import ConnectRuntime

    (shown,) = [s for s in code_spans(DOCS / "runtime.md") if s.startswith("ConnectRuntime(")]
    parts = shown.removeprefix("ConnectRuntime(").removesuffix(")").split(",")
    named = {part.split("=")[0].strip() for part in parts} - {"*"}
    assert "instance_id" in named
    assert named <= set(inspect.signature(ConnectRuntime).parameters)


def test_the_strategies_named_exist_in_the_modules_the_page_names() -> None:
    page = DOCS / "property-testing.md"
    spans = list(dict.fromkeys(code_spans(page)))
    modules = [importlib.import_module(s) for s in spans if s.startswith("connect_runtime.")]
    names = [s for s in spans if re.fullmatch(r"[a-z_]+", s) and s != "hypothesis"]
    assert modules
    assert names
    missing = [n for n in names if not any(hasattr(m, n) for m in modules)]
    assert missing == [], f"{page.name} names strategies no module has: {missing}"


def test_the_pages_name_the_path_of_every_other_page_correctly() -> None:
    # mkdocs --strict checks the links inside docs/; the README links into docs/ from outside.
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\((docs/[^)#]+)", readme):
        assert (REPO_ROOT / target).is_file(), target
