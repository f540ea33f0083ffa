"""GetCurrentMetricData to the letter: each filter, grouping, sort and paging rule's problem.

Limits and enums are the botocore 1.44 Connect model's (Filters.Queues and RoutingProfiles
1..100, Channels ..4, Groupings ..2, MaxResults 1..100, SortCriteria ..1,
RoutingStepExpressions ..50 of 1..3000 characters, Subtypes and ValidationTestTypes ..10); the
rules between members (one queue for RoutingStepExpressions, QUEUE first for AGENT_STATUS,
SUBTYPE and VALIDATION_TEST_TYPE, ESTIMATED_WAIT_TIME's filters, the 50 agent statuses) are
written in the model's GetCurrentMetricData documentation strings; the 2021 rules (CHANNEL and
ROUTING_PROFILE groupings, never queues and routing profiles both) in the 2021-10-29 reference.
The rules between members are in test_current_rules_exact.py.
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
WAIT = [CurrentMetric("ESTIMATED_WAIT_TIME")]
WAIT_API = [{"Name": "ESTIMATED_WAIT_TIME", "Unit": "SECONDS"}]


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
