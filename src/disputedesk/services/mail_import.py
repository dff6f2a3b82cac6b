"""Old import path, kept while other branches move to ``services.imports`` (issue 14); new code imports
from ``services.imports.mail``."""

from ..ingest.mediatypes import EML_EXT, MBOX_EXT  # noqa: F401
from .imports.mail import (  # noqa: F401
    MAX_MESSAGE_TEXT,
    MAX_WHOLE_FILE_BYTES,
    WorkspaceParties,
    add_search_docs,
    build_message,
    child_name,
    dumps,
    insert_meta,
    language_of,
    link_variants,
    load_parties,
    message_flags,
    message_text,
    parse_source,
    search_terms_for_message,
    source_type,
    temp_dir,
)
from .imports.mail_workers import PARALLEL_MIN_BYTES, expand  # noqa: F401,E402
