"""The consolidated mission report: a ReportLab (platypus) PDF builder, no Qt.

Import the submodules you need; this package imports nothing, so that importing
:mod:`fieldnotes.report.options` (the dialog does, at start-up) does not load ReportLab.
"""
