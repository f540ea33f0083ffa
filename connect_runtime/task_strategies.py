"""Hypothesis strategies for today's StartTaskContact and StartChatContact surface.

Valid keyword arguments, and keyword arguments with exactly one documented rule broken (paired
with the field the builder must name). Needs ``hypothesis``.

Example:
    >>> from hypothesis import given, settings
    >>> from connect_runtime import start_task_contact_request
    >>> @settings(max_examples=10)
    ... @given(start_task_contact_today_kwargs())
    ... def test_today(kwargs):
    ...     assert start_task_contact_request(**kwargs)["Name"] == kwargs["name"]
    >>> test_today()
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from connect_runtime.requests import CHAT_MESSAGE_CONTENT_TYPES, SUPPORTED_MESSAGING_CONTENT_TYPES
from connect_runtime.strategies import (
    attribute_maps,
    client_tokens,
    contact_ids,
    instance_ids,
    reference_maps,
    sns_topic_arns,
)
from connect_runtime.tasks import (
    CONTACT_EXPIRY,
    CREATED_BY_USER,
    FLOW_CHOICE_FIELD,
    MAX_SCHEDULE_AHEAD,
    TaskAttachment,
)

__all__ = [
    "agent_arns",
    "broken_start_chat_contact_kwargs",
    "broken_start_task_contact_kwargs",
    "flow_choices",
    "presigned_s3_urls",
    "segment_attribute_maps",
    "start_chat_contact_kwargs",
    "start_task_contact_today_kwargs",
    "task_attachment_lists",
]

_IDS = st.one_of(st.uuids().map(str), st.text(min_size=1, max_size=60))
_REGIONS = st.sampled_from(["us-east-1", "us-west-2", "eu-west-2", "ap-southeast-2"])
_ACCOUNTS = st.from_regex(r"[0-9]{12}", fullmatch=True)
_NOWS = st.datetimes(
    min_value=datetime(2001, 1, 1), max_value=datetime(2099, 1, 1), timezones=st.just(UTC)
)


def flow_choices() -> st.SearchStrategy[dict[str, str]]:
    """Exactly one of ``contact_flow_id``, ``quick_connect_id``, ``task_template_id``."""
    key = st.sampled_from(["contact_flow_id", "quick_connect_id", "task_template_id"])
    return st.builds(lambda k, v: {k: v}, key, _IDS)


def presigned_s3_urls() -> st.SearchStrategy[str]:
    """Presigned HTTPS S3 URLs (SigV4 query, virtual-hosted or path style)."""
    buckets = st.from_regex(r"[a-z0-9][a-z0-9-]{2,30}", fullmatch=True)
    keys = st.from_regex(r"[A-Za-z0-9_-]{1,30}\.(pdf|png|txt)", fullmatch=True)
    hosts = st.one_of(
        st.builds("{}.s3.{}.amazonaws.com".format, buckets, _REGIONS),
        st.builds("{}.s3.amazonaws.com".format, buckets),
        st.builds("s3.{}.amazonaws.com".format, _REGIONS),
    )
    signature = st.from_regex(r"[0-9a-f]{64}", fullmatch=True)
    return st.builds(
        "https://{}/{}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20260101"
        "&X-Amz-Date=20260101T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host"
        "&X-Amz-Signature={}".format,
        hosts,
        keys,
        signature,
    )


def task_attachment_lists() -> st.SearchStrategy[list[Any]]:
    """1..5 attachments, typed or as plain ``{"FileName", "S3Url"}`` dicts."""
    names = st.text(st.characters(categories=["L", "N", "P", "Zs"]), min_size=1, max_size=256)
    one = st.builds(TaskAttachment, names, presigned_s3_urls())
    either = one.flatmap(lambda a: st.sampled_from([a, a.to_api()]))
    return st.lists(either, min_size=1, max_size=5)


def agent_arns() -> st.SearchStrategy[str]:
    """Agent ARNs (``connect:CreatedByUser`` values)."""
    ids = st.uuids().map(str)
    return st.builds(
        "arn:aws:connect:{}:{}:instance/{}/agent/{}".format, _REGIONS, _ACCOUNTS, ids, ids
    )


def segment_attribute_maps() -> st.SearchStrategy[dict[str, Any]]:
    """SegmentAttributes with the documented system keys and user-defined string/int keys."""
    expiry = st.integers(1, 2**31 - 1).map(
        lambda m: {"ValueMap": {"ExpiryDuration": {"ValueInteger": m}}}
    )
    user_values = st.one_of(
        st.text(max_size=100).map(lambda v: {"ValueString": v}),
        st.integers(-(2**31), 2**31 - 1).map(lambda v: {"ValueInteger": v}),
    )
    return st.fixed_dictionaries(
        {},
        optional={
            CONTACT_EXPIRY: expiry,
            CREATED_BY_USER: agent_arns().map(lambda arn: {"ValueString": arn}),
        },
    ).flatmap(
        lambda system: st.dictionaries(
            st.from_regex(r"[A-Za-z0-9_-]{1,40}", fullmatch=True), user_values, max_size=3
        ).map(lambda user: {**user, **system})
    )


@st.composite
def start_task_contact_today_kwargs(draw: st.DrawFn) -> dict[str, Any]:
    """Valid ``start_task_contact_request`` kwargs using today's fields (``now`` pinned)."""
    now = draw(_NOWS)
    kwargs: dict[str, Any] = {
        "instance_id": draw(instance_ids()),
        "name": draw(st.text(max_size=200)),
        "now": now,
        **draw(flow_choices()),
    }
    optional = {
        "description": st.text(max_size=200),
        "attributes": attribute_maps(max_size=3),
        "references": reference_maps(max_size=3),
        "previous_contact_id": contact_ids(),
        "related_contact_id": contact_ids(),
        "scheduled_time": st.integers(0, int(MAX_SCHEDULE_AHEAD.total_seconds())).map(
            lambda s: now + timedelta(seconds=s)
        ),
        "segment_attributes": segment_attribute_maps(),
        "attachments": task_attachment_lists(),
        "client_token": client_tokens(),
    }
    for name, strategy in optional.items():
        if draw(st.booleans()):
            kwargs[name] = draw(strategy)
    return kwargs


def _flow_and_schedule_breaks(
    draw: st.DrawFn, kwargs: dict[str, Any]
) -> list[tuple[dict[str, Any], str]]:
    now = kwargs["now"]
    flow_keys = ("contact_flow_id", "quick_connect_id", "task_template_id")
    bare = {k: v for k, v in kwargs.items() if k not in flow_keys}
    two = draw(st.lists(st.sampled_from(flow_keys), min_size=2, max_size=3, unique=True))
    seconds = draw(st.integers(1, 10**6))
    return [
        (bare, FLOW_CHOICE_FIELD),
        ({**bare, **dict.fromkeys(two, "id-1")}, FLOW_CHOICE_FIELD),
        ({**kwargs, "scheduled_time": now - timedelta(seconds=seconds)}, "ScheduledTime"),
        (
            {**kwargs, "scheduled_time": now + MAX_SCHEDULE_AHEAD + timedelta(seconds=seconds)},
            "ScheduledTime",
        ),
        (
            {
                **kwargs,
                "references": {"f": {"Value": "https://x.example.com/a", "Type": "ATTACHMENT"}},
            },
            "References['f'].Type",
        ),
    ]


def _attachment_breaks(draw: st.DrawFn, kwargs: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    url = draw(presigned_s3_urls())
    http = "http://" + url.removeprefix("https://")
    one = "Attachments[0]"
    return [
        ({**kwargs, "attachments": [TaskAttachment("a.txt", url)] * 6}, "Attachments"),
        (
            {**kwargs, "attachments": [{"FileName": "a", "S3Url": url.split("?")[0]}]},
            f"{one}.S3Url",
        ),
        ({**kwargs, "attachments": [{"FileName": "a", "S3Url": http}]}, f"{one}.S3Url"),
        ({**kwargs, "attachments": [{"FileName": "a\x00b.pdf", "S3Url": url}]}, f"{one}.FileName"),
    ]


def _segment_breaks(draw: st.DrawFn, kwargs: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    minutes = draw(st.sampled_from([0, -5, "60", 1.5, True]))
    user = draw(st.sampled_from(["alice", "arn:aws:iam::1:user/a"]))
    key = draw(st.sampled_from(["case id", "case.id", "a/b"]))
    bad: list[tuple[dict[str, Any], str]] = [
        (
            {CONTACT_EXPIRY: {"ValueMap": {"ExpiryDuration": {"ValueInteger": minutes}}}},
            CONTACT_EXPIRY,
        ),
        ({CREATED_BY_USER: {"ValueString": user}}, CREATED_BY_USER),
        ({key: {"ValueString": "x"}}, key),
        ({"connect:Subtype": {"ValueString": "connect:Guide"}}, "connect:Subtype"),
    ]
    return [
        ({**kwargs, "segment_attributes": value}, f"SegmentAttributes[{name!r}]")
        for value, name in bad
    ]


def _break(draw: st.DrawFn, kwargs: dict[str, Any]) -> tuple[dict[str, Any], str]:
    cases = (
        _flow_and_schedule_breaks(draw, kwargs)
        + _attachment_breaks(draw, kwargs)
        + _segment_breaks(draw, kwargs)
    )
    chosen: tuple[dict[str, Any], str] = draw(st.sampled_from(cases))
    return chosen


@st.composite
def broken_start_task_contact_kwargs(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """``(kwargs, field)``: valid today's kwargs with one new rule broken, and the field named."""
    return _break(draw, draw(start_task_contact_today_kwargs()))


# --- StartChatContact ----------------------------------------------------------------------------


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
