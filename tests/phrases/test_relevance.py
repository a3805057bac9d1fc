"""The evaluation set of offers at the cursor (bench/relevance.py): precision@5 per
section type against the ranking before issue 14, measured in the same run."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def relevance():
    spec = importlib.util.spec_from_file_location("bench_relevance", ROOT / "bench" / "relevance.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def figures(relevance):
    return relevance.run(relevance.load_cases())


def test_the_set_is_large_and_covers_every_section_type(relevance):
    cases = relevance.load_cases()
    assert len(cases) >= 200
    sections = {c["section"] for c in cases}
    assert sections >= {"opening", "significance", "situation", "achievements", "problems", "causes",
                        "measures", "requirements", "closing", "general"}  # fmt: skip
    assert all(c["genre"] and c["date"] and "before" in c for c in cases)
    assert sum(1 for c in cases if c.get("accept")) >= 80  # real continuations from the documents


def test_precision_at_5_overall_and_per_section(figures):
    new, old = figures["new"], figures["baseline"]
    assert new["all"]["p_at_5"] >= 0.9
    for section, row in new.items():
        assert row["p_at_5"] >= 0.85, section
    assert new["all"]["p_at_5"] > old["all"]["p_at_5"] + 0.3  # the baseline really is worse


def test_no_ungrammatical_joins_and_the_real_continuation_is_kept(figures):
    new, old = figures["new"], figures["baseline"]
    assert new["all"]["bad_joins"] == 0
    assert old["all"]["bad_joins"] > 100
    assert new["all"]["real_in_top5"] >= old["all"]["real_in_top5"]  # filtering lost no real formulation
    assert new["all"]["empty"] <= old["all"]["empty"]  # nor went blank more often


def test_importance_above_length(figures):
    done, named = figures["new"]["all"]["first_right"].split("/")
    assert done == named  # 习近平新时代…思想 before 强军思想, the canonical 让我们…团结在… closing first
