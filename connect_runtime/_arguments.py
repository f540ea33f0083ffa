"""The ``connect-runtime`` argument types: text in, a checked value out, or argparse's
``ArgumentTypeError`` with a one-line message (never a traceback)."""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Final
from urllib.parse import urlsplit

from connect_runtime.errors import ConnectRequestError
from connect_runtime.metrics.specs import CurrentMetric, HistoricalMetric, MetricV2

__all__ = [
    "current_metric_arg",
    "endpoint_url_arg",
    "filter_arg",
    "historical_metric_arg",
    "key_value",
    "metric_v2_arg",
    "positive_seconds",
    "reference_arg",
    "timestamp_arg",
    "upper_choice",
    "whole_number",
]


def key_value(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key, value


def reference_arg(text: str) -> tuple[str, dict[str, str]]:
    name, sep, typed = text.partition("=")
    kind, colon, value = typed.partition(":")
    if not sep or not name or not colon:
        raise argparse.ArgumentTypeError(
            f"expected NAME=TYPE:VALUE (e.g. case=URL:https://...), got {text!r}"
        )
    return name, {"Value": value, "Type": kind.upper()}


_RELATIVE = re.compile(r"now(?:-(\d{1,6})([mhd]))?")


_UNITS: Final = {"m": 60, "h": 3600, "d": 86400}


def timestamp_arg(text: str) -> datetime:
    """An ISO 8601 time (UTC when it has no offset), or ``now``/``now-2h`` (5-minute floor)."""
    relative = _RELATIVE.fullmatch(text.strip().lower())
    if relative is not None:
        amount, unit = relative.groups()
        now = datetime.now(UTC).replace(second=0, microsecond=0)
        now -= timedelta(minutes=now.minute % 5)
        return now - timedelta(seconds=int(amount or 0) * _UNITS.get(unit or "m", 60))
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected an ISO 8601 time such as 2021-10-29T11:00:00Z, or now / now-2h /"
            f" now-90m, got {text!r}"
        ) from None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when


def historical_metric_arg(text: str) -> HistoricalMetric:
    name, colon, threshold = text.partition(":")
    name = name.strip().upper()
    if name == "SERVICE_LEVEL" and not threshold:
        raise argparse.ArgumentTypeError(
            f"SERVICE_LEVEL needs a threshold in seconds, as in SERVICE_LEVEL:60, got {text!r}"
        )
    try:
        if colon:
            return HistoricalMetric(name, threshold_seconds=int(threshold))
        return HistoricalMetric(name)
    except ValueError as error:  # ConnectRequestError too: the rule the metric broke
        message = str(error) if isinstance(error, ConnectRequestError) else ""
        raise argparse.ArgumentTypeError(
            message or f"expected NAME or NAME:SECONDS (e.g. SERVICE_LEVEL:60), got {text!r}"
        ) from None


def current_metric_arg(text: str) -> CurrentMetric:
    try:
        return CurrentMetric(text.strip().upper())
    except ConnectRequestError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def endpoint_url_arg(text: str) -> str:
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise argparse.ArgumentTypeError(
            f"{text!r} needs http:// or https:// and a host, e.g. http://127.0.0.1:4566"
        )
    return text


def positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not value > 0 or math.isinf(value):
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text!r}")
    return value


def whole_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")
    return value


def upper_choice(choices: Sequence[str]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        value = text.strip().upper()
        if value not in choices:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not one of {', '.join(choices)} (any case)"
            )
        return value

    parse.__name__ = "choice"
    return parse


def filter_arg(text: str) -> tuple[str, list[str]]:
    key, sep, values = text.partition("=")
    if not sep or not key or not values:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE[,VALUE...], got {text!r}")
    return key, values.split(",")


def metric_v2_arg(text: str) -> MetricV2:
    name, _, rest = text.partition(":")
    if not rest:
        return MetricV2(name)
    comparison, _, value = rest.rpartition(":")
    try:
        return MetricV2(name, threshold=float(value), comparison=comparison or "LT")
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected NAME, NAME:SECONDS or NAME:COMPARISON:SECONDS, got {text!r}"
        ) from None
