"""This repository as the tests see it: its Pulumi project, stacks and policy pack folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

REPO_ROOT: Final = Path(__file__).resolve().parent.parent
POLICY_PACK_DIR: Final = REPO_ROOT / "policy"
COMPONENTS_DIR: Final = REPO_ROOT / "components"


def project() -> Any:
    """The repository's Pulumi project (Pulumi.yaml: main stacks/, stackConfigDir stacks)."""
    from connect_streaming_plan.project import PulumiProject

    return PulumiProject.load(REPO_ROOT)


def known_stacks() -> list[str]:
    """The stacks with a stacks/Pulumi.<stack>.yaml."""
    return list(project().stacks())


def load_stack_config(environment: str) -> dict[str, Any]:
    """The ``config:`` mapping of stacks/Pulumi.<environment>.yaml."""
    return dict(project().stack_config(environment))


def run_stack_program(environment: str, config: dict[str, Any]) -> Any:
    """Run stacks/__main__.py for ``environment`` under the recording mocks."""
    from connect_streaming_plan.mocks import run_stack_program as run

    pulumi_project = project()
    return run(
        environment, config, program_path=pulumi_project.program, project=pulumi_project.name
    )
