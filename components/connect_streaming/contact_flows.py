"""Deprecated alias of :mod:`connect_streaming.flows.component`, where this module moved."""

from connect_streaming._lazy import forwarded, warn_moved
from connect_streaming.flows.component import *  # noqa: F403

warn_moved(__name__, "connect_streaming.flows.component")
__getattr__ = forwarded("connect_streaming.flows.component")
