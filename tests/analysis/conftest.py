"""Fixtures of the research analyses: the report pairs written for them (the real corpus is
``real_files`` of tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
RESEARCH_DIR = HERE / "data" / "research"


@pytest.fixture(scope="session")
def research_files() -> list[Path]:
    """Four reports written for these tests: 芦湾镇 copies three paragraphs of 青禾镇 with the
    town renamed; 柳溪乡 over 2022 and 2023 (plans realised, a problem repeated, a copied
    paragraph with new figures)."""
    return sorted(RESEARCH_DIR.glob("*.txt"))


@pytest.fixture(scope="session")
def research_reports(research_files):
    from kg.run.report import extract_report

    return {path.stem: extract_report(path) for path in research_files}


@pytest.fixture(scope="session")
def research_profiles(research_reports):
    from kg.analysis.profile import report_profile

    return {name: report_profile(report) for name, report in research_reports.items()}


@pytest.fixture(scope="session")
def real_profiles(real_files):
    from kg.analysis.profile import report_profile
    from kg.run.report import extract_report

    return [report_profile(extract_report(path)) for path in real_files]


@pytest.fixture(scope="session")
def seed_profiles(seed_files):
    from kg.analysis.profile import report_profile
    from kg.run.report import extract_report

    return {path.name: report_profile(extract_report(path)) for path in seed_files}
