"""Deprecated alias of :mod:`connect_runtime.metrics.render`."""

from connect_runtime._moved import moved

moved(__name__, "connect_runtime.metrics.render")

from connect_runtime.metrics.render import (  # noqa: E402
    FORMATS,
    openmetrics_text,
    render_v2_rows,
    write_table,
)

__all__ = ["FORMATS", "openmetrics_text", "render_v2_rows", "write_table"]
