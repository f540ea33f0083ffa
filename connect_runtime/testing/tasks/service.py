"""The endpoint's StartTaskContact: the flow, template or quick connect, linked and related
contacts, schedules, and the documented quotas."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import connect_runtime as builders
from connect_runtime.tasks import MAX_LINKED_TASKS
from connect_runtime.testing._operations import (
    Operations,
    checked,
    not_found,
    optional_time,
)
from connect_runtime.testing._wire import ServiceError
from connect_runtime.testing.state import Contact, Flow, InstanceState

__all__ = ["TaskOperations"]


class TaskOperations(Operations):
    """StartTaskContact on the seeded state."""

    def _start_task_contact(self, params: dict[str, Any]) -> dict[str, Any]:
        now = self.state.now()
        scheduled = optional_time(params.get("ScheduledTime"))
        checked(builders.start_task_contact_request, params, scheduled_time=scheduled, now=now)
        call = self._tokened("StartTaskContact", params)
        with self.state.lock:
            if (earlier := call.earlier()) is not None:
                return {"ContactId": earlier}
            instance = call.instance
            flow, queue = self._task_flow(instance, params)
            attributes = self._task_links(instance, params)
            self._active_task_quota(instance)
            contact = self._new_task(instance, params, flow.id, queue, now)
            contact.attributes = {**attributes, **(params.get("Attributes") or {})}
            instance.store_contact(contact)
            call.remember(contact.id)
            return {"ContactId": contact.id}

    def _task_flow(self, instance: InstanceState, params: Mapping[str, Any]) -> tuple[Flow, Any]:
        """The flow the task runs and its queue, from the flow, quick connect or template."""
        queue = None
        if params.get("QuickConnectId") is not None:
            quick = instance.quick_connects.get(params["QuickConnectId"])
            if quick is None:
                raise not_found("Quick connect", params["QuickConnectId"], instance)
            flow_id, queue = quick.flow, quick.queue
        elif params.get("TaskTemplateId") is not None:
            template = instance.task_templates.get(params["TaskTemplateId"])
            if template is None:
                raise not_found("Task template", params["TaskTemplateId"], instance)
            if template.flow is None:
                raise ServiceError(
                    "InvalidRequestException",
                    f"Task template {template.id} has no flow configured; name the flow with"
                    " ContactFlowId instead (the flow to run cannot be identified)",
                )
            flow_id = template.flow
        else:
            flow_id = params["ContactFlowId"]
        flow = instance.flows.get(flow_id) or next(
            (f for f in instance.flows.values() if f.arn == flow_id), None
        )
        if flow is None:
            raise not_found("Contact flow", flow_id, instance)
        return flow, queue or flow.queue

    def _task_links(self, instance: InstanceState, params: Mapping[str, Any]) -> dict[str, str]:
        """Check PreviousContactId (12 tasks a chain) and RelatedContactId; its attributes."""
        previous = params.get("PreviousContactId")
        if previous is not None:
            if previous not in instance.contacts:
                raise not_found("Previous contact", previous, instance)
            linked = sum(
                1
                for c in instance.contacts.values()
                if c.channel == "TASK" and c.previous_contact_id == previous
            )
            if linked >= MAX_LINKED_TASKS:
                raise ServiceError(
                    "ServiceQuotaExceededException",
                    f"There are already {linked} tasks referencing PreviousContactId {previous};"
                    f" a chain holds at most {MAX_LINKED_TASKS}",
                )
        related = params.get("RelatedContactId")
        if related is None:
            return {}
        if related not in instance.contacts:
            raise not_found("Related contact", related, instance)
        return dict(instance.contacts[related].attributes)

    def _active_task_quota(self, instance: InstanceState) -> None:
        active = sum(1 for c in instance.contacts.values() if c.channel == "TASK" and not c.ended)
        if active >= instance.instance.max_active_tasks:
            raise ServiceError(
                "ServiceQuotaExceededException",
                f"Instance {instance.id} has {active} active tasks, the most allowed",
            )

    def _new_task(
        self,
        instance: InstanceState,
        params: Mapping[str, Any],
        flow_id: str,
        queue: str | None,
        now: datetime,
    ) -> Contact:
        contact_id = str(uuid.uuid4())
        scheduled = optional_time(params.get("ScheduledTime"))
        later = scheduled is not None and scheduled > now
        state = "SCHEDULED" if later else ("QUEUED" if queue else "IN_FLOW")
        return Contact(
            id=contact_id,
            arn=f"{instance.instance.arn}/contact/{contact_id}",
            channel="TASK",
            state=state,
            queue=queue,
            initiation_method="API",
            initiated_at=now,
            enqueued_at=now if state == "QUEUED" else None,
            scheduled_at=scheduled,
            initial_contact_id=contact_id,
            previous_contact_id=params.get("PreviousContactId"),
            related_contact_id=params.get("RelatedContactId"),
            task_template_id=params.get("TaskTemplateId"),
            quick_connect_id=params.get("QuickConnectId"),
            name=params["Name"],
            description=params.get("Description"),
            references={k: dict(v) for k, v in (params.get("References") or {}).items()},
            segment_attributes=dict(params.get("SegmentAttributes") or {}),
            attachments=[dict(a) for a in params.get("Attachments") or []],
            flow_id=flow_id,
            client_token=params.get("ClientToken"),
        )
