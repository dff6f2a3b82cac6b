"""The checklist, contract kinds: change procedure, governing law, dispute resolution, prevailing
language, notices, inspection and acceptance, liquidated damages, liability cap, termination and
support after termination, each with its English and Chinese patterns (kinds.py explains how a
kind is found).

Split out of kinds.py (DESIGN.md: modules of about 600 lines at most); the order of the entries
is the order of the checklist, after the support kinds.
"""

# ruff: noqa: E501 - tables of regular expressions and bilingual texts read better unbroken

from __future__ import annotations

from .kinds_spec import UNILATERAL_CHANGE, KindSpec, _c

# the contract itself as the subject of a choice of law: "本合同适用", "本合同的订立、效力、解释、履行及争议解决均适用",
# "本协议受…管辖", "本合同（包括本合同项下的服务）适用", "本合同及乙方提供的服务均适用" — the contract, its legal aspects, a
# bracket or what is joined to it, then the verb
_CONTRACT_CHOOSES = (
    r"(?:本|该|此)?(?:合同|协议)(?:[的之、，,\s]|（[^）]{0,40}）|\([^)]{0,40}\)|(?:及|和|与|以及|包括|连同)[^。；，,适受]{0,20}|"
    r"订立|签订|签署|成立|效力|生效|有效性|"
    r"解释|履行|执行|变更|修改|补充|终止|解除|争议(?:的)?解决|争议|均|应|应当|并|亦)*(?:适用|受|依照|依据|按照|以)"
)

CONTRACT_SPECS: tuple[KindSpec, ...] = (
    KindSpec(
        "change_procedure",
        "Changes only in writing",
        "变更须书面",
        5,
        body=_c(
            # ... also the fees or service levels "adjusted"/"increased"/"changed" only in writing
            r"\b(?:amend\w*|modif\w*|chang(?:e|es|ed|ing)|variations?|supplement\w*|alter\w*|waiv\w*|adjust\w*|increas\w*|revis\w*)\b[^.;。；]{0,160}?\b(?:in writing|"
            r"written (?:agreement|instrument|amendment|consent|document)|writing signed|signed by (?:both|each|all|"
            r"the|duly|authori[sz]ed))",
            r"\bin writing\b[^.;。；]{0,60}\b(?:signed|executed)\b[^.;。；]{0,100}\b(?:amend|modif|chang|varia)",
            r"\bchange\s+(?:order|request|procedure|control|notice)s?\b",
            # US federal contracts: only the Contracting Officer may change the contract (the COR may not), and a change is
            # made by a (written, bilateral or unilateral) contract modification
            r"\bonly\s+(?:the|an?)\s+(?:duly\s+)?(?:appointed\s+|warranted\s+|authori[sz]ed\s+)?contracting\s+officers?\b[^.;。；]{0,100}"
            r"\b(?:chang\w*|modif\w*|amend\w*|alter\w*|deviat\w*|bind\w*)",
            r"\bcontracting\s+officers?\b[^.;。；]{0,60}\b(?:sole|only|exclusive)\b[^.;。；]{0,40}\b(?:authority|authori[sz]ed)\b"
            r"[^.;。；]{0,60}\b(?:chang\w*|modif\w*|amend\w*|alter\w*)",
            r"\b(?:COR|COTR|contracting\s+officer['’]?s?\s+(?:technical\s+)?representatives?)\b[^.;。；]{0,60}\b(?:not|no)\s+(?:\w+\s+)?"
            r"authori\w*\b[^.;。；]{0,60}\b(?:chang\w*|modif\w*|amend\w*|alter\w*)",
            r"\b(?:written|bilateral|unilateral|formal|supplemental)\s+(?:contract\s+)?modifications?\b|\bcontract\s+modifications?\b|"
            r"\bunilaterally\s+modified\b",
            r"(?:变更|修改|更改|补充|修订|调整)[^。；]{0,40}(?:书面|签字|签署|盖章|签章)",
            r"(?:书面|签字|签署|盖章)[^。；]{0,30}(?:变更|修改|更改|补充协议|修订)",
            # how the terms change, said of the agreement itself: a right reserved to change it, changes "from time to
            # time", notice before changes, or no change during the term
            r"保留[^。；]{0,20}(?:修改|变更|更改|修订|调整|更新)[^。；]{0,30}(?:权利|本协议|本合同|本条款|条款)",
            r"(?:随时|不时)[^。；]{0,6}(?:修改|变更|更改|修订|更新)[^。；]{0,4}(?:本协议|本合同|本条款|条款|协议)",
            r"(?:本协议|本合同|本条款|条款|服务级别协议|服务等级协议)[^。；]{0,20}(?:变更|修改|更改|变动|修订)[^。；]{0,30}(?:提前|事先)"
            r"[^。；]{0,10}通知|(?:本协议|本合同|本条款|条款)[^。；]{0,10}(?:不会|不得|均不|都不)[^。；]{0,6}(?:作|做)?(?:任何)?"
            r"(?:变动|变更|修改|更改)",
            r"\bnotice\b[^.;。；]{0,60}\bchanges?\s+to\s+(?:this|these|the)\s+(?:agreement|sla|terms|contract)\b",
            r"未经[^。；]{0,20}(?:同意|书面)[^。；]{0,20}(?:变更|修改|调整)",
            # a change made by a supplementary or change agreement signed for it ("如需调整，由双方另行签订补充协议", "任何改动，以双方
            # 签订的补充协议为准"); a change order and its procedure ("变更指示", "变更估价"); no side may alter the terms
            # ("任何一方不得对合同条款进行更改"); not an agreement on something else ("价格由双方另行签订采购协议")
            r"(?:变更|修改|更改|改动|变动|调整|修订)[^。；]{0,30}(?:签订|订立|签署|另订|另立)[^。；]{0,8}(?:补充协议|变更协议|修改协议|补充合同)|"
            r"(?:变更|修改|更改|改动|变动|调整|修订)[^。；]{0,20}以[^。；]{0,12}(?:补充协议|变更协议|书面协议|书面文件)为准|"
            r"变更(?:指示|指令|令|估价|程序|申请单|通知单|签证|确认单)|"
            r"不得[^。；，,]{0,10}(?:对|将)?(?:本)?(?:合同|协议)(?:条款|内容)?[^。；，,]{0,6}(?:进行)?(?:变更|修改|更改|改动)",
            r"(?:变更|修改)[^。；]{0,10}(?:须|应|需)[^。；]{0,6}(?:双方|协商一致)|擅自(?:变更|修改)",
            # a change of the fees, prices or terms agreed by both sides: "经双方协商一致，可以调整服务费", "服务费由双方协商调整",
            # "服务费的调整须经双方协商一致"; one side's right to change them alone ("甲方有权调整服务费") is no agreement (it is
            # flagged under UNILATERAL_CHANGE below)
            # (not "未能协商一致，甲方有权调整", "协商不成可调整": no agreement there)
            r"(?<!未能)(?<!不能)(?<!无法)(?<!未)协商一致(?:后|的)?[，,]?\s*(?:双方)?(?:可以|方可|可|均可|即可|予以|进行)?"
            r"(?:对[^。；，,有]{0,10}?)?(?:变更|修改|调整)|"
            r"(?:双方|各方)(?:应|可|可以|经|通过|友好)?协商(?:一致)?(?:后|的)?(?:可以|方可|可|予以|进行)?(?:调整|变更|修改)|"
            # both sides may change it ("双方可变更服务内容"): a change by agreement, not one side's right
            r"(?:双方|各方)(?:均)?(?:可以|可|有权)(?:共同)?(?:调整|变更|修改)|"
            r"调整[^。；]{0,10}?(?:须|应|需|必须|应当)?(?:经|由)(?:过)?(?:甲乙)?双方[^。；]{0,6}(?:协商|同意|确认|签署|书面|商定)",
            # ... and in English: "adjusted only by mutual agreement", "changed by agreement of both parties"
            r"\b(?:amend\w*|modif\w*|chang(?:e|es|ed|ing)|vari\w*|adjust\w*|alter\w*|increas\w*|revis\w*)\b[^.;。；]{0,60}?"
            r"\b(?:by|upon|with|through|under|requires?|subject\s+to)\s+(?:a\s+|the\s+)?(?:prior\s+)?(?:mutual(?:ly)?\b|"
            r"(?:written\s+)?(?:agreement|consent)\s+(?:of|between)\s+(?:both|all|the)\s+parties\b)",
            UNILATERAL_CHANGE.pattern,
            # how changed terms come into force or are announced (session 8): "修改后的条款自公布之日起生效", "更新后的协议一经
            # 发布即生效", "如我们对本条款作出重大更改，…通知您"; not a new software version ("更新后的软件版本将自动安装")
            r"(?:修改|修订|更新|变更|更改)(?:后|过)的(?:本|这些|该)?(?:服务|使用|用户)?(?:条款|协议|规则)[^。；]{0,30}(?:生效|公布|发布|公示|公告|适用|约束)|"
            r"对(?:本|这些|该|此)?(?:服务|使用|用户)?(?:条款|协议|合同)(?:作出|做出|进行|有)[^。；，,]{0,6}(?:修改|修订|更改|变更|更新)",
            # "matters not covered are settled by a supplementary agreement": changes by agreement
            r"(?:未尽事(?:宜|项)|未定事(?:宜|项)|未约定(?:或约定不明)?的?事(?:宜|项)|约定不明的?事(?:宜|项))[^。；]{0,40}(?:补充协议|补充协定|补充规定|补充条款|"
            r"另行签订|另立|另订|订立|另行约定|补充约定|协商确定|列明)",
            # changes by agreement: "经双方协商一致，可以变更本合同", a supplement having the contract's force
            r"协商一致[^。；]{0,10}(?:可以|方可|可)?(?:变更|修改|补充)(?:本合同|本协议|合同|协议)|补充协[议定][^。；]{0,20}(?:同等(?:的)?(?:法律)?效力|组成部分)",
            # a supplementary agreement that changes the contract; terms agreed anew
            r"(?:签订|签署|订立)补充协[议定][^。；]{0,20}(?:变更|修改|调整)|协商[^。；]{0,4}重新约定",
            # one side changing its tariff, prices or service terms with notice (a unilateral change, flagged)
            r"(?:调整|变更|修改)(?:资费|收费标准|价格|服务内容|服务条款)[^。；]{0,30}(?:告知|通知|公告)",
            # other terms the parties may add, set down in the remarks or a supplement ("其他约定事项，双方可在备注中列明"); the
            # heading "其他约定事项：" alone is a field, not a procedure
            r"(?:其他|其它)约定事项[^。；]{0,20}(?:列明|补充协议|另行约定|另行签订|补充约定|书面约定)",
            # the customer's right to change the work required during performance (a change order; Civil Code Art. 777:
            # "定作人中途变更承揽工作的要求"), or the service or work content by right
            # the agreement or its rules changed with notice given first ("修改其与商户的协议、交易规则…提前7日公示并通知")
            r"(?:修改|变更|修订)[^。；，,]{0,10}(?:协议|合同|条款|规则)[^。；]{0,30}(?:提前|事先)[^。；]{0,10}(?:通知|公示|公告)|"
            # the contract says when it may be changed ("本合同在下列情形下可以变更：")
            r"(?:本合同|本协议)[^。；，,]{0,10}(?<!不)(?:可以|方可|可)变更|"
            r"中途变更|(?:有权|可以|可)(?:随时)?变更[^。；，,]{0,8}(?:承揽|定作|服务|委托)?工作(?:的)?(?:要求|内容|范围)",
            # (session 10) how any contract changes, in the Civil Code's terms: with both sides' consent ("经甲乙双方同意，可以对本
            # 合同进行补充"; Art. 543; not a report "经双方确认无异议的，作为车况的补充"); the contract, its terms or the service changed only with the other side's consent
            # ("乙方变更服务内容的，须征得甲方同意"; not a person, an account or an address); the work's content, scope or
            # quantity changed and what follows for the fee or the time ("委托内容发生变更的，双方应另行协商确定费用和期限",
            # "工作量增加的，服务费用相应调整": the variation clause of service contracts); a change left unclear presumed not made
            # (Art. 544)
            r"经(?:甲乙双方|甲乙|合同双方|双方|各方)(?:书面)?(?:同意|确认|认可|商定)[^。；]{0,16}?(?:(?:可以|方可|可|均可|予以|进行)\s*"
            r"(?:变更|修改|补充|修订)|(?:变更|修改|补充|修订)(?:本合同|合同|本协议|协议|条款|合同内容|服务内容))",
            r"(?:变更|调整|修改|更改)(?:本合同|合同|本协议|协议|服务内容|服务项目|服务范围|服务标准|服务方式|委托内容|委托事项|委托范围|"
            r"工作内容|工作范围|合同内容|约定|条款|收费标准)[^。；]{0,20}?(?:须|应|需|必须|应当)?(?:事先|预先)?(?:征得|取得|经|经过)"
            r"[^。；，,]{0,10}(?:同意|认可|确认|批准)",
            r"(?:(?:委托|服务|工作|测绘|鉴定|咨询|检测|评估|设计|监理)(?:内容|范围|事项|项目|要求)|工作量)(?:发生)?(?:变更|变化|调整|增加|减少|增减)"
            r"[^。；]{0,30}?(?:(?:费用|价款|报酬|酬金|服务费|期限|工期)[^。；]{0,10}(?:相应|另行|协商|调整|顺延|增减)|"
            r"(?:相应|另行|协商)[^。；]{0,10}(?:费用|价款|报酬|酬金|服务费|期限|工期))",
            r"变更的内容约定不明确|推定为未变更",
        ),
        # a party's new address or contact person is a notice duty, not a change of the contract
        exclude=_c(
            r"(?:联系|通信|通讯|通迅|地址|联系人|电话|邮箱|账户|账号|开户)[^。；]{0,15}(?:发生)?(?:变更|改变|更改)",
            r"(?:变更|改变|更改)(?:其)?(?:收款|付款|银行|结算)?(?:联系|通信|通讯|地址|联系人|电话|邮箱|账户|账号|开户|名称|住所)",
            r"\b(?:contact|address|addresses|bank account)\b[^.;]{0,40}\bchange",
        ),
        triggers=tuple(
            (
                "未尽事宜 约定不明 未约定 协商一致 amend modif vary revise reserve entitled update 擅自 单方 更改 变动 保留 notice writing written signed "
                "change 变更 修改 补充 修订 调整 书面 签字 盖章 签章 签署 重新约定 未尽事项 补充协定 有权 上调 提高 increase adjust 约定事项 "
                "未定事 chang increas alter revis vari 改动 更新 继续使用 继续访问 变化 增减 工作量 推定"
            ).split()
        ),
        baseline=("amend", "变更"),
    ),
    KindSpec(
        "governing_law",
        "Governing law",
        "适用法律",
        5,
        body=_c(
            r"\bgoverned\s+(?:by|under)\b[^.;。；]{0,60}\blaws?\b",
            r"\bconstrued\b[^.;。；]{0,80}\b(?:in accordance with|under|pursuant to|by)\b[^.;。；]{0,40}\blaws?\b",
            r"\bgoverning\s+law\b|\bchoice\s+of\s+law\b|\bproper\s+law\b",
            r"\blaws?\s+of\b[^.;。；]{0,60}\bshall\s+(?:govern|apply|be applicable)\b",
            r"\b(?:subject|pursuant)\s+to\s+the\s+laws?\s+of\b",
            # "This Agreement is subject to English law" (a named law: "subject to applicable law" is none)
            r"\b(?:subject|pursuant)\s+to\s+(?-i:[A-Z][a-z]+|PRC|UK|US)\s+law\b",
            # not a law applying to people: "Singapore law applies to the Supplier's staff" (val22); nor one for the
            # services only, "Singapore law applies to the Services", "English law shall govern the Services" (fix23: it
            # leaves the rest of the contract without a stated law)
            r"\b(?:[A-Z][a-z]+|PRC|UK|US)\s+law\s+(?:shall\s+)?(?:applies|apply|governs|shall\s+govern)\b"
            r"(?!\s+(?:to\s+)?(?:the\s+|its\s+|their\s+)?(?:[\w'’]+\s+){0,2}(?:staff|employ\w*|personnel|workers?|"
            r"workforce|labou?r|persons?|people|individuals?|officers?|directors?|agents?|services?|works)\b)",
            r"适用(?:于)?(?:中华人民共和国|中国|[^。；，,]{1,15}的?)(?:法律|法)",
            r"(?:受|依照|依据|按照)[^。；]{0,20}法律(?:管辖|解释|约束)",
            r"法律适用|适用法律|管辖法律|准据法",
        ),
        heading=_c(r"\bgoverning law\b|\bapplicable law\b|法律适用|适用法律"),
        # a law the supplier's people must obey, or that governs their employment, the work on site or the services
        # only, is not the contract's choice of law (fix23): "乙方派驻人员受新加坡法律约束", "适用于乙方员工的法律为新加坡
        # 法律", "乙方员工在现场工作期间适用当地劳动法规", "本合同项下的服务适用新加坡法律" — unless the sentence also has
        # the contract itself choose its law ("本合同的订立、效力、解释…适用…", "本合同（包括其项下的服务）适用…")
        exclude=_c(
            rf"^(?!.*{_CONTRACT_CHOOSES}).*(?:"
            r"(?:人员|员工|雇员|职工|工人|劳动者|劳务|雇佣|用工|劳动关系|劳动合同)[^。；，,]{0,20}"
            r"(?:适用|受|遵守|遵循|依照|依据|按照)[^。；，,]{0,20}(?:法律|法规|法)|"
            r"适用于[^。；，,]{0,15}(?:人员|员工|雇员|职工|工人|劳动者)[^。；，,]{0,6}的(?:法律|法)|"
            r"(?:服务|工作|施工|安装|作业)(?:均|应|应当|亦|也|须|必须)?(?:适用|受)[^。；，,]{0,20}(?:法律|法规|法))",
        ),
        triggers=(
            "law",
            "法",
        ),
        baseline=("governing law", "适用法律"),
    ),
    KindSpec(
        "dispute_resolution",
        "Dispute resolution (institution, seat, language)",
        "争议解决（机构、地点、语言）",
        7,
        body=_c(
            r"\barbitrat\w*",
            r"\b(?:courts?|tribunals?)\b[^.;。；]{0,80}\b(?:jurisdiction|venue)\b",
            r"\b(?:jurisdiction|venue)\b[^.;。；]{0,80}\bcourts?\b",
            r"\bdispute\s+resolution\b|\bmediat\w*\b",
            r"\b(?:disputes?|controvers\w*|differences)\b[^.;。；]{0,120}\b(?:settled|resolved|submitted|referred|"
            r"negotiat\w*|consultation)\b",
            r"仲裁|诉讼(?!时效)|人民法院|法院管辖|管辖权|争议解决|争议[^。；]{0,30}(?:协商|解决|提交)",
        ),
        heading=_c(r"\bdispute|\barbitration\b|\bjurisdiction\b|争议|仲裁"),
        triggers=(
            "arbitra",
            "court",
            "tribunal",
            "jurisdiction",
            "venue",
            "dispute",
            "mediat",
            "controvers",
            "differences",
            "仲裁",
            "诉讼",
            "法院",
            "管辖",
            "争议",
        ),
        baseline=("arbitration", "仲裁"),
    ),
    KindSpec(
        "prevailing_language",
        "Prevailing language",
        "优先语言",
        5,
        body=_c(
            r"\b(?:english|chinese|german|french|spanish)\s+(?:language\s+)?(?:version|text|original)\b[^.;。；]{0,80}\b"
            r"(?:prevail|govern|control)\w*",
            r"\b(?:prevail|govern|control)\w*\b[^.;。；]{0,30}\b(?:english|chinese)\b[^.;。；]{0,20}\b(?:version|text|language)",
            r"\b(?:version|language|translation)s?\b[^.;。；]{0,80}\b(?:shall\s+)?(?:prevail|be controlling|control)\w*",
            # "equal effect" is about language versions only when the sentence names them: annexes, supplements
            # and counterparts ("two copies, each of equal legal effect") have equal effect too (issue 19, seen
            # on the development side of contracts-zh-dev: 6 of 10 texts flagged for their counterparts clause)
            r"\bequally\s+authentic\b",
            r"\b(?:english|chinese|vietnamese|japanese|korean|german|french|spanish|russian|language|versions?|texts?|translations?)\b[^.;。；]{0,80}\b(?:equally\s+(?:valid|binding)|equal\s+"
            r"(?:legal\s+)?(?:effect|force|validity|authenticity))\b",
            r"\b(?:executed|written|drawn up|prepared)\b[^.;。；]{0,30}\bin\s+(?:both\s+)?(?:the\s+)?(?:english|chinese)\b"
            r"[^.;。；]{0,40}\blanguages?\b",
            r"以(?:中文|英文|汉语|英语|中英文)(?:文本|版本)?为准|(?:中文|英文|汉语|英语)(?:文本|版本)[^。；]{0,10}为准",
            r"(?:中文|英文|汉语|英语|中英文|外文|双语|两种(?:语言|文字)|(?:语言|文字)版本)[^。；]{0,40}(?:同等(?:的)?(?:法律)?效力|同等作准|均(?:具有|有)(?:法律)?效力)",
            r"(?:中|英)文(?:文本|版本)(?:具有|有)?(?:优先|准)",
        ),
        heading=_c(r"\blanguage\b|语言|文字"),
        triggers=(
            "prevail",
            "govern",
            "control",
            "equal",
            "english",
            "chinese",
            "german",
            "french",
            "spanish",
            "language",
            "为准",
            "同等",
            "效力",
            "优先",
        ),
        baseline=("prevail", "为准"),
    ),
    KindSpec(
        "notices",
        "Notices",
        "通知与送达",
        4,
        body=_c(
            r"\bnotices?\b[^.;。；]{0,160}?\b(?:in writing|delivered|sent|given|addressed|e-?mail|courier|"
            r"registered (?:mail|post)|certified mail|fax|facsimile)\b",
            r"\bnotices?\s+(?:shall|must|will)\b|\baddress(?:es)?\s+for\s+notices?\b",
            # a notices clause says how notices travel; "应提前书面通知" about one event (a delivery date moving)
            # is an obligation to inform, not a notices clause (contracts-zh-dev development part, 02 and 04)
            r"通知[^。；]{0,60}(?:送达|邮寄|电子邮件|邮箱|传真|地址|快递)",
            r"(?:一切|所有|任何|各类|本合同(?:项下)?的?)(?:通知|函件|文件)[^。；]{0,20}(?:应|须|均|必须)[^。；]{0,8}书面",
            r"送达(?:地址|方式)|(?:以|按)[^。；]{0,10}(?:电子邮件|邮件|快递)[^。；]{0,10}(?:送达|通知)",
        ),
        heading=_c(r"\bnotices?\b|通知|送达"),
        triggers=(
            "notice",
            "通知",
            "送达",
        ),
        baseline=("notice", "通知"),
    ),
    KindSpec(
        "inspection_acceptance",
        "Inspection and acceptance",
        "检验与验收",
        5,
        body=_c(
            r"\binspect\w*\b",
            r"\bacceptance\s+(?:test\w*|certificate|criteria|procedure|inspection|protocol|report)\b|"
            r"\b(?:final|provisional|preliminary)\s+acceptance\b",
            r"\bcommission\w*\b[^.;。；]{0,40}\btest\w*|\b(?:FAT|SAT)\b|\bfactory acceptance\b|\bsite acceptance\b",
            r"\bdeemed\s+(?:to\s+have\s+been\s+)?accepted\b",
            # US federal service contracts: the Government's surveillance of the services (Quality Assurance Surveillance
            # Plan), and the Government or the buyer accepting the services or deliverables (not a work order; not a party
            # agreeing to accept services or work in general)
            r"\bquality\s+assurance\s+surveillance\s+plan\b|\bQASP\b|\bsurveillance\s+(?:of|over)\s+(?:the\s+)?contractor['’]?s?\s+"
            r"performance\b",
            r"\b(?:government|contracting\s+officer|COR|COTR|agency|buyer|purchaser|customer|client|owner)\b[^.;。；]{0,40}\b(?:will|shall|"
            r"may|must)\s+(?:inspect\w*\s+and\s+)?accept\s+(?:the\s+|all\s+|any\s+|such\s+)?(?:completed\s+|delivered\s+|finished\s+)?"
            r"(?:services?|work|deliverables?|supplies)\b(?!\s+orders?)",
            r"验收(?:标准|程序|方法|报告|证书|证明|测试|方案|期限)|(?:组织|进行|完成|办理|共同|经)[^。；]{0,8}(?:验收|检验)|"
            r"验收[^。；]{0,6}(?:内|期间)|检验(?:期|期限|报告|标准|机构)|质量异议|试运行|试车|视为验收|"
            r"(?:收货|到货|交货)[^。；]{0,4}(?:时|后)[^。；]{0,4}检验|检验外观",
            r"\b(?:load|performance|acceptance|functional|trial)\s*[- ]?(?:tests?|runs?)\b|\bconstitutes?\s+acceptance\b|"
            r"\btests?\s+on\s+completion\b|\btaking[- ]over\b",
            r"\bexamin\w*\b[^.;。；]{0,40}\b(?:goods|units?|equipment|products?|machines?|delivery|shipment)\b",
            # the buyer checking the goods after receipt ("到货后买方应在7日内核对货物", "check the Goods within 5 days after
            # receipt"), and goods deemed to conform when no objection comes in time (Civil Code Arts. 620-621: "视为标的物的
            # 数量或者质量符合约定", "deemed to conform to the Contract"); paying after receipt is none
            r"(?:收货|到货|交货|货到|收到(?:货物|设备|产品|标的物))[^。；]{0,4}(?:时|后)[^。；]{0,16}(?:检查|查验|检验|核验|清点|核对|验货)|"
            r"视为[^。；，,]{0,12}(?:数量|质量|货物|标的物|设备|产品)[^。；，,]{0,12}符合(?:约定|合同|要求)",
            r"\bcheck\w*\s+(?:the\s+|all\s+)?(?:goods|equipment|deliver(?:y|ies)|products?|units?|machines?|shipments?)\b|"
            r"\bdeemed\s+to\s+(?:conform|comply)\b",
        ),
        exclude=_c(
            r"\binspect\w* (?:the )?(?:books|records|accounts)\b|\baudit\w*\b|查阅",
            # acceptance named only as the start of the warranty period is not an inspection clause
            # ("warrants … for twenty-four (24) months from the date of the Acceptance Certificate", "质保期为自双方签署
            # 验收报告之日起24个月")
            # also "is warranted / guaranteed for 24 months from …", "The warranty shall last 24 months from …" (val22)
            r"^(?!.*\b(?:inspect|test)).*\b(?:warrant(?:y|ies|s|ed)?|guarantee[sd]?)\b[^.;。；]{0,160}"
            r"\b(?:from|after|following)\b[^.;。；]{0,40}\bacceptance\b",
            # ... or of a payment ("10% within 30 days after final acceptance", "验收合格后30日内付清余款")
            r"^(?!.*\b(?:inspect|test|object|reject)).*\b(?:pa(?:y|id|yable|yment)|invoic\w*)\b[^.;。；]{0,120}"
            r"\b(?:after|following|upon|from)\s+(?:the\s+)?(?:date\s+of\s+)?(?:(?:final|provisional|successful)\s+)?acceptance\b",
            r"^(?!.*(?:检验|测试|异议|组织验收|进行验收|验收标准|验收程序)).*验收(?:合格|通过)?(?:后|之日起)[^。；]{0,20}(?:支付|付款|付清|结清)",
            r"^(?!.*(?:检验|测试|试运行|验收标准|验收程序)).*(?:质保期|保修期|质量保证期|保证期)[^。；]{0,30}"
            r"验收(?:合格|通过|证书|报告|单)?(?:签署|签发|签字|出具)?(?:之日|后)",
        ),
        triggers=(
            "test",
            "taking",
            "examin",
            "inspect",
            "accept",
            "surveillance",
            "qasp",
            "commission",
            "fat",
            "sat",
            "验收",
            "检验",
            "检测",
            "质量异议",
            "试运行",
            "试车",
            "check",
            "deemed",
            "检查",
            "查验",
            "核验",
            "清点",
            "核对",
            "验货",
            "符合",
        ),
        baseline=("inspection", "验收"),
    ),
    KindSpec(
        "liquidated_damages",
        "Liquidated damages",
        "违约金",
        4,
        body=_c(
            r"\bliquidated\s+damages\b",
            r"\bpenalt(?:y|ies)\b[^.;。；]{0,80}\b(?:delay\w*|late|per (?:day|week)|each (?:day|week))\b",
            r"\b(?:per|for each|each)\s+(?:full\s+)?(?:day|week|calendar day|business day)\b[^.;。；]{0,40}\bof\s+delay\b",
            r"\b(?:termination|cancellation|break[- ]up|early termination)\s+(?:fee|charge|payment)s?\b",
            r"违约金|滞纳金|罚金|(?:每|按日|每日|每天|每周|每逾期)[^。；]{0,20}(?:千分之|万分之|百分之|\d+(?:\.\d+)?\s*[%‰])",
        ),
        triggers=(
            "liquidated",
            "penalt",
            "delay",
            "fee",
            "charge",
            "payment",
            "违约金",
            "滞纳金",
            "罚金",
            "每",
            "按日",
        ),
        baseline=("liquidated damages", "违约金"),
    ),
    KindSpec(
        "liability_cap",
        "Limitation of liability",
        "责任限额",
        4,
        body=_c(
            r"\b(?:aggregate|total|cumulative|maximum|entire|collective)\s+liabilit(?:y|ies)\b",
            r"\bliabilit\w*\b[^.;。；]{0,200}?\b(?:shall not|will not|not to|may not|in no event|never)\s+exceed\w*\b",
            r"\bin no (?:event|case)\b[^.;。；]{0,200}?\bliab\w*\b[^.;。；]{0,300}?\b(?:exceed\w*|more than|in excess of)\b",
            # exclusion of indirect/consequential loss limits liability too (CUAD counts it as a cap)
            r"\b(?:not|no|never|in no event|nor|neither)\b[^.;。；]{0,120}\bliab\w*\b[^.;。；]{0,160}\b(?:indirect|consequential|"
            r"special|incidental|punitive|exemplary|lost\s+profits?|loss\s+of\s+profits?)\b",
            r"\blimit(?:ed|ation)?\s+of\s+liability\b|\bliability\s+(?:cap|limit)\b",
            # "shall not be liable for more than the Contract Price", "the maximum amount the Supplier must pay for all claims"
            r"\bliab\w*\s+(?:\w+\s+){0,3}?(?:more\s+than|in\s+excess\s+of|beyond\s+(?:the\s+)?(?:amount|sum|total))\b|"
            r"\b(?:maximum|most)\s+(?:amount|sum)\b[^.;。；]{0,80}\b(?:claims?|liab\w*|damages)\b",
            r"\bliabilit\w*\b[^.;。；]{0,100}\b(?:is|are|be|shall be)\s+limited\s+to\b",
            r"(?:赔偿|(?<!违约)责任)(?:总额|累计|上限|限额)|(?:累计|最高|总)(?:赔偿|责任)[^。；]{0,30}(?:不超过|不得超过|为限)|"
            r"(?:赔偿|(?<!违约)责任)[^。；]{0,40}(?:不超过|不得超过|以[^。；]{0,20}为限)",
            r"(?:间接损失|可得利益|预期利益|利润损失)[^。；]{0,20}(?:不承担|不负责|免责)|(?:不承担|不负责)[^。；]{0,30}(?:间接损失|可得利益|利润损失)",
            # session 8: indirect loss excluded with "responsible" ("Neither party shall be responsible for any indirect … damages";
            # "not responsible for delays" is none), a liability "capped", a cap on liability, recovery, indemnities or damages
            # limited ("The Customer's recovery … shall not exceed the amounts paid"; a not-to-exceed price or "total
            # compensation shall not exceed" is a price ceiling, none), the FAR limitation-of-liability clauses by number
            r"\b(?:not|no|never|in\s+no\s+event|nor|neither)\b[^.;。；]{0,120}\b(?:responsib\w*|accountable)\b[^.;。；]{0,160}\b(?:indirect|"
            r"consequential|special|incidental|punitive|exemplary|lost\s+profits?|loss\s+of\s+profits?)\b",
            r"\bliab\w*\b[^.;。；]{0,100}\bcapped\b|\bcap\s+on\s+(?:the\s+)?(?:\w+['’]s\s+)?(?:total\s+|aggregate\s+)?liabilit",
            r"\b(?:recovery|recoveries|indemnif\w*\s+obligations?|indemnit(?:y|ies)|(?<!liquidated\s)damages)\b[^.;。；]{0,100}\b(?:shall\s+not|"
            r"will\s+not|may\s+not|not\s+to|in\s+no\s+event|never)\s+exceed\w*\b",
            r"\b52\.246-2[345]\b",
            # (session 10) "Limitation of Government Liability" and the like (a party named between), FAR 52.216-24
            r"\blimitation\s+of\s+(?:the\s+)?(?:\w+['’]s?\s+|government\s+|contractor\s+|seller\s+|supplier\s+)liabilit(?:y|ies)\b|"
            r"\b52\.216-24\b",
            # ... and liability for loss or damage excluded in general ("The Government shall not be liable for any loss of or
            # damage to the Contractor's equipment", "assumes no liability for loss or damage"); being liable is none, and so
            # is "not responsible for any Losses arising out of …" (CUAD development half: no cap; "not responsible for delays"
            # is none since session 8)
            r"\b(?:shall|will|must|is|are|be)\s+not\s+(?:be\s+)?(?:held\s+)?liable\s+for\s+(?:any\s+)?(?:loss(?:es)?|damages?)\b|"
            r"\bassumes?\s+no\s+(?:liability|responsibility)\s+for\s+(?:any\s+)?(?:loss(?:es)?|damages?)\b",
        ),
        triggers=(
            "responsib",
            "accountable",
            "capped",
            "cap on",
            "recover",
            "indemn",
            "damages",
            "52.246-2",
            "52.216-24",
            "利益",
            "liab",
            "maximum",
            "most",
            "损失",
            "赔偿",
            "责任",
        ),
        baseline=("liability", "责任"),
    ),
    KindSpec(
        "termination",
        "Termination rights",
        "解除与终止",
        6,
        body=_c(
            r"\bterminat\w*\b[^.;。；]{0,120}\b(?:this|the)\s+(?:agreement|contract|order)\b",
            r"\b(?:right|entitled|may)\b[^.;。；]{0,40}\bterminat\w*",
            r"\b(?:this|the)\s+(?:agreement|contract)\b[^.;。；]{0,80}\bterminat\w*",
            r"\bcancel\w*\b[^.;。；]{0,40}\b(?:agreement|contract|order)\b",
            r"解除(?:本)?合同|终止(?:本)?合同|合同(?:解除|终止)|有权解除|单方解除|解除本协议|终止本协议",
            # ending the contract in other words ("either party may end this Agreement", "bring the Contract to an end")
            r"\b(?:may|right\s+to|entitled\s+to)\s+(?:\w+\s+){0,3}?end\s+(?:this|the)\s+(?:agreement|contract)\b|"
            r"\bbring\s+(?:this|the)\s+(?:agreement|contract|order)\s+to\s+an\s+end\b|"
            # the termination clauses by their titles ("Termination for Convenience of the Government", "Termination for
            # the Government's convenience", "Termination for cause/default")
            r"\btermination\s+for\s+(?:the\s+government['’]s\s+)?(?:convenience|default|cause)\b",
            # session 8: the FAR Part 49 clauses by number ("52.249-8") and the default clause by its title ("Default
            # (Fixed-Price Supply and Service)"); a task, delivery or purchase order, a BPA, lease, subscription or licence
            # terminated or cancelled ("terminate the BPA", "may cancel the BPA", "will result in termination of the task
            # order"); grounds for, subject to or resulting in termination (not of employment, personnel or accounts)
            r"\b52\.249-\d+\b|\bdefault\s*\(\s*(?:fixed[- ]price|cost[- ]reimbursement)|\bFAR\s+(?:part|subpart)\s+49\b",
            r"\bterminat\w*\b[^.;。；]{0,120}\b(?:this|the|any|each|such)\s+(?:(?:task|delivery|purchase|work|blanket\s+purchase)\s+)?"
            r"(?:orders?|BPAs?|leases?|subscriptions?|licen[cs]es?)\b",
            r"\b(?:may|right\s+to|entitled\s+to)\s+(?:\w+\s+){0,3}?cancel\w*\s+(?:this|the|any|each|such)\s+(?:(?:task|delivery|purchase|"
            r"work|blanket\s+purchase)\s+)?(?:orders?|BPAs?|agreements?|contracts?|subscriptions?|licen[cs]es?|leases?)\b",
            r"\b(?:grounds?|cause|basis)\s+for\s+(?:immediate\s+)?(?:termination|cancel{1,2}ation)\b(?!\s+of\s+(?:employment|the\s+employee|"
            r"personnel|staff|access|(?:user\s+)?accounts?))|\b(?:subject\s+to|result\s+in)\s+(?:the\s+)?(?:immediate\s+)?"
            r"(?:termination|cancel{1,2}ation)\b(?!\s+of\s+(?:employment|the\s+employee|personnel|staff|access|(?:user\s+)?accounts?))",
            # (session 10) the FAR titles in their other forms ("is terminated for convenience", "termination-for-convenience",
            # "a default termination"); FAR 52.212-4 by number, whose paragraphs (l) and (m) are the commercial termination
            # clauses (another paragraph named, "the proper invoice specified in FAR 52.212-4 (g)", is none); terminated "in whole or in part" (the FAR wording)
            r"\bterminat(?:ed|ion|ing)[- ]+for[- ]+(?:the\s+government['’]s\s+)?(?:convenience|default|cause)\b|"
            r"\b(?:convenience|default)\s+terminations?\b|\b52\.212-4\b(?!\s*\(\s*[a-kn-z]\s*\))|\bterminat\w*\b[^.;。；]{0,80}\bin\s+whole\s+or\s+(?:in\s+)?part\b",
        ),
        heading=_c(r"\bterminat|解除|终止"),
        # (session 10) termination named only as an event ("Upon termination or expiration of this contract, the Contractor
        # shall transfer all data"), with no right to terminate in the sentence, is no termination right (it is what happens
        # after the end: a transition, support after the end)
        exclude=_c(
            r"^(?![^\n]*\b(?:may|right|rights|entitled|reserves?|breach\w*|default\w*|convenience|cause|notice\s+of\s+termination|"
            r"52\.249|52\.212-4)\b)[^\n]*\b(?:upon|after|following|on|at|prior\s+to|before|until|through|in\s+the\s+event\s+of)\s+"
            r"(?:the\s+)?(?:(?:expiration|expiry|completion|end|close-?out)\s+or\s+)?terminat\w*\b"
        ),
        triggers=(
            "terminat",
            "cancel",
            " end",
            "52.249",
            "52.212-4",
            "default",
            "convenience",
            "part 49",
            "解除",
            "终止",
        ),
        baseline=("terminat", "解除"),
    ),
    KindSpec(
        "post_termination_support",
        "Support after the contract or warranty ends",
        "期满后的支持与停产",
        5,
        body=_c(
            r"\b(?:after|following|upon|beyond|on)\s+(?:the\s+)?(?:expiry|expiration|end|termination|lapse)\s+of\s+"
            r"(?:the\s+|this\s+)?(?:warranty|guarantee|agreement|contract|term)\b[^.;。；]{0,160}\b(?:support|"
            r"service|maintenance|spare|parts|repair|updates?)\w*",
            r"\b(?:support|services?|maintenance|spare parts|repair\w*|updates?)\b[^.;。；]{0,160}\b(?:after|following|"
            r"upon|beyond)\s+(?:the\s+)?(?:expiry|expiration|end|termination|lapse)\s+of\b",
            r"\bend[- ]of[- ](?:life|sale|support|production)\b|\blast[- ]time[- ]buy\b",
            r"\bdiscontinu\w*\b[^.;。；]{0,80}\b(?:products?|models?|support|parts|production|versions?|components?)\b",
            r"\btransition(?:al)?\s+(?:assistance|services|support)\b|\bpost[- ](?:termination|warranty|expiration)\b",
            # US federal contracts: the phase-out at the end, handing over to a successor contractor, a transition at the
            # end of the contract (the phase-in at the start is none)
            r"\bphase[- ]?out\b[^.;。；]{0,120}\b(?:services?|support|successor|transition|terminat\w*|expir\w*)|\b(?:services?|"
            r"support|successor|transition|terminat\w*|expir\w*)\b[^.;。；]{0,120}\bphase[- ]?out\b|\btransition[- ]out\b|\bsuccessor\s+contractors?\b|\btransition\w*\b[^.;。；]{0,60}\b(?:end|"
            r"expiration|expiry|completion|close-?out)\s+of\s+(?:the|this)\s+(?:contract|task\s+order|period\s+of\s+performance)\b",
            r"\bcontinue\s+to\s+(?:provide|supply|make available|offer)\b[^.;。；]{0,120}\b(?:for\s+(?:a\s+period\s+of\s+)?"
            r"(?:at least\s+)?\w+\s*\(?\d*\)?\s*years?|after)",
            r"(?:质保期|保修期|质量保证期|合同|本协议)(?:满|届满|结束|终止|期满|到期|解除)[^。；]{0,4}后[^。；]{0,80}"
            r"(?:服务|维修|技术支持|备件|配件|维护|升级)",
            r"停产|终身(?:维修|服务|技术支持|维护|保养|保修)|(?:有偿|收费)(?:维修|服务)[^。；]{0,20}(?:质保期|保修期)|(?:质保期|保修期)(?:外|以外|之外)",
            r"\b(?:after|following|upon|beyond)\s+(?:the\s+)?(?:expiry|expiration|end|termination|lapse)\b[^.;。；]{0,160}\b(?:support|"
            r"services?|maintenance|spare|parts|repair\w*|updates?|warrant\w*)\b",
            # the customer's data after the end: a period to retrieve, export or migrate it (SaaS and software terms)
            r"(?:终止|届满|到期|期满|解除)[^。；]{0,30}(?:后|时)[^。；]{0,60}(?:(?:迁移|导出|提取|取回|下载|返还|检索)[^。；]{0,20}(?:数据|资料|内容)|"
            r"(?:数据|资料)[^。；]{0,40}(?:保留|保存)[^。；]{0,30}(?:迁移|导出|提取|取回|下载))",
            r"(?:数据|资料)[^。；]{0,40}(?:迁移|导出|提取|取回|下载)[^。；]{0,40}(?:终止|届满|到期|期满|解除)[^。；]{0,10}(?:后|时)",
            r"\b(?:after|following|upon|on)\b[^.;。；]{0,60}\b(?:termination|expiration|expiry)\b[^.;。；]{0,160}\b(?:retrieve|export|"
            r"extract|migrate|download)\b[^.;。；]{0,60}\b(?:data|content|repositor\w*)",
            r"\b(?:retrieve|export|extract|migrate|download)\b[^.;。；]{0,100}\b(?:data|content)\b[^.;。；]{0,100}\b(?:after|following|"
            r"upon)\s+(?:the\s+)?(?:termination|expiration|expiry)\b",
            r"\b(?:after|following|beyond|outside)\s+(?:the\s+)?(?:warranty|guarantee)(?:\s+period)?\b[^.;。；]{0,160}\b(?:support|"
            r"services?|maintenance|spare|parts|repair\w*|updates?|contract)\b",
            r"\blifetime\s+(?:technical\s+|online\s+)*(?:support|service|maintenance)\b|\bfor\s+the\s+lifetime\s+of\b|"
            r"\byears?\s+after\s+the\s+last\s+(?:delivery|shipment|sale|purchase)\b|\bno\s+further\s+support\b",
        ),
        triggers=(
            "after",
            "lifetime",
            "beyond",
            "outside",
            "further",
            "外",
            "expir",
            "end",
            "terminat",
            "lapse",
            "discontinu",
            "transition",
            "phase",
            "successor",
            "post",
            "continue",
            "last",
            "质保期",
            "保修期",
            "合同",
            "本协议",
            "停产",
            "终身",
            "有偿",
            "收费",
            "终止",
            "届满",
            "到期",
            "期满",
            "解除",
            "数据",
            "资料",
        ),
        baseline=("after termination", "终止后"),
    ),
)
