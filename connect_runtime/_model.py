"""Constraints read from botocore's Connect service model, loaded once on first use.

Loading is deferred so that ``import connect_runtime`` costs no more than boto3 itself.
"""

from __future__ import annotations

import functools
import warnings
from typing import TYPE_CHECKING, Any, NamedTuple

from connect_runtime.errors import ModelDroppedWarning

if TYPE_CHECKING:
    from botocore.model import OperationModel, ServiceModel, Shape

SERVICE_NAME = "connect"


def botocore_version() -> str:
    """The installed botocore's version (the model's version)."""
    import botocore

    return str(botocore.__version__)


class Limits(NamedTuple):
    """Length (strings, lists, maps) or value (numbers) bounds from the model; None = unbounded."""

    min: int | None
    max: int | None

    def excludes(self, count: int) -> bool:
        """Whether ``count`` (a length or a value) falls outside min..max.

        >>> Limits(1, 3).excludes(0), Limits(1, 3).excludes(3), Limits(None, None).excludes(9)
        (True, False, False)
        """
        return (self.min is not None and count < self.min) or (
            self.max is not None and count > self.max
        )


@functools.cache
def service_model() -> ServiceModel:
    """The installed botocore Connect model (cached); botocore loads here, on first use."""
    from botocore.loaders import create_loader
    from botocore.model import ServiceModel

    loader = create_loader()
    return ServiceModel(loader.load_service_model(SERVICE_NAME, "service-2"), SERVICE_NAME)


@functools.cache
def operation_model(operation: str) -> OperationModel:
    """One operation of the Connect model, e.g. ``operation_model("StartTaskContact")``."""
    return service_model().operation_model(operation)


def _step(shape: Shape, part: str) -> Shape:
    if part == "member":
        return shape.member  # type: ignore[attr-defined,no-any-return]
    if part == "key":
        return shape.key  # type: ignore[attr-defined,no-any-return]
    if part == "value":
        return shape.value  # type: ignore[attr-defined,no-any-return]
    return shape.members[part]  # type: ignore[attr-defined,no-any-return]


@functools.cache
def shape_at(operation: str, *path: str) -> Shape:
    """The input shape reached by ``path`` (member names, or ``member``/``key``/``value``).

    Example:
        >>> shape_at("StartTaskContact", "Attributes", "key").name
        'AttributeName'
    """
    input_shape = operation_model(operation).input_shape
    assert input_shape is not None, f"{operation} has no input shape"
    shape: Shape = input_shape
    for part in path:
        shape = _step(shape, part)
    return shape


@functools.cache
def limits(operation: str, *path: str) -> Limits:
    """The model's ``min``/``max`` for the input member at ``path``."""
    metadata: dict[str, Any] = shape_at(operation, *path).metadata
    low = metadata.get("min")
    high = metadata.get("max")
    return Limits(None if low is None else int(low), None if high is None else int(high))


@functools.cache
def enum(operation: str, *path: str) -> frozenset[str]:
    """The model's enum values for the input member at ``path`` (empty when it has none)."""
    return frozenset(getattr(shape_at(operation, *path), "enum", None) or ())


@functools.cache
def required_members(operation: str, *path: str) -> frozenset[str]:
    """Names the model marks required in the structure at ``path``."""
    return frozenset(shape_at(operation, *path).required_members)


@functools.cache
def named_shape(name: str) -> Shape:
    """Any shape of the model by its name, e.g. ``named_shape("TaskTemplateFieldType")``.

    Example:
        >>> "SINGLE_SELECT" in named_shape("TaskTemplateFieldType").enum
        True
    """
    return service_model().shape_for(name)


@functools.cache
def named_enum(name: str) -> tuple[str, ...]:
    """The values of the model's enum shape ``name``, in the model's order.

    Example:
        >>> named_enum("QueueType")
        ('STANDARD', 'AGENT')
    """
    return tuple(getattr(named_shape(name), "enum", None) or ())


def warn_dropped(field: str, value: str) -> None:
    """Warn that ``value`` (a 2021-10-29 API value) is gone from the installed model.

    The request is still built: the live service may or may not accept it.
    """
    warnings.warn(
        ModelDroppedWarning(
            f"{field}: {value} is a 2021-10-29 API value that the botocore"
            f" {botocore_version()} Connect model no longer lists; the service may refuse it"
        ),
        stacklevel=4,
    )
