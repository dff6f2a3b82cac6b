"""One settings object, read from ``DISPUTEDESK_*`` environment variables.

Embedded default: everything under one data directory — ``disputedesk.sqlite3`` and a
``blobs/`` folder. Scale-out sets ``DISPUTEDESK_DATABASE_URL`` (PostgreSQL) and
``DISPUTEDESK_BLOB_STORE``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DISPUTEDESK_", extra="ignore")

    data_dir: Path = Path("./data")
    database_url: str = ""  # default: sqlite:///<data_dir>/disputedesk.sqlite3
    blob_store: str = ""  # default: file://<data_dir>/blobs
    default_workspace: str = "default"
    default_language: str = "en"
    # Mark the session cookie Secure (set when the app is served over HTTPS, e.g. behind a proxy).
    secure_cookies: bool = False
    session_hours: int = 12
    # Addresses of reverse proxies whose X-Forwarded-For / -Proto are believed (comma-separated,
    # e.g. "127.0.0.1"). Empty: none, so a client cannot set its own address in the audit log.
    trusted_proxies: str = ""
    # The largest upload accepted through the web page / API, in bytes (CLI imports have no cap).
    max_upload_bytes: int = 2 * 1024**3
    # Seconds a SQLite writer waits for another writer before reporting the database as locked.
    db_lock_timeout: float = 15.0
    # Request threads of one web process (sync routes run on them; more requests queue, they do not
    # fail). The connection pool of each process is sized from it: see ``db_pool_size``.
    web_threads: int = 16
    # Seconds a request waits for a free pooled connection before it is answered 503 + Retry-After.
    db_pool_timeout: float = 30.0
    # Background jobs: "inline" (a thread in the web process; the embedded default) or "queue"
    # (PostgreSQL-backed queue served by `disputedesk worker` processes).
    jobs: str = "inline"
    # A worker that sent no heartbeat for this long is taken as dead; its jobs are retried.
    worker_stall_seconds: int = 30
    # Trusted timestamps (RFC 3161) of the ledger head: the time-stamping authority's URL and a PEM
    # file with the CA certificate(s) its tokens must chain to. Empty URL: no timestamps are taken.
    tsa_url: str = ""
    tsa_ca: str = ""
    tsa_timeout: float = 20.0
    # The worker checks hourly: entries not yet timestamped get a token once the last is this old.
    tsa_interval_hours: float = 23.0
    # Files per database transaction during an import: blobs of a batch are flushed to disk
    # before the batch's rows commit, so a row never points to a missing blob.
    import_batch_files: int = 200
    import_batch_bytes: int = 256 * 1024**2
    # For the test suite only, which creates and signs in hundreds of users: new password hashes
    # are Argon2id at its cheapest parameters instead of the library's recommended ones (about a
    # quarter of a second each). Never set it on a server: the passwords would be easy to crack.
    test_cheap_password_hashes: bool = False

    @property
    def db_pool_size(self) -> int:
        """Connections kept per process: one per request thread, plus the event loop's thread (async
        routes), the two inline job threads and a little slack for a nested unit of work."""
        return self.web_threads + 4

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'disputedesk.sqlite3').resolve()}"

    @property
    def resolved_blob_store(self) -> str:
        if self.blob_store:
            return self.blob_store
        return f"file://{(self.data_dir / 'blobs').resolve()}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
