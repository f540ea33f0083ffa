"""StartChatContact builder: valid kwargs pass botocore, a broken rule is named, junk refused."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ParamValidationError
from botocore.validate import validate_parameters
from hypothesis import given, settings
from hypothesis import strategies as st

from connect_runtime import ConnectRequestError, start_chat_contact_request
from connect_runtime.testing.strategies import streaming as ts_chat
from tests.runtime import spec_oracle
from tests.runtime.junk import junk_values


def _botocore_accepts(request: Any) -> None:
    shape: Any = spec_oracle.model().operation_model("StartChatContact").input_shape
    try:
        validate_parameters(dict(request), shape)
    except ParamValidationError as error:  # pragma: no cover - the message is the point
        pytest.fail(f"botocore rejects the request: {error}")


@settings(max_examples=150, deadline=None)
@given(ts_chat.start_chat_contact_kwargs())
def test_valid_chat_requests_pass_botocore(kwargs: dict[str, Any]) -> None:
    request = start_chat_contact_request(**kwargs)
    _botocore_accepts(request)
    arn = kwargs.get("streaming_endpoint_arn")
    if arn is not None:  # streaming from the first message needs no second call
        assert request["ChatStreamingConfiguration"] == {"StreamingEndpointArn": arn}
        assert not arn.endswith(".fifo")
    else:
        assert "ChatStreamingConfiguration" not in request
    if "supported_messaging_content_types" in kwargs:
        assert "text/plain" in request["SupportedMessagingContentTypes"]
    message = request.get("InitialMessage")
    if message is not None:
        assert len(message["Content"].encode("utf-8", "surrogatepass")) <= 16_384


@settings(max_examples=150, deadline=None)
@given(ts_chat.broken_start_chat_contact_kwargs())
def test_one_broken_chat_rule_is_named(case: tuple[dict[str, Any], str]) -> None:
    kwargs, field = case
    with pytest.raises(ConnectRequestError) as caught:
        start_chat_contact_request(**kwargs)
    assert caught.value.fields == (field,), str(caught.value)
    assert "StartChatContact" in str(caught.value)


@settings(max_examples=300, deadline=None)
@given(
    ts_chat.start_chat_contact_kwargs(),
    st.sampled_from(
        [
            "contact_flow_id",
            "display_name",
            "initial_message",
            "initial_message_content_type",
            "streaming_endpoint_arn",
            "chat_duration_in_minutes",
            "supported_messaging_content_types",
            "attributes",
            "customer_id",
        ]
    ),
    junk_values(),
)
def test_junk_raises_only_connect_request_error(
    kwargs: dict[str, Any], field: str, junk: object
) -> None:
    try:
        request = start_chat_contact_request(**{**kwargs, field: junk})
    except ConnectRequestError:
        return
    _botocore_accepts(request)
