"""Deprecated alias of :mod:`connect_runtime.streaming.consumer`."""

from connect_runtime._moved import moved

moved(__name__, "connect_runtime.streaming.consumer")

from connect_runtime.streaming.consumer import *  # noqa: E402, F403
from connect_runtime.streaming.consumer import __all__ as __all__  # noqa: E402
