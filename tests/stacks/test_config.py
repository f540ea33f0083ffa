"""The pure config parser: valid configs parse; any junk gets a ConfigError naming the key."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_streaming.config import (
    KEYS,
    NAMESPACE,
    REQUIRED_TAGS,
    ConfigError,
    key_table,
    parse_environment,
)
from connect_streaming.errors import ConnectStreamingError
from tests.repo import REPO_ROOT, load_stack_config


def _raw(environment: str) -> dict[str, Any]:
    prefix = f"{NAMESPACE}:"
    return {
        key[len(prefix) :]: value
        for key, value in load_stack_config(environment).items()
        if key.startswith(prefix)
    }


DEV = _raw("dev")
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=12,
)
REQUIRED = ("instanceArn", "tags", "streamingEndpoints", "taskFlows", "trust")


def _paths(value: Any, prefix: str = "") -> list[str]:
    """Every key path in a config value, like ``streamingEndpoints[0].sqsSubscribers``."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            found.append(path)
            found.extend(_paths(item, path))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found.extend(_paths(item, f"{prefix}[{i}]"))
    return found


def _problems(raw: dict[str, Any], region: str | None = None) -> list[str]:
    """The parser's problems ([] when it accepts); any other exception fails the test."""
    try:
        parse_environment(raw, environment="dev", region=region)
    except ConfigError as error:
        if not error.problems:
            raise AssertionError("a ConfigError must list its problems") from error
        return error.problems
    return []


def _set(config: dict[str, Any], path: str, new: Any) -> None:
    parts = path.replace("[", ".[").split(".")
    target: Any = config
    for part in parts[:-1]:
        target = target[int(part[1:-1])] if part.startswith("[") else target[part]
    last = parts[-1]
    if last.startswith("["):
        target[int(last[1:-1])] = new
    else:
        target[last] = new


@pytest.mark.parametrize("environment", ["dev", "staging", "prod"])
def test_the_example_configs_parse(environment: str) -> None:
    args = parse_environment(_raw(environment), environment=environment)
    assert args["environment"] == environment
    assert args["tags"]["environment"] == environment
    assert set(REQUIRED_TAGS) <= set(args["tags"])
    assert args["streaming_endpoints"]
    assert set(args["trust"]) == {"streaming_controller", "metrics_reader", "task_starter"}


@given(st.sampled_from(REQUIRED))
def test_dropping_a_required_key_names_it(key: str) -> None:
    raw = copy.deepcopy(DEV)
    del raw[key]
    with pytest.raises(ConfigError) as caught:
        parse_environment(raw, environment="dev")
    assert any(p.startswith(f"{NAMESPACE}:{key}: expected") for p in caught.value.problems)


@given(st.sampled_from(sorted(_paths(DEV))), json_values)
def test_any_value_anywhere_parses_or_names_a_key(path: str, value: Any) -> None:
    raw = copy.deepcopy(DEV)
    _set(raw, path, value)
    for problem in _problems(raw):
        assert problem.startswith(f"{NAMESPACE}:")
        assert ": expected " in problem


@given(st.dictionaries(st.sampled_from([*KEYS, "extra"]), json_values, max_size=6))
def test_arbitrary_top_level_config_never_crashes(raw: dict[str, Any]) -> None:
    problems = _problems(raw)
    if set(REQUIRED) - set(raw):
        assert problems  # a required key is missing, so there must be a problem


@given(
    st.sampled_from(
        [
            ("streamingEndpoints[0].sqsSubscribers[0].messageVisibility", ["EVERYONE"]),
            ("streamingEndpoints[0].name", "Bad_Name"),
            ("taskFlows[0].queueId", ""),
            ("taskCreatingFlows[0].taskFlow", "no-such-flow"),
            ("taskCreatingFlows[0].delaySeconds", 600_000),
            ("taskCreatingFlows[0].references", {"file": {"type": "ATTACHMENT", "value": "x"}}),
            ("allowPreviousContacts", "yes"),
        ]
    )
)
def test_a_wrong_value_is_reported_at_its_path(case: tuple[str, Any]) -> None:
    path, value = case
    raw = copy.deepcopy(DEV)
    if path.startswith("taskCreatingFlows") and not raw.get("taskCreatingFlows"):
        pytest.skip("dev has no task-creating flows")  # pragma: no cover - dev has one
    _set(raw, path, value)
    with pytest.raises(ConfigError) as caught:
        parse_environment(raw, environment="dev")
    head = path.split(".references")[0] if ".references" in path else path
    assert any(p.startswith(f"{NAMESPACE}:{head}") for p in caught.value.problems), (
        caught.value.problems
    )


def test_all_problems_are_reported_at_once() -> None:
    raw = copy.deepcopy(DEV)
    raw["instanceArn"] = "nope"
    raw["tags"] = {"owner": "x"}
    raw["taskFlows"][0]["queueId"] = ""
    with pytest.raises(ConfigError) as caught:
        parse_environment(raw, environment="dev")
    assert len(caught.value.problems) == 3
    assert str(caught.value).startswith("invalid stack config, 3 problem(s):")


def test_an_endpoint_without_subscribers_is_refused() -> None:
    raw = copy.deepcopy(DEV)
    raw["streamingEndpoints"] = [{"name": "lonely"}]
    with pytest.raises(ConfigError, match=r"streamingEndpoints\[0\]: expected at least one"):
        parse_environment(raw, environment="dev")


@pytest.mark.parametrize(
    ("path", "typo", "suggestion"),
    [
        ("", "instanceArnn", "instanceArn"),
        ("streamingEndpoints[0]", "sqsSubscriber", "sqsSubscribers"),
        ("streamingEndpoints[0].sqsSubscribers[1]", "messageVisiblity", "messageVisibility"),
        ("taskFlows[0]", "queueID", "queueId"),
        ("taskCreatingFlows[0]", "delaySecond", "delaySeconds"),
        ("taskCreatingFlows[0].references.transcript", "valeu", "value"),
        ("trust", "taskStarterr", "taskStarter"),
        ("trust.taskStarter", "oidcSubject", "oidcSubjects"),
    ],
)
def test_an_unknown_key_at_any_depth_is_named_with_a_suggestion(
    path: str, typo: str, suggestion: str
) -> None:
    raw = copy.deepcopy(DEV)
    _set(raw, f"{path}.{typo}" if path else typo, True)
    full = f"{path}.{typo}" if path else typo
    problems = _problems(raw)
    (problem,) = [p for p in problems if p.startswith(f"{NAMESPACE}:{full}:")]
    assert "expected one of the keys " in problem
    assert f"(did you mean {suggestion!r}?)" in problem
    assert problem.endswith(f"got {typo!r}")


def test_the_example_from_the_readme_reads_as_documented() -> None:
    raw = copy.deepcopy(DEV)
    _set(raw, "streamingEndpoints[0].sqsSubscribers[1].messageVisibility", ["EVERYONE"])
    assert _problems(raw) == [
        "connect-streaming:streamingEndpoints[0].sqsSubscribers[1].messageVisibility: expected a"
        " non-empty list of CUSTOMER, AGENT, ALL, got ['EVERYONE']"
    ]


def test_a_region_other_than_the_instance_region_is_refused_naming_both() -> None:
    (problem,) = _problems(DEV, region="eu-west-1")
    assert problem.startswith(f"{NAMESPACE}:instanceArn: expected an instance in the stack's")
    assert "Region eu-west-1" in problem
    assert problem.endswith("in us-east-1")
    assert _problems(DEV, region="us-east-1") == []


@pytest.mark.parametrize(
    ("endpoints", "flows", "expected"),
    [
        (
            [
                {"name": "chat", "sqsSubscribers": [{"name": "stream-transcripts"}]},
                {"name": "chat-stream", "sqsSubscribers": [{"name": "transcripts"}]},
            ],
            None,
            "streamingEndpoints[1].sqsSubscribers[0].name: expected a name whose derived names"
            " are unique: SQS queue 'dev-chat-stream-transcripts' is also derived from"
            " streamingEndpoints[0].sqsSubscribers[0], got 'dev-chat-stream-transcripts'",
        ),
        (
            [{"name": "chat", "sqsSubscribers": [{"name": "a"}, {"name": "a"}]}],
            None,
            "streamingEndpoints[0].sqsSubscribers[1].name: expected a name whose derived names"
            " are unique: SQS queue 'dev-chat-a' is also derived from"
            " streamingEndpoints[0].sqsSubscribers[0]",
        ),
        (
            None,
            [
                {"name": "chat-follow-up", "queueId": "q-1"},
                {"name": "callback-tasks", "queueId": "q"},
            ],
            "taskCreatingFlows[0].name: expected a name whose derived names are unique: contact"
            " flow 'dev-chat-follow-up' is also derived from taskFlows[0]",
        ),
    ],
)
def test_colliding_derived_names_are_refused_naming_both_entries(
    endpoints: Any, flows: Any, expected: str
) -> None:
    raw = copy.deepcopy(DEV)
    if endpoints is not None:
        raw["streamingEndpoints"] = endpoints
    if flows is not None:
        raw["taskFlows"] = flows
    problems = _problems(raw)
    assert any(p.startswith(f"{NAMESPACE}:{expected}") for p in problems), problems


def test_the_docs_key_table_is_the_one_the_types_give() -> None:
    readme = (REPO_ROOT / "docs" / "stack-config.md").read_text(encoding="utf-8")
    start = readme.index("<!-- key-table: generated by connect_streaming.config.key_table() -->")
    end = readme.index("<!-- /key-table -->")
    table = readme[start:end].split("\n", 1)[1]
    assert table == key_table()
    # Every config key of the types is a row, required exactly when the parser requires it.
    rows = {line.split("`")[1]: line.split("|")[2].strip() for line in table.splitlines()[2:]}
    assert [k for k in rows if "." not in k and "[" not in k] == list(KEYS)
    for key in KEYS:
        raw = copy.deepcopy(DEV)
        raw.pop(key, None)
        missing = any(p.startswith(f"{NAMESPACE}:{key}: expected") for p in _problems(raw))
        assert missing == (rows[key] == "yes"), key


def test_config_errors_share_the_package_root() -> None:
    assert issubclass(ConfigError, ConnectStreamingError)
    assert issubclass(ConnectStreamingError, ValueError)
