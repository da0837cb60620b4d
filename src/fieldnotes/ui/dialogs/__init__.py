"""Dialogs: each one user action, saved through one service call."""
