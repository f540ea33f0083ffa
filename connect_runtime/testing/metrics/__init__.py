"""The endpoint's metrics side: the figures each metrics API answers, computed from the state."""
