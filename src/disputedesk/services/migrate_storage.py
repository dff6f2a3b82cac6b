"""Move an installation to other engines: e.g. embedded SQLite + folder → PostgreSQL + S3.

1. the target database gets the schema (migrations) and must hold no data yet;
2. every table is copied in dependency order, in batches, inside one transaction on the target
   (the append-only triggers allow inserts; primary keys are kept, so numbers, links and the
   ledger stay as they were), then PostgreSQL's id sequences are moved past the copied ids;
3. every original is streamed into the target blob store, which re-hashes it: a blob whose
   bytes no longer match its name stops the move;
4. the ledger anchors are copied; 5. ``verify`` runs on the target and its report is returned.

The source is only read. Stop the app (or accept that what it writes meanwhile stays behind).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, insert, inspect, select, text

from ..store.models import Base
from .context import Context
from .verify import VerifyReport, verify


class MigrationError(Exception):
    pass


@dataclass
class MoveReport:
    tables: dict[str, int]
    blobs: int
    bytes: int
    verify: VerifyReport


def move(
    source: Context, target: Context, *, batch: int = 2000, progress: Callable[[str], None] | None = None
) -> MoveReport:
    say = progress or (lambda _m: None)
    with source.engine.connect() as c:
        present = set(inspect(c).get_table_names())
    tables = [t for t in Base.metadata.sorted_tables if t.name in present]
    with target.engine.connect() as c:
        for t in tables:
            if inspect(c).has_table(t.name) and c.execute(select(func.count()).select_from(t)).scalar_one():
                raise MigrationError(f"target table {t.name} already has rows; move into an empty database")
    counts: dict[str, int] = {}
    with source.engine.connect() as src, target.engine.begin() as dst:
        for t in tables:
            n = 0
            result = src.execution_options(stream_results=True).execute(select(t))
            while rows := result.fetchmany(batch):
                dst.execute(insert(t), [dict(r._mapping) for r in rows])
                n += len(rows)
            counts[t.name] = n
            say(f"table {t.name}: {n} row(s)")
        if dst.dialect.name == "postgresql":
            for t in tables:
                pk = list(t.primary_key.columns)
                if len(pk) == 1 and pk[0].autoincrement in (True, "auto") and str(pk[0].type) in ("INTEGER", "BIGINT"):
                    dst.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{t.name}', '{pk[0].name}'), "
                            f"COALESCE((SELECT max({pk[0].name}) FROM {t.name}), 0) + 1, false)"
                        )
                    )
    blobs = size = 0
    for h in source.blobs.iter_hashes():
        with source.blobs.open(h) as f:
            stored = target.blobs.put_stream(f, label=f"blob {h}")
        if stored.sha256 != h:
            raise MigrationError(f"blob {h} in the source no longer matches its hash; run verify on the source")
        blobs += 1
        size += stored.size
        if blobs % 500 == 0:
            say(f"{blobs} original(s) copied")
    target.blobs.flush()
    for name in source.blobs.list_meta():
        data = source.blobs.read_meta(name)
        if data is not None:
            target.blobs.write_meta(name, data)
    say(f"{blobs} original(s), {size / 1e6:.1f} MB copied; verifying the target …")
    return MoveReport(counts, blobs, size, verify(target))
