"""The checklist, after-sales kinds: warranty (length and start), spare parts, documentation, training, software
updates and on-site support, each with its English and Chinese patterns (kinds.py explains how a kind is found). These
are what the supplier owes after delivery besides its service levels.

Split out of kinds_support.py by use case (DESIGN.md: modules of about 600 lines at most); the order of the entries
is the order of the checklist, after the service-level kinds.
"""

# ruff: noqa: E501 - tables of regular expressions and bilingual texts read better unbroken

from __future__ import annotations

from .kinds_spec import (
    _DOCS_ZH,
    _OTHER_ACTOR_ZH,
    _SITE_WORK_ZH,
    _SUPPLIER_SIDE_ZH,
    _SUPPLY_ZH,
    DUR_ZH,
    DUR_ZH_B,
    KindSpec,
    _c,
)
from .text import EN_NUMBER, ZH_NUMBER

AFTERSALES_SPECS: tuple[KindSpec, ...] = (
    KindSpec(
        "warranty_period",
        "Warranty period (length and start)",
        "质保期（期限与起算）",
        9,
        body=_c(
            r"\b(?:warranty|guarantee|guaranty|defects liability)\s+(?:period|term)\b",
            rf"\b(?:warrant\w*|guarantee\w*|guaranty)\b[^.;。；]{{0,150}}?\b(?:for|of|during|within)\s+"
            rf"(?:a\s+(?:period|term)\s+of\s+)?{EN_NUMBER}\s*[- ]?(?:months?|years?)\b",
            rf"\b{EN_NUMBER}\s*[- ]?(?:months?|years?)\b[^.;。；]{{0,40}}\b(?:limited\s+)?(?:warranty|guarantee)\b",
            rf"\b(?:warranty|guarantee)\b[^.;。；]{{0,40}}?\b{EN_NUMBER}\s*[- ]?(?:months?|years?)\b",
            r"\bdefects?\s+(?:notification|liability)\s+period\b",
            # a warranty named by its clause title ("FAR 52.246-20 Warranty of Services"), a warranty counted in days ("a
            # ninety (90) day warranty"); a manufacturer's warranty only referred to is none (a reseller's terms)
            r"\bwarranty\s+of\s+(?:services|supplies|construction|systems?(?:\s+and\s+equipment)?|technical\s+data|commercial\s+items?)\b",
            rf"\b{EN_NUMBER}\s*[- ]?days?\s+(?:limited\s+)?warrant(?:y|ies)\b",
            # a warranty for a number of days ("warrants that for ninety (90) days from delivery the Software will
            # substantially conform"), stated either way round
            rf"\b(?:warrant\w*|guarantee\w*)\b[^.;。；]{{0,150}}?\b(?:for|during|within)\s+(?:a\s+period\s+of\s+)?{EN_NUMBER}\s*"
            r"[- ]?days?\b[^.;。；]{0,150}?\b(?:conform\w*|free\s+(?:from|of)\s+(?:material\s+)?defects|perform\w*\s+"
            r"(?:substantially|materially|in\s+accordance))",
            rf"\b(?:for|during|within)\s+(?:a\s+period\s+of\s+)?{EN_NUMBER}\s*[- ]?days?\b[^.;。；]{{0,100}}?\b(?:warrant\w*|"
            r"guarantee\w*)\b[^.;。；]{0,100}?\b(?:conform\w*|free\s+(?:from|of)\s+(?:material\s+)?defects)",
            # session 8: the warranty's start or run stated on its own ("Warranty coverage shall begin on the date the Government
            # accepts…", "the warranty shall remain in effect for…"; not "shall not extend to misuse"); defects put right for a
            # period after an event, with no "warranty" ("free from defects … for twelve (12) months following acceptance",
            # "correct … any defects discovered within one (1) year after final acceptance"; a deficiency corrected within
            # 10 days after notice is a repair time); the FAR warranty clauses by number (52.246-17 to -21); a standard
            # commercial warranty extended to the buyer (a manufacturer's warranty only referred to is none, session 7; "provide
            # standard/written/express warranties" was tried and left out: three false alarms on the CUAD development half,
            # warranties of facts or a disclaimer)
            r"\bwarrant(?:y|ies)(?:\s+(?:coverage|period|term|protection|service))?\s+(?:shall|will|must|is\s+to)\s+(?!not\b)(?:\w+\s+)?"
            r"(?:begin|commence|start|run|remain\s+in\s+(?:full\s+)?(?:force|effect)|extend|continue|last)\b",
            rf"\bfree\s+(?:from|of)\s+(?:\w+\s+){{0,3}}?defects?\b[^.;。；]{{0,120}}?\b(?:for|during)\s+(?:a\s+period\s+of\s+)?{EN_NUMBER}\s*"
            r"[- ]?(?:months?|years?)\b",
            rf"\b(?:correct|repair|replace|remedy|rectify|make\s+good)\w*\b[^.;。；]{{0,100}}?\bdefect\w*\b[^.;。；]{{0,80}}?\b(?:for|during|"
            rf"within)\s+(?:a\s+period\s+of\s+)?{EN_NUMBER}\s*[- ]?(?:months?|years?)\s+(?:after|from|following|of)\s+(?:the\s+)?"
            r"(?:date\s+of\s+)?(?:(?:final|formal|government)\s+)?(?:acceptance|delivery|installation|completion|commissioning)\b",
            r"\b52\.246-(?:17|18|19|20|21)\b",
            r"\b(?:extend|provid|offer|furnish|pass\w*\s+(?:on|through)|giv)\w*\b[^.;。；]{0,60}\b(?:standard\s+)?commercial\s+"
            r"warrant(?:y|ies)\b",
            # (session 10) a warranty given on the goods or the work with no length stated ("provide a full warranty on all parts
            # and labor", "warrants all equipment against defects in material and workmanship", "repaired or replaced under
            # warranty"); a warranty by reference ("The warranty provisions of Section I apply", "The warranty shall be in
            # accordance with FAR …"; a breach of "any warranty made pursuant to Section 8.2" is none)
            r"\b(?:provid|furnish|includ|offer|extend|giv|suppl)\w*\s+(?:a|an|the|its|their)?\s*(?:[\w'’-]+\s+){0,2}?warrant(?:y|ies)\s+"
            r"(?:on|for|covering|of)\s+(?:all\s+|the\s+|each\s+|any\s+)?(?:[\w-]+\s+){0,2}?(?:equipment|parts?|materials?|workmanship|"
            r"installation|labou?r|systems?|hardware|software|products?|supplies|items?|work|components?|units?|devices?)\b",
            r"\bwarrant\w*\b[^.;。；]{0,80}\bagainst\s+(?:any\s+|all\s+)?defects?\s+in\s+(?:\w+\s+){0,2}?(?:materials?|workmanship|design|"
            r"manufacture)",
            r"\b(?:repair|replac|cover|correct)\w*\s+(?:\w+\s+){0,3}?under\s+(?:the\s+|its\s+|their\s+|a\s+)?(?:[\w-]+['’]s\s+)?warranty\b",
            r"\bwarranty\s+(?:provisions?|clauses?|terms?|requirements?)\s+(?:of|in|at|under)\s+(?:the\s+)?(?:section|clause|paragraph|far|"
            r"dfars|attachment|part|article)\b|\bwarrant(?:y|ies)\s+(?:coverage\s+)?(?:shall|will|must|is|are)\s+(?:be\s+)?(?:provided\s+)?"
            r"(?:in\s+accordance\s+with|as\s+(?:specified|stated|set\s+forth|described)\s+in|pursuant\s+to|under)\s+(?:the\s+)?(?:far|"
            r"dfars|section|clause|paragraph|attachment|52\.)",
            # the usual Chinese names of the period (质保期, 保修期, 质量保证期, 包修期, 保固期, 缺陷责任期, 质量担保期); "保质保量"
            # (in full quality and quantity) is an idiom of delivery, not a warranty; a
            # 质量保证书/质量保证体系 is a certificate or a QA system, not a warranty
            r"质保(?!量)|保修(?!等?阶段)|质量保证(?!书|体系)|保质期|三包|包修期|保固期|质量担保期|缺陷责任期|品质保证期|免费(?:维修|维护|保养)期",
            # translated terms: 保证期/保证期限, 有限保证期 (a limited warranty's period; "有限保证" alone is often a title over a disclaimer)
            r"保证期(?!间)|保证期限|有限(?:软件|产品|硬件|服务)?保证期",
            # a warranty stated as a promise for a period: "卖方保证，自验收合格之日起十二个月内设备符合…",
            # "保证服务在订购期内满足 SLA"
            rf"保证[^。；]{{0,40}}?(?:{DUR_ZH}|{ZH_NUMBER}\s*个?\s*(?:月|年))\s*(?:内|以内|期间|期内)[^。；]{{0,40}}?"
            r"(?:符合|满足|无缺陷|不存在缺陷|没有缺陷|无质量问题|正常运行|正常使用|正常工作)",
            r"保证[^。；]{0,20}?在[^。；]{0,12}?期(?:内|间)[^。；]{0,20}?(?:符合|满足|无缺陷|无质量问题|正常运行|正常使用|正常工作)",
            # quality problems during a stated period are the supplier's to put right ("托管期内，乙方新增设备的质量问题…由乙方负责",
            # "租赁期内设备出现质量问题的，出租方负责免费维修")
            r"(?<!验收)(?<!检验)(?<!异议)期(?:内|间内|限内)[^。；]{0,24}质量问题[^。；]{0,24}(?:由[^。；]{0,10}负责|负责(?:免费)?(?:维修|修理|更换|处理))",
            # the period during which the seller or contractor answers for the quality (the Civil Code's wording, and the
            # model forms' "出卖人对质量负责的条件及期限"); answering for the quality with no period is no warranty period
            r"对[^。；，,]{0,16}质量(?:承担责任|负责|负责任)的?(?:条件)?(?:及|和|与|、)?(?:期限|期间|时限)",
        ),
        # no English heading rule: "Representations and Warranties" headings say nothing about a warranty period; a
        # Chinese clause titled 质量保证/质保/保修/有限保证 is the warranty clause
        heading=_c(r"质保(?!量)|保修(?!等?阶段)|质量保证(?!书|体系)|有限(?:软件|产品|硬件|服务)?保证|保证期"),
        exclude=_c(
            r"\bwarrants? (?:and represents|that it (?:has|is))\b|\brepresentations? and warranties\b|"
            r"\brepresents?,?\s+(?:and\s+)?warrants?\b|\bdisclaim\w*|\bno\s+(?:other\s+)?(?:express\s+)?warrant",
            r"不(?:承担|负责|提供)[^。；]{0,8}(?:免费)?(?:保修|质保|保养)",
            # a surety's guarantee period (保证人、连带责任保证), not a warranty of the goods
            r"保证人|连带(?:责任)?保证|保证合同|保证责任期间",
            # (session 9) warranty documents handed over or distributed ("distribute each Product with all warranty cards"),
            # with no warranty length in the sentence: a document, as 保修卡 is in Chinese, not a warranty provision
            r"^(?![^\n]*\b(?:\d+|one|two|three|six|twelve|eighteen|twenty[- ]four|thirty[- ]six)\s*(?:\(\d+\)\s*)?(?:months?|years?)\b)"
            r"[^\n]*\bwarranty\s+(?:cards?|registration(?:\s+cards?)?|booklets?|literature)\b",
            # (session 10) what offerors are told to describe or submit in a proposal is no warranty of the contract
            r"\b(?:offerors?|bidders?|quoters?)\b[^.;。；\n]{0,40}\b(?:describe|demonstrate|explain|discuss|submit|address)\b",
        ),
        triggers=(
            "defect",
            "warrant",
            "guarant",
            "defects liability",
            "质保",
            "保修",
            "质量保证",
            "保质",
            "三包",
            "保证",
            "包修",
            "保固",
            "担保期",
            "缺陷责任",
            "免费",
            "质量问题",
            "质量负责",
            "质量承担责任",
            "52.246-",
        ),
        baseline=("warranty", "质保"),
    ),
    KindSpec(
        "spare_parts",
        "Spare parts",
        "备品备件",
        6,
        body=_c(
            r"\bspare[- ]?parts?\b|\bspares\b",
            r"\b(?:replacement|wear(?:ing)?)\s+parts?\b[^.;。；]{0,80}\b(?:availab\w*|suppl\w*|stock\w*|price\w*|lead[- ]time)\b",
            r"备件|备品|(?:配件|零部件|易损件)[^。；]{0,10}(?:供应|库存|价格|供货)",
        ),
        heading=_c(r"\bspare|备件|配件"),
        triggers=(
            "spare",
            "parts",
            "备件",
            "备品",
            "配件",
            "零部件",
            "易损件",
        ),
        baseline=("spare", "备件"),
    ),
    KindSpec(
        "documentation",
        "Documentation and manuals",
        "技术资料与说明书",
        5,
        body=_c(
            r"\b(?:user|operation|operating|operator|maintenance|service|instruction|installation|technical|"
            r"training|repair)\s+(?:manuals?|documentation|guides?|handbooks?)\b",
            r"\bmanuals?\b",
            r"\bdocumentation\b[^.;。；]{0,80}\b(?:english|chinese|language|deliver\w*|provide\w*|suppl\w*)\b",
            r"\b(?:provide|deliver|supply|furnish)\w*\b[^.;。；]{0,60}\bdocumentation\b",
            r"\b(?:electrical|wiring|mechanical)\s+(?:drawings|diagrams|schematics)\b",
            # US federal contracts list the technical data and manuals to be delivered in a Contract Data Requirements List
            # (CDRL); as-built drawings are the record of what was installed
            r"\bcontract\s+data\s+requirements?\s+lists?\b|\bCDRLs?\b|\bas-?built\s+(?:drawings|documentation|plans)\b",
            r"说明书|(?:操作|使用|维修|维护|保养|安装|调试|技术|用户|产品|培训|检修|运行)(?:维护)?手册|随机资料|随机文件",
            r"随机[^。；]{0,4}(?:资料|文件|图册|图纸)",
            # technical documents and drawings are named in many clauses (the buyer's building drawings, the IP in what
            # is made, an archive handed back); they are documentation when they are supplied with the goods or service
            rf"{_SUPPLY_ZH}[^。；]{{0,20}}{_DOCS_ZH}|{_DOCS_ZH}[^。；]{{0,10}}(?:由(?:供方|卖方|乙方|出卖人|厂家|供应商)[^。；]{{0,4}})?"
            r"(?:随机|随货|随设备|交付|提供|移交|一并交付)",
            # software and service terms: 用户文档/产品文档/技术文档, a definition of "文档" (the manuals), manuals and
            # instructions handed over
            r"(?:用户|产品|技术|使用|软件|系统|安装|操作|配套|相关|培训|开发|设计|接口|维护|运维)文档|[“\"「]文档[”\"」]\s*(?:是|系)?指",
            r"(?:提供|交付|移交|随机|随货|随设备|附带|附有|配备)[^。；]{0,20}(?:手册|使用说明|操作说明|安装说明|操作规程|维护保养规程)",
        ),
        # a manual named only as the yardstick of proper use ("未按说明书规定的环境使用" in a warranty exclusion) is not a
        # promise of documentation
        exclude=_c(
            # documentation as proof of something (insurance, past performance, costs, a claim) is no manual or technical
            # data for the buyer ("provide documentation of its insurance coverage", "supporting documentation for each
            # invoice"), unless the sentence names a manual
            r"^(?![^\n]*\bmanuals?\b)(?=[^\n]*\b(?:invoice|expense|cost|reimburs|claim|payment|fee)\w*\b)[^\n]*\b(?:supporting|"
            r"substantiating)\s+documentation\b",
            r"^(?![^\n]*\bmanuals?\b)[^\n]*\b(?:documentation\s+(?:of|evidencing|"
            r"showing|demonstrating|proving|supporting|that\s+(?:shows|demonstrates|proves|supports)|to\s+(?:show|prove|demonstrate|"
            r"support|substantiate))\b[^.;。；]{0,60}\b(?:insurance|past\s+performance|experience|qualifications?|certifications?|"
            r"licen[cs]es?|eligibility|citizenship|costs?|expenses?|invoices?|payments?|claims?|ownership|wages?|hours\s+worked))",
            # what offerors or bidders furnish with a proposal (US federal solicitations) is no documentation of the product
            r"\b(?:offerors?|bidders?|quoters?)\b",
            # drawings or technical documents supplied BY the buyer (for the installation, the building works), kept in an
            # archive, kept confidential, or owned: not manuals for the buyer (a sentence naming a manual still counts)
            r"^(?![^\n]*(?:说明书|手册|随机资料|随机文件|用户文档))[^\n]*(?:(?:^|[，,：:\s]|由)(?:买方|需方|购货方|定作方|定作人|委托方|委托人|"
            r"发包方|发包人|业主|承租方|承租人)(?:应|须|需|负责|应当|必须)?(?:向[^。；，,]{0,8})?(?:提供|提交|交付)|档案|保密|秘密|泄露|披露|知识产权|著作权|专利|所有权|土建|"
            r"施工图|审查|审核|审批|顺延|包装物|(?:按照|依照|根据|按)[^。；，,]{0,10}提供的|(?:移交|交付|提供|交给|交予|提交)(?:给)?(?:乙方|卖方|供方|"
            r"承包方|承包人|受托方|服务方)|向(?:乙方|卖方|供方|承包方|承包人|受托方|服务方|维保单位|维修单位|承修方)[^。；，,]{0,4}(?:提供|提交|交付|移交)|"
            # drawings or requirements the customer supplies ("发现定作方提供的图纸不合理")
            r"(?:买方|需方|购货方|定作方|定作人|委托方|委托人|发包方|发包人|业主|承租方|承租人)(?:所)?提供的[^。；，,]{0,6}(?:图纸|技术资料|技术要求|资料|样品))",
            # a manual named among the channels of published promises ("以公告、使用手册、资费单页等书面形式公开做出的服务承诺")
            r"(?:公告|通告|宣传|广告)[^。；]{0,10}(?:手册|说明书)[^。；]{0,30}(?:承诺|公开)",
            r"(?:未|不|违反|没有)(?:按|按照|依照|遵照|遵守|在|依)?[^。；，,]{0,8}(?:说明书|手册|文档)(?:的)?(?:规定|要求|所述|指示)?"
            r"[^。；]{0,6}(?:使用|操作|安装|保养|运行|环境|条件)|(?:说明书|手册)(?:中)?(?:规定|要求|所述|载明)的|"
            # the work measured against the maker's manual ("监督…是否符合…制造单位安装使用维护说明书要求")
            r"(?:符合|满足|达到|遵守|遵照|按照|依照|根据)[^。；，,]{0,40}(?:说明书|手册)(?:的)?(?:要求|规定|标准)",
            # nor the documentation named as where a function is described ("使用服务技术文档中详述的功能", "the
            # functionality detailed in the technical documentation")
            r"(?:文档|说明书|手册|技术资料)中?(?:详述|所述|描述|载明|列明)的(?:功能|方式|方法|规格)|\b(?:functionality|features?|"
            r"functions?|specifications?)\s+(?:described|detailed|set\s+(?:out|forth)|specified)\s+in\s+(?:the\s+)?"
            r"(?:applicable\s+|relevant\s+|technical\s+|user\s+)?(?:documentation|manuals?)\b",
        ),
        triggers=tuple(
            (
                "manual documentation guide handbook drawing diagram schematic cdrl data built 说明书 手册 资料 技术文件 图纸 电气图 图册 随机 "
                "文档 说明 操作规程 保养规程 合格证 保修卡 质保书 保修证 原理图 接线图 方法"
            ).split()
        ),
        baseline=("manual", "说明书"),
    ),
    KindSpec(
        "training",
        "Training",
        "培训",
        4,
        body=_c(
            r"\btraining\b",
            r"\btrain\s+(?:[\w'’]+\s+){0,3}(?:buyer|customer|purchaser|client|operators?|personnel|staff|employees|"
            r"users?|technicians|engineers|workers|people|persons)\b",
            r"培训",
            # showing the buyer how to use and maintain the equipment: "对甲方进行使用指导"
            r"(?:对|向)(?:甲方|买方|需方|用户|业主|使用单位|客户)[^。；]{0,12}(?:使用|操作|维护保养|维护|保养)(?:指导|讲解|示范)",
            # ... or demonstrating its use at the hand-over ("交货时演示设备的操作方法")
            r"(?:演示|示范)[^。；，,]{0,12}(?:使用|操作)(?:方法|功能|要领|步骤)",
            # ... or explaining or teaching it ("向甲方使用人员讲解设备的操作和日常保养方法")
            r"(?:讲解|传授|教会)[^。；，,]{0,12}(?:使用|操作|维护|保养)[^。；，,]{0,8}(?:方法|要领|技能|知识|步骤|规程)",
        ),
        exclude=_c(
            r"\btraining (?:camp|facilit)",
            # safety induction of the contractor's workers is not training of the buyer's staff
            r"安全(?:操作|生产|技术)?(?:教育|培训)|入场(?:教育|培训)|三级教育|\bsafety\s+(?:induction|training)\b",
            # the supplier training its own workers is not training of the buyer's staff
            r"(?:从业人员|服务人员|员工|雇员|职工)[^。；]{0,12}培训|(?:培训|教育)[^。；]{0,4}(?:其|本单位|自己的)(?:员工|从业人员|职工)",
            # the provider qualifying its own workers for their posts ("岗前培训", "持证上岗")
            r"持证上岗|上岗证|岗前(?:培训|教育)",
            # a training room or ground (premises), not training given
            r"培训(?:教室|室|场地|场所|基地|中心|学校)",
            # ... and in English: the contractor's own employees trained or completing training (security awareness, safety,
            # newly hired staff), unless the sentence also trains the buyer's or the Government's people
            r"^(?![^\n]*\b(?:train\w*\s+(?:\w+\s+){0,3}(?:government|agency|customer|client|buyer|purchaser|owner|end[- ]?users?|users)|"
            r"training\s+(?:to|for|of)\s+(?:the\s+)?(?:government|agency|customer|client|buyer|purchaser|owner|end[- ]?users?|users?|"
            r"operators?)))[^\n]*(?:\b(?:contractor|vendor|supplier|seller|its|their|own)(?:['’]s)?\s+(?:own\s+)?(?:employees|"
            r"personnel|staff|workers|work\s*force)\b[^.;。；]{0,100}\btrain|\btrain\w*\s+(?:all\s+|its\s+|their\s+)?(?:own\s+)?"
            r"(?:newly[- ]hired\s+|new(?:ly)?\s+|assigned\s+)?(?:employees|personnel|staff|workers)\b(?!\s+(?:of|from)\s+(?:the\s+)?"
            r"(?:government|agency|customer|client|buyer|purchaser|owner|users?)))",
            # training as a business the premises are (not) used for ("不得用于培训、餐饮等经营活动")
            r"(?:用于|用作|从事|经营)[^。；]{0,10}培训|培训[^。；]{0,10}(?:等经营|经营活动|等用途|等活动)|"
            r"\btraining\s+(?:and\s+other\s+|or\s+other\s+)?(?:purposes|activities|business(?:es)?)\b",
        ),
        triggers=(
            "train",
            "培训",
            "指导",
            "讲解",
            "示范",
            "演示",
            "讲解",
            "传授",
            "教会",
        ),
        baseline=("training", "培训"),
    ),
    KindSpec(
        "software_updates",
        "Software and firmware updates",
        "软件与固件升级",
        6,
        body=_c(
            r"\b(?:software|firmware|control system|plc program|program)\s+(?:updates?|upgrades?|releases?|patch(?:es)?|"
            r"versions?|fixes)\b",
            r"\b(?:updates?|upgrades?|patch(?:es)?|new releases?|bug fixes|new versions?)\b[^.;。；]{0,60}\b(?:software|"
            r"firmware|programs?)\b",
            r"\b(?:update|upgrade)\w*\b[^.;。；]{0,40}\b(?:free of charge|at no (?:additional )?(?:cost|charge))",
            # security patches applied to the systems (a patch of ground or of plants is none)
            r"\bsecurity\s+(?:patch(?:es|ing)?|updates|fixes)\b|\bpatch\s+management\b",
            # the promise stated the other way round ("will provide, at no additional charge, Updates") or as a
            # list of what maintenance delivers ("provides bug fixes, new versions and patches")
            r"\b(?:free of charge|at no (?:additional |extra )?(?:cost|charge))\b[^.;。；]{0,40}\b(?:updates?|upgrades?|"
            r"patch(?:es)?|new versions?|new releases?)\b",
            r"\b(?:provides?|deliver\w*|makes? available|furnish\w*)\b[^.;。；]{0,60}\b(?:bug fixes|patches|new versions|"
            r"new releases|maintenance releases)\b",
            r"(?:软件|固件|系统|程序|控制程序)[^。；]{0,8}(?:升级|更新|补丁|新版本)|(?:升级|更新)[^。；]{0,8}(?:软件|固件|程序)",
        ),
        triggers=(
            "update",
            "upgrade",
            "patch",
            "release",
            "version",
            "fix",
            "升级",
            "更新",
            "补丁",
            "新版本",
        ),
        baseline=("update", "升级"),
    ),
    KindSpec(
        "onsite_support",
        "On-site and remote support",
        "现场与远程服务",
        6,
        body=_c(
            r"\bon[- ]?site\b|\bon the site\b",
            r"\b(?:dispatch|send)\w*\s+(?:an?\s+|its\s+|one\s+|qualified\s+|competent\s+|service\s+)*(?:engineers?|"
            r"technicians?|service personnel|specialists?|staff)\b",
            r"\b(?:travel(?:l?ing)?|accommodation|lodging|board and lodging)\s+(?:costs?|expenses|fees)\b|\bair\s*tickets?\b",
            r"\bremote(?:ly)?\s+(?:support|assistance|diagnos\w*|access|service|maintenance|guidance)\b",
            r"\b(?:arriv\w*|attend\w*|visit\w*)\b[^.;。；]{0,30}\b(?:site|premises|plant|factory|facility|clinic|hospital|"
            r"laboratory|lab|mine|workshop)\b",
            # US federal contracts: the work done, or the contractor's people placed, at the Government's site ("The services
            # shall be performed at the Government facility", "personnel shall be stationed at the agency's offices"); at the
            # contractor's own facility is none
            r"\b(?:performed|provided|accomplished|conducted|located|stationed|housed|assigned|work)\s+(?:\w+\s+)?(?:at|on|in|within)\s+"
            r"(?:the\s+|a\s+|various\s+)?(?:government|agency|federal|client|customer)(?:['’]s)?(?:[- ]owned|[- ]furnished)?\s+"
            r"(?:\w+\s+)?(?:sites?|facilit(?:y|ies)|premises|installations?|locations?|buildings?|offices?|spaces?|work\s*sites?)\b",
            # "online support"; an "online service" is what SaaS terms sell, not a way of supporting equipment
            r"\bonline\s+(?:technical\s+)?(?:support|assistance)\b|在线(?:技术)?(?:支持|指导)|视频指导|远程监控|远程运维",
            # installation by the supplier's people: "卖方负责设备的安装调试", "确保其工作人员…安装和调试相关设备"
            # ... not installation named as a condition ("由乙方负责安装的设备，保修期…", "非由卖方负责安装的产品")
            r"(?<!非由)(?<!非)(?:供方|卖方|乙方|出卖人|厂家|供应商|承揽人)[^。；]{0,6}(?<!非由)负责[^。；]{0,4}安装(?![^。；，,]{0,6}的)|"
            # the supplier installing for the user ("3日内为用户安装终端设备")
            r"(?<![因认成作])(?:为|给)(?:甲方|买方|需方|用户|客户|消费者|业主)(?!原因|的原因)[^。；，,]{0,6}安装(?!工作|提供|创造|的)|"
            r"(?:工作人员|技术人员|安装人员|工程师)[^。；]{0,16}安装(?:和|及|、|并)?调试|(?:安装|调试)[^。；]{0,6}由(?:供方|卖方|乙方|出卖人|"
            r"厂家|供应商)[^。；]{0,4}(?:负责|派人|派员|完成)",
            # people sent or stationed to do the service ("委派符合岗位资格要求的人员履行本合同", "派驻维保人员")
            r"(?:委派|派驻|选派|派出(?!所|机构))[^。；]{0,16}(?:人员|工程师|技术员|团队|小组|机构)(?![^。；]{0,16}(?:监督|检查|检验|验收|联络|协调|参加))",
            # installation and commissioning as the seller's part of a sale: its own term ("成套设备的安装与调试："), its period
            # ("设备交付后 日内安装调试完"), the seller late with it or its installation service, the supplier to complete it
            r"(?:设备|货物|产品|标的物)的安装(?:与|和|及|、)调试\s*[：:]?\s*$|(?:延期|逾期|延迟|迟延)(?:完成)?安装|"
            r"(?:卖方|出卖人|供方|乙方|厂家|供应商|承揽人|承揽方)[^。；，,]{0,4}(?<!不)提供的?[^。；，,]{0,10}安装(?:调试)?服务|"
            r"(?:卖方|出卖人|供方|乙方|厂家|供应商|承揽人|承揽方)(?:应|应当|须|负责)[^。；]{0,20}(?:完成|进行)[^。；]{0,10}安装|"
            rf"(?:{DUR_ZH}|[_＿\s]{{1,8}}(?:个)?(?:工作日|日|天))\s*(?:内|以内)[^。；，,]{{0,6}}(?:完成)?安装(?:、|和|及|与)?调试",
            # a rescue or emergency service for breakdowns, done where the equipment or vehicle stands ("提供24小时紧急救援服务");
            # an emergency plan or drill (救援预案, 救援演练) is not one
            r"提供[^。；]{0,30}救援服务|道路救援|现场救援|上门救援|拖车服务|(?:免费|提供|负责)拖车",
            # installation within the price ("合同总价包括设备费、运输费和安装调试费"); "不含安装费" is not
            r"(?:价格|价款|总价|报价|合同价|单价)[^。；]{0,24}(?<!不)(?:包括|包含|含)[^。；]{0,24}安装(?:调试)?(?:费|服务)",
            # work done at the site ("由出卖人现场完成安装调试", "组织测绘人员进场作业")
            rf"现场(?:完成|进行|实施|提供){_SITE_WORK_ZH}|(?:进场|入场)(?:作业|安装|调试|服务|维修|检修)",
            # "现场" alone is also the scene of an accident, the building site or a photo of the damage: on-site support
            # is service done there or people going there ("现场服务/指导/维修", "派技术人员到现场", "赶赴故障现场")
            r"实地(?:勘察|勘查|查勘|踏勘|测量|调查|查看)|"
            r"现场(?:技术)?(?:服务|支持|指导|维修|维护|保养|处理|调试|安装|培训|检修|排查|解决|抢修|诊断|勘测|勘察|踏勘|查勘|勘查|测量|调研|配合|交底|"
            r"值守|值班)|(?<![甲买需]方驻)(?<![甲买需]方)(?<!业主驻)(?<!业主)(?<!发包人驻)(?<!发包人)(?<!建设单位驻)(?<!建设单位)"
            r"现场(?:服务|技术|维修|售后)?(?:人员|工程师|代表)|(?:(?<![运送寄])到|赴|去|前往|到达|赶到|赶赴|抵达|进驻|返回|派\w{0,8}到)"
            # ... not to supervise, witness or take samples there ("有权到现场监督", "派员到现场见证取样")
            rf"[^。；，,]{{0,12}}现场(?!监督|见证|旁站|监装|监造|取样|抽样|查看|检查|核查|验收|验货|监理)|在(?:甲方|买方|需方|用户|使用单位|客户|业主)?(?:的)?(?:工作|使用|安装|项目|合同工厂)?现场(?:进行|提供|完成|负责){_SITE_WORK_ZH}|"
            r"(?:到达|抵达|赶到|赶赴)[^。；，,]{0,8}(?:所在地|地点|故障点)|"
            r"(?<![送货车件])上门(?!取|提|送|收)|"
            # ... not the buyer's people stationed or sent to supervise, witness or inspect ("甲方驻场代表负责监督",
            # "买方有权派员到卖方工厂进行监造", "甲方派员参加出厂试验")
            r"(?<!甲方)(?<!买方)(?<!需方)(?<!业主)(?<!发包人)驻场(?!代表|监理|监督)|"
            r"派员(?![^。；，,]{0,12}(?:监造|监督|检验|试验|验收|见证|检查|考察|参加|旁站|抽查|核查))|派(?:遣|出)?[^。；]{0,6}(?:工程师|技术人员|服务人员|维修人员|专家)(?![^。；，,]{0,12}(?:监造|监督|检验|试验|验收|见证|检查|考察|参加|旁站|抽查|核查))|差旅费|食宿|往返机票|"
            r"(?:工程师|技术人员|维修人员|服务人员|售后人员)[^。；]{0,10}(?:到场|赶到|赶赴)|"
            # service done on arrival, with no one named ("在3个工作日内到场维修", "接报后24小时内到场处理")
            r"到场(?:进行)?(?:维修|修理|服务|处理|检修|抢修|排查|排除|解决|调试|指导|支持)|"
            r"远程(?:技术)?(?:支持|指导|诊断|协助|服务|维护|方式|手段|登录|连接)|到达(?:现场|买方|用户)|"
            # a person or a repair request and a time to arrive ("维修人员接到报修后应在30分钟内到达", "急修…15分钟内赶到");
            # goods arriving are a delivery
            rf"(?:工程师|技术人员|维修人员|维保人员|服务人员|售后人员|报修|急修|抢修|求助|呼叫)[^。；]{{0,20}}{DUR_ZH_B}\s*(?:内|以内)"
            r"(?:到达|赶到|抵达|到场)|"
            # the time to be there ("到场时间：24小时")
            r"(?:到场|到达现场|到现场|上门)(?:服务)?(?:时间|时限)|"
            # someone sent to do the work ("派人前往甲方处检修"; not sent to collect goods or to visit), people stationed
            # with the customer ("安排两名工程师常驻甲方工厂"), repairs in the user's home ("入户维修")
            r"派人[^。；，,]{0,10}(?:维修|检修|修理|安装|调试|处理|排除|抢修|服务|指导|排查)|"
            r"(?:工程师|技术人员|维修人员|维保人员|服务人员|人员|团队|小组)[^。；，,]{0,4}(?:常驻|驻守|驻点|驻厂)|"
            r"入户(?:维修|检修|修理|服务|处理|查看|安装)|"
            # a telephone or broadband line installed at the user's (装机), not a plant's installed capacity
            r"装机(?!容量|功率|规模|总量|台数|数量|总容量)|"
            # people who come when called; going to the customer's premises to do the work ("前往甲方所在地进行调试")
            rf"随叫随到|(?:前往|赶赴|赴)(?:甲方|买方|需方|用户|客户|业主)(?:的)?(?:处|所在地|单位|工厂|厂区|公司|住所){_SITE_WORK_ZH}",
            # the supplier's people stationed at the buyer's ("安排技术人员进驻甲方工厂"), their travel and lodging paid
            # ("乙方技术人员往返交通费、住宿费由乙方承担"), the work done where the equipment is used ("在设备使用地提供…安装指导")
            r"(?:人员|工程师|技术员|团队|小组)[^。；，,]{0,10}进驻|"
            r"(?:技术人员|工程师|服务人员|维修人员|售后人员|安装人员|调试人员)[^。；]{0,12}(?:交通费|住宿费|食宿费|路费|差旅)|"
            r"在(?:设备|货物|产品)?(?:的)?(?:使用地|安装地|使用地点|安装地点|使用现场|安装现场)[^。；]{0,10}(?:安装|调试|维修|指导|服务|培训|检修)",
            # session 8: arriving "至现场" ("乙方工程师应于24小时内赶至现场"; goods carried or delivered there are none: "运至/送货至/
            # 交付至现场"); going "到/至" the user's place to do the work ("技术人员应到用户处进行检修"); the supplier's people working
            # at the site ("乙方人员在甲方现场作业期间…"); free installation or installation guidance by the seller ("提供免费安装及
            # 调试指导"; "设备由甲方自行安装" is none). The provider's own inspection rounds (巡检, 巡查) were tried and left out:
            # on development texts they were a manager's or maintainer's routine checks, not support on site (two false alarms)
            r"(?<![运送寄交发货递输载付截])至(?:甲方|买方|需方|用户|客户|业主)?(?:的)?(?:故障|事故|施工|安装|使用|工作|项目)?现场"
            r"(?!监督|见证|旁站|监装|监造|取样|抽样|查看|检查|核查|验收|验货|监理|交货|交付|签收)|"
            rf"(?<![送运寄交发货递输载付])(?:到|至)(?:甲方|买方|需方|用户|客户|业主|使用单位|使用方)(?:的)?(?:处|所在地|单位|工厂|厂区|公司|住所|场所|家中){_SITE_WORK_ZH}|"
            r"(?:人员|工程师|技术员|团队|小组)[^。；，,]{0,8}(?:在|于|进入)[^。；，,]{0,8}现场(?:作业|工作|施工|服务|期间)|"
            r"进入(?:甲方|买方|需方|用户|客户|业主)?(?:的)?(?:施工|工作|使用|安装)?现场(?:作业|施工|工作|服务|维修|安装)|"
            r"(?<!非)(?<!不)(?:免费|包)(?:送货)?(?:上门)?(?:及|和|并|、)?安装(?!费)|"
            r"提供[^。；，,]{0,8}(?:安装|调试)(?:及|和|与|、)?(?:调试)?(?:技术)?指导",
            # session 9 (rules26): the supplier's own work at the site, by any work word ("乙方负责现场勘验和取证工作", "受托方应对
            # 标的房屋进行现场鉴定", "乙方现场作业时…", "乙方的技术员…在现场进行安全技术交底"): the supplier or its people earlier in
            # the sentence, with no other actor between (the buyer, authorities, both parties, someone the supplier only assists:
            # "配合有关部门的现场调查"); acceptance, witnessing or sampling there is none ("交货现场取样检测"), nor the people
            # going in and out of it ("对自身出入施工现场的人员进行安全交底")
            rf"{_SUPPLIER_SIDE_ZH}(?:(?!{_OTHER_ACTOR_ZH})[^。；]){{0,30}}(?<!事故)(?<!交货)(?<!交车)(?<!验收)现场"
            r"(?:(?:进行|开展|从事|实施|完成)[^。；，,]{0,4}?)?(?:检测|鉴定|勘验|作业|工作|测绘|核实|核查|调查|取证|监测|测试|服务|维修|"
            r"施工|安装|调试|人员|操作|指导|交底)(?![^。；，,]{0,8}(?:验收|见证|取样|抽样|签收))|"
            # ... stationed at the site, or entering it to work ("安排专业人员驻现场开展造价咨询工作", "进入现场开展测量工作");
            # the buyer's representative there is none ("甲方驻现场代表")
            r"(?<![甲买需]方)(?<!业主)(?<!发包人)(?<!建设单位)驻(?:项目|施工|工程|工作)?现场(?!代表|监理|监督|监造)|"
            r"(?:进入|进驻)(?:项目|施工|工程|工作)?现场(?:后)?(?:开展|进行|从事|实施)[^。；，,]{0,12}(?:工作|作业|测量|检测|勘察|服务|"
            r"维修|安装|调试|鉴定|勘验)|"
            # ... field work ("完成外业测量"; "外业费用" is a price)
            r"外业(?:测量|作业|工作|调查|测绘|勘察|勘测|数据采集|采集)|"
            # ... at the buyer's premises named other than 现场 ("乙方在甲方场所内完成设备的维修保养工作", "在甲方机房内进行…安装调试")
            r"在(?:甲方|买方|需方|用户|客户|业主|使用单位)(?:的)?(?:场所|厂区|厂房|机房|工地|住所|家中|办公场所|办公地点|营业场所|车间)"
            r"(?:内)?(?:完成|进行|提供|开展|实施)[^。；，,]{0,12}(?:安装|调试|维修|维护|保养|服务|指导|检修|抢修|培训|排查|诊断|修复|工作)|"
            # ... a rescue provided ("乙方应提供救援或者更换同类车辆"; a rescue plan or drill is none)
            r"提供(?:道路|紧急|现场|上门)?救援(?!预案|演练|方案|计划)|"
            # ... a property manager's own upkeep of the shared parts and equipment, done where they are (the labels' reading for
            # property-management contracts, SOURCES.md data20e): "物业服务人应对共用部位、共用设施设备进行维修养护", "做好物业服务
            # 区域建筑物及其附属设施的维修养护工作"; not the maintenance fund, its costs or a plan ("专项维修资金", "维修费用")
            r"(?:物业服务人|物业服务企业|物业公司|物业管理(?:单位|企业|人))[^。；]{0,30}(?:维修|养护|维护|保养|检修)[^。；，,]{0,10}(?:共用部位|共用设施设备|共用设施|共用设备|公共设施|公共部位|共有部分|附属设施)|"
            r"(?:共用部位|共用设施设备|共用设施|共用设备|公共设施|公共部位|共有部分|附属设施)(?:[、和及与](?:共用部位|共用设施设备|共用设施|共用设备|公共设施|公共部位|共有部分|附属设施))*(?:的|进行|实施|负责)?(?:日常|定期)?(?:运行)?(?:、)?(?:检查和|检查、)?(?:维修|养护|维护|保养|检修)"
            r"(?!资金|基金|费|计划|方案|制度|责任)|"
            r"物业(?:服务|管理)区域[^。；]{0,20}(?:维修养护|维修|养护)(?:工作|服务)(?!资金|基金|费|计划|方案|制度)",
        ),
        # an offeror's site visit before the award is no support on site ("Offerors may attend a site visit")
        exclude=_c(
            r"\b(?:offerors?|bidders?|quoters?|prospective\s+(?:offerors?|contractors?|bidders?)|pre-?(?:proposal|bid|quote|"
            r"solicitation)\s+(?:conference|site\s+visit|meeting))\b",
            # the buyer's people travelling to the supplier (for training, a factory test) are no support on site
            r"^[^。；]{0,12}(?:甲方|买方|需方|用户)(?:的)?(?:人员|技术人员|操作人员|学员|代表)[^。；，,]{0,6}(?:赴|到|前往|去)(?:乙方|卖方|供方|供应商|厂家)",
        ),
        triggers=tuple(
            (
                "perform provided accomplished conducted located stationed housed assigned work online clinic hospital lab mine workshop 在线 视频 安装 site dispatch send travel accommodation "
                "lodging remote arriv attend visit ticket 人员 工程师 委派 派驻 选派 现场 上门 驻场 到场 赶到 赶赴 派 差旅 食宿 机票 远程 "
                "到达 抵达 进场 到场时 上门时 救援服务 救援 拖车 实地 入户 装机 随叫随到 前往 赴 常驻 驻守 驻点 驻厂 进驻 交通费 住宿费 路费 使用地 安装地 "
                "至 到 免费 包 指导 外业 场所 厂区 厂房 机房 工地 住所 家中 办公 营业 车间 养护 维修 维护 保养 检修"
            ).split()
        ),
        baseline=("on-site", "现场"),
    ),
)
