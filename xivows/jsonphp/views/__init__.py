"""The legacy wire shapes of each resource: list items and view objects, with
the original's key names and value types."""
