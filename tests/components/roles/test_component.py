"""The role components under Pulumi's mocks: one role, one inline policy, its trust."""

from __future__ import annotations

import pytest

from connect_streaming.roles import MetricsReaderRole, StreamingControllerRole, TaskStarterRole
from connect_streaming_plan.mocks import StackProgramError, StackRun
from tests.components.component_runs import (
    ACCOUNT,
    INSTANCE,
    OIDC_PROVIDER,
    document_in,
    run_in_stack,
)

# --- roles ------------------------------------------------------------------------------------


def _roles() -> StackRun:
    flow = f"{INSTANCE}/contact-flow/0a1b2c3d"

    def program() -> None:
        StreamingControllerRole(
            "ctl", {"instance_arn": INSTANCE, "trust": {"service": "lambda.amazonaws.com"}}
        )
        MetricsReaderRole(
            "metrics",
            {"instance_arn": INSTANCE, "trust": {"role_arns": [f"arn:aws:iam::{ACCOUNT}:root"]}},
        )
        TaskStarterRole(
            "tasks",
            {
                "instance_arn": INSTANCE,
                "contact_flow_arns": [flow],
                "trust": {
                    "oidc_provider_arn": OIDC_PROVIDER,
                    "oidc_subjects": ["repo:org/app:ref:refs/heads/main"],
                },
            },
        )

    return run_in_stack(program)


def test_each_role_component_makes_one_role_with_one_inline_policy() -> None:
    run = _roles()
    roles = {r.parent_name: r for r in run.of_type("aws:iam/role:Role")}
    policies = {r.parent_name: r for r in run.of_type("aws:iam/rolePolicy:RolePolicy")}
    assert set(roles) == {"ctl", "metrics", "tasks"}
    assert set(policies) == {"ctl-role", "metrics-role", "tasks-role"}
    actions = {
        name: sorted(
            a
            for s in document_in(policy)["Statement"]
            for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])
        )
        for name, policy in policies.items()
    }
    assert actions == {
        "ctl-role": ["connect:StartContactStreaming", "connect:StopContactStreaming"],
        "metrics-role": [
            "connect:GetCurrentMetricData",
            "connect:GetMetricData",
            "connect:GetMetricDataV2",
        ],
        "tasks-role": ["connect:StartTaskContact"],
    }
    trust = {name: document_in(role, "assumeRolePolicy") for name, role in roles.items()}
    assert trust["ctl"]["Statement"][0]["Principal"] == {"Service": "lambda.amazonaws.com"}
    assert trust["tasks"]["Statement"][0]["Action"] == "sts:AssumeRoleWithWebIdentity"
    for parent, policy in policies.items():
        assert policy.inputs["role"] == roles[str(parent).removesuffix("-role")].id


def test_task_starter_policy_is_built_from_flow_outputs() -> None:
    run = _roles()
    policy = next(r for r in run.of_type("aws:iam/rolePolicy:RolePolicy") if "tasks" in r.name)
    assert document_in(policy)["Statement"][0]["Resource"] == [f"{INSTANCE}/contact-flow/0a1b2c3d"]


def test_a_role_with_two_trust_kinds_is_refused() -> None:
    with pytest.raises(StackProgramError, match="exactly one of"):
        run_in_stack(
            lambda: StreamingControllerRole(
                "ctl",
                {
                    "instance_arn": INSTANCE,
                    "trust": {
                        "service": "lambda.amazonaws.com",
                        "role_arns": [f"arn:aws:iam::{ACCOUNT}:root"],
                    },
                },
            )
        )
