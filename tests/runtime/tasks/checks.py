"""The StartTaskContact checks under the names its word-for-word tests were written with (one
namespace over tasks/requests, tasks/attachments and tasks/segment_attributes)."""

from connect_runtime.tasks.attachments import TaskAttachment, attachments, presigned_s3_url_problem
from connect_runtime.tasks.requests import FLOW_CHOICE_FIELD, flow_choice_problems
from connect_runtime.tasks.requests import _scheduled_at as scheduled_time
from connect_runtime.tasks.segment_attributes import (
    contact_expiry,
    created_by_user,
    segment_attributes,
)

__all__ = [
    "FLOW_CHOICE_FIELD",
    "TaskAttachment",
    "attachments",
    "contact_expiry",
    "created_by_user",
    "flow_choice_problems",
    "presigned_s3_url_problem",
    "scheduled_time",
    "segment_attributes",
]
