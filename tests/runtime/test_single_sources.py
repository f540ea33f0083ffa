"""One source per fact (issue 12, item 1): the model's enums are read from the model, never
retyped as a literal; facts the model lacks are written in exactly one module."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Final, get_args

import pytest

from connect_runtime import _model
from connect_runtime.metrics.catalogue import (
    CHANNELS,
    GROUPINGS,
    HISTORICAL_METRIC_UNITS,
    Statistic,
    Unit,
)
from connect_runtime.streaming.consumer import PARTICIPANT_ROLES, VISIBILITIES
from connect_runtime.testing._wire import spec_enum_extras
from tests.repo import COMPONENTS_DIR, REPO_ROOT

SOURCE_DIRS: Final = (
    REPO_ROOT / "connect_runtime",
    REPO_ROOT / "connect_streaming_plan",
    REPO_ROOT / "policy" / "connect_streaming_policy",
    COMPONENTS_DIR / "connect_streaming",
)
# Literals allowed to equal a model enum, each with the reason.
MODEL_FREE: Final = {
    # The Lambda-side consumer parses SNS payloads without loading botocore's model; the
    # test below holds its list equal to the model's ParticipantRole.
    ("connect_runtime/streaming/consumer.py", frozenset(PARTICIPANT_ROLES)),
}


def _string_collections(path: Path) -> Iterator[tuple[frozenset[str], int]]:
    """Tuple, list and set literals of two or more strings (``Literal[...]`` left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_args = {
        id(node.slice)
        for node in ast.walk(tree)
        if isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("Literal")
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Tuple | ast.List | ast.Set)
            and id(node) not in typing_args
            and len(node.elts) >= 2
            and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts)
        ):
            yield (
                frozenset(str(e.value) for e in node.elts if isinstance(e, ast.Constant)),
                node.lineno,
            )


def _literals() -> list[tuple[str, frozenset[str], int]]:
    return [
        (str(path.relative_to(REPO_ROOT)), values, line)
        for folder in SOURCE_DIRS
        for path in sorted(folder.rglob("*.py"))
        for values, line in _string_collections(path)
    ]


def _constants(value: object) -> list[str]:
    """The modules that write ``value`` as a constant."""
    return sorted(
        str(path.relative_to(REPO_ROOT))
        for folder in SOURCE_DIRS
        for path in sorted(folder.rglob("*.py"))
        if any(
            isinstance(node, ast.Constant)
            and node.value == value
            and type(node.value) is type(value)
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    )


def test_no_literal_retypes_an_enum_of_the_model() -> None:
    service = _model.service_model()
    enums: dict[frozenset[str], str] = {}
    for name in service.shape_names:
        values = getattr(service.shape_for(name), "enum", None) or ()
        if len(values) >= 2:
            enums[frozenset(values)] = name
    retyped = [
        f"{path}:{line} retypes the model's {enums[values]}"
        for path, values, line in _literals()
        if values in enums and (path, values) not in MODEL_FREE
    ]
    assert not retyped, retyped


@pytest.mark.parametrize(
    ("fact", "home"),
    [
        (frozenset(VISIBILITIES), "connect_runtime/streaming/consumer.py"),
        (frozenset(CHANNELS), "connect_runtime/metrics/catalogue.py"),
        (frozenset(GROUPINGS), "connect_runtime/metrics/catalogue.py"),
    ],
    ids=["message-visibilities", "2021-channels", "2021-groupings"],
)
def test_a_fact_the_model_lacks_is_written_in_one_module(fact: frozenset[str], home: str) -> None:
    assert sorted({path for path, values, _ in _literals() if values == fact}) == [home]


def test_the_task_delay_limit_is_written_once() -> None:
    # CreateTask DelaySeconds: 'between 1 and 518400 (6 days)' (createtask.html).
    assert _constants(518_400) == ["components/connect_streaming/flows/reference.py"]


def test_the_service_level_threshold_limit_is_written_once() -> None:
    # SERVICE_LEVEL ThresholdValue: at most 604800 seconds (one week; API reference).
    assert _constants(604_800) == ["connect_runtime/metrics/catalogue.py"]


def test_the_2021_only_values_come_from_the_2021_tables() -> None:
    """The wire's dropped values are computed from the spec's tables, not written again."""
    assert spec_enum_extras() == {
        "Grouping": frozenset({"INSTANCE"}),
        "HistoricalMetricName": frozenset(
            {"CONTACTS_TRANSFERRED_IN_BY_AGENT", "CONTACTS_TRANSFERRED_OUT_BY_AGENT"}
        ),
        "Unit": frozenset({"MILLISECONDS"}),
    }
    assert set(spec_enum_extras()["HistoricalMetricName"]) <= set(HISTORICAL_METRIC_UNITS)
    assert _constants("CONTACTS_TRANSFERRED_OUT_BY_AGENT") == [
        "connect_runtime/metrics/catalogue.py",
        "connect_runtime/testing/metrics/figures.py",  # the endpoint's computation of that metric
    ]


def test_the_typing_copies_of_model_enums_match_the_model() -> None:
    assert set(get_args(Statistic)) == set(_model.named_enum("Statistic"))
    assert set(get_args(Unit)) == set(_model.named_enum("Unit")) | {"MILLISECONDS"}
    assert set(PARTICIPANT_ROLES) == set(_model.named_enum("ParticipantRole"))


def test_the_components_take_the_visibilities_from_the_runtime() -> None:
    from connect_streaming.streaming.documents import MESSAGE_VISIBILITIES

    assert MESSAGE_VISIBILITIES is VISIBILITIES
