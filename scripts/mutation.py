"""Run mutmut (``[tool.mutmut]`` in pyproject.toml) over this repository's folder layout.

mutmut names a mutant after its file's path (``components/connect_streaming/documents.py`` gives
``components.connect_streaming.documents``) and activates it only where that name equals the
function's ``__module__`` (``connect_streaming.documents``): the plugin folders ``components/``
and ``policy/`` are sys.path entries, not packages. This launcher drops those folder prefixes
from the names and then runs mutmut's own command line, arguments unchanged::

    HYPOTHESIS_PROFILE=mutation .venv/bin/python scripts/mutation.py run --max-children 2
    .venv/bin/python scripts/mutation.py results
"""

from __future__ import annotations

import sys
from pathlib import Path

import mutmut.__main__ as mutmut_main
import mutmut.mutation.file_mutation as file_mutation
from mutmut.utils import format_utils

# Folders on pytest's pythonpath (pyproject.toml) whose packages are imported without them.
_PATH_FOLDERS = ("components.", "policy.")
_path_mutant_name = format_utils.get_mutant_name


def module_mutant_name(relative_source_path: Path, mutant_method_name: str) -> str:
    """mutmut's mutant name with the sys.path folder dropped: the name the module imports as."""
    name = _path_mutant_name(relative_source_path, mutant_method_name)
    for folder in _PATH_FOLDERS:
        if name.startswith(folder):
            return name.removeprefix(folder)
    return name


for _module in (format_utils, mutmut_main, file_mutation):
    _module.get_mutant_name = module_mutant_name  # type: ignore[attr-defined]

if __name__ == "__main__":
    sys.argv[0] = "mutmut"
    sys.exit(mutmut_main.cli())
