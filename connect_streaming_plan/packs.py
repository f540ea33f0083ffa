"""How the Pulumi engine starts a policy pack, read from its ``PulumiPolicy.yaml``: the command,
working directory and environment for a ``python`` or ``nodejs`` pack (docs/policy-packs.md).
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from connect_streaming_plan.errors import ConnectStreamingPlanError

RUNTIMES: Final = ("python", "nodejs")
ENGINE_ADDRESS: Final = "127.0.0.1:0"
"""The engine address both runners require as their first argument. Neither dials it
(``pulumi.policy`` parses and drops it, ``run-policy-pack`` shifts it off), so the plan serves
no engine and passes this unconnectable placeholder."""
RUN_POLICY_PACK: Final = "@pulumi/pulumi/cmd/run-policy-pack"


class PolicyPackError(ConnectStreamingPlanError, RuntimeError):
    """The pack did not start or stopped answering; the message names the pack."""


@dataclass(frozen=True)
class PackManifest:
    """A policy pack folder's ``PulumiPolicy.yaml``."""

    directory: Path
    runtime: str
    options: Mapping[str, Any] = field(default_factory=dict)
    version: str | None = None
    description: str | None = None

    @classmethod
    def load(cls, directory: Path) -> PackManifest:
        """Read ``directory/PulumiPolicy.yaml`` (PolicyPackError naming the file and key)."""
        import yaml

        path = directory / "PulumiPolicy.yaml"
        if not path.is_file():
            raise PolicyPackError(f"policy pack {directory}: no PulumiPolicy.yaml")
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise PolicyPackError(f"{path}: not valid YAML ({error})") from None
        if not isinstance(document, Mapping):
            raise PolicyPackError(f"{path}: expected a mapping with a 'runtime'")
        runtime: Any = document.get("runtime")
        options: Any = {}
        if isinstance(runtime, Mapping):
            runtime, options = runtime.get("name"), runtime.get("options") or {}
        if runtime not in RUNTIMES or not isinstance(options, Mapping):
            raise PolicyPackError(
                f"{path}: runtime: expected one of {', '.join(RUNTIMES)} (with an options"
                f" mapping), got {document.get('runtime')!r}"
            )
        version = document.get("version")
        description = document.get("description")
        return cls(
            directory.resolve(),
            str(runtime),
            dict(options),
            str(version) if version else None,
            str(description) if description else None,
        )


@dataclass(frozen=True)
class StackIdentity:
    """What the engine tells a pack about the stack it analyses."""

    stack: str
    project: str
    organization: str = ""
    dry_run: bool = True
    config: Mapping[str, str] = field(default_factory=dict)
    """The stack's config as the engine passes it: ``ns:key`` -> string (objects as JSON)."""


@dataclass(frozen=True)
class Launch:
    """One pack's command line, working directory and added environment."""

    argv: tuple[str, ...]
    cwd: Path
    env: Mapping[str, str]


def _stack_env(prefix: str, identity: StackIdentity) -> dict[str, str]:
    values = {
        f"{prefix}ORGANIZATION": identity.organization,
        f"{prefix}PROJECT": identity.project,
        f"{prefix}STACK": identity.stack,
        f"{prefix}DRY_RUN": "true" if identity.dry_run else "false",
        "PULUMI_CONFIG": json.dumps(dict(identity.config)) if identity.config else "",
    }
    return {key: value for key, value in values.items() if value}


def python_interpreter(manifest: PackManifest, default: str = sys.executable) -> str:
    """The pack's ``virtualenv`` Python when that folder exists, else ``PULUMI_PYTHON_CMD``,
    else ``default`` (the plan's own interpreter, which the ``plan`` extra equips)."""
    virtualenv = manifest.options.get("virtualenv")
    if virtualenv:
        folder = Path(str(virtualenv))
        folder = folder if folder.is_absolute() else manifest.directory / folder
        if (folder / "bin" / "python").is_file():
            return str(folder / "bin" / "python")
    return os.environ.get("PULUMI_PYTHON_CMD") or default


def python_launch(manifest: PackManifest, identity: StackIdentity, python: str) -> Launch:
    """``python -u -m pulumi.policy ENGINE PACK_DIR`` in the pack's folder, as pulumi-language-
    python's RunPlugin starts a pack (``kind == analyzer``)."""
    argv = (python, "-u", "-m", "pulumi.policy", ENGINE_ADDRESS, str(manifest.directory))
    return Launch(argv, manifest.directory, _stack_env("PULUMI_", identity))


def locate_run_policy_pack(manifest: PackManifest, node: str) -> str:
    """``require.resolve('@pulumi/pulumi/cmd/run-policy-pack')`` from the pack's folder, as
    pulumi-language-nodejs's ``locateModule`` does."""
    script = f"console.log(require.resolve({RUN_POLICY_PACK!r}))"
    found = subprocess.run(
        [node, "-e", script],
        cwd=manifest.directory,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if found.returncode != 0 or not found.stdout.strip():
        raise PolicyPackError(
            f"policy pack {manifest.directory}: {RUN_POLICY_PACK} not found; it looks like the"
            f" pack's dependencies are not installed: run `npm install` in {manifest.directory}"
        )
    return found.stdout.strip().splitlines()[-1]


def _option(manifest: PackManifest, name: str, kind: type, default: Any) -> Any:
    """A runtime option of the type pulumi-language-nodejs's ``parseOptions`` requires."""
    value = manifest.options.get(name, default)
    if not isinstance(value, kind):
        raise PolicyPackError(
            f"{manifest.directory / 'PulumiPolicy.yaml'}: runtime.options.{name}: expected a"
            f" {kind.__name__}, got {value!r}"
        )
    return value


def nodejs_launch(
    manifest: PackManifest,
    identity: StackIdentity,
    which: Callable[[str], str | None],
) -> Launch:
    """``node <run-policy-pack> [nodeargs] ENGINE PACK_DIR`` in the pack's folder, as
    pulumi-language-nodejs's RunPlugin starts a pack; PolicyPackError when node is missing."""
    node = which("node")
    if node is None:
        raise PolicyPackError(
            f"policy pack {manifest.directory}: runtime nodejs needs `node` on PATH, and none"
            " was found (install Node.js, then `npm install` in the pack)"
        )
    typescript = _option(manifest, "typescript", bool, True)
    tsconfig = _option(manifest, "tsconfig", str, "")
    nodeargs = _option(manifest, "nodeargs", str, "")
    run_path = locate_run_policy_pack(manifest, node)
    env = _stack_env("PULUMI_NODEJS_", identity)
    if typescript:
        env["PULUMI_NODEJS_TYPESCRIPT"] = "true"
    if tsconfig:
        env["PULUMI_NODEJS_TSCONFIG_PATH"] = tsconfig
    argv = (node, run_path, *shlex.split(nodeargs), ENGINE_ADDRESS, str(manifest.directory))
    return Launch(argv, manifest.directory, env)
