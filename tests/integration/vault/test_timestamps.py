"""Trusted timestamps (RFC 3161) of the ledger head, against a local TSA on 127.0.0.1 (tests/tsaserver.py:
OpenSSL's `ts -reply` behind a tiny HTTP server, with a CA and TSA certificate made for the test).

Attacks performed: the whole chain and its anchor rewritten after a timestamp (with the token kept,
and with the timestamp entries dropped); a token from another TSA slipped into a consistent chain;
a TSA that answers with a foreign signer. Without a configured TSA nothing changes.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from disputedesk.cli import app
from disputedesk.config import get_settings
from disputedesk.documents.timestamp_token import TIMESTAMP_ACTION
from disputedesk.domain.ledger import Entry, check_chain, make_entry
from disputedesk.services import timestamps
from disputedesk.services.accounts import grant
from disputedesk.services.imports import import_paths
from disputedesk.services.verify import verify
from disputedesk.store.ledger import anchor_name, read_anchor

from support import make_user, need, tamper, write_files
from tsaserver import Tsa, openssl_problem, start_tsa


@pytest.fixture(scope="module")
def tsa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tsa]:
    problem = openssl_problem()
    need(problem is None, problem or "")
    server = start_tsa(tmp_path_factory.mktemp("tsa"))
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _tsa_answers_normally(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "tsa" in request.fixturenames:
        server = request.getfixturevalue("tsa")
        server.sign_as("tsa")
        server.fail(0)


@pytest.fixture
def stamped(settings, tsa: Tsa):  # type: ignore[no-untyped-def]
    settings.tsa_url = tsa.url
    settings.tsa_ca = str(tsa.pki.ca_pem)
    return settings


@pytest.fixture
def tctx(stamped, ctx):  # type: ignore[no-untyped-def]
    """A context whose settings name the local TSA (the `ctx` fixture, configured)."""
    assert ctx.settings is stamped
    return ctx


def entries(ctx, workspace: str = "default") -> list[Entry]:  # type: ignore[no-untyped-def]
    with ctx.engine.connect() as c:
        rows = c.execute(
            text(
                "SELECT e.seq, e.at, e.actor, e.action, e.subject, e.payload, e.prev_hash, e.hash "
                "FROM ledger_entries e JOIN workspaces w ON w.id = e.workspace_id WHERE w.slug = :ws ORDER BY e.seq"
            ),
            {"ws": workspace},
        ).all()
    return [Entry(r[0], workspace, r[1], r[2], r[3], r[4], r[5], r[6], r[7]) for r in rows]


def import_some(ctx, tmp_path: Path, n: int = 3, tag: str = "a") -> None:  # type: ignore[no-untyped-def]
    folder = write_files(tmp_path / f"in-{tag}", {f"{tag}{i}.txt": f"document {tag}{i}".encode() for i in range(n)})
    assert import_paths(ctx, "default", [folder], actor="t").imported == n


def rewrite_chain(ctx, edit: Callable[[Entry], Entry | None]) -> None:  # type: ignore[no-untyped-def]
    """What an attacker with write access to the database and the blob store does: edit or drop
    entries, renumber and re-hash the whole chain, point the evidence rows at the new numbers and
    write a matching anchor. Afterwards the chain and the anchor agree again."""
    old = entries(ctx)
    new: list[Entry] = []
    renumber: dict[int, int] = {}
    prev = "0" * 64
    for e in old:
        changed = edit(e)
        if changed is None:
            continue
        made = make_entry(
            seq=len(new) + 1,
            workspace=e.workspace,
            at=changed.at,
            actor=changed.actor,
            action=changed.action,
            subject=changed.subject,
            payload=json.loads(changed.payload),
            prev_hash=prev,
        )
        renumber[e.seq] = made.seq
        new.append(made)
        prev = made.hash
    with ctx.engine.connect() as c:
        ws_id = c.execute(text("SELECT id FROM workspaces WHERE slug = 'default'")).scalar_one()
    stmts = [f"DELETE FROM ledger_entries WHERE workspace_id = {ws_id}"]
    for e in new:
        payload = e.payload.replace("'", "''")
        actor = e.actor.replace("'", "''")
        stmts.append(
            "INSERT INTO ledger_entries (workspace_id, seq, at, actor, action, subject, payload, prev_hash, hash) "
            f"VALUES ({ws_id}, {e.seq}, '{e.at}', '{actor}', '{e.action}', '{e.subject}', '{payload}', "
            f"'{e.prev_hash}', '{e.hash}')"
        )
    for o, n in renumber.items():
        if o != n:
            stmts.append(
                f"UPDATE evidence_items SET ledger_seq = {n} WHERE workspace_id = {ws_id} AND ledger_seq = {o}"
            )
    tamper(ctx, *(st.replace(":", "\\:") for st in stmts))  # literal colons, not bind parameters
    ctx.blobs.write_meta(
        anchor_name("default"), json.dumps({"workspace": "default", "seq": new[-1].seq, "hash": new[-1].hash}).encode()
    )
    assert not check_chain(entries(ctx), read_anchor(ctx.blobs, "default"))  # chain + anchor consistent


def test_a_timestamp_is_taken_after_an_import_and_verified(tctx, tmp_path: Path, tsa: Tsa) -> None:
    before = tsa.requests
    import_some(tctx, tmp_path)
    assert tsa.requests == before + 1
    chain = entries(tctx)
    stamp = chain[-1]
    assert stamp.action == TIMESTAMP_ACTION
    payload = stamp.payload_obj()
    assert payload["head"] == stamp.seq - 1 and payload["head_hash"] == chain[-2].hash
    assert payload["tsa"] == "CN=DisputeDesk Test TSA"
    assert base64.b64decode(payload["token"])[:1] == b"\x30"  # the DER TimeStampResp itself

    report = verify(tctx)
    assert report.ok, report.problems
    [check] = report.timestamps["default"]
    assert check.ok and check.signature_checked and check.first_proven == 1 and check.head == stamp.seq - 1
    assert "proves entries #1–#" in check.describe()
    assert not report.notes  # the head is the timestamp itself: nothing unproven

    # nothing new: no second token; new entries: the next one proves only them
    assert timestamps.take_timestamp(tctx, "default", actor="t") is None
    import_some(tctx, tmp_path, 2, "b")
    report = verify(tctx)
    assert report.ok, report.problems
    first, second = report.timestamps["default"]
    assert second.first_proven == first.head + 1 and second.head == entries(tctx)[-2].seq


def test_rewritten_chain_and_anchor_after_a_timestamp_is_named(tctx, tmp_path: Path) -> None:
    import_some(tctx, tmp_path)
    stamp_seq = entries(tctx)[-1].seq
    assert verify(tctx).ok

    # The attacker changes who imported entry #2 and rebuilds every hash and the anchor.
    rewrite_chain(tctx, lambda e: Entry(**{**e.__dict__, "actor": "someone-else"}) if e.seq == 2 else e)
    report = verify(tctx)
    assert not report.ok
    out = [str(p) for p in report.problems]
    assert any(f"ledger #{stamp_seq}" in x and "rewritten after the timestamp" in x for x in out), out
    # the chain and the anchor alone say nothing: the only complaint is the timestamp's
    assert all("timestamp" in x for x in out), out

    # the verify page says it in Chinese, the current hash as data (the API keeps the English)
    from fastapi.testclient import TestClient
    from pages_support import foreign_sentences

    from disputedesk.web.app import create_app

    from support import sign_in

    make_user(tctx, "olga", "default", "owner")
    with TestClient(create_app(tctx)) as c:
        sign_in(c, "olga")
        page = c.post("/verify?lang=zh").text
        assert "链条在取得时间戳之后被改写" in page and "rewritten after" not in page, page
        assert re.search(r"与链中现有的（<code>[0-9a-f]{16}</code>…）不同", page)
        assert foreign_sentences(page) == [], foreign_sentences(page)


def test_rewrite_that_drops_the_timestamps_is_named_by_a_kept_token(tctx, tmp_path: Path) -> None:
    """Dropping the timestamp entries makes the chain consistent again; a token kept elsewhere
    (an exported token file, or a bundle handed to counsel) still names the rewrite."""
    import_some(tctx, tmp_path)
    kept = tmp_path / "tokens.json"
    runner = CliRunner()
    env = {
        "DISPUTEDESK_DATA_DIR": str(tctx.settings.data_dir),
        "DISPUTEDESK_DATABASE_URL": tctx.settings.database_url,
        "DISPUTEDESK_TSA_URL": tctx.settings.tsa_url,
        "DISPUTEDESK_TSA_CA": tctx.settings.tsa_ca,
    }
    get_settings.cache_clear()
    r = runner.invoke(app, ["timestamp", "--export", str(kept)], env=env, catch_exceptions=False)
    assert r.exit_code == 0, r.output
    rewrite_chain(
        tctx,
        lambda e: (
            None if e.action == TIMESTAMP_ACTION else (Entry(**{**e.__dict__, "actor": "x"}) if e.seq == 1 else e)
        ),
    )
    assert verify(tctx).ok  # consistent again: nothing in the vault shows it
    r = runner.invoke(app, ["verify", "--timestamps", str(kept)], env=env, catch_exceptions=False)
    get_settings.cache_clear()
    assert r.exit_code == 1, r.output
    assert "rewritten after the timestamp" in r.output and "kept token" in r.output, r.output


def test_a_token_from_another_tsa_is_refused(tctx, tmp_path: Path, tsa: Tsa) -> None:
    tsa.sign_as(tsa.pki.rogue)  # same subject name, but certified by another CA
    import_some(tctx, tmp_path)  # the import itself succeeds; no token is recorded
    assert all(e.action != TIMESTAMP_ACTION for e in entries(tctx))
    with pytest.raises(timestamps.TimestampError, match="does not check out"):
        timestamps.take_timestamp(tctx, "default", actor="t")

    # An attacker who writes the forged token into the chain (consistently re-hashed) is named.
    tctx.settings.tsa_ca = str(tsa.pki.other_ca_pem)
    forged = timestamps.take_timestamp(tctx, "default", actor="t")
    assert forged is not None
    tctx.settings.tsa_ca = str(tsa.pki.ca_pem)
    out = [str(p) for p in verify(tctx).problems]
    assert any(f"ledger #{forged.seq}" in x and "refused" in x for x in out), out


def test_a_tsa_that_is_down_does_not_fail_the_import_and_the_periodic_check_catches_up(
    tctx, tmp_path: Path, tsa: Tsa
) -> None:
    tsa.fail(503)
    import_some(tctx, tmp_path)
    assert all(e.action != TIMESTAMP_ACTION for e in entries(tctx))
    report = verify(tctx)
    assert report.ok and any("no trusted timestamp" in n for n in report.notes), report.notes
    tsa.fail(0)
    assert timestamps.due(tctx, "default")
    [stamp] = timestamps.stamp_due(tctx)
    assert stamp.head == entries(tctx)[-2].seq
    assert not timestamps.due(tctx, "default")  # the head is stamped
    assert timestamps.stamp_due(tctx) == []


def test_without_a_configured_tsa_nothing_changes(ctx, tmp_path: Path, settings) -> None:
    import_some(ctx, tmp_path)
    assert all(e.action != TIMESTAMP_ACTION for e in entries(ctx))
    report = verify(ctx)
    assert report.ok and not report.timestamps and not report.notes
    assert timestamps.stamp_due(ctx) == []
    env = {"DISPUTEDESK_DATA_DIR": str(settings.data_dir), "DISPUTEDESK_DATABASE_URL": settings.database_url}
    get_settings.cache_clear()
    r = CliRunner().invoke(app, ["timestamp"], env=env, catch_exceptions=False)
    get_settings.cache_clear()
    assert r.exit_code == 2 and "DISPUTEDESK_TSA_URL" in r.output


def test_cli_timestamp_and_verify_print_what_is_proven(tctx, tmp_path: Path) -> None:
    import_some(tctx, tmp_path)
    env = {
        "DISPUTEDESK_DATA_DIR": str(tctx.settings.data_dir),
        "DISPUTEDESK_DATABASE_URL": tctx.settings.database_url,
        "DISPUTEDESK_TSA_URL": tctx.settings.tsa_url,
        "DISPUTEDESK_TSA_CA": tctx.settings.tsa_ca,
    }
    runner = CliRunner()
    get_settings.cache_clear()
    r = runner.invoke(app, ["timestamp"], env=env, catch_exceptions=False)
    assert r.exit_code == 0 and "nothing new" in r.output, r.output
    r = runner.invoke(app, ["timestamp", "--force", "--json"], env=env, catch_exceptions=False)
    assert r.exit_code == 0, r.output
    [res] = json.loads(r.output)
    assert res["tsa"] == "CN=DisputeDesk Test TSA" and res["head"] == res["entry"] - 1
    r = runner.invoke(app, ["verify"], env=env, catch_exceptions=False)
    get_settings.cache_clear()
    assert r.exit_code == 0, r.output
    assert "trusted timestamp (default) ledger #" in r.output and "proves entries #1–#" in r.output, r.output


def test_the_worker_stamps_hourly_what_is_due(tctx, tmp_path: Path, tsa: Tsa, monkeypatch) -> None:
    """The queue's periodic task (served by `disputedesk worker`) runs the same check."""
    from disputedesk.services import queue

    tsa.fail(503)
    import_some(tctx, tmp_path)  # no token: the TSA was down
    tsa.fail(0)
    app_ = queue.make_app(tctx.settings.resolved_database_url)
    periodic = {p.periodic_id: p for p in app_.periodic_registry.periodic_tasks.values()}
    assert periodic["ledger-timestamps"].cron == "17 * * * *"  # hourly; a token at least daily
    monkeypatch.setattr(queue, "_WORKER_CTX", tctx)
    app_.tasks["disputedesk.ledger_timestamps"].func(timestamp=0)
    assert entries(tctx)[-1].action == TIMESTAMP_ACTION
    assert verify(tctx).ok


def test_the_embedded_web_process_runs_the_check_itself(tctx, tmp_path: Path, tsa: Tsa) -> None:
    import time

    from fastapi.testclient import TestClient

    from disputedesk.web.app import create_app

    tsa.fail(503)
    import_some(tctx, tmp_path)
    tsa.fail(0)
    with TestClient(create_app(tctx)):
        deadline = time.monotonic() + 20
        while entries(tctx)[-1].action != TIMESTAMP_ACTION and time.monotonic() < deadline:
            time.sleep(0.1)
    assert entries(tctx)[-1].action == TIMESTAMP_ACTION


def test_due_waits_for_the_interval(tctx, tmp_path: Path) -> None:
    from datetime import timedelta

    import_some(tctx, tmp_path)  # stamped at once
    import_some(tctx, tmp_path, 1, "b")  # stamped at once too (after every import)
    make_user(tctx, "ann", "default", "viewer")  # a record that is no import waits for the periodic check
    grant(tctx, "ann", "default", "member", actor="t")
    assert entries(tctx)[-1].action != TIMESTAMP_ACTION
    assert not timestamps.due(tctx, "default")  # the last token is fresh
    later = tctx.clock() + timedelta(hours=tctx.settings.tsa_interval_hours)
    assert timestamps.due(tctx, "default", later)


# --- the evidence bundle carries the tokens ----------------------------------------------------


def export(ctx, tmp_path: Path, name: str = "bundle.zip") -> Path:  # type: ignore[no-untyped-def]
    from disputedesk.services.bundle import export_bundle

    out = tmp_path / name
    export_bundle(ctx, "default", out, all_items=True, actor="t")
    return out


def rewrite_bundle(src: Path, dst: Path, change: Callable[[dict[str, bytes]], None]) -> None:
    """Rebuild a bundle with ``change`` applied to its files (paths relative to the bag) and every
    manifest, the Payload-Oxum and the tag manifest made to fit again: a consistent forgery."""
    import hashlib
    import re
    import zipfile

    with zipfile.ZipFile(src) as zf:
        names = [i.filename for i in zf.infolist() if not i.is_dir()]
        root = names[0].split("/", 1)[0] + "/"
        files = {n[len(root) :]: zf.read(n) for n in names}
    change(files)
    payload = {k: v for k, v in files.items() if k.startswith("data/")}
    files["manifest-sha256.txt"] = "".join(
        f"{hashlib.sha256(v).hexdigest()}  {k}\n" for k, v in sorted(payload.items())
    ).encode()
    oxum = f"{sum(len(v) for v in payload.values())}.{len(payload)}"
    files["bag-info.txt"] = re.sub(rb"Payload-Oxum: \S+", f"Payload-Oxum: {oxum}".encode(), files["bag-info.txt"])
    files["tagmanifest-sha256.txt"] = "".join(
        f"{hashlib.sha256(v).hexdigest()}  {k}\n"
        for k, v in sorted(files.items())
        if not k.startswith("data/") and k != "tagmanifest-sha256.txt"
    ).encode()
    with zipfile.ZipFile(dst, "w") as zf:
        for k, v in files.items():
            zf.writestr(root + k, v)


def replace_last_token(files: dict[str, bytes], raw: bytes) -> None:
    """Put another token into the bundle's last timestamp entry, re-hash that entry and re-link the chain."""
    from disputedesk.documents.bundle_verify import entry_hash

    lines = [json.loads(x) for x in files["data/ledger/entries.jsonl"].decode().splitlines()]
    e = [x for x in lines if x["action"] == TIMESTAMP_ACTION][-1]
    payload = json.loads(e["payload"])
    payload["token"] = base64.b64encode(raw).decode()
    e["payload"] = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    e["hash"] = entry_hash(e)
    files["data/ledger/entries.jsonl"] = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines).encode()
    chain = [json.loads(x) for x in files["data/ledger/chain.jsonl"].decode().splitlines()]
    assert chain[-1]["seq"] == e["seq"]  # the export stamped its head: the token entry is the last
    chain[-1]["hash"] = e["hash"]
    files["data/ledger/chain.jsonl"] = "".join(json.dumps(x) + "\n" for x in chain).encode()
    files[f"data/ledger/timestamps/ts-{e['seq']:06d}.tsr"] = raw
    info = files["bag-info.txt"].decode()
    head = next(x for x in info.splitlines() if x.startswith("DisputeDesk-Ledger-Head:"))
    files["bag-info.txt"] = info.replace(head, f"DisputeDesk-Ledger-Head: {e['seq']} {e['hash']}").encode()


def test_a_bundle_carries_the_tokens_and_bundle_verify_checks_them_offline(tctx, tmp_path: Path, tsa: Tsa) -> None:
    import subprocess
    import sys
    import zipfile

    from disputedesk.documents.bundle_verify import verify_bundle

    import_some(tctx, tmp_path)
    make_user(tctx, "ann", "default", "viewer")  # an entry after the import's token: stamped at export
    bundle = export(tctx, tmp_path)
    ca = tsa.pki.ca_pem.read_bytes()
    rep = verify_bundle(bundle, tsa_ca=ca)
    assert rep.ok, rep.problems
    assert len(rep.timestamps) == 2 and "proves entries #1–#" in rep.timestamps[0], rep.timestamps
    assert not rep.notes
    with zipfile.ZipFile(bundle) as zf:
        names = zf.namelist()
    assert any(n.endswith("data/ledger/timestamps/README.txt") for n in names)
    assert any(n.endswith("data/ledger/timestamps/tsa-ca.pem") for n in names)

    # the CLI, with the TSA's CA given; and without it, the bundle's copy is used and named
    env = {"DISPUTEDESK_DATA_DIR": str(tmp_path / "nowhere")}
    r = CliRunner().invoke(app, ["bundle", "verify", "--tsa-ca", str(tsa.pki.ca_pem), str(bundle)], env=env)
    assert r.exit_code == 0 and "trusted timestamp: ledger #" in r.output, r.output
    rep = verify_bundle(bundle)
    assert rep.ok and any("the bundle itself carries" in n for n in rep.notes), rep.notes

    # OpenSSL alone checks a token with the files the bundle carries (README.txt gives the command)
    root = tmp_path / "unzipped"
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(root)
    [bag] = list(root.iterdir())
    [tsr] = sorted((bag / "data/ledger/timestamps").glob("ts-*.tsr"))[-1:]
    head_txt = tsr.with_name(tsr.name.replace(".tsr", ".head.txt"))
    done = subprocess.run(
        ["openssl", "ts", "-verify", "-data", str(head_txt), "-in", str(tsr), "-CAfile", str(tsa.pki.ca_pem)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "Verification: OK" in done.stdout, done.stdout + done.stderr

    # the stand-alone copy with the standard library only: matches tokens to the chain, says what it did not check
    done = subprocess.run(
        [sys.executable, "-I", "-S", str(bag / "tools/verify_bundle.py"), str(bundle)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "signatures NOT checked" in done.stdout and "trusted timestamp:" in done.stdout, done.stdout


def test_a_tampered_or_forged_token_in_a_consistently_rebuilt_bundle_is_refused(tctx, tmp_path: Path, tsa: Tsa) -> None:
    from disputedesk.documents.bundle_verify import verify_bundle
    from disputedesk.documents.timestamp_token import head_message

    import_some(tctx, tmp_path)
    make_user(tctx, "ann", "default", "viewer")
    bundle = export(tctx, tmp_path)
    ca = tsa.pki.ca_pem.read_bytes()
    last = [e for e in entries(tctx) if e.action == TIMESTAMP_ACTION][-1]
    good = base64.b64decode(last.payload_obj()["token"])

    # one byte of the token changed (in its signature), everything else made to fit
    flipped = bytearray(good)
    flipped[-10] ^= 0x01
    bad = tmp_path / "flipped.zip"
    rewrite_bundle(bundle, bad, lambda f: replace_last_token(f, bytes(flipped)))
    rep = verify_bundle(bad, tsa_ca=ca)
    assert [p for p in rep.problems if f"#{last.seq}" in p and "refused" in p], rep.problems
    assert all("timestamp" in p for p in rep.problems), rep.problems  # the manifests and chain fit
    # each line also carries its code and parameters, for a page in another language
    assert {p.params["problem"].code for p in rep.problems if p.code == "timestamp"} == {"refused"}

    # a token from a forger's own TSA over the same head (same TSA name, other CA)
    tsa.sign_as(tsa.pki.rogue)
    tctx.settings.tsa_ca = str(tsa.pki.other_ca_pem)
    head = last.payload_obj()
    forged_raw, _info = timestamps.request_token(tctx, head_message("default", head["head"], head["head_hash"]))
    forged = tmp_path / "forged.zip"
    rewrite_bundle(bundle, forged, lambda f: replace_last_token(f, forged_raw))
    rep = verify_bundle(forged, tsa_ca=ca)
    assert [p for p in rep.problems if f"#{last.seq}" in p and "refused" in p], rep.problems
    r = CliRunner().invoke(app, ["bundle", "verify", "--tsa-ca", str(tsa.pki.ca_pem), str(forged)])
    assert r.exit_code == 1 and "refused" in r.output, r.output


def test_the_pages_and_the_api_show_what_the_timestamps_prove(tctx, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from disputedesk.web.app import create_app

    from support import api_token, sign_in

    make_user(tctx, "olga", "default", "owner")
    import_some(tctx, tmp_path)
    bundle = export(tctx, tmp_path)
    with TestClient(create_app(tctx)) as c:
        sign_in(c, "olga")
        page = c.post("/verify")
        assert (
            page.status_code == 200
            and "Trusted timestamps (RFC 3161)" in page.text
            and "proves entries #1–#" in page.text
        )
        zh = c.post("/verify?lang=zh").text  # what each timestamp proves, in the page's language
        assert "可信时间戳（RFC 3161）" in zh and "证明第1至第" in zh and "在该时间之前已存在" in zh
        assert "proves entries" not in zh and "timestamp of" not in zh
        c.cookies.set("dd_lang", "zh")
        token = api_token(tctx, "olga", "default")
        with open(bundle, "rb") as fh:
            r = c.post(
                "/api/bundles/verify", files={"file": ("b.zip", fh)}, headers={"Authorization": f"Bearer {token}"}
            )
        rep = r.json()
        assert rep["ok"] and rep["timestamps"] and not rep["notes"], rep  # checked against the configured CA
        # the bundle check on the documents page says what each timestamp proves in Chinese too
        with open(bundle, "rb") as fh:
            checked = c.post("/documents/bundles/verify", files={"file": ("b.zip", fh)}).text
        assert re.search(
            r"台账第\d+条：<code>[^<]+</code> 于 <code>[^<]+</code> 出具的时间戳证明第1至第\d+条在该时间之前已存在",
            checked,
        )
        assert "proves entries" not in checked and "timestamp of" not in checked


def test_a_tsa_behind_basic_auth_and_its_password_stays_out_of_the_ledger(tctx, tmp_path: Path, tsa: Tsa) -> None:
    tsa.http.require_auth = "Basic " + base64.b64encode(b"buyer:s3cr%t").decode()
    try:
        tctx.settings.tsa_url = tsa.url.replace("http://", "http://buyer:wrong@")
        import_some(tctx, tmp_path)  # stamped after the import: refused, the import stands
        with pytest.raises(timestamps.TimestampError, match="HTTP 401") as refused:
            timestamps.take_timestamp(tctx, "default", actor="t")
        assert "wrong" not in str(refused.value)
        tctx.settings.tsa_url = tsa.url.replace("http://", "http://buyer:s3cr%25t@")
        stamp = timestamps.take_timestamp(tctx, "default", actor="t")
        assert stamp is not None
        payload = entries(tctx)[-1].payload
        assert "s3cr" not in payload and "buyer" not in payload and tsa.url in payload
        assert verify(tctx).ok
    finally:
        tsa.http.require_auth = ""


def test_entries_proven_long_after_they_were_recorded_are_pointed_out(tctx, tmp_path: Path, tsa: Tsa) -> None:
    """Entries recorded ten days before their first token (a TSA outage — or a chain rewritten and
    stamped anew, which looks the same from inside): verify says their age rests on the vault alone."""
    from datetime import UTC, datetime, timedelta

    real = tctx.clock
    tctx.clock = lambda: datetime.now(UTC) - timedelta(days=10)
    tsa.fail(503)
    import_some(tctx, tmp_path)
    tsa.fail(0)
    tctx.clock = real
    assert timestamps.take_timestamp(tctx, "default", actor="t") is not None
    report = verify(tctx)
    assert report.ok
    assert any("are proven only from" in n and "10.0 days later" in n for n in report.notes), report.notes
    import_some(tctx, tmp_path, 1, "b")  # stamped at once: nothing late about it
    assert sum("are proven only from" in n for n in verify(tctx).notes) == 1
