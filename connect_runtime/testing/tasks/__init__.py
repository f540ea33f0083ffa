"""The endpoint's task side: StartTaskContact on the seeded state."""
