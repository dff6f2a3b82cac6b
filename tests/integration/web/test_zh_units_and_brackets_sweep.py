"""Chinese pages: seconds, a clause reference, counts and asides in Chinese form (quality sweep).

The deadline's explanation on a support request's page gave the business time counted in seconds as "(3468000 s)"
and its tooltips "… s"; the drafted support terms named their clause in ASCII brackets: "3 个工作日 (条款 3.2)"; the
evidence filter counted "往来函件 (77)" and the buyer's page gave a contact's role as "(Managing Director)". A
Chinese page now writes 秒 and full-width brackets; the English page is unchanged."""

from __future__ import annotations

import re

from pages_support import visible


def test_the_business_time_counted_is_in_seconds_in_chinese(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    html = c.get("/requests/SR-0002?lang=zh").text
    text = " ".join(visible(html))
    assert re.search(r"（\d+ 秒）", text), re.findall(r".{30}\d+ s\b.{5}", text)[:3]
    assert not re.search(r"\d s[）)]", text) and not re.search(r'title="\d+ s"', html)
    en = c.get("/requests/SR-0002?lang=en").text
    assert re.search(r"\(\d+ s\)", " ".join(visible(en))) and re.search(r'title="\d+ s"', en)


def test_a_drafted_terms_clause_is_in_full_width_brackets(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    zh = " ".join(visible(c.get("/contracts/E-0001?lang=zh").text))
    assert "（条款 3.2）" in zh, re.findall(r".{20}条款 3\.2.{5}", zh)
    assert "(条款" not in zh
    en = " ".join(visible(c.get("/contracts/E-0001?lang=en").text))
    assert "(clause 3.2)" in en


def test_counts_and_asides_after_a_word_are_in_full_width_brackets(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    evidence = " ".join(visible(c.get("/evidence?lang=zh").text))
    assert re.search(r"往来函件（\d+）", evidence) and not re.search(r"往来函件 \(", evidence), evidence[:300]
    buyer = "".join(visible(c.get("/buyer?lang=zh").text))
    assert "Katrin Albers（Managing Director (Geschäftsführerin)）" in buyer, buyer[:600]
    assert re.search(r"correspondence \(\d+\)", " ".join(visible(c.get("/evidence?lang=en").text)))
