"""Token bucket: never faster than the quota, never slower than it needs to be."""

from __future__ import annotations

import threading

from hypothesis import given
from hypothesis import strategies as st

from connect_runtime import RateLimit
from connect_runtime.ratelimit import TokenBucket

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
    bucket = TokenBucket(RateLimit(rate=1000, burst=1))
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
    assert len(waits) == 80
    # 80 tokens at 1000/s with a burst of 1 reserve at least 79 ms of waiting in total
    assert sum(waits) >= 0.079 * 0.5
