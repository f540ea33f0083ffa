"""The endpoint's streaming side: a runnable consumer of what the streaming topic delivers."""
