"""Reliability: thousands of logical calls through 20% injected faults, none lost or doubled.

Rate limits and latency are off and botocore's backoff shrunk: the run measures correctness.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Hashable, Sequence

import pytest

from connect_runtime import ConnectRuntime
from connect_runtime.testing import ConnectEndpoint, Fault, FaultPlan, example_state
from connect_runtime.testing.state import Contact, InstanceState

TOPICS = (
    "arn:aws:sns:us-east-1:123456789012:stream-a",
    "arn:aws:sns:us-east-1:123456789012:stream-b",
)


def _runtime(endpoint: ConnectEndpoint, retry_mode: str = "standard") -> ConnectRuntime:
    return endpoint.runtime(
        rate_limits=None,
        retry_mode=retry_mode,
        sleep=lambda seconds: time.sleep(min(seconds, 0.001)),
    )


def _run(calls: int, call: Callable[[int], str]) -> tuple[list[str], list[BaseException], float]:
    results: list[str] = []
    errors: list[BaseException] = []
    started = time.perf_counter()
    for index in range(calls):
        try:
            results.append(call(index))
        except Exception as error:  # counted and reported: a lost logical call
            errors.append(error)
    return results, errors, time.perf_counter() - started


def _start_tasks(
    runtime: ConnectRuntime, instance: InstanceState, calls: int, prefix: str
) -> tuple[list[str], list[BaseException], float, list[Contact]]:
    """Start ``calls`` tasks named ``prefix-N``; the ids, errors and seconds of the calls, and
    the tasks the instance then holds under that prefix."""
    ids, errors, seconds = _run(
        calls, lambda i: runtime.start_task_contact("task-flow", f"{prefix}-{i}")
    )
    tasks = [t for t in instance.tasks() if (t.name or "").startswith(f"{prefix}-")]
    return ids, errors, seconds, tasks


def _report(
    capsys: pytest.CaptureFixture[str],
    title: str,
    calls: int,
    endpoint: ConnectEndpoint,
    plan: FaultPlan,
    operation: str,
    created: Sequence[Hashable],
    errors: int,
    seconds: float,
) -> tuple[int, int]:
    """Print the run's figures; return (duplicates, lost) among the ``created`` keys."""
    per_key = Counter(created)
    duplicates = sum(count - 1 for count in per_key.values())
    lost = calls - len(per_key)
    faults = {fault.value: plan.total(operation, fault) for fault in Fault}
    share = plan.total(operation) / max(1, plan.requests[operation])
    with capsys.disabled():
        print(
            f"\n[reliability] {title}: {calls} logical calls, "
            f"{endpoint.stats.requests[operation]} HTTP requests, "
            f"{plan.total(operation)} faults injected ({share:.1%} of requests: "
            + ", ".join(f"{k} {v}" for k, v in faults.items())
            + f"); created {len(created)}, duplicates {duplicates}, lost {lost}, "
            f"errors reaching the caller {errors}; {seconds:.1f} s"
        )
    return duplicates, lost


def test_2000_tasks_through_20_percent_faults(
    fast_backoff: None, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = FaultPlan(rate=0.2, seed=2021)
    with ConnectEndpoint(example_state(), rate_limits=None, faults=plan) as endpoint:
        instance = endpoint.instance()
        instance.instance.max_active_tasks = 10_000
        runtime = _runtime(endpoint)
        ids, errors, seconds, tasks = _start_tasks(runtime, instance, 2000, "reliability")
    duplicates, lost = _report(capsys, "StartTaskContact", 2000, endpoint, plan,
        "StartTaskContact", [t.name for t in tasks], len(errors), seconds)  # fmt: skip
    assert errors == []
    assert (duplicates, lost) == (0, 0)
    assert sorted(ids) == sorted(t.id for t in tasks)
    assert len(set(ids)) == 2000
    assert len({t.client_token for t in tasks}) == 2000
    assert plan.total("StartTaskContact", Fault.DROP_AFTER_COMMIT) > 50
    assert plan.total("StartTaskContact", Fault.INTERNAL_ERROR_AFTER_COMMIT) > 50
    assert endpoint.stats.internal_errors == []


def test_1000_streams_through_20_percent_faults(
    fast_backoff: None, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = FaultPlan(rate=0.2, seed=1029)
    state = example_state()
    instance = state["demo-instance"]
    chats = [instance.add_contact(channel="CHAT", queue="support").id for _ in range(500)]
    with ConnectEndpoint(state, rate_limits=None, faults=plan) as endpoint:
        runtime = _runtime(endpoint)
        # Two topics per chat: the documented maximum, so a duplicate would also be refused.
        ids, errors, seconds = _run(
            1000, lambda i: runtime.start_contact_streaming(chats[i // 2], TOPICS[i % 2])
        )
    streams = [s for s in instance.streams.values() if s.contact_id in set(chats)]
    pairs = [(s.contact_id, s.endpoint_arn) for s in streams]
    duplicates, lost = _report(capsys, "StartContactStreaming", 1000, endpoint, plan,
        "StartContactStreaming", pairs, len(errors), seconds)  # fmt: skip
    assert errors == []
    assert (duplicates, lost) == (0, 0)
    assert sorted(ids) == sorted(s.id for s in streams)
    assert all(len(instance.active_streams(chat)) == 2 for chat in chats)
    assert plan.total("StartContactStreaming", Fault.DROP_AFTER_COMMIT) > 25
    assert endpoint.stats.internal_errors == []


def test_default_adaptive_mode_through_faults(
    fast_backoff: None, capsys: pytest.CaptureFixture[str]
) -> None:
    # Adaptive mode slows itself down on every throttling answer, so random throttles would
    # only measure its back-off; the other fault kinds exercise its retries.
    kinds = [fault for fault in Fault if fault is not Fault.THROTTLE]
    plan = FaultPlan(rate=0.2, kinds=kinds, seed=7)
    with ConnectEndpoint(example_state(), rate_limits=None, faults=plan) as endpoint:
        instance = endpoint.instance()
        runtime = _runtime(endpoint, retry_mode="adaptive")
        ids, errors, seconds, tasks = _start_tasks(runtime, instance, 300, "adaptive")
    duplicates, _ = _report(capsys, "StartTaskContact (adaptive)", 300, endpoint, plan,
        "StartTaskContact", [t.name for t in tasks], len(errors), seconds)  # fmt: skip
    assert errors == []
    assert (len(tasks), duplicates) == (300, 0)
    assert sorted(ids) == sorted(t.id for t in tasks)
