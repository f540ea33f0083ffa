"""Streaming a chat's messages to SNS: the StartContactStreaming, StopContactStreaming and
StartChatContact builders, and the parser for what the topic's subscribers receive."""

from connect_runtime.streaming import consumer, requests
from connect_runtime.streaming.consumer import *  # noqa: F403
from connect_runtime.streaming.requests import *  # noqa: F403

__all__ = [*consumer.__all__, *requests.__all__]
