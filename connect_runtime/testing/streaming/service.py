"""The endpoint's streaming operations: StartContactStreaming, StopContactStreaming and
StartChatContact (with ChatStreamingConfiguration, streaming from the first message)."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Mapping
from typing import Any, Final

import connect_runtime as builders
from connect_runtime.testing._operations import (
    Operations,
    checked,
    not_found,
)
from connect_runtime.testing._wire import ServiceError
from connect_runtime.testing.state import Contact, InstanceState, Stream

__all__ = ["MAX_STREAMS_PER_CONTACT", "StreamingOperations"]

MAX_STREAMS_PER_CONTACT: Final = 2


_JOINED: Final = "application/vnd.amazonaws.connect.event.participant.joined"


class StreamingOperations(Operations):
    """StartContactStreaming, StopContactStreaming and StartChatContact on the seeded state."""

    def _start_contact_streaming(self, params: dict[str, Any]) -> dict[str, Any]:
        checked(builders.start_contact_streaming_request, params)
        arn = str(params["ChatStreamingConfiguration"]["StreamingEndpointArn"])
        call = self._tokened("StartContactStreaming", params)
        with self.state.lock:
            if (earlier := call.earlier()) is not None:
                return {"StreamingId": earlier}
            instance = call.instance
            contact = self._contact(instance, params["ContactId"])
            if contact.channel != "CHAT":
                raise ServiceError(
                    "InvalidRequestException",
                    f"Contact {contact.id} is a {contact.channel} contact; only chat contacts"
                    " can stream messages",
                )
            if contact.ended:
                raise ServiceError("InvalidRequestException", f"Contact {contact.id} has ended")
            if len(instance.active_streams(contact.id)) >= MAX_STREAMS_PER_CONTACT:
                raise ServiceError(
                    "LimitExceededException",
                    f"Contact {contact.id} already streams to {MAX_STREAMS_PER_CONTACT}"
                    " endpoints, the most allowed",
                )
            if not self.state.publisher.topic_exists(arn):
                raise ServiceError(
                    "InvalidRequestException",
                    f"The streaming endpoint {arn} does not exist or cannot be published to",
                )
            stream = Stream(str(uuid.uuid4()), contact.id, arn, call.token, self.state.now())
            instance.streams[stream.id] = stream
            call.remember(stream.id)
            return {"StreamingId": stream.id}

    def _contact(self, instance: InstanceState, contact_id: str) -> Contact:
        contact = instance.contacts.get(contact_id)
        if contact is None:
            raise ServiceError(
                "ResourceNotFoundException",
                f"Contact {contact_id} was not found in instance {instance.id}",
            )
        return contact

    def _stop_contact_streaming(self, params: dict[str, Any]) -> dict[str, Any]:
        checked(builders.stop_contact_streaming_request, params)
        instance = self._instance(params["InstanceId"])
        with self.state.lock:
            contact = self._contact(instance, params["ContactId"])
            stream = instance.streams.get(params["StreamingId"])
            if stream is None or stream.contact_id != contact.id:
                raise ServiceError(
                    "ResourceNotFoundException",
                    f"Streaming {params['StreamingId']} was not found on contact {contact.id}",
                )
            # Stopping a stopped stream succeeds: a retried stop must not fail.
            if stream.active:
                stream.stopped_at = self.state.now()
                self._commit("StopContactStreaming")
        return {}

    def _start_chat_contact(self, params: dict[str, Any]) -> dict[str, Any]:
        message = params.get("InitialMessage") or {}
        checked(builders.start_chat_contact_request, params)
        call = self._tokened("StartChatContact", params)
        with self.state.lock:
            if (earlier := call.earlier()) is not None:
                return self._chat_answers[earlier]
            instance = call.instance
            contact, answer = self._new_chat(instance, params)
            self._chat_answers[contact.id] = answer
            call.remember(contact.id)
        # Published after the answer is stored: the stream sees the chat from its first item.
        instance.post_event(contact.id, _JOINED, role="CUSTOMER")
        if message:
            instance.post_message(
                contact.id, message["Content"], content_type=message["ContentType"]
            )
        return answer

    def _new_chat(
        self, instance: InstanceState, params: Mapping[str, Any]
    ) -> tuple[Contact, dict[str, Any]]:
        flow_id = params["ContactFlowId"]
        flow = instance.flows.get(flow_id)
        if flow is None:
            raise not_found("Contact flow", flow_id, instance)
        related = params.get("RelatedContactId")
        if related is not None and related not in instance.contacts:
            raise not_found("Related contact", related, instance)
        arn = (params.get("ChatStreamingConfiguration") or {}).get("StreamingEndpointArn")
        if arn is not None and not self.state.publisher.topic_exists(arn):
            raise ServiceError(
                "InvalidRequestException",
                f"The streaming endpoint {arn} does not exist or cannot be published to",
            )
        contact = instance.add_contact(
            channel="CHAT",
            state="QUEUED" if flow.queue else "IN_FLOW",
            queue=flow.queue,
            initiation_method="API",
            attributes=dict(params.get("Attributes") or {}),
            flow_id=flow.id,
            related_contact_id=related,
            client_token=params.get("ClientToken"),
        )
        contact.display_names["CUSTOMER"] = params["ParticipantDetails"]["DisplayName"]
        answer: dict[str, Any] = {
            "ContactId": contact.id,
            "ParticipantId": instance.participant_id(contact, "CUSTOMER"),
            "ParticipantToken": secrets.token_urlsafe(48),
        }
        if arn is not None:
            stream = Stream(
                str(uuid.uuid4()), contact.id, arn, params.get("ClientToken"), self.state.now()
            )
            instance.streams[stream.id] = stream
            answer["StreamingId"] = stream.id
        return contact, answer
