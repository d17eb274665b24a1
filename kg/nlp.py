"""A spaCy pipeline component that runs fazhi-kg's extractors on a ``Doc``.

``pip install 'fazhi-kg[spacy]'`` registers the factory ``fazhi_kg`` (an entry
point, so no import is needed first); the component puts every mention in
``doc.spans["fazhi"]``: a span's label is the entity type (``Mechanism``,
``Law`` ...), and ``span._.key``, ``span._.concept`` (the concept or entity
IRI), ``span._.stance`` and ``span._.section`` carry the rest.  displaCy draws
a report with its highlights::

    import spacy
    from spacy import displacy

    nlp = spacy.blank("zh")
    nlp.add_pipe("fazhi_kg")
    doc = nlp(open("report.txt", encoding="utf-8").read())
    html = displacy.render(doc, style="span", options={"spans_key": "fazhi"}, page=True)

The text is read exactly as ``kg build`` reads a file (web chrome dropped,
punctuation unified, split words joined), and every span is mapped back to the
characters of ``doc.text``, so a span covers the words the mention came from.

Examples
--------
>>> import spacy
>>> nlp = spacy.blank("zh")
>>> _ = nlp.add_pipe("fazhi_kg")
>>> doc = nlp("青禾镇2023年法治政府建设情况报告\\n一、主要举措\\n全面落实合法性审查制度。")
>>> [(s.text, s.label_, s._.stance) for s in doc.spans["fazhi"] if s.label_ == "Mechanism"]
[('合法性审查制度', 'Mechanism', 'adopted')]
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.ingest.read import source_from_text
from kg.ingest.structure import structure
from kg.model import EntityType, Mention
from kg.namespaces import MECHANISM, SECTION_TERMS
from kg.run.report import extract_document

__all__ = ["SPANS_KEY", "FazhiComponent", "make_fazhi_component"]

#: The ``doc.spans`` key the component writes by default.
SPANS_KEY = "fazhi"

# Span attributes the component sets, registered once on import.
for _name in ("key", "concept", "stance", "section"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


@dataclass
class FazhiComponent:
    """Runs every registered extractor on a ``Doc`` and stores the mentions as spans."""

    spans_key: str = SPANS_KEY

    def __call__(self, doc: Doc) -> Doc:
        document = structure(source_from_text(doc.text))
        report = extract_document(document)
        spans = []
        for mention in report.mentions:
            start, end = document.source.offsets.span_to_source(mention.start, mention.end)
            span = doc.char_span(start, end, label=mention.type.value, alignment_mode="expand")
            if span is None:  # an empty span: nothing to highlight
                continue
            span._.key = mention.key
            span._.concept = _concept(mention)
            span._.stance = _stance(mention)
            span._.section = str(SECTION_TERMS[mention.section])
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("fazhi_kg", default_config={"spans_key": SPANS_KEY})
def make_fazhi_component(nlp: Language, name: str, spans_key: str) -> FazhiComponent:
    """The ``fazhi_kg`` factory: ``nlp.add_pipe("fazhi_kg", config={"spans_key": ...})``."""
    return FazhiComponent(spans_key)


def _concept(mention: Mention) -> str | None:
    """The vocabulary concept's IRI for a mechanism (other entities are minted per unit)."""
    return str(MECHANISM[mention.key]) if mention.type is EntityType.MECHANISM else None


def _stance(mention: Mention) -> str | None:
    return mention.stance().value if mention.type is EntityType.MECHANISM else None
