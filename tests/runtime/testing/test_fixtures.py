"""The shipped pytest fixtures, used the way a project would: ``pytest_plugins`` in a conftest."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CONFTEST = 'pytest_plugins = ["connect_runtime.testing.fixtures"]\n'
TESTS = """
import pytest

@pytest.fixture
def connect_endpoint_options():
    return {"rate_limits": None}

def test_client(connect_client):
    answer = connect_client.start_task_contact(
        InstanceId="demo-instance", ContactFlowId="task-flow", Name="from a user test")
    assert answer["ContactId"]

def test_runtime(connect_runtime, connect_endpoint):
    contact_id = connect_runtime.start_task_contact("task-flow", "via runtime")
    assert connect_endpoint.instance().contacts[contact_id].name == "via runtime"

def test_moto(moto_server):
    assert moto_server.create_topic("user-topic").endswith(":user-topic")
"""


def test_user_project_gets_the_fixtures(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (tmp_path / "test_user.py").write_text(TESTS, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout
