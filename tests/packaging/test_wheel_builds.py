"""The wheel does not depend on what was built before: a fresh copy of the checkout and the
same copy after an editable install, an attempted build of components/ and planted leftovers
of older builds give byte-identical wheels holding all three packages."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.repo import REPO_ROOT

PACKAGES = {"connect_runtime", "connect_streaming", "connect_streaming_plan"}


def _pip(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def _copy_of_the_checkout(target: Path) -> Path:
    """The files git tracks (and untracked, unignored ones), as a fresh clone would hold them."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO_ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO_ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def _wheel(checkout: Path, out: Path) -> Path:
    built = _pip("wheel", "-q", "--no-deps", "-w", str(out), ".", cwd=checkout)
    assert built.returncode == 0, built.stderr
    (wheel,) = out.glob("connect_streaming-*.whl")
    return wheel


def _contents(wheel: Path) -> dict[str, str]:
    with zipfile.ZipFile(wheel) as archive:
        return {
            name: hashlib.sha256(archive.read(name)).hexdigest()
            for name in archive.namelist()
            if not name.endswith(".dist-info/RECORD")
        }


def _plant_leftovers(checkout: Path) -> None:
    """What older setuptools builds left in checkouts: build/lib with a module since deleted,
    egg-info at the root and in components/ naming connect_streaming alone."""
    stale = checkout / "build" / "lib" / "connect_runtime"
    stale.mkdir(parents=True)
    (stale / "removed_long_ago.py").write_text("GONE = True\n")
    for folder in (checkout, checkout / "components"):
        info = folder / "connect_streaming.egg-info"
        info.mkdir(exist_ok=True)
        (info / "top_level.txt").write_text("connect_streaming\n")
        (info / "PKG-INFO").write_text("Metadata-Version: 2.1\nName: connect-streaming\n")
    (checkout / "components" / "build" / "lib" / "connect_streaming").mkdir(parents=True)


def test_every_build_gives_the_same_complete_wheel(tmp_path: Path) -> None:
    checkout = _copy_of_the_checkout(tmp_path / "checkout")
    first = _contents(_wheel(checkout, tmp_path / "first"))
    assert {name.split("/", 1)[0] for name in first if ".dist-info/" not in name} == PACKAGES
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    editable = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps",
         "-e", "."],
        cwd=checkout, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert editable.returncode == 0, editable.stderr
    # components/ is the Pulumi plugin folder, not a second distribution: pip refuses to build it.
    plugin_build = _pip(
        "wheel", "-q", "--no-deps", "-w", str(tmp_path / "c"), "./components", cwd=checkout
    )
    assert plugin_build.returncode != 0
    assert "pyproject.toml" in plugin_build.stderr or "setup.py" in plugin_build.stderr
    _plant_leftovers(checkout)
    second = _contents(_wheel(checkout, tmp_path / "second"))
    assert second == first
