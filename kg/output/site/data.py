"""What the explorer's pages show, read from a build's outputs: its graph (through Oxigraph) and tables.

Every page module asks this one module for plain rows; nothing else in the site
reads the graph.  The corpus-wide index (units, reports, mechanisms, which unit
holds which mechanism under which stance in which years) is read once, in a
few whole-corpus queries; a page then needs only that index and queries bound
to one unit, report or mechanism, which the store answers from its indexes in
milliseconds however large the graph.

A unit is what a report is about: ``fz:aboutTown`` (or ``fz:about``, which may
also point at a county or an organisation).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pyoxigraph as ox

from kg.analysis.cooccurrence import SECTION_STANCE, STANCES
from kg.errors import InputError, UsageError
from kg.namespaces import FZ_URI, ID_URI, SKOS
from kg.query.sparql import Term
from kg.query.store import OxigraphStore, default_prefixes, graph_path, open_graph

if TYPE_CHECKING:
    import numpy as np

_Memo = TypeVar("_Memo")

__all__ = [
    "ABOUT",
    "SiteData",
    "Unit",
    "Report",
    "Mechanism",
    "Evidence",
    "Mention",
    "Fact",
    "Pair",
    "Entity",
    "key_of",
    "kind_of",
    "source_index",
]

#: The report -> unit link: fz:aboutTown today; fz:about when reports name any unit.
ABOUT = f"(<{FZ_URI}aboutTown>|<{FZ_URI}about>)"
#: Order in which stances are shown.
STANCE_ORDER = tuple(STANCES)
_SECTION_STANCE = {str(term): stance for term, stance in SECTION_STANCE.items()}
_ZH = 'FILTER (lang(?{0}) = "zh" || lang(?{0}) = "")'
_NOT_KEY = re.compile(r"[^\w.-]", re.ASCII)


@lru_cache(maxsize=1 << 17)
def key_of(iri: str) -> str:
    """The page key of an instance IRI: its path under the id namespace, ``/`` as ``-``.

    >>> key_of("https://w3id.org/fazhi-kg/id/town/37e81b1066706ef0")
    'town-37e81b1066706ef0'
    """
    local = iri[len(ID_URI) :] if iri.startswith(ID_URI) else iri.rsplit("/", 1)[-1]
    return _NOT_KEY.sub("-", local)


def kind_of(iri: str) -> str:
    """The kind segment of an instance IRI (``town``, ``law``, ``mechanism`` ...)."""
    return iri[len(ID_URI) :].split("/", 1)[0] if iri.startswith(ID_URI) else ""


@dataclass(frozen=True)
class Unit:
    """A reporting unit with where it is and its reports (keys, by year)."""

    iri: str
    key: str
    label: str
    kind: str
    county: str = ""
    city: str = ""
    province: str = ""
    reports: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """A report: title, year, issue date, its unit and source file."""

    iri: str
    key: str
    title: str
    year: int | None
    issued: str
    unit: str  # unit key, "" when the report names none
    file_name: str
    sha256: str


@dataclass(frozen=True)
class Mechanism:
    """A concept of the mechanism vocabulary."""

    iri: str
    key: str
    label: str
    label_en: str = ""
    definition: str = ""
    variants: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()  # keys of broader concepts


@dataclass(frozen=True)
class Fact:
    """A unit holds a mechanism under a stance, with the years of the reports that say so."""

    unit: str
    mechanism: str
    stance: str
    years: tuple[int, ...]


@dataclass(frozen=True)
class Evidence:
    """A sentence naming an entity: where it stands and what stance its section gives."""

    entity: str  # key
    report: str  # key
    year: int | None
    stance: str  # adopted, planned, problem, or "" (another section)
    heading: str
    sentence: str


@dataclass(frozen=True)
class Mention:
    """An extracted span of a report's decoded text (offsets into the source file)."""

    start: int
    end: int
    text: str
    entity: str  # key
    entity_kind: str
    label: str


@dataclass(frozen=True)
class Pair:
    """A co-occurring mechanism and the statistics of the pair (from cooccurrence.csv)."""

    other: str  # mechanism key
    label: str
    towns: int
    jaccard: str
    lift: str
    npmi: str
    p_value: str
    q_value: str
    note: str


@dataclass(frozen=True)
class Entity:
    """Any other node: its label, type and plain properties."""

    iri: str
    key: str
    label: str
    types: tuple[str, ...]
    properties: tuple[tuple[str, str, str], ...] = ()  # (property, value, key of a linked node)


@dataclass
class _Index:
    units: dict[str, Unit] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)
    mechanisms: dict[str, Mechanism] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)


def source_index(paths: Iterable[str | Path], base: Path | None = None) -> dict[str, str]:
    """SHA-256 of each readable report file -> its path (relative to ``base`` when given, else
    absolute).

    The site reads a report's text from its source file; the graph keeps only
    the file's name and hash.
    """
    found: dict[str, str] = {}
    for path in paths:
        path = Path(path)
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue
        found[digest] = (
            os.path.relpath(path.resolve(), base.resolve()) if base else str(path.resolve())
        )
    return found


class SiteData:
    """The data of every page, over an Oxigraph store of a build's graph and its folder.

    Parameters
    ----------
    store : OxigraphStore
        The build's graph.
    out_dir : Path, optional
        The build's output folder: problems.jsonl, cooccurrence.csv and the
        research tables (scorecard.csv, copies.csv, panel.csv, changes.csv)
        are read from there when present.
    sources : mapping, optional
        SHA-256 -> path of the source files (relative to ``out_dir``), for report text.
    """

    def __init__(
        self,
        store: OxigraphStore,
        out_dir: str | Path | None = None,
        sources: Mapping[str, str] | None = None,
    ) -> None:
        self.store = store
        self.out_dir = Path(out_dir) if out_dir is not None else None
        self.sources = dict(sources or {})
        #: Kinds of node (law, official ...) that have a page; None: every kind (kg serve).
        self.entity_kinds: frozenset[str] | None = None
        #: Files of graph views that another process is writing into ``out_dir`` while the
        #: site is written (a build draws its pages beside): linked as present.
        self.views_drawn: frozenset[str] = frozenset()
        self._memo: dict[str, Any] = {}

    def memo(self, name: str, make: Callable[[], _Memo]) -> _Memo:
        """``make()`` the first time ``name`` is asked for, then the same value: what a page
        module works out once for the whole corpus."""
        if name not in self._memo:
            self._memo[name] = make()
        value: _Memo = self._memo[name]  # what make gave for this name
        return value

    @classmethod
    def open(cls, out_dir: str | Path, in_memory: bool = False) -> SiteData:
        """The data of a `kg build` output folder (its graph loaded into a store, kept beside
        it when large, or ``in_memory``) with the source index the build wrote into ``site/``,
        if any."""
        out_dir = Path(out_dir)
        if in_memory:
            store = OxigraphStore.from_path(graph_path(out_dir))
        else:
            opened = open_graph(graph_path(out_dir))
            assert isinstance(opened, OxigraphStore)  # the default engine
            store = opened
        folder = out_dir if out_dir.is_dir() else out_dir.parent
        return cls(store, folder, read_sources(folder))

    # --- queries -------------------------------------------------------------------------------

    def select(self, text: str) -> list[tuple[Any, ...]]:
        """Rows of plain strings of a SELECT query (fazhi-kg prefixes predeclared).

        The values are read straight from Oxigraph's solutions: these queries
        are the site's own, and a corpus-wide one returns a million rows.
        """
        answer = self.store.store.query(text, prefixes=default_prefixes())
        assert isinstance(answer, ox.QuerySolutions), "the site's queries are SELECT queries"
        width = len(answer.variables)
        return [
            tuple(None if term is None else term.value for term in (row[i] for i in range(width)))
            for row in answer
        ]

    def _terms(self, text: str) -> Sequence[tuple[Term | None, ...]]:
        # the site's own SELECT: stated, so the store does not parse it to check it (4 ms a page)
        return self.store.query(text, form="SELECT").terms

    # --- the corpus index ------------------------------------------------------------------

    @cached_property
    def index(self) -> _Index:
        """Units, reports, mechanisms and facts of the whole corpus, read once."""
        index = _Index()
        places: dict[str, dict[str, str]] = defaultdict(dict)
        for unit, level, label in self.select(
            f"""SELECT DISTINCT ?u ?level ?label WHERE {{
                ?r {ABOUT} ?u . ?u fz:partOf+ ?p . ?p a ?level ; rdfs:label ?label .
                VALUES ?level {{ fz:Province fz:City fz:County }} }}"""
        ):
            places[unit][level.rsplit("#", 1)[-1].lower()] = label
        reports_of: dict[str, list[tuple[int, str]]] = defaultdict(list)
        rows = self.select(
            f"""SELECT ?r ?title ?year ?issued ?u ?name ?sha WHERE {{
                ?r a fz:Report .
                OPTIONAL {{ ?r dcterms:title ?title }} OPTIONAL {{ ?r fz:year ?year }}
                OPTIONAL {{ ?r dcterms:issued ?issued }} OPTIONAL {{ ?r {ABOUT} ?u }}
                OPTIONAL {{ ?r prov:wasDerivedFrom ?f . ?f fz:fileName ?name ; fz:sha256 ?sha }}
            }}"""
        )
        # Sorted: the same graph gives the same pages, whichever order the store answers in.
        for iri, title, year, issued, unit, name, sha in sorted(
            rows, key=lambda row: tuple(x or "" for x in row)
        ):
            key = key_of(iri)
            if key in index.reports:  # two titles or files: keep the first
                continue
            index.reports[key] = Report(
                iri,
                key,
                title or key,
                int(year) if year else None,
                issued or "",
                key_of(unit) if unit else "",
                name or "",
                sha or "",
            )
            if unit:
                reports_of[unit].append((int(year) if year else 0, key))
        labels = dict(
            self.select(
                f"""SELECT ?u (MIN(?l) AS ?label) WHERE {{
                    ?r {ABOUT} ?u . ?u rdfs:label ?l . {_ZH.format("l")} }} GROUP BY ?u"""
            )
        )
        kinds = dict(
            self.select(
                f"""SELECT ?u (MIN(?t) AS ?type) WHERE {{
                    ?r {ABOUT} ?u . ?u a ?t . FILTER(STRSTARTS(STR(?t), STR(fz:))) }} GROUP BY ?u"""
            )
        )
        for unit, found in sorted(reports_of.items()):
            place = places.get(unit, {})
            index.units[key_of(unit)] = Unit(
                unit,
                key_of(unit),
                labels.get(unit) or key_of(unit),
                (kinds.get(unit) or "").rsplit("#", 1)[-1],
                place.get("county", ""),
                place.get("city", ""),
                place.get("province", ""),
                tuple(k for _, k in sorted(found)),
            )
        index.mechanisms = self._mechanisms()
        index.facts = self._facts(index)
        return index

    def _mechanisms(self) -> dict[str, Mechanism]:
        rows = self.select(
            f"""SELECT ?m ?zh ?en ?def ?alt ?broader WHERE {{
                {{ ?m a fz:Mechanism }} UNION {{ ?m a <{SKOS.Concept}> }}
                ?m <{SKOS.prefLabel}> ?zh . FILTER(lang(?zh) = "zh")
                OPTIONAL {{ ?m <{SKOS.prefLabel}> ?en . FILTER(lang(?en) = "en") }}
                OPTIONAL {{ ?m <{SKOS.definition}> ?def }}
                OPTIONAL {{ ?m <{SKOS.altLabel}> ?alt }}
                OPTIONAL {{ ?m <{SKOS.broader}> ?broader }}
            }}"""
        )
        # Any: the labels and definition are str, "alt" and "b" sets of str.
        found: dict[str, dict[str, Any]] = {}
        for iri, zh, en, definition, alt, broader in rows:
            entry = found.setdefault(
                iri, {"zh": zh, "en": en or "", "def": definition or "", "alt": set(), "b": set()}
            )
            if alt:
                entry["alt"].add(alt)
            if broader:
                entry["b"].add(key_of(broader))
        return {
            key_of(iri): Mechanism(
                iri,
                key_of(iri),
                e["zh"],
                e["en"],
                e["def"],
                tuple(sorted(e["alt"] - {e["zh"]})),
                tuple(sorted(e["b"])),
            )
            for iri, e in sorted(found.items(), key=lambda kv: (kv[1]["zh"], kv[0]))
        }

    def _facts(self, index: _Index) -> list[Fact]:
        """Unit facts (fz:adopts, fz:plans, fz:reportsWeakness) with the years that support them.

        A fact's years are those of the unit's reports naming the mechanism in a
        section of that stance (the graph builder's rule); a fact a sentence cue
        gave (a plan named among achievements) takes the years of every report
        naming it.
        """
        props = " ".join(f'(<{p}> "{s}")' for s, p in STANCES.items())
        held = self.select(
            f"SELECT ?u ?m ?stance WHERE {{ VALUES (?p ?stance) {{ {props} }} ?u ?p ?m }}"
        )
        years: dict[tuple[str, str, str], set[int]] = defaultdict(set)
        report_year = {r.iri: r.year for r in index.reports.values()}
        report_unit = {r.iri: r.unit for r in index.reports.values()}
        for report, mech, section in self.select(
            """SELECT DISTINCT ?r ?m ?section WHERE {
                ?x fz:refersTo ?m ; fz:inReport ?r ; fz:section ?section . ?m a fz:Mechanism }"""
        ):
            year = report_year.get(report)
            if year is None:
                continue
            unit = report_unit.get(report, "")
            stance = _SECTION_STANCE.get(section, "")
            years[(unit, key_of(mech), stance)].add(year)
            years[(unit, key_of(mech), "")].add(year)
        facts = []
        for unit, mech, stance in held:
            u, m = key_of(unit), key_of(mech)
            if u not in index.units or m not in index.mechanisms:
                continue
            found = years.get((u, m, stance)) or years.get((u, m, ""), set())
            facts.append(Fact(u, m, stance, tuple(sorted(found))))
        return sorted(facts, key=lambda f: (f.unit, f.mechanism, STANCE_ORDER.index(f.stance)))

    @property
    def units(self) -> dict[str, Unit]:
        return self.index.units

    @property
    def reports(self) -> dict[str, Report]:
        return self.index.reports

    @property
    def mechanisms(self) -> dict[str, Mechanism]:
        return self.index.mechanisms

    @cached_property
    def facts_of_unit(self) -> dict[str, list[Fact]]:
        found: dict[str, list[Fact]] = defaultdict(list)
        for fact in self.index.facts:
            found[fact.unit].append(fact)
        return found

    @cached_property
    def facts_of_mechanism(self) -> dict[str, list[Fact]]:
        found: dict[str, list[Fact]] = defaultdict(list)
        for fact in self.index.facts:
            found[fact.mechanism].append(fact)
        return found

    @cached_property
    def years(self) -> Counter[int]:
        """Reports per year."""
        return Counter(r.year for r in self.reports.values() if r.year is not None)

    def unit_label(self, key: str) -> str:
        unit = self.units.get(key)
        if unit is None:
            return key
        # Two units of one name: add the county (or city) so they can be told apart.
        if self.label_counts[unit.label] > 1:
            return f"{unit.label}（{unit.county or unit.city or unit.province or unit.key}）"
        return unit.label

    @cached_property
    def adopted_counts(self) -> Counter[str]:
        """Unit key -> mechanisms it adopts."""
        return Counter(f.unit for f in self.index.facts if f.stance == "adopted")

    @cached_property
    def label_counts(self) -> Counter[str]:
        return Counter(u.label for u in self.units.values())

    # --- the build's tables ------------------------------------------------------------------

    @cached_property
    def problems(self) -> list[dict[str, str]]:
        """problems.jsonl of the build: every file skipped or partly read, and why."""
        path = self.out_dir / "problems.jsonl" if self.out_dir else None
        if path is None or not path.is_file():
            return []
        found = []
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                line = line.strip()
                if line:
                    try:
                        found.append(json.loads(line))
                    except ValueError:
                        continue
        return found

    def problems_of(self, report: Report) -> list[dict[str, str]]:
        """The build's problems naming this report's source file."""
        name = report.file_name
        return [
            p
            for p in self.problems
            if name and (Path(p.get("path", "")).name == name or name in p.get("reason", ""))
        ]

    @cached_property
    def pairs(self) -> dict[str, list[Pair]]:
        """cooccurrence.csv of the build, by mechanism key (both directions)."""
        path = self.out_dir / "cooccurrence.csv" if self.out_dir else None
        found: dict[str, list[Pair]] = defaultdict(list)
        if path is None or not path.is_file():
            return found
        csv.field_size_limit(1 << 30)  # shared_towns lists thousands of towns at scale
        with path.open(encoding="utf-8-sig", newline="") as rows:
            for row in csv.DictReader(rows):
                a, b = key_of(row["mechanism_a"]), key_of(row["mechanism_b"])
                stats = {
                    c: row.get(c, "") for c in ("jaccard", "lift", "npmi", "p_value", "q_value")
                }
                towns = int(row.get("towns") or 0)
                note = row.get("note", "")
                found[a].append(Pair(b, row["label_b"], towns, note=note, **stats))
                found[b].append(Pair(a, row["label_a"], towns, note=note, **stats))
        return found

    def table(self, name: str) -> list[dict[str, str]] | None:
        """A CSV table the build (or a later analysis) left in the output folder, or None."""
        path = self.out_dir / name if self.out_dir else None
        if path is None or not path.is_file():
            return None
        with path.open(encoding="utf-8-sig", newline="") as rows:
            return list(csv.DictReader(rows))

    def rows_of_unit(self, name: str, unit: Unit) -> list[dict[str, str]] | None:
        """Rows of a research table (scorecard.csv ...) naming this unit, or None without it.

        A row names the unit by IRI in any column, or by its label in a
        column called unit/town/unit_label/town_label.
        """
        table = self.research_tables.get(name)
        if table is None:
            return None
        return table.get(unit.iri, []) or table.get(unit.label, [])

    @cached_property
    def research_tables(self) -> dict[str, dict[str, list[dict[str, str]]]]:
        found = {}
        for name in ("scorecard.csv", "copies.csv", "panel.csv", "changes.csv"):
            rows = self.table(name)
            if rows is None:
                continue
            by: dict[str, list[dict[str, str]]] = defaultdict(list)
            for row in rows:
                keys = {v for v in row.values() if v and v.startswith(ID_URI)}
                for col in ("unit", "town", "unit_label", "town_label", "unit_a", "unit_b"):
                    if row.get(col):
                        keys.add(row[col])
                for k in keys:
                    by[k].append(row)
            found[name] = by
        return found

    # --- per page queries ----------------------------------------------------------------------

    def evidence(
        self,
        *,
        reports: Sequence[str] = (),
        entity: str | None = None,
        limit: int | None = None,
        stance: str | None = None,
    ) -> list[Evidence]:
        """Sentences naming mechanisms in these reports, or naming one entity (anywhere, or
        a mechanism in these reports).

        With ``limit`` the store stops after that many sentences, in its own
        order (no sorting of all of a common mechanism's ten thousand mentions);
        ``stance`` keeps the sections giving that stance.
        """
        values = ""
        if reports:
            values = "VALUES ?r { " + " ".join(f"<{self.reports[k].iri}>" for k in reports) + " }"
        if stance is not None:
            terms = " ".join(f"<{t}>" for t, s in _SECTION_STANCE.items() if s == stance)
            values += f" VALUES ?section {{ {terms} }}"
        if entity and reports:
            # A filter, not a binding: the store then starts from the reports' mentions.
            target = f"?e a fz:Mechanism . FILTER(?e = <{entity}>)"
        else:
            target = f"BIND(<{entity}> AS ?e)" if entity else "?e a fz:Mechanism ."
        rows = self.select(
            f"""SELECT ?e ?r ?section ?heading ?sentence WHERE {{
                {values} {target}
                ?x fz:refersTo ?e ; fz:inReport ?r ; fz:section ?section ; fz:sentence ?sentence .
                OPTIONAL {{ ?x fz:sectionHeading ?heading }}
            }} {f"LIMIT {int(limit)}" if limit else ""}"""
        )
        seen = set()
        found = []
        for e, r, section, heading, sentence in rows:
            report = self.reports.get(key_of(r))
            item = Evidence(
                key_of(e),
                key_of(r),
                report.year if report else None,
                _SECTION_STANCE.get(section, ""),
                heading or "",
                sentence,
            )
            if item not in seen:
                seen.add(item)
                found.append(item)
        # Every field in the key: the same graph gives the same page however it was loaded.
        if entity:
            return sorted(
                found, key=lambda e: (-(e.year or 0), e.report, e.stance, e.heading, e.sentence)
            )
        return sorted(found, key=lambda e: (e.entity, e.report, e.stance, e.heading, e.sentence))

    def laws_of(self, unit: Unit) -> list[tuple[str, str, int]]:
        """(law key, title, reports citing it) for the unit's reports."""
        if not unit.reports:
            return []
        values = " ".join(f"<{self.reports[k].iri}>" for k in unit.reports)
        rows = self.select(
            f"""SELECT ?law (MIN(?l) AS ?label) (COUNT(DISTINCT ?r) AS ?n) WHERE {{
                VALUES ?r {{ {values} }} ?r fz:cites ?law . ?law rdfs:label ?l }}
                GROUP BY ?law ORDER BY DESC(?n) ?label"""
        )
        return [(key_of(law), label, int(n)) for law, label, n in rows]

    def officials_of(self, unit: Unit) -> list[tuple[str, str, str, str]]:
        """(official key, name, post, year) of positions in the unit."""
        rows = self.select(
            f"""SELECT ?o ?name ?title ?year WHERE {{
                ?pos fz:postIn <{unit.iri}> ; fz:title ?title . ?o fz:holds ?pos .
                OPTIONAL {{ ?o fz:personName ?name }} OPTIONAL {{ ?pos fz:year ?year }}
            }} ORDER BY ?year ?title ?name"""
        )
        return [(key_of(o), name or "", title, year or "") for o, name, title, year in rows]

    def indicators_of(self, unit: Unit) -> list[tuple[str, int | None, str, str, str]]:
        """(indicator name, year, qualifier, value, unit of measure) in the unit's reports."""
        if not unit.reports:
            return []
        values = " ".join(f"<{self.reports[k].iri}>" for k in unit.reports)
        rows = self.select(
            f"""SELECT ?name ?year ?q ?v ?u WHERE {{
                VALUES ?r {{ {values} }} ?i fz:reportedIn ?r ; fz:indicatorName ?name ;
                fz:value ?v . OPTIONAL {{ ?i fz:unit ?u }} OPTIONAL {{ ?i fz:qualifier ?q }}
                OPTIONAL {{ ?r fz:year ?year }} }}"""
        )
        found = {(n, int(y) if y else None, q or "", v, u or "") for n, y, q, v, u in rows}
        # every field in the key: a set's order changes from one process to the next
        return sorted(found, key=lambda r: (r[0], r[1] or 0, r[3], r[2], r[4]))

    def similar_units(self, unit: Unit, k: int = 10) -> list[tuple[str, float, int]]:
        """(unit key, Jaccard, shared) of the units whose adopted mechanisms overlap most."""
        units, mechs, held = self.adoption_matrix
        if unit.key not in units:
            return []
        mine = held[units[unit.key]]
        if not mine.any():
            return []
        # Imported with the matrix (see adoption_matrix).
        import numpy as np

        shared = held[:, mine].sum(axis=1)
        union = held.sum(axis=1) + mine.sum() - shared
        score = np.where(union > 0, shared / np.maximum(union, 1), 0.0)
        score[units[unit.key]] = -1
        keys = list(units)
        best = sorted(
            (i for i in np.argpartition(-score, min(k, len(keys) - 1))[: k + 1] if score[i] > 0),
            key=lambda i: (-score[i], -shared[i], keys[i]),
        )[:k]
        return [(keys[i], round(float(score[i]), 4), int(shared[i])) for i in best]

    @cached_property
    def adoption_matrix(self) -> tuple[dict[str, int], dict[str, int], np.ndarray]:
        """(unit key -> row, mechanism key -> column, boolean units x mechanisms) of fz:adopts."""
        # Imported for similar units only: numpy is slow to import.
        import numpy as np

        units = {key: i for i, key in enumerate(self.units)}
        mechs = {key: j for j, key in enumerate(self.mechanisms)}
        held = np.zeros((len(units), len(mechs)), dtype=bool)
        for fact in self.index.facts:
            if fact.stance == "adopted":
                held[units[fact.unit], mechs[fact.mechanism]] = True
        return units, mechs, held

    @cached_property
    def stance_counts(self) -> dict[str, Counter[str]]:
        """Mechanism key -> units holding it under each stance."""
        found: dict[str, Counter[str]] = defaultdict(Counter)
        for fact in self.index.facts:
            found[fact.mechanism][fact.stance] += 1
        return found

    @cached_property
    def units_of_year(self) -> Counter[int]:
        """Year -> units with a report of that year."""
        found: dict[int, set[str]] = defaultdict(set)
        for report in self.reports.values():
            if report.year is not None and report.unit:
                found[report.year].add(report.unit)
        return Counter({y: len(us) for y, us in found.items()})

    def mentions_of(self, report: Report) -> list[Mention]:
        """Every extracted span of the report, by position."""
        rows = self.select(
            f"""SELECT ?start ?end ?text ?e ?label WHERE {{
                ?x fz:inReport <{report.iri}> ; fz:refersTo ?e ; fz:start ?start ; fz:end ?end .
                OPTIONAL {{ ?x fz:text ?text }}
                OPTIONAL {{ ?e rdfs:label|<{SKOS.prefLabel}> ?label . {_ZH.format("label")} }}
            }}"""
        )
        best: dict[tuple[int, int, str], Mention] = {}
        for start, end, text, e, label in rows:
            m = Mention(int(start), int(end), text or "", key_of(e), kind_of(e), label or "")
            best.setdefault((m.start, m.end, m.entity), m)
        return sorted(best.values(), key=lambda m: (m.start, -m.end, m.entity))

    def text_of(self, report: Report) -> str | None:
        """The decoded source text of a report (mention offsets point into it), or None."""
        path = self.sources.get(report.sha256)
        if path is None:
            return None
        full = Path(path) if Path(path).is_absolute() or not self.out_dir else self.out_dir / path
        # Imported for report pages only: reading a file pulls in the ingest stage.
        from kg.ingest.read import read_report

        try:
            source = read_report(full)
        except (InputError, OSError):
            return None
        return source.raw if source.sha256 == report.sha256 else None

    def entity(self, key: str) -> Entity | None:
        """Any node by page key: label, types and properties."""
        iri = ID_URI + key.replace("-", "/", 1)
        rows = self._terms(f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }} LIMIT 500")
        if not rows:
            return None
        label, types, props = "", [], []
        for p, o in rows:
            if p is None or o is None:
                continue
            name = p.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
            if name == "label" and (o.lang in ("zh", None)):
                label = label or o.value
            elif name == "type":
                types.append(o.value.rsplit("#", 1)[-1])
            else:
                linked = key_of(o.value) if o.kind == "uri" and o.value.startswith(ID_URI) else ""
                props.append((name, o.value, linked))
        return Entity(iri, key, label or key, tuple(sorted(types)), tuple(sorted(props)))

    def reports_naming(self, entity_iri: str, limit: int = 200) -> list[str]:
        """Keys of the reports that mention an entity."""
        rows = self.select(
            f"SELECT DISTINCT ?r WHERE {{ ?r fz:mentions <{entity_iri}> }} LIMIT {int(limit)}"
        )
        keys = [key_of(r) for (r,) in rows if key_of(r) in self.reports]
        return sorted(keys, key=lambda k: (-(self.reports[k].year or 0), k))

    def entity_keys(self, kinds: Iterable[str]) -> list[str]:
        """Keys of every mentioned entity of these kinds (law, official ...), for static pages."""
        prefixes = " || ".join(f'STRSTARTS(STR(?e), "{ID_URI}{k}/")' for k in kinds)
        rows = self.select(f"SELECT DISTINCT ?e WHERE {{ ?r fz:mentions ?e . FILTER({prefixes}) }}")
        return sorted(key_of(e) for (e,) in rows)


#: Where a build keeps the source index of its site (sha256 -> path relative to the output folder).
SOURCES_FILE = "site/sources.json"


def read_sources(out_dir: Path) -> dict[str, str]:
    """The source index a build wrote beside its site, or {} (report pages then show evidence)."""
    path = out_dir / SOURCES_FILE
    try:
        found = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)}


def check_key(key: str) -> str:
    """A page key as it may appear in a URL: letters, digits, ``-``, ``_``, ``.`` only."""
    if not key or any(not (c.isalnum() or c in "-_.") for c in key) or ".." in key:
        raise UsageError(f"not a page key: {key!r}")
    return key
