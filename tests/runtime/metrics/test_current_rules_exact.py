"""GetCurrentMetricData's rules between members, today's filters and SortCriteria, exactly.

From the botocore 1.44 Connect model's GetCurrentMetricData documentation strings: a
RoutingStepExpressions filter needs exactly one queue and grouping by ROUTING_STEP_EXPRESSION;
AgentStatuses (at most 50), Subtypes and ValidationTestTypes need a Queues filter; AGENT_STATUS,
SUBTYPE and VALIDATION_TEST_TYPE groupings need QUEUE first; grouped by AGENT_STATUS the only
metric is AGENTS_ONLINE; ESTIMATED_WAIT_TIME's filters and groupings; no sorting on SLOTS_ACTIVE
or SLOTS_AVAILABLE. From the 2021-10-29 reference: grouping by CHANNEL needs a channel filter,
by ROUTING_PROFILE a queue or routing-profile filter (and a routing-profile filter for
CONTACTS_SCHEDULED, CONTACTS_IN_QUEUE and OLDEST_CONTACT_AGE).
"""

from __future__ import annotations

from typing import Any

import pytest

from connect_runtime import CurrentMetric, get_current_metric_data_request
from tests.runtime.request_problems import Row, problems

ONLINE = {"Name": "AGENTS_ONLINE", "Unit": "COUNT"}
ONE_ITEM = "must name at least 1 item; pass None to leave it out"
WAIT_RULE = (
    "ESTIMATED_WAIT_TIME needs Queues and Channels filters grouped by [QUEUE, CHANNEL], or one"
    " queue, one channel and RoutingStepExpressions grouped by [ROUTING_STEP_EXPRESSION]"
)
WAIT = [CurrentMetric("ESTIMATED_WAIT_TIME")]
RSE = "Filters.RoutingStepExpressions"


def current(**given: Any) -> dict[str, Any]:
    """One queue and AGENTS_ONLINE, with ``given`` on top."""
    return {
        "instance_id": "i",
        "queues": ["q"],
        "metrics": [CurrentMetric("AGENTS_ONLINE")],
        **given,
    }


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
