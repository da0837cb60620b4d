"""fieldnotes: offline notebook and report builder for expert field missions."""

__version__ = "0.1.0"
APP_NAME = "fieldnotes"
