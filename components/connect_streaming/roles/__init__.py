"""The job roles: three least-privilege roles (``component``, pulumi) and their trust and
permission documents (``documents``, pure). The component loads on first use, so
``documents`` imports without pulumi."""

from __future__ import annotations

from typing import TYPE_CHECKING

from connect_streaming._lazy import lazy_exports

if TYPE_CHECKING:
    from connect_streaming.roles.component import (
        MetricsReaderRole,
        MetricsReaderRoleArgs,
        StreamingControllerRole,
        StreamingControllerRoleArgs,
        TaskStarterRole,
        TaskStarterRoleArgs,
        TrustArgs,
        trust_from_args,
    )

__all__ = [
    "MetricsReaderRole",
    "MetricsReaderRoleArgs",
    "StreamingControllerRole",
    "StreamingControllerRoleArgs",
    "TaskStarterRole",
    "TaskStarterRoleArgs",
    "TrustArgs",
    "trust_from_args",
]

__getattr__ = lazy_exports(__name__, dict.fromkeys(__all__, f"{__name__}.component"))
