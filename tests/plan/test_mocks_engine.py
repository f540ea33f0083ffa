"""The mocks record what the engine would: its URNs (no stack type in the chain, the parent's
whole chain kept), each input's dependencies, where the program registered a resource, and
secrets marked so that outputs can mask them."""

from __future__ import annotations

import inspect
from pathlib import Path

import pulumi
import pulumi_aws as aws

from connect_streaming_plan.mocks import MASKED, masked, run_program
from tests.repo import load_stack_config, run_stack_program


class _Inner(pulumi.ComponentResource):
    def __init__(self, name: str, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("test:index:Inner", name, {}, opts)
        self.topic = aws.sns.Topic(f"{name}-topic", opts=pulumi.ResourceOptions(parent=self))
        self.register_outputs({})


class _Outer(pulumi.ComponentResource):
    def __init__(self, name: str) -> None:
        super().__init__("test:index:Outer", name, {})
        self.inner = _Inner(f"{name}-inner", pulumi.ResourceOptions(parent=self))
        self.register_outputs({})


LINE = {"topic": 0}


def _program() -> None:
    outer = _Outer("outer")
    LINE["topic"] = inspect.currentframe().f_lineno + 1  # type: ignore[union-attr]
    plain = aws.sns.Topic("plain", kms_master_key_id=pulumi.Output.secret("alias/k"))
    aws.sns.TopicPolicy("plain-policy", arn=plain.arn, policy="{}")
    pulumi.export("keyId", plain.kms_master_key_id)
    pulumi.export("innerArn", outer.inner.topic.arn)


def test_urns_are_the_engines() -> None:
    run = run_program(_program, environment="dev", config={}, project="shop")
    urns = {r.name: r.urn for r in run.resources}
    assert urns["outer"] == "urn:pulumi:dev::shop::test:index:Outer::outer"
    assert urns["outer-inner"] == (
        "urn:pulumi:dev::shop::test:index:Outer$test:index:Inner::outer-inner"
    )
    assert urns["outer-inner-topic"] == (
        "urn:pulumi:dev::shop::test:index:Outer$test:index:Inner$aws:sns/topic:Topic"
        "::outer-inner-topic"
    )
    assert urns["plain"] == "urn:pulumi:dev::shop::aws:sns/topic:Topic::plain"


def test_dependencies_sources_and_secrets_are_recorded() -> None:
    run = run_program(_program, environment="dev", config={}, project="shop")
    by_name = {r.name: r for r in run.resources}
    policy = by_name["plain-policy"]
    assert policy.property_dependencies == {"arn": (by_name["plain"].urn,)}
    assert by_name["plain"].urn in policy.dependencies
    assert "policy" not in policy.property_dependencies  # a literal depends on nothing
    topic = by_name["plain"]
    assert topic.source[0].path == Path(__file__)
    assert topic.source[0].line == LINE["topic"]
    assert masked(topic.inputs)["kmsMasterKeyId"] == MASKED
    assert topic.inputs["kmsMasterKeyId"] != MASKED  # the pack still gets the value
    assert run.outputs["keyId"] == MASKED
    assert run.outputs["innerArn"].startswith("arn:aws:sns:")


def test_the_stacks_children_carry_no_stack_type() -> None:
    run = run_stack_program("dev", load_stack_config("dev"))
    assert run.resources
    for resource in run.resources:
        assert "pulumi:pulumi:Stack" not in resource.urn
        chain = resource.urn.split("::")[2].split("$")
        assert chain[-1] == resource.type
        if resource.parent_name is not None:
            parent_chain = resource.parent.split("::")[2] if resource.parent else ""
            assert resource.urn.split("::")[2] == f"{parent_chain}${resource.type}"
