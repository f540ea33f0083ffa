"""The commands the local endpoint adds to ``connect-runtime``, named where both can read them.

:mod:`connect_runtime.cli` lists them without loading the harness; the harness
(:mod:`connect_runtime.testing.commands`) registers them with these one-line helps.
"""

from __future__ import annotations

from typing import Final

__all__ = ["HARNESS_COMMANDS"]

HARNESS_COMMANDS: Final = {
    "serve": "run a local Amazon Connect endpoint for the five APIs",
    "demo": "streaming, metrics and tasks on the embedded endpoint (no AWS account)",
}
"""Command name -> its one-line help."""
