"""Use cases: one module per area; functions take a Session (one per user action)."""
