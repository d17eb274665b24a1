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

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
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
    """Return the main text of an HTML page and metadata (``page_title``)."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    best = _best_article(parser.root) or parser.root
    lines = [re.sub(r"[ \t\r\f\v]+", " ", ln).strip() for ln in best.text().split("\n")]
    text = "\n".join(ln for ln in lines if ln)
    meta = {}
    title = "".join(parser.title).strip()
    if title:
        meta["page_title"] = title
    return text, meta


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
