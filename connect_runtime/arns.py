"""The ARN grammars connect_runtime checks: Connect instances and agents, SNS topics, any ARN.

One place for each, strict (partition, Region, 12-digit account, ID characters), so that a
builder, the client and the task checks agree on what an ARN is.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["AGENT_ARN", "ANY_ARN", "INSTANCE_ARN", "SNS_TOPIC_ARN", "split_instance"]

_PARTITION: Final = r"arn:aws(?:-[a-z]+)*"
_REGION: Final = r"(?P<region>[a-z]{2}(?:-[a-z]+)+-[0-9]+)"
_ACCOUNT: Final = r"(?P<account>[0-9]{12})"
INSTANCE_ARN: Final = re.compile(
    rf"{_PARTITION}:connect:{_REGION}:{_ACCOUNT}:instance/(?P<id>[A-Za-z0-9-]{{1,100}})"
)
"""A Connect instance ARN, e.g. ``arn:aws:connect:us-east-1:123456789012:instance/ID``."""
AGENT_ARN: Final = re.compile(INSTANCE_ARN.pattern + r"/agent/[A-Za-z0-9-]{1,100}")
"""A Connect agent (user) ARN: the instance ARN followed by ``/agent/ID``."""
SNS_TOPIC_ARN: Final = re.compile(
    rf"{_PARTITION}:sns:{_REGION}:{_ACCOUNT}:(?P<name>[A-Za-z0-9_.-]{{1,256}})"
)
"""An SNS topic ARN; the name group holds the topic name (``.fifo`` for a FIFO topic)."""
ANY_ARN: Final = re.compile(r"arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:[0-9]{0,12}:\S+")
"""Any ARN, of any service (an ATTACHMENT reference may name its file by one)."""


def split_instance(instance_id: str) -> tuple[str, str | None, str | None]:
    """The instance ID, account and Region of an instance ARN (or the ID alone, as given).

    Example:
        >>> split_instance("arn:aws:connect:eu-west-2:123456789012:instance/i-1")
        ('i-1', '123456789012', 'eu-west-2')
        >>> split_instance("i-1")
        ('i-1', None, None)
    """
    found = INSTANCE_ARN.fullmatch(instance_id)
    if found is None:
        return instance_id, None, None
    return found["id"], found["account"], found["region"]
