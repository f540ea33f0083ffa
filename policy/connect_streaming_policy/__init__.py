"""The connect-streaming CrossGuard rules: pure rules (:mod:`.rules`, :mod:`.iam`) and their
CrossGuard wrappers (:mod:`.pack`). Lives inside the pack folder so the folder publishes alone.
"""
