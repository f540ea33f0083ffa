"""The connect-runtime CLI: parsing, exit codes and output formats (boto3 stubbed)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.stub import ANY, Stubber

from connect_runtime import cli

BASE = ["--instance-id", "inst-1", "--region", "us-east-1", "--no-rate-limit"]


@pytest.fixture
def stub(monkeypatch: pytest.MonkeyPatch) -> Iterator[Stubber]:
    client = boto3.client(
        "connect", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    monkeypatch.setattr(boto3.session.Session, "client", lambda self, *a, **k: client)
    with Stubber(client) as stubber:
        yield stubber
        stubber.assert_no_pending_responses()


def test_task_start_prints_the_contact_id(
    stub: Stubber, capsys: pytest.CaptureFixture[str]
) -> None:
    stub.add_response(
        "start_task_contact",
        {"ContactId": "task-1"},
        {
            "InstanceId": "inst-1",
            "ContactFlowId": "flow-1",
            "Name": "Call back",
            "Attributes": {"case-id": "42"},
            "References": {
                "case": {"Value": "https://crm.example.com/42", "Type": "URL"},
                "amount": {"Value": "12.5", "Type": "NUMBER"},
            },
            "ClientToken": ANY,
        },
    )
    argv = [*BASE, "task", "start", "--contact-flow-id", "flow-1", "--name", "Call back"]
    argv += ["--attribute", "case-id=42", "--reference", "case=URL:https://crm.example.com/42"]
    argv += ["--reference", "amount=number:12.5"]
    assert cli.main(argv) == 0
    assert capsys.readouterr().out == "task-1\n"


def test_streaming_start_and_stop(stub: Stubber, capsys: pytest.CaptureFixture[str]) -> None:
    topic = "arn:aws:sns:us-east-1:123456789012:chat"
    stub.add_response("start_contact_streaming", {"StreamingId": "s-1"})
    stub.add_response(
        "stop_contact_streaming",
        {},
        {"InstanceId": "inst-1", "ContactId": "c-1", "StreamingId": "s-1"},
    )
    assert cli.main([*BASE, "streaming", "start", "--contact-id", "c-1", "--topic-arn", topic]) == 0
    assert (
        cli.main([*BASE, "streaming", "stop", "--contact-id", "c-1", "--streaming-id", "s-1"]) == 0
    )
    assert capsys.readouterr().out == "s-1\n"


def _queue_page() -> dict[str, Any]:
    return {
        "MetricResults": [
            {
                "Dimensions": {"Queue": {"Id": q, "Arn": f"arn:q/{q}"}},
                "Collections": [
                    {"Metric": {"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}, "Value": v},
                    {"Metric": {"Name": "OLDEST_CONTACT_AGE", "Unit": "SECONDS"}, "Value": 7.0},
                ],
            }
            for q, v in (("q1", 3.0), ("q2", 0.0))
        ]
    }


@pytest.mark.parametrize("output", ["table", "csv", "json"])
def test_metrics_current_formats(
    stub: Stubber, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    stub.add_response("get_current_metric_data", _queue_page())
    argv = [
        *BASE,
        "metrics",
        "current",
        "--metric",
        "CONTACTS_IN_QUEUE",
        "--metric",
        "OLDEST_CONTACT_AGE",
    ]
    argv += ["--queue", "q1", "--queue", "q2", "--grouping", "QUEUE", "--format", output]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    if output == "json":
        records = [json.loads(line) for line in out.splitlines()]
        assert [(r["queue_id"], r["metric_name"], r["value"]) for r in records] == [
            ("q1", "CONTACTS_IN_QUEUE", 3.0),
            ("q1", "OLDEST_CONTACT_AGE", 7.0),
            ("q2", "CONTACTS_IN_QUEUE", 0.0),
            ("q2", "OLDEST_CONTACT_AGE", 7.0),
        ]
    elif output == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert list(rows[0]) == ["queue_id", "queue_arn", "metric_name", "unit", "value"]
        assert rows[2] == {
            "queue_id": "q2",
            "queue_arn": "arn:q/q2",
            "metric_name": "CONTACTS_IN_QUEUE",
            "unit": "COUNT",
            "value": "0.0",
        }
    else:
        lines = out.splitlines()
        assert lines[0].split() == ["QUEUE_ID", "QUEUE_ARN", "METRIC_NAME", "UNIT", "VALUE"]
        assert lines[1].split() == ["q1", "arn:q/q1", "CONTACTS_IN_QUEUE", "COUNT", "3.0"]
        assert len(lines) == 5


def test_service_errors_exit_1(stub: Stubber, capsys: pytest.CaptureFixture[str]) -> None:
    stub.add_client_error("start_task_contact", "ResourceNotFoundException", "flow not found", 404)
    code = cli.main([*BASE, "task", "start", "--contact-flow-id", "missing", "--name", "n"])
    assert code == 1
    assert "flow not found" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--region", "us-east-1", "task", "start", "--contact-flow-id", "f", "--name", "n"],
            "--instance-id is required",
        ),
        (
            [
                *BASE,
                "task",
                "start",
                "--contact-flow-id",
                "f",
                "--name",
                "n",
                "--attribute",
                "bad key=1",
            ],
            "Attributes['bad key']",
        ),
        (
            [
                *BASE,
                "metrics",
                "historical",
                "--start",
                "2021-10-29T11:00:00",
                "--end",
                "2021-10-29T12:00:00Z",
                "--metric",
                "CONTACTS_HANDLED",
                "--channel",
                "CHAT",
            ],
            # A time without an offset is UTC; this window then breaks the 24-hour rule.
            "StartTime: must be no earlier than 24 hours before now",
        ),
        (
            [
                *BASE,
                "streaming",
                "start",
                "--contact-id",
                "c",
                "--topic-arn",
                "arn:aws:sns:us-east-1:123456789012:t.fifo",
            ],
            "FIFO",
        ),
    ],
)
def test_bad_input_exits_2_with_the_builders_message(
    argv: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CONNECT_INSTANCE_ID", raising=False)
    assert cli.main(argv) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        [*BASE, "metrics", "current", "--metric", "NOT_A_METRIC", "--queue", "q"],
        [
            *BASE,
            "metrics",
            "historical",
            "--start",
            "yesterday",
            "--end",
            "2021-10-29T12:00:00Z",
            "--metric",
            "CONTACTS_HANDLED",
        ],
        [*BASE, "task", "start", "--contact-flow-id", "f", "--name", "n", "--reference", "no-type"],
        [*BASE, "streaming"],
    ],
)
def test_argparse_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(argv) == 2
    assert "error:" in capsys.readouterr().err


def test_missing_region_is_bad_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("AWS_REGION", "AWS_DEFAULT_REGION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    assert (
        cli.main(["--instance-id", "i", "task", "start", "--contact-flow-id", "f", "--name", "n"])
        == 2
    )
    assert "no AWS Region" in capsys.readouterr().err


def test_the_cli_loads_the_harness_only_for_its_commands() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from connect_runtime import cli\n"
        "def loaded():\n"
        "    return sorted(m for m in sys.modules if m.startswith('connect_runtime.testing'))\n"
        "assert loaded() == [], loaded()\n"
        "assert cli.main(['streaming', 'stop', '--help']) == 0\n"
        "assert loaded() == [], loaded()\n"
        "assert cli.main(['serve', '--help']) == 0\n"
        "assert 'connect_runtime.testing.commands' in loaded()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "--seed" in done.stdout  # serve's own options, from the harness's parser


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["demo", "--no-such-option"], 2),
        (["streaming", "stop", "--contact-id", "c", "--streaming-id", "s", "--no-such-option"], 2),
    ],
)
def test_unknown_options_exit_2_with_the_harness_commands_too(
    argv: list[str], code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(argv) == code
    assert "unrecognized arguments: --no-such-option" in capsys.readouterr().err
