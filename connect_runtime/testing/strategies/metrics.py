"""Strategies for the metrics builders: GetCurrentMetricData (the 2021 reference's members,
and the installed model's whole surface), GetMetricData and GetMetricDataV2; ``broken_*``
draw ``(kwargs, field)`` pairs that break exactly one documented rule."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

from connect_runtime import _model
from connect_runtime.metrics import catalogue
from connect_runtime.metrics.catalogue import (
    CHANNELS,
    CURRENT_METRIC_UNITS,
    GROUPINGS,
    HISTORICAL_METRIC_UNITS,
    MAX_QUEUES_PER_REQUEST,
    MAX_SERVICE_LEVEL_METRICS,
    SERVICE_LEVEL,
    SERVICE_LEVEL_THRESHOLD_RANGE,
    MetricSpecV2,
)
from connect_runtime.metrics.specs import CurrentMetric, HistoricalMetric, MetricV2
from connect_runtime.testing.strategies._common import ids, instance_ids

__all__ = [
    "broken_get_current_metric_data_kwargs",
    "broken_get_metric_data_v2_kwargs",
    "current_metrics",
    "get_current_metric_data_kwargs",
    "get_current_metric_data_model_kwargs",
    "get_metric_data_kwargs",
    "get_metric_data_v2_kwargs",
    "historical_metrics",
    "metric_windows",
]


_NEEDS_PROFILE_FILTER = frozenset({"CONTACTS_SCHEDULED", "CONTACTS_IN_QUEUE", "OLDEST_CONTACT_AGE"})


_FIVE_MINUTES = timedelta(minutes=5)


_DAY = timedelta(hours=24)


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
    return st.lists(ids(60), min_size=1, max_size=max_size)


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


_OP = "GetCurrentMetricData"


_id_text = st.from_regex(r"[a-z0-9][a-z0-9-]{0,35}", fullmatch=True)


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
def get_current_metric_data_model_kwargs(draw: st.DrawFn) -> dict[str, Any]:
    """Valid kwargs for ``get_current_metric_data_request`` using the installed model's members."""
    shape = draw(st.sampled_from(["plain", "agent_status", "second", "routing_step"]))
    metrics = draw(st.lists(st.sampled_from(_PLAIN_METRICS), min_size=1, max_size=4, unique=True))
    kwargs: dict[str, Any] = {
        "instance_id": draw(_id_text),
        "queues": draw(st.lists(_id_text, min_size=1, max_size=5, unique=True)),
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
def broken_get_current_metric_data_kwargs(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """``(kwargs, field)``: valid kwargs with exactly one of the model's member rules broken."""
    kwargs = draw(get_current_metric_data_model_kwargs())
    field, breaker = draw(st.sampled_from(_BREAKERS))
    return breaker(kwargs, draw), field


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
    period = draw(st.none() | st.sampled_from(sorted(catalogue.interval_ranges())))
    limit = catalogue.interval_ranges()[period or "TOTAL"]
    length = draw(st.integers(60, int(limit.total_seconds()) - 1))
    end = now - timedelta(seconds=draw(st.integers(0, 86_400)))
    by_name = catalogue.metric_catalogue()
    names = draw(st.lists(st.sampled_from(sorted(by_name)), min_size=1, max_size=5, unique=True))
    filters: dict[str, list[str]] = {
        draw(st.sampled_from(sorted(catalogue.authorizing_filter_keys()))): draw(
            st.lists(_id_text, min_size=1, max_size=20)
        )
    }
    for name in names:
        needed = by_name[name].required_filter_key
        if needed:
            filters[needed] = draw(st.lists(_id_text, min_size=1, max_size=20))
    others = sorted(catalogue.filter_keys() - set(filters))
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
            filters[key] = draw(st.lists(_id_text, min_size=1, max_size=20))
    common = set(catalogue.grouping_keys())
    for name in names:  # the groupings every chosen metric documents
        common &= by_name[name].groupings or catalogue.grouping_keys()
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
        "metrics": [_v2_metric(draw, by_name[name]) for name in names],
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
