"""Throwaway Pulumi projects for the plan's tests: a program, a dev stack and our pack."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.repo import POLICY_PACK_DIR


def dev_project(folder: Path, name: str, program: str) -> Path:
    """``folder/name``: Pulumi.yaml, a dev stack in us-east-1, ``program`` as __main__.py and a
    copy of our pack in ``policy/`` (the plan's default pack folder)."""
    project = folder / name
    project.mkdir()
    (project / "Pulumi.yaml").write_text(f"name: {name}\nruntime: python\n", encoding="utf-8")
    (project / "Pulumi.dev.yaml").write_text("config:\n  aws:region: us-east-1\n", "utf-8")
    (project / "__main__.py").write_text(program, encoding="utf-8")
    shutil.copytree(POLICY_PACK_DIR, project / "policy")
    return project
