"""The ``serve`` and ``demo`` commands, driven through a parser built with ``register``."""

from __future__ import annotations

import argparse
import io
import json
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import boto3
import pytest

from connect_runtime.testing import commands
from connect_runtime.testing.seed import EXAMPLE_SEED

RUN = (
    "import argparse, sys\n"
    "from connect_runtime.testing.commands import register\n"
    "parser = argparse.ArgumentParser(prog='connect-runtime')\n"
    "register(parser.add_subparsers(dest='command', required=True))\n"
    "args = parser.parse_args(sys.argv[1:])\n"
    "sys.exit(args.handler(args))\n"
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="connect-runtime")
    register_into = parser.add_subparsers(dest="command", required=True)
    commands.register(register_into)
    return parser


def test_register_adds_serve_and_demo_with_handlers() -> None:
    parser = _parser()
    serve = parser.parse_args(["serve", "--port", "0", "--no-rate-limit", "--fault", "drop"])
    assert serve.handler is commands.serve_command
    assert (serve.port, serve.no_rate_limit, serve.faults) == (0, True, ["drop"])
    assert parser.parse_args(["demo"]).handler is commands.demo_command


def test_serve_prints_its_url_serves_and_stops_on_sigterm(tmp_path: Path) -> None:
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps(EXAMPLE_SEED), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-c", RUN, "serve", "--seed", str(seed), "--no-rate-limit", "-v"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        client = boto3.client(
            "connect",
            endpoint_url=url,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        answer = client.start_task_contact(
            InstanceId="demo-instance", ContactFlowId="task-flow", Name="served"
        )
        assert answer["ContactId"]
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.stderr is not None
    err = process.stderr.read()
    assert "instance demo-instance" in err
    # -v: one line per request, naming the operation, the status and the latency.
    assert re.search(r"^StartTaskContact 200 \d+\.\d ms$", err, re.MULTILINE), err


def test_serve_refuses_a_bad_seed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = tmp_path / "seed.json"
    seed.write_text('{"instances": [{"id": "i", "colour": "blue"}]}', encoding="utf-8")
    args = _parser().parse_args(["serve", "--seed", str(seed)])
    assert args.handler(args) == 2
    assert "unknown keys ['colour']" in capsys.readouterr().err
    args = _parser().parse_args(["serve", "--seed", str(tmp_path / "missing.json")])
    assert args.handler(args) == 2


def test_serve_in_a_thread_stops_when_told() -> None:
    args = _parser().parse_args(["serve", "--latency", "0.01", "--fault-rate", "0"])
    stop = threading.Event()
    codes: list[int] = []
    worker = threading.Thread(target=lambda: codes.append(commands.serve_command(args, stop=stop)))
    worker.start()
    time.sleep(0.3)
    stop.set()
    worker.join(timeout=5)
    assert codes == [0]


def test_demo_tells_the_whole_story() -> None:
    out = io.StringIO()
    args = _parser().parse_args(["demo"])
    assert commands.demo_command(args, out=out) == 0
    text = out.getvalue()
    assert "StartContactStreaming chat-live -> StreamingId" in text
    customer = text.split("to-customer received 4:")[1].split("to-agent")[0]
    agent = text.split("to-agent received 4:")[1].split("GetCurrentMetricData")[0]
    assert "Your refund is on its way." in customer
    assert "Warehouse shows it lost in transit." not in customer
    assert "Warehouse shows it lost in transit." in agent
    assert "Your refund is on its way." not in agent
    assert "CONTACTS_IN_QUEUE" in text
    assert "SERVICE_LEVEL<60s" in text
    assert '"Type": "EMAIL"' in text
    assert "tasks queue now holds 2 task contacts" in text
    assert "a later message reached 0 subscribers" in text


def test_demo_without_moto_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "moto.server", None)
    args = _parser().parse_args(["demo"])
    assert args.handler(args) == 2
    assert "moto[server]" in capsys.readouterr().err


def test_python_dash_m_runs_the_commands() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "connect_runtime.testing", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "serve" in done.stdout
    assert "demo" in done.stdout
