"""The wire format: routes from the model, error bodies botocore parses, hostile input."""

from __future__ import annotations

import json
import socket
from typing import Any

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_runtime import _model
from connect_runtime.testing import ConnectEndpoint
from connect_runtime.testing._wire import OPERATIONS, match

from .conftest import INSTANCE, ONE_ATTEMPT, raw_request

NO_VALIDATION = Config(parameter_validation=False, retries={"total_max_attempts": 1})


def test_every_route_comes_from_the_botocore_model() -> None:
    for operation in OPERATIONS:
        http = _model.operation_model(operation).http
        path = http["requestUri"].replace("{InstanceId}", "inst%2D1")
        found = match(http["method"], path)
        assert found is not None, operation
        assert found[0] == operation
        if "{InstanceId}" in http["requestUri"]:
            assert found[1] == {"InstanceId": "inst-1"}


def test_a_modelled_error_reaches_boto3_as_its_exception_class(
    connect_endpoint: ConnectEndpoint,
) -> None:
    client = connect_endpoint.client(config=ONE_ATTEMPT)
    with pytest.raises(client.exceptions.ResourceNotFoundException) as caught:
        client.start_task_contact(InstanceId="nope", ContactFlowId="task-flow", Name="x")
    response = caught.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert response["ResponseMetadata"]["HTTPHeaders"]["x-amzn-errortype"] == (
        "ResourceNotFoundException"
    )
    assert "Instance nope was not found" in response["Error"]["Message"]


def test_raw_error_answer_has_the_header_and_a_json_message(
    connect_endpoint: ConnectEndpoint,
) -> None:
    status, headers, body = raw_request(connect_endpoint, "PUT", "/contact/task", "{not json")
    assert status == 400
    assert headers["x-amzn-errortype"] == "InvalidRequestException"
    assert headers["content-type"] == "application/json"
    assert "not valid JSON" in body["Message"]
    assert headers["x-amzn-requestid"]


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("[1, 2]", "must be a JSON object"),
        ('"text"', "must be a JSON object"),
        ("{" * 5 + "}" * 5, "not valid JSON"),
        ('{"Name": NaN}', "not valid JSON"),
        ("[" * 50_000 + "]" * 50_000, "nested too deeply"),
        (b"\xff\xfe{}", "not UTF-8"),
    ],
    ids=["array", "string", "garbage", "nan", "deep", "binary"],
)
def test_malformed_bodies_get_invalid_request(
    connect_endpoint: ConnectEndpoint, body: str | bytes, needle: str
) -> None:
    status, headers, answer = raw_request(connect_endpoint, "PUT", "/contact/task", body)
    assert (status, headers["x-amzn-errortype"]) == (400, "InvalidRequestException")
    assert needle in answer["Message"]


def test_unknown_paths_and_methods_get_unknown_operation(
    connect_endpoint: ConnectEndpoint,
) -> None:
    for method, path in (("GET", "/contact/task"), ("POST", "/nowhere"), ("DELETE", "/")):
        status, headers, _ = raw_request(connect_endpoint, method, path, "{}")
        assert (status, headers["x-amzn-errortype"]) == (404, "UnknownOperationException")


def test_wrong_types_from_a_client_without_validation(
    connect_endpoint: ConnectEndpoint,
) -> None:
    client = connect_endpoint.client(config=NO_VALIDATION)
    with pytest.raises(client.exceptions.InvalidParameterException) as caught:
        client.start_task_contact(
            InstanceId=INSTANCE,
            ContactFlowId="task-flow",
            Name=123,  # type: ignore[arg-type]
            Attributes={"key": 5},  # type: ignore[dict-item]
        )
    message = caught.value.response["Error"]["Message"]
    assert "Invalid type for parameter Name" in message
    assert "Attributes['key']" in message


def test_missing_required_members_are_named(connect_endpoint: ConnectEndpoint) -> None:
    status, _, answer = raw_request(
        connect_endpoint, "POST", "/contact/start-streaming", json.dumps({"InstanceId": INSTANCE})
    )
    assert status == 400
    for member in ("ContactId", "ChatStreamingConfiguration"):
        assert f"Missing required parameter {member}" in answer["Message"]


def test_model_max_lengths_and_enums_are_enforced_by_the_server(
    connect_endpoint: ConnectEndpoint,
) -> None:
    # botocore checks neither max nor enum client-side: the service must.
    client = connect_endpoint.client(config=ONE_ATTEMPT)
    with pytest.raises(client.exceptions.InvalidParameterException, match="max length: 1024"):
        client.start_task_contact(InstanceId=INSTANCE, ContactFlowId="task-flow", Name="n" * 1025)
    with pytest.raises(client.exceptions.InvalidParameterException, match="valid values"):
        client.get_current_metric_data(
            InstanceId=INSTANCE,
            Filters={"Channels": ["FAX"]},  # type: ignore[list-item]
            CurrentMetrics=[{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}],
        )


def test_documented_rules_come_back_as_invalid_parameter(
    connect_endpoint: ConnectEndpoint,
) -> None:
    client = connect_endpoint.client(config=ONE_ATTEMPT)
    with pytest.raises(client.exceptions.InvalidParameterException, match="32768 UTF-8 bytes"):
        client.start_task_contact(
            InstanceId=INSTANCE,
            ContactFlowId="task-flow",
            Name="big",
            Attributes={f"k{i}": "v" * 1000 for i in range(40)},
        )
    with pytest.raises(client.exceptions.InvalidParameterException, match="takes Unit COUNT"):
        client.get_current_metric_data(
            InstanceId=INSTANCE,
            Filters={"Channels": ["CHAT"]},
            CurrentMetrics=[{"Name": "CONTACTS_IN_QUEUE", "Unit": "SECONDS"}],
        )


def test_a_huge_body_gets_an_error_not_a_crash(connect_endpoint: ConnectEndpoint) -> None:
    client = connect_endpoint.client(config=NO_VALIDATION)
    with pytest.raises(ClientError) as caught:
        client.start_task_contact(
            InstanceId=INSTANCE, ContactFlowId="task-flow", Name="x", Description="d" * 3_000_000
        )
    assert caught.value.response["Error"]["Code"] == "InvalidRequestException"
    assert "exceeds the 1048576 bytes accepted" in caught.value.response["Error"]["Message"]
    # The endpoint still serves.
    assert client.start_task_contact(InstanceId=INSTANCE, ContactFlowId="task-flow", Name="ok")


def test_lying_content_length_and_chunked_bodies(connect_endpoint: ConnectEndpoint) -> None:
    host, port = connect_endpoint.url.removeprefix("http://").split(":")
    # A body shorter than announced, then the client hangs up: no answer, no crash.
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(b"PUT /contact/task HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n{}")
        sock.shutdown(socket.SHUT_WR)
        assert sock.recv(1024) == b""
    status, headers, _ = raw_request(
        connect_endpoint, "PUT", "/contact/task", None, {"Content-Length": "-5"}
    )
    assert (status, headers["x-amzn-errortype"]) == (400, "InvalidRequestException")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(
            b"PUT /contact/task HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            b"2\r\n{}\r\n0\r\n\r\n"
        )
        reply = sock.recv(65536)
    assert reply.startswith(b"HTTP/1.1 400")
    assert b"Content-Length" in reply
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(b"NONSENSE\r\n\r\n")
        assert sock.recv(65536).startswith(b"HTTP/1.1 400")
    assert connect_endpoint.stats.internal_errors == []


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
MEMBERS = {
    operation: sorted(_model.operation_model(operation).input_shape.members)  # type: ignore[union-attr]
    for operation in OPERATIONS
}


@st.composite
def bodies(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A JSON object using the operation's member names with arbitrary values."""
    operation = draw(st.sampled_from(OPERATIONS))
    names = st.sampled_from(MEMBERS[operation]) | st.text(max_size=8)
    return operation, draw(st.dictionaries(names, json_values, max_size=6))


@pytest.fixture(scope="module")
def fuzz_endpoint() -> Any:
    with ConnectEndpoint(rate_limits=None) as endpoint:
        from connect_runtime.testing import example_state

        endpoint.state.instances.update(example_state().instances)
        yield endpoint


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=bodies())
def test_arbitrary_json_never_breaks_the_endpoint(
    fuzz_endpoint: ConnectEndpoint, case: tuple[str, dict[str, Any]]
) -> None:
    operation, body = case
    http = _model.operation_model(operation).http
    path = http["requestUri"].replace("{InstanceId}", "demo-instance")
    status, headers, answer = raw_request(fuzz_endpoint, http["method"], path, json.dumps(body))
    assert status < 500, answer
    if status != 200:
        assert headers["x-amzn-errortype"] in {
            "InvalidRequestException",
            "InvalidParameterException",
            "ResourceNotFoundException",
            "LimitExceededException",
        }
        assert isinstance(answer["Message"], str)
    assert fuzz_endpoint.stats.internal_errors == []
