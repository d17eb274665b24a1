"""A small SHACL Core evaluator: ``ontology/shapes.ttl`` compiled once, run over plain triples.

pySHACL checks a graph of 400,000 triples in tens of seconds and needs it all
in one rdflib Graph.  The shapes are per node (every constraint reads the focus
node's own values and, for ``sh:class``, the types of those values), so a build
checks each report's nodes in the worker that wrote them and the nodes several
reports share once at the end (:mod:`kg.pipeline`); the cost grows linearly.
This module implements exactly the SHACL Core constraints ``shapes.ttl`` uses
(a shape using any other is refused when compiled) with pySHACL's results:
the same focus node, path, value, message, severity and constraint component
(``tests/graph/test_shacl.py`` compares both on built and broken graphs).

Examples
--------
>>> from kg.graph.index import TripleIndex, base_index
>>> from kg.namespaces import FZ, ID, RDF
>>> data = TripleIndex([(str(ID["report/1"]), str(RDF.type), str(FZ.Report))], base_index())
>>> sorted({v.path.rsplit("/", 1)[-1] for v in check_nodes(data, [str(ID["report/1"])])})
['ontology#year', 'prov#wasDerivedFrom', 'title']
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from rdflib import BNode, Graph, Literal
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from kg import ontology
from kg.graph.index import TripleIndex
from kg.graph.terms import Lit, writer_term

__all__ = ["NodeShape", "PropertyShape", "check_nodes", "compiled_shapes", "focus_nodes"]

_SH = "http://www.w3.org/ns/shacl#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
#: Parameters of the property shapes this evaluator knows; any other is refused.
_KNOWN = {
    f"{_SH}{name}"
    for name in (
        "path minCount maxCount class datatype minInclusive maxInclusive or nodeKind pattern "
        "qualifiedValueShape qualifiedMinCount uniqueLang in minLength lessThanOrEquals "
        "severity message flags"
    ).split()
}


@dataclass(frozen=True)
class PropertyShape:
    """One ``sh:property`` of a node shape, its parameters as plain values."""

    path: str
    severity: str = "Violation"
    message: str = ""
    min_count: int | None = None
    max_count: int | None = None
    classes: tuple[str, ...] = ()
    datatype: str | None = None
    min_inclusive: Decimal | None = None
    max_inclusive: Decimal | None = None
    any_of: tuple[tuple[str, str], ...] = ()  # sh:or of ("class"|"datatype", IRI)
    node_kind: str | None = None
    pattern: re.Pattern[str] | None = None
    qualified: tuple[str, str | tuple[str, ...]] | None = None  # ("languageIn"|"class", value)
    qualified_min: int | None = None
    unique_lang: bool = False
    one_of: tuple[str | Lit, ...] = ()
    min_length: int | None = None
    less_or_equal: str | None = None


@dataclass(frozen=True)
class NodeShape:
    """A node shape: what it targets, its own constraint on the node, its property shapes."""

    classes: tuple[str, ...]  # sh:targetClass (instances, with subclasses)
    subjects_of: tuple[str, ...]  # sh:targetSubjectsOf
    any_of: tuple[tuple[str, str], ...]  # sh:or on the node itself, as in PropertyShape
    message: str
    properties: tuple[PropertyShape, ...]
    path = ""  # a node's own result has no path
    severity = "Violation"

    def targets(self, node_classes: set[str], data: TripleIndex, node: str) -> bool:
        return bool(node_classes.intersection(self.classes)) or any(
            data.objects(node, p) for p in self.subjects_of
        )


#: Parameters of the node shapes this evaluator knows; any other is refused.
_KNOWN_NODE = {
    *(f"{_SH}{name}" for name in "targetClass targetSubjectsOf property or message".split()),
    _RDF_TYPE,
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2000/01/rdf-schema#comment",
}


def _list(graph: Graph, head: Node) -> list[Node]:
    return list(Collection(graph, head))


@functools.cache
def compiled_shapes() -> tuple[NodeShape, ...]:
    """The node shapes of ``ontology/shapes.ttl``, sorted by IRI.

    Raises
    ------
    ValueError
        A shape uses a SHACL feature this evaluator does not implement.
    """
    g = ontology.graph("shapes.ttl")
    shapes = []
    targeted = set(g.subjects(SH.targetClass, None)) | set(g.subjects(SH.targetSubjectsOf, None))
    for node in sorted(targeted, key=str):
        unknown = {str(p) for p in g.predicates(node, None)} - _KNOWN_NODE
        if unknown:
            raise ValueError(f"shapes.ttl: {node}: unsupported SHACL terms {sorted(unknown)}")
        props = []
        for prop in g.objects(node, SH.property):
            unknown = {str(p) for p in g.predicates(prop, None)} - _KNOWN
            if unknown:
                raise ValueError(f"shapes.ttl: {node}: unsupported SHACL terms {sorted(unknown)}")

            def one(name: str, prop: Node = prop) -> Node | None:
                return g.value(prop, SH[name])

            def number(name: str, prop: Node = prop) -> Decimal | None:
                value = g.value(prop, SH[name])
                return None if value is None else Decimal(str(value))

            def integer(name: str, prop: Node = prop) -> int | None:
                value = g.value(prop, SH[name])
                return None if value is None else int(str(value))

            qualified: tuple[str, str | tuple[str, ...]] | None = None
            q = one("qualifiedValueShape")
            if q is not None:
                languages = g.value(q, SH.languageIn)
                if languages is not None:
                    langs = [str(x) for x in _list(g, languages)]
                    qualified = ("languageIn", tuple(langs))
                else:
                    qualified = ("class", str(g.value(q, SH["class"])))
            severity = one("severity")
            message = one("message")
            pattern = one("pattern")
            flags = str(one("flags") or "")
            members = one("in")
            props.append(
                PropertyShape(
                    path=_path(g, one("path")),
                    severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                    message=str(message) if isinstance(message, Literal) else "",
                    min_count=integer("minCount"),
                    max_count=integer("maxCount"),
                    classes=tuple(str(c) for c in g.objects(prop, SH["class"])),
                    datatype=str(one("datatype")) if one("datatype") is not None else None,
                    min_inclusive=number("minInclusive"),
                    max_inclusive=number("maxInclusive"),
                    any_of=_any_of(g, one("or")),
                    node_kind=str(one("nodeKind")).rsplit("#", 1)[-1] if one("nodeKind") else None,
                    pattern=re.compile(str(pattern), re.I if "i" in flags else 0)
                    if pattern is not None
                    else None,
                    qualified=qualified,
                    qualified_min=integer("qualifiedMinCount"),
                    unique_lang=bool(one("uniqueLang")),
                    one_of=tuple(writer_term(x) for x in _list(g, members))
                    if members is not None
                    else (),
                    min_length=integer("minLength"),
                    less_or_equal=str(one("lessThanOrEquals"))
                    if one("lessThanOrEquals") is not None
                    else None,
                )
            )
        message = g.value(node, SH.message)
        shapes.append(
            NodeShape(
                classes=tuple(sorted(str(c) for c in g.objects(node, SH.targetClass))),
                subjects_of=tuple(sorted(str(p) for p in g.objects(node, SH.targetSubjectsOf))),
                any_of=_any_of(g, g.value(node, SH["or"])),
                message=str(message) if isinstance(message, Literal) else "",
                properties=tuple(props),
            )
        )
    return tuple(shapes)


def _path(g: Graph, path: Node | None) -> str:
    """A property's IRI, or ``^IRI`` for ``[ sh:inversePath IRI ]`` (as :mod:`kg.graph.validate`
    writes pySHACL's result paths)."""
    if isinstance(path, BNode):
        inverse = g.value(path, SH.inversePath)
        if inverse is None or len(set(g.predicates(path, None))) != 1:
            raise ValueError(f"shapes.ttl: unsupported property path {path.n3()}")
        return f"^{inverse}"
    return str(path)


def _any_of(g: Graph, head: Node | None) -> tuple[tuple[str, str], ...]:
    """An ``sh:or`` list of ``[ sh:class C ]`` and ``[ sh:datatype D ]`` members."""
    if head is None:
        return ()
    found = []
    for member in _list(g, head):
        for key in ("class", "datatype"):
            value = g.value(member, SH[key])
            if value is not None:
                found.append((key, str(value)))
    return tuple(found)


# --- the checks --------------------------------------------------------------------------------


class _Cache:
    """What one check reuses: each class's superclasses and each node's classes."""

    __slots__ = ("superclasses", "classes")

    def __init__(self) -> None:
        self.superclasses: dict[str, frozenset[str]] = {}
        self.classes: dict[str, frozenset[str]] = {}


_NO_CLASSES: frozenset[str] = frozenset()


def _superclasses(data: TripleIndex, cls: str, cache: _Cache) -> frozenset[str]:
    found = cache.superclasses.get(cls)
    if found is None:
        seen, todo = {cls}, [cls]
        while todo:
            for parent in data.objects(todo.pop(), _SUBCLASS):
                if type(parent) is str and parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        found = cache.superclasses[cls] = frozenset(seen)
    return found


def _classes_of(data: TripleIndex, node: str | Lit, cache: _Cache) -> frozenset[str]:
    if isinstance(node, Lit):
        return _NO_CLASSES
    found = cache.classes.get(node)
    if found is None:
        classes: set[str] = set()
        for t in data.types(node):
            if type(t) is str:
                classes |= _superclasses(data, t, cache)
        found = cache.classes[node] = frozenset(classes)
    return found


def focus_nodes(data: TripleIndex, nodes: Iterable[str]) -> dict[int, list[str]]:
    """Shape number -> the given nodes it targets (by their types and superclasses)."""
    cache = _Cache()
    shapes = compiled_shapes()
    found: dict[int, list[str]] = {}
    for node in nodes:
        classes = set(_classes_of(data, node, cache))
        for i, shape in enumerate(shapes):
            if shape.targets(classes, data, node):
                found.setdefault(i, []).append(node)
    return found


_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)\Z")
_DATE = re.compile(r"(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?\Z")
_NUMERIC = {
    _XSD + "integer",
    _XSD + "decimal",
    _XSD + "int",
    _XSD + "long",
    _XSD + "double",
    _XSD + "float",
}
_STRING = _XSD + "string"
_XSD_INTEGER = _XSD + "integer"
#: The datatypes whose text :func:`_well_formed` checks (any other is well formed).
_CHECKED = frozenset({_XSD + "integer", _XSD + "decimal", _XSD + "date"})


def _datatype(value: str | Lit) -> str | None:
    if not isinstance(value, Lit):
        return None
    if value.lang:
        return _LANG_STRING
    return value.datatype or _STRING


def _well_formed(value: Lit) -> bool:
    """Whether a literal's text is valid for its datatype (rdflib's ill-typed check)."""
    dt = value.datatype
    if dt == _XSD + "integer":
        text = value.value
        if text.isascii() and text.isdigit():  # most are: the same answer, sooner
            return True
        return bool(_INTEGER.match(text.strip()))
    if dt == _XSD + "decimal":
        return bool(_DECIMAL.match(value.value.strip()))
    if dt == _XSD + "date":
        m = _DATE.match(value.value.strip())
        if not m:
            return False
        try:
            date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return False
    return True


def _number(value: str | Lit) -> Decimal | int | None:
    if not isinstance(value, Lit) or value.datatype not in _NUMERIC:
        return None
    text = value.value
    if value.datatype == _XSD_INTEGER and text.isascii() and text.isdigit():
        return int(text)  # most are (offsets, years): compares as the Decimal would, sooner
    if not _well_formed(value):
        return None
    try:
        return Decimal(value.value.strip())
    except InvalidOperation:
        return None


class _Result:
    __slots__ = ("focus", "path", "severity", "message", "value", "constraint")

    def __init__(
        self,
        focus: str,
        shape: PropertyShape | NodeShape,
        constraint: str,
        value: str | Lit | None = None,
    ) -> None:
        self.focus = focus
        self.path = shape.path
        self.severity = shape.severity
        self.message = shape.message
        self.value = value
        self.constraint = constraint


def check_nodes(data: TripleIndex, nodes: Iterable[str]) -> list[_Result]:
    """SHACL results of ``nodes`` (each checked against the shapes that target it).

    ``data`` must hold every triple of each node and the types of its values
    (a report's triples with :func:`kg.graph.index.base_index` behind them, or a
    whole graph).  Results carry writer terms; :mod:`kg.graph.validate` turns
    them into :class:`~kg.graph.validate.Violation` records.
    """
    shapes = compiled_shapes()
    plans = _plans()
    results: list[_Result] = []
    cache = _Cache()
    # types -> (the shapes that target them, the other shapes that target subjects of a
    # property with the properties: the node's own, checked below)
    by_types: dict[tuple[str | Lit, ...], tuple[list[int], list[tuple[int, tuple[str, ...]]]]] = {}
    by_subjects_of = [i for i, shape in enumerate(shapes) if shape.subjects_of]
    # (types, properties) -> the shapes to check: the properties a node has (an index holds
    # no empty list) settle which shapes that target subjects of a property take it, and a
    # report's hundreds of mentions have one set of them
    by_kind: dict[tuple[tuple[str | Lit, ...], tuple[str, ...]], list[int]] = {}
    for node in nodes:
        props = data.props(node)
        types = tuple(props.get(_RDF_TYPE, ()))
        kind = (types, tuple(props))
        chosen = by_kind.get(kind)
        if chosen is None:
            targeted = by_types.get(types)
            if targeted is None:
                classes = _classes_of(data, node, cache)
                by_class = [i for i, shape in enumerate(shapes) if classes & set(shape.classes)]
                others = [(i, shapes[i].subjects_of) for i in by_subjects_of if i not in by_class]
                targeted = by_types[types] = (by_class, others)
            chosen, others = targeted
            if others:
                more = [i for i, subjects_of in others if any(props.get(p) for p in subjects_of)]
                if more:
                    chosen = chosen + more
            by_kind[kind] = chosen
        for i in chosen:
            shape = shapes[i]
            if shape.any_of and not any(
                _conforms_to(data, node, k, t, cache) for k, t in shape.any_of
            ):
                results.append(_Result(node, shape, "OrConstraintComponent", node))
            for plan in plans[i]:
                if plan.inverse is not None:
                    values: Sequence[str | Lit] = data.subjects_with(plan.inverse, node)
                else:
                    values = props.get(plan.path, ())
                # A plan whose count is right and whose every value passes gives no result
                # (most do): asked first, through one fused test a value (:func:`_passes`).
                n = len(values)
                if plan.simple and (
                    n >= plan.min_count and (plan.max_count is None or n <= plan.max_count)
                ):
                    passes = plan.passes
                    for v in values:
                        if not passes(data, node, v, cache):
                            break
                    else:
                        continue
                # A property the node lacks can only fall short of a minimum.
                if values or plan.always:
                    _check(data, node, plan, values, results, cache)
    return results


def _conforms_to(
    data: TripleIndex,
    value: str | Lit,
    kind: str,
    target: str | tuple[str, ...],
    cache: _Cache,
) -> bool:
    if kind == "class":
        return target in _classes_of(data, value, cache)
    if kind == "datatype":
        return _datatype(value) == target and (not isinstance(value, Lit) or _well_formed(value))
    if kind == "languageIn":
        return isinstance(value, Lit) and bool(value.lang) and str(value.lang).lower() in target
    raise ValueError(kind)


#: A check of one value: (data, focus node, value, cache) -> how many results it gives.
_ValueCheck = Callable[[TripleIndex, str, "str | Lit", _Cache], int]


@dataclass(frozen=True)
class _Plan:
    """A property shape made ready to run: its value checks in the order results are given."""

    shape: PropertyShape
    path: str
    inverse: str | None  # the property read backwards, for ``^IRI``
    always: bool  # checked on a node without the property too (a minimum)
    min_count: int
    max_count: int | None
    checks: tuple[tuple[_ValueCheck, str], ...]  # (check, constraint component)
    simple: bool  # the counts and the value checks are all (no qualified count, no uniqueLang)
    passes: _ValuePass  # whether a value passes every check (:func:`_passes`)


@functools.cache
def _plans() -> tuple[tuple[_Plan, ...], ...]:
    """Each shape's property shapes as :class:`_Plan` (compiled once, like the shapes)."""
    return tuple(tuple(_plan(prop) for prop in shape.properties) for shape in compiled_shapes())


def _plan(s: PropertyShape) -> _Plan:
    checks: list[tuple[_ValueCheck, str]] = []
    for cls in s.classes:
        checks.append((_class_check(cls), "ClassConstraintComponent"))
    if s.datatype is not None:
        checks.append((_datatype_check(s.datatype), "DatatypeConstraintComponent"))
    if s.min_inclusive is not None:
        checks.append(
            (_bound_check(s.min_inclusive, operator.ge), "MinInclusiveConstraintComponent")
        )
    if s.max_inclusive is not None:
        checks.append(
            (_bound_check(s.max_inclusive, operator.le), "MaxInclusiveConstraintComponent")
        )
    if s.any_of:
        checks.append((_any_of_check(s.any_of), "OrConstraintComponent"))
    if s.node_kind is not None:
        checks.append((_node_kind_check(s.node_kind), "NodeKindConstraintComponent"))
    if s.pattern is not None:
        checks.append((_pattern_check(s.pattern), "PatternConstraintComponent"))
    if s.one_of:
        members = frozenset(s.one_of)
        checks.append((lambda data, node, v, cache: v not in members, "InConstraintComponent"))
    if s.min_length is not None:
        checks.append((_min_length_check(s.min_length), "MinLengthConstraintComponent"))
    if s.less_or_equal is not None:
        checks.append(
            (_less_or_equal_check(s.less_or_equal), "LessThanOrEqualsConstraintComponent")
        )
    inverse = s.path[1:] if s.path.startswith("^") else None
    min_count = s.min_count or 0
    return _Plan(
        shape=s,
        path=s.path,
        inverse=inverse,
        always=inverse is not None
        or min_count > 0
        or (s.qualified is not None and (s.qualified_min or 0) > 0),
        min_count=min_count,
        max_count=s.max_count,
        checks=tuple(checks),
        simple=s.qualified is None and not s.unique_lang,
        passes=_passes(s, tuple(checks)),
    )


#: Whether one value passes every value check of a plan: (data, focus node, value, cache).
_ValuePass = Callable[[TripleIndex, str, "str | Lit", _Cache], bool]


def _passes(s: PropertyShape, checks: tuple[tuple[_ValueCheck, str], ...]) -> _ValuePass:
    """One test of a value for all of ``checks`` (what a report's mentions are checked by,
    written out: a quarter of a build's SHACL time went to calling a check at a time).

    It may say no where the checks pass (they are then run one by one, which gives the
    results), never yes where one fails.
    """
    kinds = tuple(component for _, component in checks)
    if kinds == ("DatatypeConstraintComponent",) and s.datatype == _STRING:
        return lambda data, node, v, cache: (
            type(v) is Lit and not v.lang and (v.datatype is None or v.datatype == _STRING)
        )
    if kinds == ("NodeKindConstraintComponent",) and s.node_kind == "IRI":
        return lambda data, node, v, cache: type(v) is str and not v.startswith("_:")
    if kinds == ("InConstraintComponent",):
        members = frozenset(s.one_of)
        return lambda data, node, v, cache: v in members
    if kinds == ("ClassConstraintComponent",):
        (cls,) = s.classes
        return lambda data, node, v, cache: cls in _classes_of(data, v, cache)
    if (
        kinds[:2] == ("DatatypeConstraintComponent", "MinInclusiveConstraintComponent")
        and kinds[2:] in ((), ("LessThanOrEqualsConstraintComponent",))
        and s.datatype == _XSD_INTEGER
        and s.min_inclusive is not None
    ):
        low, other_path = s.min_inclusive, s.less_or_equal

        def integer_passes(data: TripleIndex, node: str, v: str | Lit, cache: _Cache) -> bool:
            # digits alone: well formed, and the number the checks compare
            if type(v) is not Lit or v.datatype != _XSD_INTEGER or v.lang:
                return False
            text = v.value
            if not (text.isascii() and text.isdigit()) or int(text) < low:
                return False
            if other_path is not None:
                for other in data.objects(node, other_path):
                    if type(other) is not Lit or other.datatype != _XSD_INTEGER:
                        return False
                    bound = other.value
                    if not (bound.isascii() and bound.isdigit()) or int(text) > int(bound):
                        return False
            return True

        return integer_passes

    def all_pass(data: TripleIndex, node: str, v: str | Lit, cache: _Cache) -> bool:
        for check, _ in checks:
            if check(data, node, v, cache):
                return False
        return True

    return all_pass


def _class_check(cls: str) -> _ValueCheck:
    def check(data: TripleIndex, node: str, v: str | Lit, cache: _Cache) -> int:
        return cls not in _classes_of(data, v, cache)

    return check


def _datatype_check(datatype: str) -> _ValueCheck:
    def check(data: TripleIndex, node: str, v: str | Lit, cache: _Cache) -> int:
        if type(v) is not Lit:
            return True  # an IRI or blank node has no datatype
        if (_LANG_STRING if v.lang else v.datatype or _STRING) != datatype:
            return True
        return v.datatype in _CHECKED and not _well_formed(v)

    return check


def _bound_check(bound: Decimal, ok: Callable[[Decimal | int, Decimal], bool]) -> _ValueCheck:
    def check(data: TripleIndex, node: str, v: str | Lit, cache: _Cache) -> int:
        number = _number(v)
        return number is None or not ok(number, bound)

    return check


def _any_of_check(any_of: tuple[tuple[str, str], ...]) -> _ValueCheck:
    def check(data: TripleIndex, node: str, v: str | Lit, cache: _Cache) -> int:
        return not any(_conforms_to(data, v, k, t, cache) for k, t in any_of)

    return check


def _node_kind_check(kind: str) -> _ValueCheck:
    def check(data: TripleIndex, node: str, v: str | Lit, cache: _Cache) -> int:
        is_literal = isinstance(v, Lit)
        is_blank = not isinstance(v, Lit) and v.startswith("_:")
        if kind == "IRI":
            return is_literal or is_blank
        if kind == "Literal":
            return not is_literal
        return not is_blank  # BlankNode

    if kind not in ("IRI", "Literal", "BlankNode"):
        raise KeyError(kind)
    return check


def _pattern_check(pattern: re.Pattern[str]) -> _ValueCheck:
    def check(data: TripleIndex, node: str, v: str | Lit, cache: _Cache) -> int:
        if isinstance(v, Lit):
            return not pattern.search(v.value)
        return v.startswith("_:") or not pattern.search(v)

    return check


def _min_length_check(length: int) -> _ValueCheck:
    def check(data: TripleIndex, node: str, v: str | Lit, cache: _Cache) -> int:
        if isinstance(v, Lit):
            return len(v.value) < length
        return v.startswith("_:") or len(v) < length

    return check


def _less_or_equal_check(other_path: str) -> _ValueCheck:
    def check(data: TripleIndex, node: str, v: str | Lit, cache: _Cache) -> int:
        failed = 0
        for other in data.objects(node, other_path):
            a, b = _number(v), _number(other)
            if a is None or b is None or not a <= b:
                failed += 1
        return failed

    return check


def _check(
    data: TripleIndex,
    node: str,
    plan: _Plan,
    values: Sequence[str | Lit],
    out: list[_Result],
    cache: _Cache,
) -> None:
    s = plan.shape
    n = len(values)
    if n < plan.min_count:
        out.append(_Result(node, s, "MinCountConstraintComponent"))
    if plan.max_count is not None and n > plan.max_count:
        out.append(_Result(node, s, "MaxCountConstraintComponent"))
    if plan.checks:
        for v in values:
            for check, component in plan.checks:
                failed = check(data, node, v, cache)
                if failed:
                    out.extend(_Result(node, s, component, v) for _ in range(failed))
    if s.qualified is not None and s.qualified_min is not None:
        kind, target = s.qualified
        matching = sum(_conforms_to(data, v, kind, target, cache) for v in values)
        if matching < s.qualified_min:
            out.append(_Result(node, s, "QualifiedMinCountConstraintComponent"))
    if s.unique_lang:
        seen: dict[str, int] = {}
        for v in values:
            if type(v) is Lit and v.lang:
                seen[v.lang.lower()] = seen.get(v.lang.lower(), 0) + 1
        for _lang, count in sorted(seen.items()):
            if count > 1:
                out.append(_Result(node, s, "UniqueLangConstraintComponent"))
