"""A form sent back with a message keeps what was typed, without JavaScript.

A route that refuses a form renders the page again with ``posted = {"action": <the form's
action>, "values": {name: value}}``. :func:`refill` writes those values into that form of the
rendered page (``value`` of inputs, the text of a textarea, the selected option) and opens the
``<details>`` it sits in. ``static/app.js`` did this in the browser only, so without JavaScript
the typed values came back empty.

Hand-written on purpose: the page is our own template output (forms are not nested, attributes
are double-quoted), so a small scan is enough; an HTML rewriting library would re-serialise the
whole page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

_FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.S | re.I)
_ATTR = re.compile(r'\b([\w-]+)="([^"]*)"')
_INPUT = re.compile(r"<input\b[^>]*>", re.I)
_TEXTAREA = re.compile(r"(<textarea\b[^>]*>)(.*?)(</textarea>)", re.S | re.I)
_SELECT = re.compile(r"(<select\b[^>]*>)(.*?)(</select>)", re.S | re.I)
_OPTION = re.compile(r"<option\b[^>]*>", re.I)
_DETAILS = re.compile(r"<details\b[^>]*>|</details>", re.I)
_NOT_REFILLED = {"file", "password", "hidden", "checkbox", "radio", "submit", "button"}


def _attrs(tag: str) -> dict[str, str]:
    return {k.lower(): html.unescape(v) for k, v in _ATTR.findall(tag)}


_TAG = re.compile(r'<([\w-]+)((?:\s+[\w-]+(?:="[^"]*")?)*)\s*(/?)>$')
_ONE_ATTR = re.compile(r'\s+([\w-]+)(?:="[^"]*")?')


def _set_attr(tag: str, name: str, value: str | None) -> str:
    """The tag with ``name="value"`` (``""``: a bare ``name``; None: without it)."""
    m = _TAG.match(tag)
    if m is None:  # not a tag as our templates write them: left alone
        return tag
    kept = [a.group(0) for a in _ONE_ATTR.finditer(m.group(2)) if a.group(1).lower() != name]
    if value is not None:
        kept.append(f' {name}="{html.escape(value, quote=True)}"' if value else f" {name}")
    return f"<{m.group(1)}{''.join(kept)}{m.group(3)}>"


def _fill(form: str, values: Mapping[str, str]) -> str:
    def one_input(m: re.Match[str]) -> str:
        a = _attrs(m.group(0))
        name = a.get("name")
        if name not in values or a.get("type", "text").lower() in _NOT_REFILLED:
            return m.group(0)
        return _set_attr(m.group(0), "value", values[name])

    def one_textarea(m: re.Match[str]) -> str:
        name = _attrs(m.group(1)).get("name")
        if name not in values:
            return m.group(0)
        return m.group(1) + html.escape(values[name], quote=False) + m.group(3)

    def one_select(m: re.Match[str]) -> str:
        name = _attrs(m.group(1)).get("name")
        if name not in values:
            return m.group(0)

        def option(o: re.Match[str]) -> str:
            chosen = _attrs(o.group(0)).get("value") == values[name]
            return _set_attr(o.group(0), "selected", "" if chosen else None)

        return m.group(1) + _OPTION.sub(option, m.group(2)) + m.group(3)

    form = _INPUT.sub(one_input, form)
    form = _TEXTAREA.sub(one_textarea, form)
    return _SELECT.sub(one_select, form)


def refill(page: str, posted: Mapping[str, object] | None) -> str:
    """The page with the posted values written into the form they were sent from."""
    if not posted or not isinstance(posted.get("values"), Mapping):
        return page
    action = str(posted.get("action") or "")
    values = {k: v for k, v in posted["values"].items() if isinstance(v, str)}  # type: ignore[union-attr]
    edits: dict[int, tuple[int, str]] = {}  # start -> (end, new text), all in the page as rendered
    for m in _FORM.finditer(page):  # every posted form with that action (as app.js does)
        start_tag = _attrs(m.group(0)[: m.group(0).index(">") + 1])
        if start_tag.get("action") != action or start_tag.get("method", "get").lower() != "post":
            continue
        edits[m.start()] = (m.end(), _fill(m.group(0), values))
        opened: list[re.Match[str]] = []  # <details> still open where the form starts: opened
        for d in _DETAILS.finditer(page, 0, m.start()):
            if d.group(0).startswith("</"):
                if opened:
                    opened.pop()
            else:
                opened.append(d)
        for d in opened:
            if not re.search(r"\sopen(?=[\s>=])", d.group(0)):
                edits[d.start()] = (d.end(), _set_attr(d.group(0), "open", ""))
    out, pos = [], 0
    for start in sorted(edits):
        end, text = edits[start]
        out += [page[pos:start], text]
        pos = end
    return "".join(out) + page[pos:]
