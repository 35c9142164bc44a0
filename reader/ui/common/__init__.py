"""Pieces shared by every view: icons, entity styles, dialogs."""
