"""A Node pack (Pulumi's @pulumi/awsguard from npm) beside ours, through the plan's command line:
started by run-policy-pack as the engine starts it, its initialConfig honoured, its verdicts
named by pack; a missing node or missing node_modules is exit 2 naming the pack."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.plan.node_packs import AWSGUARD_SOURCE, installed_pack, pack_copy
from tests.repo import POLICY_PACK_DIR, REPO_ROOT, run_plan_command

FINDINGS = Path(__file__).parent / "fixtures" / "awsguard-findings"
AWSGUARD = "pulumi-awsguard"


@pytest.fixture(scope="module")
def awsguard() -> Path:
    return installed_pack()


def _json(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert result.stdout, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _verdicts(plan: dict[str, Any], pack: str) -> set[tuple[str, str, str]]:
    return {
        (v["policy"], r["name"], v["enforcement"])
        for r in plan["resources"]
        for v in r["verdicts"]
        if v["policyPack"] == pack
    }


@pytest.mark.parametrize("stack", ["dev", "staging", "prod"])
def test_awsguard_beside_our_pack_plans_every_stack(awsguard: Path, stack: str) -> None:
    argv = ["--stack", stack, "--policy-pack", "policy", "--policy-pack", str(awsguard)]
    result = run_plan_command(*argv, "--format", "json", cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    plan = _json(result)
    packs = {p["name"]: p for p in plan["policyPacks"]}
    assert list(packs) == ["connect-streaming", AWSGUARD]
    assert packs[AWSGUARD]["runtime"] == "nodejs"
    assert packs["connect-streaming"]["runtime"] == "python"
    guard = packs[AWSGUARD]["policies"]
    assert len(guard) == 26  # AWSGuard 0.3.1
    # initialConfig {"all": "mandatory"} over the policies' own advisory default:
    assert {p["enforcement"] for p in guard} == {"mandatory"}
    assert "cmk-backing-key-rotation-enabled" in {p["name"] for p in guard}
    # The stacks' keys rotate and they hold nothing else AWSGuard 0.3.1 judges.
    assert _verdicts(plan, AWSGUARD) == set()
    assert plan["stackVerdicts"] == []
    # What AWSGuard itself says (AnalyzeResponse.not_applicable): which policies ever applied.
    resources = len(plan["resources"])
    assert packs[AWSGUARD]["analyses"] == resources + 1  # each resource, then the stack
    applied = {
        p["name"]
        for p in guard
        if p["notApplicable"] < (resources if p["type"] == "resource" else 1)
    }
    assert applied == {"cmk-backing-key-rotation-enabled"}
    keys = sum(r["type"] == "aws:kms/key:Key" for r in plan["resources"])
    cmk = next(p for p in guard if p["name"] == "cmk-backing-key-rotation-enabled")
    assert cmk["notApplicable"] == resources - keys  # it judged each key, and each passed


def test_awsguard_findings_fail_the_plan_and_name_their_pack(awsguard: Path) -> None:
    argv = ["--stack", "dev", "--project", str(FINDINGS), "--policy-pack", str(awsguard)]
    result = run_plan_command(*argv, cwd=REPO_ROOT)
    assert result.returncode == 1, result.stderr
    assert (
        "[mandatory] cmk-backing-key-rotation-enabled (no severity) on unrotated,"
        f" pack {AWSGUARD}" in result.stdout
    )
    assert "s3-bucket-logging-enabled" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_config_file_overrides_the_packs_initial_config(awsguard: Path, tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.json", tmp_path / "theirs.json"
    ours.write_text(json.dumps({"all": "advisory"}), encoding="utf-8")
    theirs.write_text(
        json.dumps({"all": "advisory", "s3-bucket-logging-enabled": "disabled"}), encoding="utf-8"
    )
    argv = ["--stack", "dev", "--project", str(FINDINGS), "--format", "json"]
    argv += ["--policy-pack", str(POLICY_PACK_DIR), "--policy-pack", str(awsguard)]
    argv += ["--policy-config", str(ours), "--policy-pack-config", str(theirs)]
    result = run_plan_command(*argv, cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    plan = _json(result)
    assert _verdicts(plan, AWSGUARD) == {
        ("cmk-backing-key-rotation-enabled", "unrotated", "advisory")
    }
    levels = {p["name"]: p["enforcement"] for p in plan["policyPacks"][1]["policies"]}
    assert levels["s3-bucket-logging-enabled"] == "disabled"
    assert plan["policyPacks"][1]["policyConfig"] == str(theirs)


def test_a_pack_built_advisory_passes_where_the_mandatory_one_fails(
    awsguard: Path, tmp_path: Path
) -> None:
    lenient = pack_copy(
        awsguard,
        tmp_path / "lenient",
        'const { AwsGuard } = require("@pulumi/awsguard");\nnew AwsGuard({ all: "advisory" });\n',
    )
    argv = ["--stack", "dev", "--project", str(FINDINGS), "--policy-pack", str(lenient)]
    result = run_plan_command(*argv, "--format", "json", cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    found = _verdicts(_json(result), AWSGUARD)
    assert ("s3-bucket-logging-enabled", "unlogged", "advisory") in found


def _plan_without_node(tmp_path: Path, pack: Path) -> subprocess.CompletedProcess[str]:
    bare = tmp_path / "bin"  # a PATH that holds no node
    bare.mkdir(exist_ok=True)
    return subprocess.run(
        [
            *(sys.executable, "-m", "connect_streaming_plan", "--stack", "dev"),
            *("--policy-pack", str(POLICY_PACK_DIR), "--policy-pack", str(pack)),
        ],
        cwd=REPO_ROOT,
        env={**os.environ, "PATH": str(bare)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_missing_node_is_exit_2_naming_the_pack(tmp_path: Path) -> None:
    result = _plan_without_node(tmp_path, AWSGUARD_SOURCE)
    assert result.returncode == 2, result.stdout
    assert f"policy pack {AWSGUARD_SOURCE}: runtime nodejs needs `node` on PATH" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_a_pack_without_node_modules_is_exit_2_saying_npm_install(tmp_path: Path) -> None:
    pack = tmp_path / "uninstalled"
    shutil.copytree(AWSGUARD_SOURCE, pack)
    result = run_plan_command("--stack", "dev", "--policy-pack", str(pack), cwd=REPO_ROOT)
    assert result.returncode == 2, result.stdout
    assert f"run `npm install` in {pack}" in result.stderr
    assert "Traceback" not in result.stderr
