"""Which places a web page's address spells: government sites name their unit in pinyin.

A county's site is its short name in pinyin (``xuwen.gov.cn``: 徐闻县), or the initials of
its province or city followed by its own (``fjyx.gov.cn``: 福建尤溪县, ``qzlc.gov.cn``:
泉州鲤城区); a city's site is the city's name (``zhanjiang.gov.cn``).  A report page's
address therefore tells apart same-name towns (下洋镇 of 徐闻县 and of 永定区) the text
does not place.  Only the host is read: a path's abbreviations (``/jljd/``) are the site's
own and too short to be told from each other.

Examples
--------
>>> sorted(host_labels("http://xxgk.sxgp.gov.cn:8080/xzjd/t20260203.shtml"))
['sxgp']
>>> spells(host_labels("http://www.xuwen.gov.cn/a.html"), "广东", "湛江", "徐闻")
True
>>> spells(host_labels("http://www.fjyx.gov.cn/"), "福建", "三明", "尤溪")
True
>>> spells(host_labels("http://www.fjyx.gov.cn/"), "福建", "龙岩", "永定")
False
"""

from __future__ import annotations

import itertools
from functools import cache
from urllib.parse import urlsplit

__all__ = [
    "host",
    "host_labels",
    "spelling",
    "spellings",
    "spells",
    "spells_initials",
    "spells_province",
]

#: Host labels that name no place: protocols' and registries' words, and the columns
#: government sites put before their own name (xxgk.sxgp.gov.cn: 信息公开).
_GENERIC = frozenset(
    "www gov cn com net org edu wap mobile xxgk zwgk gk zfxxgk admin web site portal "
    "sfj sft fzzf zwfw rmzf".split()  # 司法局, 司法厅, 法治政府, 政务服务, 人民政府
)

#: A host longer than this is no government site's (a hostile page's megabyte).
_HOST_MAX = 253


def host(address: str) -> str:
    """The host of a web address, lower case ("" for none, or a malformed or overlong one)."""
    try:
        name = urlsplit(address.strip()).hostname or ""
    except ValueError:  # a malformed address (an unclosed IPv6 bracket): no host
        return ""
    return name if len(name) <= _HOST_MAX else ""


def host_labels(address: str) -> frozenset[str]:
    """The labels of an address's host that may spell a place: lower case, Latin letters
    only, two or more, without the generic ones (``www``, ``gov`` ...)."""
    pieces = {piece for label in host(address).split(".") for piece in (label, *label.split("-"))}
    return frozenset(
        p for p in pieces if len(p) >= 2 and p.isascii() and p.isalpha() and p not in _GENERIC
    )


#: Most readings of a name tried (the product of its characters' readings grows fast).
_READINGS_MAX = 16


def spelling(short: str) -> tuple[str, str]:
    """A place name's pinyin and its initials, lower case (徐闻 -> ``('xuwen', 'xw')``)."""
    return spellings(short)[0]


@cache
def spellings(short: str) -> tuple[tuple[str, str], ...]:
    """Every reading of a place name as (pinyin, initials): the usual one first, then those of
    its characters' other readings, which place names often keep (浚县 is ``xunxian``, not
    the ``junxian`` of 浚 elsewhere; 长治 ``changzhi``, not ``zhangzhi``).

    >>> spellings("浚")[:2]
    (('jun', 'j'), ('xun', 'x'))
    """
    # Imported here: only a report of a same-name town with an address needs it.
    from pypinyin import Style, lazy_pinyin, pinyin

    readings = dict.fromkeys([tuple(lazy_pinyin(short, errors="ignore"))])
    others = pinyin(short, style=Style.NORMAL, heteronym=True, errors="ignore")
    for syllables in itertools.islice(itertools.product(*others), _READINGS_MAX):
        readings.setdefault(syllables, None)
    return tuple(
        ("".join(syllables).lower(), "".join(s[:1] for s in syllables).lower())
        for syllables in readings
    )


def spells(
    labels: frozenset[str],
    province: str,
    city: str | None,
    county: str | None,
    every_reading: bool = True,
    level: str = "",
) -> bool:
    """Whether a host's ``labels`` spell the county or the city of these short names.

    A county is spelled by its pinyin, or by its province's or city's initials (or pinyin)
    before its own initials, with the initial of 省 or 市 between or not (``cqstl``: 重庆市铜梁)
    and the initial of its ``level`` (县, 区 …) after or not (``xjsmgq``: 新疆水磨沟区), or by
    their initials before its pinyin (``ahhuoshan``: 安徽霍山);
    a city by its pinyin, or its province's initials before its initials.  A county's
    initials alone (``xw``) are too short to count.  ``every_reading=False`` tries the
    names' usual readings alone.

    >>> spells(host_labels("https://cqstl.gov.cn/a.html"), "重庆", None, "铜梁")
    True
    >>> spells(host_labels("http://www.xjsmgq.gov.cn/a.htm"), "新疆", "乌鲁木齐", "水磨沟", level="区")
    True
    """
    if not labels:
        return False
    readings = spellings if every_reading else lambda name: (spelling(name),)
    over = [spelling(province)] + ([spelling(city)] if city else [])
    after = ("", spelling(level)[1]) if level else ("",)
    keys = set()
    for full, initials in readings(county) if county else ():
        keys.add(full)
        for above_full, above_initials in over:
            for tail in after:
                keys.update(
                    (above_initials + initials + tail, above_initials + "s" + initials + tail)
                )
            keys.update((above_full + full, above_initials + full))
    for full, initials in readings(city) if city else ():
        keys.update((full, spelling(province)[1] + initials))
    return not keys.isdisjoint(labels)


def spells_initials(labels: frozenset[str], county: str, shortest: int = 2) -> bool:
    """Whether a host's ``labels`` hold a county's initials alone (``by.gov.cn``: 白云区),
    at least ``shortest`` letters: weak, since many counties share them; a caller asks it
    only of a few candidates, or of a county whose initials no other of its level has.

    >>> spells_initials(host_labels("https://www.dxh.gov.cn/a.html"), "东西湖")
    True
    """
    return any(len(i) >= shortest and i in labels for _, i in spellings(county))


def spells_province(labels: frozenset[str], province: str) -> bool:
    """Whether a host's ``labels`` spell a province by its pinyin (``beijing.gov.cn``: 北京):
    a province's portal, or a municipality's, which holds its districts' pages.

    Its initials alone (``bj``) are too short to count.

    >>> spells_province(host_labels("https://www.beijing.gov.cn/gongkai/a.html"), "北京")
    True
    >>> spells_province(host_labels("https://www.bjmy.gov.cn/a.html"), "北京")
    False
    """
    return spelling(province)[0] in labels
