"""Search terms: Chinese as characters and overlapping pairs, Latin as lower-cased words; queries
transformed the same way (the reason both database engines return the same hits)."""

from __future__ import annotations

from disputedesk.domain.mail_search import index_terms, parse_query, snippet


def test_two_character_words_are_terms_of_longer_text() -> None:
    terms = index_terms("设备故障，申请退款（合同第6条）").split()
    for word in ("故障", "退款", "合同", "设", "款"):
        assert word in terms


def test_latin_words_are_lower_cased_and_split_at_punctuation() -> None:
    assert index_terms("Machine DOWN: E-207, wanglei@RuifengLaser.com") == "machine down e 207 wanglei ruifenglaser com"


def test_query_needs_every_pair_and_word() -> None:
    q = parse_query("设备故障 Refund")
    assert [t.text for t in q.terms] == ["设备", "备故", "故障", "refund"]
    assert q.fts5() == '"设备" AND "备故" AND "故障" AND "refund"*'
    assert q.tsquery() == "'设备' & '备故' & '故障' & 'refund':*"
    assert parse_query("故").fts5() == '"故"'
    assert parse_query("  ,; ").empty


def test_snippet_marks_the_hits_and_escapes_html() -> None:
    plain, rich = snippet("<b>Note</b>: the refunds for 设备故障 are late", parse_query("refund 故障"))
    assert "«refunds»" in plain and "«故障»" in plain
    assert "<mark>故障</mark>" in rich and "&lt;b&gt;" in rich


def _prepared(items):  # type: ignore[no-untyped-def]
    return [(p.item.key.split(".")[0], p.blob.sha256, p.item.message.subject, p.terms, p.language) for p in items]


def test_a_big_mailbox_parsed_in_worker_processes_gives_the_same_items_in_order(tmp_path, monkeypatch) -> None:
    from disputedesk.ingest.mail import MBOX
    from disputedesk.services.imports import mail_workers
    from disputedesk.store.blobs import LocalBlobStore

    box = tmp_path / "in.mbox"
    box.write_bytes(
        b"".join(
            b"From a@b.c Mon Mar  2 01:00:00 2026\nFrom: a@b.c\nSubject: =?utf-8?B?5pWF6Zqc?= %d\n"
            b"Message-ID: <m%d@b.c>\n\nFrom our side the machine is fine.\n\n" % (i, i)
            for i in range(70)
        )
    )
    blobs = LocalBlobStore(tmp_path / "blobs")
    serial = _prepared(
        mail_workers.prepare_all(
            mail_workers.parse_source(box, MBOX, key="k", tz=None), blobs, cand_name="m", cand_source="x",
            root_sha256=None,
        )
    )  # fmt: skip
    assert len(mail_workers.split_points(box, 500)) > 6
    monkeypatch.setattr(mail_workers, "MBOX_SEGMENT_BYTES", 500)  # many segments, several workers
    parallel = _prepared(
        mail_workers.prepare_in_workers(box, MBOX, key="k", blobs=blobs, cand_name="m", cand_source="x", workers=3)
    )
    assert parallel == serial and len(serial) == 70 and serial[0][2] == "故障 0"
    assert all(blobs.exists(sha) for _k, sha, *_ in parallel)


def test_a_big_maildir_parsed_in_worker_processes_gives_the_same_items_in_order(tmp_path, monkeypatch) -> None:
    from disputedesk.ingest.mail import MAILDIR
    from disputedesk.services.imports import mail_workers
    from disputedesk.store.blobs import LocalBlobStore

    for d in ("cur", "new", "tmp"):
        (tmp_path / "md" / d).mkdir(parents=True)
    for i in range(40):
        (tmp_path / "md" / "cur" / f"{i:04d}.x:2,S").write_bytes(
            b"From: a@b.c\nSubject: =?utf-8?B?5pWF6Zqc?= %d\nMessage-ID: <m%d@b.c>\n\nbody\n" % (i, i)
        )
    blobs = LocalBlobStore(tmp_path / "blobs")
    serial = _prepared(
        mail_workers.prepare_all(
            mail_workers.parse_source(tmp_path / "md", MAILDIR, key="k", tz=None), blobs, cand_name="md",
            cand_source="x", root_sha256=None,
        )
    )  # fmt: skip
    monkeypatch.setattr(mail_workers, "PARALLEL_MIN_BYTES", 1000)
    monkeypatch.setattr(mail_workers, "MAILDIR_SEGMENT_FILES", 3)
    started = []
    real = mail_workers.prepare_in_workers

    def counting(*a, **kw):  # type: ignore[no-untyped-def]
        started.append(kw["workers"])
        return real(*a, **kw)

    monkeypatch.setattr(mail_workers, "prepare_in_workers", counting)
    monkeypatch.setattr(mail_workers, "worker_count", lambda: 2)
    parallel = _prepared(
        mail_workers.expand_maildir(tmp_path / "md", blobs, key="k", tz=None, cand_name="md", cand_source="x")
    )
    assert started == [2] and parallel == serial and len(serial) == 40
