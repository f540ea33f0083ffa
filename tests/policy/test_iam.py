"""The IAM identity-policy rules: the components' role policies pass; wildcard actions, broad
managed policies, unscoped resources and PassRole on every role are caught, inline ones too."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_streaming.arns import ConnectInstance
from connect_streaming.roles.documents import (
    metrics_reader_policy,
    streaming_controller_policy,
    task_starter_policy,
    to_json,
)
from tests.policy.calls import violations
from tests.policy.cases import (
    ACCOUNT,
    INSTANCE,
    doc,
)
from tests.policy.strategies import instances


def _role_policy(*statements: dict[str, Any]) -> dict[str, Any]:
    return {"role": "r", "policy": doc(*statements)}


def test_the_components_role_policies_pass() -> None:
    flow = INSTANCE.contact_flow_arn("f1")
    for document in (
        streaming_controller_policy(INSTANCE),
        metrics_reader_policy(INSTANCE),
        task_starter_policy(INSTANCE, [flow], previous_contacts=True),
    ):
        props = {"policy": to_json(document)}
        for name in ("iam-no-wildcard-actions", "iam-scoped-resources", "iam-no-passrole-star"):
            assert violations(name, "aws:iam/rolePolicy:RolePolicy", props) == []


@pytest.mark.parametrize("action", ["*", "connect:*", "Connect:*", ["sns:Publish", "kms:*"]])
def test_wildcard_actions_are_caught(action: Any) -> None:
    props = _role_policy({"Effect": "Allow", "Action": action, "Resource": INSTANCE.arn})
    (message,) = violations("iam-no-wildcard-actions", "aws:iam/rolePolicy:RolePolicy", props)
    assert "wildcard action" in message


def test_not_action_and_broad_managed_policies_are_caught() -> None:
    props = _role_policy({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})
    assert violations("iam-no-wildcard-actions", "aws:iam/policy:Policy", props)
    role = {
        "assumeRolePolicy": "{}",
        "managedPolicyArns": ["arn:aws:iam::aws:policy/AdministratorAccess"],
    }
    assert violations("iam-no-wildcard-actions", "aws:iam/role:Role", role)
    attachment = {"role": "r", "policyArn": "arn:aws:iam::aws:policy/AmazonConnect_FullAccess"}
    assert violations(
        "iam-no-wildcard-actions", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", attachment
    )


def test_a_deny_with_wildcards_is_fine() -> None:
    props = _role_policy({"Effect": "Deny", "Action": "*", "Resource": "*"})
    assert violations("iam-no-wildcard-actions", "aws:iam/rolePolicy:RolePolicy", props) == []


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
    (message,) = violations("iam-scoped-resources", "aws:iam/rolePolicy:RolePolicy", props)
    assert expected in message


def test_star_is_fine_for_actions_that_cannot_be_scoped() -> None:
    props = _role_policy({"Effect": "Allow", "Action": "sts:GetCallerIdentity", "Resource": "*"})
    assert violations("iam-scoped-resources", "aws:iam/rolePolicy:RolePolicy", props) == []


def test_inline_policies_on_the_role_are_judged() -> None:
    role = {
        "assumeRolePolicy": "{}",
        "inlinePolicies": [
            {"name": "ok", "policy": to_json(streaming_controller_policy(INSTANCE))},
            {
                "name": "bad",
                "policy": doc({"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}),
            },
        ],
    }
    (message,) = violations("iam-no-passrole-star", "aws:iam/role:Role", role)
    assert message.startswith("inlinePolicies[1]:")


def test_passrole_on_named_roles_is_fine() -> None:
    props = _role_policy(
        {
            "Effect": "Allow",
            "Action": "iam:PassRole",
            "Resource": f"arn:aws:iam::{ACCOUNT}:role/app",
        }
    )
    assert violations("iam-no-passrole-star", "aws:iam/rolePolicy:RolePolicy", props) == []


@given(instances, st.sampled_from(["*", "connect:*"]), st.integers(min_value=0, max_value=1))
def test_widening_a_role_policy_is_caught(
    instance: ConnectInstance, wildcard: str, index: int
) -> None:
    document = metrics_reader_policy(instance)
    mutated = copy.deepcopy(document)
    mutated["Statement"][index]["Action"] = wildcard
    assert violations(
        "iam-no-wildcard-actions", "aws:iam/rolePolicy:RolePolicy", {"policy": to_json(mutated)}
    )
    scoped = copy.deepcopy(document)
    scoped["Statement"][index]["Resource"] = "*"
    assert violations(
        "iam-scoped-resources", "aws:iam/rolePolicy:RolePolicy", {"policy": to_json(scoped)}
    )
