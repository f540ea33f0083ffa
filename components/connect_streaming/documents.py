"""Deprecated alias: the documents moved beside the components that use them, to
:mod:`connect_streaming.streaming.documents` and :mod:`connect_streaming.roles.documents`."""

from connect_streaming._lazy import warn_moved
from connect_streaming.roles.documents import *  # noqa: F403
from connect_streaming.roles.documents import __all__ as _roles
from connect_streaming.streaming.documents import *  # noqa: F403
from connect_streaming.streaming.documents import __all__ as _streaming

__all__ = sorted({*_streaming, *_roles})

warn_moved(__name__, "connect_streaming.streaming.documents or connect_streaming.roles.documents")
