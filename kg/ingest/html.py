"""Reduce a scraped government web page to the text of its article.

Scripts, styles, navigation, headers, footers and forms are dropped; of what
is left, the block with the most Chinese text under a container whose id or
class says it holds the article is kept (``content``, ``article``, ``zoom``,
``TRS_Editor`` ...), else the whole body.

Examples
--------
>>> page = ('<html><head><title>t</title><script>alert(1)</script></head><body>'
...         '<nav>首页 政务公开</nav><div class="article"><p>一、主要举措</p>'
...         '<p>落实合法性审查。</p></div><footer>版权所有</footer></body></html>')
>>> html_to_text(page)
('一、主要举措\\n落实合法性审查。', {'page_title': 't'})

A government site's article page also says in ``<meta>`` tags what its
article is, who published it and when (the names the State Council's 2017
guideline for government websites, 政府网站发展指引, prescribes); those win
over the ``<title>`` and over dates and publishers read from the text.  The site's
name (``SiteName``, else the last part of the ``<title>``) is its owner, the unit
or one above it:

>>> page = ('<html><head><title>报告_青禾县人民政府</title>'
...         '<meta name="ArticleTitle" content="青禾镇2025年法治政府建设情况报告">'
...         '<meta name="PubDate" content="2026-01-20 09:30">'
...         '<meta name="ContentSource" content="青禾镇人民政府"></head>'
...         '<body><div class="content"><p>2025年，我镇依法行政。</p></div></body></html>')
>>> sorted(html_to_text(page)[1].items())
[('page_site', '青禾县人民政府'), ('page_source', '青禾镇人民政府'), \
('page_title', '青禾镇2025年法治政府建设情况报告'), ('published', '2026-01-20')]
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from kg.chars import HAN

_SKIP = {
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "form",
    "select",
    "button",
    "iframe",
    "svg",
    "template",
    "aside",
    "head",
}
_VOID = {
    "br",
    "img",
    "hr",
    "meta",
    "link",
    "input",
    "area",
    "base",
    "col",
    "embed",
    "source",
    "track",
    "wbr",
    "param",
}
_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "table",
    "ul",
    "ol",
    "dd",
    "dt",
    "blockquote",
    "pre",
    "td",
    "center",
}
_ARTICLE_HINT = re.compile(
    r"article|content|zoom|detail|trs_editor|main|text|zw|cont|body_?text|news", re.I
)
_CHROME_HINT = re.compile(
    r"nav|menu|header|footer|breadcrumb|crumb|sidebar|share|related|position|"
    r"location|toolbar|copyright|bottom|top|link",
    re.I,
)
_CJK = re.compile(f"[{HAN}]")

#: The article's ``<meta name=…>`` fields this reader keeps, by the metadata key they fill.
_META_FIELDS = {
    "articletitle": "page_title",
    "pubdate": "published",
    "contentsource": "page_source",
    "sitename": "page_site",
}
# A government page's index number (索 引 号：113708120042347000/2026-00508) opens with the
# publisher's credit code or its division code, which says where the publisher is.  In a
# table the value stands on the line below its label.
_INDEX_LABEL = re.compile(r"索\s*引\s*号[ \t]*[:：|]?[ \t]*([0-9A-Za-z][0-9A-Za-z/\-]{0,40})?")
_INDEX_BELOW = re.compile(r"[ \t]*\n\s*([0-9A-Za-z][0-9A-Za-z/\-]{0,40})[ \t]*(?:\n|$)")
#: What separates the parts of a page's ``<title>`` (…工作安排_法治政府建设年度报告_某县人民政府):
#: the article's title, its column, the site's name last.
TITLE_PARTS = re.compile(r"\s*[_|｜]\s*|\s+[-—]\s+")
#: A meta value longer than this is no title, date or publisher (a hostile page's megabyte).
_META_MAX_CHARS = 200
#: A web address as a page states its own (its host is read, kg/extractors/web_address.py).
_ADDRESS = re.compile(r"https?://[^\s\"'<>]{1,500}", re.I)
_SAVED_FROM = re.compile(r"(?:saved from url=\(\d{1,5}\)|^\s*url:\s*)(\S{1,520})", re.I | re.M)
_PUB_DATE = re.compile(r"\s*(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")


class _Node:
    __slots__ = ("tag", "hint", "parts", "children", "chrome", "cjk")

    def __init__(self, tag: str, hint: str) -> None:
        self.tag, self.hint = tag, hint
        self.parts: list[str | _Node] = []
        self.children: list[_Node] = []
        self.chrome = bool(_CHROME_HINT.search(hint)) and not _ARTICLE_HINT.search(hint)
        self.cjk = 0

    def text(self) -> str:
        """The text of the subtree, block elements on lines of their own.

        One walk with an explicit stack, never recursion: a page of 10,000
        nested tags must neither overflow the stack nor cost quadratic time.
        """
        out: list[str] = []
        todo: list[str | _Node] = [self]
        while todo:
            item = todo.pop()
            if isinstance(item, str):
                out.append(item)
                continue
            wrap = "\n" if item.tag in _BLOCK else ""
            # Pushed in reverse so they pop in document order.
            todo.append(wrap)
            todo.extend(reversed(item.parts))
            todo.append(wrap)
        return "".join(out)


def _count_cjk(root: _Node) -> None:
    """Set ``cjk`` (Chinese characters in the subtree) on every node, bottom-up, in one pass."""
    order, todo = [], [root]
    while todo:
        node = todo.pop()
        order.append(node)
        todo.extend(node.children)
    for node in reversed(order):
        node.cjk = sum(c.cjk for c in node.children) + sum(
            len(_CJK.findall(p)) for p in node.parts if isinstance(p, str)
        )


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", "")
        self.stack = [self.root]
        self.skip_depth = 0
        self.title: list[str] = []
        self.in_title = False
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in ("meta", "link"):
            self._address(tag, dict(attrs))
        if tag == "meta":
            self._meta_field(dict(attrs))
        if tag in _VOID:
            if tag == "br" and not self.skip_depth:
                self.stack[-1].parts.append("\n")
            return
        if self.skip_depth or tag in _SKIP:
            self.skip_depth += 1
            return
        hint = " ".join(v or "" for k, v in attrs if k in ("id", "class"))
        node = _Node(tag, hint)
        if node.chrome:
            self.skip_depth += 1
            return
        self.stack[-1].parts.append(node)
        self.stack[-1].children.append(node)
        self.stack.append(node)

    def _meta_field(self, attrs: dict[str, str | None]) -> None:
        key = _META_FIELDS.get((attrs.get("name") or "").strip().lower())
        value = " ".join((attrs.get("content") or "").split())
        if not key or not value or len(value) > _META_MAX_CHARS or key in self.fields:
            return
        if key == "published":
            value = _iso_date(value) or ""
        if value:
            self.fields[key] = value

    def _address(self, tag: str, attrs: dict[str, str | None]) -> None:
        """The page's own address: ``<link rel="canonical">``, ``<meta property="og:url">``."""
        if tag == "link" and (attrs.get("rel") or "").strip().lower() == "canonical":
            self._keep_address(attrs.get("href"))
        elif tag == "meta" and (attrs.get("property") or "").strip().lower() == "og:url":
            self._keep_address(attrs.get("content"))

    def _keep_address(self, value: str | None) -> None:
        if "page_url" not in self.fields and (address := web_address(value or "")):
            self.fields["page_url"] = address

    def handle_comment(self, data: str) -> None:
        # What a browser (saved from url=(0071)http://…) or SingleFile (url: http://…)
        # writes of where a saved page came from.
        if match := _SAVED_FROM.search(data[:2000]):
            self._keep_address(match.group(1))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _VOID:
            return
        if self.skip_depth:
            self.skip_depth -= 1
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip_depth:
            self.stack[-1].parts.append(data)


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Return the main text of an HTML page and its metadata: ``page_title``, and where the
    page gives them ``published``, ``page_source`` (its publisher), ``page_site`` (the
    site's name: its ``SiteName`` field, else the last part of its ``<title>``),
    ``index_number`` (索引号) and ``page_url`` (its canonical address, else the one a browser
    or SingleFile wrote when saving it)."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    best = _best_article(parser.root) or parser.root
    lines = [re.sub(r"[ \t\r\f\v]+", " ", ln).strip() for ln in best.text().split("\n")]
    text = "\n".join(ln for ln in lines if ln)
    meta = dict(parser.fields)
    # The index number stands in the page's publishing fields, often outside the article.
    if (index := index_number(parser.root.text())) is not None:
        meta["index_number"] = index
    title = "".join(parser.title).strip()
    if title and "page_title" not in meta:
        meta["page_title"] = title
    parts = [part for part in TITLE_PARTS.split(title) if part]
    if len(parts) > 1 and len(parts[-1]) <= _META_MAX_CHARS and "page_site" not in meta:
        meta["page_site"] = parts[-1]
    return text, meta


def web_address(value: str) -> str | None:
    """``value`` if it is a web address (http or https, no space, at most 500 characters
    after the scheme), else None.

    >>> web_address(" http://www.xuwen.gov.cn/a.html "), web_address("javascript:void(0)")
    ('http://www.xuwen.gov.cn/a.html', None)
    """
    value = value.strip()
    return value if _ADDRESS.fullmatch(value) else None


def index_number(text: str) -> str | None:
    """The index number of a page's publishing fields (索引号), if its text gives one.

    Examples
    --------
    >>> index_number("索 引 号：113708120042347000/2026-00508 公开方式：主动公开")
    '113708120042347000/2026-00508'
    >>> index_number("索引号：\\n370481/2026-00158\\n"), index_number("索引号：\\n公开方式")
    ('370481/2026-00158', None)
    """
    for label in _INDEX_LABEL.finditer(text):
        if label.group(1):
            return label.group(1)
        if below := _INDEX_BELOW.match(text, label.end()):
            return below.group(1)
    return None


def _iso_date(value: str) -> str | None:
    """``2026-01-20 09:30`` (or 2026/1/20, 2026年1月20日) as 2026-01-20; None when no real date."""
    match = _PUB_DATE.match(value)
    return iso_date(*match.groups()) if match else None


def iso_date(year: str, month: str, day: str) -> str | None:
    """A date written in parts as ``YYYY-MM-DD``; None when no month or day could be it.

    >>> iso_date("2024", "3", "9"), iso_date("2024", "13", "9")
    ('2024-03-09', None)
    """
    y, m, d = int(year), int(month), int(day)
    return f"{y:04d}-{m:02d}-{d:02d}" if 1 <= m <= 12 and 1 <= d <= 31 else None


def _best_article(root: _Node) -> _Node | None:
    """The hinted container holding most of the page's Chinese text."""
    _count_cjk(root)
    total = root.cjk or 1
    best, best_score = None, 0
    todo = list(root.children)
    while todo:
        node = todo.pop()
        todo.extend(node.children)
        if not _ARTICLE_HINT.search(node.hint):
            continue
        score = node.cjk
        # Prefer the innermost container that still holds most of the text.
        if score >= 0.5 * total and (best is None or score <= best_score):
            best, best_score = node, score
    return best
