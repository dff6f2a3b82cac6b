"""A page in Chinese is Chinese throughout: the sentences the code writes (deadline explanations,
the ladder's suggestion, issue texts, claim workings, SLA explanations, supplier warnings) come
in Chinese, citations in their Chinese form; the user's own English words are shown as written
and marked (``class="own"``, ``lang="en"``), never mixed in silently.

The check (``pages_support.foreign_sentences``) reads the visible text outside marked elements
and fails on English prose (two or more lower-case English words in a run).
"""

from __future__ import annotations

import re

from pages_support import foreign_sentences, visible


def _zh(client, path: str) -> str:  # type: ignore[no-untyped-def]
    r = client.get(path)
    assert r.status_code == 200, (path, r.text[:300])
    return r.text


def test_the_demo_case_page_in_chinese_has_no_english_sentence_written_by_the_code(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    case_id = c.get("/api/cases").json()[0]["id"]
    c.get("/lang/zh")
    html = _zh(c, f"/cases/{case_id}")
    assert foreign_sentences(html) == []
    text = " ".join(visible(html))
    # every citation the code writes has its Chinese form (none kept as English "to be translated")
    assert "英文原文" not in text
    assert "《中华人民共和国民法典》第五百零九条（协助义务" in text  # a ladder step's rule, remark included
    # deadlines: how each was counted, with the Chinese citation
    assert "当日不计入，自" in text and "《中华人民共和国民法典》第二百零一条" in text
    assert "诉讼时效中断，自次日起重新计算" in text
    # the suggested next step's reason and the issues' "why"
    assert "的答复未解决问题" in text
    assert "出卖人应当按照约定或者交易习惯向买受人交付使用说明书" in text
    # claim workings, amounts in the locale's money format
    assert "修理费用：€2,350.00" in text
    # the user's own English words are marked, not mixed in silently
    assert re.search(r'<span class="own" lang="en">refund of the height controller module', html)

    # The English page says the same in English.
    c.get("/lang/en")
    en = " ".join(visible(_zh(c, f"/cases/{case_id}")))
    assert "that day is not counted, counting starts" in en and "repair costs: €2,350.00" in en
    api = c.get(f"/api/cases/{case_id}").json()
    # the API keeps the English sentences (and ISO dates)
    assert any("that day is not counted" in e for d in api["deadlines"] for e in d["explanation"])


def test_sla_and_supplier_pages_in_chinese_have_no_english_sentence_written_by_the_code(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    c.get("/lang/zh")
    pages = {
        p: _zh(c, p)
        for p in (
            "/sla",
            "/sla/suppliers/ruifeng",
            "/sla/suppliers/hengtuo",
            "/requests",
            "/requests/SR-0001",
            "/requests/SR-0002",
            "/requests/SR-0003",
            "/suppliers",
            "/suppliers/ruifeng",
            "/suppliers/hengtuo",
        )
    }
    assert {p: foreign_sentences(h) for p, h in pages.items() if foreign_sentences(h)} == {}
    sla = " ".join(visible(pages["/requests/SR-0002"]))
    # the supplier's calendar and "received outside working time", in Chinese, in the supplier's zone
    assert "周一至周五 09:00-12:00、13:00-18:00" in sla and "法定日历：中国内地" in sla
    assert "在工作时间以外收到；自下一个工作时段开始时起算，即 2026年3月30日 09:00（Asia/Shanghai）" in sla
    ruifeng = " ".join(visible(pages["/suppliers/ruifeng"]))
    assert "发件人域名“ruifenglasser.com”看起来像供应商的“ruifenglaser.com”" in ruifeng  # payment warning
    assert "已超过365天（内部规定），请重新核查" in ruifeng  # due-diligence gap
    assert "下一级：技术支持工程师（Wang Lei）" in ruifeng  # whom to contact next, and why
    hengtuo = " ".join(visible(pages["/suppliers/hengtuo"]))
    assert "第3-8位：行政区划 330206 代码使用于 1985-1986 年（此后已撤销）" in hengtuo  # USCC note

    c.get("/lang/en")
    en = " ".join(visible(_zh(c, "/suppliers/ruifeng")))
    assert "the sender's domain 'ruifenglasser.com' looks like the supplier's 'ruifenglaser.com'" in en
    assert "next level: support engineer (Wang Lei)" in en


def test_evidence_mail_and_contract_pages_in_chinese_mark_the_users_words_and_translate_the_rest(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    case_id = c.get("/api/cases").json()[0]["id"]
    c.get("/lang/zh")
    # the ladder's channel column: the way of sending in Chinese, what the user added kept as typed (its
    # brackets full-width, no space before them)
    case = _zh(c, f"/cases/{case_id}")
    assert "<td>电子邮件</td>" in case and "<td>电子邮件（EN/ZH）</td>" in case
    # a message taken out of a chat export is "第2条消息", the file's name is the user's
    evidence = _zh(c, "/evidence?q=WhatsApp")
    assert re.search(r'<span class="own" lang="en">WhatsApp Chat mit Kevin Liu\.txt</span>（第\d+条消息）', evidence)
    assert "[message" not in " ".join(visible(evidence))
    # thread subjects and bodies are the user's English, marked
    thread = _zh(c, "/threads/4")
    assert '<span class="own" lang="en">' in thread and foreign_sentences(thread) == []
    # the contract check: the score explained in Chinese, the contract's own vague words quoted and marked
    report = _zh(c, "/contracts/E-0003")
    text = " ".join(visible(report))
    assert "15 分，支持条款中每个模糊用语扣 3 分（发现 4 个）" in text
    assert '用语模糊“<span class="own" lang="en">when necessary</span>”' in report
    assert foreign_sentences(report) == []


def test_an_upload_report_in_chinese_says_why_a_file_was_not_kept_in_chinese(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    c.get("/lang/zh")
    assert c.post("/evidence/upload", files=[("files", ("note.txt", b"the machine stopped"))]).status_code == 200
    r = c.post(
        "/evidence/upload", files=[("files", ("again.txt", b"the machine stopped")), ("files", ("empty.txt", b""))]
    )
    text = " ".join(visible(r.text))
    assert "与 E-0001 内容完全相同：不重复保存" in text and "空文件（0 字节）：无可保存内容" in text
    assert foreign_sentences(r.text) == []


def test_a_form_refused_by_a_type_check_says_why_in_chinese_naming_the_field(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    c.get("/lang/zh")
    r = c.post("/access/share", data={"label": "counsel", "days": "two weeks"})
    assert r.status_code == 422
    text = " ".join(visible(r.text))
    assert "不是整数" in text and "请检查请求内容" not in text
    # the field and the reason joined as Chinese is written: a full-width colon
    assert "天：不是整数" in text and "天: " not in text
    assert foreign_sentences(r.text) == []
    # the API keeps its English, machine-readable answer
    api = c.post("/api/cases", json={"title": 5})
    assert api.status_code == 422 and api.json()["field"] == "title"


def test_a_share_link_for_a_case_that_does_not_exist_is_refused_in_the_page_language(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    c.get("/lang/zh")
    form = {"label": "counsel", "days": "14", "case": "CASE-2026-999"}
    r = c.post("/access/share", data=form)
    text = " ".join(visible(r.text))
    assert r.status_code == 400 and "案件：" in text and "中没有案件" in text and "CASE-2026-999" in text
    assert "no case" not in text and foreign_sentences(r.text) == []
    c.get("/lang/en")
    r = c.post("/access/share", data=form)
    assert r.status_code == 400 and "case: no case &#39;CASE-2026-999&#39; in" in r.text
