"""A local Amazon Connect endpoint for the five APIs, for tests, demos and benchmarks.

Needs the stdlib and boto3 only; moto only for :class:`MotoServer`.
"""

from connect_runtime.testing.clock import ManualClock, system_clock
from connect_runtime.testing.endpoint import ConnectEndpoint, EndpointStats
from connect_runtime.testing.faults import Fault, FaultPlan
from connect_runtime.testing.seed import EXAMPLE_SEED, SeedError, example_state, load_seed
from connect_runtime.testing.sns import (
    MotoServer,
    Published,
    Publisher,
    RecordingPublisher,
    SnsPublisher,
    SqsSubscriber,
)
from connect_runtime.testing.state import (
    Agent,
    ChatItem,
    ConnectState,
    Contact,
    Flow,
    Instance,
    InstanceState,
    Queue,
    QuickConnect,
    RoutingProfile,
    Stream,
    TaskTemplate,
)

__all__ = [
    "EXAMPLE_SEED",
    "Agent",
    "ChatItem",
    "ConnectEndpoint",
    "ConnectState",
    "Contact",
    "EndpointStats",
    "Fault",
    "FaultPlan",
    "Flow",
    "Instance",
    "InstanceState",
    "ManualClock",
    "MotoServer",
    "Published",
    "Publisher",
    "Queue",
    "QuickConnect",
    "RecordingPublisher",
    "RoutingProfile",
    "SeedError",
    "SnsPublisher",
    "SqsSubscriber",
    "Stream",
    "TaskTemplate",
    "example_state",
    "load_seed",
    "system_clock",
]
