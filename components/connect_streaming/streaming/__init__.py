"""Chat streaming: :class:`ChatStreamingEndpoint` (``component``, pulumi) and its documents
(``documents``, pure). The component loads on first use, so ``documents`` imports without
pulumi."""

from __future__ import annotations

from typing import TYPE_CHECKING

from connect_streaming._lazy import lazy_exports

if TYPE_CHECKING:
    from connect_streaming.streaming.component import (
        ChatStreamingEndpoint,
        ChatStreamingEndpointArgs,
        HttpsSubscriberArgs,
        LambdaSubscriberArgs,
        SqsSubscriberArgs,
        checked_topic_name,
    )

__all__ = [
    "ChatStreamingEndpoint",
    "ChatStreamingEndpointArgs",
    "HttpsSubscriberArgs",
    "LambdaSubscriberArgs",
    "SqsSubscriberArgs",
    "checked_topic_name",
]

__getattr__ = lazy_exports(__name__, dict.fromkeys(__all__, f"{__name__}.component"))
