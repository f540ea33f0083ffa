"""Hypothesis strategies for every request builder, for property tests of your own code too.

One module per capability (``streaming``, ``tasks``, ``metrics``); every strategy imports
from here. Needs ``hypothesis`` (not a runtime dependency). ``*_kwargs`` draw keyword
arguments the builder accepts; ``broken_*`` draw ``(kwargs, field)`` pairs that break one
documented rule, ``field`` being the parameter path the error must name.

Example:
    >>> from hypothesis import given, settings
    >>> from connect_runtime import start_task_contact_request
    >>> @settings(max_examples=10)
    ... @given(start_task_contact_kwargs())
    ... def test_task_names_survive(kwargs):
    ...     assert start_task_contact_request(**kwargs)["Name"] == kwargs["name"]
    >>> test_task_names_survive()
"""

from connect_runtime.testing.strategies import metrics, streaming, tasks
from connect_runtime.testing.strategies._common import (
    attribute_maps,
    client_tokens,
    contact_ids,
    instance_ids,
    sns_topic_arns,
)
from connect_runtime.testing.strategies.metrics import *  # noqa: F403
from connect_runtime.testing.strategies.streaming import *  # noqa: F403
from connect_runtime.testing.strategies.tasks import *  # noqa: F403

__all__ = [
    "attribute_maps",
    "client_tokens",
    "contact_ids",
    "instance_ids",
    "sns_topic_arns",
    *metrics.__all__,
    *streaming.__all__,
    *tasks.__all__,
]
