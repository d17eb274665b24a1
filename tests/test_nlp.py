"""The spaCy component: `nlp.add_pipe("fazhi_kg")` puts every mention in `doc.spans["fazhi"]`.

spaCy is the `[spacy]` extra: these tests skip where it is not installed and
fail under CI=true, where the test extra installs it.
"""

from __future__ import annotations

import os

import pytest

if os.environ.get("CI") == "true":
    import spacy
else:
    spacy = pytest.importorskip(
        "spacy", reason="spaCy is the [spacy] extra: pip install 'fazhi-kg[spacy]'"
    )

from kg.ingest.read import read_report
from kg.ingest.structure import structure
from kg.run.report import extract_document


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh")
    nlp.add_pipe("fazhi_kg")  # found through the spacy_factories entry point
    return nlp


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "青禾镇2023年法治政府建设情况报告\n一、主要举措\n全面落实合法性审查制度。",
            [("合法性审查制度", "Mechanism", "legality-review", "adopted", "Achievements")],
        ),
        (
            "青禾镇2023年法治政府建设情况报告\n一、存在的问题\n听证制度落实不够。\n"
            "二、下一步工作打算\n推行政府法律顾问制度。",
            [
                ("听证制度", "Mechanism", "hearing", "problem", "Problems"),
                ("政府法律顾问制度", "Mechanism", "government-legal-adviser", "planned", "Plans"),
            ],
        ),
        (
            # Split words and web chrome are repaired as `kg build` reads a file, and the
            # spans still point at the characters of doc.text.
            "首页>年度报告\n青禾镇2023年法治政府建设情况报告\n一、主要举措\n落实合法性\n\n审查。",
            [("合法性\n\n审查", "Mechanism", "legality-review", "adopted", "Achievements")],
        ),
    ],
)
def test_mechanism_spans(nlp, text, expected):
    doc = nlp(text)
    found = [
        (s.text, s.label_, s._.key, s._.stance, s._.section.rsplit("#", 1)[-1])
        for s in doc.spans["fazhi"]
        if s.label_ == "Mechanism"
    ]
    assert found == expected
    assert all(
        s._.concept.endswith("/mechanism/" + s._.key)
        for s in doc.spans["fazhi"]
        if s.label_ == "Mechanism"
    )


def test_every_mention_of_a_real_report_is_a_span_over_its_words(nlp, example_files):
    path = next(p for p in example_files if p.suffix == ".txt")
    source = read_report(path)
    report = extract_document(structure(source))
    doc = nlp(source.raw)
    spans = doc.spans["fazhi"]
    assert len(spans) == len(report.mentions) > 50
    for span, mention in zip(spans, report.mentions, strict=True):
        assert span.label_ == mention.type.value
        assert "".join(span.text.split()) == "".join(mention.text.split())


def test_displacy_draws_the_spans(nlp):
    from spacy import displacy

    doc = nlp("青禾镇2023年法治政府建设情况报告\n一、主要举措\n落实《中华人民共和国行政处罚法》。")
    html = displacy.render(doc, style="span", options={"spans_key": "fazhi"})
    labels = [line.strip() for line in html.splitlines()]
    assert labels.count("Law") == 1 and labels.count("Town") == 1


def test_the_spans_key_is_configurable():
    nlp = spacy.blank("zh")
    nlp.add_pipe("fazhi_kg", config={"spans_key": "kg"})
    assert "kg" in nlp("落实合法性审查。").spans
