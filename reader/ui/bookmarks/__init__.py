"""The bookmarks dock: its model and the undoable commands it shows."""
