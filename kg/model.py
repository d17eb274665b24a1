"""Typed records that flow through the pipeline.

The stages pass these frozen dataclasses one way:
``ingest`` makes a :class:`SourceText`, ``structure`` turns it into a
:class:`Document`, extractors return :class:`Mention` lists, and the graph
builder reads a :class:`ExtractedReport`.

Examples
--------
>>> m = Mention("合法性审查", EntityType.MECHANISM, 10, 15, SectionKind.ACHIEVEMENTS,
...             key="legality-review")
>>> m.end - m.start == len(m.text)
True
"""

from __future__ import annotations

import bisect
import enum
from dataclasses import dataclass, field


class SectionKind(str, enum.Enum):
    """Where in a report a sentence stands; it decides adopted vs planned."""

    ACHIEVEMENTS = "Achievements"
    PROBLEMS = "Problems"
    PLANS = "Plans"
    DUTIES = "Duties"
    OTHER = "OtherSection"


class Stance(str, enum.Enum):
    """What a report claims of a mechanism where it names it.

    The section decides it (:meth:`of_section`) unless an extractor reads a
    cue in the sentence; ``MENTIONED`` is a name without a claim (a preamble's
    passing word, a zero count), which gives the unit no fact in the graph.
    """

    ADOPTED = "adopted"
    PLANNED = "planned"
    PROBLEM = "problem"
    MENTIONED = "mentioned"

    @classmethod
    def of_section(cls, kind: SectionKind) -> Stance:
        """The stance a mention takes from the kind of section it stands in.

        >>> Stance.of_section(SectionKind.DUTIES), Stance.of_section(SectionKind.OTHER)
        (<Stance.ADOPTED: 'adopted'>, <Stance.MENTIONED: 'mentioned'>)
        """
        return _SECTION_STANCE[kind]


#: The stances that give a unit a fact in the graph (``fz:adopts``, ``fz:plans``,
#: ``fz:reportsWeakness``), in that order; ``MENTIONED`` gives none.
FACT_STANCES = (Stance.ADOPTED, Stance.PLANNED, Stance.PROBLEM)

_SECTION_STANCE = {
    SectionKind.ACHIEVEMENTS: Stance.ADOPTED,
    SectionKind.DUTIES: Stance.ADOPTED,
    SectionKind.PLANS: Stance.PLANNED,
    SectionKind.PROBLEMS: Stance.PROBLEM,
    SectionKind.OTHER: Stance.MENTIONED,
}


class EntityType(str, enum.Enum):
    """Entity families; values are the local names of ontology classes."""

    PROVINCE = "Province"
    CITY = "City"
    COUNTY = "County"
    TOWN = "Town"
    VILLAGE = "Village"
    OFFICIAL = "Official"
    ORGANIZATION = "Organization"
    MECHANISM = "Mechanism"
    CANDIDATE_MECHANISM = "CandidateMechanism"
    LAW = "Law"
    INITIATIVE = "Initiative"
    INDICATOR = "Indicator"
    PROBLEM = "Problem"


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in cleaned text back to offsets in the decoded source.

    Cleaning deletes characters (web chrome, stray spaces, line breaks inside
    words) and replaces some one for one (punctuation).  Between two anchors
    the mapping is a plain shift, so the map stores only the anchors:
    ``anchors[i] = (clean_offset, source_offset)``.

    Examples
    --------
    >>> m = OffsetMap(((0, 0), (3, 5)))   # two source chars deleted after "abc"
    >>> m.to_source(2), m.to_source(3), m.to_source(4)
    (2, 5, 6)
    """

    anchors: tuple[tuple[int, int], ...] = ((0, 0),)

    def to_source(self, clean_offset: int) -> int:
        """Source offset of the character at ``clean_offset`` in the cleaned text."""
        i = bisect.bisect_right(self.anchors, (clean_offset, float("inf"))) - 1
        clean0, source0 = self.anchors[max(i, 0)]
        return source0 + (clean_offset - clean0)

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source span ``[start, end)`` covering the cleaned span ``[start, end)``."""
        if end <= start:
            s = self.to_source(start)
            return s, s
        return self.to_source(start), self.to_source(end - 1) + 1


@dataclass(frozen=True)
class SourceText:
    """One input file, decoded and cleaned.

    ``raw`` is the decoded file (HTML already reduced to its main text),
    ``text`` the cleaned text every extractor reads, ``offsets`` the way back.
    """

    path: str
    raw: str
    text: str
    offsets: OffsetMap
    encoding: str
    sha256: str
    meta: tuple[tuple[str, str], ...] = ()

    def meta_value(self, name: str) -> str | None:
        """Metadata found while reading (``published``, ``page_title``), or None."""
        return dict(self.meta).get(name)


@dataclass(frozen=True)
class Span:
    """A run of cleaned text: ``text[start:end]``."""

    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        # Written into the dict at once, as Mention's: a report has thousands of sentences.
        fields = self.__dict__
        fields["start"] = start
        fields["end"] = end


@dataclass(frozen=True)
class Section:
    """A part of a report under one heading, with its classified kind."""

    heading: str
    kind: SectionKind
    level: int
    start: int
    end: int


@dataclass(frozen=True)
class UnitName:
    """A name the report gives the unit that wrote it, as written, and where it stands.

    ``written`` is the phrase as the text has it (长沙市天心区坡子街街道办事处,
    中共惠安县委, 济宁市兖州区司法局); ``name`` the unit it names, read from the
    phrase's ending (坡子街街道, 惠安县, 兖州区司法局); ``kind`` the class that
    ending says: ``TOWN`` (镇, 乡, 街道), ``COUNTY`` (县, 区, 县级市, 旗) or
    ``ORGANIZATION`` (a department: 司法局, 卫生健康委, 人民政府办公室).
    ``source`` is where it was read, from the most trusted: ``title``, ``issuer`` (a
    line of names only, just above or below a title that names none: 中共青禾县委
    青禾县人民政府), ``opening`` (the subject of the first sentence, 现将…报告如下), ``metadata``
    (发布机构, 来源 of the web page), ``signature``, ``site`` (the site's name heading a
    page without a title), ``body`` (the unit's own documents and names; these two kept
    only when they agree with 我镇/我县…, or, for a department named in its own document,
    when the report names it elsewhere by its level alone: 区农业农村局).
    """

    name: str
    kind: EntityType
    written: str
    source: str


@dataclass(frozen=True)
class Document:
    """A report ready for extraction: cleaned text, metadata, sections, sentences.

    ``sections`` cover the text without gaps (text before the first heading is
    an OTHER section) and ``sentences`` are sorted spans.  ``unit`` is the unit
    the report is about as the text names it (None when it names none), chosen
    from ``unit_names`` (every name found, most trusted first); ``town`` is its
    name when it is a township.  ``self_level`` is what the report calls itself
    (我镇 -> 镇, 我县 -> 县, 我局 -> 局; None when it does not say).  ``short_names`` are
    the opening's subjects written without a level (2025年，青禾坚持… -> 青禾), read only when
    no unit is named: the gazetteer decides whether one is the unit's.
    """

    source: SourceText
    title: str
    town: str | None
    year: int | None
    published: str | None  # ISO date, yyyy-mm-dd
    issuers: tuple[str, ...]
    sections: tuple[Section, ...]
    sentences: tuple[Span, ...]
    unit: UnitName | None = None
    unit_names: tuple[UnitName, ...] = ()
    self_level: str | None = None
    short_names: tuple[str, ...] = ()
    _section_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _sentence_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_section_starts", tuple(s.start for s in self.sections))
        object.__setattr__(self, "_sentence_starts", tuple(s.start for s in self.sentences))

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def report_id(self) -> str:
        """Stable identity of the report: a prefix of its content hash."""
        return self.source.sha256[:16]

    def section_at(self, offset: int) -> Section | None:
        i = bisect.bisect_right(self._section_starts, offset) - 1
        return self.sections[i] if i >= 0 else None

    def section_kind_at(self, offset: int) -> SectionKind:
        # section_at, inlined: every mention of most families asks this
        i = bisect.bisect_right(self._section_starts, offset) - 1
        return self.sections[i].kind if i >= 0 else SectionKind.OTHER

    def sentence_at(self, offset: int) -> Span:
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i < 0:
            return Span(0, len(self.text))
        return self.sentences[i]

    def evidence_at(self, offset: int) -> Span:
        """The span of the evidence of a mention at ``offset``: its sentence; of a sentence
        longer than EVIDENCE_MAX characters, the EVIDENCE_MAX around the offset.

        Why the cap: every mention carries its sentence, and a text of one sentence holding
        tens of thousands of mentions (a run of commas with no full stop) would otherwise
        copy it into each of them, gigabytes from a file of a megabyte.
        """
        span = self.sentence_at(offset)
        if span.end - span.start <= EVIDENCE_MAX:
            return span
        start = max(span.start, min(offset - EVIDENCE_BEFORE, span.end - EVIDENCE_MAX))
        return Span(start, start + EVIDENCE_MAX)

    def sentence_text_at(self, offset: int) -> str:
        """The evidence sentence of a mention at ``offset`` (:meth:`evidence_at`)."""
        span = self.evidence_at(offset)
        return self.text[span.start : span.end]


#: The longest evidence sentence a mention carries (the longest real sentence read so far, in
#: 1,134 reports, has 1,959 characters; three have over 1,000), and how much of a longer one
#: stands before the mention.
EVIDENCE_MAX = 2_000
EVIDENCE_BEFORE = 500


@dataclass(frozen=True)
class Mention:
    """One extracted mention of an entity in a report's cleaned text.

    ``key`` is the canonical identity within its type (a vocabulary concept id,
    a canonical law title, a person's name ...); two mentions with the same
    type and key are the same entity.  ``attrs`` carries type-specific facts
    as sorted ``(name, value)`` pairs, e.g. ``("post", "党委书记")`` on an
    official or ``("unit", "起")`` on an indicator.
    """

    text: str
    type: EntityType
    start: int
    end: int
    section: SectionKind
    key: str
    attrs: tuple[tuple[str, str], ...] = ()

    def __init__(
        self,
        text: str,
        type: EntityType,
        start: int,
        end: int,
        section: SectionKind,
        key: str,
        attrs: tuple[tuple[str, str], ...] = (),
    ) -> None:
        # The fields written into the instance's dict at once: the __init__ a frozen dataclass
        # makes calls object.__setattr__ for each, twice as slow, and every family makes
        # tens of thousands of mentions a second.
        fields = self.__dict__
        fields["text"] = text
        fields["type"] = type
        fields["start"] = start
        fields["end"] = end
        fields["section"] = section
        fields["key"] = key
        fields["attrs"] = attrs

    def attr(self, name: str, default: str | None = None) -> str | None:
        for k, v in self.attrs:
            if k == name:
                return v
        return default

    def stance(self) -> Stance:
        """What the report claims where it names this (a mechanism): the extractor's cue
        (``attrs`` ``stance``), else the stance of the section it stands in.

        >>> Mention("听证", EntityType.MECHANISM, 0, 2, SectionKind.PLANS, "hearing").stance()
        <Stance.PLANNED: 'planned'>
        """
        cue = self.attr("stance")
        return Stance(cue) if cue else Stance.of_section(self.section)


#: What a township-level unit's name ends with (a 民族乡's with 乡; 苏木 is Inner Mongolia's
#: township), longest first so that an alternation of them matches whole.
TOWNSHIP_ENDINGS = ("街道", "苏木", "镇", "乡")


@dataclass(frozen=True)
class Place:
    """The unit a report is about, resolved against the gazetteer, with its hierarchy.

    The unit is a township (``kind`` TOWN: 下洋镇), a county-level government
    (COUNTY: 静海区, its own ``county``) or a department (ORGANIZATION:
    兖州区司法局, in its ``county``); ``town`` holds its name whatever the kind
    (the field kept its first name; :attr:`name` reads better).
    ``identified`` says the hierarchy singles the unit out, so reports with
    equal places are about one unit; a name the gazetteer has in several places
    that the text does not tell apart is not identified, and its reports are
    never merged with another report's.  ``confidence`` and ``how`` belong to
    the report's link to the unit, not to the unit.
    """

    town: str
    county: str | None = None
    city: str | None = None
    province: str | None = None
    county_code: str | None = None
    confidence: float = 0.0
    how: str = ""
    kind: EntityType = EntityType.TOWN
    identified: bool = True
    #: The gazetteer's name of a township the report writes otherwise (the report's 克孜勒陶镇 is
    #: the gazetteer's 克孜勒陶乡, before its change of status), else None.
    gazetteer_name: str | None = None

    @property
    def name(self) -> str:
        """The unit's name: 下洋镇, 静海区, 兖州区司法局."""
        return self.town

    @property
    def key_name(self) -> str:
        """The name the unit is keyed by: the gazetteer's, so a town's reports from before and
        after its change of status (克孜勒陶乡, then 克孜勒陶镇) meet on one unit."""
        return self.gazetteer_name or self.town


@dataclass(frozen=True)
class ExtractedReport:
    """Everything the graph builder needs about one report.

    ``failures`` holds ``(family, error)`` for each extractor that failed on
    this report (``("officials", "ValueError: ...")``): that family's
    mentions are missing, and the build reports the file as ``partial``.
    """

    document: Document
    place: Place | None
    mentions: tuple[Mention, ...]
    failures: tuple[tuple[str, str], ...] = ()


#: Problem categories, from worst: not in the graph; in it with something missing; read with a doubt.
PROBLEM_CATEGORIES = ("skipped", "partial", "warning")


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input file.

    ``category`` is ``skipped`` (the file is not in the graph), ``partial``
    (in the graph, but something could not be extracted) or ``warning``.
    """

    path: str
    category: str
    reason: str
