"""The command line: the same services as the window, no Qt widgets."""
