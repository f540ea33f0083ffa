"""Component provider host: lets stacks in any Pulumi language `pulumi package add` these."""

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
