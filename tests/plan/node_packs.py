"""Node policy packs for the plan's tests: the AWSGuard fixture pack with its node_modules,
installed once with npm into a cache under the temp folder, keyed on its package files (exact
versions, lockfile) and the node version, so repeated runs do not download again."""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Final

from tests.repo import REPO_ROOT

AWSGUARD_SOURCE: Final = REPO_ROOT / "examples" / "github-actions" / "awsguard-pack"
PACK_FILES: Final = ("PulumiPolicy.yaml", "package.json", "package-lock.json", "index.js")
CACHE_ROOT: Final = Path(tempfile.gettempdir()) / "connect-streaming-plan-npm"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise AssertionError(
            f"the Node-pack tests need `{name}` on PATH (CI installs Node.js and npm)"
        )
    return found


def _key(source: Path, node: str) -> str:
    digest = hashlib.sha256()
    for name in PACK_FILES:
        digest.update(name.encode() + b"\0" + (source / name).read_bytes())
    version = subprocess.run(
        [node, "--version"], capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()
    return f"{source.name}-{digest.hexdigest()[:16]}-node{version.lstrip('v')}"


def installed_pack(source: Path = AWSGUARD_SOURCE) -> Path:
    """``source``'s pack folder with ``npm ci`` done, from the cache when it is there.

    ``--ignore-scripts``: @pulumi/aws's install script only runs ``pulumi plugin install``
    (which exits 0 with an error message when no Pulumi CLI exists); the runner reads the
    resource types from the JavaScript and needs no provider plugin."""
    node, npm = _tool("node"), _tool("npm")
    CACHE_ROOT.mkdir(parents=True, exist_ok=True)
    target = CACHE_ROOT / _key(source, node)
    with (CACHE_ROOT / f"{target.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two test runs at once install it once
        if (target / ".installed").is_file():
            return target
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir()
        for name in PACK_FILES:
            shutil.copy2(source / name, target / name)
        subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=target,
            check=True,
            timeout=900,
            capture_output=True,
        )
        (target / ".installed").write_text("npm ci done\n", encoding="utf-8")
    return target


def pack_copy(pack: Path, folder: Path, index_js: str) -> Path:
    """A second pack in ``folder`` with its own ``index.js`` and the installed pack's modules."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("PulumiPolicy.yaml", "package.json"):
        shutil.copy2(pack / name, folder / name)
    (folder / "index.js").write_text(index_js, encoding="utf-8")
    (folder / "node_modules").symlink_to(pack / "node_modules", target_is_directory=True)
    return folder
