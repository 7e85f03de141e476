"""The scenario format: schema, formula language, loading and validation (no pygame)."""
