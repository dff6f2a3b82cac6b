"""``disputedesk letter …`` and ``disputedesk bundle …``: bilingual letters and the evidence bundle.

* ``letter render CASE-ID KIND --lang en|zh|both --format pdf|docx --out FILE`` (CASE-ID may be
  a supplier key, or ``-`` for the workspace's first case); the letter is kept as an evidence
  item unless ``--no-keep``; ``letter list``; ``letter sent ID --on DATE --channel …``.
* ``bundle export (CASE-ID | --all | --items E-0001,E-0002) --out FILE.zip``.
* ``bundle verify FILE.zip``: offline, no database, no project data (exit 0 intact, 1 problems,
  2 unusable input).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import typer

from .core import WorkspaceOpt, err, fail, open_context, out, refused, ws_or_default

letter_app = typer.Typer(help="Bilingual letters (EN/中文) from the case's facts.", no_args_is_help=True)
bundle_app = typer.Typer(
    help="Evidence bundles for counsel or a tribunal, and their offline check.", no_args_is_help=True
)


@letter_app.command("render")
def letter_render(
    case: str = typer.Argument(..., help="Case number (CASE-2026-001), a supplier key, or '-' for the first case."),
    kind: str = typer.Argument(
        ...,
        help="support-request | formal-complaint | escalation | demand | mediation | termination | arbitration-request",
    ),
    lang: str = typer.Option("both", "--lang", help="en, zh, or both (side by side, or a pair with --pair)."),
    fmt: str = typer.Option("pdf", "--format", help="pdf or docx."),
    out_path: Path = typer.Option(..., "--out", help="File to write (.pdf, .docx; .zip for --pair)."),
    pair: bool = typer.Option(False, "--pair", help="With --lang both: two matched files (EN and ZH) in a ZIP."),
    sets: list[str] = typer.Option([], "--set", help="A fact, name=value (e.g. arbitration_institution=CIETAC)."),
    on: str = typer.Option(None, "--date", help="Letter date YYYY-MM-DD (default: today in the buyer's time zone)."),
    keep: bool = typer.Option(True, "--keep/--no-keep", help="Keep the letter as an evidence item (default)."),
    workspace: str = WorkspaceOpt,
    actor: str = typer.Option(None, help="Who renders (recorded in the ledger)."),
) -> None:
    """Render a letter in English, Chinese or both, as PDF or DOCX; missing facts are named."""
    from ..services.context import default_actor
    from ..services.letters import keep_letter, render_letter

    overrides: dict[str, str] = {}
    for item in sets:
        if "=" not in item:
            raise fail(f"--set {item!r}: expected name=value")
        k, v = item.split("=", 1)
        overrides[k.strip()] = v
    try:
        letter_date = date.fromisoformat(on) if on else None
    except ValueError:
        raise fail(f"--date {on!r}: not a date (YYYY-MM-DD)") from None
    ctx = open_context()
    slug = ws_or_default(ctx, workspace)
    try:
        rendered = render_letter(
            ctx,
            slug,
            None if case == "-" else case,
            kind,
            lang=lang,
            fmt=fmt,
            layout="pair" if pair else "side-by-side",
            overrides=overrides,
            letter_date=letter_date,
        )
        if out_path.is_dir():
            raise ValueError(f"--out {out_path}: is a folder; give a file name")
        tmp = out_path.with_name(f".{out_path.name}.part")
        tmp.write_bytes(rendered.data)
        tmp.replace(out_path)
        stored = keep_letter(ctx, slug, rendered, actor=actor or default_actor()) if keep else None
    except (ValueError, LookupError) as exc:
        raise fail(str(exc)) from exc
    except OSError as exc:
        raise fail(f"--out {out_path}: cannot be written: {exc.strerror}") from exc
    for n in rendered.letter.facts.notes:
        err.print(f"note: {n}", highlight=False)
    if rendered.missing:
        from ..documents.letters import FACT_LABELS

        err.print("[yellow]missing facts (marked in the letter):[/]", highlight=False)
        for m in rendered.missing:
            en, zh = FACT_LABELS.get(m, (m, m))
            err.print(f"  {m}: {en} / {zh}   (--set {m}=…)", highlight=False)
    out.print(
        f"wrote {out_path} ({len(rendered.data)} bytes)"
        + (f"; kept as {stored.evidence} (letter {stored.id})" if stored else ""),
        highlight=False,
    )


@letter_app.command("list")
def letter_list(workspace: str = WorkspaceOpt, as_json: bool = typer.Option(False, "--json")) -> None:
    """Letters generated in this workspace, and whether they were sent."""
    from ..services.letters import list_letters

    ctx = open_context()
    rows = list_letters(ctx, ws_or_default(ctx, workspace))
    if as_json:
        typer.echo(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
        return
    for r in rows:
        sent = f"sent {r.sent_on} by {r.sent_channel}" if r.sent_on else "not sent"
        out.print(f"{r.id:>4}  {r.evidence}  {r.kind:<20} {r.lang:<4} {r.case_ref or '':<16} {sent}", highlight=False)


@letter_app.command("sent")
def letter_sent(
    letter_id: int = typer.Argument(..., help="Letter id (see `letter list`)."),
    on: str = typer.Option(..., "--on", help="Date sent, YYYY-MM-DD."),
    channel: str = typer.Option(..., "--channel", help="e-mail, courier, registered post …"),
    to: str = typer.Option(None, "--to", help="Recipient."),
    proof: str = typer.Option(None, "--proof", help="Evidence number of the proof of sending (E-0042)."),
    note: str = typer.Option(None, "--note"),
    workspace: str = WorkspaceOpt,
    actor: str = typer.Option(None),
) -> None:
    """Record that a letter was sent (a ledger entry; with a case, the ladder step)."""
    from ..services.context import default_actor
    from ..services.letters import mark_sent

    ctx = open_context()
    try:
        view, warnings = mark_sent(
            ctx,
            ws_or_default(ctx, workspace),
            letter_id,
            sent_on=date.fromisoformat(on),
            channel=channel,
            recipient=to,
            proof=proof,
            note=note,
            actor=actor or default_actor(),
        )
    except (ValueError, LookupError) as exc:
        raise refused(exc) from exc
    for w in warnings:
        err.print(f"[yellow]warning:[/] {w}", highlight=False)
    out.print(
        f"letter {view.id} ({view.evidence}) marked sent on {view.sent_on} by {view.sent_channel}"
        + (f"; ladder step {view.ladder_step}" if view.ladder_step else ""),
        highlight=False,
    )


@bundle_app.command("export")
def bundle_export(
    case: str = typer.Argument(None, help="Case number (CASE-2026-001); or use --all / --items."),
    all_items: bool = typer.Option(False, "--all", help="Every evidence item of the workspace."),
    items: str = typer.Option(None, "--items", help="A selection: E-0001,E-0007,…"),
    out_path: Path = typer.Option(..., "--out", help="The ZIP to write (written atomically)."),
    workspace: str = WorkspaceOpt,
    actor: str = typer.Option(None),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Export an evidence bundle (BagIt in a ZIP) that `bundle verify` can check offline."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ..services.bundle import export_bundle
    from ..services.context import default_actor

    labels = [x.strip() for x in items.split(",") if x.strip()] if items else None
    ctx = open_context()
    slug = ws_or_default(ctx, workspace)
    progress = Progress(
        TextColumn("{task.fields[stage]}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
        disable=as_json or not sys.stderr.isatty(),
    )
    try:
        with progress:
            task = progress.add_task("bundle", total=None, stage="collect")

            def tick(stage: str, done: int, total: int) -> None:
                progress.update(task, completed=done, total=total or None, stage=stage)

            res = export_bundle(
                ctx,
                slug,
                out_path,
                case=case,
                labels=labels,
                all_items=all_items,
                actor=actor or default_actor(),
                progress=tick,
            )
    except (ValueError, LookupError) as exc:
        raise fail(str(exc)) from exc
    except OSError as exc:
        raise fail(f"--out {out_path}: {exc.strerror or exc}") from exc
    if as_json:
        typer.echo(json.dumps(res.as_dict(), ensure_ascii=False, indent=2))
        return
    for n in res.notes:
        err.print(f"note: {n}", highlight=False)
    head = f"#{res.ledger_head[0]} {res.ledger_head[1]}" if res.ledger_head else "none"
    out.print(
        f"wrote {res.path}: {res.items} items, {res.files} files, {res.payload_bytes / 1e6:.1f} MB\n"
        f"ledger head {head}\nmanifest SHA-256 {res.manifest_sha256}\n"
        f"check it with: disputedesk bundle verify {res.path}",
        highlight=False,
    )


@bundle_app.command("describe")
def bundle_describe(
    label: str = typer.Argument(..., help="Evidence number, e.g. E-0042."),
    title: str = typer.Option(None, "--title", help="Title in the evidence list."),
    proves_en: str = typer.Option(None, "--proves-en", help="What the item proves (English)."),
    proves_zh: str = typer.Option(None, "--proves-zh", help="证明目的（中文）."),
    translation_zh: str = typer.Option(None, "--translation-zh", help="A Chinese translation (marked not verified)."),
    certified: str = typer.Option(None, "--certified", help="Evidence number of a certified translation."),
    workspace: str = WorkspaceOpt,
    actor: str = typer.Option(None),
) -> None:
    """Describe an item for the evidence list (title, what it proves, translation); a ledger entry records it."""
    from ..services.bundle import set_note
    from ..services.context import default_actor

    ctx = open_context()
    try:
        set_note(
            ctx,
            ws_or_default(ctx, workspace),
            label,
            actor=actor or default_actor(),
            title=title,
            proves_en=proves_en,
            proves_zh=proves_zh,
            translation_zh=translation_zh,
            certified_translation=certified,
        )
    except (ValueError, LookupError) as exc:
        raise refused(exc) from exc
    out.print(f"{label.upper()}: described for the evidence list", highlight=False)


@bundle_app.command("verify")
def bundle_verify(
    path: Path = typer.Argument(..., help="The bundle ZIP."),
    bagit_check: bool = typer.Option(
        False, "--bagit", help="Also extract to a temporary folder and run the bagit library's validator."
    ),
    as_json: bool = typer.Option(False, "--json"),
    tsa_ca: Path = typer.Option(
        None,
        "--tsa-ca",
        help="The TSA's CA certificate (PEM) the bundle's timestamp tokens must chain to "
        "(default: DISPUTEDESK_TSA_CA, else the copy inside the bundle, named as such).",
    ),
) -> None:
    """Check a bundle offline (no database): names every changed, missing or added file and altered ledger
    entry, and checks its trusted timestamps (RFC 3161) against the chain."""
    import os

    from ..documents.bundle_verify import verify_bundle

    ca_path = tsa_ca or (Path(os.environ["DISPUTEDESK_TSA_CA"]) if os.environ.get("DISPUTEDESK_TSA_CA") else None)
    try:
        ca = ca_path.read_bytes() if ca_path else None
    except OSError as exc:
        raise fail(f"--tsa-ca {ca_path}: {exc.strerror}") from exc
    rep = verify_bundle(path, tsa_ca=ca)
    if rep.ok and bagit_check:
        problem = _bagit_validate(path)
        if problem:
            rep.problems.append(f"bagit validator: {problem}")
    if as_json:
        typer.echo(json.dumps(rep.as_dict(), ensure_ascii=False, indent=2))
    elif rep.ok:
        out.print(
            f"OK: {path} is intact — {rep.files} files ({rep.bytes} bytes), {rep.items} items, "
            f"{rep.ledger_entries} ledger entries\nledger head {rep.ledger_head} "
            "(compare it with the head the sender gave you separately)",
            highlight=False,
        )
        for t in rep.timestamps:
            out.print(f"trusted timestamp: {t}", highlight=False)
    else:
        for p in rep.problems:
            err.print(f"[bold red]problem:[/] {p}", highlight=False)
    if not as_json:
        for note in rep.notes:
            err.print(f"note: {note}", highlight=False)
        err.print(f"{len(rep.problems)} problem(s) in {path}", highlight=False)
    if not rep.ok:
        unusable = any(
            p.startswith(("unsafe archive", "not a bag", "archive cannot"))
            or "no such file" in p
            or "is empty (0 bytes)" in p
            for p in rep.problems
        )
        raise typer.Exit(2 if unusable else 1)


def _bagit_validate(path: Path) -> str | None:
    import tempfile
    import zipfile

    import bagit

    from ..ingest.archives import check_zip, read_member_bounded, stored_names

    infos = check_zip(path)
    with tempfile.TemporaryDirectory(prefix="dd-bundle-") as tmp, zipfile.ZipFile(path) as zf:
        root = Path(tmp)
        for info in infos:
            target = root / stored_names(info)[0]  # a name stored without the UTF-8 flag: its likeliest reading
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as f:
                for chunk in read_member_bounded(zf, info):
                    f.write(chunk)
        tops = [p for p in root.iterdir() if p.is_dir()]
        if len(tops) != 1:
            return "not one bag folder"
        try:
            bagit.Bag(str(tops[0])).validate()
        except bagit.BagError as exc:
            return str(exc)
    return None


def register(app: typer.Typer) -> None:
    app.add_typer(letter_app, name="letter")
    app.add_typer(bundle_app, name="bundle")
