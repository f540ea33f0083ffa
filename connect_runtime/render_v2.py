"""Deprecated alias of :mod:`connect_runtime.metrics.render`."""

from connect_runtime._moved import moved

moved(__name__, "connect_runtime.metrics.render")

from connect_runtime.metrics.render import *  # noqa: E402, F403
from connect_runtime.metrics.render import __all__ as __all__  # noqa: E402
