"""Amazon Connect's API quotas, and the one token bucket that paces (or refuses) calls to them.

Quotas apply per account and Region. :class:`RateLimiter` holds one bucket per operation;
:func:`shared_limiter` hands every caller in a process the same buckets for one account and
Region, so two runtimes (or threads) for one account together stay under the quota.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from connect_runtime.errors import InvalidArgumentError

__all__ = [
    "DEFAULT_RATE_LIMITS",
    "QUOTA_SOURCES",
    "RateLimit",
    "RateLimiter",
    "TokenBucket",
    "shared_limiter",
]


@dataclass(frozen=True, slots=True)
class RateLimit:
    """A steady ``rate`` (requests per second) with a ``burst`` allowance.

    Example:
        >>> RateLimit(rate=5, burst=8).min_seconds(50)
        8.4
    """

    rate: float
    burst: int

    def __post_init__(self) -> None:
        if not self.rate > 0:
            raise InvalidArgumentError(f"RateLimit.rate must be positive, got {self.rate!r}")
        if self.burst < 1:
            raise InvalidArgumentError(f"RateLimit.burst must be at least 1, got {self.burst!r}")

    def min_seconds(self, requests: int) -> float:
        """The least time ``requests`` calls can take under this limit, starting full."""
        return round(max(0, requests - self.burst) / self.rate, 6)


_ADMIN_GUIDE: Final = (
    "Amazon Connect Administrator Guide, 'Amazon Connect service quotas', API throttling"
    " quotas (https://docs.aws.amazon.com/connect/latest/adminguide/"
    "amazon-connect-service-limits.html)"
)

# The ONE table of quotas (the model has none). Every other module imports it.
DEFAULT_RATE_LIMITS: Final[Mapping[str, RateLimit]] = MappingProxyType(
    {
        "GetCurrentMetricData": RateLimit(rate=5, burst=8),
        "GetMetricData": RateLimit(rate=5, burst=8),
        "GetMetricDataV2": RateLimit(rate=5, burst=8),
        # Raised from the 2/5 default in March 2022 (same page).
        "StartContactStreaming": RateLimit(rate=5, burst=8),
        "StopContactStreaming": RateLimit(rate=5, burst=8),
        "StartChatContact": RateLimit(rate=5, burst=8),
        # "All other operations": 2 requests per second, burst 5.
        "StartTaskContact": RateLimit(rate=2, burst=5),
    }
)
"""Requests per second and burst per operation, per account and Region (admin guide)."""

QUOTA_SOURCES: Final[Mapping[str, str]] = MappingProxyType(
    dict.fromkeys(DEFAULT_RATE_LIMITS, _ADMIN_GUIDE)
)
"""Where each default quota comes from."""


class TokenBucket:
    """A thread-safe token bucket on an injectable clock.

    Clients :meth:`acquire` (wait for a token: the wait is reserved under the lock and slept
    outside it, so waiting threads are served in arrival order and the long-run rate never
    exceeds ``limit.rate``); a server :meth:`try_take`\\ s (a token now, or refuse).

    Example:
        >>> t = [0.0]
        >>> bucket = TokenBucket(RateLimit(rate=2, burst=1), clock=lambda: t[0],
        ...                      sleep=lambda s: t.__setitem__(0, t[0] + s))
        >>> [bucket.acquire() for _ in range(3)]
        [0.0, 0.5, 0.5]
        >>> bucket.try_take(), t.__setitem__(0, t[0] + 0.5), bucket.try_take()
        (False, None, True)
    """

    def __init__(
        self,
        limit: RateLimit,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.limit = limit
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._tokens = float(limit.burst)
        self._updated = clock()

    def _refill(self) -> None:
        now = self._clock()
        elapsed = max(0.0, now - self._updated)
        self._tokens = min(float(self.limit.burst), self._tokens + elapsed * self.limit.rate)
        self._updated = now

    def reserve(self) -> float:
        """Take one token now or in the future; return the seconds until it is due."""
        with self._lock:
            self._refill()
            self._tokens -= 1.0
            return 0.0 if self._tokens >= 0 else -self._tokens / self.limit.rate

    def acquire(self) -> float:
        """Take one token, sleeping until it is due; return the seconds waited."""
        wait = self.reserve()
        if wait > 0:
            self._sleep(wait)
        return wait

    def try_take(self) -> bool:
        """Take one token if one is there now; never wait."""
        with self._lock:
            self._refill()
            if self._tokens >= 1.0:
                self._tokens -= 1.0
                return True
            return False


class RateLimiter:
    """One :class:`TokenBucket` per operation, for one account and Region.

    ``margin`` paces a client that share under each rate; ``spare`` keeps that many tokens of
    each burst unused (at least one token stays usable). A client takes its token before the
    request is signed and sent, so requests paced exactly at the quota can reach the service
    a hair early (a cold client's first request is slower than the next ones): one spare
    token absorbs up to one token's worth of such jitter. Both 0: exactly the quota.

    Example:
        >>> t = [0.0]
        >>> limiter = RateLimiter({"StartTaskContact": RateLimit(2, 1)}, clock=lambda: t[0],
        ...                       sleep=lambda s: t.__setitem__(0, t[0] + s))
        >>> limiter.acquire("StartTaskContact"), limiter.acquire("StartTaskContact")
        (0.0, 0.5)
        >>> limiter.acquire("GetMetricData")  # no limit configured: never waits
        0.0
    """

    def __init__(
        self,
        limits: Mapping[str, RateLimit] = DEFAULT_RATE_LIMITS,
        *,
        margin: float = 0.0,
        spare: int = 0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not 0 <= margin < 1:
            raise InvalidArgumentError(f"margin must be in [0, 1), got {margin}")
        if spare < 0:
            raise InvalidArgumentError(f"spare must be 0 or more, got {spare}")
        self.limits = dict(limits)
        self.buckets = {
            operation: TokenBucket(_paced(limit, margin, spare), clock=clock, sleep=sleep)
            for operation, limit in limits.items()
        }

    def reserve(self, operation: str) -> float:
        """Take a token for ``operation``; the seconds until it is due (0.0: unlimited)."""
        bucket = self.buckets.get(operation)
        return 0.0 if bucket is None else bucket.reserve()

    def acquire(self, operation: str) -> float:
        """Wait for a token for ``operation``; return the seconds waited."""
        bucket = self.buckets.get(operation)
        return 0.0 if bucket is None else bucket.acquire()

    def try_take(self, operation: str) -> bool:
        """A token for ``operation`` now, or False (an operation without a limit: True)."""
        bucket = self.buckets.get(operation)
        return True if bucket is None else bucket.try_take()


def _paced(limit: RateLimit, margin: float, spare: int) -> RateLimit:
    if margin == 0 and spare == 0:
        return limit
    return RateLimit(limit.rate * (1 - margin), max(1, limit.burst - spare))


_SHARED: dict[tuple[str, str, tuple[tuple[str, RateLimit], ...], float, int], RateLimiter] = {}
_SHARED_LOCK = threading.Lock()


def shared_limiter(
    account: str,
    region: str,
    limits: Mapping[str, RateLimit] = DEFAULT_RATE_LIMITS,
    *,
    margin: float = 0.0,
    spare: int = 0,
) -> RateLimiter:
    """The process-wide :class:`RateLimiter` for one account and Region (and these limits).

    Every caller asking for the same account, Region, limits, margin and spare gets the same
    buckets, so runtimes for several instances of one account share the quota as the
    service does. ``account`` may be any stable key standing for the account.

    Example:
        >>> shared_limiter("123456789012", "us-east-1") is shared_limiter(
        ...     "123456789012", "us-east-1")
        True
        >>> shared_limiter("123456789012", "us-east-1") is shared_limiter(
        ...     "123456789012", "eu-west-2")
        False
    """
    key = (account, region, tuple(sorted(limits.items())), margin, spare)
    with _SHARED_LOCK:
        limiter = _SHARED.get(key)
        if limiter is None:
            limiter = _SHARED[key] = RateLimiter(limits, margin=margin, spare=spare)
        return limiter
