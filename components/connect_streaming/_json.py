"""Policy documents as deterministic JSON, shared by the capabilities' documents modules."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def to_json(document: Mapping[str, Any]) -> str:
    """Deterministic JSON for a policy document (sorted keys), so re-runs show no diff."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"))


def document(*statements: Mapping[str, Any]) -> dict[str, Any]:
    """An IAM policy document (version 2012-10-17) of these statements."""
    return {"Version": "2012-10-17", "Statement": list(statements)}
