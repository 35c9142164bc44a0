"""The application layer: operations, view state, settings and messages (QtCore only)."""
