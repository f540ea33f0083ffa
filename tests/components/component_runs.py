"""What the component tests share: one instance, running a program under the recording mocks,
and reading the JSON documents a resource was given."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from connect_streaming_plan.mocks import RecordedResource, StackRun, run_program

ACCOUNT = "111122223333"
INSTANCE_ID = "2f8c6a1e-4b7d-4e19-9c3a-5d0e8f7a6b21"
INSTANCE = f"arn:aws:connect:eu-west-2:{ACCOUNT}:instance/{INSTANCE_ID}"
CONFIG = {"aws:region": "eu-west-2", "connect-streaming:instanceArn": INSTANCE}
OIDC_PROVIDER = f"arn:aws:iam::{ACCOUNT}:oidc-provider/token.actions.githubusercontent.com"
LAMBDA = f"arn:aws:lambda:eu-west-2:{ACCOUNT}:function:chat-indexer"


def run_in_stack(program: Callable[[], Any]) -> StackRun:
    """Run ``program`` as a Pulumi program of the stack ``test`` under the recording mocks."""
    return run_program(program, environment="test", config=CONFIG)


def only(run: StackRun, type_token: str) -> RecordedResource:
    """The run's only resource of this type."""
    (resource,) = run.of_type(type_token)
    return resource


def document_in(resource: RecordedResource, key: str = "policy") -> dict[str, Any]:
    """The JSON document the resource was given in ``key``."""
    value = resource.inputs[key]
    assert isinstance(value, str), f"{resource.name}.{key} must be a JSON string"
    document: dict[str, Any] = json.loads(value)
    return document


def statements_by_sid(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A document's statements by Sid."""
    return {s["Sid"]: s for s in document["Statement"]}
