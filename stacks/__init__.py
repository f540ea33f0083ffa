"""The Pulumi program (``__main__.py``) and per-environment config (``Pulumi.<env>.yaml``)."""
