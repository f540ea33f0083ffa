"""Run a policy pack the way the Pulumi engine does: start its program, read the port it prints,
and speak the Analyzer gRPC protocol (``pulumi.runtime.proto``) to it.

Example (tests/policy/test_pack_grpc.py runs this for real)::

    with PolicyPackProcess(Path("policy")) as pack:
        print(pack.info().name)  # connect-streaming
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import grpc
from google.protobuf import empty_pb2, struct_pb2
from pulumi.runtime.proto import analyzer_pb2, analyzer_pb2_grpc

from connect_streaming_plan.errors import ConnectStreamingPlanError

LEVELS: Final = {
    "advisory": analyzer_pb2.ADVISORY,
    "mandatory": analyzer_pb2.MANDATORY,
    "remediate": analyzer_pb2.REMEDIATE,
    "disabled": analyzer_pb2.DISABLED,
}
LEVEL_NAMES: Final = {number: name for name, number in LEVELS.items()}


class PolicyPackError(ConnectStreamingPlanError, RuntimeError):
    """The pack did not start or stopped answering; the message carries its stderr."""


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


def _struct(values: Mapping[str, Any]) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    message.update(json.loads(json.dumps(values, default=str)))
    return message


# Runs the pack's program as `python __main__.py` would (its folder first on sys.path), after
# asking Linux to send it SIGINT, the pack's clean-shutdown signal, if its caller dies. Done in
# the child itself rather than in a preexec_fn: forking a process whose gRPC threads are
# running is what preexec_fn would do, and that can crash the child.
_LAUNCHER: Final = """
import ctypes, runpy, signal, sys
try:
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGINT)
except OSError:
    pass
program = sys.argv[1]
sys.argv = sys.argv[1:]
sys.path[0] = program.rsplit("/", 1)[0] or "."
runpy.run_path(program, run_name="__main__")
"""


class PolicyPackProcess:
    """A running policy pack and a gRPC Analyzer client for it (a context manager)."""

    def __init__(
        self,
        pack_dir: Path,
        *,
        python: str = sys.executable,
        env: Mapping[str, str] | None = None,
        startup_timeout: float = 60.0,
    ) -> None:
        self.pack_dir = pack_dir
        self.python = python
        self.env = {**os.environ, **(env or {})}
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen[bytes] | None = None
        self._channel: grpc.Channel | None = None
        self._stub: analyzer_pb2_grpc.AnalyzerStub | None = None
        self._stderr: list[bytes] = []

    # --- lifecycle ----------------------------------------------------------------------------

    def start(self) -> PolicyPackProcess:
        """Start ``<pack_dir>/__main__.py`` and connect to the port it prints."""
        program = self.pack_dir / "__main__.py"
        if not program.is_file():
            raise PolicyPackError(f"no policy pack program at {program}")
        self.process = subprocess.Popen(
            [self.python, "-c", _LAUNCHER, str(program.resolve())],
            cwd=self.pack_dir,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert self.process.stdout is not None
        assert self.process.stderr is not None
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        port_line: list[bytes] = []
        reader = threading.Thread(
            target=lambda: port_line.append(self.process.stdout.readline()),  # type: ignore[union-attr]
            daemon=True,
        )
        reader.start()
        reader.join(self.startup_timeout)
        line = port_line[0].strip() if port_line else b""
        if not line.isdigit():
            self.close()
            raise PolicyPackError(
                f"the policy pack did not print its port (got {line[:80]!r});"
                f" stderr:\n{self.stderr[-4000:]}"
            )
        self.port = int(line)
        # The pack prints its port once its server listens, so no readiness wait is needed;
        # calls wait for the connection themselves.
        self._channel = grpc.insecure_channel(f"127.0.0.1:{self.port}")
        self._stub = analyzer_pb2_grpc.AnalyzerStub(self._channel)
        return self

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

    def _call(self, method: str, request: Any) -> Any:
        try:
            return getattr(self.stub, method)(request, timeout=120, wait_for_ready=True)
        except grpc.RpcError as error:
            raise PolicyPackError(
                f"{method} failed: {error.code().name} {error.details()}\n{self.stderr[-4000:]}"
            ) from error

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
    ) -> None:
        """ConfigureStack: which stack and project are analysed, and the stack's tags."""
        request = analyzer_pb2.AnalyzerStackConfigureRequest(
            stack=stack, project=project, dry_run=dry_run
        )
        request.tags.update(dict(tags or {}))
        self._call("ConfigureStack", request)

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
        """AnalyzeStack: the whole stack (resources with their final properties)."""
        request = analyzer_pb2.AnalyzeStackRequest(
            resources=[
                analyzer_pb2.AnalyzerResource(
                    type=r.type,
                    urn=r.urn,
                    name=r.name,
                    properties=_struct(r.properties),
                    parent=r.parent or "",
                    dependencies=list(r.dependencies),
                    options=analyzer_pb2.AnalyzerResourceOptions(parent=r.parent or ""),
                )
                for r in resources
            ]
        )
        response: analyzer_pb2.AnalyzeResponse = self._call("AnalyzeStack", request)
        return response
