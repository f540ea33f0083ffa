"""Token bucket: never faster than the quota, never slower than it needs to be."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_runtime import RateLimit
from connect_runtime.errors import ConnectRuntimeError, InvalidArgumentError
from connect_runtime.ratelimit import (
    DEFAULT_RATE_LIMITS,
    QUOTA_SOURCES,
    RateLimiter,
    TokenBucket,
    shared_limiter,
)

limits = st.builds(RateLimit, rate=st.sampled_from([0.5, 1, 2, 5, 10]), burst=st.integers(1, 10))
gaps = st.lists(st.floats(0, 3, allow_nan=False), min_size=1, max_size=60)


def _run(limit: RateLimit, arrival_gaps: list[float]) -> list[float]:
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    bucket = TokenBucket(limit, clock=lambda: now[0], sleep=sleep)
    granted = []
    for gap in arrival_gaps:
        now[0] += gap
        bucket.acquire()
        granted.append(now[0])
    return granted


@given(limits, gaps)
def test_no_window_sees_more_than_burst_plus_rate(
    limit: RateLimit, arrival_gaps: list[float]
) -> None:
    granted = _run(limit, arrival_gaps)
    for i, start in enumerate(granted):
        for j in range(i, len(granted)):
            window = granted[j] - start
            assert j - i + 1 <= limit.burst + limit.rate * window + 1e-6


@given(limits, st.integers(1, 80))
def test_back_to_back_calls_take_exactly_the_quota_bound(limit: RateLimit, calls: int) -> None:
    granted = _run(limit, [0.0] * calls)
    assert abs(granted[-1] - limit.min_seconds(calls)) < 1e-6


def test_threads_share_one_bucket() -> None:
    # The clock stands still and sleeping is free: every reservation queues behind the last.
    bucket = TokenBucket(RateLimit(rate=1000, burst=1), clock=lambda: 0.0, sleep=lambda _: None)
    waits: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(20):
            waited = bucket.acquire()
            with lock:
                waits.append(waited)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(waits) == pytest.approx([k / 1000 for k in range(80)])


@given(limits, gaps)
def test_try_take_refuses_exactly_what_acquire_would_have_waited_for(
    limit: RateLimit, arrival_gaps: list[float]
) -> None:
    now = [0.0]
    server = TokenBucket(limit, clock=lambda: now[0])
    mirror = TokenBucket(limit, clock=lambda: now[0], sleep=lambda _: None)
    for gap in arrival_gaps:
        now[0] += gap
        granted = server.try_take()
        if granted:
            assert mirror.reserve() == 0.0
    # A full bucket after a long pause grants exactly the burst, then refuses.
    now[0] += limit.burst / limit.rate + 1
    assert [server.try_take() for _ in range(limit.burst + 1)] == [True] * limit.burst + [False]


def test_the_quota_table_is_the_documented_one() -> None:
    five_eight = RateLimit(rate=5, burst=8)
    assert dict(DEFAULT_RATE_LIMITS) == {
        "GetCurrentMetricData": five_eight,
        "GetMetricData": five_eight,
        "GetMetricDataV2": five_eight,
        "StartContactStreaming": five_eight,
        "StopContactStreaming": five_eight,
        "StartChatContact": five_eight,
        "StartTaskContact": RateLimit(rate=2, burst=5),
    }
    assert set(QUOTA_SOURCES) == set(DEFAULT_RATE_LIMITS)
    assert all("service quotas" in source for source in QUOTA_SOURCES.values())


def test_one_limiter_per_account_and_region_in_a_process() -> None:
    first = shared_limiter("111111111111", "us-east-1")
    assert shared_limiter("111111111111", "us-east-1") is first
    assert shared_limiter("111111111111", "us-west-2") is not first
    assert shared_limiter("222222222222", "us-east-1") is not first
    other_limits = {"StartTaskContact": RateLimit(rate=1, burst=1)}
    assert shared_limiter("111111111111", "us-east-1", other_limits) is not first


def test_a_limiter_refuses_only_operations_it_limits() -> None:
    limiter = RateLimiter({"GetMetricData": RateLimit(rate=1, burst=2)}, clock=lambda: 0.0)
    assert [limiter.try_take("GetMetricData") for _ in range(3)] == [True, True, False]
    assert all(limiter.try_take("StartTaskContact") for _ in range(100))
    with pytest.raises(InvalidArgumentError, match="margin"):
        RateLimiter(margin=1.0)
    with pytest.raises(ConnectRuntimeError, match="rate must be positive"):
        RateLimit(rate=0, burst=1)


def test_margin_slows_the_rate_and_spare_keeps_burst_tokens_unused() -> None:
    limiter = RateLimiter({"X": RateLimit(rate=2, burst=5)}, margin=0.5, spare=1, clock=lambda: 0)
    assert limiter.buckets["X"].limit == RateLimit(rate=1.0, burst=4)
    assert [limiter.try_take("X") for _ in range(5)] == [True] * 4 + [False]
    # At least one token stays usable, whatever the spare.
    assert RateLimiter({"X": RateLimit(2, 1)}, spare=3).buckets["X"].limit == RateLimit(2, 1)
    with pytest.raises(InvalidArgumentError, match="spare"):
        RateLimiter(spare=-1)
