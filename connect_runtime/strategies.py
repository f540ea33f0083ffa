"""Hypothesis strategies for valid inputs to every request builder, for your own tests too.

Needs ``hypothesis`` (not a runtime dependency). Each ``*_kwargs`` strategy draws keyword
arguments that the matching builder accepts.

Example:
    >>> from hypothesis import given
    >>> from connect_runtime import start_task_contact_request
    >>> @given(start_task_contact_kwargs())
    ... def test_task_names_survive(kwargs):
    ...     assert start_task_contact_request(**kwargs)["Name"] == kwargs["name"]
    >>> test_task_names_survive()
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import provisional
from hypothesis import strategies as st

from connect_runtime.metrics import (
    CURRENT_METRIC_UNITS,
    HISTORICAL_METRIC_UNITS,
    MAX_SERVICE_LEVEL_METRICS,
    SERVICE_LEVEL,
    SERVICE_LEVEL_THRESHOLD_RANGE,
    CurrentMetric,
    HistoricalMetric,
)
from connect_runtime.references import CREATION_REFERENCE_TYPES, Reference
from connect_runtime.requests import (
    CHANNELS,
    GROUPINGS,
    MAX_ATTRIBUTES_BYTES,
    MAX_QUEUES_PER_REQUEST,
    MAX_REFERENCES_BYTES,
)

__all__ = [
    "attribute_maps",
    "client_tokens",
    "contact_ids",
    "current_metrics",
    "get_current_metric_data_kwargs",
    "get_metric_data_kwargs",
    "historical_metrics",
    "instance_ids",
    "metric_windows",
    "reference_maps",
    "references",
    "sns_topic_arns",
    "start_contact_streaming_kwargs",
    "start_task_contact_kwargs",
    "stop_contact_streaming_kwargs",
]

_NEEDS_PROFILE_FILTER = frozenset({"CONTACTS_SCHEDULED", "CONTACTS_IN_QUEUE", "OLDEST_CONTACT_AGE"})
_FIVE_MINUTES = timedelta(minutes=5)
_DAY = timedelta(hours=24)


def _ids(max_size: int) -> st.SearchStrategy[str]:
    return st.one_of(st.uuids().map(str), st.text(min_size=1, max_size=max_size))


def instance_ids() -> st.SearchStrategy[str]:
    """Instance IDs: UUIDs mostly, and any text of 1..100 characters."""
    return _ids(100)


def contact_ids() -> st.SearchStrategy[str]:
    """Contact IDs: 1..256 characters."""
    return _ids(256)


def client_tokens() -> st.SearchStrategy[str | None]:
    """ClientTokens: None (the builder makes one) or 1..500 characters."""
    return st.none() | st.text(min_size=1, max_size=500)


def sns_topic_arns(
    *, partitions: tuple[str, ...] = ("aws", "aws-cn", "aws-us-gov")
) -> st.SearchStrategy[str]:
    """Standard (non-FIFO) SNS topic ARNs."""
    regions = st.from_regex(r"[a-z]{2}(-[a-z]{2,10}){1,2}-[1-9]", fullmatch=True)
    accounts = st.from_regex(r"[0-9]{12}", fullmatch=True)
    names = st.from_regex(r"[A-Za-z0-9_-]{1,256}", fullmatch=True)
    return st.builds(
        "arn:{}:sns:{}:{}:{}".format, st.sampled_from(partitions), regions, accounts, names
    )


def start_contact_streaming_kwargs() -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments for ``start_contact_streaming_request``."""
    return st.fixed_dictionaries(
        {
            "instance_id": instance_ids(),
            "contact_id": contact_ids(),
            "streaming_endpoint_arn": sns_topic_arns(),
            "client_token": client_tokens(),
        }
    )


def stop_contact_streaming_kwargs() -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments for ``stop_contact_streaming_request``."""
    return st.fixed_dictionaries(
        {"instance_id": instance_ids(), "contact_id": contact_ids(), "streaming_id": _ids(100)}
    )


def current_metrics(
    *, names: tuple[str, ...] = tuple(CURRENT_METRIC_UNITS)
) -> st.SearchStrategy[CurrentMetric | dict[str, str]]:
    """Real-time metric specs: typed :class:`CurrentMetric` or the plain API dict."""
    name = st.sampled_from(names)
    typed = name.map(CurrentMetric)
    plain = name.map(lambda n: {"Name": n, "Unit": CURRENT_METRIC_UNITS[n]})
    return typed | plain


def historical_metrics(
    *, names: tuple[str, ...] = tuple(HISTORICAL_METRIC_UNITS)
) -> st.SearchStrategy[HistoricalMetric | dict[str, Any]]:
    """Historical metric specs (SERVICE_LEVEL with a valid threshold), typed or plain."""
    low, high = SERVICE_LEVEL_THRESHOLD_RANGE

    @st.composite
    def one(draw: st.DrawFn) -> HistoricalMetric | dict[str, Any]:
        metric_name = draw(st.sampled_from(names))
        seconds = draw(st.integers(low, high)) if metric_name == SERVICE_LEVEL else None
        if draw(st.booleans()):
            return HistoricalMetric(metric_name, threshold_seconds=seconds)
        unit, statistic = HISTORICAL_METRIC_UNITS[metric_name]
        plain: dict[str, Any] = {"Name": metric_name, "Unit": unit, "Statistic": statistic}
        if seconds is not None:
            value: float = draw(st.sampled_from([seconds, float(seconds)]))
            plain["Threshold"] = {"Comparison": "LT", "ThresholdValue": value}
        return plain

    return one()


def _id_lists(max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(_ids(60), min_size=1, max_size=max_size)


@st.composite
def _metric_filters(
    draw: st.DrawFn, *, allow_queues_with_profiles: bool, groupings: list[str]
) -> dict[str, Any]:
    kinds = ["queues", "routing_profiles", "channels"]
    chosen = set(draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=3, unique=True)))
    if not allow_queues_with_profiles and {"queues", "routing_profiles"} <= chosen:
        chosen.discard(draw(st.sampled_from(["queues", "routing_profiles"])))
    if "CHANNEL" in groupings:
        chosen.add("channels")
    if "ROUTING_PROFILE" in groupings and not chosen & {"queues", "routing_profiles"}:
        chosen.add(draw(st.sampled_from(["queues", "routing_profiles"])))
    filters: dict[str, Any] = {}
    if "queues" in chosen:
        filters["queues"] = draw(_id_lists(MAX_QUEUES_PER_REQUEST))
    if "routing_profiles" in chosen:
        filters["routing_profiles"] = draw(_id_lists(MAX_QUEUES_PER_REQUEST))
    if "channels" in chosen:
        filters["channels"] = draw(
            st.lists(st.sampled_from(CHANNELS), min_size=1, max_size=3, unique=True)
        )
    return filters


def _groupings() -> st.SearchStrategy[list[str] | None]:
    return st.none() | st.lists(st.sampled_from(GROUPINGS), min_size=0, max_size=2, unique=True)


def _paging() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {},
        optional={
            "next_token": st.text(min_size=1, max_size=200),
            "max_results": st.integers(1, 100),
        },
    )


@st.composite
def get_current_metric_data_kwargs(draw: st.DrawFn) -> dict[str, Any]:
    """Keyword arguments for ``get_current_metric_data_request``, honouring the grouping rules."""
    groupings = draw(_groupings())
    filters = draw(_metric_filters(allow_queues_with_profiles=False, groupings=groupings or []))
    names = tuple(CURRENT_METRIC_UNITS)
    if "ROUTING_PROFILE" in (groupings or []) and "routing_profiles" not in filters:
        names = tuple(n for n in names if n not in _NEEDS_PROFILE_FILTER)
    kwargs: dict[str, Any] = {
        "instance_id": draw(instance_ids()),
        "metrics": draw(st.lists(current_metrics(names=names), min_size=1, max_size=13)),
        **filters,
        **draw(_paging()),
    }
    if groupings is not None:
        kwargs["groupings"] = groupings
    return kwargs


def _offsets() -> st.SearchStrategy[timezone]:
    minutes = st.integers(-23 * 60 - 59, 23 * 60 + 59)
    return minutes.map(lambda m: UTC if m == 0 else timezone(timedelta(minutes=m)))


@st.composite
def metric_windows(draw: st.DrawFn) -> tuple[datetime, datetime, datetime]:
    """``(start_time, end_time, now)`` satisfying GetMetricData's time rules, in any offset."""
    now = draw(
        st.datetimes(
            min_value=datetime(2001, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(UTC)
        )
    )
    earliest = now - _DAY
    since_epoch = earliest - datetime(1970, 1, 1, tzinfo=UTC)
    steps_up = -(-since_epoch // _FIVE_MINUTES)  # ceiling to the next 5-minute boundary
    first_start = datetime(1970, 1, 1, tzinfo=UTC) + steps_up * _FIVE_MINUTES
    start = first_start + draw(st.integers(0, 288)) * _FIVE_MINUTES
    end = start + draw(st.integers(1, 287)) * _FIVE_MINUTES
    zone = draw(_offsets())
    return start.astimezone(zone), end.astimezone(draw(_offsets())), now.astimezone(zone)


@st.composite
def get_metric_data_kwargs(draw: st.DrawFn) -> dict[str, Any]:
    """Keyword arguments for ``get_metric_data_request`` (with ``now`` pinned)."""
    start, end, now = draw(metric_windows())
    groupings = draw(_groupings())
    filters = draw(_metric_filters(allow_queues_with_profiles=True, groupings=groupings or []))
    metrics = draw(st.lists(historical_metrics(), min_size=1, max_size=27))
    service_levels = 0
    kept = []
    for metric in metrics:
        name = metric.name if isinstance(metric, HistoricalMetric) else metric["Name"]
        if name == SERVICE_LEVEL:
            service_levels += 1
            if service_levels > MAX_SERVICE_LEVEL_METRICS:
                continue
        kept.append(metric)
    kwargs: dict[str, Any] = {
        "instance_id": draw(instance_ids()),
        "start_time": start,
        "end_time": end,
        "now": now,
        "metrics": kept,
        **filters,
        **draw(_paging()),
    }
    if groupings is not None:
        kwargs["groupings"] = groupings
    return kwargs


def _attribute_keys() -> st.SearchStrategy[str]:
    return st.from_regex(r"[A-Za-z0-9_-]{1,40}", fullmatch=True)


def _utf8(text: str) -> int:
    return len(text.encode("utf-8"))


def attribute_maps(*, max_size: int = 8) -> st.SearchStrategy[dict[str, str]]:
    """Task attributes: legal keys, any text values, within the 32,768-byte budget."""
    maps = st.dictionaries(_attribute_keys(), st.text(max_size=200), max_size=max_size)
    return maps.filter(
        lambda m: sum(_utf8(k) + _utf8(v) for k, v in m.items()) <= MAX_ATTRIBUTES_BYTES
    )


def references() -> st.SearchStrategy[Reference | dict[str, str]]:
    """Task references of every creation type, typed or as plain ``{"Value", "Type"}`` dicts."""
    values: dict[str, st.SearchStrategy[str]] = {
        "URL": provisional.urls(),
        "NUMBER": st.one_of(
            st.integers().map(str),
            st.floats(allow_nan=False, allow_infinity=False).map(repr),
            st.decimals(allow_nan=False, allow_infinity=False).map(str),
        ),
        "STRING": st.text(max_size=100),
        "DATE": st.integers(0, 9_999_999_999_999).map(str),
        "EMAIL": st.emails(),
    }
    # Only the types a task may be created with (ATTACHMENT is refused at creation).
    assert set(values) == set(CREATION_REFERENCE_TYPES)
    pairs = st.sampled_from(sorted(values)).flatmap(
        lambda kind: values[kind].map(lambda value: (kind, value))
    )
    return pairs.flatmap(
        lambda pair: st.sampled_from(
            [Reference(pair[0], pair[1]), {"Value": pair[1], "Type": pair[0]}]
        )
    )


def _reference_bytes(refs: dict[str, Reference | dict[str, str]]) -> int:
    total = 0
    for name, ref in refs.items():
        value = ref.value if isinstance(ref, Reference) else ref["Value"]
        total += _utf8(name) + _utf8(value)
    return total


def reference_maps(
    *, max_size: int = 5
) -> st.SearchStrategy[dict[str, Reference | dict[str, str]]]:
    """Reference maps within the 4,096-byte budget."""
    maps = st.dictionaries(st.text(min_size=1, max_size=40), references(), max_size=max_size)
    return maps.filter(lambda refs: _reference_bytes(refs) <= MAX_REFERENCES_BYTES)


def start_task_contact_kwargs() -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments for ``start_task_contact_request``."""
    return st.fixed_dictionaries(
        {
            "instance_id": instance_ids(),
            "contact_flow_id": st.one_of(st.uuids().map(str), st.text(min_size=1, max_size=500)),
            "name": st.text(max_size=1024),
        },
        optional={
            "description": st.text(max_size=4096),
            "attributes": attribute_maps(),
            "references": reference_maps(),
            "previous_contact_id": contact_ids(),
            "client_token": client_tokens(),
        },
    )
