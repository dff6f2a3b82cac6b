"""Every form of the app, submitted from the page as a person would (Chromium).

The forms are found on the pages themselves (a crawl from the navigation, one page of each kind),
on the demo and on an empty workspace, so a new form is covered without touching this test.
Each is sent once with plausible values (in English) and once with one empty or bad value (in
Chinese). What a person must never meet: a server error, raw JSON, an English message on a
Chinese page, or a form that forgets what was typed.

Left out on purpose: signing out, changing the password or a role, revoking (they end the session
or the access this test uses), and reading a mailbox over IMAP (no network in tests).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pages_support import shape

from disputedesk.web.i18n import english_prose

from .conftest import CLI, run_cli
from support import free_port

pytestmark = pytest.mark.e2e

SKIP_ACTIONS = re.compile(r"/logout|/login|/lang/|/access/role|/revoke|password|/imap|/sessions")
SKIP_LINKS = re.compile(
    r"^/(static|api|lang|logout|login)\b|/(original|download|searchable)\b|\.(pdf|docx|zip|ics|csv|eml|txt)$"
)
CJK = re.compile(r"[\u3400-\u9fff]")
UNCHECKED_JS = """f => f.querySelectorAll('[required],[pattern],[min],[max]').forEach(e => {
  for (const a of ['required', 'pattern', 'min', 'max']) e.removeAttribute(a) })"""
VALUES_JS = """(fs, action) => Object.fromEntries(fs
  .filter(f => (f.getAttribute('hx-post') || f.getAttribute('action')) === action)
  .flatMap(f => Array.from(f.elements).filter(e => e.name).map(e => [e.name, e.value])))"""
ERROR_SELECTOR = "[role=alert], .flash.error, p.error, .field-error, .errors li"

FORMS_JS = """() => Array.from(document.querySelectorAll('form')).map((f, i) => ({
  i,
  raw: f.getAttribute('hx-post') || f.getAttribute('action'),
  action: f.getAttribute('hx-post') || f.getAttribute('action') || location.pathname + location.search,
  method: (f.getAttribute('hx-post') ? 'post' : (f.getAttribute('method') || 'get')).toLowerCase(),
  fields: Array.from(f.elements).filter(e => e.name && !['hidden', 'submit', 'button', 'reset'].includes(e.type))
    .map(e => ({name: e.name, type: e.type || e.tagName.toLowerCase(), tag: e.tagName.toLowerCase(),
                inputmode: e.getAttribute('inputmode') || '', value: e.value || '', required: e.required})),
}))"""


def _serve(data: Path) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "DISPUTEDESK_DATA_DIR": str(data), "DISPUTEDESK_DATABASE_URL": ""}
    port = free_port()
    proc = subprocess.Popen(
        [*CLI, "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    with httpx.Client(timeout=1) as client:
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if client.get(f"{base}/api/health").status_code == 200:
                    return proc, base
            except httpx.HTTPError:
                time.sleep(0.2)
    proc.kill()
    pytest.fail(f"server did not start: {proc.stdout.read() if proc.stdout else ''}")


@pytest.fixture(scope="module", params=["demo", "empty"])
def workspace(request, tmp_path_factory, demo_template) -> Iterator[dict[str, str]]:  # type: ignore[no-untyped-def]
    data = tmp_path_factory.mktemp(f"forms-{request.param}") / "data"
    if request.param == "demo":
        shutil.copytree(demo_template["data"], data)
        user, password = demo_template["user"], demo_template["password"]
    else:
        data.mkdir()
        env = {**os.environ, "DISPUTEDESK_DATA_DIR": str(data), "DISPUTEDESK_DATABASE_URL": ""}
        run_cli(env, "init", "--workspace", "empty", "--name", "Empty")
        user, password = "owner", "correct horse battery staple"
        subprocess.run(
            [*CLI, "user", "add", user, "--password-stdin", "--workspace", "empty", "--role", "owner"],
            env=env,
            input=password + "\n",
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
    proc, base = _serve(data)
    yield {"base": base, "user": user, "password": password, "kind": request.param}
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def _value(field: dict[str, str]) -> str | None:
    """A plausible value for a field, from its type and name (None: leave it as it is)."""
    name, kind = field["name"].lower(), field["type"]
    if field["value"] and kind not in ("file",):
        return None  # an edit form's stored value is plausible by definition
    if kind in ("checkbox", "radio", "select-one", "select-multiple", "file"):
        return None
    if kind == "date" or name.endswith(("_on", "_date")) or name in ("on", "since", "until", "date"):
        return "2026-11-02"
    if kind == "time":
        return "09:00"
    if kind == "datetime-local":
        return "2026-11-02T09:00"
    if kind == "email" or "email" in name:
        return "e2e@example.com"
    if kind == "url" or "url" in name or "website" in name:
        return "https://example.com"
    if kind == "password":
        return None
    if kind == "number":
        return "3"
    if re.search(
        r"amount|price|rate|value|window|days|months|percent|capital|hours|score|quality|support|documentation", name
    ):
        return "3"
    if re.search(r"currency|^base$|^quote$", name):
        return "EUR"
    if re.search(r"evidence|proof", name):
        return "E-0001"
    if name in ("tz", "timezone", "zone") or name.endswith("time_zone"):  # chat_time_zone on the upload form
        return "Europe/Berlin"
    if name == "uscc":
        return "91440300MA5DKR7T2J"
    if name in ("q", "query"):
        return "laser"
    return "E2E test value"


def _bad(fields: list[dict[str, str]]) -> tuple[str, str] | None:
    """The field to spoil and the bad value: a number field gets words, else a required text field is
    emptied (an optional one left empty is no mistake)."""
    texts = [f for f in fields if f["type"] in ("text", "textarea", "number", "email", "search", "url")]
    for f in texts:
        if f["type"] == "number":
            return f["name"], "-1"  # what a person can type into a number field that is still wrong
        if f["inputmode"] in ("numeric", "decimal") or re.search(r"amount|rate|days|months|percent|window", f["name"]):
            return f["name"], "abc"
    required = [f for f in texts if f.get("required")]
    return (required[0]["name"], "") if required else None


def _fill(form, fields: list[dict[str, str]], upload: Path, bad: tuple[str, str] | None) -> dict[str, str]:  # type: ignore[no-untyped-def]
    typed: dict[str, str] = {}
    for f in fields:
        loc = form.locator(f'[name="{f["name"]}"]').first
        if not loc.is_visible() and f["type"] != "file":
            continue
        if f["type"] == "file":
            loc.set_input_files(str(upload))
            continue
        if f["type"] == "select-one" and not f["value"]:
            options = loc.locator("option").evaluate_all("os => os.map(o => o.value).filter(v => v)")
            if options:
                loc.select_option(options[0])
            continue
        v = bad[1] if bad and f["name"] == bad[0] else _value(f)
        if v is None:
            continue
        loc.fill(v)
        if f["type"] in ("text", "textarea", "email", "search", "url", "number"):
            typed[f["name"]] = loc.input_value()  # as the field took it (a maxlength cuts it)
    return typed


def _submit(page, form, base: str, network: Network):  # type: ignore[no-untyped-def]
    """Submit like a click on the form's button; the response of the request it makes."""
    form.evaluate(UNCHECKED_JS)  # the server must answer a bad value itself
    with page.expect_response(
        lambda r: (
            r.url.startswith(base)
            and r.request.resource_type in ("document", "xhr", "fetch")
            and r.request.method in ("GET", "POST")
            and "/static/" not in r.url
        ),
        timeout=60_000,
    ) as info:
        form.evaluate("f => f.requestSubmit()")
    response = info.value
    page.wait_for_load_state("load")
    network.settle()
    return response


HTMX_BUSY = "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"


class Network:
    """The page's requests in flight. ``settle`` waits until htmx has swapped what it asked for and
    no request has been in flight for a moment: Playwright's "networkidle" with 0.15 s of quiet
    instead of 0.5 s (that half second, spent after every one of some 150 submissions, was most of
    this test's time)."""

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.in_flight: set[object] = set()
        self.last = time.monotonic()
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    def _started(self, request) -> None:  # type: ignore[no-untyped-def]
        self.in_flight.add(request)
        self.last = time.monotonic()

    def _ended(self, request) -> None:  # type: ignore[no-untyped-def]
        self.in_flight.discard(request)
        self.last = time.monotonic()

    def settle(self, quiet: float = 0.15, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        try:
            self.page.wait_for_function(HTMX_BUSY, timeout=timeout * 1000)
        except Exception:  # noqa: BLE001 - a page that keeps polling (a job's progress) is still a page
            return
        while time.monotonic() < deadline:
            if not self.in_flight and time.monotonic() - self.last >= quiet:
                return
            self.page.wait_for_timeout(25)  # lets Playwright deliver the page's request events


def _pages(page, limit: int = 45) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    shapes: set[str] = set()
    todo = ["/"]
    while todo and len(seen) < limit:
        path = todo.pop(0)
        if shape(path) in shapes:
            continue
        shapes.add(shape(path))
        page.goto(path)
        seen.append(path)
        for href in page.eval_on_selector_all("a[href^='/']", "as => as.map(a => a.getAttribute('href'))"):
            href = href.split("#")[0]
            if href and not SKIP_LINKS.search(href.split("?")[0]) and shape(href) not in shapes:
                todo.append(href)
    return seen


def test_every_form_is_submitted_with_good_and_bad_values(browser, workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    base = workspace["base"]
    upload = tmp_path / "e2e-note.txt"
    upload.write_text("Sales contract No. E2E-9\nThe Seller shall respond within 24 hours.\n", encoding="utf-8")
    ctx = browser.new_context(base_url=base, locale="en-GB", timezone_id="Europe/Berlin")
    page = ctx.new_page()
    network = Network(page)
    page.goto("/login")
    page.get_by_label("User name").fill(workspace["user"])
    page.get_by_label("Password").fill(workspace["password"])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/")

    forms: dict[str, tuple[str, int, list[dict[str, str]], str | None]] = {}
    for path in _pages(page):
        page.goto(path)
        for f in page.evaluate(FORMS_JS):
            if SKIP_ACTIONS.search(f["action"]):
                continue
            action = re.sub(r"/suppliers/[^/?]+", "/suppliers/#", shape(f["action"]))
            key = f"{f['method']} {action} " + ",".join(sorted(x["name"] for x in f["fields"]))
            forms.setdefault(key, (path, f["i"], f["fields"], f["raw"]))
    assert len(forms) >= (25 if workspace["kind"] == "demo" else 10), sorted(forms)

    problems: list[str] = []
    for key, (path, index, fields, raw_action) in sorted(forms.items()):
        is_get = key.startswith("get ")
        for lang, bad in (("en", None), ("zh", None if is_get else _bad(fields))):
            if lang == "zh" and bad is None:  # a search with an empty box is not a mistake
                continue
            # The language cookie, from the link the switch in the navigation follows (the page it
            # redirects to is not needed); the page must then come in that language.
            page.request.get(f"/lang/{lang}", max_redirects=0)
            page.goto(path)
            if not page.evaluate("document.documentElement.lang").startswith(lang):
                page.goto(f"/lang/{lang}")
                page.goto(path)
            form = page.locator("form").nth(index)
            form.evaluate(
                "f => { for (let d = f.closest('details'); d; d = d.parentElement.closest('details')) d.open = true }"
            )
            typed = _fill(form, fields, upload, bad)
            response = _submit(page, form, base, network)
            where = f"{key} ({lang}, from {path})"
            ctype = response.headers.get("content-type", "")
            body = page.inner_text("body").strip()
            if response.status >= 500:
                problems.append(f"{where}: {response.status}")
                continue
            if "json" in ctype or body.startswith(("{", "[")):
                problems.append(f"{where}: raw JSON {body[:120]!r}")
                continue
            if lang == "zh":
                errors = [t.strip() for t in page.locator(ERROR_SELECTOR).all_inner_texts() if t.strip()]
                # what the person typed, quoted back in the message, is their words, not the interface's
                said = list(errors)
                for v in sorted((v for v in typed.values() if v), key=len, reverse=True):
                    said = [e.replace(v, "") for e in said]
                if not errors:
                    problems.append(f"{where}: no message for the bad value {bad}")
                elif not any(CJK.search(e) for e in errors) or any(english_prose(e) for e in said):
                    problems.append(f"{where}: message not in Chinese: {errors[:2]}")
                kept = page.locator("form").evaluate_all(VALUES_JS, raw_action)
                lost = {n: v for n, v in typed.items() if v and kept.get(n) != v}
                if lost:
                    problems.append(f"{where}: the form forgot what was typed: {sorted(lost)}")
    ctx.close()
    assert problems == [], "\n".join(problems)
