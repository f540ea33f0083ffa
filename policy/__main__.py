"""Entry point the Pulumi engine runs: build the PolicyPack, which serves it over gRPC.

The rules live in :mod:`policy.rules` (pure) and :mod:`policy.pack`; this file only builds the
pack. The repository root goes on ``sys.path`` because the pack judges flows with
``components.flows``, the same validation the builder uses.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pulumi_policy import PolicyPack

from policy.pack import pack_arguments

PolicyPack(**pack_arguments())
