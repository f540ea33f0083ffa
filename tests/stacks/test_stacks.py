"""Every ``stacks/Pulumi.<env>.yaml`` runs the real stack program under mocks and yields the
resources its config asks for; bad config stops the program before any resource exists."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from connect_streaming.config import NAMESPACE, REQUIRED_TAGS
from connect_streaming.flows import flow_problems
from connect_streaming_plan.mocks import StackProgramError, StackRun
from tests.repo import known_stacks, load_stack_config, run_stack_program

ENVIRONMENTS = ["dev", "staging", "prod"]
TAGGABLE = {
    "aws:kms/key:Key",
    "aws:sns/topic:Topic",
    "aws:sqs/queue:Queue",
    "aws:iam/role:Role",
    "aws:connect/contactFlow:ContactFlow",
}


def _config(environment: str) -> dict[str, Any]:
    return load_stack_config(environment)


def _value(config: dict[str, Any], key: str) -> Any:
    return config[f"{NAMESPACE}:{key}"]


@pytest.fixture(scope="module", params=ENVIRONMENTS)
def stack(request: pytest.FixtureRequest) -> tuple[dict[str, Any], StackRun]:
    environment: str = request.param
    config = _config(environment)
    return config, run_stack_program(environment, config)


def test_the_three_environments_exist() -> None:
    assert known_stacks() == sorted(ENVIRONMENTS)


def test_stack_yields_the_resources_its_config_asks_for(
    stack: tuple[dict[str, Any], StackRun],
) -> None:
    config, run = stack
    endpoints = _value(config, "streamingEndpoints")
    task_flows = _value(config, "taskFlows")
    creating = _value(config, "taskCreatingFlows")
    subscribers = [
        sub
        for e in endpoints
        for kind in ("sqsSubscribers", "lambdaSubscribers", "httpsSubscribers")
        for sub in e.get(kind, [])
    ]
    sqs = [sub for e in endpoints for sub in e.get("sqsSubscribers", [])]
    own_keys = [e for e in endpoints if "kmsKeyArn" not in e]
    counts = Counter(r.type for r in run.resources)
    assert counts["connect-streaming:index:StreamingEnvironment"] == 1
    assert counts["connect-streaming:index:ChatStreamingEndpoint"] == len(endpoints)
    assert counts["aws:sns/topic:Topic"] == len(endpoints)
    assert counts["aws:kms/key:Key"] == len(own_keys)
    assert counts["aws:sns/topicSubscription:TopicSubscription"] == len(subscribers)
    # Each SQS subscriber queue has its own DLQ; every subscription has one for SNS.
    assert counts["aws:sqs/queue:Queue"] == 2 * len(sqs) + len(subscribers)
    assert counts["aws:sqs/queuePolicy:QueuePolicy"] == counts["aws:sqs/queue:Queue"]
    assert counts["connect-streaming:index:TaskRoutingFlow"] == len(task_flows)
    assert counts["aws:connect/contactFlow:ContactFlow"] == len(task_flows) + len(creating)
    assert counts["aws:iam/role:Role"] == 3
    assert counts["aws:iam/rolePolicy:RolePolicy"] == 3
    assert counts["aws:sns/topicPolicy:TopicPolicy"] == 0
    templates = config.get(f"{NAMESPACE}:taskTemplates", [])
    assert counts["connect-streaming:index:TaskTemplate"] == len(templates)
    assert counts["aws-native:connect:TaskTemplate"] == len(templates)


def test_every_resource_hangs_off_the_environment(stack: tuple[dict[str, Any], StackRun]) -> None:
    _, run = stack
    (root,) = run.of_type("connect-streaming:index:StreamingEnvironment")
    assert root.parent_name is None
    for resource in run.resources:
        if resource is not root:
            assert resource.parent is not None
            assert resource.parent != root.parent, f"{resource.name} is not under the component"
            assert resource.name.startswith(run.environment), resource.name


def test_taggable_resources_carry_the_required_tags(
    stack: tuple[dict[str, Any], StackRun],
) -> None:
    _, run = stack
    for resource in run.resources:
        if resource.type in TAGGABLE:
            tags = resource.inputs.get("tags") or {}
            for tag in (*REQUIRED_TAGS, "environment"):
                assert tags.get(tag), f"{resource.name} lacks the tag {tag}"
            assert tags["environment"] == run.environment


def test_topics_are_named_for_the_environment_and_scoped_to_its_instance(
    stack: tuple[dict[str, Any], StackRun],
) -> None:
    config, run = stack
    instance = _value(config, "instanceArn")
    account = instance.split(":")[4]
    for topic in run.of_type("aws:sns/topic:Topic"):
        assert topic.inputs["name"].startswith(f"{run.environment}-")
        assert topic.outputs["arn"].split(":")[4] == account
        grants = [s for s in json.loads(topic.inputs["policy"])["Statement"] if "Condition" in s]
        assert any(
            s.get("Condition", {}).get("ArnEquals") == {"aws:SourceArn": instance} for s in grants
        )


def test_flows_are_valid_flow_language(stack: tuple[dict[str, Any], StackRun]) -> None:
    _, run = stack
    for flow in run.of_type("aws:connect/contactFlow:ContactFlow"):
        assert flow_problems(flow.inputs["content"]) == []


def test_exports_are_what_application_code_needs(stack: tuple[dict[str, Any], StackRun]) -> None:
    config, run = stack
    outputs = run.outputs
    assert set(outputs) == {
        "topicArns",
        "deadLetterQueueUrls",
        "taskFlowIds",
        "taskCreatingFlowIds",
        "streamingControllerRoleArn",
        "metricsReaderRoleArn",
        "taskStarterRoleArn",
        "taskTemplateIds",
        "instanceArn",
    }
    templates = {t["name"] for t in config.get(f"{NAMESPACE}:taskTemplates", [])}
    assert set(outputs["taskTemplateIds"]) == templates
    template_arns = [t.outputs["arn"] for t in run.of_type("aws-native:connect:TaskTemplate")]
    assert sorted(outputs["taskTemplateIds"].values()) == sorted(
        arn.rsplit("/", 1)[-1] for arn in template_arns
    )
    topic_arns = {t.outputs["arn"] for t in run.of_type("aws:sns/topic:Topic")}
    assert set(outputs["topicArns"].values()) == topic_arns
    assert set(outputs["topicArns"]) == {e["name"] for e in _value(config, "streamingEndpoints")}
    assert set(outputs["taskFlowIds"]) == {f["name"] for f in _value(config, "taskFlows")}
    queues = {q.inputs["name"]: q.outputs["url"] for q in run.of_type("aws:sqs/queue:Queue")}
    dead_letters = {name: url for name, url in queues.items() if name.endswith("-dlq")}
    assert outputs["deadLetterQueueUrls"] == dead_letters
    subscriptions = run.of_type("aws:sns/topicSubscription:TopicSubscription")
    sqs_subscribers = [q for q in queues if not q.endswith("-dlq")]
    assert len(dead_letters) == len(subscriptions) + len(sqs_subscribers)  # one per each
    role_arns = {r.outputs["arn"] for r in run.of_type("aws:iam/role:Role")}
    assert {
        outputs["streamingControllerRoleArn"],
        outputs["metricsReaderRoleArn"],
        outputs["taskStarterRoleArn"],
    } == role_arns
    flow_ids = {
        f.outputs["contactFlowId"] for f in run.of_type("aws:connect/contactFlow:ContactFlow")
    }
    assert set(outputs["taskFlowIds"].values()) <= flow_ids


def test_prod_is_stricter_than_dev() -> None:
    prod, dev = _config("prod"), _config("dev")
    prod_subscribers = [
        sub
        for e in _value(prod, "streamingEndpoints")
        for kind in ("sqsSubscribers", "lambdaSubscribers", "httpsSubscribers")
        for sub in e.get(kind, [])
    ]
    assert all(sub.get("messageVisibility") for sub in prod_subscribers)
    assert _value(prod, "allowPreviousContacts") is False
    assert all("service" not in trust for trust in _value(prod, "trust").values())
    assert "service" in json.dumps(_value(dev, "trust"))


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("instanceArn", "arn:aws:sns:us-east-1:111122223333:topic", "instanceArn: expected"),
        ("tags", {"owner": "x"}, "tags: expected .* at least owner, cost-center"),
        ("streamingEndpoints", [], "streamingEndpoints: expected at least one"),
        ("taskFlows", "callback", "taskFlows: expected"),
        ("trust", {"streamingController": {"service": "lambda"}}, "trust.streamingController"),
        ("instanceArnn", "typo", "instanceArnn: expected one of the keys"),
    ],
)
def test_bad_config_stops_the_program_before_any_resource(
    key: str, value: Any, message: str
) -> None:
    config = _config("dev")
    config[f"{NAMESPACE}:{key}"] = value
    with pytest.raises(StackProgramError, match=message) as caught:
        run_stack_program("dev", config)
    assert caught.value.resources == []
    assert "RunError" in str(caught.value)


def test_missing_config_names_every_missing_key() -> None:
    with pytest.raises(StackProgramError) as caught:
        run_stack_program("dev", {"aws:region": "us-east-1"})
    text = str(caught.value)
    for key in ("instanceArn", "tags", "streamingEndpoints", "taskFlows", "trust"):
        assert f"{NAMESPACE}:{key}: expected" in text
    assert caught.value.resources == []


def test_an_unknown_stack_is_refused_with_the_known_ones() -> None:
    with pytest.raises(StackProgramError, match="known: dev, prod, staging"):
        load_stack_config("qa")


@pytest.mark.parametrize("environment", ["dev", "staging", "prod"])
def test_every_urn_of_before_is_kept_and_only_dead_letter_queues_are_added(
    environment: str,
) -> None:
    """Moving modules into capability folders changed no URN (type tokens and names are
    literal), so `pulumi up` replaces nothing; the DLQs and their policies are the only new."""
    fixture = Path(__file__).parent / "fixtures" / f"urns-{environment}.txt"
    before = {line for line in fixture.read_text(encoding="utf-8").splitlines() if line[:1] != "#"}
    now = {r.urn for r in run_stack_program(environment, load_stack_config(environment)).resources}
    assert before <= now, sorted(before - now)
    added = now - before
    assert added, "every stack has subscriptions, so dead-letter queues"
    for urn in added:
        assert urn.endswith(("-dlq", "-dlq-policy")), urn
        assert "aws:sqs/queue" in urn.rsplit("::", 2)[1], urn
