"""Region and name safety through the offline plan: a stack whose ``aws:region`` is not the
instance's Region, or whose entries derive colliding names, exits 2 naming both, no traceback."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml

from connect_streaming_plan.cli import main
from connect_streaming_plan.plan import EXIT_ERROR
from tests.repo import load_stack_config


def _plan_with(tmp_path: Path, config: dict[str, Any]) -> tuple[int, str]:
    path = tmp_path / "Pulumi.dev.yaml"
    path.write_text(yaml.safe_dump({"config": config}), encoding="utf-8")
    out = io.StringIO()
    return main(["--stack", "dev", "--config", str(path)], out=out), out.getvalue()


def test_a_region_other_than_the_instance_region_exits_2_naming_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = load_stack_config("dev")
    config["aws:region"] = "eu-west-1"
    code, out = _plan_with(tmp_path, config)
    err = capsys.readouterr().err
    assert code == EXIT_ERROR
    assert out == ""  # no plan printed: nothing was registered
    assert (
        "connect-streaming:instanceArn: expected an instance in the stack's Region eu-west-1" in err
    )
    assert "in us-east-1" in err
    assert "Traceback" not in err


def test_colliding_derived_names_exit_2_naming_both_entries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = load_stack_config("dev")
    config["connect-streaming:streamingEndpoints"] = [
        {"name": "chat", "sqsSubscribers": [{"name": "stream-transcripts"}]},
        {"name": "chat-stream", "sqsSubscribers": [{"name": "transcripts"}]},
    ]
    code, _ = _plan_with(tmp_path, config)
    err = capsys.readouterr().err
    assert code == EXIT_ERROR
    assert (
        "connect-streaming:streamingEndpoints[1].sqsSubscribers[0].name: expected a name whose"
        " derived names are unique: SQS queue 'dev-chat-stream-transcripts' is also derived"
        " from streamingEndpoints[0].sqsSubscribers[0]"
    ) in err
    assert "Traceback" not in err
    assert len(err.splitlines()) <= 4, err
