"""Moving missions between profiles: mission JSON (and, later, packages and merge).

Nothing here imports Qt; heavy dependencies (jsonschema) are imported when first used.
"""
