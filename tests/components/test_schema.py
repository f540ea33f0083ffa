"""The package schema other Pulumi languages consume (`pulumi package add <repo>/components`),
built in-process with the SDK's component analyzer, as the provider host builds it."""

from __future__ import annotations

import inspect
import sys
import typing
from typing import Any, cast

import pulumi
import pytest
from pulumi.provider.experimental.analyzer import Analyzer
from pulumi.provider.experimental.schema import generate_schema

from connect_streaming.provider import COMPONENTS
from tests.repo import COMPONENTS_DIR, served_provider_schema

PACKAGE = "connect-streaming"


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _declared_inputs(component: type) -> set[str]:
    args_type = inspect.get_annotations(vars(component)["__init__"])["args"]
    return {_camel(key) for key in args_type.__annotations__}


def _declared_outputs(component: type) -> set[str]:
    names = set()
    for klass in component.__mro__:
        for name, hint in inspect.get_annotations(klass).items():
            if typing.get_origin(hint) is cast(Any, pulumi.Output):
                names.add(_camel(name))
    return names


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    analysis = Analyzer(PACKAGE).analyze(COMPONENTS)
    spec = generate_schema(
        name=PACKAGE,
        version="0.1.0",
        namespace=None,
        components=analysis["component_definitions"],
        type_definitions=analysis["type_definitions"],
        dependencies=list(analysis["dependencies"]),
    )
    document: dict[str, Any] = spec.to_json()
    return document


def test_every_component_is_in_the_schema(schema: dict[str, Any]) -> None:
    assert set(schema["resources"]) == {f"{PACKAGE}:index:{c.__name__}" for c in COMPONENTS}
    for resource in schema["resources"].values():
        assert resource["isComponent"] is True


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.__name__)
def test_inputs_and_outputs_match_the_python_declarations(
    schema: dict[str, Any], component: type
) -> None:
    resource = schema["resources"][f"{PACKAGE}:index:{component.__name__}"]
    assert set(resource["inputProperties"]) == _declared_inputs(component)
    assert set(resource["properties"]) == _declared_outputs(component)
    assert resource.get("description"), "the class docstring documents the component"
    for name, prop in resource["inputProperties"].items():
        assert prop.get("description"), f"{component.__name__}.{name} has no description"


def test_required_inputs_follow_not_required(schema: dict[str, Any]) -> None:
    endpoint = schema["resources"][f"{PACKAGE}:index:ChatStreamingEndpoint"]
    assert endpoint["requiredInputs"] == ["instanceArn"]
    starter = schema["resources"][f"{PACKAGE}:index:TaskStarterRole"]
    assert sorted(starter["requiredInputs"]) == ["contactFlowArns", "instanceArn", "trust"]


def test_nested_argument_types_are_published(schema: dict[str, Any]) -> None:
    types = set(schema["types"])
    assert {
        f"{PACKAGE}:index:SqsSubscriberArgs",
        f"{PACKAGE}:index:TrustArgs",
        f"{PACKAGE}:index:TaskReferenceArgs",
    } <= types


def test_the_provider_host_serves_the_same_schema_over_grpc(schema: dict[str, Any]) -> None:
    """`pulumi package add` starts components/__main__.py and asks it for GetSchema."""
    # 127.0.0.1:9: an engine address it never dials here
    served = served_provider_schema([sys.executable, "__main__.py", "127.0.0.1:9"], COMPONENTS_DIR)
    assert served["name"] == PACKAGE
    assert served["resources"] == schema["resources"]
    assert served["types"] == schema["types"]
