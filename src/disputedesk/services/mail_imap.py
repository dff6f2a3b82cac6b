"""Old import path, kept while other branches move to ``services.imports`` (issue 14); new code imports
from ``services.imports``."""

from .imports import ImapSource, import_imap, is_imap_url, parse_imap_url  # noqa: F401
