"""The interface in Chinese and English: which language a request gets, and the words.

The language is, in order: a ``lang`` query parameter (the switch on every page, remembered in a
cookie), the ``lawgraph_lang`` cookie, the browser's ``Accept-Language`` (q-values honoured),
then Chinese.

>>> pick_language(None, None, "en-GB,en;q=0.9,zh;q=0.8")
'en'
>>> pick_language(None, None, "zh-CN,zh;q=0.9,en;q=0.8")
'zh'
>>> pick_language("en", "zh", "zh-CN")
'en'
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("zh", "en")
DEFAULT = "zh"
COOKIE = "lawgraph_lang"


def _normal(value: str | None) -> str | None:
    if not value:
        return None
    main = value.strip().lower().split("-")[0].split("_")[0]
    return main if main in LANGUAGES else None


def from_accept_language(header: str | None) -> str | None:
    """The best of zh / en an ``Accept-Language`` header asks for (None if neither)."""
    if not header:
        return None
    best, best_q = None, 0.0
    for part in header.split(","):
        fields = part.split(";")
        lang = _normal(fields[0])
        q = 1.0
        for f in fields[1:]:
            key, _, value = f.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if lang and q > best_q:  # ties go to the earlier range (the browser's order)
            best, best_q = lang, q
    return best


def pick_language(param: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The interface language for a request."""
    return _normal(param) or _normal(cookie) or from_accept_language(accept_language) or DEFAULT


MESSAGES: Mapping[str, Mapping[str, str]] = {
    "site": {"zh": "lawgraph 法治知识图谱", "en": "lawgraph"},
    "tagline": {
        "zh": "地方治理与法治知识图谱：每条事实都可追溯到报告原文。",
        "en": "A knowledge graph of Chinese local governance and law: every fact traced to its source sentence.",
    },
    "nav.editor": {"zh": "SPARQL 查询", "en": "SPARQL editor"},
    "nav.questions": {"zh": "常用问题", "en": "Questions"},
    "nav.reports": {"zh": "报告", "en": "Reports"},
    "nav.api": {"zh": "API 文档", "en": "API docs"},
    "switch": {"zh": "English", "en": "中文"},
    "switch.label": {"zh": "切换到英文界面", "en": "Switch to Chinese"},
    "skip": {"zh": "跳到正文", "en": "Skip to content"},
    "editor.title": {"zh": "SPARQL 查询编辑器", "en": "SPARQL query editor"},
    "editor.intro": {
        "zh": "在下方编写 SPARQL 查询，按 Ctrl+Enter 或点击运行按钮。结果可显示为表格、原始响应，CONSTRUCT 查询或两列结果还可显示为关系图。",
        "en": "Write a SPARQL query below and press Ctrl+Enter or the run button. Results show as a table, the raw response, and — for CONSTRUCT queries or two-column results — a graph.",
    },
    "editor.examples": {"zh": "示例查询", "en": "Example queries"},
    "editor.canned": {"zh": "常用问题的 SPARQL", "en": "SPARQL of the canned questions"},
    "editor.noscript": {
        "zh": "查询编辑器需要 JavaScript。也可以直接使用 /sparql 接口或“常用问题”页面。",
        "en": "The editor needs JavaScript. You can also use the /sparql endpoint or the Questions pages.",
    },
    "questions.title": {"zh": "常用问题", "en": "Canned questions"},
    "questions.intro": {
        "zh": "分析人员常问的问题，每个问题都有参数表单、结果表格、CSV 下载，以及（适用时）关系图。",
        "en": "Questions analysts ask, each with a form for its parameters, a table of results, a CSV download and, where the answer is a network, a graph.",
    },
    "question.run": {"zh": "查询", "en": "Run"},
    "question.reset": {"zh": "清空", "en": "Clear"},
    "question.required": {"zh": "必填", "en": "required"},
    "question.any": {"zh": "（不限）", "en": "(any)"},
    "question.rows": {"zh": "每页行数", "en": "Rows per page"},
    "question.results": {"zh": "结果", "en": "Results"},
    "question.total": {
        "zh": "共 {total} 行，显示第 {first}–{last} 行",
        "en": "{total} rows; showing {first}–{last}",
    },
    "question.none": {"zh": "没有结果。", "en": "No rows."},
    "question.csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "question.json": {"zh": "JSON", "en": "JSON"},
    "question.sparql": {"zh": "在编辑器中打开 SPARQL", "en": "Open the SPARQL in the editor"},
    "question.next": {"zh": "下一页", "en": "Next page"},
    "question.previous": {"zh": "上一页", "en": "Previous page"},
    "question.graph": {"zh": "关系图", "en": "Graph"},
    "question.table": {"zh": "表格", "en": "Table"},
    "question.params": {"zh": "参数", "en": "Parameters"},
    "question.notfound": {
        "zh": "找不到名为“{text}”的实体，请从候选列表中选择。",
        "en": "No entity is named “{text}”: pick one from the suggestions.",
    },
    "picker.hint": {
        "zh": "输入中文名称、简称或拼音，用上下键选择",
        "en": "Type a Chinese name, short name or pinyin; choose with the arrow keys",
    },
    "picker.none": {"zh": "没有匹配的实体", "en": "No matching entity"},
    "type.any": {"zh": "任意类型", "en": "any type"},
    "entity.labels": {"zh": "名称", "en": "Names"},
    "entity.label": {"zh": "名称", "en": "Name"},
    "entity.altLabels": {"zh": "其他写法", "en": "Also written"},
    "entity.pinyin": {"zh": "拼音", "en": "Pinyin"},
    "entity.iri": {"zh": "IRI", "en": "IRI"},
    "entity.properties": {"zh": "属性", "en": "Properties"},
    "entity.facts": {"zh": "事实与原文依据", "en": "Facts and their sources"},
    "entity.mentions": {"zh": "在报告中的提及", "en": "Mentions in reports"},
    "entity.relations": {"zh": "关系", "en": "Relations"},
    "entity.neighbours": {"zh": "关系图", "en": "Neighbours"},
    "entity.download": {"zh": "下载", "en": "Download"},
    "entity.report": {"zh": "出自报告", "en": "From the report"},
    "entity.source": {"zh": "原文", "en": "Source"},
    "entity.nofacts": {"zh": "没有记载的事实。", "en": "No facts recorded."},
    "entity.incoming": {"zh": "被引用", "en": "Referred to by"},
    "report.text": {"zh": "报告原文", "en": "Report text"},
    "report.facts": {"zh": "从本报告提取的事实", "en": "Facts drawn from this report"},
    "report.legend": {"zh": "图例", "en": "Legend"},
    "report.published": {"zh": "发布日期", "en": "Published"},
    "report.issuer": {"zh": "发布机构", "en": "Issued by"},
    "report.source": {"zh": "原始链接", "en": "Source URL"},
    "report.entities": {"zh": "提及的实体", "en": "Entities mentioned"},
    "report.list": {"zh": "报告列表", "en": "Reports"},
    "report.mentions": {"zh": "提及", "en": "mentions"},
    "graph.legend": {"zh": "图例", "en": "Legend"},
    "graph.fit": {"zh": "适应窗口", "en": "Fit"},
    "graph.empty": {"zh": "没有可绘制的关系。", "en": "Nothing to draw."},
    "error.title": {"zh": "出错了", "en": "Something went wrong"},
    "error.notfound": {"zh": "找不到这个页面", "en": "Page not found"},
    "error.notfound.text": {
        "zh": "图中没有这个 IRI，或者该地址不存在。",
        "en": "The graph has nothing with this IRI, or the address does not exist.",
    },
    "error.busy": {
        "zh": "查询超时或存储暂时不可用，请稍后再试。",
        "en": "The query timed out or the store is busy; please try again shortly.",
    },
    "error.home": {"zh": "返回首页", "en": "Back to the start page"},
    "fact.Tenure": {"zh": "任职", "en": "Post"},
    "fact.Participation": {"zh": "参与", "en": "Participation"},
    "fact.Promotion": {"zh": "普法宣传", "en": "Law promotion"},
    "fact.Measure": {"zh": "量化指标", "en": "Count"},
    "fact.promotes": {"zh": "宣传", "en": "promoted"},
    "fact.holds": {"zh": "任", "en": "is"},
    "fact.at": {"zh": "于", "en": "at"},
    "fact.of": {"zh": "统计", "en": "for"},
    "footer.data": {
        "zh": "数据来自地方政府公开报告；每条事实都链接到原文句子。",
        "en": "Data from local governments' published reports; every fact links to its sentence.",
    },
}


def translate(key: str, lang: str, **values: object) -> str:
    """The message ``key`` in ``lang`` (``key`` itself if unknown), with ``{name}`` filled."""
    entry = MESSAGES.get(key)
    text = entry.get(lang, entry[DEFAULT]) if entry else key
    return text.format(**values) if values else text
