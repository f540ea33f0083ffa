"""The connect-streaming CrossGuard rules: pure rule modules (one per resource family, assembled
by ``catalogue``) and their CrossGuard wrappers (``pack``). Lives inside the pack folder so the
folder publishes alone; the layout is in docs/policy-layout.md."""
