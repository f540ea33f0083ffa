"""Pulumi mocks that synthesise realistic AWS IDs and ARNs, refuse duplicate URNs, and record
every resource; plus :func:`run_stack_program`, which runs a Pulumi program under them.

Used by the tests, by the offline plan (``python -m connect_streaming_plan``), and by anyone who
wants to unit-test a program that uses the connect_streaming components.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import re
import runpy
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlparse
from urllib.request import url2pathname

import pulumi
from pulumi.runtime import mocks as pulumi_mocks
from pulumi.runtime import settings as pulumi_settings
from pulumi.runtime.stack import run_pulumi_func
from pulumi.runtime.sync_await import _sync_await

from connect_streaming_plan.errors import ConnectStreamingPlanError

CONFIG_NAMESPACE: Final = "connect-streaming"
"""The components' config namespace (``connect-streaming:instanceArn``), whatever the project."""
_INSTANCE_ARN: Final = re.compile(
    r"arn:(?P<partition>aws[a-z-]*):connect:(?P<region>[a-z0-9-]+):(?P<account>[0-9]{12}):instance/.+"
)
_NAMESPACE: Final = uuid.UUID("6f1d2c4e-8a53-4f0e-9a3b-2b7f5d1c0e42")
ROOT_STACK_TYPE: Final = "pulumi:pulumi:Stack"
SECRET_SIG: Final = "1b47061264138c4ac30d75fd1eb44270"
"""The value of the special signature key that marks a secret on the wire."""
_SIG_KEY: Final = "4dabf18193072939515e22adb298388d"
MASKED: Final = "[secret]"
"""What the engine shows instead of a secret value."""


class StackProgramError(ConnectStreamingPlanError):
    """The stack program (or its config) failed under the mocks; the message says why.

    ``resources`` holds what had been registered before the failure (empty when the config
    was refused up front, as it should be)."""

    def __init__(self, message: str, resources: list[RecordedResource] | None = None) -> None:
        super().__init__(message)
        self.resources = list(resources or [])


class DuplicateResourceError(StackProgramError):
    """Two resources share a URN (same type chain and name): the engine refuses that too."""


@dataclass
class RecordedResource:
    """One registered resource as the engine would see it (inputs in engine camelCase)."""

    urn: str
    type: str
    name: str
    parent: str | None
    custom: bool
    id: str | None
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    ignore_changes: tuple[str, ...] = ()
    provider: str | None = None
    """The provider reference (``URN::ID``) the resource was registered with, if explicit."""
    dependencies: tuple[str, ...] = ()
    """URNs the resource depends on (its inputs' resources and ``depends_on``)."""
    property_dependencies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Per input property, the URNs its value came from (what ``AnalyzeStack`` sends)."""
    source: tuple[SourceLine, ...] = ()
    """Where the program registered it: the SDK's stack trace, innermost frame first."""

    @property
    def parent_name(self) -> str | None:
        """The parent's resource name (the last URN segment), or None for the stack."""
        if not self.parent or self.parent.split("::")[2].endswith(ROOT_STACK_TYPE):
            return None
        return self.parent.rsplit("::", 1)[-1]


@dataclass(frozen=True)
class SourceLine:
    """One frame of the program's stack when it registered a resource."""

    path: Path
    line: int


def _source(request: Any) -> tuple[SourceLine, ...]:
    frames = [frame.pc for frame in request.stackTrace.frames if frame.HasField("pc")]
    if not frames and request.HasField("sourcePosition"):
        frames = [request.sourcePosition]
    return tuple(
        SourceLine(Path(url2pathname(urlparse(pc.uri).path)), pc.line)
        for pc in frames
        if pc.uri.startswith("file:")
    )


def masked(value: Any) -> Any:
    """``value`` with every secret replaced by ``[secret]``, as the engine displays it."""
    if isinstance(value, Mapping):
        if value.get(_SIG_KEY) == SECRET_SIG:
            return MASKED
        return {key: masked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [masked(item) for item in value]
    return value


def _uid(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


class ConnectStreamingMocks(pulumi.runtime.Mocks):
    """Mocks that answer like AWS would: deterministic IDs and ARNs in one account and Region.

    Example:
        >>> mocks = ConnectStreamingMocks(account_id="111122223333", region="eu-west-2")
        >>> mocks.arn("sns", "chat")
        'arn:aws:sns:eu-west-2:111122223333:chat'
    """

    def __init__(
        self,
        *,
        account_id: str = "123456789012",
        region: str = "us-east-1",
        partition: str = "aws",
        stack_outputs: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        self.account_id = account_id
        self.region = region
        self.partition = partition
        self.stack_outputs = dict(stack_outputs or {})
        """Outputs of the stacks a program reads with ``pulumi.StackReference`` (by name)."""

    def _stack_reference(self, name: str) -> dict[str, Any]:
        if name not in self.stack_outputs:
            known = ", ".join(sorted(self.stack_outputs)) or "none"
            raise StackProgramError(
                f"the program reads the stack {name!r} (pulumi.StackReference); give its"
                f" outputs with --stack-reference {name}=OUTPUTS.json (given: {known})"
            )
        outputs = dict(self.stack_outputs[name])
        return {"name": name, "outputs": outputs, "secretOutputNames": []}

    def arn(self, service: str, resource: str, *, global_service: bool = False) -> str:
        """An ARN in the mocked account (and Region, unless the service is global)."""
        region = "" if global_service else self.region
        return f"arn:{self.partition}:{service}:{region}:{self.account_id}:{resource}"

    def new_resource(
        self, args: pulumi.runtime.MockResourceArgs
    ) -> tuple[str | None, dict[str, Any]]:
        """Synthesise the outputs AWS would return for ``args``."""
        inputs = dict(args.inputs)
        name = str(inputs.get("name") or args.name)
        kind = args.typ
        if kind == "pulumi:pulumi:StackReference":
            return name, self._stack_reference(name)
        state: dict[str, Any] = {}
        if kind == "aws:sns/topic:Topic":
            arn = self.arn("sns", name)
            state = {"arn": arn, "name": name, "owner": self.account_id}
            return arn, {**inputs, **state}
        if kind == "aws:sns/topicSubscription:TopicSubscription":
            arn = f"{inputs.get('topic', self.arn('sns', 'topic'))}:{_uid(kind, args.name)}"
            return arn, {**inputs, "arn": arn, "ownerId": self.account_id}
        if kind == "aws:kms/key:Key":
            key_id = _uid(kind, args.name)
            arn = self.arn("kms", f"key/{key_id}")
            return key_id, {**inputs, "keyId": key_id, "arn": arn}
        if kind == "aws:kms/alias:Alias":
            arn = self.arn("kms", str(inputs.get("name", f"alias/{args.name}")))
            return str(inputs.get("name")), {**inputs, "arn": arn, "targetKeyArn": arn}
        if kind == "aws:iam/role:Role":
            role_name = str(inputs.get("name") or f"{args.name}-{_uid(kind, args.name)[:7]}")
            arn = self.arn("iam", f"role/{role_name}", global_service=True)
            unique = "AROA" + _uid(kind, args.name).replace("-", "").upper()[:17]
            return role_name, {**inputs, "name": role_name, "arn": arn, "uniqueId": unique}
        if kind == "aws:iam/rolePolicy:RolePolicy":
            policy_name = str(inputs.get("name") or f"{args.name}-{_uid(kind, args.name)[:7]}")
            return f"{inputs.get('role')}:{policy_name}", {**inputs, "name": policy_name}
        if kind == "aws:connect/contactFlow:ContactFlow":
            flow_id = _uid(kind, args.name)
            instance_id = str(inputs.get("instanceId", "instance"))
            arn = self.arn("connect", f"instance/{instance_id}/contact-flow/{flow_id}")
            state = {"contactFlowId": flow_id, "arn": arn}
            return f"{instance_id}:{flow_id}", {**inputs, **state}
        if kind == "aws-native:connect:TaskTemplate":
            # The provider's ID is the ARN; it returns no separate template ID.
            instance_arn = str(inputs.get("instanceArn") or self.arn("connect", "instance/i"))
            arn = f"{instance_arn}/task-template/{_uid(kind, args.name)}"
            return arn, {**inputs, "arn": arn}
        if kind == "aws:sqs/queue:Queue":
            url = f"https://sqs.{self.region}.amazonaws.com/{self.account_id}/{name}"
            return url, {**inputs, "name": name, "arn": self.arn("sqs", name), "url": url}
        if kind == "aws:sqs/queuePolicy:QueuePolicy":
            return str(inputs.get("queueUrl")), inputs
        if kind == "aws:lambda/permission:Permission":
            statement = str(inputs.get("statementId") or _uid(kind, args.name))
            return statement, {**inputs, "statementId": statement}
        if not args.custom:
            return None, inputs
        service = kind.split(":")[1].split("/")[0] if ":" in kind else "unknown"
        return f"{args.name}-id", {**inputs, "arn": self.arn(service, args.name)}

    def call(
        self, args: pulumi.runtime.MockCallArgs
    ) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        """Answer the data sources a program may ask for (caller identity, Region, partition)."""
        if args.token == "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                "accountId": self.account_id,
                "arn": self.arn("iam", "user/plan", global_service=True),
                "userId": "AIDAPLAN",
                "id": self.account_id,
            }, None
        if args.token == "aws:index/getRegion:getRegion":
            return {"name": self.region, "region": self.region, "id": self.region}, None
        if args.token == "aws:index/getPartition:getPartition":
            return {
                "partition": self.partition,
                "dnsSuffix": "amazonaws.com",
                "id": self.partition,
            }, None
        return {}, None


_THREAD_LOOPS: Final[set[asyncio.AbstractEventLoop]] = set()
"""The event loops Pulumi's MockMonitor makes in the executor threads it is called in (one per
thread; held, not weakly: a loop left to the garbage collector is in a cycle with its own
sockets, which may be finalized first)."""


def _in_thread_loop(call: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """Wrap a MockMonitor method: Pulumi creates an event loop for each executor thread it runs
    in and never closes it; remember that loop, so :func:`close_event_loops` can."""

    def method(self: Any, request: Any) -> Any:
        with contextlib.suppress(RuntimeError):
            if asyncio.get_event_loop_policy().get_event_loop().is_closed():
                asyncio.set_event_loop(None)  # closed by close_event_loops: Pulumi makes another
        try:
            return call(self, request)
        finally:
            with contextlib.suppress(RuntimeError):  # RuntimeError: this thread never got one
                _THREAD_LOOPS.add(asyncio.get_event_loop_policy().get_event_loop())

    return method


def close_event_loops() -> int:
    """Close the event loops the mocks' executor threads were given and that are idle now.

    Left open until interpreter exit, such a loop can be finalized after its own sockets and
    print "Exception ignored ... Invalid file descriptor"; the offline plan calls this at exit.
    Returns how many it closed.
    """
    closed = 0
    for loop in list(_THREAD_LOOPS):  # a copy: an executor thread may still add one
        if loop.is_running():
            continue
        _THREAD_LOOPS.discard(loop)
        if not loop.is_closed():
            loop.close()
            closed += 1
    return closed


class RecordingMonitor(pulumi_mocks.MockMonitor):
    """A mock monitor that records each registration with its parent and refuses duplicates."""

    def __init__(self, mocks: pulumi.runtime.Mocks) -> None:
        super().__init__(mocks)
        self.recorded: list[RecordedResource] = []
        self._urns: set[str] = set()

    def make_urn(self, parent: str, type_: str, name: str) -> str:
        """The URN the engine gives (``generateURN`` in pulumi's ``pkg/resource/deploy/
        deployment.go``): the parent's whole type chain before the type, and nothing for the
        root stack. Pulumi's MockMonitor keeps the stack's type and only the parent's last."""
        parent_type = parent.split("::")[2] if parent else ""
        if parent_type and parent_type != ROOT_STACK_TYPE:
            type_ = f"{parent_type}${type_}"
        return f"urn:pulumi:{pulumi.get_stack()}::{pulumi.get_project()}::{type_}::{name}"

    Invoke = _in_thread_loop(pulumi_mocks.MockMonitor.Invoke)
    ReadResource = _in_thread_loop(pulumi_mocks.MockMonitor.ReadResource)

    @_in_thread_loop
    def RegisterResource(self, request: Any) -> Any:
        urn = self.make_urn(request.parent, request.type, request.name)
        if request.type != ROOT_STACK_TYPE:
            if urn in self._urns:
                raise DuplicateResourceError(
                    f"duplicate resource name {request.name!r} of type {request.type}: {urn}"
                )
            self._urns.add(urn)
        response = super().RegisterResource(request)  # type: ignore[no-untyped-call]
        if request.type != ROOT_STACK_TYPE:
            registration = self.resources[urn]
            inputs = pulumi.runtime.rpc.deserialize_properties(request.object)
            self.recorded.append(
                RecordedResource(
                    urn=urn,
                    type=request.type,
                    name=request.name,
                    parent=request.parent or None,
                    custom=bool(request.custom),
                    id=registration.id or None,
                    inputs=_plain(inputs),
                    outputs=_plain(registration.state),
                    ignore_changes=tuple(request.ignoreChanges),
                    provider=request.provider or None,
                    dependencies=tuple(request.dependencies),
                    property_dependencies={
                        key: tuple(deps.urns)
                        for key, deps in sorted(request.propertyDependencies.items())
                        if deps.urns
                    },
                    source=_source(request),
                )
            )
        return response


def _plain(value: Any) -> Any:
    """Deserialised properties as plain JSON-like data (sorted, unknowns as None)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _exported(value: Any) -> Any:
    """A stack output as ``pulumi stack output`` shows it: plain, a secret as ``[secret]``."""
    output = pulumi.Output.from_input(value)
    if _sync_await(output.is_secret()):
        return MASKED
    return _plain(_sync_await(output.future()))


@dataclass
class StackRun:
    """What one run of the stack program registered and exported."""

    environment: str
    resources: list[RecordedResource]
    outputs: dict[str, Any] = field(default_factory=dict)

    def of_type(self, type_token: str) -> list[RecordedResource]:
        """Every resource of one type, in registration order."""
        return [r for r in self.resources if r.type == type_token]


def config_values(config: Mapping[str, Any]) -> dict[str, str]:
    """Pulumi config values as the engine passes them: strings, objects as JSON."""
    return {
        key: value if isinstance(value, str) else json.dumps(value) for key, value in config.items()
    }


def mocks_for(
    config: Mapping[str, Any], stack_outputs: Mapping[str, Mapping[str, Any]] | None = None
) -> ConnectStreamingMocks:
    """Mocks in the account, Region and partition of the configured Connect instance (so
    ARNs the program derives and ARNs the mocks invent agree), else ``aws:region``.

    The instance is ``connect-streaming:instanceArn``, else the first config value of any
    namespace (another project's ``<project>:instanceArn``), else the first output of a
    referenced stack, that is a Connect instance ARN.
    """
    preferred = config.get(f"{CONFIG_NAMESPACE}:instanceArn")
    referenced = [v for outputs in (stack_outputs or {}).values() for v in outputs.values()]
    for value in (preferred, *config.values(), *referenced):
        match = _INSTANCE_ARN.fullmatch(value) if isinstance(value, str) else None
        if match is not None:
            return ConnectStreamingMocks(
                account_id=match["account"],
                region=match["region"],
                partition=match["partition"],
                stack_outputs=stack_outputs,
            )
    region = str(config.get("aws:region") or "us-east-1")
    return ConnectStreamingMocks(region=region, stack_outputs=stack_outputs)


def run_program(
    program: Any,
    *,
    environment: str,
    config: Mapping[str, Any],
    mocks: ConnectStreamingMocks | None = None,
    project: str = CONFIG_NAMESPACE,
) -> StackRun:
    """Run ``program()`` as a Pulumi program for ``environment`` under recording mocks."""
    mocks = mocks or mocks_for(config)
    monitor = RecordingMonitor(mocks)
    pulumi_settings.set_root_resource(None)  # type: ignore[arg-type]  # a fresh stack per run
    pulumi.runtime.set_all_config(config_values(config))
    pulumi.runtime.set_mocks(
        mocks, project=project, stack=environment, preview=False, monitor=monitor
    )
    pulumi_settings.SETTINGS.rpc_manager.clear()
    pulumi_settings.SETTINGS.outputs.clear()
    try:
        _sync_await(run_pulumi_func(program))
        root = pulumi_settings.get_root_resource()
        exported = dict(getattr(root, "outputs", {}) or {})
        outputs = {name: _exported(value) for name, value in exported.items()}
    except Exception as error:
        # A failed registration (a duplicate one too) leaves sibling futures whose errors nobody
        # retrieves; finalize them now, so their "never retrieved" logging does not run later
        # inside other code (in CPython 3.11 that can break a later ast.parse: "recursion depth
        # mismatch") or at exit.
        gc.collect()
        if isinstance(error, DuplicateResourceError):
            error.resources = list(monitor.recorded)
            raise
        raise StackProgramError(f"{type(error).__name__}: {error}", monitor.recorded) from error
    return StackRun(environment, monitor.recorded, outputs)


def run_stack_program(
    environment: str,
    config: Mapping[str, Any],
    *,
    program_path: Path,
    project: str = CONFIG_NAMESPACE,
    mocks: ConnectStreamingMocks | None = None,
) -> StackRun:
    """Run the program file ``program_path`` (a ``__main__.py``) for stack ``environment``
    with ``config`` (keys like ``connect-streaming:instanceArn``, as in Pulumi.<stack>.yaml)."""
    return run_program(
        lambda: runpy.run_path(str(program_path), run_name="__main__"),
        environment=environment,
        config=config,
        mocks=mocks,
        project=project,
    )
