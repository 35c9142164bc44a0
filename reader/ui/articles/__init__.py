"""The article list: its table model, filter proxy and two-line delegate."""
