"""The repository's layout keeps its promises: one import name per module, manifests that agree,
and deployable folders (components/, policy/, stacks/) that hold what Pulumi expects."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import tomllib
from pathlib import Path

import yaml

from tests.repo import COMPONENTS_DIR, POLICY_PACK_DIR, REPO_ROOT

PACKAGES = (
    "connect_runtime",
    "connect_streaming",
    "connect_streaming_plan",
    "connect_streaming_policy",
)


def _version(path: Path) -> str:
    return str(tomllib.loads(path.read_text(encoding="utf-8"))["project"]["version"])


def test_every_module_is_loaded_under_exactly_one_name() -> None:
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        for module in pkgutil.walk_packages(package.__path__, f"{package_name}."):
            if module.name.endswith("__main__"):
                continue  # running it is its only purpose
            importlib.import_module(module.name)
    by_file: dict[str, list[str]] = {}
    for name, loaded in list(sys.modules.items()):
        location = getattr(loaded, "__file__", None)
        resolved = Path(location).resolve() if location else None
        if resolved and resolved.is_relative_to(REPO_ROOT) and ".venv" not in resolved.parts:
            by_file.setdefault(str(resolved), []).append(name)
    twice = {path: names for path, names in by_file.items() if len(names) > 1}
    assert not twice, f"modules loaded under two names: {twice}"
    assert "components" not in sys.modules
    assert "policy" not in sys.modules


def test_the_plugin_folder_is_a_source_based_python_package() -> None:
    plugin = yaml.safe_load((COMPONENTS_DIR / "PulumiPlugin.yaml").read_text(encoding="utf-8"))
    assert plugin["runtime"]["name"] == "python"
    assert plugin["runtime"]["options"]["toolchain"] == "pip"
    # The package name comes from the provider host (GetSchema), not from a manifest here.
    # A pyproject.toml in this folder would be a second distribution named like the root one:
    # pip builds it (setuptools' fallback backend, only connect_streaming inside) and Pulumi's
    # Python host runs `pip install <plugin dir>` when it has a build backend.
    assert not (COMPONENTS_DIR / "pyproject.toml").exists()
    assert not (COMPONENTS_DIR / "setup.py").exists()
    requirements = (COMPONENTS_DIR / "requirements.txt").read_text(encoding="utf-8").split()
    assert "../[infra,templates]" in requirements
    assert "component_provider_host" not in (COMPONENTS_DIR / "__main__.py").read_text()
    assert "serve()" in (COMPONENTS_DIR / "__main__.py").read_text()


def test_versions_agree_across_the_manifests() -> None:
    version = _version(REPO_ROOT / "pyproject.toml")
    pack = yaml.safe_load((POLICY_PACK_DIR / "PulumiPolicy.yaml").read_text(encoding="utf-8"))
    assert str(pack["version"]) == version


def test_no_path_edits_anywhere() -> None:
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for folder in (
            "components",
            "policy",
            "stacks",
            "connect_runtime",
            "connect_streaming_plan",
        )
        for path in (REPO_ROOT / folder).rglob("*.py")
        if "sys.path.insert" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_the_program_folder_holds_the_program_and_its_stack_configs_only() -> None:
    files = sorted(p.name for p in (REPO_ROOT / "stacks").iterdir() if p.name != "__pycache__")
    assert files == ["Pulumi.dev.yaml", "Pulumi.prod.yaml", "Pulumi.staging.yaml", "__main__.py"]
