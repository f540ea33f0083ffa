"""Amazon Connect Flow Language builder: typed actions to validated JSON (pure, no pulumi)."""
