"""Hypothesis strategies for today's API surface: GetCurrentMetricData's newer members.

``*_kwargs`` draw arguments the builder accepts; ``broken_*`` draw ``(kwargs, field)``
pairs that break exactly one documented rule, ``field`` being the parameter path the error
must name. Needs ``hypothesis``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from connect_runtime import _model
from connect_runtime.metrics import (
    CURRENT_METRIC_UNITS,
    SERVICE_LEVEL_THRESHOLD_RANGE,
    CurrentMetric,
)
from connect_runtime.metrics_v2 import (
    MetricSpecV2,
    MetricV2,
    authorizing_filter_keys,
    filter_keys,
    grouping_keys,
    interval_ranges,
    metric_catalogue,
)

__all__ = [
    "broken_current_metric_data_today_kwargs",
    "broken_get_metric_data_v2_kwargs",
    "current_metric_data_today_kwargs",
    "get_metric_data_v2_kwargs",
]

_OP = "GetCurrentMetricData"
_ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,35}", fullmatch=True)
_words = st.from_regex(r"[A-Za-z0-9:_-]{1,40}", fullmatch=True)
_SORTABLE = sorted(
    _model.enum(_OP, "SortCriteria", "member", "SortByMetric") - {"SLOTS_ACTIVE", "SLOTS_AVAILABLE"}
)
_PLAIN_METRICS = sorted(CURRENT_METRIC_UNITS)


def _sort() -> st.SearchStrategy[list[dict[str, str]] | None]:
    criterion = st.fixed_dictionaries(
        {"SortByMetric": st.sampled_from(_SORTABLE)},
        optional={
            "SortOrder": st.sampled_from(
                sorted(_model.enum(_OP, "SortCriteria", "member", "SortOrder"))
            )
        },
    )
    return st.none() | st.lists(criterion, min_size=1, max_size=1)


@st.composite
def current_metric_data_today_kwargs(draw: st.DrawFn) -> dict[str, Any]:
    """Valid kwargs for ``get_current_metric_data_request`` using today's members."""
    shape = draw(st.sampled_from(["plain", "agent_status", "second", "routing_step"]))
    metrics = draw(st.lists(st.sampled_from(_PLAIN_METRICS), min_size=1, max_size=4, unique=True))
    kwargs: dict[str, Any] = {
        "instance_id": draw(_ids),
        "queues": draw(st.lists(_ids, min_size=1, max_size=5, unique=True)),
        "metrics": [CurrentMetric(name) for name in metrics],
        "sort_criteria": draw(_sort()),
    }
    for name, limit in (("agent_statuses", 50), ("subtypes", 10), ("validation_test_types", 10)):
        kwargs[name] = draw(st.none() | st.lists(_words, min_size=1, max_size=min(limit, 5)))
    channels = sorted(_model.enum(_OP, "Filters", "Channels", "member"))
    kwargs["channels"] = draw(
        st.none() | st.lists(st.sampled_from(channels), min_size=1, max_size=4, unique=True)
    )
    if shape == "plain":
        kwargs["groupings"] = draw(st.sampled_from([None, ["QUEUE"]]))
    elif shape == "agent_status":
        kwargs["groupings"] = ["QUEUE", "AGENT_STATUS"]
        kwargs["metrics"] = [CurrentMetric("AGENTS_ONLINE")]
    elif shape == "second":
        kwargs["groupings"] = ["QUEUE", draw(st.sampled_from(["SUBTYPE", "VALIDATION_TEST_TYPE"]))]
    else:
        kwargs["queues"] = kwargs["queues"][:1]
        kwargs["routing_step_expressions"] = draw(
            st.lists(st.text(min_size=1, max_size=60), min_size=1, max_size=3)
        )
        kwargs["groupings"] = ["ROUTING_STEP_EXPRESSION"]
    return kwargs


Breaker = Callable[[dict[str, Any], st.DrawFn], dict[str, Any]]

_BREAKERS: list[tuple[str, Breaker]] = [
    (
        "SortCriteria",
        lambda kw, d: {**kw, "sort_criteria": [{"SortByMetric": "AGENTS_ONLINE"}] * 2},
    ),
    (
        "SortCriteria[0].SortByMetric",
        lambda kw, d: {
            **kw,
            "sort_criteria": [
                {"SortByMetric": d(st.sampled_from(["SLOTS_ACTIVE", "SLOTS_AVAILABLE", "ONLINE"]))}
            ],
        },
    ),
    (
        "SortCriteria[0].SortOrder",
        lambda kw, d: {
            **kw,
            "sort_criteria": [{"SortByMetric": "AGENTS_ONLINE", "SortOrder": "UP"}],
        },
    ),
    ("Filters.AgentStatuses", lambda kw, d: {**kw, "agent_statuses": ["s"] * 51}),
    ("Filters.Subtypes", lambda kw, d: {**kw, "subtypes": ["connect:Chat"] * 11}),
    (
        "Filters.ValidationTestTypes",
        lambda kw, d: {**kw, "validation_test_types": ["FLOW_VALIDATION"] * 11},
    ),
    (
        "Filters.AgentStatuses",
        lambda kw, d: {
            **kw,
            "queues": None,
            "routing_profiles": ["rp"],
            "groupings": None,
            "agent_statuses": ["s"],
            "routing_step_expressions": None,
        },
    ),
    (
        "Filters.Queues",
        lambda kw, d: {
            **kw,
            "queues": ["a", "b"],
            "routing_step_expressions": ["{}"],
            "groupings": ["ROUTING_STEP_EXPRESSION"],
        },
    ),
    (
        "Groupings",
        lambda kw, d: {
            **kw,
            "queues": ["a"],
            "routing_step_expressions": ["{}"],
            "groupings": None,
        },
    ),
    (
        "Groupings",
        lambda kw, d: {
            **kw,
            "groupings": ["AGENT_STATUS"],
            "metrics": [CurrentMetric("AGENTS_ONLINE")],
        },
    ),
    ("Groupings", lambda kw, d: {**kw, "groupings": ["QUEUE", "SUBTYPE", "VALIDATION_TEST_TYPE"]}),
    (
        "Groupings[0]",
        lambda kw, d: {**kw, "groupings": [d(st.sampled_from(["AGENT", "queue", "TEAM"]))]},
    ),
    (
        "CurrentMetrics",
        lambda kw, d: {
            **kw,
            "metrics": [CurrentMetric("ESTIMATED_WAIT_TIME")],
            "groupings": ["QUEUE"],
        },
    ),
]


@st.composite
def broken_current_metric_data_today_kwargs(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """``(kwargs, field)``: valid kwargs with exactly one of today's rules broken."""
    kwargs = draw(current_metric_data_today_kwargs())
    field, breaker = draw(st.sampled_from(_BREAKERS))
    return breaker(kwargs, draw), field


# --- GetMetricDataV2 --------------------------------------------------------------------------

_INSTANCE_ARNS = st.builds(
    lambda region, account, instance: f"arn:aws:connect:{region}:{account}:instance/{instance}",
    st.sampled_from(["us-east-1", "eu-west-2", "ap-southeast-2"]),
    st.from_regex(r"[0-9]{12}", fullmatch=True),
    st.uuids().map(str),
)


def _v2_metric(draw: st.DrawFn, spec: MetricSpecV2) -> MetricV2 | dict[str, Any] | str:
    threshold = None
    if spec.threshold_comparisons:
        low, high = spec.threshold_range or SERVICE_LEVEL_THRESHOLD_RANGE
        threshold = [{
            "Comparison": draw(st.sampled_from(sorted(spec.threshold_comparisons))),
            "ThresholdValue": draw(st.integers(low, high)),
        }]  # fmt: skip
    filters: list[dict[str, Any]] = []
    if bool(spec.metric_filter_keys) and draw(st.booleans()):
        for _ in range(draw(st.integers(1, 2))):
            filters.append({
                "MetricFilterKey": draw(st.sampled_from(sorted(spec.metric_filter_keys))),
                "MetricFilterValues": draw(st.lists(_words, min_size=1, max_size=10)),
                "Negate": spec.negate and draw(st.booleans()),
            })  # fmt: skip
    if threshold is None and not filters and draw(st.booleans()):
        return spec.name
    metric: dict[str, Any] = {"Name": spec.name}
    if threshold is not None:
        metric["Threshold"] = threshold
    if filters:
        metric["MetricFilters"] = filters
    return metric


@st.composite
def get_metric_data_v2_kwargs(draw: st.DrawFn) -> dict[str, Any]:
    """Valid kwargs for ``get_metric_data_v2_request`` (with ``now`` pinned)."""
    now = draw(st.datetimes(datetime(2025, 1, 1), datetime(2027, 12, 31), timezones=st.just(UTC)))
    period = draw(st.none() | st.sampled_from(sorted(interval_ranges())))
    limit = interval_ranges()[period or "TOTAL"]
    length = draw(st.integers(60, int(limit.total_seconds()) - 1))
    end = now - timedelta(seconds=draw(st.integers(0, 86_400)))
    catalogue = metric_catalogue()
    names = draw(st.lists(st.sampled_from(sorted(catalogue)), min_size=1, max_size=5, unique=True))
    filters: dict[str, list[str]] = {
        draw(st.sampled_from(sorted(authorizing_filter_keys()))): draw(
            st.lists(_ids, min_size=1, max_size=20)
        )
    }
    for name in names:
        needed = catalogue[name].required_filter_key
        if needed:
            filters[needed] = draw(st.lists(_ids, min_size=1, max_size=20))
    others = sorted(filter_keys() - set(filters))
    for key in draw(st.lists(st.sampled_from(others), max_size=5 - len(filters), unique=True)):
        if key == "CHANNEL":
            filters[key] = draw(
                st.lists(
                    st.sampled_from(sorted(_model.named_enum("Channel"))),
                    min_size=1,
                    unique=True,
                )
            )
        else:
            filters[key] = draw(st.lists(_ids, min_size=1, max_size=20))
    common = set(grouping_keys())
    for name in names:  # the groupings every chosen metric documents
        common &= catalogue[name].groupings or grouping_keys()
    allowed = sorted(common)
    return {
        "resource_arn": draw(_INSTANCE_ARNS),
        "start_time": end - timedelta(seconds=length),
        "end_time": end,
        "now": now,
        "interval_period": period,
        "time_zone": draw(st.none() | st.sampled_from(["UTC", "Europe/London", "Asia/Tokyo"])),
        "filters": filters,
        "groupings": draw(
            st.none() | st.lists(st.sampled_from(allowed), max_size=4, unique=True)
            if allowed
            else st.none()
        ),
        "metrics": [_v2_metric(draw, catalogue[name]) for name in names],
        "max_results": draw(st.none() | st.integers(1, 100)),
    }


def _v2_set(**values: Any) -> Breaker:
    return lambda kw, d: {**kw, **values}


def _v2_filtered(metric: str, *filters: dict[str, Any]) -> Breaker:
    """Ask for one ``metric`` with these metric filters."""
    return _v2_set(metrics=[{"Name": metric, "MetricFilters": list(filters)}])


def _v2_time(start: timedelta, end: timedelta, period: str | None = None) -> Breaker:
    def broken(kw: dict[str, Any], d: st.DrawFn) -> dict[str, Any]:
        times = {"start_time": kw["now"] - start, "end_time": kw["now"] - end}
        return {**kw, **times, "interval_period": period}

    return broken


_SL = "SERVICE_LEVEL"
_LT60 = {"Comparison": "LT", "ThresholdValue": 60}
_BY_API = {"MetricFilterKey": "INITIATION_METHOD", "MetricFilterValues": ["API"]}
_V2_BREAKERS: list[tuple[str, Breaker]] = [
    ("ResourceArn", _v2_set(resource_arn="arn:aws:connect:us-east-1:123456789012:queue/q")),
    ("ResourceArn", _v2_set(resource_arn="")),
    ("EndTime", _v2_time(timedelta(hours=1), -timedelta(minutes=5))),
    ("EndTime", _v2_time(timedelta(days=3, hours=1), timedelta(hours=1), "HOUR")),
    ("EndTime", _v2_time(timedelta(days=36), timedelta(days=1), None)),
    ("StartTime", _v2_time(timedelta(days=100), timedelta(days=99), "DAY")),
    ("Interval.IntervalPeriod", _v2_set(interval_period="MINUTE")),
    ("Interval.TimeZone", _v2_set(time_zone="Mars/Olympus_Mons")),
    (
        "Filters",
        lambda kw, d: {
            **kw,
            "filters": {
                "QUEUE": ["q"],
                **{k: ["x"] for k in ("AGENT", "BOT_ID", "BOT_ALIAS", "CASE_STATUS", "FEATURE")},
            },
        },
    ),
    ("Filters", _v2_set(filters={"CHANNEL": ["VOICE"]})),
    (
        "Filters",
        _v2_set(
            filters={
                "QUEUE": [f"q{i}" for i in range(60)],
                "AGENT": [f"a{i}" for i in range(41)],
                "CHANNEL": ["VOICE"],
            }
        ),
    ),
    ("Filters['TEAM']", lambda kw, d: {**kw, "filters": {"QUEUE": ["q"], "TEAM": ["t"]}}),
    ("Groupings", _v2_set(groupings=["QUEUE", "CHANNEL", "AGENT", "ROUTING_PROFILE", "BOT_ID"])),
    ("Groupings[0]", _v2_set(groupings=["TEAM"])),
    ("Groupings", _v2_set(groupings=["AGENT"], metrics=[{"Name": _SL, "Threshold": [_LT60]}])),
    ("Metrics[0].Name", _v2_set(metrics=["CONTACTS_HANDLED_BY_MOON"])),
    ("Metrics[0].Threshold", _v2_set(metrics=[_SL])),
    (
        "Metrics[0].Threshold",
        _v2_set(
            metrics=[
                {
                    "Name": "CONTACTS_HANDLED",
                    "Threshold": [{"Comparison": "LT", "ThresholdValue": 5}],
                }
            ]
        ),
    ),
    (
        "Metrics[0].Threshold[0].Comparison",
        _v2_set(metrics=[{"Name": _SL, "Threshold": [{"Comparison": "GT", "ThresholdValue": 60}]}]),
    ),
    (
        "Metrics[0].Threshold[0].ThresholdValue",
        lambda kw, d: {
            **kw,
            "metrics": [
                {
                    "Name": _SL,
                    "Threshold": [
                        {
                            "Comparison": "LT",
                            "ThresholdValue": d(st.sampled_from([0, 604_801, 1.5, float("nan")])),
                        }
                    ],
                }
            ],
        },
    ),
    (
        "Metrics",
        _v2_set(
            metrics=[
                {"Name": _SL, "Threshold": [{"Comparison": "LT", "ThresholdValue": v}]}
                for v in range(1, 22)
            ]
        ),
    ),
    ("Metrics[0].MetricFilters", _v2_filtered("CONTACTS_HANDLED", *[_BY_API] * 3)),
    ("Metrics[0].MetricFilters", _v2_filtered("AVG_HANDLE_TIME", _BY_API)),
    (
        "Metrics[0].MetricFilters[0].MetricFilterKey",
        _v2_filtered(
            "CONTACTS_HANDLED", {"MetricFilterKey": "CASE_STATUS", "MetricFilterValues": ["open"]}
        ),
    ),
    (
        "Metrics[0].MetricFilters[0].Negate",
        _v2_filtered("AVG_AGENT_CONNECTING_TIME", {**_BY_API, "Negate": True}),
    ),
    (
        "Metrics[0].MetricFilters[0].MetricFilterValues",
        _v2_filtered("CONTACTS_HANDLED", {**_BY_API, "MetricFilterValues": ["v"] * 11}),
    ),
    (
        "Filters",
        lambda kw, d: {**kw, "filters": {"QUEUE": ["q"]}, "metrics": ["AVG_CASE_RESOLUTION_TIME"]},
    ),
    ("MaxResults", lambda kw, d: {**kw, "max_results": d(st.sampled_from([0, 101, True, "5"]))}),
]


@st.composite
def broken_get_metric_data_v2_kwargs(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """``(kwargs, field)``: valid V2 kwargs with exactly one documented rule broken."""
    kwargs = draw(get_metric_data_v2_kwargs())
    field, breaker = draw(st.sampled_from(_V2_BREAKERS))
    return breaker(kwargs, draw), field
