"""The reading pane and the per-article entities dock."""
