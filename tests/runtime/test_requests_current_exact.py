"""GetCurrentMetricData to the letter: each filter, grouping, sort and paging rule's problem.

Limits and enums are the botocore 1.44 Connect model's (Filters.Queues and RoutingProfiles
1..100, Channels ..4, Groupings ..2, MaxResults 1..100, SortCriteria ..1,
RoutingStepExpressions ..50 of 1..3000 characters, Subtypes and ValidationTestTypes ..10); the
rules between members (one queue for RoutingStepExpressions, QUEUE first for AGENT_STATUS,
SUBTYPE and VALIDATION_TEST_TYPE, ESTIMATED_WAIT_TIME's filters, the 50 agent statuses) are
written in the model's GetCurrentMetricData documentation strings; the 2021 rules (CHANNEL and
ROUTING_PROFILE groupings, never queues and routing profiles both) in the 2021-10-29 reference.
"""

from __future__ import annotations

from typing import Any

import pytest

from connect_runtime import CurrentMetric, get_current_metric_data_request
from tests.runtime.request_problems import Row, operation, problems

ONLINE = {"Name": "AGENTS_ONLINE", "Unit": "COUNT"}
CURRENT = {"instance_id": "i", "queues": ["q"], "metrics": [CurrentMetric("AGENTS_ONLINE")]}
CURRENT_REQUEST = {"InstanceId": "i", "Filters": {"Queues": ["q"]}, "CurrentMetrics": [ONLINE]}
CURRENT_NAMES = (
    "AGENTS_AFTER_CONTACT_WORK, AGENTS_AVAILABLE, AGENTS_ERROR, AGENTS_NON_PRODUCTIVE,"
    " AGENTS_ONLINE, AGENTS_ON_CALL, AGENTS_ON_CONTACT, AGENTS_STAFFED, CONTACTS_IN_QUEUE,"
    " CONTACTS_SCHEDULED, ESTIMATED_WAIT_TIME, OLDEST_CONTACT_AGE, SLOTS_ACTIVE, SLOTS_AVAILABLE"
)
GROUPINGS_TODAY = (
    "must be one of AGENT_STATUS, CHANNEL, QUEUE, ROUTING_PROFILE, ROUTING_STEP_EXPRESSION,"
    " SUBTYPE, VALIDATION_TEST_TYPE"
)
CHANNELS_TODAY = "must be one of VOICE, CHAT, TASK, EMAIL"
ONE_ITEM = "must name at least 1 item; pass None to leave it out"
NOT_AN_ID = "must be a non-empty string (ID or ARN)"
WAIT_RULE = (
    "ESTIMATED_WAIT_TIME needs Queues and Channels filters grouped by [QUEUE, CHANNEL], or one"
    " queue, one channel and RoutingStepExpressions grouped by [ROUTING_STEP_EXPRESSION]"
)
WAIT = [CurrentMetric("ESTIMATED_WAIT_TIME")]
WAIT_API = [{"Name": "ESTIMATED_WAIT_TIME", "Unit": "SECONDS"}]
RSE = "Filters.RoutingStepExpressions"


def current(**given: Any) -> dict[str, Any]:
    return {**CURRENT, **given}


# --- valid requests -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "sent"),
    [
        ({}, {}),
        ({"queues": ("q",) * 100}, {"Filters": {"Queues": ["q"] * 100}}),
        ({"queues": {"a": 1, "b": 2}.keys()}, {"Filters": {"Queues": ["a", "b"]}}),
        (
            {"queues": None, "routing_profiles": ["r"] * 100},
            {"Filters": {"RoutingProfiles": ["r"] * 100}},
        ),
        (
            {"queues": None, "channels": ("VOICE", "CHAT", "TASK", "EMAIL")},
            {"Filters": {"Channels": ["VOICE", "CHAT", "TASK", "EMAIL"]}},
        ),
        (
            {"channels": ["CHAT"], "groupings": ("QUEUE", "CHANNEL")},
            {"Filters": {"Queues": ["q"], "Channels": ["CHAT"]}, "Groupings": ["QUEUE", "CHANNEL"]},
        ),
        ({"groupings": []}, {"Groupings": []}),
        (
            {"metrics": [{"Name": "OLDEST_CONTACT_AGE", "Unit": "SECONDS"}, ONLINE]},
            {"CurrentMetrics": [{"Name": "OLDEST_CONTACT_AGE", "Unit": "SECONDS"}, ONLINE]},
        ),
        ({"next_token": "n", "max_results": 1}, {"NextToken": "n", "MaxResults": 1}),
        ({"max_results": 100}, {"MaxResults": 100}),
        ({"next_token": None, "max_results": None}, {}),
        (
            {"sort_criteria": [{"SortByMetric": "AGENTS_ONLINE", "SortOrder": "DESCENDING"}]},
            {"SortCriteria": [{"SortByMetric": "AGENTS_ONLINE", "SortOrder": "DESCENDING"}]},
        ),
        (
            {"sort_criteria": [{"SortByMetric": "OLDEST_CONTACT_AGE", "SortOrder": None}]},
            {"SortCriteria": [{"SortByMetric": "OLDEST_CONTACT_AGE"}]},
        ),
        ({"sort_criteria": ()}, {"SortCriteria": []}),
        (
            {"groupings": ["QUEUE", "AGENT_STATUS"]},
            {"Groupings": ["QUEUE", "AGENT_STATUS"]},
        ),
        (
            {"groupings": ["QUEUE", "SUBTYPE"], "subtypes": ["s"] * 10},
            {
                "Groupings": ["QUEUE", "SUBTYPE"],
                "Filters": {"Queues": ["q"], "Subtypes": ["s"] * 10},
            },
        ),
        (
            {"validation_test_types": ["v"] * 10, "agent_statuses": ["a"] * 50},
            {
                "Filters": {
                    "Queues": ["q"],
                    "AgentStatuses": ["a"] * 50,
                    "ValidationTestTypes": ["v"] * 10,
                }
            },
        ),
        (
            {
                "routing_step_expressions": ["e" * 3_000] * 50,
                "groupings": ["ROUTING_STEP_EXPRESSION"],
            },
            {
                "Filters": {"Queues": ["q"], "RoutingStepExpressions": ["e" * 3_000] * 50},
                "Groupings": ["ROUTING_STEP_EXPRESSION"],
            },
        ),
        (
            {"channels": ["CHAT", "VOICE"], "groupings": ["CHANNEL", "QUEUE"], "metrics": WAIT},
            {
                "Filters": {"Queues": ["q"], "Channels": ["CHAT", "VOICE"]},
                "Groupings": ["CHANNEL", "QUEUE"],
                "CurrentMetrics": WAIT_API,
            },
        ),
        (
            {
                "channels": ["CHAT"],
                "routing_step_expressions": ["e"],
                "groupings": ["ROUTING_STEP_EXPRESSION"],
                "metrics": WAIT,
            },
            {
                "Filters": {"Queues": ["q"], "Channels": ["CHAT"], "RoutingStepExpressions": ["e"]},
                "Groupings": ["ROUTING_STEP_EXPRESSION"],
                "CurrentMetrics": WAIT_API,
            },
        ),
        (
            {
                "queues": None,
                "routing_profiles": ["r"],
                "groupings": ["ROUTING_PROFILE"],
                "metrics": [CurrentMetric("CONTACTS_IN_QUEUE")],
            },
            {
                "Filters": {"RoutingProfiles": ["r"]},
                "Groupings": ["ROUTING_PROFILE"],
                "CurrentMetrics": [{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}],
            },
        ),
        (
            {"groupings": ["ROUTING_PROFILE"]},
            {"Groupings": ["ROUTING_PROFILE"]},
        ),
    ],
)
def test_current_request_word_for_word(given: dict[str, Any], sent: dict[str, Any]) -> None:
    assert get_current_metric_data_request(**current(**given)) == {**CURRENT_REQUEST, **sent}


def test_current_request_keys_in_order() -> None:
    request = get_current_metric_data_request(
        **current(
            groupings=["QUEUE"],
            sort_criteria=[{"SortByMetric": "AGENTS_ONLINE"}],
            next_token="n",
            max_results=5,
        )
    )
    assert list(request) == [
        "InstanceId",
        "Filters",
        "CurrentMetrics",
        "Groupings",
        "SortCriteria",
        "NextToken",
        "MaxResults",
    ]


# --- problems -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"instance_id": ""}, [("InstanceId", "", "must be at least 1 characters long", "model")]),
        ({"instance_id": None}, [("InstanceId", None, "is required", "API doc")]),
        # Filters (2021)
        (
            {"queues": None},
            [("Filters", None, "must name queues, routing profiles or channels", "API doc")],
        ),
        ({"queues": "q"}, [("Filters.Queues", "q", "must be a list", "API doc")]),
        ({"queues": b"q"}, [("Filters.Queues", b"q", "must be a list", "API doc")]),
        (
            {"queues": bytearray(b"q")},
            [("Filters.Queues", bytearray(b"q"), "must be a list", "API doc")],
        ),
        ({"queues": {"q": 1}}, [("Filters.Queues", {"q": 1}, "must be a list", "API doc")]),
        ({"queues": 5}, [("Filters.Queues", 5, "must be a list", "API doc")]),
        ({"queues": []}, [("Filters.Queues", [], ONE_ITEM, "model")]),
        (
            {"queues": ["q"] * 101},
            [("Filters.Queues", "<101 items>", "must name at most 100 items", "API doc")],
        ),
        (
            {"queues": ["q", "", 3]},
            [
                ("Filters.Queues[1]", "", NOT_AN_ID, "API doc"),
                ("Filters.Queues[2]", 3, NOT_AN_ID, "API doc"),
            ],
        ),
        (
            {"queues": None, "routing_profiles": []},
            [("Filters.RoutingProfiles", [], ONE_ITEM, "model")],
        ),
        (
            {"queues": None, "routing_profiles": ["r"] * 101},
            [("Filters.RoutingProfiles", "<101 items>", "must name at most 100 items", "API doc")],
        ),
        (
            {"queues": None, "routing_profiles": [None]},
            [("Filters.RoutingProfiles[0]", None, NOT_AN_ID, "API doc")],
        ),
        (
            {"routing_profiles": ["r"]},
            [
                (
                    "Filters",
                    "Queues and RoutingProfiles",
                    "cannot filter by both queues and routing profiles",
                    "API doc",
                )
            ],
        ),
        ({"channels": "CHAT"}, [("Filters.Channels", "CHAT", "must be a list", "API doc")]),
        (
            {"channels": []},
            [
                (
                    "Filters.Channels",
                    [],
                    "must name at least 1 channel; pass None to leave it out",
                    "API doc",
                )
            ],
        ),
        (
            {"channels": ["CHAT"] * 5},
            [("Filters.Channels", ["CHAT"] * 5, "must name at most 4 channels", "model")],
        ),
        (
            {"channels": ["CHAT", "FAX", None]},
            [
                ("Filters.Channels[1]", "FAX", CHANNELS_TODAY, "API doc"),
                ("Filters.Channels[2]", None, CHANNELS_TODAY, "API doc"),
            ],
        ),
        # Groupings
        ({"groupings": "QUEUE"}, [("Groupings", "QUEUE", "must be a list", "API doc")]),
        (
            {"groupings": ["QUEUE", "CHANNEL", "ROUTING_PROFILE"], "channels": ["CHAT"]},
            [
                (
                    "Groupings",
                    ["QUEUE", "CHANNEL", "ROUTING_PROFILE"],
                    "must name at most 2 groupings",
                    "model",
                )
            ],
        ),
        (
            {"groupings": ["QUEUE", "QUEUE"]},
            [("Groupings", ["QUEUE", "QUEUE"], "must not name a grouping twice", "API doc")],
        ),
        (
            {"groupings": ["QUEUE", "FOO"]},
            [("Groupings[1]", "FOO", GROUPINGS_TODAY, "model")],
        ),
        (  # a non-string is refused once, not also taken for a repeated grouping
            {"groupings": [3, "QUEUE"]},
            [("Groupings[0]", 3, GROUPINGS_TODAY, "model")],
        ),
        # CurrentMetrics
        (
            {"metrics": "AGENTS_ONLINE"},
            [("CurrentMetrics", "AGENTS_ONLINE", "must be a list", "API doc")],
        ),
        ({"metrics": ()}, [("CurrentMetrics", (), "must name at least 1 metric", "API doc")]),
        (
            {"metrics": ["AGENTS_ONLINE"]},
            [
                (
                    "CurrentMetrics[0]",
                    "AGENTS_ONLINE",
                    "must be a CurrentMetric or a {'Name', 'Unit'} dict",
                    "API doc",
                )
            ],
        ),
        (
            {"metrics": [ONLINE, {**ONLINE, "X": 1, "Threshold": 2}]},
            [
                (
                    "CurrentMetrics[1]",
                    {**ONLINE, "X": 1, "Threshold": 2},
                    "unknown keys ['Threshold', 'X']; expected Name and Unit",
                    "API doc",
                )
            ],
        ),
        (
            {"metrics": [{"Name": "NOPE", "Unit": "COUNT", 5: 1}]},
            [
                (
                    "CurrentMetrics[0]",
                    {"Name": "NOPE", "Unit": "COUNT", 5: 1},
                    "unknown keys ['5']; expected Name and Unit",
                    "API doc",
                ),
                ("CurrentMetrics[0].Name", "NOPE", "must be one of " + CURRENT_NAMES, "API doc"),
            ],
        ),
        (
            {"metrics": [{"Unit": "COUNT"}]},
            [("CurrentMetrics[0].Name", None, "must be one of " + CURRENT_NAMES, "API doc")],
        ),
        (
            {"metrics": [{"Name": "AGENTS_ONLINE", "Unit": "SECONDS"}]},
            [("CurrentMetrics[0].Unit", "SECONDS", "AGENTS_ONLINE takes Unit COUNT", "API doc")],
        ),
        (
            {"metrics": [{"Name": "OLDEST_CONTACT_AGE"}]},
            [("CurrentMetrics[0].Unit", None, "OLDEST_CONTACT_AGE takes Unit SECONDS", "API doc")],
        ),
        # paging
        ({"next_token": ""}, [("NextToken", "", "must not be empty", "API doc")]),
        ({"next_token": 5}, [("NextToken", 5, "must be a string, not int", "API doc")]),
        ({"max_results": 0}, [("MaxResults", 0, "must be from 1 to 100", "model")]),
        ({"max_results": 101}, [("MaxResults", 101, "must be from 1 to 100", "model")]),
        ({"max_results": True}, [("MaxResults", True, "must be an integer", "API doc")]),
        ({"max_results": "5"}, [("MaxResults", "5", "must be an integer", "API doc")]),
    ],
)
def test_current_problems(given: dict[str, Any], expected: list[Row]) -> None:
    assert problems(get_current_metric_data_request, **current(**given)) == expected


def test_current_errors_name_the_operation() -> None:
    assert operation(get_current_metric_data_request, **current(queues=[])) == (
        "GetCurrentMetricData"
    )


# --- today's filters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (
            {"routing_step_expressions": "e", "groupings": ["ROUTING_STEP_EXPRESSION"]},
            [(RSE, "e", "must be a list", "API doc")],
        ),
        (
            {"routing_step_expressions": [], "groupings": ["ROUTING_STEP_EXPRESSION"]},
            [(RSE, [], ONE_ITEM, "API doc")],
        ),
        (
            {"routing_step_expressions": ["e"] * 51, "groupings": ["ROUTING_STEP_EXPRESSION"]},
            [(RSE, "<51 items>", "must name at most 50 items", "API doc")],
        ),
        (
            {"routing_step_expressions": ["e", ""], "groupings": ["ROUTING_STEP_EXPRESSION"]},
            [(f"{RSE}[1]", "", "must be at least 1 characters long", "model")],
        ),
        (
            {"routing_step_expressions": ["e" * 3_001], "groupings": ["ROUTING_STEP_EXPRESSION"]},
            [(f"{RSE}[0]", "e" * 3_001, "must be at most 3000 characters long", "model")],
        ),
        (
            {"routing_step_expressions": [None], "groupings": ["ROUTING_STEP_EXPRESSION"]},
            [(f"{RSE}[0]", None, "is required", "API doc")],
        ),
        (
            {"agent_statuses": ["a"] * 51},
            [("Filters.AgentStatuses", "<51 items>", "must name at most 50 items", "API doc")],
        ),
        (  # an unusable filter is not judged further (no "needs a Queues filter" for it)
            {"queues": None, "channels": ["CHAT"], "agent_statuses": [""]},
            [("Filters.AgentStatuses[0]", "", "must not be empty", "API doc")],
        ),
        (
            {"subtypes": ["s"] * 11},
            [("Filters.Subtypes", "<11 items>", "must name at most 10 items", "API doc")],
        ),
        (
            {"subtypes": ["s" * 101]},
            [("Filters.Subtypes[0]", "s" * 101, "must be at most 100 characters long", "model")],
        ),
        (
            {"validation_test_types": ["v"] * 11},
            [
                (
                    "Filters.ValidationTestTypes",
                    "<11 items>",
                    "must name at most 10 items",
                    "API doc",
                )
            ],
        ),
        (
            {"validation_test_types": [7]},
            [("Filters.ValidationTestTypes[0]", 7, "must be a string, not int", "API doc")],
        ),
        (
            {
                "queues": None,
                "channels": ["CHAT"],
                "agent_statuses": ["a"],
                "subtypes": ["s"],
                "validation_test_types": ["v"],
            },
            [
                ("Filters.AgentStatuses", ["a"], "needs a Queues filter", "API doc"),
                ("Filters.Subtypes", ["s"], "needs a Queues filter", "API doc"),
                ("Filters.ValidationTestTypes", ["v"], "needs a Queues filter", "API doc"),
            ],
        ),
        (
            {"queues": ["q1", "q2"], "routing_step_expressions": ["e"]},
            [
                (
                    "Filters.Queues",
                    ["q1", "q2"],
                    "a RoutingStepExpressions filter needs exactly one queue",
                    "API doc",
                ),
                (
                    "Groupings",
                    [],
                    "a RoutingStepExpressions filter needs grouping by ROUTING_STEP_EXPRESSION",
                    "API doc",
                ),
            ],
        ),
        (
            {
                "queues": None,
                "channels": ["CHAT"],
                "routing_step_expressions": ["e"],
                "groupings": ["QUEUE"],
            },
            [
                (
                    "Filters.Queues",
                    None,
                    "a RoutingStepExpressions filter needs exactly one queue",
                    "API doc",
                ),
                (
                    "Groupings",
                    ["QUEUE"],
                    "a RoutingStepExpressions filter needs grouping by ROUTING_STEP_EXPRESSION",
                    "API doc",
                ),
            ],
        ),
    ],
)
def test_current_filters_today_problems(given: dict[str, Any], expected: list[Row]) -> None:
    assert problems(get_current_metric_data_request, **current(**given)) == expected


# --- the rules between members ------------------------------------------------------------------

CHANNEL_NEEDS_FILTER = "grouping by CHANNEL needs a Filters.Channels filter"
AGENT_STATUS_FIRST = (
    "grouping by AGENT_STATUS needs QUEUE as the first grouping and a Queues filter"
)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (
            {"groupings": ["AGENT_STATUS", "QUEUE"]},
            [("Groupings", ["AGENT_STATUS", "QUEUE"], AGENT_STATUS_FIRST, "API doc")],
        ),
        (
            {"queues": None, "channels": ["CHAT"], "groupings": ["QUEUE", "AGENT_STATUS"]},
            [("Groupings", ["QUEUE", "AGENT_STATUS"], AGENT_STATUS_FIRST, "API doc")],
        ),
        (
            {
                "groupings": ["QUEUE", "AGENT_STATUS"],
                "metrics": [CurrentMetric("AGENTS_ONLINE"), CurrentMetric("SLOTS_ACTIVE"), ONLINE],
            },
            [
                (
                    "CurrentMetrics",
                    ["AGENTS_ONLINE", "SLOTS_ACTIVE"],
                    "grouped by AGENT_STATUS, the only metric is AGENTS_ONLINE",
                    "API doc",
                )
            ],
        ),
        (
            {"groupings": ["CHANNEL", "SUBTYPE"], "channels": ["CHAT"]},
            [
                (
                    "Groupings",
                    ["CHANNEL", "SUBTYPE"],
                    "SUBTYPE as the second grouping needs QUEUE first and a Queues filter",
                    "API doc",
                )
            ],
        ),
        (
            {"queues": None, "channels": ["CHAT"], "groupings": ["QUEUE", "VALIDATION_TEST_TYPE"]},
            [
                (
                    "Groupings",
                    ["QUEUE", "VALIDATION_TEST_TYPE"],
                    "VALIDATION_TEST_TYPE as the second grouping needs QUEUE first and a Queues"
                    " filter",
                    "API doc",
                )
            ],
        ),
        ({"metrics": WAIT}, [("CurrentMetrics", "ESTIMATED_WAIT_TIME", WAIT_RULE, "API doc")]),
        (
            {"metrics": WAIT, "groupings": ["QUEUE", "CHANNEL"]},
            [
                ("CurrentMetrics", "ESTIMATED_WAIT_TIME", WAIT_RULE, "API doc"),
                ("Groupings", ["QUEUE", "CHANNEL"], CHANNEL_NEEDS_FILTER, "API doc"),
            ],
        ),
        (
            {"metrics": WAIT, "channels": ["CHAT"], "groupings": ["QUEUE"]},
            [("CurrentMetrics", "ESTIMATED_WAIT_TIME", WAIT_RULE, "API doc")],
        ),
        (
            {
                "metrics": WAIT,
                "channels": ["CHAT", "VOICE"],
                "routing_step_expressions": ["e"],
                "groupings": ["ROUTING_STEP_EXPRESSION"],
            },
            [("CurrentMetrics", "ESTIMATED_WAIT_TIME", WAIT_RULE, "API doc")],
        ),
        (
            {"metrics": WAIT, "channels": ["CHAT"], "groupings": ["ROUTING_STEP_EXPRESSION"]},
            [("CurrentMetrics", "ESTIMATED_WAIT_TIME", WAIT_RULE, "API doc")],
        ),
        (
            {
                "metrics": WAIT,
                "queues": None,
                "routing_profiles": ["r"],
                "channels": ["CHAT"],
                "groupings": ["CHANNEL", "ROUTING_PROFILE"],
            },
            [("CurrentMetrics", "ESTIMATED_WAIT_TIME", WAIT_RULE, "API doc")],
        ),
        # the 2021 rules: CHANNEL and ROUTING_PROFILE groupings
        (
            {"groupings": ["CHANNEL"]},
            [("Groupings", ["CHANNEL"], CHANNEL_NEEDS_FILTER, "API doc")],
        ),
        (
            {"queues": None, "channels": ["CHAT"], "groupings": ["ROUTING_PROFILE"]},
            [
                (
                    "Groupings",
                    ["ROUTING_PROFILE"],
                    "grouping by ROUTING_PROFILE needs a queue or routing profile filter",
                    "API doc",
                )
            ],
        ),
        (
            {
                "groupings": ["ROUTING_PROFILE"],
                "metrics": [
                    CurrentMetric("CONTACTS_SCHEDULED"),
                    CurrentMetric("AGENTS_ONLINE"),
                    CurrentMetric("OLDEST_CONTACT_AGE"),
                    CurrentMetric("CONTACTS_IN_QUEUE"),
                ],
            },
            [
                (
                    "Filters.RoutingProfiles",
                    None,
                    f"{name} grouped by ROUTING_PROFILE needs a routing profile filter",
                    "API doc",
                )
                for name in ("CONTACTS_SCHEDULED", "OLDEST_CONTACT_AGE", "CONTACTS_IN_QUEUE")
            ],
        ),
        (  # a metric with unknown keys is not judged further
            {
                "groupings": ["ROUTING_PROFILE"],
                "metrics": [{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT", "X": 1}],
            },
            [
                (
                    "CurrentMetrics[0]",
                    {"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT", "X": 1},
                    "unknown keys ['X']; expected Name and Unit",
                    "API doc",
                )
            ],
        ),
        (  # a given but broken filter still counts as given for the grouping rules
            {"queues": [], "groupings": ["ROUTING_PROFILE"], "metrics": "x"},
            [
                ("Filters.Queues", [], ONE_ITEM, "model"),
                ("CurrentMetrics", "x", "must be a list", "API doc"),
            ],
        ),
    ],
)
def test_current_rules_between_members(given: dict[str, Any], expected: list[Row]) -> None:
    assert problems(get_current_metric_data_request, **current(**given)) == expected


# --- SortCriteria -------------------------------------------------------------------------------

SORT_NAMES = (
    "must be one of AGENTS_AFTER_CONTACT_WORK, AGENTS_AVAILABLE, AGENTS_ERROR,"
    " AGENTS_NON_PRODUCTIVE, AGENTS_ONLINE, AGENTS_ON_CALL, AGENTS_ON_CONTACT, AGENTS_STAFFED,"
    " CONTACTS_IN_QUEUE, CONTACTS_SCHEDULED, ESTIMATED_WAIT_TIME, OLDEST_CONTACT_AGE,"
    " SLOTS_ACTIVE, SLOTS_AVAILABLE"
)
SORT_DICT = "must be a {'SortByMetric', 'SortOrder'} dict"


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("x", [("SortCriteria", "x", "must be a list", "API doc")]),
        (
            [{"SortByMetric": "AGENTS_ONLINE"}] * 2,
            [
                (
                    "SortCriteria",
                    [{"SortByMetric": "AGENTS_ONLINE"}] * 2,
                    "must name at most 1 sort criterion",
                    "model",
                )
            ],
        ),
        (["AGENTS_ONLINE"], [("SortCriteria[0]", "AGENTS_ONLINE", SORT_DICT, "API doc")]),
        (
            [{"SortByMetric": "AGENTS_ONLINE", "Order": "ASCENDING"}],
            [
                (
                    "SortCriteria[0]",
                    {"SortByMetric": "AGENTS_ONLINE", "Order": "ASCENDING"},
                    SORT_DICT,
                    "API doc",
                )
            ],
        ),
        (
            [{"SortByMetric": "HANDLE_TIME"}],
            [("SortCriteria[0].SortByMetric", "HANDLE_TIME", SORT_NAMES, "model")],
        ),
        (
            [{"SortOrder": "ASCENDING"}],
            [("SortCriteria[0].SortByMetric", None, SORT_NAMES, "model")],
        ),
        (
            [{"SortByMetric": "SLOTS_ACTIVE"}],
            [
                (
                    "SortCriteria[0].SortByMetric",
                    "SLOTS_ACTIVE",
                    "sorting on SLOTS_ACTIVE or SLOTS_AVAILABLE is not supported",
                    "API doc",
                )
            ],
        ),
        (
            [{"SortByMetric": "SLOTS_AVAILABLE", "SortOrder": "UP"}],
            [
                (
                    "SortCriteria[0].SortByMetric",
                    "SLOTS_AVAILABLE",
                    "sorting on SLOTS_ACTIVE or SLOTS_AVAILABLE is not supported",
                    "API doc",
                ),
                (
                    "SortCriteria[0].SortOrder",
                    "UP",
                    "must be one of ASCENDING, DESCENDING",
                    "model",
                ),
            ],
        ),
    ],
)
def test_sort_criteria_problems(sort: object, expected: list[Row]) -> None:
    assert problems(get_current_metric_data_request, **current(sort_criteria=sort)) == expected
