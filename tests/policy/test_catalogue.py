"""Every rule of the catalogue, called directly: the rule set and its levels, the shared case
table (plain values and the engine's proxies), the stacks' own resources, and hypothesis (no
rule crashes on any properties). Each family's own behaviour is tested in test_<family>.py."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_streaming_policy.catalogue import RESOURCE_RULES, RULES, STACK_RULES, rule
from connect_streaming_policy.vocabulary import Context, ResourceRule, StackResource, StackRule
from tests.policy import strategies
from tests.policy.calls import violations
from tests.policy.cases import CASES, STACK_CASES, Case, StackCase
from tests.repo import load_stack_config, run_stack_program


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
    messages = violations(case.rule, case.type, case.props)
    assert len(messages) == len(case.expect), messages
    for expected, message in zip(case.expect, messages, strict=True):
        assert expected in message


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_rule_case_on_the_engines_proxies(case: Case) -> None:
    """The rules themselves judge pulumi_policy's proxies (no list/dict) like plain values."""
    from pulumi_policy.proxy import unknown_checking_proxy

    proxied = unknown_checking_proxy(copy.deepcopy(case.props))
    assert violations(case.rule, case.type, proxied) == violations(case.rule, case.type, case.props)


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


@given(
    st.sampled_from(RESOURCE_RULES), st.sampled_from(strategies.TYPES), strategies.props_strategy
)
def test_no_rule_crashes_on_any_json(
    r: ResourceRule, resource_type: str, props: dict[str, Any]
) -> None:
    messages = r.violations(resource_type, props, Context())
    assert all(isinstance(m, str) and m for m in messages)
