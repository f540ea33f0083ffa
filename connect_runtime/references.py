"""Deprecated alias of :mod:`connect_runtime.tasks.references`."""

from connect_runtime._moved import moved

moved(__name__, "connect_runtime.tasks.references")

from connect_runtime.tasks.references import *  # noqa: E402, F403
from connect_runtime.tasks.references import __all__ as __all__  # noqa: E402
