"""The ARN and account forms the rules read in policies, from shared parts (the partition is
:mod:`connect_streaming.arns`'s). The Region ends in one digit, as the rules have always read it;
widening it would change what the pack accepts, so it waits for one ARN grammar everywhere."""

from __future__ import annotations

import re
from typing import Final

from connect_streaming.arns import PARTITION

__all__ = [
    "ACCOUNT_ID",
    "ANY_CONNECT_INSTANCE_ARN",
    "INSTANCE_ARN",
    "NAMED_AWS_PRINCIPAL",
    "OIDC_PROVIDER_ARN",
    "TOPIC_ARN",
]

_REGION: Final = r"[a-z]{2}(-[a-z]+)+-[0-9]"
_ACCOUNT: Final = r"[0-9]{12}"

ACCOUNT_ID: Final = re.compile(_ACCOUNT)
INSTANCE_ARN: Final = re.compile(
    rf"arn:{PARTITION}:connect:{_REGION}:(?P<account>{_ACCOUNT}):instance/[A-Za-z0-9-]+"
)
"""One Amazon Connect instance: no wildcard anywhere (``account`` names its account)."""
ANY_CONNECT_INSTANCE_ARN: Final = re.compile(
    r"arn:[a-z-]+:connect:[^:]*:[^:]*:instance/(?P<instance>[^/]+)"
)
"""Any Connect ARN under an instance, wildcards included (``instance`` is the ID part)."""
TOPIC_ARN: Final = re.compile(
    rf"arn:{PARTITION}:sns:{_REGION}:{_ACCOUNT}:[A-Za-z0-9_-]{{1,256}}(\.fifo)?"
)
NAMED_AWS_PRINCIPAL: Final = re.compile(
    rf"{_ACCOUNT}|arn:{PARTITION}:(iam|sts)::{_ACCOUNT}:(root|(role|user|assumed-role)/[^*?]+)"
)
"""An account ID, its root, or one role, user or assumed role (no wildcard in the name)."""
OIDC_PROVIDER_ARN: Final = re.compile(
    rf"arn:{PARTITION}:iam::{_ACCOUNT}:oidc-provider/(?P<host>.+)"
)
