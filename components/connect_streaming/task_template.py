"""Deprecated alias of :mod:`connect_streaming.templates.component`, where this module moved."""

from connect_streaming._lazy import forwarded, warn_moved
from connect_streaming.templates.component import *  # noqa: F403

warn_moved(__name__, "connect_streaming.templates.component")
__getattr__ = forwarded("connect_streaming.templates.component")
