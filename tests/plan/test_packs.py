"""How packs are started, as the engine's language hosts start them: the manifest read with
errors naming the file, the Python interpreter chosen, the Node command and environment."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from connect_streaming_plan import packs
from connect_streaming_plan.cli import main
from connect_streaming_plan.packs import ENGINE_ADDRESS, PackManifest
from tests.plan.node_packs import installed_pack, pack_copy
from tests.repo import POLICY_PACK_DIR

IDENTITY = packs.StackIdentity("dev", "shop", config={"aws:region": "us-east-1"})


def _manifest(folder: Path, text: str) -> PackManifest:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "PulumiPolicy.yaml").write_text(text, encoding="utf-8")
    return PackManifest.load(folder)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("runtime: go\n", "runtime: expected one of python, nodejs"),
        ("runtime: {name: python, options: [x]}\n", "with an options mapping"),
        ("- a list\n", "expected a mapping with a 'runtime'"),
        ("runtime: [\n", "not valid YAML"),
    ],
)
def test_a_bad_manifest_is_exit_2_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "PulumiPolicy.yaml").write_text(text, encoding="utf-8")
    assert main(["--stack", "dev", "--policy-pack", str(pack)], out=io.StringIO()) == 2
    err = capsys.readouterr().err
    assert str(pack / "PulumiPolicy.yaml") in err
    assert expected in err


def test_a_folder_that_is_no_pack_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--stack", "dev", "--policy-pack", str(tmp_path)], out=io.StringIO()) == 2
    assert f"policy pack {tmp_path}: no PulumiPolicy.yaml" in capsys.readouterr().err


def test_a_python_pack_without_its_program_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(POLICY_PACK_DIR, pack)
    (pack / "__main__.py").unlink()
    assert main(["--stack", "dev", "--policy-pack", str(pack)], out=io.StringIO()) == 2
    assert f"policy pack {pack}: runtime python needs a __main__.py" in capsys.readouterr().err


def test_the_python_command_is_the_language_hosts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = _manifest(
        tmp_path / "p", "runtime:\n  name: python\n  options:\n    virtualenv: venv\n"
    )
    monkeypatch.delenv("PULUMI_PYTHON_CMD", raising=False)
    assert packs.python_interpreter(manifest, "/usr/bin/python3") == "/usr/bin/python3"
    monkeypatch.setenv("PULUMI_PYTHON_CMD", "/opt/python")
    assert packs.python_interpreter(manifest, "/usr/bin/python3") == "/opt/python"
    venv_python = tmp_path / "p" / "venv" / "bin" / "python"
    venv_python.parent.mkdir(parents=True)
    venv_python.write_text("", encoding="utf-8")
    assert packs.python_interpreter(manifest, "/usr/bin/python3") == str(venv_python)
    launch = packs.python_launch(manifest, IDENTITY, "py")
    assert launch.argv == (
        "py",
        "-u",
        "-m",
        "pulumi.policy",
        ENGINE_ADDRESS,
        str(manifest.directory),
    )
    assert launch.cwd == manifest.directory
    assert launch.env == {
        "PULUMI_PROJECT": "shop",
        "PULUMI_STACK": "dev",
        "PULUMI_DRY_RUN": "true",
        "PULUMI_CONFIG": '{"aws:region": "us-east-1"}',
    }


def test_the_node_command_is_the_language_hosts(tmp_path: Path) -> None:
    pack = pack_copy(installed_pack(), tmp_path / "n", "module.exports = {};\n")
    (pack / "PulumiPolicy.yaml").write_text(
        "runtime:\n  name: nodejs\n  options:\n    nodeargs: --max-old-space-size=512\n"
        "    typescript: false\n",
        encoding="utf-8",
    )
    launch = packs.nodejs_launch(PackManifest.load(pack), IDENTITY, shutil.which)
    node, run_path, *rest = launch.argv
    assert node == shutil.which("node")
    assert run_path.endswith("@pulumi/pulumi/cmd/run-policy-pack/index.js")
    # nodeargs come after the runner, then the engine address, then the pack folder last.
    assert rest == ["--max-old-space-size=512", ENGINE_ADDRESS, str(pack.resolve())]
    assert launch.env["PULUMI_NODEJS_STACK"] == "dev"
    assert launch.env["PULUMI_NODEJS_PROJECT"] == "shop"
    assert "PULUMI_NODEJS_TYPESCRIPT" not in launch.env  # typescript: false
    (pack / "PulumiPolicy.yaml").write_text(
        "runtime: {name: nodejs, options: {nodeargs: 5}}\n", encoding="utf-8"
    )
    with pytest.raises(
        packs.PolicyPackError, match=r"runtime.options.nodeargs: expected a str, got 5"
    ):
        packs.nodejs_launch(PackManifest.load(pack), IDENTITY, shutil.which)
