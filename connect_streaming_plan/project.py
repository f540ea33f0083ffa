"""A Pulumi project as the CLI reads it: ``Pulumi.yaml`` (name, main, stackConfigDir) and the
``Pulumi.<stack>.yaml`` files, with errors that name the file and the key instead of tracebacks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from connect_streaming_plan.mocks import StackProgramError


def _read_yaml(path: Path) -> Any:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise StackProgramError(f"{path}: {error.strerror}") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise StackProgramError(f"{path}:{where}: not valid YAML ({problem})") from None


@dataclass(frozen=True)
class PulumiProject:
    """One Pulumi project directory.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "Pulumi.yaml").write_text("name: shop\\nruntime: python\\n")
        >>> PulumiProject.load(folder).name
        'shop'
    """

    root: Path
    name: str
    main: Path
    stack_config_dir: Path

    @classmethod
    def load(cls, directory: Path) -> PulumiProject:
        """Read ``directory/Pulumi.yaml`` (StackProgramError naming the problem)."""
        manifest = directory / "Pulumi.yaml"
        if not manifest.is_file():
            raise StackProgramError(f"no Pulumi.yaml in {directory} (pass --project DIR)")
        document = _read_yaml(manifest)
        if not isinstance(document, Mapping) or not isinstance(document.get("name"), str):
            raise StackProgramError(f"{manifest}: expected a mapping with a 'name'")
        main = directory / str(document.get("main") or ".")
        config_dir = directory / str(document.get("stackConfigDir") or ".")
        return cls(directory.resolve(), document["name"], main.resolve(), config_dir.resolve())

    @property
    def program(self) -> Path:
        """The program file the Python language host runs (``main`` or its ``__main__.py``)."""
        return self.main / "__main__.py" if self.main.is_dir() else self.main

    def stacks(self) -> list[str]:
        """Stacks that have a ``Pulumi.<stack>.yaml``."""
        names = (p.name[len("Pulumi.") : -len(".yaml")] for p in self.stack_config_dir.glob("*"))
        return sorted(n for n in names if n and self._is_stack_file(n))

    def _is_stack_file(self, name: str) -> bool:
        return (self.stack_config_dir / f"Pulumi.{name}.yaml").is_file()

    def stack_config(self, stack: str) -> dict[str, Any]:
        """The ``config:`` mapping of ``Pulumi.<stack>.yaml``."""
        return load_stack_file(self.stack_config_dir / f"Pulumi.{stack}.yaml", self.stacks())


def load_stack_file(path: Path, known: list[str] | None = None) -> dict[str, Any]:
    """The ``config:`` mapping of one ``Pulumi.<stack>.yaml`` (StackProgramError otherwise)."""
    if not path.is_file():
        hint = f" (known: {', '.join(known)})" if known else ""
        raise StackProgramError(f"no stack config {path}{hint}")
    document = _read_yaml(path) or {}
    config = document.get("config") if isinstance(document, Mapping) else None
    if not isinstance(config, Mapping):
        raise StackProgramError(f"{path}: expected a top-level 'config:' mapping")
    return dict(config)
