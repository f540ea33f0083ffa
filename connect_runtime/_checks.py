"""The problem collector every builder shares, and the members more than one API takes.

Problems are collected and raised together as one ``ConnectRequestError`` naming each
parameter path, the value and the rule (lengths from botocore's Connect model).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Final

from connect_runtime import _model
from connect_runtime.errors import ConnectRequestError, Problem

__all__ = [
    "MAX_ATTRIBUTES_BYTES",
    "Checker",
    "attributes",
    "check_instance_id",
    "items_or_none",
    "utf8_len",
]


MAX_ATTRIBUTES_BYTES: Final = 32_768


_ATTRIBUTE_KEY: Final = re.compile(r"[A-Za-z0-9_-]+")


class Checker:
    """Collects problems for one request, then raises them all at once."""

    def __init__(self, operation: str, *, label: str | None = None) -> None:
        self.operation = operation  # whose model constraints apply
        self.label = label or operation  # what the error calls the request
        self.problems: list[Problem] = []

    def problem(self, field: str, value: object, rule: str, source: str = "API doc") -> None:
        self.problems.append(Problem(field, value, rule, source))

    def done(self) -> None:
        if self.problems:
            raise ConnectRequestError(self.label, self.problems)

    def string(
        self,
        field: str,
        value: object,
        model_path: tuple[str, ...],
        *,
        required: bool,
        min_chars: int = 0,
    ) -> str | None:
        """A string member: type, presence and the model's length limits."""
        if value is None:
            if required:
                self.problem(field, value, "is required")
            return None
        if not isinstance(value, str):
            self.problem(field, value, f"must be a string, not {type(value).__name__}")
            return None
        model_low, high = _model.limits(self.operation, *model_path)
        if len(value) < (model_low or 0):
            self.problem(field, value, f"must be at least {model_low} characters long", "model")
            return None
        if len(value) < min_chars:
            self.problem(field, value, "must not be empty")
            return None
        if high is not None and len(value) > high:
            self.problem(field, value, f"must be at most {high} characters long", "model")
            return None
        return value

    def items(self, field: str, value: object) -> list[object] | None:
        """A list-like parameter: any iterable except a string, bytes or mapping."""
        items = items_or_none(value)
        if items is None:
            self.problem(field, value, "must be a list")
        return items

    def byte_budget(self, field: str, total: int, limit: int, counted: str) -> None:
        """``counted`` (what adds up, e.g. "keys and values") over ``limit`` UTF-8 bytes."""
        if total > limit:
            rule = f"{counted} must total at most {limit} UTF-8 bytes"
            self.problem(field, f"<{total} UTF-8 bytes>", rule)

    def optional_items(self, field: str, value: object) -> list[object] | None:
        """An optional list member: None when it is not given, else as :meth:`items` reads it."""
        return None if value is None else self.items(field, value)

    def some_items(
        self, field: str, value: object, empty: str, source: str = "API doc"
    ) -> list[object] | None:
        """A list member that must hold something: an empty one is told with ``empty``."""
        items = self.items(field, value)
        if items is not None and not items:
            self.problem(field, value, empty, source)
            return None
        return items

    def mapping(self, field: str, value: object) -> Mapping[object, object] | None:
        if not isinstance(value, Mapping):
            self.problem(field, value, f"must be a mapping, not {type(value).__name__}")
            return None
        return value

    def either(
        self,
        field: str,
        whole: tuple[str, object],
        split: Mapping[str, tuple[str, object]],
    ) -> dict[str, object] | None:
        """``field``'s members, from the API's own one-value form or from the split keywords.

        ``whole``: (keyword, value) of the API form, a dict of the members ``split`` names;
        ``split``: member -> (keyword, value), unset when None. None once the API form is
        told to be broken (then its members are not checked again), or both forms are given.
        """
        keyword, value = whole
        if value is None:
            return {member: given for member, (_, given) in split.items()}
        shown = ", ".join(repr(member) for member in split)
        named = [name for name, given in split.values() if given is not None]
        if named:
            self.problem(field, value, f"pass either {keyword} or {' and '.join(named)}, not both")
        elif not isinstance(value, Mapping):
            self.problem(field, value, f"must be a {{{shown}}} dict, not {type(value).__name__}")
        elif unknown := sorted(str(key) for key in value if key not in split):
            self.problem(field, value, f"unknown keys {unknown}; expected {shown}")
        else:
            return {member: value.get(member) for member in split}
        return None

    def client_token(self, value: object) -> str | None:
        if value is None:
            return str(uuid.uuid4())
        return self.string("ClientToken", value, ("ClientToken",), required=True, min_chars=1)

    def timestamp(
        self,
        field: str,
        value: object,
        *,
        naive: str = "must be timezone-aware; naive datetimes are ambiguous",
    ) -> datetime | None:
        """A datetime member, in UTC; ``naive``: what a datetime without a zone is told."""
        if not isinstance(value, datetime):
            self.problem(field, value, "must be a timezone-aware datetime")
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            self.problem(field, value, naive)
            return None
        try:
            return value.astimezone(UTC)
        except OverflowError:
            self.problem(field, value, "must fall within the years 1..9999 in UTC")
            return None


def check_instance_id(instance_id: object, *, label: str = "ConnectRuntime") -> str:
    """``instance_id`` checked against the model's InstanceId rules, or ConnectRequestError.

    Example:
        >>> check_instance_id("inst-1")
        'inst-1'
    """
    check = Checker("StartTaskContact", label=label)
    checked = check.string("instance_id", instance_id, ("InstanceId",), required=True)
    check.done()
    assert checked is not None  # done() raised otherwise
    return checked


def attributes(check: Checker, value: object) -> dict[str, str] | None:
    mapping = check.mapping("Attributes", value)
    if mapping is None:
        return None
    _, key_high = _model.limits(check.operation, "Attributes", "key")
    _, value_high = _model.limits(check.operation, "Attributes", "value")
    total = 0
    result: dict[str, str] = {}
    for key, item in mapping.items():
        path = (
            f"Attributes[{key!r}]"
            if isinstance(key, str) and len(key) <= 60
            else "Attributes[<key>]"
        )
        if not isinstance(key, str):
            check.problem("Attributes", key, "keys must be strings")
            continue
        if not _ATTRIBUTE_KEY.fullmatch(key):
            check.problem(path, key, "keys may contain only ASCII letters, digits, '-' and '_'")
        elif key_high is not None and len(key) > key_high:
            check.problem(path, key, f"keys must be at most {key_high} characters long", "model")
        if not isinstance(item, str):
            check.problem(path, item, "values must be strings")
            continue
        if value_high is not None and len(item) > value_high:
            check.problem(
                path, item, f"values must be at most {value_high} characters long", "model"
            )
        total += utf8_len(key) + utf8_len(item)
        result[key] = item
    check.byte_budget("Attributes", total, MAX_ATTRIBUTES_BYTES, "keys and values")
    return result


def utf8_len(text: str) -> int:
    # surrogates cannot be sent at all; count them so the encode never raises here
    return len(text.encode("utf-8", "surrogatepass"))


def items_or_none(value: object) -> list[object] | None:
    """``value`` as a list when it is list-like (not a string, bytes or mapping), else None."""
    if isinstance(value, str | bytes | bytearray | Mapping) or not isinstance(value, Iterable):
        return None
    return list(value)
