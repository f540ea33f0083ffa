"""Run a policy pack the way the Pulumi engine does: start it as its runtime's language host
would (:mod:`~connect_streaming_plan.packs`), read the port it prints, and speak the Analyzer
gRPC protocol (``pulumi.runtime.proto``) to it.

Example (tests/policy/test_pack_grpc.py runs this for real)::

    with PolicyPackProcess(Path("policy")) as pack:
        print(pack.info().name)  # connect-streaming
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import grpc
from google.protobuf import empty_pb2, struct_pb2
from pulumi.runtime.proto import analyzer_pb2, analyzer_pb2_grpc

from connect_streaming_plan.packs import (
    ENGINE_ADDRESS,
    Launch,
    PackManifest,
    PolicyPackError,
    StackIdentity,
    nodejs_launch,
    python_interpreter,
    python_launch,
)

__all__ = ["LEVELS", "LEVEL_NAMES", "PolicyPackError", "PolicyPackProcess", "Resource"]

LEVELS: Final = {
    "advisory": analyzer_pb2.ADVISORY,
    "mandatory": analyzer_pb2.MANDATORY,
    "remediate": analyzer_pb2.REMEDIATE,
    "disabled": analyzer_pb2.DISABLED,
}
LEVEL_NAMES: Final = {number: name for name, number in LEVELS.items()}


@dataclass(frozen=True)
class Resource:
    """What the engine tells an analyzer about one resource."""

    type: str
    urn: str
    name: str
    properties: Mapping[str, Any]
    parent: str | None = None
    dependencies: Sequence[str] = ()
    ignore_changes: Sequence[str] = field(default=())
    property_dependencies: Mapping[str, Sequence[str]] = field(default_factory=dict)


def _struct(values: Mapping[str, Any]) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    message.update(json.loads(json.dumps(values, default=str)))
    return message


# Asks Linux to send the pack SIGINT, its clean-shutdown signal, if its caller dies, then becomes
# the pack's own command (the setting survives exec). Done in the child rather than in a
# preexec_fn: forking a process whose gRPC threads are running, as preexec_fn would, can crash
# the child.
_LAUNCHER: Final = """
import ctypes, os, signal, sys
try:
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGINT)
except OSError:
    pass
os.execvpe(sys.argv[1], sys.argv[1:], os.environ)
"""


class PolicyPackProcess:
    """A running policy pack and a gRPC Analyzer client for it (a context manager)."""

    def __init__(
        self,
        pack_dir: Path,
        *,
        python: str | None = None,
        env: Mapping[str, str] | None = None,
        startup_timeout: float = 60.0,
        identity: StackIdentity | None = None,
        which: Callable[[str], str | None] = shutil.which,
    ) -> None:
        self.pack_dir = pack_dir
        self.python = python
        """The interpreter of a Python pack (default: its virtualenv's, else the plan's own)."""
        self.identity = identity
        self.extra_env = dict(env or {})
        self.startup_timeout = startup_timeout
        self.which = which
        self.manifest: PackManifest | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self._channel: grpc.Channel | None = None
        self._stub: analyzer_pb2_grpc.AnalyzerStub | None = None
        self._stderr: list[bytes] = []
        self._port_line: list[bytes] = []
        self._reader: threading.Thread | None = None

    # --- lifecycle ----------------------------------------------------------------------------

    def launch(self) -> Launch:
        """The command the engine's language host would run for this pack."""
        manifest = self.manifest = PackManifest.load(self.pack_dir)
        identity = self.identity or StackIdentity(stack="", project="")
        if manifest.runtime == "nodejs":
            return nodejs_launch(manifest, identity, self.which)
        if not (manifest.directory / "__main__.py").is_file():
            raise PolicyPackError(
                f"policy pack {self.pack_dir}: runtime python needs a __main__.py there"
            )
        python = self.python or python_interpreter(manifest)
        return python_launch(manifest, identity, python)

    def spawn(self) -> PolicyPackProcess:
        """Start the pack without waiting for its port (several packs start side by side)."""
        launch = self.launch()
        self.process = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER, *launch.argv],
            cwd=launch.cwd,
            env={**os.environ, **launch.env, **self.extra_env},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        self._reader = threading.Thread(target=self._read_port, daemon=True)
        self._reader.start()
        return self

    def _read_port(self) -> None:
        assert self.process is not None
        assert self.process.stdout is not None
        self._port_line.append(self.process.stdout.readline())

    def connect(self) -> PolicyPackProcess:
        """Wait for the port the spawned pack prints, then open the channel and handshake."""
        assert self._reader is not None, "spawn() first"
        self._reader.join(self.startup_timeout)
        line = self._port_line[0].strip() if self._port_line else b""
        if not line.isdigit():
            self.close()
            raise PolicyPackError(
                f"policy pack {self.pack_dir} did not print its port (got {line[:80]!r});"
                f" stderr:\n{self.stderr[-4000:]}"
            )
        self.port = int(line)
        # The pack prints its port once its server listens, so no readiness wait is needed;
        # calls wait for the connection themselves.
        self._channel = grpc.insecure_channel(f"127.0.0.1:{self.port}")
        self._stub = analyzer_pb2_grpc.AnalyzerStub(self._channel)
        self.handshake()
        return self

    def start(self) -> PolicyPackProcess:
        """Start the pack and connect to the port it prints."""
        return self.spawn().connect()

    def _drain_stderr(self) -> None:
        assert self.process is not None
        assert self.process.stderr is not None
        for chunk in iter(lambda: self.process.stderr.readline(), b""):  # type: ignore[union-attr]
            self._stderr.append(chunk)

    @property
    def stderr(self) -> str:
        """What the pack wrote to stderr so far."""
        return b"".join(self._stderr).decode("utf-8", "replace")

    def close(self, timeout: float = 10.0) -> int | None:
        """Close the channel and stop the pack as the engine does (SIGINT, then kill)."""
        if self._channel is not None:
            self._channel.close()
            self._channel = None
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        return self.process.returncode

    def __enter__(self) -> PolicyPackProcess:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- the Analyzer protocol ----------------------------------------------------------------

    @property
    def stub(self) -> analyzer_pb2_grpc.AnalyzerStub:
        """The gRPC stub (after :meth:`start`)."""
        if self._stub is None:
            raise PolicyPackError("the policy pack is not running (call start())")
        return self._stub

    def _call(self, method: str, request: Any, *, optional: bool = False) -> Any:
        """One RPC; with ``optional``, None when the pack does not implement it (the engine
        falls back the same way for Handshake, ConfigureStack and AnalyzeStack)."""
        try:
            return getattr(self.stub, method)(request, timeout=120, wait_for_ready=True)
        except grpc.RpcError as error:
            if optional and error.code() == grpc.StatusCode.UNIMPLEMENTED:
                return None
            raise PolicyPackError(
                f"policy pack {self.pack_dir}: {method} failed: {error.code().name}"
                f" {error.details()}\n{self.stderr[-4000:]}"
            ) from error

    def handshake(self) -> None:
        """Handshake: the engine's first call, with the pack folder as root and program."""
        folder = str(self.pack_dir.resolve())
        request = analyzer_pb2.AnalyzerHandshakeRequest(
            engine_address=ENGINE_ADDRESS, root_directory=folder, program_directory=folder
        )
        self._call("Handshake", request, optional=True)

    def info(self) -> analyzer_pb2.AnalyzerInfo:
        """GetAnalyzerInfo: the pack's name, version and policies."""
        info: analyzer_pb2.AnalyzerInfo = self._call("GetAnalyzerInfo", empty_pb2.Empty())
        return info

    def configure(self, config: Mapping[str, tuple[str, Mapping[str, Any]]]) -> None:
        """Configure: policy name -> (enforcement level, properties)."""
        request = analyzer_pb2.ConfigureAnalyzerRequest()
        for name, (level, properties) in config.items():
            request.policyConfig[name].CopyFrom(
                analyzer_pb2.PolicyConfig(
                    enforcementLevel=LEVELS[level], properties=_struct(properties)
                )
            )
        self._call("Configure", request)

    def configure_stack(
        self,
        *,
        stack: str,
        project: str,
        tags: Mapping[str, str] | None = None,
        dry_run: bool = True,
        organization: str = "",
        config: Mapping[str, str] | None = None,
    ) -> None:
        """ConfigureStack: which stack and project are analysed, its config and tags."""
        request = analyzer_pb2.AnalyzerStackConfigureRequest(
            stack=stack, project=project, dry_run=dry_run, organization=organization
        )
        request.tags.update(dict(tags or {}))
        request.config.update(dict(config or {}))
        self._call("ConfigureStack", request, optional=True)

    def analyze(self, resource: Resource) -> analyzer_pb2.AnalyzeResponse:
        """Analyze one resource (its inputs)."""
        request = analyzer_pb2.AnalyzeRequest(
            type=resource.type,
            urn=resource.urn,
            name=resource.name,
            properties=_struct(resource.properties),
            options=analyzer_pb2.AnalyzerResourceOptions(
                parent=resource.parent or "", ignoreChanges=list(resource.ignore_changes)
            ),
        )
        response: analyzer_pb2.AnalyzeResponse = self._call("Analyze", request)
        return response

    def analyze_stack(self, resources: Sequence[Resource]) -> analyzer_pb2.AnalyzeResponse:
        """AnalyzeStack: the whole stack (resources with their final properties and each
        property's dependencies); an empty response from a pack that does not implement it."""
        request = analyzer_pb2.AnalyzeStackRequest(
            resources=[_stack_resource(r) for r in resources]
        )
        response = self._call("AnalyzeStack", request, optional=True)
        return response if response is not None else analyzer_pb2.AnalyzeResponse()


def _stack_resource(resource: Resource) -> analyzer_pb2.AnalyzerResource:
    message = analyzer_pb2.AnalyzerResource(
        type=resource.type,
        urn=resource.urn,
        name=resource.name,
        properties=_struct(resource.properties),
        parent=resource.parent or "",
        dependencies=list(resource.dependencies),
        options=analyzer_pb2.AnalyzerResourceOptions(
            parent=resource.parent or "", ignoreChanges=list(resource.ignore_changes)
        ),
    )
    for key, urns in resource.property_dependencies.items():
        message.propertyDependencies[key].urns.extend(urns)
    return message
