"""GetMetricData to the letter: the time window, each metric's unit and statistic, thresholds.

From the 2021-10-29 API reference: StartTime and EndTime on 5-minute boundaries, EndTime later
than StartTime and less than 24 hours after it, StartTime no earlier than 24 hours before now;
each historical metric's one Unit and Statistic; SERVICE_LEVEL's Threshold (Comparison LT, a
whole number of seconds 1..604800), at most 20 of them. Filters, groupings (2021's QUEUE,
CHANNEL, ROUTING_PROFILE, INSTANCE) and MaxResults 1..100 as the botocore model limits them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any

import pytest

from connect_runtime import (
    ConnectRequestError,
    HistoricalMetric,
    get_current_metric_data_request,
    get_metric_data_request,
)
from connect_runtime.metrics import HISTORICAL_METRIC_UNITS
from connect_runtime.metrics.historical import get_metric_data_paginator_input
from tests.runtime.request_problems import Row, built_with_warnings, operation, problems

NOW = datetime(2021, 10, 29, 12, 3, tzinfo=UTC)
START = datetime(2021, 10, 29, 11, 0, tzinfo=UTC)
END = datetime(2021, 10, 29, 12, 0, tzinfo=UTC)
CURRENT_ONLINE = {"Name": "AGENTS_ONLINE", "Unit": "COUNT"}
HANDLED = {"Name": "CONTACTS_HANDLED", "Unit": "COUNT", "Statistic": "SUM"}
HISTORICAL = {
    "instance_id": "i",
    "start_time": START,
    "end_time": END,
    "metrics": [HistoricalMetric("CONTACTS_HANDLED")],
    "queues": ["q"],
    "now": NOW,
}
HISTORICAL_REQUEST = {
    "InstanceId": "i",
    "StartTime": START,
    "EndTime": END,
    "Filters": {"Queues": ["q"]},
    "HistoricalMetrics": [HANDLED],
}
BOUNDARY = "must be on a 5-minute boundary (such as 10:05:00)"
NAMES = "must be one of " + ", ".join(sorted(HISTORICAL_METRIC_UNITS))
GROUPINGS_2021 = "must be one of QUEUE, CHANNEL, ROUTING_PROFILE, INSTANCE"
THRESHOLD_RULE = "must be a whole number of seconds from 1 to 604800"


def level(value: object, **extra: object) -> dict[str, Any]:
    """A SERVICE_LEVEL metric in dict form with ``value`` as its threshold."""
    threshold = {"Comparison": "LT", "ThresholdValue": value, **extra}
    return {"Name": "SERVICE_LEVEL", "Unit": "PERCENT", "Statistic": "AVG", "Threshold": threshold}


def level_api(value: float) -> dict[str, Any]:
    threshold = {"Comparison": "LT", "ThresholdValue": value}
    return {"Name": "SERVICE_LEVEL", "Unit": "PERCENT", "Statistic": "AVG", "Threshold": threshold}


def historical(**given: Any) -> dict[str, Any]:
    return {**HISTORICAL, **given}


class _NoOffset(tzinfo):
    """A tzinfo that knows no offset: the datetime is as ambiguous as a naive one."""

    def utcoffset(self, dt: datetime | None) -> None:
        return None

    def dst(self, dt: datetime | None) -> None:
        return None

    def tzname(self, dt: datetime | None) -> None:
        return None


# --- valid requests -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "sent"),
    [
        ({}, {}),
        (  # exactly 24 hours before now is still allowed; 23:55 apart
            {
                "start_time": datetime(2021, 10, 28, 12, 5, tzinfo=UTC),
                "end_time": datetime(2021, 10, 29, 12, 0, tzinfo=UTC),
                "now": datetime(2021, 10, 29, 12, 5, tzinfo=UTC),
            },
            {
                "StartTime": datetime(2021, 10, 28, 12, 5, tzinfo=UTC),
                "EndTime": datetime(2021, 10, 29, 12, 0, tzinfo=UTC),
            },
        ),
        (
            {"end_time": START + timedelta(minutes=5)},
            {"EndTime": START + timedelta(minutes=5)},
        ),
        (
            {
                "queues": ["q1", "q2"],
                "routing_profiles": ["r"],
                "channels": ["VOICE", "CHAT", "TASK", "EMAIL"],
            },
            {
                "Filters": {
                    "Queues": ["q1", "q2"],
                    "RoutingProfiles": ["r"],
                    "Channels": ["VOICE", "CHAT", "TASK", "EMAIL"],
                }
            },
        ),
        ({"groupings": ("CHANNEL", "QUEUE")}, {"Groupings": ["CHANNEL", "QUEUE"]}),
        ({"groupings": ["ROUTING_PROFILE"]}, {"Groupings": ["ROUTING_PROFILE"]}),
        ({"groupings": []}, {"Groupings": []}),
        ({"next_token": "n", "max_results": 100}, {"NextToken": "n", "MaxResults": 100}),
        (
            {"metrics": [HANDLED, {"Name": "QUEUED_TIME", "Unit": "SECONDS", "Statistic": "MAX"}]},
            {
                "HistoricalMetrics": [
                    HANDLED,
                    {"Name": "QUEUED_TIME", "Unit": "SECONDS", "Statistic": "MAX"},
                ]
            },
        ),
        (
            {"metrics": [level(1), level(604_800.0)]},
            {"HistoricalMetrics": [level_api(1.0), level_api(604_800.0)]},
        ),
        (
            {"metrics": [HistoricalMetric.service_level(20)] * 20},
            {"HistoricalMetrics": [level_api(20.0)] * 20},
        ),
    ],
)
def test_historical_request_word_for_word(given: dict[str, Any], sent: dict[str, Any]) -> None:
    request: Any = get_metric_data_request(**historical(**given))
    assert request == {**HISTORICAL_REQUEST, **sent}
    assert request["StartTime"].tzinfo is UTC


def test_historical_request_in_another_zone_is_sent_in_utc() -> None:
    plus_two = timezone(timedelta(hours=2))
    request: Any = get_metric_data_request(
        **historical(start_time=START.astimezone(plus_two), end_time=END.astimezone(plus_two))
    )
    assert (request["StartTime"].tzinfo, request["EndTime"].tzinfo) == (UTC, UTC)
    assert list(request) == ["InstanceId", "StartTime", "EndTime", "Filters", "HistoricalMetrics"]


def test_historical_window_defaults_to_the_current_time() -> None:
    now = datetime.now(UTC)
    end = now.replace(minute=now.minute - now.minute % 5, second=0, microsecond=0)
    request = get_metric_data_request(
        **historical(now=None, start_time=end - timedelta(hours=1), end_time=end)
    )
    assert request["EndTime"] == end
    with pytest.raises(ConnectRequestError, match="no earlier than 24 hours before now"):
        get_metric_data_request(
            **historical(
                now=None,
                start_time=end - timedelta(hours=25),
                end_time=end - timedelta(hours=24, minutes=55),
            )
        )


@pytest.mark.parametrize(
    ("build", "kwargs"),
    [
        (get_metric_data_request, HISTORICAL),
        (
            get_current_metric_data_request,
            {"instance_id": "i", "queues": ["q"], "metrics": [CURRENT_ONLINE]},
        ),
    ],
)
def test_the_2021_instance_grouping_is_sent_with_a_warning(
    build: Callable[..., Any], kwargs: dict[str, Any]
) -> None:
    request, warned = built_with_warnings(build, **kwargs, groupings=["QUEUE", "INSTANCE"])
    assert (request["Groupings"], warned) == (["QUEUE", "INSTANCE"], ["Groupings[1]: INSTANCE"])


@pytest.mark.parametrize(
    ("paging", "config"),
    [({"max_results": 50, "next_token": "n"}, {"PaginationConfig": {"PageSize": 50}}), ({}, {})],
)
def test_paginator_input_moves_the_paging_out(
    paging: dict[str, Any], config: dict[str, Any]
) -> None:
    request = get_metric_data_request(**historical(groupings=["QUEUE"], **paging))
    assert get_metric_data_paginator_input(request) == {
        **HISTORICAL_REQUEST,
        "Groupings": ["QUEUE"],
        **config,
    }


# --- problems -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"instance_id": None}, [("InstanceId", None, "is required", "API doc")]),
        # the window
        (
            {"start_time": "11:00"},
            [("StartTime", "11:00", "must be a timezone-aware datetime", "API doc")],
        ),
        (
            {"end_time": END.replace(tzinfo=None)},
            [
                (
                    "EndTime",
                    END.replace(tzinfo=None),
                    "must be timezone-aware; naive datetimes are ambiguous",
                    "API doc",
                )
            ],
        ),
        (
            {"end_time": END.replace(tzinfo=_NoOffset())},
            [
                (
                    "EndTime",
                    END.replace(tzinfo=_NoOffset()),
                    "must be timezone-aware; naive datetimes are ambiguous",
                    "API doc",
                )
            ],
        ),
        (
            {"start_time": datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1)))},
            [
                (
                    "StartTime",
                    datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1))),
                    "must fall within the years 1..9999 in UTC",
                    "API doc",
                )
            ],
        ),
        (
            {"now": NOW.replace(tzinfo=None)},
            [
                (
                    "now",
                    NOW.replace(tzinfo=None),
                    "must be timezone-aware; naive datetimes are ambiguous",
                    "API doc",
                )
            ],
        ),
        (
            {"start_time": START.replace(minute=1)},
            [("StartTime", START.replace(minute=1), BOUNDARY, "API doc")],
        ),
        (
            {"start_time": START.replace(second=1)},
            [("StartTime", START.replace(second=1), BOUNDARY, "API doc")],
        ),
        (
            {"end_time": END.replace(microsecond=1)},
            [("EndTime", END.replace(microsecond=1), BOUNDARY, "API doc")],
        ),
        (  # an unreadable start: the end is still checked on its own
            {"start_time": None, "end_time": END.replace(minute=4)},
            [
                ("StartTime", None, "must be a timezone-aware datetime", "API doc"),
                ("EndTime", END.replace(minute=4), BOUNDARY, "API doc"),
            ],
        ),
        ({"end_time": START}, [("EndTime", START, "must be later than StartTime", "API doc")]),
        (
            {"end_time": START - timedelta(minutes=5)},
            [("EndTime", START - timedelta(minutes=5), "must be later than StartTime", "API doc")],
        ),
        (
            {
                "start_time": datetime(2021, 10, 28, 12, 5, tzinfo=UTC),
                "end_time": datetime(2021, 10, 29, 12, 5, tzinfo=UTC),
                "now": datetime(2021, 10, 29, 12, 5, tzinfo=UTC),
            },
            [
                (
                    "EndTime",
                    datetime(2021, 10, 29, 12, 5, tzinfo=UTC),
                    "must be less than 24 hours after StartTime",
                    "API doc",
                )
            ],
        ),
        (
            {
                "start_time": datetime(2021, 10, 28, 12, 0, tzinfo=UTC),
                "end_time": datetime(2021, 10, 28, 13, 0, tzinfo=UTC),
                "now": datetime(2021, 10, 29, 12, 0, 0, 1, tzinfo=UTC),
            },
            [
                (
                    "StartTime",
                    datetime(2021, 10, 28, 12, 0, tzinfo=UTC),
                    "must be no earlier than 24 hours before now"
                    " (2021-10-29T12:00:00.000001+00:00)",
                    "API doc",
                )
            ],
        ),
        # filters and groupings (2021)
        (
            {"queues": None},
            [("Filters", None, "must name queues, routing profiles or channels", "API doc")],
        ),
        (
            {"queues": ["q"] * 101},
            [("Filters.Queues", "<101 items>", "must name at most 100 items", "API doc")],
        ),
        (
            {"channels": ["FAX"]},
            [("Filters.Channels[0]", "FAX", "must be one of VOICE, CHAT, TASK, EMAIL", "API doc")],
        ),
        ({"groupings": "QUEUE"}, [("Groupings", "QUEUE", "must be a list", "API doc")]),
        (
            {"groupings": ["QUEUE", "CHANNEL", "INSTANCE"]},
            [
                (
                    "Groupings",
                    ["QUEUE", "CHANNEL", "INSTANCE"],
                    "must name at most 2 groupings",
                    "model",
                )
            ],
        ),
        (
            {"groupings": ["AGENT_STATUS", 3]},
            [
                ("Groupings[0]", "AGENT_STATUS", GROUPINGS_2021, "API doc"),
                ("Groupings[1]", 3, GROUPINGS_2021, "API doc"),
            ],
        ),
        ({"max_results": 0}, [("MaxResults", 0, "must be from 1 to 100", "model")]),
        ({"next_token": ""}, [("NextToken", "", "must not be empty", "API doc")]),
        # HistoricalMetrics
        ({"metrics": []}, [("HistoricalMetrics", [], "must name at least 1 metric", "API doc")]),
        (
            {"metrics": ["CONTACTS_HANDLED"]},
            [
                (
                    "HistoricalMetrics[0]",
                    "CONTACTS_HANDLED",
                    "must be a HistoricalMetric or a {'Name', 'Unit', 'Statistic'} dict",
                    "API doc",
                )
            ],
        ),
        (
            {"metrics": [{**HANDLED, "Extra": 1}]},
            [
                (
                    "HistoricalMetrics[0]",
                    {**HANDLED, "Extra": 1},
                    "unknown keys ['Extra']; expected Name, Unit, Statistic, Threshold",
                    "API doc",
                )
            ],
        ),
        (
            {"metrics": [{**HANDLED, "Name": "NOPE"}]},
            [("HistoricalMetrics[0].Name", "NOPE", NAMES, "API doc")],
        ),
        (
            {"metrics": [HANDLED, {"Unit": "COUNT"}]},
            [("HistoricalMetrics[1].Name", None, NAMES, "API doc")],
        ),
        (
            {"metrics": [{**HANDLED, "Unit": "SECONDS", "Statistic": "MAX"}]},
            [
                (
                    "HistoricalMetrics[0].Unit",
                    "SECONDS",
                    "CONTACTS_HANDLED takes Unit COUNT",
                    "API doc",
                ),
                (
                    "HistoricalMetrics[0].Statistic",
                    "MAX",
                    "CONTACTS_HANDLED takes Statistic SUM",
                    "API doc",
                ),
            ],
        ),
        (
            {"metrics": [{"Name": "QUEUED_TIME", "Unit": "SECONDS", "Statistic": "AVG"}]},
            [
                (
                    "HistoricalMetrics[0].Statistic",
                    "AVG",
                    "QUEUED_TIME takes Statistic MAX",
                    "API doc",
                )
            ],
        ),
        (
            {"metrics": [{**HANDLED, "Threshold": 20}]},
            [
                (
                    "HistoricalMetrics[0].Threshold",
                    20,
                    "only SERVICE_LEVEL takes a Threshold",
                    "API doc",
                )
            ],
        ),
        (
            {"metrics": [{**HANDLED, "Threshold": None}]},
            [
                (
                    "HistoricalMetrics[0].Threshold",
                    None,
                    "only SERVICE_LEVEL takes a Threshold",
                    "API doc",
                )
            ],
        ),
        (
            {"metrics": [{**level(20), "Unit": "COUNT"}]},
            [("HistoricalMetrics[0].Unit", "COUNT", "SERVICE_LEVEL takes Unit PERCENT", "API doc")],
        ),
        (
            {"metrics": [{**level(20), "Statistic": "SUM"}]},
            [
                (
                    "HistoricalMetrics[0].Statistic",
                    "SUM",
                    "SERVICE_LEVEL takes Statistic AVG",
                    "API doc",
                )
            ],
        ),
        (
            {"metrics": [{"Name": "SERVICE_LEVEL", "Unit": "PERCENT", "Statistic": "AVG"}]},
            [
                (
                    "HistoricalMetrics[0].Threshold",
                    None,
                    "SERVICE_LEVEL needs a Threshold dict with Comparison and ThresholdValue",
                    "API doc",
                )
            ],
        ),
        (
            {"metrics": [{**level(20), "Threshold": 20}]},
            [
                (
                    "HistoricalMetrics[0].Threshold",
                    20,
                    "SERVICE_LEVEL needs a Threshold dict with Comparison and ThresholdValue",
                    "API doc",
                )
            ],
        ),
        (
            {"metrics": [level(20, Extra=1)]},
            [
                (
                    "HistoricalMetrics[0].Threshold",
                    {"Comparison": "LT", "ThresholdValue": 20, "Extra": 1},
                    "unknown keys ['Extra']; expected Comparison and ThresholdValue",
                    "API doc",
                )
            ],
        ),
        (
            {"metrics": [level(20, Comparison="GT")]},
            [("HistoricalMetrics[0].Threshold.Comparison", "GT", "must be LT", "API doc")],
        ),
        (
            {"metrics": [level(0, Comparison=None)]},
            [
                ("HistoricalMetrics[0].Threshold.Comparison", None, "must be LT", "API doc"),
                ("HistoricalMetrics[0].Threshold.ThresholdValue", 0, THRESHOLD_RULE, "API doc"),
            ],
        ),
        (
            {"metrics": [level(604_801)]},
            [("HistoricalMetrics[0].Threshold.ThresholdValue", 604_801, THRESHOLD_RULE, "API doc")],
        ),
        (
            {"metrics": [level(20.5)]},
            [("HistoricalMetrics[0].Threshold.ThresholdValue", 20.5, THRESHOLD_RULE, "API doc")],
        ),
        (
            {"metrics": [HistoricalMetric.service_level(20)] * 21},
            [
                (
                    "HistoricalMetrics",
                    "<21 SERVICE_LEVEL metrics>",
                    "at most 20 SERVICE_LEVEL metrics per request",
                    "API doc",
                )
            ],
        ),
    ],
)
def test_historical_problems(given: dict[str, Any], expected: list[Row]) -> None:
    assert problems(get_metric_data_request, **historical(**given)) == expected


def test_historical_errors_name_the_operation() -> None:
    assert operation(get_metric_data_request, **historical(queues=[])) == "GetMetricData"


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        ({**level(20), "Unit": "COUNT"}, ("Unit", "COUNT", "SERVICE_LEVEL takes Unit PERCENT")),
        (
            {**level(20), "Statistic": "MAX"},
            ("Statistic", "MAX", "SERVICE_LEVEL takes Statistic AVG"),
        ),
        (level(20, Comparison="GT"), ("Threshold.Comparison", "GT", "must be LT")),
        (
            level(20, Extra=1),
            (
                "Threshold",
                {"Comparison": "LT", "ThresholdValue": 20, "Extra": 1},
                "unknown keys ['Extra']; expected Comparison and ThresholdValue",
            ),
        ),
    ],
)
def test_a_broken_service_level_is_not_counted_among_the_20(
    broken: dict[str, Any], expected: tuple[str, object, str]
) -> None:
    metrics = [HistoricalMetric.service_level(20)] * 20 + [broken]
    field, value, rule = expected
    assert problems(get_metric_data_request, **historical(metrics=metrics)) == [
        (f"HistoricalMetrics[20].{field}", value, rule, "API doc")
    ]


def test_only_the_dropped_2021_metrics_warn() -> None:
    dropped = {"Name": "CONTACTS_TRANSFERRED_IN_BY_AGENT", "Unit": "COUNT", "Statistic": "SUM"}
    request, warned = built_with_warnings(
        get_metric_data_request, **historical(metrics=[HANDLED, dropped])
    )
    assert request["HistoricalMetrics"] == [HANDLED, dropped]
    assert warned == ["HistoricalMetrics[].Name: CONTACTS_TRANSFERRED_IN_BY_AGENT"]
