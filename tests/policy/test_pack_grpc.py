"""The policy pack through its real gRPC Analyzer interface, started as the engine starts it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from typing import Any

import pytest
from google.protobuf import json_format
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pulumi.runtime.proto import analyzer_pb2
from pulumi.runtime.rpc import UNKNOWN

from connect_streaming.arns import ConnectInstance
from connect_streaming.streaming.documents import streaming_topic_policy, to_json
from connect_streaming_plan.analyzer import PolicyPackProcess, Resource
from connect_streaming_policy.catalogue import RESOURCE_RULES, RULES, STACK_RULES
from tests.policy.cases import ADMIN, CASES, STACK_CASES, Case, StackCase, role
from tests.policy.strategies import TYPES, props_strategy
from tests.repo import POLICY_PACK_DIR, REPO_ROOT

INSTANCE = ConnectInstance.from_arn("arn:aws:connect:us-east-1:111122223333:instance/abcd")
TOPIC_ARN = INSTANCE.sns_topic_arn("chat")
TAGS = {"owner": "o", "cost-center": "c", "environment": "dev"}
INSECURE_TOPIC = {
    "name": "chat",
    "policy": json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "connect.amazonaws.com"},
                    "Action": "sns:Publish",
                    "Resource": TOPIC_ARN,
                }
            ],
        }
    ),
    "tags": TAGS,
}


def _defaults() -> dict[str, tuple[str, dict[str, Any]]]:
    return {r.name: (r.level, r.settings(None)) for r in RULES}


@pytest.fixture(scope="module")
def pack() -> Iterator[PolicyPackProcess]:
    # PULUMI_STACK empty: no environment, as the direct driver's Context() has none.
    with PolicyPackProcess(POLICY_PACK_DIR, env={"PULUMI_STACK": ""}) as running:
        running.configure(_defaults())
        yield running


def _resource(resource_type: str, name: str, props: dict[str, Any]) -> Resource:
    """A resource of the dev stack as the engine sends it (its URN from its type and name)."""
    return Resource(resource_type, f"urn:pulumi:dev::p::{resource_type}::{name}", name, props)


def _messages(response: analyzer_pb2.AnalyzeResponse, policy: str) -> list[str]:
    return [d.message for d in response.diagnostics if d.policyName == policy]


def test_an_administrator_role_is_caught_through_the_engines_interface(
    pack: PolicyPackProcess,
) -> None:
    # The engine hands rules proxies (pulumi_policy.proxy._ListProxy), not lists.
    pack.configure(_defaults())
    resource = _resource("aws:iam/role:Role", "admin", role(managedPolicyArns=[ADMIN]))
    (message,) = _messages(pack.analyze(resource), "iam-no-wildcard-actions")
    assert "AdministratorAccess" in message


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_rule_case_through_grpc(pack: PolicyPackProcess, case: Case) -> None:
    """The same table as test_rules.py's direct driver, through Analyze."""
    response = pack.analyze(Resource(case.type, case.urn, case.id, case.props))
    messages = _messages(response, case.rule)
    assert len(messages) == len(case.expect), messages
    for expected, message in zip(case.expect, messages, strict=True):
        assert expected in message


def _topic(props: dict[str, Any]) -> Resource:
    return _resource("aws:sns/topic:Topic", "chat", props)


def _by_policy(response: analyzer_pb2.AnalyzeResponse) -> dict[str, int]:
    return {d.policyName: d.enforcementLevel for d in response.diagnostics}


def test_get_analyzer_info_lists_every_rule(pack: PolicyPackProcess) -> None:
    info = pack.info()
    assert info.name == "connect-streaming"
    assert info.supportsConfig
    policies = {p.name: p for p in info.policies}
    assert set(policies) == {r.name for r in RULES}
    for r in RULES:
        p = policies[r.name]
        assert p.description == r.description
        assert p.remediation_steps == r.remediation
        assert analyzer_pb2.EnforcementLevel.Name(p.enforcementLevel).lower() == r.level
        assert (
            analyzer_pb2.PolicySeverity.Name(p.severity) == f"POLICY_SEVERITY_{r.severity.upper()}"
        )
        schema = json_format.MessageToDict(p.configSchema).get("properties", {})
        assert set(schema) == set(r.config)
    kinds = {p.name: p.policy_type for p in info.policies}
    for r in RESOURCE_RULES:
        assert kinds[r.name] == analyzer_pb2.POLICY_TYPE_RESOURCE
    for s in STACK_RULES:
        assert kinds[s.name] == analyzer_pb2.POLICY_TYPE_STACK


def test_analyze_reports_the_insecure_topic_with_names_and_levels(pack: PolicyPackProcess) -> None:
    pack.configure(_defaults())
    response = pack.analyze(_topic(INSECURE_TOPIC))
    assert _by_policy(response) == {
        "topic-encrypted-with-cmk": analyzer_pb2.MANDATORY,
        "service-grants-scoped": analyzer_pb2.MANDATORY,
        "topic-denies-insecure-transport": analyzer_pb2.MANDATORY,
        "connect-publish-grant-pinned": analyzer_pb2.MANDATORY,
    }
    for diagnostic in response.diagnostics:
        assert diagnostic.policyPackName == "connect-streaming"
        assert diagnostic.message.startswith(diagnostic.description)


def test_a_secure_topic_gets_no_diagnostic(pack: PolicyPackProcess) -> None:
    pack.configure(_defaults())
    props = {
        "name": "chat",
        "kmsMasterKeyId": "arn:aws:kms:us-east-1:111122223333:key/k",
        "policy": to_json(streaming_topic_policy(INSTANCE, TOPIC_ARN)),
        "tags": TAGS,
    }
    assert list(pack.analyze(_topic(props)).diagnostics) == []


def test_configured_levels_and_properties_reach_the_rules(pack: PolicyPackProcess) -> None:
    settings = _defaults()
    settings["service-grants-scoped"] = ("advisory", {})
    settings["topic-denies-insecure-transport"] = ("disabled", {})
    settings["connect-publish-grant-pinned"] = ("disabled", {})
    settings["required-tags"] = (
        "mandatory",
        {**settings["required-tags"][1], "requiredTags": ["team"]},
    )
    try:
        pack.configure(settings)
        levels = _by_policy(pack.analyze(_topic(INSECURE_TOPIC)))
    finally:
        pack.configure(_defaults())
    assert levels == {
        "topic-encrypted-with-cmk": analyzer_pb2.MANDATORY,
        "service-grants-scoped": analyzer_pb2.ADVISORY,
        "required-tags": analyzer_pb2.MANDATORY,
    }


def test_unknown_values_during_preview_do_not_crash_the_pack(pack: PolicyPackProcess) -> None:
    pack.configure(_defaults())
    props = {"name": "chat", "kmsMasterKeyId": UNKNOWN, "policy": UNKNOWN, "tags": TAGS}
    response = pack.analyze(_topic(props))
    diagnostics = list(response.diagnostics)
    assert diagnostics, "rules that read unknown values say they could not run"
    for diagnostic in diagnostics:
        assert diagnostic.enforcementLevel == analyzer_pb2.ADVISORY
        assert "during preview" in diagnostic.message
    # The pack keeps serving afterwards.
    assert pack.info().name == "connect-streaming"


def test_analyze_stack_runs_the_stack_rules(pack: PolicyPackProcess) -> None:
    pack.configure(_defaults())
    props = {**INSECURE_TOPIC, "arn": TOPIC_ARN}
    lonely = pack.analyze_stack([_topic(props)])
    (diagnostic,) = lonely.diagnostics
    assert diagnostic.policyName == "streaming-topic-has-subscriber"
    assert diagnostic.urn == _topic(props).urn
    assert diagnostic.enforcementLevel == analyzer_pb2.ADVISORY
    subscription = _resource(
        "aws:sns/topicSubscription:TopicSubscription",
        "s",
        {"topic": TOPIC_ARN, "protocol": "sqs", "endpoint": "arn:aws:sqs:us-east-1:111122223333:q"},
    )
    diagnostics = pack.analyze_stack([_topic(props), subscription]).diagnostics
    # The subscription lacks a dead-letter queue (streaming-subscription-has-dlq says so).
    assert [d for d in diagnostics if d.policyName == "streaming-topic-has-subscriber"] == []


def test_the_pack_exits_cleanly_when_closed() -> None:
    running = PolicyPackProcess(POLICY_PACK_DIR).start()
    assert running.info().name == "connect-streaming"
    assert running.close() == 0
    assert "Traceback" not in running.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux")
def test_the_pack_exits_when_its_caller_dies() -> None:
    caller = textwrap.dedent(
        f"""
        import os, sys
        from pathlib import Path
        sys.path.insert(0, {str(REPO_ROOT)!r})
        from connect_streaming_plan.analyzer import PolicyPackProcess
        pack = PolicyPackProcess(Path({str(POLICY_PACK_DIR)!r})).start()
        print(pack.process.pid, flush=True)
        os._exit(0)  # gone without closing anything
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", caller], capture_output=True, text=True, timeout=120, check=True
    )
    pid = int(result.stdout.strip())
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.kill(pid, 9)
    pytest.fail(f"the policy pack {pid} outlived its caller")


@pytest.mark.parametrize("case", STACK_CASES, ids=lambda c: c.id)
def test_every_stack_rule_case_through_grpc(pack: PolicyPackProcess, case: StackCase) -> None:
    """The same stack table as test_rules.py's direct driver, through AnalyzeStack."""
    pack.configure(_defaults())
    resources = [Resource(t, case.urn(t, n), n, p) for t, n, p in case.resources]
    response = pack.analyze_stack(resources)
    assert [d.urn for d in response.diagnostics if d.policyName == case.rule] == list(case.expect)


def test_the_pack_edge_copies_the_engines_proxies_to_plain_values() -> None:
    from pulumi_policy.proxy import UnknownValueError, unknown_checking_proxy

    from connect_streaming_policy.pack import PlainProps

    proxied = unknown_checking_proxy(
        {"managedPolicyArns": [ADMIN], "inlinePolicies": [{"name": "n"}], "arn": UNKNOWN}
    )
    assert not isinstance(proxied["managedPolicyArns"], list)  # what the rules used to get
    props = PlainProps(proxied)
    assert type(props["managedPolicyArns"]) is list
    assert type(props["inlinePolicies"][0]) is dict
    assert props["inlinePolicies"] == [{"name": "n"}]
    with pytest.raises(UnknownValueError) as raised:
        props.get("arn")
    assert raised.value.message.endswith("value at .arn can't be known during preview")
    assert sorted(props) == ["arn", "inlinePolicies", "managedPolicyArns"]


def test_an_unknown_source_arn_is_reported_as_preview_not_as_a_violation(
    pack: PolicyPackProcess,
) -> None:
    pack.configure(_defaults())
    permission = _resource(
        "aws:lambda/permission:Permission",
        "invoke",
        {"action": "lambda:InvokeFunction", "principal": "sns.amazonaws.com", "sourceArn": UNKNOWN},
    )
    (diagnostic,) = pack.analyze(permission).diagnostics
    assert diagnostic.policyName == "lambda-permission-sns-source"
    assert diagnostic.enforcementLevel == analyzer_pb2.ADVISORY
    assert "sourceArn" in diagnostic.message
    assert "during preview" in diagnostic.message


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TYPES), props_strategy)
def test_no_rule_crashes_on_any_json_through_grpc(
    pack: PolicyPackProcess, resource_type: str, props: dict[str, Any]
) -> None:
    # A rule that raised would fail the whole Analyze call (PolicyPackError).
    response = pack.analyze(_resource(resource_type, "r", props))
    assert all(d.message for d in response.diagnostics)
