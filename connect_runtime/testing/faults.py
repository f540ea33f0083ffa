"""Fault injection for the local endpoint, by rate or by script.

Faults after a committed write are what a ClientToken must make safe to retry.
"""

from __future__ import annotations

import enum
import random
import threading
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence

from connect_runtime.errors import InvalidArgumentError

__all__ = ["Fault", "FaultPlan"]


class Fault(enum.Enum):
    """What goes wrong with one request."""

    THROTTLE = "throttle"
    """HTTP 429 ThrottlingException; nothing committed."""
    INTERNAL_ERROR = "internal-error"
    """HTTP 500 InternalServiceException; nothing committed."""
    DROP = "drop"
    """The connection is closed without an answer; nothing committed."""
    INTERNAL_ERROR_AFTER_COMMIT = "internal-error-after-commit"
    """The operation runs and commits, then the caller gets HTTP 500."""
    DROP_AFTER_COMMIT = "drop-after-commit"
    """The operation runs and commits, then the connection is closed without an answer."""

    @property
    def after_commit(self) -> bool:
        return self in (Fault.INTERNAL_ERROR_AFTER_COMMIT, Fault.DROP_AFTER_COMMIT)


class FaultPlan:
    """Which requests fail, and how; thread-safe, and it counts what it injected.

    ``script`` lists the outcomes of the next requests (None: no fault), per operation name
    or for every operation; once a script runs out, ``rate`` (0..1) picks faults at random
    from ``kinds`` for the ``operations`` given (all when None), seeded by ``seed``.

    Example:
        >>> plan = FaultPlan(script={"StartTaskContact": [Fault.DROP_AFTER_COMMIT, None]})
        >>> [plan.choose("StartTaskContact") for _ in range(3)]
        [<Fault.DROP_AFTER_COMMIT: 'drop-after-commit'>, None, None]
        >>> plan.injected[("StartTaskContact", Fault.DROP_AFTER_COMMIT)]
        1
    """

    def __init__(
        self,
        *,
        rate: float = 0.0,
        kinds: Iterable[Fault] = tuple(Fault),
        operations: Collection[str] | None = None,
        script: Mapping[str, Sequence[Fault | None]] | Sequence[Fault | None] | None = None,
        seed: int | None = None,
    ) -> None:
        if not 0.0 <= rate <= 1.0:
            raise InvalidArgumentError(f"rate must be within 0..1, got {rate!r}")
        self.rate = rate
        self.kinds = tuple(kinds)
        if rate and not self.kinds:
            raise InvalidArgumentError("a fault rate needs at least one kind")
        self.operations = None if operations is None else frozenset(operations)
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self._scripts: dict[str | None, list[Fault | None]] = {}
        if isinstance(script, Mapping):
            self._scripts = {name: list(steps) for name, steps in script.items()}
        elif script is not None:
            self._scripts = {None: list(script)}
        self.injected: Counter[tuple[str, Fault]] = Counter()
        self.requests: Counter[str] = Counter()

    def choose(self, operation: str) -> Fault | None:
        """The fault for the next ``operation`` request, or None."""
        with self._lock:
            self.requests[operation] += 1
            fault = self._next(operation)
            if fault is not None:
                self.injected[(operation, fault)] += 1
            return fault

    def _next(self, operation: str) -> Fault | None:
        for key in (operation, None):
            steps = self._scripts.get(key)
            if steps:
                return steps.pop(0)
        if self.operations is not None and operation not in self.operations:
            return None
        if self.rate and self._random.random() < self.rate:
            return self._random.choice(self.kinds)
        return None

    def total(self, operation: str | None = None, kind: Fault | None = None) -> int:
        """How many faults were injected (for one operation and/or kind)."""
        with self._lock:
            return sum(
                count
                for (op, fault), count in self.injected.items()
                if (operation is None or op == operation) and (kind is None or fault == kind)
            )
