"""Fixtures for the component tests: the shipped moto server (SNS, SQS) for the delivery ones."""

from connect_runtime.testing.fixtures import moto_server  # noqa: F401  (a fixture, found by name)
