"""Amazon Connect and SNS ARNs, parsed and built in the formats IAM's service data gives."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from connect_streaming.errors import RuleError

PARTITION: Final = r"aws(?:-[a-z]+)*"
REGION: Final = r"[a-z]{2}(?:-[a-z]+)+-[0-9]+"
INSTANCE_ARN: Final = (
    rf"arn:(?P<partition>{PARTITION}):connect:(?P<region>{REGION}):"
    r"(?P<account>[0-9]{12}):instance/(?P<instance>[A-Za-z0-9-]{1,100})"
)
"""The instance ARN pattern (named groups), also the prefix of its queue and flow ARNs."""
_INSTANCE_ARN: Final = re.compile(INSTANCE_ARN)
INSTANCE_ARN_RULE: Final = "an Amazon Connect ARN arn:aws:connect:REGION:ACCOUNT:instance/ID"


@dataclass(frozen=True)
class ConnectInstance:
    """An Amazon Connect instance, and the ARNs of what lives in it.

    Example:
        >>> instance = ConnectInstance.from_arn(
        ...     "arn:aws:connect:us-east-1:123456789012:instance/abcd-1234")
        >>> instance.queue_arn()
        'arn:aws:connect:us-east-1:123456789012:instance/abcd-1234/queue/*'
    """

    partition: str
    region: str
    account_id: str
    instance_id: str

    @classmethod
    def from_arn(cls, arn: str) -> ConnectInstance:
        """Parse ``arn:PARTITION:connect:REGION:ACCOUNT:instance/ID``; RuleError otherwise."""
        match = _INSTANCE_ARN.fullmatch(arn) if isinstance(arn, str) else None
        if match is None:
            raise RuleError(INSTANCE_ARN_RULE, arn)
        return cls(match["partition"], match["region"], match["account"], match["instance"])

    @property
    def arn(self) -> str:
        """``arn:PARTITION:connect:REGION:ACCOUNT:instance/ID``."""
        return (
            f"arn:{self.partition}:connect:{self.region}:{self.account_id}:"
            f"instance/{self.instance_id}"
        )

    def queue_arn(self, queue_id: str = "*") -> str:
        """A queue of this instance (``*``: every queue)."""
        return f"{self.arn}/queue/{queue_id}"

    def routing_profile_arn(self, profile_id: str = "*") -> str:
        """A routing profile of this instance (``*``: every routing profile)."""
        return f"{self.arn}/routing-profile/{profile_id}"

    def contact_flow_arn(self, flow_id: str) -> str:
        """A contact flow of this instance."""
        return f"{self.arn}/contact-flow/{flow_id}"

    def contact_arn(self, contact_id: str = "*") -> str:
        """A contact of this instance (``*``: every contact)."""
        return f"{self.arn}/contact/{contact_id}"

    def task_template_arn(self, template_id: str) -> str:
        """A task template of this instance."""
        return f"{self.arn}/task-template/{template_id}"

    def quick_connect_arn(self, quick_connect_id: str) -> str:
        """A quick connect of this instance (IAM's resource type ``transfer-destination``)."""
        return f"{self.arn}/transfer-destination/{quick_connect_id}"

    def account_root_arn(self) -> str:
        """The account principal that owns the instance."""
        return f"arn:{self.partition}:iam::{self.account_id}:root"

    def sns_topic_arn(self, topic_name: str) -> str:
        """An SNS topic in the instance's account and Region."""
        return f"arn:{self.partition}:sns:{self.region}:{self.account_id}:{topic_name}"

    def sqs_queue_arn(self, queue_name: str) -> str:
        """An SQS queue in the instance's account and Region."""
        return f"arn:{self.partition}:sqs:{self.region}:{self.account_id}:{queue_name}"
