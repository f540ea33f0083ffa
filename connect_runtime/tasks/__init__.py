"""Tasks: the StartTaskContact builder, typed references, attachments and segment attributes.

``from connect_runtime.tasks import TaskAttachment, contact_expiry, created_by_user`` works as
it did when this was one module.
"""

from connect_runtime.tasks import attachments, references, requests, segment_attributes
from connect_runtime.tasks.attachments import *  # noqa: F403
from connect_runtime.tasks.references import *  # noqa: F403
from connect_runtime.tasks.requests import *  # noqa: F403
from connect_runtime.tasks.segment_attributes import *  # noqa: F403

__all__ = [
    *attachments.__all__,
    *references.__all__,
    *requests.__all__,
    *segment_attributes.__all__,
]
