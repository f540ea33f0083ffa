"""Hypothesis strategies for today's API surface: GetCurrentMetricData's newer members.

``*_kwargs`` draw arguments the builder accepts; ``broken_*`` draw ``(kwargs, field)``
pairs that break exactly one documented rule, ``field`` being the parameter path the error
must name. Needs ``hypothesis``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from connect_runtime import _model
from connect_runtime.metrics import CURRENT_METRIC_UNITS, CurrentMetric

__all__ = [
    "broken_current_metric_data_today_kwargs",
    "current_metric_data_today_kwargs",
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
