"""Metric rows as a table, CSV or JSON lines, and GetMetricDataV2 rows as OpenMetrics text too.

OpenMetrics (V2 rows): one gauge family per metric (``connect_<metric>[_seconds|_percent]``), labels
from the dimensions, the interval period and any threshold, each sample stamped with its
interval's end, so ``promtool tsdb create-blocks-from openmetrics`` can import a history and
a scrape sees the latest value.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Sequence
from typing import Final, TextIO

from connect_runtime.metrics.rows import MetricRow, MetricRowV2

__all__ = ["FORMATS", "openmetrics_text", "render_rows", "render_v2_rows", "write_table"]

FORMATS: Final = ("table", "csv", "json", "openmetrics")
_FIXED: Final = ("interval_period", "interval_start", "interval_end")
_TAIL: Final = ("metric_name", "threshold_comparison", "threshold_value", "unit", "value")
_SUFFIX: Final = {"SECONDS": "_seconds", "PERCENT": "_percent", "MILLISECONDS": "_milliseconds"}
_UNIT: Final = {"SECONDS": "seconds"}  # OpenMetrics UNIT lines only for base units


def _label(name: str) -> str:
    cleaned = re.sub(r"[^a-zA-Z0-9_]", "_", name).lower()
    return cleaned if re.match(r"[a-zA-Z_]", cleaned) else f"_{cleaned}"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _family(row: MetricRowV2) -> str:
    return "connect_" + _label(row.metric_name) + _SUFFIX.get(row.unit, "")


def _labels(row: MetricRowV2) -> str:
    pairs = {_label(key): value for key, value in sorted(row.dimensions.items())}
    if row.interval_period:
        pairs["interval"] = row.interval_period
    if row.threshold_comparison is not None:
        pairs["threshold_comparison"] = row.threshold_comparison
        pairs["threshold"] = f"{row.threshold_value:g}"
    for index, (key, values, negate) in enumerate(row.metric_filters):
        pairs[f"metric_filter_{index}"] = f"{'!' if negate else ''}{key}={','.join(values)}"
    return ",".join(f'{key}="{_escape(str(value))}"' for key, value in pairs.items())


def openmetrics_text(rows: Sequence[MetricRowV2]) -> str:
    """OpenMetrics exposition of ``rows`` (rows without a value are left out).

    Example:
        >>> from datetime import datetime, timezone
        >>> end = datetime(2026, 11, 24, 10, tzinfo=timezone.utc)
        >>> row = MetricRowV2("AVG_HANDLE_TIME", "SECONDS", 312.5, "HOUR", None, end,
        ...                   {"QUEUE": "q-1"})
        >>> print(openmetrics_text([row]), end="")
        # TYPE connect_avg_handle_time_seconds gauge
        # UNIT connect_avg_handle_time_seconds seconds
        # HELP connect_avg_handle_time_seconds Amazon Connect AVG_HANDLE_TIME (SECONDS)
        connect_avg_handle_time_seconds{queue="q-1",interval="HOUR"} 312.5 1795514400
        # EOF
    """
    families: dict[str, list[MetricRowV2]] = {}
    for row in rows:
        if row.value is not None and math.isfinite(row.value):
            families.setdefault(_family(row), []).append(row)
    lines: list[str] = []
    for family, members in families.items():
        first = members[0]
        lines.append(f"# TYPE {family} gauge")
        if first.unit in _UNIT:
            lines.append(f"# UNIT {family} {_UNIT[first.unit]}")
        lines.append(f"# HELP {family} Amazon Connect {first.metric_name} ({first.unit})")
        # a series' samples must come in increasing timestamp order, series kept together
        ordered = sorted(members, key=lambda r: (_labels(r), r.interval_end or r.interval_start))
        for row in ordered:
            labels = _labels(row)
            sample = f"{family}{{{labels}}}" if labels else family
            stamp = row.interval_end
            suffix = f" {stamp.timestamp():.0f}" if stamp is not None else ""
            lines.append(f"{sample} {row.value!r}{suffix}")
    lines.append("# EOF")
    return "\n".join(lines) + "\n"


def _columns(rows: Sequence[MetricRowV2]) -> tuple[list[str], list[list[str]]]:
    dims = sorted({key for row in rows for key in row.dimensions})
    columns = [*_FIXED, *dims, *_TAIL]
    table = []
    for row in rows:
        cells: list[object] = [row.interval_period, row.interval_start, row.interval_end]
        cells += [row.dimensions.get(key) for key in dims]
        cells += [row.metric_name, row.threshold_comparison, row.threshold_value, row.unit]
        cells.append(row.value)
        table.append(["" if cell is None else str(cell) for cell in cells])
    return columns, table


def render_v2_rows(rows: Sequence[MetricRowV2], output_format: str, out: TextIO) -> None:
    """Write V2 rows as ``table``, ``csv``, ``json`` (lines) or ``openmetrics`` text."""
    if output_format == "openmetrics":
        out.write(openmetrics_text(rows))
        return
    if output_format == "json":
        for row in rows:
            record = row.as_dict()
            for key in _FIXED[1:]:
                record[key] = record[key].isoformat() if record[key] else None
            out.write(json.dumps(record, sort_keys=True) + "\n")
        return
    columns, table = _columns(rows)
    write_table(columns, table, output_format, out)


def write_table(
    columns: Sequence[str], table: Sequence[Sequence[str]], output_format: str, out: TextIO
) -> None:
    """Write rows of cells as ``csv``, or else as a text table with an upper-case header."""
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(table)
        out.write(buffer.getvalue())
        return
    widths = [max([len(c)] + [len(line[i]) for line in table]) for i, c in enumerate(columns)]
    header = "  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True))
    out.write(header.rstrip() + "\n")
    for line in table:
        out.write("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() + "\n")


# --- GetCurrentMetricData and GetMetricData rows ------------------------------------------

_ROW_COLUMNS = (
    "queue_id",
    "queue_arn",
    "channel",
    "routing_profile_id",
    "routing_profile_arn",
    "instance_id",
    "instance_arn",
    "routing_step_expression",
    "agent_status_id",
    "subtype",
    "validation_test_type",
    "metric_name",
    "unit",
    "statistic",
    "threshold",
    "value",
)


_ALWAYS = frozenset({"metric_name", "unit", "value"})


def render_rows(rows: Sequence[MetricRow], output_format: str, out: TextIO) -> None:
    """Write metric rows as an aligned table, CSV or JSON lines.

    Table and CSV show only the dimension columns that carry a value in some row.

    Example:
        >>> import sys
        >>> row = MetricRow("CONTACTS_IN_QUEUE", "COUNT", 3.0, queue_id="q1")
        >>> render_rows([row], "csv", sys.stdout)
        queue_id,metric_name,unit,value
        q1,CONTACTS_IN_QUEUE,COUNT,3.0
    """
    if output_format == "json":
        for row in rows:
            record = row.as_dict()
            snapshot = record.pop("data_snapshot_time")
            record["data_snapshot_time"] = snapshot.isoformat() if snapshot else None
            out.write(json.dumps(record, sort_keys=True) + "\n")
        return
    columns = [
        name
        for name in _ROW_COLUMNS
        if name in _ALWAYS or any(getattr(row, name) is not None for row in rows)
    ]
    table = [[_cell(getattr(row, name)) for name in columns] for row in rows]
    write_table(columns, table, output_format, out)


def _cell(value: object) -> str:
    return "" if value is None else str(value)
