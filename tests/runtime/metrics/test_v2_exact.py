"""GetMetricDataV2 to the letter: the catalogue entries the Metrics documentation describes,
each refused request's exact problems (field, value, rule, source), every limit exactly at
its bound and one past it, the rows and the split of one query into requests.

The numbers come from botocore's model (min/max) and the doc strings of GetMetricDataV2's
input members, quoted next to the rows that use them.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from connect_runtime import _model
from connect_runtime.errors import ConnectRequestError, Problem
from connect_runtime.metrics import (
    MetricFilterV2,
    MetricRowV2,
    MetricSpecV2,
    MetricV2,
    RequestPart,
    get_metric_data_v2_request,
    metric_catalogue,
    rows_from_v2_response,
    split_v2_query,
)
from connect_runtime.metrics.v2 import months_before
from tests.runtime.metrics import v2_parts as v2

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
DAY_AGO = NOW - timedelta(days=1)
ARN = "arn:aws:connect:us-east-1:123456789012:instance/2f8c6a1e-4b7d-4e19-9c3a-5d0e8f7a6b21"
NAIVE = datetime(2026, 11, 25, 11, 0)
LEVELS = ("ONE", "TWO", "THREE", "FOUR", "FIVE")
# Filters doc: "A GetMetricDataV2 request requires at least one of these filters: ..."
AUTHORIZING = (
    "AGENT, AGENT_HIERARCHY_LEVEL_FIVE, AGENT_HIERARCHY_LEVEL_FOUR, AGENT_HIERARCHY_LEVEL_ONE,"
    " AGENT_HIERARCHY_LEVEL_THREE, AGENT_HIERARCHY_LEVEL_TWO, CAMPAIGN, EVALUATION_FORM,"
    " EVALUATOR_ID, QUEUE, ROUTING_PROFILE"
)
CACHED = (
    v2.filter_keys,
    v2.authorizing_filter_keys,
    v2.grouping_keys,
    v2.interval_ranges,
    v2.metric_catalogue,
    v2._generic_metric_filter_keys,
    v2._zones,
)


@pytest.fixture
def _catalogue_read_afresh() -> None:
    """The catalogue and key lists are parsed once per process (functools.cache); parse them
    again so that a test using this checks the parsing code, not a copy made before it began."""
    for cached in CACHED:
        cached.cache_clear()


def _request(**overrides: Any) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "resource_arn": ARN,
        "start_time": DAY_AGO,
        "end_time": NOW,
        "now": NOW,
        "filters": {"QUEUE": ["q-1"]},
        "metrics": ["CONTACTS_HANDLED"],
    }
    return dict(get_metric_data_v2_request(**{**kwargs, **overrides}))


def _problems(**overrides: Any) -> list[tuple[object, ...]]:
    with pytest.raises(ConnectRequestError) as caught:
        _request(**overrides)
    assert caught.value.operation == "GetMetricDataV2"
    return [
        (p.field, p.value, p.rule)
        if p.source == "API doc"
        else (p.field, p.value, p.rule, p.source)
        for p in caught.value.problems
    ]


def _doc_list(doc: str, after: str) -> set[str]:
    """The ``|``-separated keys of the paragraph after ``after``, read without the module."""
    start = doc.index(after) + len(after)
    paragraph = doc[start : doc.index("</p>", start)]
    return {key.strip() for key in re.sub(r"<[^>]+>", "", paragraph).split("|")}


# --- the catalogue and key lists ----------------------------------------------------------


@pytest.mark.usefixtures("_catalogue_read_afresh")
def test_the_key_lists_are_the_documented_ones() -> None:
    filters_doc = str(_model.shape_at("GetMetricDataV2", "Filters").documentation)
    groupings_doc = str(_model.shape_at("GetMetricDataV2", "Groupings").documentation)
    assert v2.filter_keys() == _doc_list(
        filters_doc, "valid filter keys for a <code>GetMetricDataV2</code> request:</p>"
    )
    assert v2.grouping_keys() == _doc_list(groupings_doc, "Valid grouping keys:")
    assert ", ".join(sorted(v2.authorizing_filter_keys())) == AUTHORIZING
    assert dict(v2.interval_ranges()) == {
        "FIFTEEN_MIN": timedelta(days=3),
        "THIRTY_MIN": timedelta(days=3),
        "HOUR": timedelta(days=3),
        "DAY": timedelta(days=35),
        "WEEK": timedelta(days=35),
        "TOTAL": timedelta(days=35),
    }


SERVICE_LEVEL = MetricSpecV2(
    name="SERVICE_LEVEL",
    unit="PERCENT",
    threshold_comparisons=frozenset({"LT", "LTE"}),
    threshold_range=(1, 604800),
    max_per_request=20,
    dimensions=("Queue", "Channel", "Routing Profile", "Q in Connect"),
)
# CONTACTS_ABANDONED's "Metric filter:" lists values only; the key comes from the
# MetricFilterKey doc: "Valid metric filter keys: ANSWERING_MACHINE_DETECTION_STATUS ...".
GENERIC_KEYS = frozenset(
    {
        "ANSWERING_MACHINE_DETECTION_STATUS",
        "CASE_STATUS",
        "DISCONNECT_REASON",
        "FLOWS_ACTION_IDENTIFIER",
        "FLOWS_NEXT_ACTION_IDENTIFIER",
        "FLOWS_OUTCOME_TYPE",
        "FLOWS_RESOURCE_TYPE",
        "INITIATION_METHOD",
    }
)
AGENT_DIMENSIONS = ("Queue", "Channel", "Routing Profile", "Agent", "Agent Hierarchy")


@pytest.mark.usefixtures("_catalogue_read_afresh")
@pytest.mark.parametrize(
    "expected",
    [
        SERVICE_LEVEL,
        MetricSpecV2(
            name="CONTACTS_HANDLED",
            unit="COUNT",
            metric_filter_keys=frozenset({"INITIATION_METHOD", "DISCONNECT_REASON"}),
            dimensions=(
                *AGENT_DIMENSIONS,
                "Feature",
                "contact/segmentAttributes/connect:Subtype",
                "RoutingStepExpression",
                "Q in Connect",
            ),
        ),
        MetricSpecV2(
            name="AVG_AGENT_CONNECTING_TIME",
            unit="SECONDS",
            metric_filter_keys=frozenset({"INITIATION_METHOD"}),
            negate=False,  # "The Negate key in metric-level filters is not applicable"
            dimensions=AGENT_DIMENSIONS,
        ),
        MetricSpecV2(
            name="CASES_CREATED",
            unit="COUNT",
            required_filter_key="CASE_TEMPLATE_ARN",
            dimensions=("CASE_TEMPLATE_ARN", "CASE_STATUS"),
        ),
        MetricSpecV2(
            name="CAMPAIGN_CONTACTS_ABANDONED_AFTER_X",
            unit="COUNT",
            threshold_comparisons=frozenset({"GT"}),
            threshold_range=(1, 604800),
            dimensions=("Agent", "Campaign"),
        ),
        MetricSpecV2(  # "Unit: Percentage"
            name="AGENT_OCCUPANCY",
            unit="PERCENT",
            dimensions=("Routing Profile", "Agent", "Agent Hierarchy"),
        ),
        MetricSpecV2(  # "Valid metric filter key: CAMPAIGN_INTERACTION_EVENT_TYPE" (no <code>)
            name="CAMPAIGN_INTERACTIONS",
            unit="COUNT",
            metric_filter_keys=frozenset({"CAMPAIGN_INTERACTION_EVENT_TYPE"}),
            dimensions=(
                "Browser Name",
                "Campaign",
                "Channel",
                "contact/segmentAttributes/connect:Subtype",
                "Device Model",
                "Device Type",
                "Web Notification Type",
            ),
        ),
        MetricSpecV2(
            name="CONTACTS_ABANDONED",
            unit="COUNT",
            metric_filter_keys=GENERIC_KEYS,
            dimensions=(
                *AGENT_DIMENSIONS,
                "contact/segmentAttributes/connect:Subtype",
                "RoutingStepExpression",
                "Q in Connect",
            ),
        ),
    ],
    ids=lambda spec: spec.name,
)
def test_catalogue_entries_read_as_documented(expected: MetricSpecV2) -> None:
    assert metric_catalogue()[expected.name] == expected


@pytest.mark.usefixtures("_catalogue_read_afresh")
def test_labels_set_in_bold_are_read_without_their_spaces() -> None:
    # EVALUATED_CSAT_PERCENT: "..., Initiation Method, <b>Lifetime Value</b>, Proficiency, ..."
    labels = metric_catalogue()["EVALUATED_CSAT_PERCENT"].dimensions
    assert labels[36:39] == ("Initiation Method", "Lifetime Value", "Proficiency")
    assert "Repeat Caller" in labels
    assert all(label == label.strip() and label for label in labels)


@pytest.mark.usefixtures("_catalogue_read_afresh")
@pytest.mark.parametrize(
    ("name", "groupings"),
    [
        ("SERVICE_LEVEL", {"QUEUE", "CHANNEL", "ROUTING_PROFILE", "Q_CONNECT_ENABLED"}),
        (
            "AGENT_OCCUPANCY",
            {"ROUTING_PROFILE", "AGENT"} | {f"AGENT_HIERARCHY_LEVEL_{n}" for n in LEVELS},
        ),
        # CASE_TEMPLATE_ARN is a key already; "RoutingStepExpression" and "Subtype" are aliases.
        ("CASES_CREATED", {"CASE_TEMPLATE_ARN", "CASE_STATUS"}),
        (
            "CONTACTS_HANDLED",
            {"QUEUE", "CHANNEL", "ROUTING_PROFILE", "AGENT", "Q_CONNECT_ENABLED"}
            | {f"AGENT_HIERARCHY_LEVEL_{n}" for n in LEVELS}
            | {"contact/segmentAttributes/connect:Subtype", "ROUTING_STEP_EXPRESSION"},
        ),
        ("EVALUATED_CSAT_PERCENT", None),  # "Contact Category" names no documented key
    ],
)
def test_groupings_are_the_keys_the_labels_name(name: str, groupings: set[str] | None) -> None:
    expected = None if groupings is None else frozenset(groupings)
    assert metric_catalogue()[name].groupings == expected


@pytest.mark.usefixtures("_catalogue_read_afresh")
def test_a_metric_without_labels_takes_any_grouping() -> None:
    assert MetricSpecV2("X", "COUNT").groupings is None
    assert MetricSpecV2("X", "COUNT", dimensions=("Queue", "Nowhere")).groupings is None
    # "Feature" is a filter key but no grouping key: it names a key, and groups by none.
    assert MetricSpecV2("X", "COUNT", dimensions=("Feature",)).groupings == frozenset()
    assert MetricSpecV2("X", "COUNT", dimensions=("Evaluator",)).groupings == frozenset(
        {"EVALUATOR_ID"}
    )


def test_a_metric_whose_labels_name_no_known_key_is_sent_with_any_grouping() -> None:
    # EVALUATED_CSAT_PERCENT's labels include "AI Agent ID", which names no grouping key:
    # the documentation is not read as a limit, so the request goes out as given.
    assert metric_catalogue()["EVALUATED_CSAT_PERCENT"].groupings is None
    request = _request(metrics=["EVALUATED_CSAT_PERCENT"], groupings=["QUEUE", "AGENT"])
    assert request["Groupings"] == ["QUEUE", "AGENT"]
    assert request["Metrics"] == [{"Name": "EVALUATED_CSAT_PERCENT"}]


@pytest.mark.usefixtures("_catalogue_read_afresh")
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "<p>Threshold: For <code>ThresholdValue</code>, enter any whole number from 1,000 to"
            " 1,209,600 (inclusive). For <code>Comparison</code>, use <code>LT</code>.</p>",
            MetricSpecV2(
                "X",
                "COUNT",
                threshold_comparisons=frozenset({"LT"}),
                threshold_range=(1000, 1209600),
            ),
            id="no-unit-is-a-count-and-numbers-keep-their-digits",
        ),
        pytest.param(
            "<p>Unit: Seconds</p><p>Threshold: use <code>GT</code>.</p>",
            MetricSpecV2("X", "SECONDS", threshold_comparisons=frozenset({"GT"})),
            id="threshold-without-a-range",
        ),
        pytest.param(
            "<p>Unit: Count</p><p>Required filter key: CASE_TEMPLATE_ARN</p>"
            "<p>Valid groupings and filters: Queue,\n Channel</p>",
            MetricSpecV2(
                "X",
                "COUNT",
                required_filter_key="CASE_TEMPLATE_ARN",
                dimensions=("Queue", "Channel"),
            ),
            id="required-key-and-labels-over-two-lines",
        ),
        pytest.param(
            "<p>Unit: Count</p><p>Metric filter: </p>"
            "<ul><li>Valid values: <code>API</code></li></ul>",
            MetricSpecV2("X", "COUNT", metric_filter_keys=GENERIC_KEYS),
            id="metric-filter-values-only",
        ),
        pytest.param(
            "<p>Unit: Count</p><p>Valid metric filter keys: <code>INITIATION_METHOD</code>."
            " For now, only <code>API</code></p><note>The <code>Negate</code> key in metric-level"
            " filters is not applicable for this metric.</note>",
            MetricSpecV2(
                "X", "COUNT", metric_filter_keys=frozenset({"INITIATION_METHOD"}), negate=False
            ),
            id="metric-filter-key-then-values",
        ),
    ],
)
def test_the_parser_reads_each_documented_fact(body: str, expected: MetricSpecV2) -> None:
    assert v2._spec("X", body) == expected


# --- the builder: each refusal word for word ----------------------------------------------

QUEUES = [f"q{i}" for i in range(250)]
LONG_KEY = "K" * 61
INSTANCE_ARN = "must be an instance ARN (arn:aws:connect:REGION:ACCOUNT:instance/ID)"
METRIC_SHAPE = "must be a MetricV2, a metric name or a {'Name', 'Threshold', 'MetricFilters'} dict"
MODEL = "model"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"resource_arn": 5}, [("ResourceArn", 5, "must be a string, not int")]),
        ({"resource_arn": "a"}, [("ResourceArn", "a", INSTANCE_ARN)]),
        ({"resource_arn": ""}, [("ResourceArn", "", "must be at least 1 characters long", MODEL)]),
        (
            {"resource_arn": ARN + "/queue/q-1"},
            [
                (
                    "ResourceArn",
                    ARN + "/queue/q-1",
                    INSTANCE_ARN,
                )
            ],
        ),
        ({"now": NAIVE}, [("now", NAIVE, "must be a timezone-aware datetime")]),
        (
            {"start_time": "yesterday", "end_time": NAIVE},
            [
                ("StartTime", "yesterday", "must be a timezone-aware datetime"),
                ("EndTime", NAIVE, "must be a timezone-aware datetime"),
            ],
        ),
        (
            {"start_time": datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1)))},
            [
                (
                    "StartTime",
                    datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1))),
                    "must fall within the years 1..9999 in UTC",
                )
            ],
        ),
        ({"start_time": NOW}, [("EndTime", NOW, "must be later than StartTime")]),
        (
            {"start_time": NOW - timedelta(days=3), "interval_period": "HOUR"},
            [
                (
                    "EndTime",
                    NOW,
                    "with IntervalPeriod HOUR, must be less than 3 days after StartTime",
                )
            ],
        ),
        (
            {"start_time": NOW - timedelta(days=35)},
            [
                (
                    "EndTime",
                    NOW,
                    "with IntervalPeriod TOTAL, must be less than 35 days after StartTime",
                )
            ],
        ),
        (
            {"start_time": NOW, "end_time": NOW + timedelta(seconds=1)},
            [
                (
                    "EndTime",
                    NOW + timedelta(seconds=1),
                    "must not be later than now (2026-11-25T12:00:00+00:00)",
                )
            ],
        ),
        (
            {
                "start_time": datetime(2026, 8, 25, 11, 59, 59, tzinfo=UTC),
                "end_time": datetime(2026, 8, 26, tzinfo=UTC),
            },
            [
                (
                    "StartTime",
                    datetime(2026, 8, 25, 11, 59, 59, tzinfo=UTC),
                    "must be within the 3 months kept (not before 2026-08-25T12:00:00+00:00)",
                )
            ],
        ),
        (
            {"interval_period": "MINUTE"},
            [
                (
                    "Interval.IntervalPeriod",
                    "MINUTE",
                    "must be one of DAY, FIFTEEN_MIN, HOUR, THIRTY_MIN, TOTAL, WEEK",
                    MODEL,
                )
            ],
        ),
        (
            {"interval_period": 5, "time_zone": "Mars/Olympus"},
            [
                (
                    "Interval.IntervalPeriod",
                    5,
                    "must be one of DAY, FIFTEEN_MIN, HOUR, THIRTY_MIN, TOTAL, WEEK",
                    MODEL,
                ),
                (
                    "Interval.TimeZone",
                    "Mars/Olympus",
                    "must be an IANA time zone name, such as Europe/London",
                ),
            ],
        ),
        (
            {"time_zone": 0},
            [("Interval.TimeZone", 0, "must be an IANA time zone name, such as Europe/London")],
        ),
        (
            {"filters": ["QUEUE"]},
            [("Filters", ["QUEUE"], "must be a mapping of filter key to values")],
        ),
        (
            {"filters": {}},
            [
                ("Filters", "<0 keys>", "must name 1 to 5 filter keys", MODEL),
                ("Filters", [], f"needs at least one authorizing key: {AUTHORIZING}"),
            ],
        ),
        (
            {
                "filters": {
                    k: ["x"] for k in ("QUEUE", "AGENT", "CHANNEL", "FEATURE", "CAMPAIGN", "BOT_ID")
                }
            },
            [("Filters", "<6 keys>", "must name 1 to 5 filter keys", MODEL)],
        ),
        (
            {
                "filters": {
                    "QUEUE": ["q"],
                    "TEAM": ["t"],
                    LONG_KEY: ["x"],
                    7: ["x"],
                    "K" * 60: ["x"],
                }
            },
            [
                (
                    "Filters['TEAM']",
                    "TEAM",
                    "must be a filter key the GetMetricDataV2 documentation lists",
                ),
                (
                    "Filters[<key>]",
                    LONG_KEY,
                    "must be a filter key the GetMetricDataV2 documentation lists",
                ),
                (
                    "Filters[<key>]",
                    7,
                    "must be a filter key the GetMetricDataV2 documentation lists",
                ),
                (
                    f"Filters[{'K' * 60!r}]",
                    "K" * 60,
                    "must be a filter key the GetMetricDataV2 documentation lists",
                ),
            ],
        ),
        (
            {"filters": {"CHANNEL": ["VOICE"], "FEATURE": ["x"]}},
            [
                (
                    "Filters",
                    ["CHANNEL", "FEATURE"],
                    f"needs at least one authorizing key: {AUTHORIZING}",
                )
            ],
        ),
        (
            {"filters": {"QUEUE": "q-1", "AGENT": []}},
            [
                ("Filters['QUEUE']", "q-1", "must be a list"),
                ("Filters['AGENT']", "<0 values>", "must name 1 to 100 values", MODEL),
            ],
        ),
        (
            {"filters": {"QUEUE": ["q"] * 101}},
            [("Filters['QUEUE']", "<101 values>", "must name 1 to 100 values", MODEL)],
        ),
        (
            {"filters": {"QUEUE": ["", 5, "q" * 251, "q" * 250]}},
            [
                ("Filters['QUEUE'][0]", "", "must be at least 1 characters long", MODEL),
                ("Filters['QUEUE'][1]", 5, "must be a string, not int"),
                ("Filters['QUEUE'][2]", "q" * 251, "must be at most 250 characters long", MODEL),
            ],
        ),
        (
            {
                "filters": {
                    "QUEUE": [f"q{i}" for i in range(60)],
                    "AGENT": [f"a{i}" for i in range(41)],
                }
            },
            [
                (
                    "Filters",
                    "<101 values>",
                    "at most 100 filter values across all keys (CHANNEL not counted)",
                )
            ],
        ),
        (
            # a key whose values are refused is not counted towards the 100 as well
            {"filters": {"QUEUE": ["", *QUEUES[:99]], "AGENT": ["a", "b"]}},
            [("Filters['QUEUE'][0]", "", "must be at least 1 characters long", MODEL)],
        ),
        ({"groupings": "QUEUE"}, [("Groupings", "QUEUE", "must be a list")]),
        (
            {"groupings": ["QUEUE", "CHANNEL", "AGENT", "ROUTING_PROFILE", "FEATURE"]},
            [
                (
                    "Groupings",
                    ["QUEUE", "CHANNEL", "AGENT", "ROUTING_PROFILE", "FEATURE"],
                    "must name at most 4 groupings",
                    MODEL,
                ),
                (
                    "Groupings[4]",
                    "FEATURE",
                    "must be a grouping key the GetMetricDataV2 documentation lists",
                ),
            ],
        ),
        (
            {"groupings": ["QUEUE", "QUEUE"]},
            [("Groupings", ["QUEUE", "QUEUE"], "must not name a grouping twice")],
        ),
        (
            {"groupings": [5]},
            [("Groupings[0]", 5, "must be a grouping key the GetMetricDataV2 documentation lists")],
        ),
        ({"metrics": "CONTACTS_HANDLED"}, [("Metrics", "CONTACTS_HANDLED", "must be a list")]),
        ({"metrics": []}, [("Metrics", [], "must name at least 1 metric")]),
        (
            {"metrics": [5, {"Name": "CONTACTS_HANDLED", "Extra": 1}, "NOPE", {"Name": ["X"]}]},
            [
                (
                    "Metrics[0]",
                    5,
                    METRIC_SHAPE,
                ),
                (
                    "Metrics[1]",
                    {"Name": "CONTACTS_HANDLED", "Extra": 1},
                    METRIC_SHAPE,
                ),
                (
                    "Metrics[2].Name",
                    "NOPE",
                    "must be a metric the GetMetricDataV2 documentation lists",
                ),
                (
                    "Metrics[3].Name",
                    ["X"],
                    "must be a metric the GetMetricDataV2 documentation lists",
                ),
            ],
        ),
        (
            {"metrics": [MetricV2("SERVICE_LEVEL", threshold=60)] * 21},
            [
                (
                    "Metrics",
                    "<21 SERVICE_LEVEL metrics>",
                    "at most 20 SERVICE_LEVEL metrics per request",
                )
            ],
        ),
        (
            {
                "metrics": [MetricV2("SERVICE_LEVEL", threshold=60)],
                "groupings": ["QUEUE", "AGENT", "BOT_ID"],
            },
            [
                (
                    "Groupings",
                    ["AGENT", "BOT_ID"],
                    "SERVICE_LEVEL cannot be grouped by AGENT, BOT_ID",
                )
            ],
        ),
        (
            {"metrics": ["CASES_CREATED"], "filters": {"QUEUE": ["q"], "CASE_STATUS": ["OPEN"]}},
            [
                (
                    "Filters",
                    ["CASE_STATUS", "QUEUE"],
                    "CASES_CREATED needs a CASE_TEMPLATE_ARN filter",
                )
            ],
        ),
        (
            # a broken metric is reported once: not counted, grouped or filter-checked as well
            {"metrics": [MetricV2("CASES_CREATED", threshold=60)], "groupings": ["AGENT"]},
            [
                (
                    "Metrics[0].Threshold",
                    [{"Comparison": "LT", "ThresholdValue": 60.0}],
                    "CASES_CREATED takes no Threshold",
                )
            ],
        ),
        (
            {"metrics": ["SERVICE_LEVEL"], "groupings": ["AGENT"]},
            [
                (
                    "Metrics[0].Threshold",
                    None,
                    "SERVICE_LEVEL needs exactly one {'Comparison', 'ThresholdValue'}",
                )
            ],
        ),
    ],
)
def test_each_refusal_word_for_word(
    overrides: dict[str, Any], expected: list[tuple[object, ...]]
) -> None:
    assert _problems(**overrides) == expected


def _threshold(comparison: object = "LT", value: object = 60, **extra: object) -> dict[str, Any]:
    return {
        "Name": "SERVICE_LEVEL",
        "Threshold": [{"Comparison": comparison, "ThresholdValue": value, **extra}],
    }


WHOLE_SECONDS = "must be a whole number of seconds from 1 to 604800"
TH = "Metrics[0].Threshold"


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        (
            {"Name": "SERVICE_LEVEL", "Threshold": []},
            [(TH, [], "SERVICE_LEVEL needs exactly one {'Comparison', 'ThresholdValue'}")],
        ),
        (
            {"Name": "SERVICE_LEVEL", "Threshold": "LT 60"},
            [
                (TH, "LT 60", "must be a list"),
                (TH, "LT 60", "SERVICE_LEVEL needs exactly one {'Comparison', 'ThresholdValue'}"),
            ],
        ),
        (
            {"Name": "SERVICE_LEVEL", "Threshold": [_threshold()["Threshold"][0]] * 2},
            [
                (
                    TH,
                    [_threshold()["Threshold"][0]] * 2,
                    "SERVICE_LEVEL needs exactly one {'Comparison', 'ThresholdValue'}",
                )
            ],
        ),
        (
            {"Name": "SERVICE_LEVEL", "Threshold": [60]},
            [(TH, [60], "SERVICE_LEVEL needs exactly one {'Comparison', 'ThresholdValue'}")],
        ),
        (
            _threshold("GT", 0, Unit="s"),
            [
                (
                    f"{TH}[0]",
                    {"Comparison": "GT", "ThresholdValue": 0, "Unit": "s"},
                    "unknown keys; expected Comparison and ThresholdValue",
                ),
                (f"{TH}[0].Comparison", "GT", "SERVICE_LEVEL takes LT or LTE"),
                (f"{TH}[0].ThresholdValue", 0, WHOLE_SECONDS),
            ],
        ),
        (
            {**_threshold("LT"), "Name": "CAMPAIGN_CONTACTS_ABANDONED_AFTER_X"},
            [(f"{TH}[0].Comparison", "LT", "CAMPAIGN_CONTACTS_ABANDONED_AFTER_X takes GT")],
        ),
        (_threshold(None), [(f"{TH}[0].Comparison", None, "SERVICE_LEVEL takes LT or LTE")]),
        (_threshold(value=604801), [(f"{TH}[0].ThresholdValue", 604801, WHOLE_SECONDS)]),
        (_threshold(value=59.5), [(f"{TH}[0].ThresholdValue", 59.5, WHOLE_SECONDS)]),
        (_threshold(value=True), [(f"{TH}[0].ThresholdValue", True, WHOLE_SECONDS)]),
        (_threshold(value="60"), [(f"{TH}[0].ThresholdValue", "60", WHOLE_SECONDS)]),
        (
            _threshold(value=float("inf")),
            [(f"{TH}[0].ThresholdValue", float("inf"), WHOLE_SECONDS)],
        ),
    ],
)
def test_threshold_refusals_word_for_word(
    metric: dict[str, Any], expected: list[tuple[object, ...]]
) -> None:
    # A broken metric is reported once: not grouping-checked as well (none takes BOT_ID).
    assert _problems(metrics=[metric], groupings=["BOT_ID"]) == expected


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        (_threshold("LT", 1), {"Comparison": "LT", "ThresholdValue": 1.0}),
        (_threshold("LTE", 604800), {"Comparison": "LTE", "ThresholdValue": 604800.0}),
        (_threshold("LT", 60.0), {"Comparison": "LT", "ThresholdValue": 60.0}),
        (
            {**_threshold("GT", 30), "Name": "CAMPAIGN_CONTACTS_ABANDONED_AFTER_X"},
            {"Comparison": "GT", "ThresholdValue": 30.0},
        ),
    ],
)
def test_thresholds_at_the_bounds_are_sent_as_floats(
    metric: dict[str, Any], expected: dict[str, Any]
) -> None:
    (built,) = _request(metrics=[metric])["Metrics"]
    assert built == {"Name": metric["Name"], "Threshold": [expected]}
    assert type(built["Threshold"][0]["ThresholdValue"]) is float


@pytest.mark.parametrize(
    ("threshold_range", "value", "rules"),
    [
        ((5, 10), 5, []),
        ((5, 10), 10, []),
        ((5, 10), 4, ["must be a whole number of seconds from 5 to 10"]),
        ((5, 10), 11, ["must be a whole number of seconds from 5 to 10"]),
        (None, 604800, []),  # a metric documenting no range gets SERVICE_LEVEL's
        (None, 604801, [WHOLE_SECONDS]),
    ],
)
def test_a_threshold_is_held_to_its_metrics_own_range(
    threshold_range: tuple[int, int] | None, value: int, rules: list[str]
) -> None:
    spec = MetricSpecV2("X", "COUNT", frozenset({"LT"}), threshold_range)
    check = v2._Problems()
    v2._threshold(check, "M", spec, [{"Comparison": "LT", "ThresholdValue": value}])
    assert [problem.rule for problem in check.found] == rules


MF = "Metrics[0].MetricFilters"
HANDLED_KEYS = "CONTACTS_HANDLED takes metric filter keys DISCONNECT_REASON, INITIATION_METHOD"


def _filtered(*filters: object, name: str = "CONTACTS_HANDLED") -> dict[str, Any]:
    return {"Name": name, "MetricFilters": list(filters)}


def _mf(key: object = "INITIATION_METHOD", values: object = ("INBOUND",), **extra: object) -> Any:
    values = list(values) if isinstance(values, tuple) else values
    return {"MetricFilterKey": key, "MetricFilterValues": values, **extra}


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        (
            {"Name": "CONTACTS_HANDLED", "MetricFilters": "INBOUND"},
            [(MF, "INBOUND", "must be a list")],
        ),
        (
            _filtered(_mf(), name="SERVICE_LEVEL") | {"Threshold": _threshold()["Threshold"]},
            [(MF, [_mf()], "SERVICE_LEVEL takes no metric filters")],
        ),
        (_filtered(), [(MF, "<0 filters>", "must hold 1 to 2 metric filters", MODEL)]),
        (
            _filtered(_mf(), _mf(), _mf()),
            [(MF, "<3 filters>", "must hold 1 to 2 metric filters", MODEL)],
        ),
        (
            _filtered(5, _mf(Extra=1)),
            [
                (
                    f"{MF}[0]",
                    5,
                    "must be a MetricFilterV2 or a"
                    " {'MetricFilterKey', 'MetricFilterValues', 'Negate'} dict",
                ),
                (
                    f"{MF}[1]",
                    _mf(Extra=1),
                    "must be a MetricFilterV2 or a"
                    " {'MetricFilterKey', 'MetricFilterValues', 'Negate'} dict",
                ),
            ],
        ),
        (
            _filtered(_mf("QUEUE", Negate="yes")),
            [
                (f"{MF}[0].MetricFilterKey", "QUEUE", HANDLED_KEYS),
                (f"{MF}[0].Negate", "yes", "must be true or false"),
            ],
        ),
        (
            _filtered(_mf(Negate=True), name="AVG_AGENT_CONNECTING_TIME"),
            [(f"{MF}[0].Negate", True, "Negate is not applicable for AVG_AGENT_CONNECTING_TIME")],
        ),
        (
            _filtered(_mf(values="INBOUND"), _mf(values=[])),
            [
                (f"{MF}[0].MetricFilterValues", "INBOUND", "must be a list"),
                (f"{MF}[1].MetricFilterValues", "<0 values>", "must hold 1 to 10 values", MODEL),
            ],
        ),
        (
            _filtered(_mf(values=["v"] * 11)),
            [(f"{MF}[0].MetricFilterValues", "<11 values>", "must hold 1 to 10 values", MODEL)],
        ),
        (
            _filtered(_mf(values=["INBOUND", ""]), _mf(values=[5])),
            [
                (
                    f"{MF}[0].MetricFilterValues",
                    ["INBOUND", ""],
                    "values must be non-empty strings",
                ),
                (f"{MF}[1].MetricFilterValues", [5], "values must be non-empty strings"),
            ],
        ),
        (
            # the metric filters are checked even when the threshold is missing
            _filtered(_mf(), name="SERVICE_LEVEL"),
            [
                (TH, None, "SERVICE_LEVEL needs exactly one {'Comparison', 'ThresholdValue'}"),
                (MF, [_mf()], "SERVICE_LEVEL takes no metric filters"),
            ],
        ),
    ],
)
def test_metric_filter_refusals_word_for_word(
    metric: dict[str, Any], expected: list[tuple[object, ...]]
) -> None:
    assert _problems(metrics=[metric], groupings=["BOT_ID"]) == expected


def test_metric_filters_at_the_bounds_are_built() -> None:
    ten = [f"v{i}" for i in range(10)]
    metrics = [
        _filtered(_mf(values=["INBOUND"]), _mf("DISCONNECT_REASON", ten, Negate=True)),
        {
            "Name": "AVG_AGENT_CONNECTING_TIME",
            "MetricFilters": [MetricFilterV2("INITIATION_METHOD", ("API",))],
        },
    ]
    assert _request(metrics=metrics)["Metrics"] == [
        {
            "Name": "CONTACTS_HANDLED",
            "MetricFilters": [
                {
                    "MetricFilterKey": "INITIATION_METHOD",
                    "MetricFilterValues": ["INBOUND"],
                    "Negate": False,
                },
                {"MetricFilterKey": "DISCONNECT_REASON", "MetricFilterValues": ten, "Negate": True},
            ],
        },
        {
            "Name": "AVG_AGENT_CONNECTING_TIME",
            "MetricFilters": [
                {
                    "MetricFilterKey": "INITIATION_METHOD",
                    "MetricFilterValues": ["API"],
                    "Negate": False,
                }
            ],
        },
    ]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"next_token": ""}, [("NextToken", "", "must be at least 1 characters long", MODEL)]),
        (
            {"next_token": "t" * 2501},
            [("NextToken", "t" * 2501, "must be at most 2500 characters long", MODEL)],
        ),
        ({"next_token": 5}, [("NextToken", 5, "must be a string, not int")]),
        ({"max_results": 0}, [("MaxResults", 0, "must be an integer from 1 to 100", MODEL)]),
        ({"max_results": 101}, [("MaxResults", 101, "must be an integer from 1 to 100", MODEL)]),
        ({"max_results": True}, [("MaxResults", True, "must be an integer from 1 to 100", MODEL)]),
        ({"max_results": "5"}, [("MaxResults", "5", "must be an integer from 1 to 100", MODEL)]),
    ],
)
def test_paging_refusals_word_for_word(
    overrides: dict[str, Any], expected: list[tuple[object, ...]]
) -> None:
    assert _problems(**overrides) == expected


# --- the builder: what it accepts, at each bound ------------------------------------------


def test_a_full_request_at_every_upper_bound() -> None:
    start = NOW - timedelta(days=3) + timedelta(seconds=1)
    filters = {
        "QUEUE": [f"q{i}" for i in range(49)],
        "AGENT": [f"a{i}" for i in range(35)],
        "ROUTING_PROFILE": [f"r{i}" for i in range(15)],
        "CHANNEL": ["VOICE", "CHAT", "TASK", "EMAIL"],
        "FEATURE": ["contact_lens_conversational_analytics"],
    }  # the Filters doc's example (50 queues, 35 agents, 15 routing profiles, 4 channels) less
    # one queue, for a fifth key
    request = _request(
        start_time=start,
        filters=filters,
        groupings=("QUEUE", "CHANNEL", "Q_CONNECT_ENABLED", "ROUTING_PROFILE"),
        interval_period="FIFTEEN_MIN",
        time_zone="Europe/London",
        next_token="t" * 2500,
        max_results=100,
        metrics=iter([MetricV2("SERVICE_LEVEL", threshold=60)] * 20),
    )
    assert request == {
        "ResourceArn": ARN,
        "StartTime": start,
        "EndTime": NOW,
        "Interval": {"IntervalPeriod": "FIFTEEN_MIN", "TimeZone": "Europe/London"},
        "Filters": [{"FilterKey": k, "FilterValues": v} for k, v in filters.items()],
        "Groupings": ["QUEUE", "CHANNEL", "Q_CONNECT_ENABLED", "ROUTING_PROFILE"],
        "Metrics": [
            {"Name": "SERVICE_LEVEL", "Threshold": [{"Comparison": "LT", "ThresholdValue": 60.0}]}
        ]
        * 20,
        "NextToken": "t" * 2500,
        "MaxResults": 100,
    }


def test_a_minimal_request_sends_only_what_was_given() -> None:
    start = datetime(2026, 11, 24, 13, 0, tzinfo=timezone(timedelta(hours=1)))
    assert _request(start_time=start, groupings=[], max_results=1, next_token="t") == {
        "ResourceArn": ARN,
        "StartTime": datetime(2026, 11, 24, 12, 0, tzinfo=UTC),
        "EndTime": NOW,
        "Filters": [{"FilterKey": "QUEUE", "FilterValues": ["q-1"]}],
        "Metrics": [{"Name": "CONTACTS_HANDLED"}],
        "NextToken": "t",
        "MaxResults": 1,
    }
    assert _request(start_time=start)["StartTime"].tzinfo is UTC
    assert _request(time_zone="UTC")["Interval"] == {"TimeZone": "UTC"}
    assert "Interval" not in _request(time_zone=None, interval_period=None)


@pytest.mark.parametrize(
    ("period", "days"), [("HOUR", 3), ("THIRTY_MIN", 3), ("DAY", 35), ("WEEK", 35), (None, 35)]
)
def test_a_range_one_second_under_the_limit_is_accepted(period: str | None, days: int) -> None:
    start = NOW - timedelta(days=days) + timedelta(seconds=1)
    request = _request(start_time=start, interval_period=period)
    assert request["EndTime"] - request["StartTime"] == timedelta(days=days, seconds=-1)


@pytest.mark.parametrize(
    "arn",
    [
        ARN,
        "arn:aws-us-gov:connect:us-gov-west-1:123456789012:instance/i-1",
        "arn:aws-cn:connect:cn-north-1:123456789012:instance/" + "a" * 100,
    ],
)
def test_instance_arns_of_every_partition_are_accepted(arn: str) -> None:
    assert _request(resource_arn=arn)["ResourceArn"] == arn


def test_the_start_exactly_three_months_back_is_accepted() -> None:
    start = datetime(2026, 8, 25, 12, 0, tzinfo=UTC)
    assert _request(start_time=start, end_time=start + timedelta(days=1))["StartTime"] == start


def test_the_clock_defaults_to_now() -> None:
    end = datetime.now(UTC) - timedelta(minutes=1)
    request = _request(now=None, start_time=end - timedelta(hours=1), end_time=end)
    assert request["EndTime"] == end
    with pytest.raises(ConnectRequestError, match="EndTime: must not be later than now"):
        _request(now=None, start_time=end, end_time=end + timedelta(days=1))


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime(2026, 5, 31, 8, 30, tzinfo=UTC), 3, datetime(2026, 2, 28, 8, 30, tzinfo=UTC)),
        (datetime(2024, 5, 31, tzinfo=UTC), 3, datetime(2024, 2, 29, tzinfo=UTC)),
        (datetime(2026, 7, 31, tzinfo=UTC), 3, datetime(2026, 4, 30, tzinfo=UTC)),
        (datetime(2026, 1, 31, tzinfo=UTC), 3, datetime(2025, 10, 31, tzinfo=UTC)),
        (datetime(2026, 3, 15, tzinfo=UTC), 3, datetime(2025, 12, 15, tzinfo=UTC)),
        (datetime(2026, 3, 28, tzinfo=UTC), 1, datetime(2026, 2, 28, tzinfo=UTC)),
        (datetime(2026, 2, 1, tzinfo=UTC), 13, datetime(2025, 1, 1, tzinfo=UTC)),
    ],
)
def test_months_before_counts_calendar_months(
    moment: datetime, months: int, expected: datetime
) -> None:
    assert months_before(moment, months) == expected


# --- rows -----------------------------------------------------------------------------------


def test_rows_read_every_part_of_a_result() -> None:
    start = NOW - timedelta(hours=1)
    response = {
        "MetricResults": [
            {
                "Dimensions": {"QUEUE": "q-1"},
                "MetricInterval": {"Interval": "HOUR", "StartTime": start, "EndTime": NOW},
                "Collections": [
                    {
                        "Metric": {
                            "Name": "CONTACTS_HANDLED",
                            "MetricFilters": [
                                {
                                    "MetricFilterKey": "INITIATION_METHOD",
                                    "MetricFilterValues": ["API"],
                                    "Negate": True,
                                },
                                {"MetricFilterKey": "DISCONNECT_REASON"},
                            ],
                        },
                        "Value": 4,
                    },
                    {"Metric": {"MetricId": "custom-1", "Threshold": []}, "Value": 1.5},
                ],
            },
            {"MetricInterval": {"StartTime": "x", "EndTime": 5}, "Collections": [{"Value": None}]},
            {"Dimensions": {"QUEUE": "q-2"}},
        ]
    }
    handled, custom, bare = rows_from_v2_response(response)
    assert handled == MetricRowV2(
        metric_name="CONTACTS_HANDLED",
        unit="COUNT",
        value=4.0,
        interval_period="HOUR",
        interval_start=start,
        interval_end=NOW,
        dimensions={"QUEUE": "q-1"},
        metric_filters=(("INITIATION_METHOD", ("API",), True), ("DISCONNECT_REASON", (), False)),
    )
    assert type(handled.value) is float
    assert handled.as_dict() == {
        "metric_name": "CONTACTS_HANDLED",
        "unit": "COUNT",
        "value": 4.0,
        "interval_period": "HOUR",
        "interval_start": start,
        "interval_end": NOW,
        "dimensions": {"QUEUE": "q-1"},
        "threshold_comparison": None,
        "threshold_value": None,
        "metric_filters": [
            {"key": "INITIATION_METHOD", "values": ["API"], "negate": True},
            {"key": "DISCONNECT_REASON", "values": [], "negate": False},
        ],
    }
    assert custom == MetricRowV2("custom-1", "", 1.5, "HOUR", start, NOW, {"QUEUE": "q-1"})
    assert bare == MetricRowV2("", "", None, None, None, None, {})
    assert list(rows_from_v2_response({})) == []


def test_a_row_keeps_the_first_threshold_as_a_float() -> None:
    response = {
        "MetricResults": [
            {
                "Collections": [
                    {
                        "Metric": {
                            "Name": "SERVICE_LEVEL",
                            "Threshold": [{"Comparison": "LTE", "ThresholdValue": 30}],
                        },
                        "Value": 0,
                    }
                ]
            }
        ]
    }
    (row,) = rows_from_v2_response(response)
    assert (row.unit, row.value, row.threshold_comparison, row.threshold_value) == (
        "PERCENT",
        0.0,
        "LTE",
        30.0,
    )
    assert type(row.threshold_value) is float


# --- splitting one query --------------------------------------------------------------------


def _split(
    filters: Any, groupings: Any = ("QUEUE",), period: str | None = "DAY", days: int = 1
) -> list[tuple[Any, ...]]:
    parts = split_v2_query(
        filters=filters,
        groupings=groupings,
        start_time=NOW - timedelta(days=days),
        end_time=NOW,
        interval_period=period,
    )
    return [
        (
            {k: len(v) for k, v in p.filters.items()} if isinstance(p.filters, dict) else p.filters,
            (p.start - NOW) if isinstance(p.start, datetime) else p.start,
            (p.end - NOW) if isinstance(p.end, datetime) else p.end,
        )
        for p in parts
    ]


ONE_DAY = (-timedelta(days=1), timedelta(0))


@pytest.mark.parametrize(
    ("filters", "groupings", "expected"),
    [
        ({"QUEUE": QUEUES[:100]}, ["QUEUE"], [({"QUEUE": 100}, *ONE_DAY)]),
        (
            {"QUEUE": QUEUES[:101]},
            ["QUEUE"],
            [({"QUEUE": 100}, *ONE_DAY), ({"QUEUE": 1}, *ONE_DAY)],
        ),
        ({"QUEUE": QUEUES[:3] * 40}, ["QUEUE"], [({"QUEUE": 3}, *ONE_DAY)]),  # duplicates dropped
        (
            {"QUEUE": QUEUES[:60], "AGENT": QUEUES[:40]},
            ["QUEUE", "AGENT"],
            [({"QUEUE": 60, "AGENT": 40}, *ONE_DAY)],
        ),
        (
            {"QUEUE": QUEUES[:150], "CHANNEL": ["VOICE", "CHAT"]},
            ["QUEUE", "CHANNEL"],
            [({"QUEUE": 100, "CHANNEL": 2}, *ONE_DAY), ({"QUEUE": 50, "CHANNEL": 2}, *ONE_DAY)],
        ),
        (
            {"QUEUE": QUEUES[:150], "AGENT": QUEUES[:10]},
            ["QUEUE"],
            [({"QUEUE": 90, "AGENT": 10}, *ONE_DAY), ({"QUEUE": 60, "AGENT": 10}, *ONE_DAY)],
        ),
        (
            {"QUEUE": QUEUES[:120], "AGENT": QUEUES[:60]},
            ("AGENT", "QUEUE", 7),
            [
                ({"QUEUE": 50, "AGENT": 50}, *ONE_DAY),
                ({"QUEUE": 50, "AGENT": 10}, *ONE_DAY),
                ({"QUEUE": 50, "AGENT": 50}, *ONE_DAY),
                ({"QUEUE": 50, "AGENT": 10}, *ONE_DAY),
                ({"QUEUE": 20, "AGENT": 50}, *ONE_DAY),
                ({"QUEUE": 20, "AGENT": 10}, *ONE_DAY),
            ],
        ),
        (
            {"QUEUE": QUEUES[:1], "AGENT": QUEUES[:99], "ROUTING_PROFILE": QUEUES[:1]},
            "QUEUE",  # not a list: no key is a grouping, and 101 values fit one request
            None,
        ),
    ],
)
def test_filter_values_beyond_100_are_split_over_grouped_keys(
    filters: dict[str, list[str]], groupings: Any, expected: list[tuple[Any, ...]] | None
) -> None:
    if expected is None:
        with pytest.raises(ConnectRequestError) as caught:
            _split(filters, groupings)
        assert caught.value.operation == "GetMetricDataV2"
        assert caught.value.problems == (
            Problem(
                "Filters",
                "<101 values>",
                "more than 100 filter values can only be split across requests over keys that"
                " are also groupings, so that each row stays exact",
            ),
        )
    else:
        assert _split(filters, groupings) == expected


def test_a_split_needs_one_value_per_grouped_key_in_the_budget() -> None:
    # 99 fixed AGENT values leave a budget of 1 for two grouped keys: refused.
    filters = {"AGENT": QUEUES[:99], "QUEUE": QUEUES[:2], "ROUTING_PROFILE": QUEUES[:2]}
    with pytest.raises(ConnectRequestError) as caught:
        _split(filters, ["QUEUE", "ROUTING_PROFILE"])
    assert caught.value.problems[0].value == "<103 values>"
    # 98 leave 2: one value of each per request.
    filters["AGENT"] = QUEUES[:98]
    assert (
        _split(filters, ["QUEUE", "ROUTING_PROFILE"])
        == [({"AGENT": 98, "QUEUE": 1, "ROUTING_PROFILE": 1}, *ONE_DAY)] * 4
    )


@pytest.mark.parametrize(
    ("period", "days", "windows"),
    [
        ("DAY", 34, [(-34, 0)]),
        ("DAY", 35, [(-35, -1), (-1, 0)]),  # 35 - 1 days per window, ending on day boundaries
        ("DAY", 68, [(-68, -34), (-34, 0)]),
        ("MINUTE", 70, [(-70, 0)]),  # no documented limit: left for the builder to refuse
        (None, 70, [(-70, -36), (-36, -2), (-2, 0)]),  # TOTAL: whole days too
        ("WEEK", 40, [(-40, -12), (-12, 0)]),  # 35 - 7 days
    ],
)
def test_long_ranges_are_cut_into_windows(
    period: str | None, days: int, windows: list[tuple[int, int]]
) -> None:
    parts = _split({"QUEUE": ["q"]}, period=period, days=days)
    assert [(s, e) for _, s, e in parts] == [
        (timedelta(days=s), timedelta(days=e)) for s, e in windows
    ]


def test_hour_windows_are_three_days_less_one_hour() -> None:
    parts = _split({"QUEUE": ["q"]}, period="HOUR", days=3)
    assert [(s, e) for _, s, e in parts] == [
        (-timedelta(days=3), -timedelta(hours=1)),
        (-timedelta(hours=1), timedelta(0)),
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ("QUEUE", "QUEUE"),
        ({"QUEUE": "q-1"}, {"QUEUE": "q-1"}),
        ({"QUEUE": {"q": 1}}, {"QUEUE": {"q": 1}}),
    ],
)
def test_filters_the_builder_will_refuse_are_passed_on_whole(filters: Any, expected: Any) -> None:
    (part,) = split_v2_query(
        filters=filters, groupings=None, start_time=DAY_AGO, end_time=NOW, interval_period=None
    )
    assert part == RequestPart(expected, DAY_AGO, NOW)


def test_bad_values_or_times_are_passed_on_for_the_builder_to_name() -> None:
    bad_value: Any = ("q", 5)
    (part,) = split_v2_query(
        filters={"QUEUE": bad_value},
        groupings=["QUEUE"],
        start_time=DAY_AGO,
        end_time=NOW,
        interval_period="DAY",
    )
    assert part == RequestPart({"QUEUE": list(bad_value)}, DAY_AGO, NOW)
    times: list[tuple[Any, Any]] = [(NAIVE, NOW), (DAY_AGO, NAIVE), ("x", NOW)]
    for start, end in times:
        parts = split_v2_query(
            filters={"QUEUE": QUEUES[:150]},
            groupings=["QUEUE"],
            start_time=start,
            end_time=end,
            interval_period="HOUR",
        )
        assert [(len(p.filters["QUEUE"]), p.start, p.end) for p in parts] == [
            (100, start, end),
            (50, start, end),
        ]


@pytest.mark.parametrize(
    ("threshold", "sent"), [(60, 60.0), (60.0, 60.0), (True, True), ("60", "60")]
)
def test_a_typed_metric_sends_numbers_as_floats_and_anything_else_as_given(
    threshold: Any, sent: object
) -> None:
    api = MetricV2("SERVICE_LEVEL", threshold=threshold, comparison="LTE").to_api()
    assert api == {
        "Name": "SERVICE_LEVEL",
        "Threshold": [{"Comparison": "LTE", "ThresholdValue": sent}],
    }
    assert type(api["Threshold"][0]["ThresholdValue"]) is type(sent)


def test_a_broken_now_leaves_the_rules_against_now_unjudged() -> None:
    """A naive ``now`` is refused; the window is not then judged against the real clock (that
    gave a retention refusal that depended on the day the suite ran)."""
    years_ago = datetime(2020, 1, 1, tzinfo=UTC)
    assert _problems(now=NAIVE, start_time=years_ago, end_time=years_ago + timedelta(hours=1)) == [
        ("now", NAIVE, "must be a timezone-aware datetime")
    ]
