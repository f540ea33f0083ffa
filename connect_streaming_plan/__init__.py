"""The offline plan: run a Pulumi program under mocks and a policy pack over gRPC, no CLI needed.

``connect-streaming-plan --stack dev`` (or ``python -m connect_streaming_plan``) in a Pulumi
project directory; :mod:`~connect_streaming_plan.mocks` unit-tests programs under Pulumi mocks;
:mod:`~connect_streaming_plan.analyzer` speaks the Analyzer gRPC protocol to a policy pack.
"""
