"""The CLI's user mistakes end with exit 2 and a message; deadlines end with exit 1, in words."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.stub import ANY, Stubber
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_runtime import cli

INSTANCE = "11111111-2222-3333-4444-555555555555"
ARN = f"arn:aws:connect:eu-west-2:123456789012:instance/{INSTANCE}"
TASK = ["task", "start", "--contact-flow-id", "f", "--name", "n"]
SERVICE_LEVEL = ["--metric", "SERVICE_LEVEL"]
HANDLED = ["--metric", "CONTACTS_HANDLED"]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "CONNECT_INSTANCE_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "x")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "x")


@pytest.fixture
def made(
    monkeypatch: pytest.MonkeyPatch, clean_env: None
) -> Iterator[tuple[Stubber, dict[str, Any]]]:
    """A stubbed client; ``made`` records the keyword arguments the CLI built it with."""
    client = boto3.client(
        "connect", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    seen: dict[str, Any] = {}

    def build(self: Any, *args: Any, **kwargs: Any) -> Any:
        seen.update(kwargs)
        return client

    monkeypatch.setattr(boto3.session.Session, "client", build)
    with Stubber(client) as stubber:
        yield stubber, seen
        stubber.assert_no_pending_responses()


def _task_answer(stub: Stubber, instance_id: str = INSTANCE) -> None:
    expected = {"InstanceId": instance_id, "ContactFlowId": "f", "Name": "n", "ClientToken": ANY}
    stub.add_response("start_task_contact", {"ContactId": "t-1"}, expected)


def test_global_options_work_after_the_subcommand_too(
    made: tuple[Stubber, dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    stub, seen = made
    _task_answer(stub)
    after = ["--instance-id", INSTANCE, "--region", "ca-central-1", "--no-rate-limit"]
    assert cli.main([*TASK, *after, "--timeout", "7"]) == 0
    assert capsys.readouterr().out == "t-1\n"
    assert seen["region_name"] == "ca-central-1"
    assert (seen["config"].read_timeout, seen["config"].connect_timeout) == (7.0, 5.0)
    # Given before, the value from before stands (the subcommand's copy is SUPPRESSed).
    _task_answer(stub)
    assert cli.main(["--region", "ap-south-1", "--instance-id", INSTANCE, *TASK]) == 0
    assert seen["region_name"] == "ap-south-1"


@pytest.mark.parametrize("variable", ["AWS_REGION", "AWS_DEFAULT_REGION"])
def test_the_region_comes_from_the_environment_as_in_the_sdk(
    made: tuple[Stubber, dict[str, Any]], monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    stub, seen = made
    monkeypatch.setenv(variable, "sa-east-1")
    _task_answer(stub)
    assert cli.main(["--instance-id", INSTANCE, *TASK]) == 0
    assert seen["region_name"] == "sa-east-1"


def test_an_instance_arn_gives_the_id_and_the_region(
    made: tuple[Stubber, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    stub, seen = made
    monkeypatch.setenv("AWS_REGION", "us-east-1")  # the ARN's Region wins over the environment
    _task_answer(stub)
    assert cli.main(["--instance-id", ARN, *TASK]) == 0
    assert seen["region_name"] == "eu-west-2"


def test_times_without_an_offset_are_utc(
    made: tuple[Stubber, dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    stub, _ = made
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    end = now - timedelta(minutes=now.minute % 5 + 5)
    start = end - timedelta(hours=1)
    stub.add_response(
        "get_metric_data",
        {"MetricResults": []},
        {
            "InstanceId": INSTANCE,
            "StartTime": start,
            "EndTime": end,
            "Filters": {"Channels": ["CHAT"]},
            "HistoricalMetrics": ANY,
        },
    )
    argv = ["metrics", "historical", "--instance-id", INSTANCE, "--region", "us-east-1"]
    argv += ["--start", start.replace(tzinfo=None).isoformat(), "--end", end.isoformat()]
    argv += ["--metric", "contacts_handled", "--channel", "chat"]
    assert cli.main(argv) == 0, capsys.readouterr().err


def test_relative_times_make_the_readme_example_work(
    made: tuple[Stubber, dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    stub, _ = made
    stub.add_response("get_metric_data", {"MetricResults": []})
    argv = ["metrics", "historical", "--instance-id", INSTANCE, "--region", "us-east-1"]
    argv += ["--start", "now-2h", "--end", "now-1h", "--metric", "SERVICE_LEVEL:60"]
    argv += ["--channel", "CHAT", "--grouping", "channel"]
    assert cli.main(argv) == 0, capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "expected", "unexpected"),
    [
        (
            ["--endpoint-url", "127.0.0.1:4566", *TASK],
            "needs http:// or https://",
            "Traceback",
        ),
        (
            ["metrics", "historical", "--start", "now-1h", "--end", "now", *SERVICE_LEVEL],
            "SERVICE_LEVEL:60",
            "got None",
        ),
        (
            ["metrics", "current", "--metric", "CONTACTS_IN_QUEUE", "--channel", "fax"],
            "CHAT, EMAIL, TASK, VOICE",
            "Traceback",
        ),
        (
            ["metrics", "current", "--metric", "CONTACTS_IN_QUEUE", "--grouping", "team"],
            "QUEUE",
            "Traceback",
        ),
        (["--timeout", "0", *TASK], "positive number of seconds", "Traceback"),
        (["--max-attempts", "0", *TASK], "1 or more", "Traceback"),
        (
            ["metrics", "historical", "--start", "last tuesday", "--end", "now", *HANDLED],
            "now-2h",
            "datetime.datetime",
        ),
    ],
)
def test_usage_mistakes_exit_2_with_a_message(
    argv: list[str],
    expected: str,
    unexpected: str,
    clean_env: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["--instance-id", INSTANCE, "--region", "us-east-1", *argv]) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert unexpected not in err


def test_a_bad_instance_id_is_named(clean_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--instance-id", "x" * 101, "--region", "us-east-1", *TASK]) == 2
    assert "instance_id" in capsys.readouterr().err


def test_each_retry_is_reported_on_stderr(
    made: tuple[Stubber, dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(
        "botocore.retries.standard.ExponentialBackoff.delay_amount", lambda self, ctx: 0.0
    )
    stub, _ = made
    stub.add_client_error("start_task_contact", "ThrottlingException", "Rate exceeded", 429)
    _task_answer(stub)
    assert cli.main(["--instance-id", INSTANCE, "--region", "us-east-1", *TASK]) == 0
    captured = capsys.readouterr()
    assert captured.out == "t-1\n"
    assert captured.err.splitlines() == [
        "connect-runtime: StartTaskContact: ThrottlingException (HTTP 429); attempt 2 of 5"
        " in 0.00 s (same request, same ClientToken)"
    ]


# --- a silent endpoint, through the installed command -------------------------------------------


@pytest.fixture
def silent_endpoint() -> Iterator[str]:
    """A socket that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


def test_a_silent_endpoint_ends_in_words_within_the_deadline(silent_endpoint: str) -> None:
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "x"}
    env.pop("AWS_PROFILE", None)
    argv = [sys.executable, "-m", "connect_runtime.cli", "metrics", "current"]
    argv += ["--metric", "CONTACTS_IN_QUEUE", "--queue", "q-1", "--instance-id", INSTANCE]
    argv += ["--region", "us-east-1", "--endpoint-url", silent_endpoint, "--timeout", "1.5"]
    # The 60 s timeout is only a guard for the test itself; the CLI gives up after 1.5 s.
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert (
        f"GetCurrentMetricData to {silent_endpoint} gave no answer within the 1.5 s deadline"
        in done.stderr
    )


# --- fuzzing: any argv ends in 0, 1 or 2 with a message, never a traceback -------------------

_WORDS = [
    "metrics", "current", "historical", "task", "start", "streaming", "stop", "--metric",
    "--queue", "--channel", "--grouping", "--start", "--end", "--format", "--instance-id",
    "--region", "--endpoint-url", "--timeout", "--max-attempts", "--no-rate-limit",
    "--contact-flow-id", "--name", "--attribute", "--reference", "--contact-id", "--topic-arn",
    "--streaming-id", "--max-results", "SERVICE_LEVEL", "SERVICE_LEVEL:60", "CONTACTS_IN_QUEUE",
    "chat", "QUEUE", "now", "now-1h", "2021-10-29T11:00:00", "a=URL:https://x", "k=v", "-1",
    "0", "1e9", "nan", "", "x" * 120, "http://127.0.0.1:9", "arn:aws:connect:us-east-1:1:x",
]  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(argv=st.lists(st.sampled_from(_WORDS) | st.text(max_size=12), max_size=12))
def test_fuzzed_arguments_never_end_in_a_traceback(
    argv: list[str], capsys: pytest.CaptureFixture[str], clean_env: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    # Nothing may reach the network: every client is a Stubber with no answers queued.
    def unreachable(self: Any, *args: Any, **kwargs: Any) -> Any:
        client = boto3.client(
            "connect", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
        )
        Stubber(client).activate()
        return client

    monkeypatch.setattr(boto3.session.Session, "client", unreachable)
    if argv[:1] in (["serve"], ["demo"]):
        return  # long-running commands: the seed loader has its own fuzz test
    code = cli.main(argv)
    err = capsys.readouterr().err
    assert code in (0, 1, 2)
    assert "Traceback" not in err
    if code:
        assert "error" in err or "refused" in err or "failed" in err
