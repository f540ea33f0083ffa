"""Every rule, called directly: passing and failing cases, the public samples' insecure
patterns, and hypothesis (a rule never crashes; removing a required condition is caught)."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_streaming.arns import ConnectInstance
from connect_streaming.documents import (
    kms_key_policy,
    metrics_reader_policy,
    streaming_controller_policy,
    streaming_topic_policy,
    task_starter_policy,
    to_json,
)
from connect_streaming.flows import task_creating_flow, task_routing_flow
from connect_streaming_policy.rules import (
    RESOURCE_RULES,
    RULES,
    STACK_RULES,
    Context,
    ResourceRule,
    StackResource,
    StackRule,
    rule,
)
from tests.policy.cases import (
    ACCOUNT,
    CASES,
    INSTANCE,
    KEY_ARN,
    STACK_CASES,
    TAGS,
    TOPIC_ARN,
    Case,
    StackCase,
    connect_publish,
)
from tests.policy.cases import doc as _doc
from tests.policy.cases import topic as _topic
from tests.repo import load_stack_config, run_stack_program


def _violations(
    name: str, resource_type: str, props: Mapping[str, Any], **context: Any
) -> list[str]:
    found = rule(name)
    assert isinstance(found, ResourceRule)
    return found.violations(resource_type, props, Context(**context))


# --- the rule set -----------------------------------------------------------------------------


def test_every_rule_is_documented_with_a_default_level() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    for r in RULES:
        assert r.description.endswith(".")
        assert r.remediation
        assert r.severity in {"low", "medium", "high", "critical"}
    levels = {r.name: r.level for r in RULES}
    assert levels["required-tags"] == "advisory"
    assert levels["streaming-topic-has-subscriber"] == "advisory"
    assert {n for n, lv in levels.items() if lv == "mandatory"} == {
        "streaming-topic-standard",
        "topic-encrypted-with-cmk",
        "service-grants-scoped",
        "topic-denies-insecure-transport",
        "kms-key-rotation",
        "iam-no-wildcard-actions",
        "iam-scoped-resources",
        "iam-no-passrole-star",
        "contact-flow-valid",
        "topic-policy-not-public",
        "connect-publish-grant-pinned",
        "queue-policy-scoped",
        "lambda-permission-sns-source",
        "subscription-protocol-internal",
        "role-trust-scoped",
        "kms-service-grant-minimal",
        "task-template-usable",
    }


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_rule_case_directly(case: Case) -> None:
    """The same table as test_pack_grpc.py's gRPC driver, calling the rule."""
    messages = _violations(case.rule, case.type, case.props)
    assert len(messages) == len(case.expect), messages
    for expected, message in zip(case.expect, messages, strict=True):
        assert expected in message


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_rule_case_on_the_engines_proxies(case: Case) -> None:
    """The rules themselves judge pulumi_policy's proxies (no list/dict) like plain values."""
    from pulumi_policy.proxy import unknown_checking_proxy

    proxied = unknown_checking_proxy(copy.deepcopy(case.props))
    assert _violations(case.rule, case.type, proxied) == _violations(
        case.rule, case.type, case.props
    )


def test_every_rule_has_passing_and_failing_cases_in_the_table() -> None:
    outcomes = {(c.rule, bool(c.expect)) for c in CASES}
    outcomes |= {(c.rule, bool(c.expect)) for c in STACK_CASES}
    assert outcomes == {(r.name, failing) for r in RULES for failing in (False, True)}


@pytest.mark.parametrize("case", STACK_CASES, ids=lambda c: c.id)
def test_every_stack_rule_case_directly(case: StackCase) -> None:
    found = rule(case.rule)
    assert isinstance(found, StackRule)
    resources = [StackResource(t, case.urn(t, n), n, p) for t, n, p in case.resources]
    assert [urn for _, urn in found.violations(resources)] == list(case.expect)


def test_an_unknown_rule_name_lists_the_known_ones() -> None:
    with pytest.raises(KeyError, match="known: streaming-topic-standard"):
        rule("nope")


@pytest.mark.parametrize("environment", ["dev", "staging", "prod"])
def test_the_stacks_own_resources_pass_every_rule(environment: str) -> None:
    run = run_stack_program(environment, load_stack_config(environment))
    context = Context(environment=environment)
    for resource in run.resources:
        for r in RESOURCE_RULES:
            assert r.violations(resource.type, resource.inputs, context) == [], (
                r.name,
                resource.name,
            )
    resources = [
        StackResource(r.type, r.urn, r.name, {**r.inputs, **r.outputs}, r.parent)
        for r in run.resources
    ]
    for s in STACK_RULES:
        assert s.violations(resources, context) == []


# --- SNS topics -------------------------------------------------------------------------------


def test_the_components_topic_passes_the_topic_rules() -> None:
    for name in (
        "streaming-topic-standard",
        "topic-encrypted-with-cmk",
        "service-grants-scoped",
        "topic-denies-insecure-transport",
    ):
        assert _violations(name, "aws:sns/topic:Topic", _topic()) == []


def test_sample_topic_policy_granting_connect_without_conditions_is_caught() -> None:
    # The public samples' pattern: connect.amazonaws.com may publish, no conditions at all.
    policy = _doc(connect_publish(None))
    (message,) = _violations("service-grants-scoped", "aws:sns/topic:Topic", _topic(policy=policy))
    assert "aws:SourceAccount and aws:SourceArn" in message
    insecure = _violations(
        "topic-denies-insecure-transport", "aws:sns/topic:Topic", _topic(policy=policy)
    )
    assert len(insecure) == 1
    assert "aws:SecureTransport" in insecure[0]


def test_a_separate_topic_policy_resource_is_judged_the_same() -> None:
    policy = _doc(
        {
            "Effect": "Allow",
            "Principal": {"Service": ["connect.amazonaws.com"]},
            "Action": "SNS:Publish",
            "Resource": TOPIC_ARN,
            "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}},
        }
    )
    props = {"arn": TOPIC_ARN, "policy": policy}
    (message,) = _violations("service-grants-scoped", "aws:sns/topicPolicy:TopicPolicy", props)
    assert "without aws:SourceArn" in message


def test_negated_conditions_do_not_count_as_scoping() -> None:
    policy = _doc(
        connect_publish(
            {
                "StringNotEquals": {"aws:SourceAccount": "999999999999"},
                "ArnNotEquals": {
                    "aws:SourceArn": "arn:aws:connect:us-east-1:999999999999:instance/x"
                },
            }
        )
    )
    assert _violations("service-grants-scoped", "aws:sns/topic:Topic", _topic(policy=policy))


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"kmsMasterKeyId": None}, "not encrypted"),
        ({"kmsMasterKeyId": ""}, "not encrypted"),
        ({"kmsMasterKeyId": "alias/aws/sns"}, "AWS managed key"),
        ({"kmsMasterKeyId": f"arn:aws:kms:us-east-1:{ACCOUNT}:alias/aws/sns"}, "AWS managed key"),
    ],
)
def test_unencrypted_or_aws_managed_key_topics_are_caught(
    overrides: dict[str, Any], expected: str
) -> None:
    props = _topic(**overrides)
    (message,) = _violations("topic-encrypted-with-cmk", "aws:sns/topic:Topic", props)
    assert expected in message


def test_encryption_scope_streaming_ignores_other_topics() -> None:
    plain = {"name": "alerts", "tags": TAGS}
    assert _violations("topic-encrypted-with-cmk", "aws:sns/topic:Topic", plain)
    streaming_only = {"scope": "streaming"}
    assert (
        _violations("topic-encrypted-with-cmk", "aws:sns/topic:Topic", plain, config=streaming_only)
        == []
    )
    unencrypted_stream = _topic(kmsMasterKeyId=None)
    assert _violations(
        "topic-encrypted-with-cmk", "aws:sns/topic:Topic", unencrypted_stream, config=streaming_only
    )


@pytest.mark.parametrize("overrides", [{"fifoTopic": True}, {"name": "dev-chat.fifo"}])
def test_a_fifo_streaming_topic_is_caught(overrides: dict[str, Any]) -> None:
    (message,) = _violations("streaming-topic-standard", "aws:sns/topic:Topic", _topic(**overrides))
    assert "FIFO" in message


def test_a_fifo_topic_nobody_streams_to_is_not_judged() -> None:
    props = {"name": "orders.fifo", "fifoTopic": True, "kmsMasterKeyId": KEY_ARN}
    assert _violations("streaming-topic-standard", "aws:sns/topic:Topic", props) == []


def test_an_unreadable_policy_is_a_violation_not_a_crash() -> None:
    messages = _violations("service-grants-scoped", "aws:sns/topic:Topic", _topic(policy="{nope"))
    assert len(messages) == 1
    assert "not valid JSON" in messages[0]


# --- KMS --------------------------------------------------------------------------------------


def test_key_rotation() -> None:
    policy = to_json(kms_key_policy(INSTANCE))
    assert _violations("kms-key-rotation", "aws:kms/key:Key", {"enableKeyRotation": True}) == []
    assert _violations("kms-key-rotation", "aws:kms/key:Key", {"policy": policy})
    assert _violations("kms-key-rotation", "aws:kms/key:Key", {"enableKeyRotation": False})
    asymmetric = {"customerMasterKeySpec": "RSA_2048", "keyUsage": "SIGN_VERIFY"}
    assert _violations("kms-key-rotation", "aws:kms/key:Key", asymmetric) == []


def test_the_components_key_policy_passes_and_an_unscoped_grant_fails() -> None:
    good = {"policy": to_json(kms_key_policy(INSTANCE)), "enableKeyRotation": True}
    assert _violations("service-grants-scoped", "aws:kms/key:Key", good) == []
    document = kms_key_policy(INSTANCE)
    del document["Statement"][1]["Condition"]
    (message,) = _violations(
        "service-grants-scoped", "aws:kms/key:Key", {"policy": to_json(document)}
    )
    assert "ConnectEncryptsStreamedMessages" in message


# --- IAM --------------------------------------------------------------------------------------


def _role_policy(*statements: dict[str, Any]) -> dict[str, Any]:
    return {"role": "r", "policy": _doc(*statements)}


def test_the_components_role_policies_pass() -> None:
    flow = INSTANCE.contact_flow_arn("f1")
    for document in (
        streaming_controller_policy(INSTANCE),
        metrics_reader_policy(INSTANCE),
        task_starter_policy(INSTANCE, [flow], previous_contacts=True),
    ):
        props = {"policy": to_json(document)}
        for name in ("iam-no-wildcard-actions", "iam-scoped-resources", "iam-no-passrole-star"):
            assert _violations(name, "aws:iam/rolePolicy:RolePolicy", props) == []


@pytest.mark.parametrize("action", ["*", "connect:*", "Connect:*", ["sns:Publish", "kms:*"]])
def test_wildcard_actions_are_caught(action: Any) -> None:
    props = _role_policy({"Effect": "Allow", "Action": action, "Resource": INSTANCE.arn})
    (message,) = _violations("iam-no-wildcard-actions", "aws:iam/rolePolicy:RolePolicy", props)
    assert "wildcard action" in message


def test_not_action_and_broad_managed_policies_are_caught() -> None:
    props = _role_policy({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})
    assert _violations("iam-no-wildcard-actions", "aws:iam/policy:Policy", props)
    role = {
        "assumeRolePolicy": "{}",
        "managedPolicyArns": ["arn:aws:iam::aws:policy/AdministratorAccess"],
    }
    assert _violations("iam-no-wildcard-actions", "aws:iam/role:Role", role)
    attachment = {"role": "r", "policyArn": "arn:aws:iam::aws:policy/AmazonConnect_FullAccess"}
    assert _violations(
        "iam-no-wildcard-actions", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", attachment
    )


def test_a_deny_with_wildcards_is_fine() -> None:
    props = _role_policy({"Effect": "Deny", "Action": "*", "Resource": "*"})
    assert _violations("iam-no-wildcard-actions", "aws:iam/rolePolicy:RolePolicy", props) == []


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        # The samples' pattern: every instance of the account.
        (
            {
                "Action": "connect:StartTaskContact",
                "Resource": f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/*",
            },
            "every Connect instance",
        ),
        ({"Action": "connect:GetMetricData", "Resource": "*"}, "can be scoped to"),
        ({"Action": ["connect:StartContactStreaming"], "Resource": ["*"]}, "can be scoped to"),
    ],
)
def test_unscoped_resources_are_caught(statement: dict[str, Any], expected: str) -> None:
    props = _role_policy({"Effect": "Allow", **statement})
    (message,) = _violations("iam-scoped-resources", "aws:iam/rolePolicy:RolePolicy", props)
    assert expected in message


def test_star_is_fine_for_actions_that_cannot_be_scoped() -> None:
    props = _role_policy({"Effect": "Allow", "Action": "sts:GetCallerIdentity", "Resource": "*"})
    assert _violations("iam-scoped-resources", "aws:iam/rolePolicy:RolePolicy", props) == []


def test_inline_policies_on_the_role_are_judged() -> None:
    role = {
        "assumeRolePolicy": "{}",
        "inlinePolicies": [
            {"name": "ok", "policy": to_json(streaming_controller_policy(INSTANCE))},
            {
                "name": "bad",
                "policy": _doc({"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}),
            },
        ],
    }
    (message,) = _violations("iam-no-passrole-star", "aws:iam/role:Role", role)
    assert message.startswith("inlinePolicies[1]:")


def test_passrole_on_named_roles_is_fine() -> None:
    props = _role_policy(
        {
            "Effect": "Allow",
            "Action": "iam:PassRole",
            "Resource": f"arn:aws:iam::{ACCOUNT}:role/app",
        }
    )
    assert _violations("iam-no-passrole-star", "aws:iam/rolePolicy:RolePolicy", props) == []


# --- contact flows ----------------------------------------------------------------------------


def test_builder_flows_pass_and_an_attachment_reference_is_caught() -> None:
    queue = f"{INSTANCE.arn}/queue/q1"
    routing = task_routing_flow(queue_arn=queue, name="route").to_json()
    assert (
        _violations(
            "contact-flow-valid", "aws:connect/contactFlow:ContactFlow", {"content": routing}
        )
        == []
    )
    creating = json.loads(
        task_creating_flow(
            contact_flow_arn=INSTANCE.contact_flow_arn("f"), task_name="t", name="c"
        ).to_json()
    )
    task = next(a for a in creating["Actions"] if a["Type"] == "CreateTask")
    task["Parameters"]["References"] = {"file": {"Type": "ATTACHMENT", "Value": "s3://b/k"}}
    messages = _violations(
        "contact-flow-valid",
        "aws:connect/contactFlow:ContactFlow",
        {"content": json.dumps(creating)},
    )
    assert any("[attachment-reference]" in m for m in messages)


def _one_action_flow(action: dict[str, Any]) -> str:
    """Flow content (JSON text) whose only action, the start, is ``action``."""
    start = {"Parameters": {}, "Transitions": {}, **action}
    return json.dumps(
        {"Version": "2019-10-30", "StartAction": start["Identifier"], "Actions": [start]}
    )


def test_a_broken_flow_names_the_action_and_rule() -> None:
    content = _one_action_flow(
        {
            "Identifier": "a",
            "Type": "UpdateContactTargetQueue",
            "Parameters": {"QueueId": "q"},
            "Transitions": {"NextAction": "missing"},
        }
    )
    messages = _violations(
        "contact-flow-valid", "aws:connect/contactFlow:ContactFlow", {"content": content}
    )
    assert any("action 'a'" in m and "[dangling-transition]" in m for m in messages)


def test_a_flow_is_judged_for_the_resources_flow_type() -> None:
    content = _one_action_flow({"Identifier": "end", "Type": "EndFlowExecution"})
    flow = "aws:connect/contactFlow:ContactFlow"
    whisper = {"content": content, "type": "CUSTOMER_WHISPER"}
    assert _violations("contact-flow-valid", flow, whisper) == []
    for props in ({"content": content}, {"content": content, "type": "CONTACT_FLOW"}):
        (message,) = _violations("contact-flow-valid", flow, props)
        assert "action 'end'" in message
        assert "[action-not-in-flow-type]" in message


# --- tags -------------------------------------------------------------------------------------


def test_required_tags_and_the_stricter_prod() -> None:
    props = {"name": "t", "tags": {"owner": "o", "cost-center": "c", "environment": "dev"}}
    assert _violations("required-tags", "aws:sns/topic:Topic", props) == []
    prod = {"name": "t", "tags": {"owner": "o", "cost-center": "c", "environment": "prod"}}
    (message,) = _violations("required-tags", "aws:sns/topic:Topic", prod)
    assert "data-classification" in message
    untagged = {"name": "t"}
    (message,) = _violations("required-tags", "aws:sns/topic:Topic", untagged, environment="prod")
    assert "owner, cost-center, environment, data-classification" in message


def test_required_tags_are_configurable_and_skip_untaggable_types() -> None:
    props = {"name": "t", "tags": {"team": "x"}}
    assert (
        _violations(
            "required-tags", "aws:sns/topic:Topic", props, config={"requiredTags": ["team"]}
        )
        == []
    )
    assert _violations("required-tags", "aws:kms/alias:Alias", {"name": "alias/x"}) == []


# --- the stack rule ---------------------------------------------------------------------------


def _stack(*, subscribed: bool, separate_policy: bool = False) -> list[StackResource]:
    topic_props = _topic(arn=TOPIC_ARN)
    resources = []
    if separate_policy:
        policy = topic_props.pop("policy")
        resources.append(
            StackResource(
                "aws:sns/topicPolicy:TopicPolicy",
                "urn:policy",
                "p",
                {"arn": TOPIC_ARN, "policy": policy},
            )
        )
    resources.append(StackResource("aws:sns/topic:Topic", "urn:topic", "chat", topic_props))
    if subscribed:
        resources.append(
            StackResource(
                "aws:sns/topicSubscription:TopicSubscription",
                "urn:sub",
                "s",
                {"topic": TOPIC_ARN, "protocol": "sqs"},
            )
        )
    return resources


@pytest.mark.parametrize("separate_policy", [False, True])
def test_a_streaming_topic_without_subscribers_is_caught(separate_policy: bool) -> None:
    found = rule("streaming-topic-has-subscriber")
    assert isinstance(found, StackRule)
    ((message, urn),) = found.violations(_stack(subscribed=False, separate_policy=separate_policy))
    assert urn == "urn:topic"
    assert "no subscription" in message
    assert found.violations(_stack(subscribed=True, separate_policy=separate_policy)) == []


def test_topics_nobody_streams_to_need_no_subscriber() -> None:
    found = rule("streaming-topic-has-subscriber")
    assert isinstance(found, StackRule)
    lonely = StackResource("aws:sns/topic:Topic", "urn:t", "alerts", {"name": "alerts", "arn": "x"})
    assert found.violations([lonely]) == []


# --- hypothesis -------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)
PROP_KEYS = [
    "policy", "name", "fifoTopic", "kmsMasterKeyId", "arn", "enableKeyRotation", "keyUsage",
    "customerMasterKeySpec", "inlinePolicies", "managedPolicyArns", "policyArn", "content", "tags",
]  # fmt: skip
TYPES = sorted({t for r in RESOURCE_RULES for t in r.types})
props_strategy = st.dictionaries(
    st.sampled_from(PROP_KEYS),
    json_values | json_values.map(json.dumps),
    max_size=6,
)


@given(
    st.sampled_from(RESOURCE_RULES),
    st.sampled_from(TYPES),
    props_strategy,
    st.sampled_from([None, "prod"]),
)
def test_a_resource_rule_never_crashes(
    r: ResourceRule, resource_type: str, props: dict[str, Any], environment: str | None
) -> None:
    messages = r.violations(resource_type, props, Context(environment=environment))
    assert all(isinstance(m, str) and m for m in messages)


@given(
    st.lists(
        st.tuples(
            st.sampled_from([*TYPES, "aws:sns/topicSubscription:TopicSubscription"]), props_strategy
        ),
        max_size=6,
    )
)
def test_the_stack_rule_never_crashes(items: list[tuple[str, dict[str, Any]]]) -> None:
    resources = [StackResource(t, f"urn:{i}", f"r{i}", p) for i, (t, p) in enumerate(items)]
    for s in STACK_RULES:
        for message, _urn in s.violations(resources):
            assert message


instances = st.builds(
    lambda region, account, ident: ConnectInstance.from_arn(
        f"arn:aws:connect:{region}:{account}:instance/{ident}"
    ),
    st.sampled_from(["us-east-1", "eu-west-2", "ap-southeast-2"]),
    st.from_regex(r"[0-9]{12}", fullmatch=True),
    st.uuids().map(str),
)


@given(
    instances,
    st.sampled_from(["aws:SourceAccount", "aws:SourceArn"]),
    st.sampled_from(["topic", "key"]),
)
def test_removing_a_required_condition_is_caught(
    instance: ConnectInstance, key: str, which: str
) -> None:
    if which == "topic":
        document = streaming_topic_policy(instance, instance.sns_topic_arn("chat"))
        resource_type = "aws:sns/topic:Topic"
    else:
        document = kms_key_policy(instance)
        resource_type = "aws:kms/key:Key"
    assert _violations("service-grants-scoped", resource_type, {"policy": to_json(document)}) == []
    mutated = copy.deepcopy(document)
    for statement in mutated["Statement"]:
        for clause in statement.get("Condition", {}).values():
            clause.pop(key, None)
    (message,) = _violations("service-grants-scoped", resource_type, {"policy": to_json(mutated)})
    assert key in message


@given(instances, st.sampled_from(["*", "connect:*"]), st.integers(min_value=0, max_value=1))
def test_widening_a_role_policy_is_caught(
    instance: ConnectInstance, wildcard: str, index: int
) -> None:
    document = metrics_reader_policy(instance)
    mutated = copy.deepcopy(document)
    mutated["Statement"][index]["Action"] = wildcard
    assert _violations(
        "iam-no-wildcard-actions", "aws:iam/rolePolicy:RolePolicy", {"policy": to_json(mutated)}
    )
    scoped = copy.deepcopy(document)
    scoped["Statement"][index]["Resource"] = "*"
    assert _violations(
        "iam-scoped-resources", "aws:iam/rolePolicy:RolePolicy", {"policy": to_json(scoped)}
    )
