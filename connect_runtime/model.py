"""The installed botocore Connect model, read once: enums, limits and shapes for other packages.

The public face of :mod:`connect_runtime._model` (what the task-template checks of
``connect_streaming`` read), so that no package reaches into another's private modules.
"""

from connect_runtime._model import Limits, enum, limits, named_enum, named_shape, shape_at

__all__ = ["Limits", "enum", "limits", "named_enum", "named_shape", "shape_at"]
