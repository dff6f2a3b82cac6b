"""`disputedesk letter sent --channel/--to/--note` and `bundle describe` refuse text longer than
what the page and the API take (the same service checks): said in English and in Chinese, like the
command line's other limits, with nothing recorded. Before, the command line stored any length
(SQLite keeps it; PostgreSQL refused the row) and the channel and recipient were silently cut."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from disputedesk.cli import app
from disputedesk.config import get_settings
from disputedesk.services import letters as svc
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import LedgerEntry
from disputedesk.store.models_documents import EvidenceNote, GeneratedLetter

from documents_support import demo_context


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    yield from demo_context(tmp_path_factory, "limits")


@pytest.fixture
def cli(demo, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(demo.settings.data_dir))
    monkeypatch.setenv("DISPUTEDESK_DATABASE_URL", demo.settings.resolved_database_url)
    monkeypatch.setenv("DISPUTEDESK_DEFAULT_WORKSPACE", "demo")
    get_settings.cache_clear()
    runner = CliRunner()
    yield lambda *args: runner.invoke(app, list(args), catch_exceptions=False)
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def letter_id(demo) -> int:  # type: ignore[no-untyped-def]
    rendered = svc.render_letter(
        demo, "demo", None, "support-request", lang="en", fmt="pdf", letter_date=date(2026, 11, 2)
    )
    return svc.keep_letter(demo, "demo", rendered, actor="test").id


def _entries(ctx) -> int:  # type: ignore[no-untyped-def]
    with unit_of_work(ctx.engine) as s:
        return s.execute(select(func.count()).select_from(LedgerEntry)).scalar_one()


def _said(r) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in r.stderr.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("option", "limit", "en", "zh"),
    [
        ("--channel", 100, "channel", "渠道"),
        ("--to", 300, "recipient", "收件人"),
        ("--note", 2000, "note", "备注"),
    ],
)
def test_marking_a_letter_sent_with_over_long_text_is_refused_in_both_languages(
    cli, demo, letter_id: int, option: str, limit: int, en: str, zh: str
) -> None:  # type: ignore[no-untyped-def]
    before = _entries(demo)
    args = ["letter", "sent", str(letter_id), "--on", "2026-11-03", "--channel", "courier DHL"]
    args += [option, "寄" * (limit + 1)] if option != "--channel" else ["--channel", "寄" * (limit + 1)]
    r = cli(*args)
    assert r.exit_code == 2, r.output
    assert _said(r) == [f"error: {en}: longer than {limit} characters", f"错误：{zh}：超过 {limit} 个字符"], _said(r)
    assert _entries(demo) == before
    with unit_of_work(demo.engine) as s:
        assert s.get(GeneratedLetter, letter_id).sent_on is None  # type: ignore[union-attr]


def test_marking_a_letter_sent_at_the_limits_keeps_every_character(cli, demo, letter_id: int) -> None:  # type: ignore[no-untyped-def]
    channel, to, note = "courier " + "D" * 92, "收" * 300, "注" * 2000
    r = cli("letter", "sent", str(letter_id), "--on", "2026-11-03", "--channel", channel, "--to", to, "--note", note)
    assert r.exit_code == 0, r.output
    with unit_of_work(demo.engine) as s:
        row = s.get(GeneratedLetter, letter_id)
        assert row is not None and (row.sent_channel, row.sent_to, row.sent_note) == (channel, to, note)


@pytest.mark.parametrize(
    ("option", "limit", "en", "zh"),
    [
        ("--title", 500, "title", "标题"),
        ("--proves-en", 2000, "proves_en", "证明目的（英文）"),
        ("--proves-zh", 2000, "proves_zh", "证明目的（中文）"),
        ("--translation-zh", 100_000, "translation_zh", "中文译文"),
    ],
)
def test_describing_an_item_with_over_long_text_is_refused_in_both_languages(
    cli, demo, option: str, limit: int, en: str, zh: str
) -> None:  # type: ignore[no-untyped-def]
    before = _entries(demo)
    r = cli("bundle", "describe", "E-0001", option, "证" * (limit + 1))
    assert r.exit_code == 2, r.output
    assert _said(r) == [f"error: {en}: longer than {limit} characters", f"错误：{zh}：超过 {limit} 个字符"], _said(r)
    assert _entries(demo) == before
    r = cli("bundle", "describe", "E-0001", option, "证" * limit)
    assert r.exit_code == 0 and "E-0001: described for the evidence list" in r.output, r.output
    with unit_of_work(demo.engine) as s:
        note = s.execute(select(EvidenceNote)).scalars().one()
        assert getattr(note, en) == "证" * limit


def test_the_api_refuses_the_same_lengths(demo) -> None:  # type: ignore[no-untyped-def]
    """The page and the API go through the same checks: an over-long text is a 400 naming the field."""
    from fastapi.testclient import TestClient

    from disputedesk.web.app import create_app

    from support import api_token, make_user

    make_user(demo, "owner", "demo", "owner")
    with TestClient(create_app(demo)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(demo, 'owner', 'demo')}"
        r = c.put("/api/evidence/E-0002/bundle-note", json={"proves_en": "p" * 2001})
        assert r.status_code == 400 and "proves en: longer than 2000 characters" in r.text, r.text
        r = c.post("/api/letters", json={"kind": "escalation", "lang": "en", "format": "pdf"})
        sent = c.post(f"/api/letters/{r.json()['id']}/sent", json={"sent_on": "2026-11-03", "channel": "c" * 101})
        assert sent.status_code == 400 and "channel: longer than 100 characters" in sent.text, sent.text
