"""Strategies for the streaming builders: StartContactStreaming, StopContactStreaming and
StartChatContact, valid and with one documented rule broken (``broken_*`` draw
``(kwargs, field)``, the field being the parameter path the error must name)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from connect_runtime.streaming.requests import (
    CHAT_MESSAGE_CONTENT_TYPES,
    SUPPORTED_MESSAGING_CONTENT_TYPES,
)
from connect_runtime.testing.strategies._common import (
    attribute_maps,
    client_tokens,
    contact_ids,
    ids,
    instance_ids,
    sns_topic_arns,
)

__all__ = [
    "broken_start_chat_contact_kwargs",
    "start_chat_contact_kwargs",
    "start_contact_streaming_kwargs",
    "stop_contact_streaming_kwargs",
]


def start_contact_streaming_kwargs() -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments for ``start_contact_streaming_request``."""
    return st.fixed_dictionaries(
        {
            "instance_id": instance_ids(),
            "contact_id": contact_ids(),
            "streaming_endpoint_arn": sns_topic_arns(),
            "client_token": client_tokens(),
        }
    )


def stop_contact_streaming_kwargs() -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments for ``stop_contact_streaming_request``."""
    return st.fixed_dictionaries(
        {"instance_id": instance_ids(), "contact_id": contact_ids(), "streaming_id": ids(100)}
    )


_IDS = st.one_of(st.uuids().map(str), st.text(min_size=1, max_size=60))


def start_chat_contact_kwargs() -> st.SearchStrategy[dict[str, Any]]:
    """Valid ``start_chat_contact_request`` kwargs (streaming from the first message or not)."""
    message_types = st.sampled_from(CHAT_MESSAGE_CONTENT_TYPES)
    extra_types = st.lists(st.sampled_from(SUPPORTED_MESSAGING_CONTENT_TYPES), unique=True)
    return st.fixed_dictionaries(
        {
            "instance_id": instance_ids(),
            "contact_flow_id": _IDS,
            "display_name": st.text(min_size=1, max_size=256),
        },
        optional={
            "initial_message": st.text(min_size=1, max_size=500),
            "initial_message_content_type": message_types,
            "streaming_endpoint_arn": sns_topic_arns().filter(lambda arn: len(arn) <= 350),
            "attributes": attribute_maps(max_size=3),
            "chat_duration_in_minutes": st.integers(60, 10_080),
            "supported_messaging_content_types": extra_types.map(
                lambda types: ["text/plain", *(t for t in types if t != "text/plain")]
            ),
            "related_contact_id": contact_ids(),
            "customer_id": st.text(min_size=1, max_size=128),
            "client_token": client_tokens(),
        },
    )


@st.composite
def broken_start_chat_contact_kwargs(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """``(kwargs, field)``: valid chat kwargs with one documented rule broken."""
    kwargs = draw(start_chat_contact_kwargs())
    arn = draw(sns_topic_arns().filter(lambda a: len(a) <= 340))
    cases: list[tuple[dict[str, Any], str]] = [
        (
            {"streaming_endpoint_arn": arn + ".fifo"},
            "ChatStreamingConfiguration.StreamingEndpointArn",
        ),
        (
            {"streaming_endpoint_arn": arn.replace(":sns:", ":sqs:", 1)},
            "ChatStreamingConfiguration.StreamingEndpointArn",
        ),
        (
            {"initial_message": "x", "initial_message_content_type": "image/png"},
            "InitialMessage.ContentType",
        ),
        ({"initial_message": "é" * 8193}, "InitialMessage.Content"),
        (
            {"chat_duration_in_minutes": draw(st.sampled_from([59, 10_081, 0]))},
            "ChatDurationInMinutes",
        ),
        (
            {"supported_messaging_content_types": ["text/markdown"]},
            "SupportedMessagingContentTypes",
        ),
        ({"display_name": ""}, "ParticipantDetails.DisplayName"),
        ({"contact_flow_id": ""}, "ContactFlowId"),
    ]
    changes, field = draw(st.sampled_from(cases))
    if "initial_message" in changes and "initial_message_content_type" not in changes:
        changes = {**changes, "initial_message_content_type": "text/plain"}
    return {**kwargs, **changes}, field
