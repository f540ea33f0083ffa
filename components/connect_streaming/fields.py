"""The rules of single fields, written once: the stack-config parser and the components both
check them (the components also once an Output's value becomes known). Pure: no pulumi.

Example:
    >>> FIELD_RULES["url"].test("http://example.com"), FIELD_RULES["url"].what
    (False, 'an https:// URL')
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final

from connect_streaming.arns import INSTANCE_ARN, INSTANCE_ARN_RULE, PARTITION, REGION
from connect_streaming.flows import CREATION_REFERENCE_TYPES, MAX_DELAY_SECONDS
from connect_streaming.streaming.documents import (
    MAX_RECEIVE_COUNT_RANGE,
    MAX_RECEIVE_COUNT_RULE,
    MESSAGE_VISIBILITIES,
    RETENTION_RANGE,
    RETENTION_RULE,
)

NAME_MAX_LENGTH: Final = 40
"""Longest short name of a config entry (names prefix several AWS names, e.g. SQS's 80)."""
REQUIRED_TAGS: Final = ("owner", "cost-center")
"""Tags every environment must set (``environment`` is added from the stack name)."""


@dataclass(frozen=True)
class FieldRule:
    """What a field's value must be (``what`` completes "expected ...") and its test."""

    what: str
    test: Callable[[Any], bool]


def rule_key(owner: Any, field: str | None) -> str | None:
    """The FIELD_RULES key for ``field`` of the args TypedDict ``owner``: ``Owner.field`` when
    the owner has a rule of its own (a template field's ``name`` is not a config name)."""
    if field is None:
        return None
    qualified = f"{getattr(owner, '__name__', '')}.{field}"
    return qualified if qualified in FIELD_RULES else field


def _template_field_type(value: Any) -> bool:
    from connect_streaming.templates.definition import field_types

    return isinstance(value, str) and value in field_types()


def _pattern(regex: str) -> Callable[[Any], bool]:
    compiled = re.compile(regex)
    return lambda value: isinstance(value, str) and compiled.fullmatch(value) is not None


def _strings(test: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, list) and bool(value) and all(test(v) for v in value)


def _whole(low: int, high: int) -> Callable[[Any], bool]:
    # bool is an int subclass: true is not a number of seconds.
    return lambda value: type(value) is int and low <= value <= high


def _string_map(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and k and isinstance(v, str) and v for k, v in value.items()
    )


_PARTITION: Final = f"arn:{PARTITION}"
_REGION: Final = REGION
_ROLE_ARN: Final = _pattern(rf"{_PARTITION}:iam::[0-9]{{12}}:(role/.+|root)")

_QUEUE_ID: Final = FieldRule("a queue ID (letters, digits, '-')", _pattern(r"[A-Za-z0-9-]{1,100}"))
_QUEUE_ARN: Final = FieldRule("a queue ARN of the instance", _pattern(rf"{INSTANCE_ARN}/queue/.+"))
FIELD_RULES: Final[dict[str, FieldRule]] = {
    "name": FieldRule(
        f"a name of lowercase letters, digits and '-' (at most {NAME_MAX_LENGTH})",
        _pattern(rf"[a-z0-9][a-z0-9-]{{0,{NAME_MAX_LENGTH - 1}}}"),
    ),
    "instance_arn": FieldRule(INSTANCE_ARN_RULE, _pattern(INSTANCE_ARN)),
    "kms_key_arn": FieldRule(
        "a KMS key or alias ARN",
        _pattern(rf"{_PARTITION}:kms:{_REGION}:[0-9]{{12}}:(key|alias)/.+"),
    ),
    "function_arn": FieldRule(
        "a Lambda function ARN",
        _pattern(
            rf"{_PARTITION}:lambda:{_REGION}:[0-9]{{12}}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?"
        ),
    ),
    "url": FieldRule("an https:// URL", _pattern(r"https://[^\s/]+(/\S*)?")),
    "queue_id": _QUEUE_ID,
    "queue_arn": _QUEUE_ARN,
    "overflow_queue_id": _QUEUE_ID,
    "overflow_queue_arn": _QUEUE_ARN,
    "task_flow_arn": FieldRule(
        "a contact flow ARN of the instance", _pattern(rf"{INSTANCE_ARN}/contact-flow/.+")
    ),
    "role_arns": FieldRule(
        "a non-empty list of IAM role or account root ARNs", _strings(_ROLE_ARN)
    ),
    "oidc_provider_arn": FieldRule(
        "an IAM OIDC provider ARN", _pattern(rf"{_PARTITION}:iam::[0-9]{{12}}:oidc-provider/.+")
    ),
    "oidc_subjects": FieldRule(
        "a non-empty list of subject patterns", _strings(lambda v: isinstance(v, str) and v != "")
    ),
    "message_visibility": FieldRule(
        f"a non-empty list of {', '.join(MESSAGE_VISIBILITIES)}",
        _strings(lambda v: v in MESSAGE_VISIBILITIES),
    ),
    "message_retention_seconds": FieldRule(RETENTION_RULE, _whole(*RETENTION_RANGE)),
    "max_receive_count": FieldRule(MAX_RECEIVE_COUNT_RULE, _whole(*MAX_RECEIVE_COUNT_RANGE)),
    "delay_seconds": FieldRule(
        f"a whole number of seconds from 1 to {MAX_DELAY_SECONDS}",
        _whole(1, MAX_DELAY_SECONDS),
    ),
    "type": FieldRule(
        f"one of {', '.join(CREATION_REFERENCE_TYPES)}", CREATION_REFERENCE_TYPES.__contains__
    ),
    "attributes": FieldRule("an object of non-empty string values", _string_map),
    # A task template's fields have names and types of their own (CreateTaskTemplate).
    "TaskTemplateFieldArgs.name": FieldRule(
        "a field name of 1..100 characters",
        lambda v: isinstance(v, str) and 1 <= len(v) <= 100,
    ),
    "TaskTemplateFieldArgs.type": FieldRule(
        "a task template field type (the model's TaskTemplateFieldType, e.g. NAME, TEXT)",
        _template_field_type,
    ),
    "tags": FieldRule(
        f"an object of non-empty string values with at least {', '.join(REQUIRED_TAGS)}",
        lambda v: _string_map(v) and all(t in v for t in REQUIRED_TAGS),
    ),
}
"""Rules by argument name (snake_case, as in the components' TypedDicts)."""

CONFIG_ONLY: Final = frozenset({"name", "tags"})
"""Rules the stack config adds; the components accept any name and tags."""


def did_you_mean(key: str, options: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest option, or nothing when none is close."""
    close = difflib.get_close_matches(key, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
