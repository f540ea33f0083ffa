"""Typed task references (StartTaskContact ``References``) and the checks on their values."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit

from connect_runtime.errors import ConnectRequestError, Problem

if TYPE_CHECKING:
    from mypy_boto3_connect.type_defs import ReferenceTypeDef

__all__ = ["REFERENCE_TYPES", "Reference", "reference_value_problem"]

REFERENCE_TYPES: Final = ("URL", "ATTACHMENT", "NUMBER", "STRING", "DATE", "EMAIL")
"""Reference types of the 2021-10-29 StartTaskContact API."""

CREATION_REFERENCE_TYPES: Final = ("URL", "NUMBER", "STRING", "DATE", "EMAIL")
"""Types the current API reference accepts when a task is created (ATTACHMENT is not)."""

_NUMBER: Final = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_EPOCH: Final = re.compile(r"[0-9]{1,13}")
_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+")
_ARN: Final = re.compile(r"arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:[0-9]{0,12}:\S+")
_MAX_EMAIL_CHARS: Final = 254


def _is_http_url(value: str) -> bool:
    if any(ch.isspace() for ch in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def reference_value_problem(reference_type: str, value: str) -> str | None:
    """Why ``value`` is not valid for ``reference_type``, or None when it is.

    Example:
        >>> reference_value_problem("NUMBER", "12.5") is None
        True
        >>> reference_value_problem("URL", "ftp://example.com")
        'a URL reference must be an http(s) URL with a host'
    """
    if reference_type == "URL":
        return None if _is_http_url(value) else "a URL reference must be an http(s) URL with a host"
    if reference_type == "NUMBER":
        if _NUMBER.fullmatch(value):
            return None
        return "a NUMBER reference must be a decimal number such as 42 or -3.5e2"
    if reference_type == "DATE":
        if _EPOCH.fullmatch(value):
            return None
        return "a DATE reference must be an epoch timestamp (whole seconds or milliseconds)"
    if reference_type == "EMAIL":
        if len(value) <= _MAX_EMAIL_CHARS and _EMAIL.fullmatch(value):
            return None
        return "an EMAIL reference must be an address such as agent@example.com"
    if reference_type == "ATTACHMENT":
        if _is_http_url(value) or _ARN.fullmatch(value):
            return None
        return "an ATTACHMENT reference must be an http(s) URL or an ARN"
    if reference_type == "STRING":
        return None
    return "Type must be one of " + ", ".join(REFERENCE_TYPES)


@dataclass(frozen=True, slots=True)
class Reference:
    """A task reference shown to the agent in the CCP; build it with a typed constructor.

    Example:
        >>> Reference.url("https://example.com/case/42").to_api()
        {'Value': 'https://example.com/case/42', 'Type': 'URL'}
        >>> Reference.number(3).to_api()
        {'Value': '3', 'Type': 'NUMBER'}
    """

    type: str
    value: str

    def __post_init__(self) -> None:
        if not isinstance(self.type, str) or self.type not in REFERENCE_TYPES:
            raise _invalid(
                "References[].Type", self.type, "must be one of " + ", ".join(REFERENCE_TYPES)
            )
        if not isinstance(self.value, str):
            raise _invalid(f"References[].Value ({self.type})", self.value, "must be a string")
        reason = reference_value_problem(self.type, self.value)
        if reason is not None:
            raise _invalid(f"References[].Value ({self.type})", self.value, reason)

    @classmethod
    def url(cls, value: str) -> Reference:
        """An http(s) link."""
        return cls("URL", value)

    @classmethod
    def number(cls, value: int | float | Decimal | str) -> Reference:
        """A number; ints, finite floats and Decimals are written in plain decimal form."""
        if isinstance(value, bool):
            raise _invalid("References[].Value (NUMBER)", value, "must be a number, not a bool")
        text = value if isinstance(value, str) else _number_text(value)
        return cls("NUMBER", text)

    @classmethod
    def string(cls, value: str) -> Reference:
        """Free text."""
        return cls("STRING", value)

    @classmethod
    def date(cls, value: datetime | int) -> Reference:
        """A date, sent as epoch seconds; an aware datetime or an epoch integer."""
        if isinstance(value, datetime):
            if value.tzinfo is None or value.utcoffset() is None:
                raise _invalid(
                    "References[].Value (DATE)", value, "datetime must be timezone-aware"
                )
            return cls("DATE", str(int(value.timestamp())))
        if isinstance(value, bool) or not isinstance(value, int):
            raise _invalid(
                "References[].Value (DATE)", value, "must be a datetime or epoch integer"
            )
        return cls("DATE", str(value))

    @classmethod
    def email(cls, value: str) -> Reference:
        """An email address."""
        return cls("EMAIL", value)

    @classmethod
    def attachment(cls, value: str) -> Reference:
        """An attachment link (http(s) URL or ARN).

        The 2021 API lists ATTACHMENT; the current API reference says it is not accepted
        when a task is created, so prefer the other types for StartTaskContact.
        """
        return cls("ATTACHMENT", value)

    def to_api(self) -> ReferenceTypeDef:
        """The API's ``{"Value", "Type"}`` form."""
        return {"Value": self.value, "Type": self.type}  # type: ignore[typeddict-item]


def _number_text(value: int | float | Decimal) -> str:
    if isinstance(value, int):
        try:
            return str(value)
        except ValueError:  # beyond the interpreter's int-to-str digit limit
            raise _invalid("References[].Value (NUMBER)", value, "has too many digits") from None
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _invalid("References[].Value (NUMBER)", value, "must be a finite number")
        return repr(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise _invalid("References[].Value (NUMBER)", value, "must be a finite number")
        return str(value)
    raise _invalid("References[].Value (NUMBER)", value, "must be an int, float, Decimal or str")


def _invalid(field: str, value: object, rule: str) -> ConnectRequestError:
    return ConnectRequestError("StartTaskContact", [Problem(field, value, rule)])
