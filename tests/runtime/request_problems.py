"""The exact problems a request builder reports: shared by the ``*_exact`` tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from connect_runtime import ConnectRequestError
from connect_runtime.errors import ModelDroppedWarning

Row = tuple[str, object, str, str]
"""One problem as (field, value, rule, source)."""


def problems(build: Callable[..., object], **kwargs: Any) -> list[Row]:
    """Every problem ``build(**kwargs)`` reports, in order; fails the test when it builds."""
    with pytest.raises(ConnectRequestError) as caught:
        build(**kwargs)
    return [(p.field, p.value, p.rule, p.source) for p in caught.value.problems]


def operation(build: Callable[..., object], **kwargs: Any) -> str:
    """The request name the error of ``build(**kwargs)`` gives."""
    with pytest.raises(ConnectRequestError) as caught:
        build(**kwargs)
    return caught.value.operation


def built_with_warnings(build: Callable[..., Any], **kwargs: Any) -> tuple[Any, list[str]]:
    """The request ``build(**kwargs)`` returns and what each ModelDroppedWarning names."""
    with pytest.warns(ModelDroppedWarning) as caught:
        request = build(**kwargs)
    return request, [str(warning.message).split(" is ")[0] for warning in caught]
