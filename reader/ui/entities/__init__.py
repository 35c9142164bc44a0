"""The Library Entities dock, its timeline and the batch extraction it shows."""
