"""A griffe extension for the docs site: this project's ``Example:`` sections are doctests.

griffe's Google parser knows ``Examples:`` only and would render ``Example:`` as prose, where
``>>> rows[0]`` reads as a Markdown link; the docstrings keep the house's singular title.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_SINGULAR = re.compile(r"^(?P<indent>[ \t]*)Example:[ \t]*$", re.MULTILINE)


class ExampleSections(griffe.Extension):
    """Read each docstring's ``Example:`` section title as ``Examples:``."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = _SINGULAR.sub(r"\g<indent>Examples:", obj.docstring.value)
