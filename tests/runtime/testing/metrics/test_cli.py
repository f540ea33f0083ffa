"""`connect-runtime metrics v2` against the local endpoint: every format, and as a subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from prometheus_client.openmetrics.parser import text_string_to_metric_families

from connect_runtime.cli import main
from connect_runtime.testing import ConnectEndpoint, ManualClock, load_seed
from tests.runtime.testing.metrics.test_v2 import NOW, SEED

ARGS = [
    "metrics", "v2", "--start", "2026-11-24T09:00:00Z", "--end", "2026-11-24T11:00:00Z",
    "--now", "2026-11-25T12:00:00Z", "--interval", "HOUR",
    "--filter", "QUEUE=q-sales,q-support", "--grouping", "QUEUE",
    "--metric", "CONTACTS_HANDLED", "--metric", "AVG_HANDLE_TIME",
    "--metric", "SERVICE_LEVEL:LT:60",
]  # fmt: skip
ENV = {"AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "x"}


@pytest.fixture
def served() -> Iterator[ConnectEndpoint]:
    seed = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    state = load_seed({"instances": seed["instances"]}, clock=ManualClock(NOW))
    with ConnectEndpoint(state, rate_limits=None) as endpoint:
        yield endpoint


def _global(endpoint: ConnectEndpoint) -> list[str]:
    arn = endpoint.instance("v2-centre").instance.arn
    return ["--endpoint-url", endpoint.url, "--region", "us-east-1", "--no-rate-limit", *ARGS,
            "--instance-arn", arn]  # fmt: skip


def _run(
    endpoint: ConnectEndpoint, output: str, capsys: pytest.CaptureFixture[str], mp: Any
) -> str:
    for key, value in ENV.items():
        mp.setenv(key, value)
    assert main([*_global(endpoint), "--format", output]) == 0
    return capsys.readouterr().out


def _arn(endpoint: ConnectEndpoint) -> str:
    return endpoint.instance("v2-centre").instance.arn


def test_csv_and_json_carry_intervals_dimensions_and_thresholds(
    served: ConnectEndpoint, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    table = list(csv.DictReader(io.StringIO(_run(served, "csv", capsys, monkeypatch))))
    assert len(table) == 12  # 2 queues x 2 hours x 3 metrics
    sales_nine = [r for r in table if r["QUEUE"] == "q-sales" and "09:00" in r["interval_start"]]
    assert {r["metric_name"]: r["value"] for r in sales_nine} == {
        "CONTACTS_HANDLED": "2.0", "AVG_HANDLE_TIME": "495.0", "SERVICE_LEVEL": "33.333",
    }  # fmt: skip
    records = [json.loads(line) for line in _run(served, "json", capsys, monkeypatch).splitlines()]
    level = next(r for r in records if r["metric_name"] == "SERVICE_LEVEL")
    assert (level["threshold_comparison"], level["threshold_value"], level["unit"]) == (
        "LT",
        60.0,
        "PERCENT",
    )
    assert level["interval_end"].endswith("+00:00")
    table_text = _run(served, "table", capsys, monkeypatch)
    assert table_text.splitlines()[0].split()[:4] == [
        "INTERVAL_PERIOD",
        "INTERVAL_START",
        "INTERVAL_END",
        "QUEUE",
    ]


def test_openmetrics_output_parses_as_openmetrics(
    served: ConnectEndpoint, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _run(served, "openmetrics", capsys, monkeypatch)
    families = {f.name: f for f in text_string_to_metric_families(text)}  # type: ignore[no-untyped-call]
    assert set(families) == {
        "connect_contacts_handled",
        "connect_avg_handle_time_seconds",
        "connect_service_level_percent",
    }
    handle = families["connect_avg_handle_time_seconds"]
    assert handle.type == "gauge"
    assert handle.unit == "seconds"
    samples = {(s.labels["queue"], float(s.timestamp)): s.value for s in handle.samples}
    ten = NOW.replace(day=24, hour=10).timestamp()
    assert samples[("q-sales", ten)] == 495.0  # the 09:00-10:00 interval, stamped at its end
    level = families["connect_service_level_percent"].samples[0]
    assert (level.labels["threshold_comparison"], level.labels["threshold"]) == ("LT", "60")
    assert level.labels["interval"] == "HOUR"


def test_the_console_script_runs_as_a_subprocess(served: ConnectEndpoint) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "connect_runtime.cli", *_global(served), "--format", "csv"],
        capture_output=True, text=True, env={**os.environ, **ENV}, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith(
        "interval_period,interval_start,interval_end,QUEUE"
    )
    assert len(done.stdout.splitlines()) == 13


def test_bad_v2_input_exits_2_naming_the_field(
    served: ConnectEndpoint, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    argv = [
        *_global(served),
        "--filter",
        "CHANNEL=VOICE",
        "--interval",
        "FIFTEEN_MIN",
        "--grouping",
        "TEAM",
    ]
    assert main(argv) == 2
    assert "Groupings[1]" in capsys.readouterr().err
