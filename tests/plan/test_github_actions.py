"""The GitHub Actions example: every plan command it runs parses with the plan's own CLI, the
files it uploads and comments are the ones the plan writes, and the preview job hands
pulumi/actions the same packs."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import yaml

from connect_streaming_plan.cli import parser
from connect_streaming_plan.render import FORMATS
from tests.repo import REPO_ROOT

WORKFLOW = REPO_ROOT / "examples" / "github-actions" / "offline-plan.yml"
PLAN = ("connect_streaming_plan", "connect-streaming-plan")


def _workflow() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return document


def _plan_commands(job: dict[str, Any], stack: str) -> list[list[str]]:
    commands = []
    for step in job["steps"]:
        for line in str(step.get("run", "")).splitlines():
            words = shlex.split(line.replace("${{ matrix.stack }}", stack))
            for i, word in enumerate(words):
                if word in PLAN or word.endswith("/connect-streaming-plan"):
                    commands.append(words[i + 1 :])
    return commands


def test_every_plan_command_parses_with_the_cli() -> None:
    job = _workflow()["jobs"]["offline-plan"]
    stacks = job["strategy"]["matrix"]["stack"]
    assert stacks == ["dev", "staging", "prod"]
    for stack in stacks:
        (argv,) = _plan_commands(job, stack)
        args, unknown = parser().parse_known_args(argv)
        assert unknown == []
        assert args.stack == stack
        assert [str(p) for p in args.policy_pack] == [
            "policy",
            "examples/github-actions/awsguard-pack",
        ]
        for path in args.policy_pack:
            assert (REPO_ROOT / path / "PulumiPolicy.yaml").is_file()
        written = dict(item.split("=", 1) for item in args.write)
        assert set(written) <= set(FORMATS)
        assert written["sarif"] == f"plan-{stack}.sarif"
        assert written["markdown"] == f"plan-{stack}.md"


def test_the_sarif_and_the_comment_are_the_files_the_plan_writes() -> None:
    steps = _workflow()["jobs"]["offline-plan"]["steps"]
    upload = next(
        s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@")
    )
    assert upload["with"]["sarif_file"] == "plan-${{ matrix.stack }}.sarif"
    comment = next(s for s in steps if str(s.get("uses", "")).startswith("actions/github-script@"))
    assert comment["env"]["COMMENT_FILE"] == "plan-${{ matrix.stack }}.md"
    assert "startsWith(marker)" in comment["with"]["script"]  # edits its earlier comment
    final = steps[-1]
    assert final["run"] == "exit ${{ steps.plan.outputs.exit }}"
    permissions = _workflow()["jobs"]["offline-plan"]["permissions"]
    assert permissions["security-events"] == "write"
    assert permissions["pull-requests"] == "write"


def test_the_preview_job_runs_pulumi_actions_with_the_same_packs() -> None:
    workflow = _workflow()
    preview = workflow["jobs"]["preview"]
    action = next(
        s for s in preview["steps"] if str(s.get("uses", "")).startswith("pulumi/actions@")
    )
    assert action["with"]["command"] == "preview"
    packs = action["with"]["policyPacks"].split()
    (plan,) = _plan_commands(workflow["jobs"]["offline-plan"], "dev")
    assert packs == [str(p) for p in parser().parse_args(plan).policy_pack]
    assert action["env"]["PULUMI_ACCESS_TOKEN"] == "${{ secrets.PULUMI_ACCESS_TOKEN }}"
    assert preview["if"] == "github.event_name == 'workflow_dispatch'"  # never on a PR
    assert Path(REPO_ROOT / "policy" / "requirements.txt").is_file()
