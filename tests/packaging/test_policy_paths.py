"""The policy rules package's import paths, old and new: every old path still imports, warning
with a DeprecationWarning that names the new module where the name moved, and nothing inside
the pack folder imports a deprecated path (read from the ASTs, and run from the folder alone)."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
import warnings
from typing import Final

import pytest

from tests.repo import POLICY_PACK_DIR

PACKAGE: Final = "connect_streaming_policy"
# old module, name, the module that holds it now: one line each. Names under "(kept)" did not
# move and import without a warning.
PATHS: Final = """
rules RESOURCE_RULES catalogue
rules RULES catalogue
rules STACK_RULES catalogue
rules STREAMING_PATH_RULES catalogue
rules rule catalogue
rules ATTACHMENT vocabulary
rules CONTACT_FLOW vocabulary
rules KEY vocabulary
rules LAMBDA_PERMISSION vocabulary
rules MANAGED_POLICY vocabulary
rules QUEUE vocabulary
rules QUEUE_POLICY vocabulary
rules ROLE vocabulary
rules ROLE_POLICY vocabulary
rules SUBSCRIPTION vocabulary
rules TOPIC vocabulary
rules TOPIC_POLICY vocabulary
rules Context vocabulary
rules Level vocabulary
rules ResourceCheck vocabulary
rules ResourceRule vocabulary
rules Rule vocabulary
rules Severity vocabulary
rules StackCheck vocabulary
rules StackResource vocabulary
rules StackRule vocabulary
rules string_list_schema vocabulary
rules DocumentError statements
rules Statement statements
rules is_array statements
rules statements statements
rules string_list statements
rules BROAD_MANAGED_POLICIES iam
rules passrole_problems iam
rules unscoped_resource_problems iam
rules wildcard_action_problems iam
rules TAGGABLE_TYPES tags
rules environment_of tags
rules AWS_MANAGED_SNS_KEY sns
rules CONNECT_SERVICE connect_streaming.streaming.documents
rules SNS_SERVICE connect_streaming.streaming.documents
rules flow_problems connect_streaming.flows
resource_policies NEGATED_OPERATOR statements
resource_policies DocumentError statements
resource_policies Statement statements
resource_policies condition_values statements
resource_policies is_array statements
resource_policies is_public statements
resource_policies principals statements
resource_policies statements statements
resource_policies string_list statements
resource_policies connect_publish_problems sns
resource_policies topic_public_problems sns
resource_policies queue_problems sqs
resource_policies lambda_permission_problems lambda_
resource_policies INTERNAL_PROTOCOLS subscriptions
resource_policies subscription_problems subscriptions
resource_policies COGNITO_HOST trust
resource_policies GITHUB_OIDC_HOST trust
resource_policies trust_problems trust
resource_policies STREAMING_KEY_ACTIONS kms
resource_policies STREAMING_KEY_SERVICES kms
resource_policies key_grant_problems kms
resource_policies CONNECT_SERVICE connect_streaming.streaming.documents
resource_policies SNS_SERVICE connect_streaming.streaming.documents
iam DocumentError statements
iam Statement statements
iam is_array statements
iam load_document statements
iam statements statements
iam string_list statements
iam BROAD_MANAGED_POLICIES (kept)
iam action_arn_formats (kept)
iam passrole_problems (kept)
iam unscoped_resource_problems (kept)
iam wildcard_action_problems (kept)
templates TASK_TEMPLATE (kept)
templates UnreadableTemplate (kept)
templates definition_from_props (kept)
templates task_template_problems (kept)
pack PACK_NAME (kept)
pack PACK_DESCRIPTION (kept)
pack PlainProps (kept)
pack plain (kept)
pack policies (kept)
pack pack_arguments (kept)
errors PolicyRuleError (kept)
"""


def _qualified(module: str) -> str:
    return module if "." in module else f"{PACKAGE}.{module}"


ROWS: Final = [tuple(line.split()) for line in PATHS.strip().splitlines()]
MOVED: Final = [
    (_qualified(old), name, _qualified(new)) for old, name, new in ROWS if new != "(kept)"
]
KEPT: Final = [(_qualified(old), name) for old, name, new in ROWS if new == "(kept)"]
DEPRECATED_MODULES: Final = {f"{PACKAGE}.rules", f"{PACKAGE}.resource_policies"}


@pytest.mark.parametrize(("old", "name", "new"), MOVED, ids=lambda v: str(v).rsplit(".", 1)[-1])
def test_a_moved_name_still_imports_and_warns_naming_its_new_module(
    old: str, name: str, new: str
) -> None:
    importer = compile(f"from {old} import {name} as found\n", "importer.py", "exec")
    scope: dict[str, object] = {}
    with pytest.warns(DeprecationWarning, match=f"import {name} from") as caught:
        exec(importer, scope)
    (warning,) = caught
    assert str(warning.message) == f"{old}.{name} is deprecated: import {name} from {new}"
    assert warning.filename == "importer.py", "the warning points at the importing line"
    assert scope["found"] is getattr(importlib.import_module(new), name)


@pytest.mark.parametrize(("module", "name"), KEPT, ids=lambda v: str(v).rsplit(".", 1)[-1])
def test_a_name_that_stayed_imports_without_a_warning(module: str, name: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert getattr(importlib.import_module(module), name) is not None


@pytest.mark.parametrize("module", sorted(DEPRECATED_MODULES))
def test_an_alias_module_answers_for_exactly_its_old_names(module: str) -> None:
    alias = importlib.import_module(module)
    assert sorted(alias.__all__) == sorted(name for old, name, _ in MOVED if old == module)
    with pytest.raises(AttributeError, match=f"module '{module}' has no attribute 'nope'"):
        _ = alias.nope
    with pytest.warns(DeprecationWarning, match="is deprecated: import ") as caught:
        exec(f"from {module} import *", {})
    assert sorted(str(w.message).split(" ")[0] for w in caught) == [
        f"{module}.{name}" for name in sorted(alias.__all__)
    ]


def _deprecated_imports(tree: ast.Module) -> list[str]:
    moved = {(old, name) for old, name, _ in MOVED}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name in DEPRECATED_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                if submodule in DEPRECATED_MODULES or (node.module, alias.name) in moved:
                    found.append(f"{node.module}:{alias.name} (line {node.lineno})")
    return found


def test_the_ast_reader_finds_every_form_of_a_deprecated_import() -> None:
    source = (
        f"import {PACKAGE}.rules\n"
        f"from {PACKAGE} import resource_policies\n"
        f"from {PACKAGE}.iam import statements, wildcard_action_problems\n"
        f"def f() -> None:\n    from {PACKAGE}.rules import RULES\n"
    )
    assert len(_deprecated_imports(ast.parse(source))) == 4


def test_nothing_in_the_pack_folder_imports_a_deprecated_path() -> None:
    offenders = {
        str(path.relative_to(POLICY_PACK_DIR)): found
        for path in sorted(POLICY_PACK_DIR.rglob("*.py"))
        if (found := _deprecated_imports(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert not offenders, (
        f"import these from their new modules instead (tests/packaging/test_policy_paths.py"
        f" lists them): {offenders}"
    )


def _run_in_the_pack_folder(program: str) -> subprocess.CompletedProcess[str]:
    """``program`` as the engine runs the pack: from its folder, with only installed packages
    besides, and a deprecated path of the pack an error."""
    return subprocess.run(
        [sys.executable, "-W", f"error:{PACKAGE}.:DeprecationWarning", "-c", program],
        cwd=POLICY_PACK_DIR,
        env={"PATH": "/usr/bin:/bin", "PYTHONNOUSERSITE": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_every_module_of_the_pack_loads_from_the_folder_alone_without_a_deprecated_path() -> None:
    result = _run_in_the_pack_folder(
        "import importlib, pkgutil, connect_streaming_policy as p\n"
        "for m in pkgutil.iter_modules(p.__path__, 'connect_streaming_policy.'):\n"
        "    importlib.import_module(m.name)\n"
        "from connect_streaming_policy.pack import policies\n"
        "print(len(policies()))\n"
    )
    assert result.returncode == 0, result.stderr
    from connect_streaming_policy.catalogue import RULES

    assert result.stdout.strip() == str(len(RULES))
    refused = _run_in_the_pack_folder("from connect_streaming_policy.rules import RULES")
    assert refused.returncode == 1
    assert "DeprecationWarning: connect_streaming_policy.rules.RULES is deprecated" in (
        refused.stderr
    )
