"""Property tests over the stack config's shape (strategies in config_strategies): every valid
config parses and builds; each config broken in exactly one way, at any depth, is refused
with exactly that key path named."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from connect_streaming.config import NAMESPACE, ConfigError, parse_environment
from connect_streaming.environment import StreamingEnvironment
from connect_streaming.fields import NAME_MAX_LENGTH
from connect_streaming_plan.mocks import run_program
from tests.stacks.config_strategies import (
    ENVIRONMENT,
    INSTANCE,
    LONGEST_QUEUE_SUFFIX,
    REGION,
    SQS_NAME_MAX_LENGTH,
    BrokenConfig,
    broken_configs,
    key_paths,
    set_path,
    valid_configs,
)


def _problems(raw: dict[str, Any]) -> list[str]:
    try:
        parse_environment(raw, environment="dev", region=REGION)
    except ConfigError as error:
        return error.problems
    return []


def _longest_queue_names(raw: dict[str, Any]) -> list[str]:
    return [
        f"{ENVIRONMENT}-{endpoint['name']}-{sub['name']}{LONGEST_QUEUE_SUFFIX}"
        for endpoint in raw["streamingEndpoints"]
        for kind in ("sqsSubscribers", "lambdaSubscribers", "httpsSubscribers")
        for sub in endpoint.get(kind, [])
    ]


@given(valid_configs())
def test_every_valid_config_parses_into_the_environment_args(raw: dict[str, Any]) -> None:
    args = parse_environment(raw, environment="dev", region=REGION)
    assert args["environment"] == "dev"
    assert [e["name"] for e in args["streaming_endpoints"]] == [
        e["name"] for e in raw["streamingEndpoints"]
    ]
    assert args["tags"] == {**raw["tags"], "environment": "dev"}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_configs())
def test_what_the_parser_accepts_the_components_build(raw: dict[str, Any]) -> None:
    args = parse_environment(raw, environment="dev", region=REGION)
    run = run_program(
        lambda: StreamingEnvironment("dev", args),
        environment="dev",
        config={"aws:region": REGION, "connect-streaming:instanceArn": INSTANCE},
    )
    assert len(run.of_type("aws:sns/topic:Topic")) == len(raw["streamingEndpoints"])


@given(broken_configs())
def test_a_config_broken_once_is_refused_at_exactly_that_path(broken: BrokenConfig) -> None:
    problems = _problems(broken.config)
    assert problems, f"{broken.how} at {broken.path} was accepted"
    assert [p.split(": expected")[0] for p in problems] == [f"{NAMESPACE}:{broken.path}"], (
        broken.how,
        problems,
    )
    if broken.how == "unknown key":
        assert "expected one of the keys" in problems[0]


@given(valid_configs(), st.data())
def test_a_name_of_exactly_40_characters_is_accepted(
    raw: dict[str, Any], data: st.DataObject
) -> None:
    raw = copy.deepcopy(raw)
    name_paths = [p for p, _ in key_paths(raw) if p.endswith(".name")]
    path = data.draw(st.sampled_from(name_paths))
    name = data.draw(st.from_regex(rf"[a-z0-9]{{{NAME_MAX_LENGTH}}}", fullmatch=True))
    assume(all(v != name for p, v in key_paths(raw) if p.endswith(".name")))
    old = dict(key_paths(raw))[path]
    set_path(raw, path, name)
    for flow in raw.get("taskCreatingFlows", []) if path.startswith("taskFlows") else []:
        flow["taskFlow"] = name if flow["taskFlow"] == old else flow["taskFlow"]
    # A 40-character name is valid; only SQS's 80-character limit on the queue names it
    # derives with another entry's name can refuse it, and then nothing else is reported.
    problems = _problems(raw)
    assert all("SQS allows 80" in p for p in problems), problems
    assert bool(problems) == any(len(q) > SQS_NAME_MAX_LENGTH for q in _longest_queue_names(raw))
    set_path(raw, path, name + "x")
    assert [p.split(": expected")[0] for p in _problems(raw)] == [f"{NAMESPACE}:{path}"]
