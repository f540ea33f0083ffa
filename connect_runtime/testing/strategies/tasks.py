"""Strategies for StartTaskContact: references, flow choices, schedules, attachments and
segment attributes; valid kwargs for the 2021 reference's members
(``start_task_contact_kwargs``) and for the installed model's whole surface
(``start_task_contact_model_kwargs``), and ``broken_start_task_contact_kwargs``.

"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import provisional
from hypothesis import strategies as st

from connect_runtime.tasks import (
    CONTACT_EXPIRY,
    CREATED_BY_USER,
    CREATION_REFERENCE_TYPES,
    FLOW_CHOICE_FIELD,
    MAX_REFERENCES_BYTES,
    MAX_SCHEDULE_AHEAD,
    Reference,
    TaskAttachment,
)
from connect_runtime.testing.strategies._common import (
    attribute_maps,
    client_tokens,
    contact_ids,
    instance_ids,
    utf8_bytes,
)

__all__ = [
    "agent_arns",
    "broken_start_task_contact_kwargs",
    "flow_choices",
    "presigned_s3_urls",
    "reference_maps",
    "references",
    "segment_attribute_maps",
    "start_task_contact_kwargs",
    "start_task_contact_model_kwargs",
    "task_attachment_lists",
]


def references() -> st.SearchStrategy[Reference | dict[str, str]]:
    """Task references of every creation type, typed or as plain ``{"Value", "Type"}`` dicts."""
    values: dict[str, st.SearchStrategy[str]] = {
        "URL": provisional.urls(),
        "NUMBER": st.one_of(
            st.integers().map(str),
            st.floats(allow_nan=False, allow_infinity=False).map(repr),
            st.decimals(allow_nan=False, allow_infinity=False).map(str),
        ),
        "STRING": st.text(max_size=100),
        "DATE": st.integers(0, 9_999_999_999_999).map(str),
        "EMAIL": st.emails(),
    }
    # Only the types a task may be created with (ATTACHMENT is refused at creation).
    assert set(values) == set(CREATION_REFERENCE_TYPES)
    pairs = st.sampled_from(sorted(values)).flatmap(
        lambda kind: values[kind].map(lambda value: (kind, value))
    )
    return pairs.flatmap(
        lambda pair: st.sampled_from(
            [Reference(pair[0], pair[1]), {"Value": pair[1], "Type": pair[0]}]
        )
    )


def _reference_bytes(refs: dict[str, Reference | dict[str, str]]) -> int:
    total = 0
    for name, ref in refs.items():
        value = ref.value if isinstance(ref, Reference) else ref["Value"]
        total += utf8_bytes(name) + utf8_bytes(value)
    return total


def reference_maps(
    *, max_size: int = 5
) -> st.SearchStrategy[dict[str, Reference | dict[str, str]]]:
    """Reference maps within the 4,096-byte budget."""
    maps = st.dictionaries(st.text(min_size=1, max_size=40), references(), max_size=max_size)
    return maps.filter(lambda refs: _reference_bytes(refs) <= MAX_REFERENCES_BYTES)


def start_task_contact_kwargs() -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments for ``start_task_contact_request``."""
    return st.fixed_dictionaries(
        {
            "instance_id": instance_ids(),
            "contact_flow_id": st.one_of(st.uuids().map(str), st.text(min_size=1, max_size=500)),
            "name": st.text(max_size=1024),
        },
        optional={
            "description": st.text(max_size=4096),
            "attributes": attribute_maps(),
            "references": reference_maps(),
            "previous_contact_id": contact_ids(),
            "client_token": client_tokens(),
        },
    )


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
def start_task_contact_model_kwargs(draw: st.DrawFn) -> dict[str, Any]:
    """Valid ``start_task_contact_request`` kwargs over the model's fields (``now`` pinned)."""
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
    """``(kwargs, field)``: model-surface kwargs with one newer rule broken, the field named."""
    return _break(draw, draw(start_task_contact_model_kwargs()))
