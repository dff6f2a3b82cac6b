"""Old import path, kept while other branches move to ``services.imports`` (issue 14); new code imports
from ``services.imports``."""

from .imports import (  # noqa: F401
    DUPLICATE,
    FAILED,
    IMPORTED,
    Candidate,
    ImportReport,
    Outcome,
    collect_paths,
    import_candidates,
    import_paths,
)
