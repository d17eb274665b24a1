"""The national gazetteer (jionlp's, shipped in ``extractors/data/``), parsed once into lookup tables.

``china_location.txt`` (inside ``extractors/data/china_location.zip``, from
jionlp 1.5.31: see LICENSES/README.md) lists China's divisions as a
tab-indented tree: provinces (no tab; name, code, short name), cities (one
tab), counties (two tabs), township-level units (three tabs; name only) and
villages/communities (four tabs).  Shipping the file pins it: every install
links a town the same way, so a town's IRI does not change with a jionlp
release.  Parsing the 704,487 lines takes about 0.3 s (the 46,681 that are not
villages' are walked one by one).
Village lines are only sliced into names when a town's villages are asked for.

How the hierarchy is modelled
-----------------------------
* Direct-administered municipalities (北京市, 上海市, 天津市, 重庆市) repeat the
  province as the city level in the file (``上海市 / 上海市 / 嘉定区``).  Here
  there is no duplicate city: their counties and towns have ``city=None``
  and belong directly to the province.
* Province-administered county-level units (湖北 仙桃市, 河南 济源市, 海南 and
  新疆 ones) sit under a pseudo-city ``省直辖行政区划`` in the file; they too
  have ``city=None``.
* Prefecture cities without counties (东莞, 中山, 儋州, 嘉峪关) list their towns
  under a pseudo-county ``市直辖行政区划``; those towns have ``county=None``
  and ``county_code=None`` and belong directly to the city.

Examples
--------
>>> [(t.province, t.city, t.county) for t in towns_named("黄鹤镇")]
[('重庆市', None, '石柱土家族自治县')]
>>> "马安村" in villages_of(towns_named("大吉山镇")[0])
True
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

from kg.model import TOWNSHIP_ENDINGS

_PSEUDO_CITY = "省直辖行政区划"
_PSEUDO_COUNTY = "市直辖行政区划"


@dataclass(frozen=True)
class GazetteerProvince:
    """A province-level unit: full name (江西省), short name (江西), code."""

    name: str
    short: str
    code: str | None


@dataclass(frozen=True)
class GazetteerCity:
    """A prefecture-level unit (赣州市, 黔东南苗族侗族自治州) and its province."""

    name: str
    short: str
    code: str | None
    province: str


@dataclass(frozen=True)
class GazetteerCounty:
    """A county-level unit; ``city`` is None under municipalities and for
    province-administered units."""

    name: str
    short: str
    code: str | None
    city: str | None
    province: str


@dataclass(frozen=True)
class GazetteerTown:
    """A township-level unit (镇, 乡, 街道, 苏木 ...) with its hierarchy."""

    town: str
    county: str | None
    city: str | None
    province: str
    county_code: str | None


@dataclass(frozen=True)
class _Tables:
    provinces: tuple[GazetteerProvince, ...]
    province_by_name: dict[str, GazetteerProvince]
    cities: tuple[GazetteerCity, ...]
    city_by_name: dict[str, tuple[GazetteerCity, ...]]
    counties: tuple[GazetteerCounty, ...]
    county_by_name: dict[str, tuple[GazetteerCounty, ...]]
    town_by_name: dict[str, tuple[GazetteerTown, ...]]
    # Village lines are only cut out of the file's text when a town's villages are asked
    # for: building 650,000 strings up front would double the parse time.
    text: str
    village_spans: dict[GazetteerTown, tuple[tuple[int, int], ...]]  # offsets in text


def location_file() -> Path:
    """Path of the gazetteer shipped in ``extractors/data/`` (jionlp's, see LICENSES/README.md).

    Examples
    --------
    >>> location_file().name
    'china_location.zip'
    """
    return Path(str(resources.files("kg.extractors").joinpath("data/china_location.zip")))


def _read_text() -> str:
    """The file's text, ending with a line break."""
    with zipfile.ZipFile(location_file()) as archive:
        text = archive.read("china_location.txt").decode("utf-8").replace("\r\n", "\n")
    return text if text.endswith("\n") else text + "\n"


#: Every line that is not a village's (four tabs), with where it starts: the loop below
#: walks 50,000 lines instead of 700,000.
_UNIT_LINE = re.compile(r"^(?!\t\t\t\t).*$", re.M)


def _own_name(town: str, county: GazetteerCounty | None) -> str:
    """A town's name without its county's before it: the file writes 176 towns of twenty
    counties so (化德县七号镇, 红寺堡区红寺堡镇), where reports and the other towns write
    七号镇, 红寺堡镇."""
    if county is not None and town.startswith(county.name):
        rest = town[len(county.name) :]
        if len(rest) >= 3 and rest.endswith(TOWNSHIP_ENDINGS):
            return rest
    return town


def _field(parts: list[str], i: int) -> str | None:
    return parts[i] if len(parts) > i and parts[i] else None


@cache
def _tables() -> _Tables:
    """Parse the gazetteer file once."""
    provinces: list[GazetteerProvince] = []
    cities: list[GazetteerCity] = []
    counties: list[GazetteerCounty] = []
    town_by_name: dict[str, list[GazetteerTown]] = {}
    spans: dict[GazetteerTown, list[tuple[int, int]]] = {}
    province = city = None
    county: GazetteerCounty | None = None
    town: GazetteerTown | None = None
    town_start = 0
    text = _read_text()
    for match in _UNIT_LINE.finditer(text):
        line = match.group()
        if not line.strip():
            continue
        if town is not None:
            spans.setdefault(town, []).append((town_start, match.start()))
            town = None
        if line.startswith("\t\t\t"):
            town = GazetteerTown(
                _own_name(line[3:].strip(), county),
                county.name if county else None,
                city.name if city else None,
                province.name if province else "",
                county.code if county else None,
            )
            town_by_name.setdefault(town.town, []).append(town)
            town_start = match.end() + 1  # the next line's start
            continue
        parts = line.strip("\t").split("\t")
        if line.startswith("\t\t"):
            if parts[0] == _PSEUDO_COUNTY:
                county = None
            else:
                county = GazetteerCounty(
                    parts[0],
                    _field(parts, 2) or parts[0],
                    _field(parts, 1),
                    city.name if city else None,
                    province.name if province else "",
                )
                counties.append(county)
        elif line.startswith("\t"):
            county = None
            if province is not None and parts[0] in (province.name, _PSEUDO_CITY):
                city = None
            else:
                city = GazetteerCity(
                    parts[0],
                    _field(parts, 2) or parts[0],
                    _field(parts, 1),
                    province.name if province else "",
                )
                cities.append(city)
        else:
            province = GazetteerProvince(parts[0], _field(parts, 2) or parts[0], _field(parts, 1))
            provinces.append(province)
            city, county = None, None
    if town is not None:
        spans.setdefault(town, []).append((town_start, len(text)))
    province_by_name: dict[str, GazetteerProvince] = {}
    for p in provinces:
        province_by_name[p.name] = p
        province_by_name.setdefault(p.short, p)
    return _Tables(
        provinces=tuple(provinces),
        province_by_name=province_by_name,
        cities=tuple(cities),
        city_by_name=_by_names(cities),
        counties=tuple(counties),
        county_by_name=_by_names(counties, name_without_city),
        town_by_name={name: tuple(dict.fromkeys(towns)) for name, towns in town_by_name.items()},
        text=text,
        village_spans={t: tuple(s) for t, s in spans.items()},
    )


_U = TypeVar("_U", GazetteerCity, GazetteerCounty)


def _by_names(
    units: list[_U], other_name: Callable[[_U], str | None] = lambda unit: None
) -> dict[str, tuple[_U, ...]]:
    """Index units by full and short name (a short name may be shared), and ``other_name``."""
    index: dict[str, list[_U]] = {}
    for unit in units:
        for name in dict.fromkeys((unit.name, unit.short, other_name(unit))):
            if name:
                index.setdefault(name, []).append(unit)
    return {name: tuple(found) for name, found in index.items()}


def name_without_city(county: GazetteerCounty) -> str | None:
    """A county's name without its city's before it, where the file writes a zone so
    (岳阳市屈原管理区, 唐山市汉沽管理区) and reports write 屈原管理区 (after the city or not):
    only a 管理区, as the rest are generic (蚌埠市经济开发区); None for any other county.

    >>> [name_without_city(c) for c in county_named("屈原管理区")]
    ['屈原管理区']
    """
    if county.city and county.name.startswith(county.city) and county.name.endswith("管理区"):
        return county.name[len(county.city) :]
    return None


def town_names() -> frozenset[str]:
    """The name of every township-level unit.

    >>> "黄鹤镇" in town_names()
    True
    """
    return frozenset(_tables().town_by_name)


def towns_named(name: str) -> tuple[GazetteerTown, ...]:
    """Every township-level unit with exactly this name, in file order.

    Examples
    --------
    >>> sorted(t.county for t in towns_named("云台镇"))
    ['平昌县', '康县', '长寿区']
    >>> towns_named("青禾镇")
    ()
    """
    return _tables().town_by_name.get(name, ())


def county_named(name: str) -> tuple[GazetteerCounty, ...]:
    """County-level units with this full (长寿区) or short (长寿) name.

    Examples
    --------
    >>> [(c.name, c.province, c.city) for c in county_named("长寿区")]
    [('长寿区', '重庆市', None)]
    >>> [c.name for c in county_named("全南")]
    ['全南县']
    """
    return _tables().county_by_name.get(name, ())


def city_named(name: str) -> tuple[GazetteerCity, ...]:
    """Prefecture-level units with this full (赣州市) or short (赣州) name.

    Examples
    --------
    >>> [(c.name, c.province) for c in city_named("赣州")]
    [('赣州市', '江西省')]
    >>> city_named("重庆市")   # a municipality is a province here, not a city
    ()
    """
    return _tables().city_by_name.get(name, ())


def province_named(name: str) -> GazetteerProvince | None:
    """The province with this full (安徽省) or short (安徽) name, or None.

    Examples
    --------
    >>> province_named("安徽").name, province_named("重庆市").short
    ('安徽省', '重庆')
    """
    return _tables().province_by_name.get(name)


def provinces() -> tuple[GazetteerProvince, ...]:
    """All province-level units, in file order.

    Examples
    --------
    >>> len(provinces())
    34
    """
    return _tables().provinces


def cities() -> tuple[GazetteerCity, ...]:
    """All prefecture-level units (municipalities and pseudo-cities excluded).

    Examples
    --------
    >>> any(c.name == "赣州市" for c in cities())
    True
    """
    return _tables().cities


def counties() -> tuple[GazetteerCounty, ...]:
    """All county-level units (the pseudo-county 市直辖行政区划 excluded).

    Examples
    --------
    >>> any(c.name == "石柱土家族自治县" for c in counties())
    True
    """
    return _tables().counties


def division(code: str) -> GazetteerProvince | GazetteerCity | GazetteerCounty | None:
    """The unit with this six-digit administrative division code, or None.

    Examples
    --------
    >>> division("370812").name, division("350400").name, division("360000").name
    ('兖州区', '三明市', '江西省')
    >>> division("999999") is None
    True
    """
    return _units_by_code().get(code)


@cache
def _units_by_code() -> dict[str, GazetteerProvince | GazetteerCity | GazetteerCounty]:
    units: list[GazetteerProvince | GazetteerCity | GazetteerCounty] = [
        *provinces(),
        *cities(),
        *counties(),
    ]
    return {unit.code: unit for unit in units if unit.code}


def towns_in(county: GazetteerCounty) -> tuple[GazetteerTown, ...]:
    """The township-level units of a county, in file order.

    Examples
    --------
    >>> "鱼复街道" in [t.town for t in towns_in(county_named("奉节县")[0])]
    True
    """
    return _towns_by_county().get((county.province, county.city, county.name), ())


@cache
def _towns_by_county() -> dict[tuple[str, str | None, str | None], tuple[GazetteerTown, ...]]:
    index: dict[tuple[str, str | None, str | None], list[GazetteerTown]] = {}
    for towns in _tables().town_by_name.values():
        for town in towns:
            index.setdefault((town.province, town.city, town.county), []).append(town)
    return {key: tuple(towns) for key, towns in index.items()}


def villages_of(town: GazetteerTown) -> frozenset[str]:
    """Villages and communities the gazetteer lists under a township.

    Examples
    --------
    >>> {"田背村", "大岳村"} <= villages_of(towns_named("大吉山镇")[0])
    True
    """
    return _villages(town)


@cache
def _villages(town: GazetteerTown) -> frozenset[str]:
    tables = _tables()
    return frozenset(
        name
        for start, end in tables.village_spans.get(town, ())
        for line in tables.text[start:end].split("\n")
        if (name := line.strip())
    )


def counts() -> dict[str, int]:
    """Number of units per level: a quick check that the file was read.

    Examples
    --------
    >>> counts()["towns"] > 43000
    True
    """
    t = _tables()
    return {
        "provinces": len(t.provinces),
        "cities": len(t.cities),
        "counties": len(t.counties),
        "towns": sum(len(v) for v in t.town_by_name.values()),
        "villages": sum(
            t.text.count("\n", start, end)
            for spans in t.village_spans.values()
            for start, end in spans
        ),
    }
