"""This repository as the tests see it: its Pulumi project, stacks and policy pack folder."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
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


def served_provider_schema(command: Sequence[str], cwd: Path) -> dict[str, Any]:
    """Start a component provider host (``command``), ask it for GetSchema over gRPC as
    `pulumi package add` does, stop it, and return the schema it served."""
    import grpc
    from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc

    host = subprocess.Popen(list(command), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert host.stdout is not None
        port = int(host.stdout.readline().strip())
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = provider_pb2_grpc.ResourceProviderStub(channel)
            reply = stub.GetSchema(provider_pb2.GetSchemaRequest(), timeout=60)
    finally:
        host.terminate()
        host.wait(30)
    return dict(json.loads(reply.schema))


def run_plan_command(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m connect_streaming_plan ARGS`` run in ``cwd``, as a user runs it; not checked."""
    return subprocess.run(
        [sys.executable, "-m", "connect_streaming_plan", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
