"""Every request the Connect model allows gets a modelled answer: never a 5xx, never a stranger.

Requests are generated from the installed model's input shapes (required members, types,
min/max, enums), biased towards the IDs the example state seeds so that they reach deep into
the handlers, and sent through real boto3. A KeyError (or any other exception) in a handler
for a model-valid request is a bug: the endpoint would answer it with a 500.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from botocore import xform_name
from botocore.exceptions import ClientError
from botocore.model import Shape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_runtime import _model
from connect_runtime.testing import ConnectEndpoint, example_state
from connect_runtime.testing._wire import OPERATIONS

from .conftest import ONE_ATTEMPT

# IDs the example state seeds, so generated requests pass the lookups and reach the writes.
KNOWN: dict[str, list[str]] = {
    "InstanceId": ["demo-instance"],
    "ContactId": ["chat-live", "chat-waiting", "voice-waiting"],
    "ContactFlowId": ["task-flow", "chat-flow"],
    "PreviousContactId": ["chat-live", "task-waiting"],
    "RelatedContactId": ["chat-live"],
    "StreamingEndpointArn": ["arn:aws:sns:us-east-1:123456789012:chat-stream"],
    "Queues": ["support", "billing", "tasks"],
}
ALWAYS_ERRORS = frozenset({"ThrottlingException", "InternalServiceException"})
NOW = datetime.now(UTC).replace(second=0, microsecond=0)


def _string(shape: Shape, name: str) -> st.SearchStrategy[Any]:
    enum = getattr(shape, "enum", None)
    if enum:
        return st.sampled_from(sorted(enum))
    low = int(shape.metadata.get("min", 0))
    high = min(int(shape.metadata.get("max", low + 40)), low + 40)
    text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=low,
                   max_size=high)  # fmt: skip
    known = [value for value in KNOWN.get(name, []) if low <= len(value) <= high]
    return st.sampled_from(known) | text if known else text


def _number(shape: Shape, integral: bool) -> st.SearchStrategy[Any]:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if integral:
        return st.integers(
            min_value=int(low) if low is not None else -(2**31),
            max_value=int(high) if high is not None else 2**31,
        )
    return st.floats(
        min_value=float(low) if low is not None else -1e9,
        max_value=float(high) if high is not None else 1e9,
        allow_nan=False,
    )


def from_shape(shape: Shape, name: str = "", depth: int = 0) -> st.SearchStrategy[Any]:
    """Values the model allows for ``shape`` (patterns aside: the model leaves most unchecked)."""
    kind = shape.type_name
    if kind == "structure":
        return _structure(shape, depth)
    if kind == "list":
        low = int(shape.metadata.get("min", 0))
        high = min(int(shape.metadata.get("max", low + 3)), low + 3)
        member = from_shape(shape.member, name, depth + 1)  # type: ignore[attr-defined]
        return st.lists(member, min_size=low, max_size=high)
    if kind == "map":
        keys = from_shape(shape.key, "", depth + 1)  # type: ignore[attr-defined]
        values = from_shape(shape.value, "", depth + 1)  # type: ignore[attr-defined]
        return st.dictionaries(keys, values, max_size=3)
    if kind == "string":
        return _string(shape, name)
    if kind in ("integer", "long"):
        return _number(shape, integral=True)
    if kind in ("double", "float"):
        return _number(shape, integral=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "timestamp":
        minutes = st.integers(min_value=-3 * 24 * 12, max_value=7 * 24 * 12)
        return minutes.map(
            lambda n: NOW - timedelta(minutes=NOW.minute % 5) + n * timedelta(minutes=5)
        )
    raise AssertionError(f"no strategy for {kind} {shape.name}")


def _structure(shape: Shape, depth: int) -> st.SearchStrategy[dict[str, Any]]:
    members: dict[str, Shape] = shape.members  # type: ignore[attr-defined]
    required = set(shape.required_members)
    fixed = {n: from_shape(m, n, depth + 1) for n, m in members.items() if n in required}
    optional = {
        n: from_shape(m, n, depth + 1)
        for n, m in members.items()
        if n not in required and depth < 4 and m.serialization.get("location") != "uri"
    }
    return st.fixed_dictionaries(fixed, optional=optional)


def requests() -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    """An operation of the five and a request its model input shape allows."""
    per_operation = []
    for operation in OPERATIONS:
        shape = _model.operation_model(operation).input_shape
        assert shape is not None
        per_operation.append(st.tuples(st.just(operation), _structure(shape, 0)))
    return st.one_of(per_operation)


@pytest.fixture(scope="module")
def endpoint() -> Iterator[ConnectEndpoint]:
    state = example_state()
    state["demo-instance"].instance.max_active_tasks = 1_000_000
    with ConnectEndpoint(state, rate_limits=None) as running:
        yield running


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(case=requests())
def test_model_valid_requests_never_get_a_5xx(
    endpoint: ConnectEndpoint, case: tuple[str, dict[str, Any]]
) -> None:
    operation, params = case
    client = endpoint.client(config=ONE_ATTEMPT)
    try:
        getattr(client, xform_name(operation))(**params)
    except ClientError as error:
        status = error.response["ResponseMetadata"]["HTTPStatusCode"]
        code = error.response["Error"]["Code"]
        message = error.response["Error"]["Message"]
        assert status < 500, (operation, params, code, message)
        modelled = {s.name for s in _model.operation_model(operation).error_shapes}
        assert code in modelled | ALWAYS_ERRORS, (operation, code, message)
        assert "datetime.datetime" not in message
        assert "; API doc)" not in message
        assert "; model)" not in message
    assert endpoint.stats.internal_errors == []


@pytest.mark.parametrize(
    ("extra", "code", "status", "needle"),
    [
        (
            {},
            "InvalidParameterException",
            400,
            "with one of ContactFlowId, QuickConnectId or TaskTemplateId",
        ),
        ({"TaskTemplateId": "tpl-1"}, "ResourceNotFoundException", 404, "Task template tpl-1"),
        ({"QuickConnectId": "qc-1"}, "ResourceNotFoundException", 404, "Quick connect qc-1"),
    ],
)
def test_tasks_without_a_flow_id_get_a_modelled_4xx_that_says_why(
    endpoint: ConnectEndpoint, extra: dict[str, str], code: str, status: int, needle: str
) -> None:
    """Model-valid tasks started without ContactFlowId: never a 5xx, always a modelled error."""
    client = endpoint.client(config=ONE_ATTEMPT)
    with pytest.raises(getattr(client.exceptions, code), match=needle) as caught:
        client.start_task_contact(InstanceId="demo-instance", Name="n", **extra)  # type: ignore[arg-type]
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert endpoint.stats.internal_errors == []


def test_rule_breaks_read_like_the_service_without_python_values(
    endpoint: ConnectEndpoint,
) -> None:
    client = endpoint.client(config=ONE_ATTEMPT)
    start = NOW - timedelta(days=3, minutes=NOW.minute % 5)
    with pytest.raises(client.exceptions.InvalidParameterException) as caught:
        client.get_metric_data(
            InstanceId="demo-instance",
            StartTime=start,
            EndTime=start + timedelta(hours=1),
            Filters={"Queues": ["support"]},
            HistoricalMetrics=[{"Name": "CONTACTS_HANDLED", "Unit": "COUNT", "Statistic": "SUM"}],
        )
    message = caught.value.response["Error"]["Message"]
    assert message.startswith("Invalid parameter StartTime: must be no earlier than 24 hours")
    assert "datetime" not in message
    assert "(got" not in message
