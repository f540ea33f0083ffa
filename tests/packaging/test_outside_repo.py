"""Used from another repository, as a platform team would: the wheel built from this checkout,
installed into a fresh virtualenv outside it, with the working directory outside it too.

One virtualenv per session (building it costs ~30 s): the copied policy pack's requirements
and the example project's requirements are installed into it with ``--find-links`` standing in
for the team's package index.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest

from connect_streaming.provider import COMPONENTS
from connect_streaming_plan.analyzer import PolicyPackProcess
from tests.repo import POLICY_PACK_DIR, REPO_ROOT, served_provider_schema

EXAMPLE_DIR = REPO_ROOT / "examples" / "support-stack"
PUBLIC_COMPONENTS = sorted(c.__name__ for c in COMPONENTS)
VERSION = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
    "version"
]


def _run(argv: Sequence[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    # A clean environment: nothing from this checkout or its virtualenv leaks in.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        list(argv), cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheelhouse")
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(REPO_ROOT)],
        cwd=out,
    )
    assert built.returncode == 0, built.stderr
    (path,) = out.glob("connect_streaming-*.whl")
    return path


@pytest.fixture(scope="session")
def outside(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    """A work area outside the repository: a virtualenv, the copied pack and example."""
    area = tmp_path_factory.mktemp("outside")
    assert REPO_ROOT not in area.parents
    shutil.copytree(POLICY_PACK_DIR, area / "pack", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(EXAMPLE_DIR, area / "example", ignore=shutil.ignore_patterns("__pycache__"))
    venv = area / "venv"
    assert _run([sys.executable, "-m", "venv", str(venv)], cwd=area).returncode == 0
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
    pip += ["--disable-pip-version-check", "--find-links", str(wheel.parent)]
    for requirements in (area / "pack" / "requirements.txt", area / "example" / "requirements.txt"):
        installed = _run([*pip, "-r", str(requirements)], cwd=area)
        assert installed.returncode == 0, installed.stderr
    # What a team adds to run the offline plan, and to type-check its program.
    installed = _run([*pip, "connect-streaming[plan]", "mypy>=1.11"], cwd=area)
    assert installed.returncode == 0, installed.stderr
    return area


def _python(area: Path) -> str:
    return str(area / "venv" / "bin" / "python")


def test_the_wheel_installs_only_namespaced_typed_packages(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    top_level = {
        name.split("/", 1)[0] for name in names if not name.split("/")[0].endswith(".dist-info")
    }
    assert top_level == {"connect_runtime", "connect_streaming", "connect_streaming_plan"}
    assert not top_level & {"components", "stacks", "policy", "tests"}
    for package in top_level:
        assert f"{package}/py.typed" in names, f"{package} ships no py.typed"


def test_another_program_imports_the_components_from_the_installed_wheel(outside: Path) -> None:
    names = ", ".join(PUBLIC_COMPONENTS)
    program = (
        f"import sys, connect_streaming, connect_streaming.flows, connect_runtime\n"
        f"from connect_streaming import {names}\n"
        "assert all('site-packages' in m.__file__ for m in"
        " (connect_streaming, connect_streaming.flows, connect_runtime)), sys.modules\n"
        f"assert not any(p.startswith({str(REPO_ROOT)!r}) for p in sys.path), sys.path\n"
        "print(connect_streaming.ChatStreamingEndpoint.__module__)\n"
    )
    result = _run([_python(outside), "-c", program], cwd=outside)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "connect_streaming.streaming.component"


def test_no_generic_top_level_module_is_installed(outside: Path) -> None:
    probe = (
        "import importlib.util, json\n"
        "print(json.dumps({n: importlib.util.find_spec(n) is not None"
        " for n in ('components', 'stacks', 'policy', 'tests')}))\n"
    )
    result = _run([_python(outside), "-c", probe], cwd=outside)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == dict.fromkeys(
        ("components", "stacks", "policy", "tests"), False
    )


def test_the_installed_provider_host_serves_the_schema(outside: Path) -> None:
    """What `pulumi package add` asks for, from the installed distribution, cwd outside."""
    command = [_python(outside), "-m", "connect_streaming.provider", "127.0.0.1:9"]
    schema = served_provider_schema(command, outside)
    assert schema["name"] == "connect-streaming"
    assert schema["version"] == VERSION
    assert sorted(r.rsplit(":", 1)[-1] for r in schema["resources"]) == PUBLIC_COMPONENTS
    for resource in schema["resources"].values():
        assert resource["description"], "descriptions come from the docstrings"


def test_the_copied_policy_pack_serves_every_policy(outside: Path) -> None:
    from connect_streaming_policy.catalogue import RULES

    with PolicyPackProcess(outside / "pack", python=_python(outside)) as pack:
        info = pack.info()
    assert info.name == "connect-streaming"
    assert sorted(p.name for p in info.policies) == sorted(r.name for r in RULES)


PLATFORM_STACK = "example-org/connect-streaming/prod"


def _plan_argv(outside: Path, project: Path, outputs: Path | None = None) -> list[str]:
    """The offline plan of ``project``'s prod stack with the copied pack; the platform
    stack's outputs (what the example's StackReference reads) from ``outputs``."""
    outputs = outputs or project / "platform-prod-outputs.json"
    argv = [_python(outside), "-m", "connect_streaming_plan", "--stack", "prod"]
    argv += ["--project", str(project), "--policy-pack", str(outside / "pack")]
    return [*argv, "--stack-reference", f"{PLATFORM_STACK}={outputs}"]


def test_the_example_plans_clean_with_the_copied_pack(outside: Path) -> None:
    argv = _plan_argv(outside, outside / "example")
    result = _run([*argv, "--format", "json"], cwd=outside)
    assert result.returncode == 0, result.stderr + result.stdout
    plan = json.loads(result.stdout)
    assert plan["policyPack"] == {
        "name": "connect-streaming",
        "version": VERSION,
        "policies": plan["policyPack"]["policies"],
    }
    types = sorted({r["type"] for r in plan["resources"]})
    assert "aws:sns/topic:Topic" in types
    assert "connect-streaming:index:ChatStreamingEndpoint" in types
    assert plan["summary"] == {"resources": len(plan["resources"]), "mandatory": 0, "advisory": 0}


def test_the_copied_pack_blocks_an_insecure_change_to_the_example(outside: Path) -> None:
    insecure = outside / "example-insecure"
    shutil.copytree(outside / "example", insecure)
    program = insecure / "__main__.py"
    program.write_text(
        program.read_text().replace('"data-classification": "confidential",\n', ""),
        encoding="utf-8",
    )
    result = _run(_plan_argv(outside, insecure), cwd=outside)
    assert result.returncode == 1, result.stderr + result.stdout
    assert "required-tags" in result.stdout


def test_an_instance_from_another_region_fails_when_the_reference_resolves(
    outside: Path,
) -> None:
    """The instance ARN is an Output (a StackReference): its check runs once it is known."""
    other = outside / "platform-us-east-1.json"
    arn = "arn:aws:connect:us-east-1:210987654321:instance/5c1d9e2a-7b3f-4a60-8d21-9e4f0a6b7c13"
    other.write_text(json.dumps({"instanceArn": arn}), encoding="utf-8")
    result = _run(_plan_argv(outside, outside / "example", other), cwd=outside)
    assert result.returncode == 2, result.stdout + result.stderr
    # The first resource whose input resolves reports it, naming component, field and rule.
    assert "': instance_arn: expected an instance in the AWS provider's Region eu-west-2" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_the_example_type_checks_strictly_against_the_installed_wheel(outside: Path) -> None:
    result = _run(
        [_python(outside), "-m", "mypy", "--strict", "--no-incremental", "__main__.py"],
        cwd=outside / "example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
