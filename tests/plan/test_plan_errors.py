"""The offline plan meets a user's mistakes with exit 2 and a message naming the file, never a
traceback: broken YAML, a bad Pulumi.yaml, a program that registers a name twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from connect_streaming_plan.cli import main
from connect_streaming_plan.plan import EXIT_ERROR
from tests.plan.projects import dev_project
from tests.repo import REPO_ROOT, run_plan_command


def _plan(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


def test_a_yaml_syntax_error_in_a_stack_config_names_the_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "Pulumi.dev.yaml"
    bad.write_text("config:\n  connect-streaming:tags: {owner: [x\n", encoding="utf-8")
    code, err = _plan(capsys, "--stack", "dev", "--project", str(REPO_ROOT), "--config", str(bad))
    assert code == EXIT_ERROR
    assert f"{bad}: line 3" in err
    assert "not valid YAML" in err
    assert "<unicode string>" not in err
    assert "Traceback" not in err


def test_a_broken_project_manifest_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: [\n", encoding="utf-8")
    code, err = _plan(capsys, "--stack", "dev", "--project", str(tmp_path))
    assert code == EXIT_ERROR
    assert f"{tmp_path / 'Pulumi.yaml'}:" in err
    code, err = _plan(capsys, "--stack", "dev", "--project", str(tmp_path / "nowhere"))
    assert code == EXIT_ERROR
    assert "no Pulumi.yaml" in err


def test_a_duplicate_resource_is_a_program_error_not_a_traceback(tmp_path: Path) -> None:
    project = dev_project(
        tmp_path,
        "dupes",
        "import pulumi_aws as aws\naws.sns.Topic('chat')\naws.sns.Topic('chat')\n",
    )
    result = run_plan_command("--stack", "dev", cwd=project)
    assert result.returncode == EXIT_ERROR, result.stdout
    assert "duplicate resource name 'chat'" in result.stderr
    assert "Traceback" not in result.stderr
