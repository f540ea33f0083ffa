"""Pulumi components for Amazon Connect chat streaming and tasks (filled by the components work)."""
