"""Typed task references (StartTaskContact ``References``) and the checks on their values."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit

from connect_runtime import _model
from connect_runtime.arns import ANY_ARN
from connect_runtime.errors import ConnectRequestError, Problem

if TYPE_CHECKING:
    from mypy_boto3_connect.type_defs import ReferenceTypeDef

__all__ = [
    "CREATION_REFERENCE_TYPES",
    "REFERENCE_TYPES",
    "Reference",
    "creation_reference_type_problem",
    "model_reference_types",
    "reference_value_problem",
]

REFERENCE_TYPES: Final = ("URL", "ATTACHMENT", "NUMBER", "STRING", "DATE", "EMAIL")
"""Reference types of the 2021-10-29 StartTaskContact API."""

# The single source of the task-creation reference types. The botocore 1.44 Connect model's
# ReferenceType enum lists every type the service reports on a contact (ATTACHMENT,
# CONTACT_ANALYSIS, EMAIL_MESSAGE, ...); its StartTaskContact ``References`` doc string (and the
# API reference, https://docs.aws.amazon.com/connect/latest/APIReference/API_StartTaskContact.html)
# names the subset a task may be created with: "URL | NUMBER | STRING | DATE | EMAIL.
# ATTACHMENT is not a supported reference type during task creation."
CREATION_REFERENCE_TYPES: Final = ("URL", "NUMBER", "STRING", "DATE", "EMAIL")
"""Types a task may carry when it is created (API doc); every place that checks imports this."""


def model_reference_types() -> frozenset[str]:
    """Every reference type in the installed model's enum (more than creation accepts)."""
    return _model.enum("StartTaskContact", "References", "value", "Type")


def creation_reference_type_problem(reference_type: object) -> str | None:
    """Why ``reference_type`` cannot be set when a task is created, or None when it can.

    Example:
        >>> creation_reference_type_problem("URL") is None
        True
        >>> print(creation_reference_type_problem("ATTACHMENT"))
        ATTACHMENT references are not accepted when a task is created (current API reference); \
send files as Attachments (TaskAttachment) instead
    """
    if isinstance(reference_type, str) and reference_type in CREATION_REFERENCE_TYPES:
        return None
    if reference_type == "ATTACHMENT":
        return (
            "ATTACHMENT references are not accepted when a task is created (current API"
            " reference); send files as Attachments (TaskAttachment) instead"
        )
    allowed = ", ".join(CREATION_REFERENCE_TYPES)
    if isinstance(reference_type, str) and reference_type in model_reference_types():
        return (
            f"{reference_type} is a type the service reports, not one a task is created with;"
            f" use {allowed}"
        )
    return f"must be one of {allowed}"


_NUMBER: Final = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_EPOCH: Final = re.compile(r"[0-9]{1,13}")
_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+")
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
        if _is_http_url(value) or ANY_ARN.fullmatch(value):
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
