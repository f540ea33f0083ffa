"""An outside team's Pulumi program: stream the contact center's chats to our own SQS queue,
and give our Lambda a role that may start and stop the streaming. Uses only the installed
`connect-streaming` distribution, exactly as another repository would; the instance ARN is an
output of the platform team's stack (a StackReference), so it reaches the components as an
Output."""

import pulumi

from connect_streaming import ChatStreamingEndpoint, StreamingControllerRole

config = pulumi.Config()
platform = pulumi.StackReference(config.require("platformStack"))
instance_arn = platform.require_output("instanceArn").apply(str)
tags = {
    "owner": config.require("owner"),
    "cost-center": "cc-7730",
    "environment": pulumi.get_stack(),
    "data-classification": "confidential",
}

endpoint = ChatStreamingEndpoint(
    "support-chat",
    {
        "instance_arn": instance_arn,
        "sqs_subscribers": [{"name": "sentiment", "message_visibility": ["CUSTOMER", "ALL"]}],
        "tags": tags,
    },
)
controller = StreamingControllerRole(
    "support-streamer",
    {"instance_arn": instance_arn, "trust": {"service": "lambda.amazonaws.com"}, "tags": tags},
)

pulumi.export("topicArn", endpoint.topic_arn)
pulumi.export("queueUrls", endpoint.subscriber_queue_urls)
pulumi.export("streamingRoleArn", controller.role_arn)
