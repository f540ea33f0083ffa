"""Tasks: the StartTaskContact builder, typed references, attachments and segment attributes.

``from connect_runtime.tasks import TaskAttachment, contact_expiry, created_by_user`` works as
it did when this was one module.
"""

from connect_runtime.tasks.attachments import TaskAttachment, presigned_s3_url_problem
from connect_runtime.tasks.references import (
    CREATION_REFERENCE_TYPES,
    REFERENCE_TYPES,
    Reference,
    creation_reference_type_problem,
    model_reference_types,
    reference_value_problem,
)
from connect_runtime.tasks.requests import (
    FLOW_CHOICE,
    FLOW_CHOICE_FIELD,
    MAX_LINKED_TASKS,
    MAX_REFERENCES_BYTES,
    MAX_SCHEDULE_AHEAD,
    start_task_contact_request,
)
from connect_runtime.tasks.segment_attributes import (
    CONTACT_EXPIRY,
    CREATED_BY_USER,
    contact_expiry,
    created_by_user,
)

__all__ = [
    "CONTACT_EXPIRY",
    "CREATED_BY_USER",
    "CREATION_REFERENCE_TYPES",
    "FLOW_CHOICE",
    "FLOW_CHOICE_FIELD",
    "MAX_LINKED_TASKS",
    "MAX_REFERENCES_BYTES",
    "MAX_SCHEDULE_AHEAD",
    "REFERENCE_TYPES",
    "Reference",
    "TaskAttachment",
    "contact_expiry",
    "created_by_user",
    "creation_reference_type_problem",
    "model_reference_types",
    "presigned_s3_url_problem",
    "reference_value_problem",
    "start_task_contact_request",
]
