"""Extract the forum and the law from clause sentences: arbitration or courts (institution, seat, language of the
proceedings, number of arbitrators, negotiation first), governing law (and whether the CISG applies), and which
language version prevails.

Split out of values.py by use case (DESIGN.md: modules of about 600 lines at most); pure, no I/O. Values are
JSON-ready dicts (values.Value).
"""

# ruff: noqa: E501 - tables of regular expressions and bilingual texts read better unbroken

from __future__ import annotations

import re

from .values import Value

I = re.IGNORECASE  # noqa: E741


# ------------------------------------------------------------------ arbitration / courts
_INSTITUTIONS: tuple[tuple[str, str], ...] = (
    (r"China International Economic and Trade Arbitration Commission|\bCIETAC\b|中国国际经济贸易仲裁委员会|贸仲", "CIETAC"),
    (r"Shanghai International (?:Arbitration Cent(?:er|re)|Economic and Trade Arbitration Commission)|\bSHIAC\b|"
     r"上海国际(?:经济贸易)?仲裁(?:中心|委员会)", "SHIAC"),
    (r"Shenzhen Court of International Arbitration|\bSCIA\b|深圳国际仲裁院|华南国际经济贸易仲裁委员会", "SCIA"),
    (r"Beijing (?:International )?Arbitration (?:Commission|Cent(?:er|re))|\bBAC\b|北京仲裁委员会|北京国际仲裁中心", "BAC"),
    (r"Hong Kong International Arbitration Cent(?:er|re)|\bHKIAC\b|香港国际仲裁中心", "HKIAC"),
    (r"Singapore International Arbitration Cent(?:er|re)|\bSIAC\b|新加坡国际仲裁中心", "SIAC"),
    (r"International Chamber of Commerce|\bICC\b|国际商会", "ICC"),
    (r"London Court of International Arbitration|\bLCIA\b|伦敦国际仲裁院", "LCIA"),
    (r"Stockholm Chamber of Commerce|\bSCC\b", "SCC"),
    (r"American Arbitration Association|\bAAA\b|International Centre for Dispute Resolution|\bICDR\b", "AAA/ICDR"),
    (r"\bJAMS\b", "JAMS"),
    # Asian International Arbitration Centre (Kuala Lumpur), formerly the KLRCA (val22)
    (r"Asian International Arbitration Cent(?:er|re)|\bAIAC\b|Kuala Lumpur Regional Cent(?:er|re) for Arbitration|"
     r"\bKLRCA\b", "AIAC"),
    (r"Vienna International Arbitral Cent(?:er|re)|\bVIAC\b", "VIAC"),
    (r"German Arbitration Institute|\bDIS\b", "DIS"),
)  # fmt: skip
_RE_INSTITUTION_GENERIC = re.compile(
    r"(?P<zh>[\u4e00-\u9fff]{2,14}仲裁(?:委员会|院|中心))|"
    r"(?P<en>(?:[A-Z][A-Za-z&.']*\s+){1,6}(?:Arbitration|Arbitral)\s+(?:Commission|Cent(?:er|re)|Court|Institute|"
    r"Association|Chamber|Board))"
)
_CITIES = {"上海": "Shanghai", "北京": "Beijing", "深圳": "Shenzhen", "广州": "Guangzhou", "香港": "Hong Kong",
           "杭州": "Hangzhou", "天津": "Tianjin", "南京": "Nanjing", "苏州": "Suzhou", "武汉": "Wuhan",
           "重庆": "Chongqing", "成都": "Chengdu", "西安": "Xi'an", "厦门": "Xiamen", "宁波": "Ningbo",
           "青岛": "Qingdao", "新加坡": "Singapore", "伦敦": "London", "巴黎": "Paris", "斯德哥尔摩": "Stockholm",
           "日内瓦": "Geneva", "苏黎世": "Zurich", "维也纳": "Vienna", "东莞": "Dongguan", "佛山": "Foshan"}  # fmt: skip
_EN_CITIES = ("Shanghai", "Beijing", "Shenzhen", "Guangzhou", "Hong Kong", "Hangzhou", "Tianjin", "Nanjing",
              "Suzhou", "Wuhan", "Chongqing", "Xiamen", "Ningbo", "Qingdao", "Singapore", "London", "Paris",
              "Stockholm", "Geneva", "Zurich", "Vienna", "New York", "Frankfurt", "Munich", "Dubai", "Seoul",
              "Tokyo")  # fmt: skip
_RE_SEAT_EN = re.compile(
    # read in dispute-resolution clauses only, so "The seat shall be Beijing." there is the seat of arbitration
    # or after a colon ("Seat of arbitration: Singapore.")
    r"\b(?i:seat|place|venue|location)(?:(?:\s+of\s+(?:the\s+)?(?i:arbitration))?\s+(?:shall\s+be|is|will\s+be)\s+|"
    r"\s+of\s+(?:the\s+)?(?i:arbitration)\s*[:：]\s*)(?:in\s+)?"
    r"(?:the\s+city\s+of\s+)?(?P<seat>[A-Z][A-Za-z'.]+(?:[ ,]+[A-Z][A-Za-z'.]+){0,3})"
)
_RE_SEAT_EN2 = re.compile(
    r"\b(?:arbitrat\w*|held|conducted|seated|take\s+place)\b[^.;]{0,160}?\b(?:in|at)\s+(?:the\s+city\s+of\s+)?"
    r"(?P<seat>" + "|".join(_EN_CITIES) + r")\b"
)
_RE_SEAT_ZH = re.compile(
    r"仲裁地(?:点)?(?:应|应当|将)?(?:为|是|在|：|:)\s*(?:中国)?(?P<seat>[\u4e00-\u9fff]{2,5}?)(?:市|[，。；,、]|$)|在(?:中国)?(?P<seat2>[\u4e00-\u9fff]{2,3}?)(?:市)?(?:进行)?仲裁|"
    r"仲裁委员会(?P<seat3>[\u4e00-\u9fff]{2,3}?)分会|"
    # "仲裁在深圳进行", "以香港为仲裁地"
    r"仲裁(?:应|应当|将)?在(?:中国)?(?P<seat4>[\u4e00-\u9fff]{2,3}?)(?:市)?进行|以(?:中国)?(?P<seat5>[\u4e00-\u9fff]{2,5}?)(?:市)?为仲裁地"
)
# a seat in a city of any name after "seated in", "take place in", "be held in" ("seated in Kuala Lumpur",
# "The arbitration shall take place in Helsinki, Finland"); a language or "accordance" is no place
_RE_SEAT_EN3 = re.compile(
    r"\b(?:seated|take\s+place|be\s+held)\s+in\s+(?:the\s+city\s+of\s+)?"
    r"(?!(?:English|Chinese|German|French|Spanish|Accordance|The|Such|Any|Private|Camera)\b)"
    r"(?P<seat>[A-Z][a-z][A-Za-z'.]*(?:\s+[A-Z][a-z][A-Za-z'.]*)?)"
)
_LANGS = {"english": "English", "chinese": "Chinese", "german": "German", "french": "French", "spanish": "Spanish",
          "中文": "Chinese", "汉语": "Chinese", "英文": "English", "英语": "English", "德文": "German"}  # fmt: skip
_RE_ARB_LANG = re.compile(
    r"\b(?:arbitration|arbitral proceedings?|proceedings?)\b[^.;]{0,80}?\b(?:conducted|held|carried out)\s+in\s+(?:the\s+)?"
    r"(?P<l1>English|Chinese|German|French|Spanish)\b|\blanguage\s+(?:of|for|to be used in)\s+(?:the\s+)?"
    r"(?:arbitration|proceedings?)(?:\s+(?:shall\s+be|is|will\s+be)\s+|\s*[:：]\s*)(?P<l2>English|Chinese|German|French|Spanish)\b|"
    r"仲裁(?:语言|所用语言|使用的语言)[^。；]{0,6}?(?P<l3>中文|英文|汉语|英语)|以(?P<l4>中文|英文|汉语|英语)(?:进行)?仲裁|"
    r"仲裁[^。；]{0,20}(?:使用|采用|以)(?P<l5>中文|英文|汉语|英语)|"
    # in a dispute-resolution clause: "The language to be used shall be English.", "使用语言为英文。"
    r"\blanguage\b(?:\s+(?:to\s+be\s+)?used)?[^.;]{0,30}?\b(?:shall\s+be|is|will\s+be)\s+(?P<l6>English|Chinese|German|French|"
    r"Spanish)\b|(?:语言|语种)(?:应)?(?:为|是|采用|使用)\s*(?P<l7>中文|英文|汉语|英语)|"
    # "seated in London in English", "arbitration in English in Singapore", "the arbitral proceedings shall be in
    # English" (not "in English law")
    r"\b(?:arbitrat\w*|seated|proceedings?)\b[^.;]{0,80}?\bin\s+(?:the\s+)?(?P<l8>English|Chinese|German|French|"
    r"Spanish)\b(?!\s+(?:law|courts?))|"
    # "English shall be the language of the arbitration"
    r"\b(?P<l9>English|Chinese|German|French|Spanish)\s+(?:shall\s+be|is|will\s+be)\s+the\s+language\s+(?:of|for|used\s+in)"
    r"\s+(?:the\s+)?(?:arbitrat\w*|proceedings?)",
    I,
)
# the language of every proceeding under the contract, in a clause of its own ("15. Language: The language of all
# proceedings under this Contract shall be English.", "与本合同有关的一切程序均使用中文"): the arbitration's language too
_RE_ALL_PROCEEDINGS_LANG = re.compile(
    r"\blanguage\s+(?:of|for|used\s+in)\s+(?:all|any)\s+(?:legal\s+|arbitral\s+|dispute\s+resolution\s+)?proceedings\b"
    r"[^.;]{0,60}?\b(?:shall\s+be|is|will\s+be)\s+(?P<l1>English|Chinese|German|French|Spanish)\b|"
    r"\b(?:all|any)\s+(?:legal\s+|arbitral\s+|dispute\s+resolution\s+)?proceedings\b[^.;]{0,60}?\b(?:conducted|held|"
    r"carried\s+out)\s+in\s+(?:the\s+)?(?P<l2>English|Chinese|German|French|Spanish)\b|"
    r"(?:一切|所有|任何)(?:争议解决|法律)?程序[^。；]{0,10}?(?:均)?(?:应)?(?:使用|采用|以)(?P<l3>中文|英文|汉语|英语)",
    I,
)


def proceedings_language(text: str) -> str | None:
    """The language a clause sets for every proceeding under the contract, arbitration included."""
    m = _RE_ALL_PROCEEDINGS_LANG.search(text)
    if m is None:
        return None
    raw = next(g for g in m.groups() if g)
    return _LANGS.get(raw.lower(), _LANGS.get(raw, raw))


_RE_ARBITRATORS = re.compile(
    r"\b(?P<one>sole|single|one(?:\s*\(1\))?)\s+arbitrator\b|\b(?P<three>three|3)(?:\s*\(3\))?\s+arbitrators\b|"
    r"\bnumber\s+of\s+arbitrators\s+(?:shall\s+be|is)\s+(?:(?P<one2>one|1)|(?P<three2>three|3))\b|"
    r"(?P<zh1>独任仲裁员|一名仲裁员)|(?P<zh3>三名仲裁员|三人仲裁庭|三位仲裁员)|"
    r"仲裁员(?:的)?人数(?:应|应当)?(?:为|是)\s*(?:(?P<zh1b>一|1)|(?P<zh3b>三|3))\s*(?:名|人|位)",
    re.IGNORECASE,
)
_RE_COURT = re.compile(
    r"\bcourts?\s+(?:of|in|located in|sitting in)\s+(?:the\s+)?(?P<c>[A-Z][A-Za-z.' ]{2,50}?)(?=[,.;)]|\s+(?:shall|will|and|for|to|with|have|has)\b)|"
    r"(?P<zh>[\u4e00-\u9fff]{0,12}人民法院)"
)
_RE_ARBITRATION = re.compile(r"\barbitrat\w*|仲裁", I)
_RE_AMICABLE = re.compile(
    r"友好协商|协商解决|amicabl\w*|friendly\s+(?:consultation|negotiation)s?|good[- ]faith\s+negotiation\w*|"
    r"negotiat\w*\s+in\s+good\s+faith|mutual\s+consultation",
    I,
)


def arbitration(sentence: str) -> Value:
    v: Value = {}
    if _RE_ARBITRATION.search(sentence):
        v["mechanism"] = "arbitration"
    for rx, name in _INSTITUTIONS:
        m = re.search(rx, sentence)
        if m:
            v["institution"] = name
            v["institution_text"] = m.group(0)
            break
    else:
        g = _RE_INSTITUTION_GENERIC.search(sentence)
        if g:
            name = (g.group("zh") or g.group("en")).strip()
            if g.group("zh"):
                # "双方同意将争议提交上海仲裁委员会": the name starts after the verb
                tail = re.split(r"提交|交由|申请|向|到|至|由|将", name)[-1]
                name = tail if len(tail) >= 5 else name
            v["institution"] = name
            v["institution_text"] = name
    m = _RE_SEAT_EN.search(sentence)
    seat = None
    if m:
        seat = m.group("seat").strip(" ,.")
    else:
        m2 = _RE_SEAT_EN2.search(sentence) or _RE_SEAT_EN3.search(sentence)
        if m2:
            seat = m2.group("seat").strip(" .")
        else:
            m3 = _RE_SEAT_ZH.search(sentence)
            if m3:
                raw = next(g for g in m3.groups() if g)
                seat = _CITIES.get(raw, raw)
    if seat is None and "institution_text" in v:
        inst = v["institution_text"]
        for zh, en in _CITIES.items():
            if inst.startswith(zh):
                seat = en
                break
        sub = re.search(
            r"(?:CIETAC|中国国际经济贸易仲裁委员会)\s*(?:\(|（)?\s*([A-Z][a-z]+|[\u4e00-\u9fff]{2,3})\s*(?:Sub-?Commission|分会|中心)",
            sentence,
        )
        if sub:
            seat = _CITIES.get(sub.group(1), sub.group(1))
    if seat:
        v["seat"] = seat
    m = _RE_ARB_LANG.search(sentence)
    if m:
        raw = next(g for g in m.groups() if g)
        v["language"] = _LANGS.get(raw.lower(), _LANGS.get(raw, raw))
    m = _RE_ARBITRATORS.search(sentence)
    if m:
        v["arbitrators"] = 1 if (m.group("one") or m.group("one2") or m.group("zh1") or m.group("zh1b")) else 3
    m = _RE_COURT.search(sentence)
    if m:
        v["mechanism"] = v.get("mechanism", "courts")
        v["courts"] = (m.group("c") or m.group("zh")).strip()
    if _RE_AMICABLE.search(sentence):
        v["negotiation_first"] = True
    return v


# ------------------------------------------------------------------ governing law
_RE_LAW_EN = re.compile(
    r"\blaws?\s+of\s+(?:the\s+)?(?P<j>(?:State|Commonwealth|Province|Republic|People'?s\s+Republic|Kingdom|Federal\s+Republic|"
    r"Hong\s+Kong\s+Special\s+Administrative\s+Region)\s+of\s+[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,2}|"
    r"[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,3})"
)
_RE_LAW_ZH = re.compile(
    r"(?:适用|依照|依据|按照|受|准据法(?:为|是))(?P<j>中华人民共和国|中国|[\u4e00-\u9fff]{2,10}?)(?:的)?(?:法律|法)|"
    r"以(?P<j2>中华人民共和国|中国|[\u4e00-\u9fff]{2,10}?)(?:的)?(?:法律|法)为(?:准据法|管辖法律|适用法律)"
)
_RE_CISG = re.compile(
    r"United Nations Convention on Contracts for the International Sale of Goods|\bCISG\b|\bVienna Convention\b|"
    r"联合国国际货物销售合同公约",
    I,
)
_RE_CISG_EXCLUDED = re.compile(r"\bnot\s+(?:apply|be applicable|govern)|\bexclud\w*|\bshall not\b|不适用|排除", I)
_LAW_STOP = {"Agreement", "This", "Such", "Any", "Each", "The", "Section", "Article", "Party", "Parties", "Contract"}
# a law named by its adjective or place in a governing-law sentence: "governed by English law", "subject to Swiss law",
# "Singapore law shall govern", "New York law" (case-sensitive: "applicable law" is none)
_RE_LAW_ADJ = re.compile(r"\b(?P<j>(?:[A-Z][a-z]+\s+)?[A-Z][a-z]+|PRC|UK|US)\s+law\b")
_ADJ_STOP = _LAW_STOP | {"Applicable", "Governing", "Mandatory", "Local", "Proper", "Relevant", "Such"}


def governing_law(sentence: str) -> Value:
    v: Value = {}
    m = _RE_LAW_EN.search(sentence)
    if m:
        j = re.sub(
            r"\s+(?:Without|Excluding|And|As|In|Applicable|Except|Other|But|That|Which|Shall|To)\b.*$", "", m.group("j")
        )
        if j.split()[0] not in _LAW_STOP:
            v["law"] = j.strip()
    elif (a := _RE_LAW_ADJ.search(sentence)) and not set(a.group("j").split()) & _ADJ_STOP:
        v["law"] = a.group(0)
    else:
        mz = _RE_LAW_ZH.search(sentence)
        zh = (mz.group("j") or mz.group("j2")) if mz else None
        if zh and zh not in ("相关", "有关", "本", "上述"):
            v["law"] = zh
    if _RE_CISG.search(sentence):
        v["cisg"] = "excluded" if _RE_CISG_EXCLUDED.search(sentence) else "applies"
    return v


# ------------------------------------------------------------------ prevailing language
_RE_PREVAIL_EN = re.compile(
    r"\b(?P<l>English|Chinese|German|French|Spanish)\s+(?:language\s+)?(?:version|text|original)\b[^.;。；]{0,80}\b"
    r"(?:prevail|govern|control)\w*|\b(?:prevail|govern|control)\w*\b[^.;。；]{0,30}\b(?P<l2>English|Chinese)\b|"
    r"\bin\s+the\s+(?P<l3>English|Chinese)\s+language\s+(?:only|which\s+shall\s+(?:be\s+controlling|prevail|control))",
    I,
)
_RE_PREVAIL_ZH = re.compile(
    r"以(?P<l>中文|英文|汉语|英语)(?:文本|版本)?为准|(?P<l2>中文|英文|汉语|英语)(?:文本|版本)[^。；]{0,10}为准"
)
_RE_EQUAL = re.compile(
    r"\bequally\s+(?:authentic|valid|binding)\b|\bequal\s+(?:legal\s+)?(?:effect|force|validity|authenticity)\b|同等(?:法律)?效力",
    I,
)


def prevailing_language(sentence: str) -> Value:
    v: Value = {}
    m = _RE_PREVAIL_EN.search(sentence) or _RE_PREVAIL_ZH.search(sentence)
    if m:
        raw = next(g for g in m.groups() if g)
        v["prevailing"] = _LANGS.get(raw.lower(), _LANGS.get(raw, raw))
    elif _RE_EQUAL.search(sentence):
        v["prevailing"] = None
        v["equal_versions"] = True
    return v
