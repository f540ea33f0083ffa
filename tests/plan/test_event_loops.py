"""The plan leaves no event loop open at exit. Pulumi's mock monitor gives every executor thread
it runs in an event loop and never closes it; left to the garbage collector at interpreter exit,
such a loop can be finalized after its own sockets and print "Exception ignored ... Invalid
file descriptor" after the plan's error message (seen once in CI as a failed
``"Traceback" not in stderr``). Whether that happens depends on the collector's order, so
these tests check the cause, which is deterministic: which loops are still open."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from connect_streaming.flows.component import TaskRoutingFlow
from connect_streaming_plan.mocks import close_event_loops
from tests.components.component_runs import INSTANCE, run_in_stack
from tests.plan.node_packs import AWSGUARD_SOURCE
from tests.repo import REPO_ROOT


def _program() -> None:
    TaskRoutingFlow("route", {"instance_arn": INSTANCE, "queue_arn": f"{INSTANCE}/queue/q"})


def test_the_executor_threads_loops_are_closed_and_a_later_run_still_works() -> None:
    run_in_stack(_program)
    assert close_event_loops() >= 1  # the run's executor threads had loops, now closed
    assert close_event_loops() == 0  # nothing left to close
    again = run_in_stack(_program)  # the threads whose loops were closed get new ones
    assert [r.type for r in again.resources if r.custom] == ["aws:connect/contactFlow:ContactFlow"]
    assert close_event_loops() >= 1


# In a fresh interpreter: the plan fails (a Node pack without node_modules, exit 2), then the
# exit functions it registered run, as at interpreter exit; every event loop left is counted.
_AFTER_EXIT = textwrap.dedent(
    """
    import asyncio, atexit, gc, sys
    from connect_streaming_plan.cli import main
    def open_loops():
        return [o for o in gc.get_objects() if isinstance(o, asyncio.BaseEventLoop)
                and not o.is_closed()]
    status = main(["--stack", "dev", "--policy-pack", sys.argv[1]])
    before = open_loops()
    atexit._run_exitfuncs()
    gc.collect()
    print(status, len(before), sum(not loop.is_closed() for loop in before), len(open_loops()))
    """
)


def test_after_a_failed_plan_exits_every_event_loop_is_closed(tmp_path: Path) -> None:
    pack = tmp_path / "uninstalled"
    shutil.copytree(AWSGUARD_SOURCE, pack)
    result = subprocess.run(
        [sys.executable, "-c", _AFTER_EXIT, str(pack)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    status, open_before, still_open, open_after = (int(word) for word in result.stdout.split())
    assert status == 2, result.stderr
    assert open_before >= 2  # the main thread's and at least one executor thread's
    assert (still_open, open_after) == (0, 0)
