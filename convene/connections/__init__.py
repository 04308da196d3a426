"""Connecting leaders across boundaries: introductions and the connection graph (issue 4)."""
