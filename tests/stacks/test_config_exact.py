"""The stack-config parser to the letter: every problem's exact text, one row per rule.

The other config tests check which configs are refused and where; these pin what each problem
says (the key path, the expected shape or rule from the types and ``connect_streaming.fields``,
the value given) and the order in which problems are listed.
"""

from __future__ import annotations

import copy
from typing import Any

import pulumi
import pytest

from connect_streaming import config
from connect_streaming.config import NAMESPACE, ConfigError, parse_environment, shape
from tests.stacks.config_strategies import set_path
from tests.stacks.test_config import DEV

KEYS_LISTED = (
    "instanceArn, streamingEndpoints, taskFlows, trust, taskCreatingFlows, taskTemplates,"
    " allowPreviousContacts, ignoreFlowContentChanges, tags"
)
SUBSCRIBER_KEYS = "{name, messageVisibility?, rawMessageDelivery?}"
TRUST_KEYS = "{service?, roleArns?, oidcProviderArn?, oidcAudience?, oidcSubjects?}"
OIDC_PROVIDER = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
TEMPLATE = {"name": "follow-up", "fields": [{"name": "Summary", "type": "TEXT"}]}


@pytest.fixture(autouse=True)
def _validators_built_afresh() -> None:
    """The pydantic validators are built once per process (functools.cache); build them again so
    that these tests check the code that builds them, not a copy made before the test began."""
    config._adapter.cache_clear()
    config._config_dict.cache_clear()


def _problems(raw: dict[str, Any], region: str | None = None) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        parse_environment(raw, environment="dev", region=region)
    prefix = f"{NAMESPACE}:"
    assert all(p.startswith(prefix) for p in caught.value.problems)
    return [p.removeprefix(prefix) for p in caught.value.problems]


LONG_QUEUE = f"dev-{'c' * 40}-{'t' * 30}-sns-dlq"


def _dev_with(changes: dict[str, Any]) -> dict[str, Any]:
    raw = copy.deepcopy(DEV)
    for path, value in changes.items():
        set_path(raw, path, value)
    return raw


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            {"streamingEndpoints": [], "taskFlows": []},
            [
                "streamingEndpoints: expected at least one streaming endpoint, got []",
                "taskFlows: expected at least one task flow (the task starter role targets"
                " them), got []",
            ],
            id="empty-lists",
        ),
        pytest.param(
            {"streamingEndpoints[0]": {"name": "lonely", "sqsSubscribers": []}},
            [
                "streamingEndpoints[0]: expected at least one subscriber (sqsSubscribers,"
                " lambdaSubscribers, httpsSubscribers)"
            ],
            id="no-subscriber",
        ),
        pytest.param(
            {"trust.taskStarter": {"service": "lambda.amazonaws.com", "roleArns": ["x"]}},
            [
                "trust.taskStarter.roleArns: expected a non-empty list of IAM role or account"
                " root ARNs, got ['x']"
            ],
            id="field-rule-before-trust-rule",
        ),
        pytest.param(
            {
                "trust.taskStarter": {
                    "service": "lambda.amazonaws.com",
                    "roleArns": ["arn:aws:iam::111122223333:root"],
                }
            },
            ["trust.taskStarter: expected exactly one of service, role_arns, oidc_provider_arn"],
            id="two-trust-kinds",
        ),
        pytest.param(
            {"trust.metricsReader": {"service": "lambda"}},
            ["trust.metricsReader.service: expected a service principal, got 'lambda'"],
            id="bad-service",
        ),
        pytest.param(
            {"trust.taskStarter": {"oidcProviderArn": OIDC_PROVIDER}},
            ["trust.taskStarter.oidcSubjects: expected at least one subject for an OIDC trust"],
            id="oidc-without-subjects",
        ),
        pytest.param(
            {
                "tags": 5,
                "taskFlows": "x",
                "taskCreatingFlows[0].taskName": "",
                "allowPreviousContacts": "yes",
            },
            [
                "tags: expected an object of non-empty string values with at least owner,"
                " cost-center, got 5",
                "taskFlows: expected a list of {name, queueId, overflowQueueId?}, got 'x'",
                "taskCreatingFlows[0].taskName: expected a non-empty string, got ''",
                "allowPreviousContacts: expected true or false, got 'yes'",
            ],
            id="wrong-types",
        ),
        pytest.param(
            {
                "instanceArn": None,
                "streamingEndpoints[0].sqsSubscribers[0].rawMessageDelivery": "yes",
                "trust.taskStarter": "x",
            },
            [
                "instanceArn: expected an Amazon Connect ARN"
                " arn:aws:connect:REGION:ACCOUNT:instance/ID, got None",
                "streamingEndpoints[0].sqsSubscribers[0].rawMessageDelivery: expected true or"
                " false, got 'yes'",
                f"trust.taskStarter: expected {TRUST_KEYS}, got 'x'",
            ],
            id="wrong-nested-types",
        ),
        pytest.param(
            {
                "streamingEndpoints[0].sqsSubscribers[0]": {},
                "taskFlows[0]": {"name": "callback-tasks"},
                "taskCreatingFlows[0].references.case": {"type": "URL"},
            },
            [
                "streamingEndpoints[0].sqsSubscribers[0].name: expected a name of lowercase"
                " letters, digits and '-' (at most 40) (it is required)",
                "taskFlows[0].queueId: expected a queue ID (letters, digits, '-') (it is required)",
                "taskCreatingFlows[0].references.case.value: expected a non-empty string"
                " (it is required)",
            ],
            id="missing-nested-keys",
        ),
        pytest.param(
            {
                "taskTemplates": [
                    {
                        "name": "t",
                        "fields": [{"type": "NAME"}, {"name": "", "type": "BOGUS"}],
                        "requiredFields": [1],
                        "defaults": {"Summary": 5},
                    }
                ]
            },
            [
                "taskTemplates[0].fields[0].name: expected a field name of 1..100 characters"
                " (it is required)",
                "taskTemplates[0].fields[1].name: expected a field name of 1..100 characters,"
                " got ''",
                "taskTemplates[0].fields[1].type: expected a task template field type (the"
                " model's TaskTemplateFieldType, e.g. NAME, TEXT), got 'BOGUS'",
                "taskTemplates[0].requiredFields[0]: expected a non-empty string, got 1",
                "taskTemplates[0].defaults.Summary: expected a non-empty string, got 5",
            ],
            id="template-fields-have-rules-of-their-own",
        ),
        pytest.param(
            {"taskCreatingFlows[0].references": {5: {"type": "URL", "value": "$.x"}}},
            ["taskCreatingFlows[0].references: expected names (string keys), got the key 5"],
            id="non-string-map-key",
        ),
        pytest.param(
            {
                "streamingEndpoints[0].sqsSubscribers[1].messageVisiblity": ["ALL"],
                "trust.taskStarter.oidcSubject": "x",
                "taskFlows[0].zzz": 1,
            },
            [
                "streamingEndpoints[0].sqsSubscribers[1].messageVisiblity: expected one of the"
                " keys name, messageVisibility, rawMessageDelivery, messageRetentionSeconds,"
                " maxReceiveCount (did you mean 'messageVisibility'?), got 'messageVisiblity'",
                "taskFlows[0].zzz: expected one of the keys name, queueId, overflowQueueId,"
                " got 'zzz'",
                "trust.taskStarter.oidcSubject: expected one of the keys service, roleArns,"
                " oidcProviderArn, oidcAudience, oidcSubjects (did you mean 'oidcSubjects'?),"
                " got 'oidcSubject'",
            ],
            id="unknown-nested-keys",
        ),
        pytest.param(
            {
                "streamingEndpoints[0].sqsSubscribers[0].messageRetentionSeconds": 59,
                "streamingEndpoints[0].sqsSubscribers[1].maxReceiveCount": 0,
                "streamingEndpoints[0].sqsSubscribers[2].messageRetentionSeconds": True,
            },
            [
                "streamingEndpoints[0].sqsSubscribers[0].messageRetentionSeconds: expected a"
                " whole number of seconds from 60 to 1209600 (14 days), got 59",
                "streamingEndpoints[0].sqsSubscribers[1].maxReceiveCount: expected a whole"
                " number of receives from 1 to 1000, got 0",
                "streamingEndpoints[0].sqsSubscribers[2].messageRetentionSeconds: expected a"
                " whole number of seconds from 60 to 1209600 (14 days), got True",
            ],
            id="delivery-numbers-out-of-range",
        ),
        pytest.param(
            # The queue (75) and its DLQ (79) fit; the subscription's DLQ does not.
            {
                "streamingEndpoints[0].name": "c" * 40,
                "streamingEndpoints[0].sqsSubscribers[0]": {"name": "t" * 30},
            },
            [
                "streamingEndpoints[0].sqsSubscribers[0].name: expected a shorter name: the"
                f" derived SQS queue name {LONG_QUEUE!r} has 83 characters, SQS allows 80,"
                f" got {LONG_QUEUE!r}"
            ],
            id="derived-queue-name-too-long",
        ),
    ],
)
def test_each_problem_word_for_word(changes: dict[str, Any], expected: list[str]) -> None:
    assert _problems(_dev_with(changes)) == expected


def test_unknown_and_missing_top_level_keys_are_all_listed_in_order() -> None:
    assert _problems({"zzz": 1, "instanceArnn": 2, "allowPreviousContacts": "no"}) == [
        f"zzz: expected one of the keys {KEYS_LISTED}, got 'zzz'",
        f"instanceArnn: expected one of the keys {KEYS_LISTED} (did you mean 'instanceArn'?),"
        " got 'instanceArnn'",
        "allowPreviousContacts: expected true or false, got 'no'",
        "instanceArn: expected an Amazon Connect ARN arn:aws:connect:REGION:ACCOUNT:instance/ID"
        " (it is required)",
        "streamingEndpoints: expected a list of {name, kmsKeyArn?, sqsSubscribers?,"
        " lambdaSubscribers?, httpsSubscribers?} (it is required)",
        "tags: expected an object of non-empty string values with at least owner, cost-center"
        " (it is required)",
        "taskFlows: expected a list of {name, queueId, overflowQueueId?} (it is required)",
        "trust: expected {streamingController, metricsReader, taskStarter} (it is required)",
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            {"taskCreatingFlows[0].taskFlow": "zz"},
            "taskCreatingFlows[0].taskFlow: expected the name of a taskFlows entry"
            " (callback-tasks), got 'zz'",
            id="flow-names-a-task-flow",
        ),
        pytest.param(
            {"taskCreatingFlows[0].taskTemplate": "nope"},
            "taskCreatingFlows[0].taskTemplate: expected the name of a taskTemplates entry"
            " (none), got 'nope'",
            id="flow-names-a-template-none-defined",
        ),
        pytest.param(
            {
                "taskTemplates": [TEMPLATE, {**TEMPLATE, "name": "other"}],
                "taskCreatingFlows[0].taskTemplate": "nope",
            },
            "taskCreatingFlows[0].taskTemplate: expected the name of a taskTemplates entry"
            " (follow-up, other), got 'nope'",
            id="flow-names-a-template",
        ),
        pytest.param(
            {
                "taskFlows": [
                    {"name": "callback-tasks", "queueId": "q-1"},
                    {"name": "more-tasks", "queueId": "q-2"},
                ],
                "taskTemplates": [TEMPLATE, {**TEMPLATE, "name": "t2", "taskFlow": "zz"}],
            },
            "taskTemplates[1].taskFlow: expected the name of a taskFlows entry (callback-tasks,"
            " more-tasks), got 'zz'",
            id="template-names-a-task-flow",
        ),
    ],
)
def test_names_that_refer_to_no_entry_list_the_entries(
    changes: dict[str, Any], expected: str
) -> None:
    assert _problems(_dev_with(changes)) == [expected]


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param(
            {"taskTemplates": [TEMPLATE], "taskCreatingFlows[0].taskTemplate": "follow-up"},
            id="template-named",
        ),
        pytest.param({"taskTemplates": [{**TEMPLATE, "taskFlow": "callback-tasks"}]}, id="flow"),
        pytest.param({"taskTemplates": [TEMPLATE]}, id="template-without-flow"),
    ],
)
def test_names_that_refer_to_an_entry_parse(changes: dict[str, Any]) -> None:
    args = parse_environment(_dev_with(changes), environment="dev")
    assert args["task_templates"][0]["name"] == "follow-up"


def test_a_wrong_reference_is_not_reported_when_its_list_is_itself_wrong() -> None:
    # taskFlows is broken, so the flow's taskFlow cannot be checked against it: one problem.
    raw = _dev_with(
        {
            "taskFlows[0]": {"name": "callback-tasks"},
            "taskCreatingFlows[0].taskFlow": "zz",
            "taskTemplates": [{**TEMPLATE, "taskFlow": "zz"}],
        }
    )
    assert _problems(raw) == [
        "taskFlows[0].queueId: expected a queue ID (letters, digits, '-') (it is required)"
    ]


def test_the_parsed_args_add_the_environment_and_its_tag() -> None:
    args = parse_environment(DEV, environment="staging", region="us-east-1")
    assert args["environment"] == "staging"
    assert args["tags"] == {
        "owner": "contact-center-platform",
        "cost-center": "cc-4410",
        "environment": "staging",
    }
    assert args["task_flows"] == [
        {"name": "callback-tasks", "queue_id": "6a3b1c9e-0d2f-4e5a-8b7c-9d1e2f3a4b5c"}
    ]
    assert args["trust"]["metrics_reader"] == {"service": "lambda.amazonaws.com"}
    assert DEV["tags"] == {"owner": "contact-center-platform", "cost-center": "cc-4410"}


def test_the_region_problem_names_both_regions_word_for_word() -> None:
    assert _problems(DEV, region="eu-west-1") == [
        "instanceArn: expected an instance in the stack's Region eu-west-1 (aws:region, where"
        " the resources go), got 'arn:aws:connect:us-east-1:111122223333:instance/"
        "2f8c6a1e-4b7d-4e19-9c3a-5d0e8f7a6b21' in us-east-1"
    ]


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        (pulumi.Input[str], "a non-empty string"),  # type: ignore[misc]
        (pulumi.Input[bool], "true or false"),  # type: ignore[misc]
        (list[pulumi.Input[str]], "a list of a non-empty string"),
        (dict[str, bool], "an object of name: true or false"),
    ],
)
def test_a_pulumi_input_reads_as_its_plain_type(hint: Any, expected: str) -> None:
    assert shape(hint) == expected


QUEUE = "6a3b1c9e-0d2f-4e5a-8b7c-9d1e2f3a4b5c"  # dev's callback-tasks queue


@pytest.mark.parametrize(
    ("overflow", "expected"),
    [
        pytest.param(
            "queue 2",
            "taskFlows[0].overflowQueueId: expected a queue ID (letters, digits, '-'),"
            " got 'queue 2'",
            id="not-a-queue-id",
        ),
        pytest.param(
            QUEUE,
            "taskFlows[0].overflowQueueId: expected a queue other than queueId (a full queue"
            f" cannot take its own overflow), got {QUEUE!r}",
            id="the-flow-s-own-queue",
        ),
    ],
)
def test_an_overflow_queue_is_another_queue_id(overflow: str, expected: str) -> None:
    assert _dev_with({})["taskFlows"][0]["queueId"] == QUEUE
    assert _problems(_dev_with({"taskFlows[0].overflowQueueId": overflow})) == [expected]


def test_an_overflow_queue_parses_to_the_component_key() -> None:
    args = parse_environment(_dev_with({"taskFlows[0].overflowQueueId": "q-2"}), environment="dev")
    assert args["task_flows"][0] == {
        "name": "callback-tasks",
        "queue_id": QUEUE,
        "overflow_queue_id": "q-2",
    }
