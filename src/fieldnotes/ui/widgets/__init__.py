"""Panels and editors of the main window."""
