"""How one logical metrics query becomes the requests the API takes: at most 100 queues or
filter values a request, and time windows the interval allows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, cast

from connect_runtime._checks import Checker
from connect_runtime.errors import ConnectRequestError, Problem
from connect_runtime.metrics.catalogue import (
    DEFAULT_INTERVAL,
    MAX_FILTER_VALUES,
    MAX_QUEUES_PER_REQUEST,
    UNCOUNTED_FILTER_KEY,
    interval_ranges,
)
from connect_runtime.metrics.v2 import OPERATION, filters_from_list

if TYPE_CHECKING:
    from mypy_boto3_connect.type_defs import FilterV2TypeDef

__all__ = ["PERIOD_LENGTHS", "QueueChunk", "RequestPart", "queue_chunks", "split_v2_query"]


class QueueChunk:
    __slots__ = ("queues", "routing_profiles")

    def __init__(self, queues: list[str] | None, routing_profiles: list[str] | None) -> None:
        self.queues = queues
        self.routing_profiles = routing_profiles


def _split_ids(
    operation: str,
    field: str,
    values: Iterable[str] | None,
    grouping: str,
    groups: list[str] | None,
) -> list[list[str] | None]:
    if values is None:
        return [None]
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        return [values]  # type: ignore[list-item]  # the builder reports it, naming the field
    items = list(values)
    if not all(isinstance(item, str) for item in items):
        return [items]
    # One logical sweep: a queue named twice would otherwise yield its rows twice.
    unique = list(dict.fromkeys(items))
    if len(unique) <= MAX_QUEUES_PER_REQUEST:
        return [unique]
    if grouping not in (groups or ()):
        raise ConnectRequestError(
            operation,
            [
                Problem(
                    field,
                    f"<{len(unique)} items>",
                    f"more than {MAX_QUEUES_PER_REQUEST} can only be split across requests"
                    f" when grouped by {grouping}, so that each row stays exact",
                )
            ],
        )
    step = MAX_QUEUES_PER_REQUEST
    return [unique[start : start + step] for start in range(0, len(unique), step)]


def queue_chunks(
    operation: str,
    queues: Iterable[str] | None,
    routing_profiles: Iterable[str] | None,
    groups: list[str] | None,
) -> list[QueueChunk]:
    queue_chunks = _split_ids(operation, "Filters.Queues", queues, "QUEUE", groups)
    profile_chunks = _split_ids(
        operation, "Filters.RoutingProfiles", routing_profiles, "ROUTING_PROFILE", groups
    )
    return [QueueChunk(q, p) for q in queue_chunks for p in profile_chunks]


PERIOD_LENGTHS: Final[Mapping[str, timedelta]] = MappingProxyType(
    {
        "FIFTEEN_MIN": timedelta(minutes=15),
        "THIRTY_MIN": timedelta(minutes=30),
        "HOUR": timedelta(hours=1),
        "DAY": timedelta(days=1),
        "WEEK": timedelta(weeks=1),
        "TOTAL": timedelta(days=1),  # TOTAL has no length: windows step by whole days
    }
)
"""How long each IntervalPeriod is, so that split windows end on interval boundaries."""


@dataclass(frozen=True, slots=True)
class RequestPart:
    """One request of a split query: its filters and its time window."""

    filters: Mapping[str, list[str]]
    start: datetime
    end: datetime


def _windows(start: datetime, end: datetime, period: str) -> list[tuple[datetime, datetime]]:
    limit = interval_ranges().get(period)
    if limit is None or end - start < limit:
        return [(start, end)]
    step = limit - PERIOD_LENGTHS[period]
    windows = []
    cursor = start
    while cursor < end:
        windows.append((cursor, min(cursor + step, end)))
        cursor += step
    return windows


def _filter_chunks(
    filters: Mapping[str, Iterable[str]], groupings: Sequence[str]
) -> list[dict[str, list[str]]]:
    lists = {key: list(dict.fromkeys(values)) for key, values in filters.items()}
    counted = {k: v for k, v in lists.items() if k != UNCOUNTED_FILTER_KEY}
    if sum(map(len, counted.values())) <= MAX_FILTER_VALUES:
        return [lists]
    splittable = [k for k in counted if k in groupings]
    fixed = sum(len(v) for k, v in counted.items() if k not in splittable)
    budget = MAX_FILTER_VALUES - fixed
    if not splittable or budget < len(splittable):
        raise ConnectRequestError(
            OPERATION,
            [
                Problem(
                    "Filters",
                    f"<{fixed + sum(len(counted[k]) for k in splittable)} values>",
                    f"more than {MAX_FILTER_VALUES} filter values can only be split across"
                    " requests over keys that are also groupings, so that each row stays exact",
                )
            ],
        )
    size = budget // len(splittable)  # at least 1 (checked above), at most 100
    chunks: list[dict[str, list[str]]] = [dict(lists)]
    for key in splittable:
        values = lists[key]
        pieces = [values[i : i + size] for i in range(0, len(values), size)] or [values]
        chunks = [{**chunk, key: piece} for chunk in chunks for piece in pieces]
    return chunks


def split_v2_query(
    *,
    filters: Mapping[str, Iterable[str]] | Iterable[FilterV2TypeDef],
    groupings: Sequence[str] | None,
    start_time: datetime,
    end_time: datetime,
    interval_period: str | None,
) -> list[RequestPart]:
    """Split one logical V2 query into requests that each keep the documented limits.

    Filter values beyond 100 are spread over requests along keys that are also groupings
    (so each row stays exact); a range too long for the interval is cut into consecutive
    windows that end on interval boundaries (each window gets its own TOTAL row).

    Example:
        >>> from datetime import datetime, timezone
        >>> parts = split_v2_query(
        ...     filters={"QUEUE": [f"q{i}" for i in range(150)]}, groupings=["QUEUE"],
        ...     start_time=datetime(2026, 10, 1, tzinfo=timezone.utc),
        ...     end_time=datetime(2026, 11, 20, tzinfo=timezone.utc), interval_period="DAY")
        >>> [(len(p.filters["QUEUE"]), (p.end - p.start).days) for p in parts]
        [(100, 34), (100, 16), (50, 34), (50, 16)]
    """
    if not isinstance(filters, Mapping):
        probe = Checker(OPERATION)  # a broken list is the builder's to name, with everything else
        listed = filters_from_list(probe, filters)
        filters = filters if listed is None or probe.problems else listed  # type: ignore[assignment]
    if not isinstance(filters, Mapping) or not all(
        isinstance(v, Iterable) and not isinstance(v, str | bytes | Mapping)
        for v in filters.values()
    ):
        return [RequestPart(cast("Mapping[str, list[str]]", filters), start_time, end_time)]
    lists = {key: list(values) for key, values in filters.items()}
    if not all(isinstance(item, str) for values in lists.values() for item in values):
        return [RequestPart(lists, start_time, end_time)]  # the builder names the bad value
    groups = groupings if isinstance(groupings, list | tuple) else ()
    chunks = _filter_chunks(lists, [g for g in groups if isinstance(g, str)])
    if not all(
        isinstance(t, datetime) and t.utcoffset() is not None for t in (start_time, end_time)
    ):
        return [RequestPart(chunk, start_time, end_time) for chunk in chunks]
    windows = _windows(start_time, end_time, interval_period or DEFAULT_INTERVAL)
    return [RequestPart(chunk, begin, end) for chunk in chunks for begin, end in windows]
