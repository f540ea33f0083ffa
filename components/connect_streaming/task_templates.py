"""Deprecated alias of :mod:`connect_streaming.templates.definition`, where this module moved."""

from connect_streaming._lazy import forwarded, warn_moved
from connect_streaming.templates.definition import *  # noqa: F403

warn_moved(__name__, "connect_streaming.templates.definition")
__getattr__ = forwarded("connect_streaming.templates.definition")
