"""The offline plan: every environment is clean; the insecure example fails with the expected
mandatory violations; bad input exits 2 naming the problem."""

from __future__ import annotations

import io
import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest

from connect_streaming_plan.cli import main
from connect_streaming_plan.plan import EXIT_CLEAN, EXIT_ERROR, EXIT_VIOLATIONS
from tests.repo import REPO_ROOT, run_plan_command

INSECURE = REPO_ROOT / "tests" / "policy" / "fixtures" / "insecure" / "Pulumi.prod.yaml"


def _plan(*argv: str) -> tuple[int, dict[str, Any]]:
    out = io.StringIO()
    code = main([*argv, "--format", "json"], out=out)
    return code, json.loads(out.getvalue()) if out.getvalue() else {}


@pytest.mark.parametrize("stack", ["dev", "staging", "prod"])
def test_every_environment_plans_clean(stack: str) -> None:
    code, plan = _plan("--stack", stack)
    assert code == EXIT_CLEAN
    assert plan["exitCode"] == EXIT_CLEAN
    assert plan["summary"]["mandatory"] == 0
    assert plan["summary"]["advisory"] == 0
    assert plan["summary"]["resources"] == len(plan["resources"]) > 20
    assert plan["policyPack"]["name"] == "connect-streaming"
    assert plan["policyPack"]["version"] == version("connect-streaming")  # PulumiPolicy.yaml
    types = {r["type"] for r in plan["resources"]}
    assert {
        "aws:sns/topic:Topic",
        "aws:iam/role:Role",
        "aws:connect/contactFlow:ContactFlow",
    } <= types
    assert set(plan["outputs"]["topicArns"])


def test_prod_uses_its_stricter_policy_config() -> None:
    _, plan = _plan("--stack", "prod")
    assert plan["policyConfig"].endswith("policy/config/prod.json")
    levels = {p["name"]: p["enforcement"] for p in plan["policyPack"]["policies"]}
    assert levels["required-tags"] == "mandatory"
    assert levels["streaming-topic-has-subscriber"] == "mandatory"
    _, dev = _plan("--stack", "dev")
    dev_levels = {p["name"]: p["enforcement"] for p in dev["policyPack"]["policies"]}
    assert dev_levels["required-tags"] == "advisory"


def test_the_insecure_example_fails_with_the_expected_violations() -> None:
    code, plan = _plan("--stack", "prod", "--config", str(INSECURE))
    assert code == EXIT_VIOLATIONS
    found = {
        (v["policy"], r["type"], v["enforcement"]) for r in plan["resources"] for v in r["verdicts"]
    }
    assert ("topic-encrypted-with-cmk", "aws:sns/topic:Topic", "mandatory") in found
    tagged = {
        r["name"]
        for r in plan["resources"]
        for v in r["verdicts"]
        if v["policy"] == "required-tags"
    }
    assert "prod-chat-stream-topic" in tagged
    assert "prod-task-starter-role" in tagged
    assert {p for p, _, _ in found} == {"topic-encrypted-with-cmk", "required-tags"}


def test_without_the_prod_config_only_security_rules_block(tmp_path: Path) -> None:
    empty = tmp_path / "policy.json"
    empty.write_text("{}", encoding="utf-8")
    code, plan = _plan("--stack", "prod", "--config", str(INSECURE), "--policy-config", str(empty))
    assert code == EXIT_VIOLATIONS
    mandatory = {
        v["policy"]
        for r in plan["resources"]
        for v in r["verdicts"]
        if v["enforcement"] == "mandatory"
    }
    advisory = {
        v["policy"]
        for r in plan["resources"]
        for v in r["verdicts"]
        if v["enforcement"] == "advisory"
    }
    assert mandatory == {"topic-encrypted-with-cmk"}
    assert advisory == {"required-tags"}


def test_all_advisory_config_makes_the_plan_pass(tmp_path: Path) -> None:
    lenient = tmp_path / "policy.json"
    lenient.write_text(json.dumps({"all": "advisory"}), encoding="utf-8")
    code, plan = _plan(
        "--stack", "prod", "--config", str(INSECURE), "--policy-config", str(lenient)
    )
    assert code == EXIT_CLEAN
    assert plan["summary"]["advisory"] > 0


def test_text_output_shows_the_tree_and_the_violations(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    code = main(["--stack", "prod", "--config", str(INSECURE)], out=out)
    text = out.getvalue()
    assert code == EXIT_VIOLATIONS
    assert "connect-streaming:index:StreamingEnvironment  prod  [ok]" in text
    assert "\n    aws:sns/topic:Topic  prod-chat-stream-topic  [2 mandatory]" in text
    assert "[mandatory] topic-encrypted-with-cmk (high) on prod-chat-stream-topic" in text
    assert "Mandatory violations: exit 1." in text


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"no-such-policy": "mandatory"}, "unknown policy no-such-policy"),
        ({"required-tags": "strict"}, "enforcement level 'strict'"),
        ({"required-tags": {"requiredTag": ["x"]}}, "required-tags.requiredTag: not a property"),
        (
            {"required-tags": {"requiredTags": "owner"}},
            "required-tags.requiredTags: expected array",
        ),
        ({"all": "loud"}, "all: expected one of"),
        (
            {"topic-encrypted-with-cmk": {"scope": "some"}},
            "topic-encrypted-with-cmk.scope: expected one of all, streaming, got 'some'",
        ),
        (
            {"required-tags": {"requiredTags": ["owner", 5]}},
            "required-tags.requiredTags[1]: expected string, got 5",
        ),
        (
            {"subscription-protocol-internal": {"allowedProtocols": "https"}},
            "subscription-protocol-internal.allowedProtocols: expected array, got 'https'",
        ),
    ],
)
def test_bad_policy_config_exits_2_naming_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: dict[str, Any], expected: str
) -> None:
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    code, _ = _plan("--stack", "dev", "--policy-config", str(path))
    assert code == EXIT_ERROR
    assert expected in capsys.readouterr().err


def test_bad_stack_config_exits_2_with_the_parsers_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "Pulumi.dev.yaml"
    bad.write_text("config:\n  connect-streaming:instanceArn: nope\n", encoding="utf-8")
    code, _ = _plan("--stack", "dev", "--config", str(bad))
    assert code == EXIT_ERROR
    err = capsys.readouterr().err
    assert "connect-streaming:instanceArn: expected an Amazon Connect ARN" in err
    assert "connect-streaming:trust: expected" in err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--stack", "qa"], "known: dev, prod, staging"),
        (["--stack", "dev", "--policy-config", "/nonexistent.json"], "No such file"),
        (["--stack", "dev", "--config", "/nonexistent.yaml"], "no such file"),
        (["--stack", "dev", "--baseline", "/nonexistent.json"], "--baseline /nonexistent.json: No"),
        (["--stack", "dev", "--format", "xml"], "invalid choice"),
        ([], "--stack"),
    ],
)
def test_bad_arguments_exit_2(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv, out=io.StringIO()) == EXIT_ERROR
    assert expected in capsys.readouterr().err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"], out=io.StringIO()) == EXIT_CLEAN
    assert "Exit 0 clean, 1 mandatory violations, 2 errors" in " ".join(
        capsys.readouterr().out.split()
    )


def test_the_module_runs_as_a_command() -> None:
    result = run_plan_command("--stack", "dev", "--format", "json", cwd=REPO_ROOT)
    assert result.returncode == EXIT_CLEAN, result.stderr
    assert json.loads(result.stdout)["summary"]["mandatory"] == 0


def test_policy_properties_are_validated_against_the_published_schema(tmp_path: Path) -> None:
    from connect_streaming_plan.plan import PlanError, load_policy_config

    published = [
        {
            "name": "p",
            "enforcementLevel": "advisory",
            "configSchema": {
                "properties": {
                    "ports": {
                        "type": "array",
                        "items": {"type": "integer", "maximum": 65535},
                        "minItems": 1,
                        "default": [443],
                    },
                },
                "required": ["ports"],
            },
        }
    ]
    assert load_policy_config(None, published) == {"p": ("advisory", {"ports": [443]})}
    config = tmp_path / "policy.json"

    def refused(entry: dict[str, Any]) -> str:
        config.write_text(json.dumps({"p": entry}), encoding="utf-8")
        with pytest.raises(PlanError) as raised:
            load_policy_config(config, published)
        return str(raised.value)

    assert (
        refused({"ports": []}) == f"--policy-config {config}: p.ports: expected minItems 1, got []"
    )
    assert refused({"ports": [70000]}).endswith("p.ports[0]: expected maximum 65535, got 70000")
    assert refused({"ports": [1.5]}).endswith("p.ports[0]: expected integer, got 1.5")
    assert refused({"ports": True}).endswith("p.ports: expected array, got True")
