"""CrossGuard policy pack for Amazon Connect chat streaming and tasks."""
