"""Component provider host: lets stacks in any Pulumi language `pulumi package add` these."""

import sys
from pathlib import Path

# Pulumi runs this file from components/; the package (and connect_runtime) live one level up.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pulumi.provider.experimental import component_provider_host

from components.contact_flows import TaskCreatingFlow, TaskRoutingFlow
from components.environment import StreamingEnvironment
from components.roles import MetricsReaderRole, StreamingControllerRole, TaskStarterRole
from components.streaming import ChatStreamingEndpoint

COMPONENTS = [
    ChatStreamingEndpoint,
    StreamingControllerRole,
    MetricsReaderRole,
    TaskStarterRole,
    TaskRoutingFlow,
    TaskCreatingFlow,
    StreamingEnvironment,
]

if __name__ == "__main__":
    component_provider_host(name="connect-streaming", components=COMPONENTS)
