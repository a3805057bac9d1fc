"""Candidates from imported documents: extraction from a typed Draft and the review queue."""

from __future__ import annotations

import pytest

from ideodesk.core.draft import Draft, Section
from ideodesk.errors import IdeoError
from ideodesk.phrases.candidates import Candidate, extract_candidates, similar
from ideodesk.phrases.model import norm_key
from ideodesk.store.errors import NotFoundError


def report_draft() -> Draft:
    """What outline recovery makes of a corpus-like analysis report (typed sections)."""
    return Draft(
        genre="report",
        title="2022年第一季度意识形态领域分析研判报告",
        sections=[
            Section("opening", "", paragraphs=[
                "在集团党委的正确领导下，x党支部以习近平新时代中国特色社会主义思想为指导，"
                "坚决落实意识形态工作责任制。现将有关情况报告如下：",
            ]),
            Section("achievements", "基本情况", children=[
                Section("achievements", "加强组织领导，助推工作开展", run_in=True, paragraphs=[
                    "成立以党支部书记、总经理xx为组长的公司意识形态工作领导小组。",
                ]),
                Section("achievements", "紧扣时事热点，做好正面引导", run_in=True, paragraphs=[
                    "一是修订完善公司舆情处置工作办法，牢牢掌控网络意识形态主导权，把握正确舆论导向。",
                    "利用黨支部组织生活和各类宣传阵地，强化黨员教育管理，做好思想宣传工作。",
                ]),
            ]),
            Section("problems", "存在不足和需要改进方面", paragraphs=[
                "在肯定成绩的同时，我们也要清醒地看到，工作中还存在一些不足，主要表现在：",
                "理论水平有待提升，对新形势下的意识形态工作如何开展还欠缺一定的知识储备。",
            ]),
            Section("measures", "下一步工作计划", paragraphs=[
                "针对上述问题，下一步我们将重点抓好以下几个方面的工作：",
                "加强意识形态工作队伍建设，切实提升党员队伍的理论水平。下面是小编为大家整理的范文，仅供参考。",
            ], children=[
                Section("measures", "（一）严格落实责任制，强化问责刚性约束。", run_in=True,
                        paragraphs=["严格贯彻执行党组意识形态工作责任制的规定。"]),
                Section("measures", "2022年第二季度重点抓好5项工作", run_in=True),
            ]),
            Section("closing", "", paragraphs=["特此报告。"]),
        ],
    )  # fmt: skip


def test_extraction_finds_headings_set_phrases_and_transitions_with_their_sections():
    found = {c.text: c for c in extract_candidates(report_draft())}
    assert found["加强组织领导，助推工作开展"].kind == "heading"
    assert found["加强组织领导，助推工作开展"].section_types == ("achievements",)
    assert found["加强组织领导，助推工作开展"].context == "基本情况"
    assert found["严格落实责任制，强化问责刚性约束"].section_types == ("measures",)  # numbering gone
    assert found["牢牢掌控网络意识形态主导权"].kind == "formulation"
    t = found["在肯定成绩的同时，我们也要清醒地看到，工作中还存在一些不足，主要表现在："]
    assert t.kind == "transition" and t.section_types == ("problems",)
    assert found["针对上述问题，下一步我们将重点抓好以下几个方面的工作："].section_types == ("measures",)
    assert found["特此报告。"].kind == "closing"


def test_extraction_leaves_out_masks_boilerplate_numbers_and_traditional_text():
    texts = "\n".join(c.text for c in extract_candidates(report_draft()))
    for bad in ("xx", "x党支部", "小编", "范文", "2022", "5项", "黨"):
        assert bad not in texts, bad


def test_extraction_keeps_each_text_once():
    d = report_draft()
    d.sections.append(Section("problems", "加强组织领导，助推工作开展。"))
    keys = [norm_key(c.text) for c in extract_candidates(d)]
    assert len(keys) == len(set(keys))


def test_queue_adds_merges_and_skips(bank):
    r = bank.queue_candidates(report_draft(), source="004_研判报告.txt")
    # The bank has “下一步，我们将重点抓好以下几个方面的工作：”: its near twin is merged.
    assert r.added >= 10 and r.merged == 1 and r.skipped == 0 and len(r.ids) == r.added
    pending = bank.review_list()
    assert {c.status for c in pending} == {"pending"} and pending[0].source == "004_研判报告.txt"
    assert not any(c.text.startswith("针对上述问题") for c in pending)

    again = bank.queue_candidates(report_draft(), source="copy.txt")
    assert again.added == 0 and again.merged == r.added + 1  # seen again: one more vote each
    assert all(c.seen == 2 for c in bank.review_list())


def test_near_duplicates_of_existing_entries_are_merged_not_added(bank):
    r = bank.queue_candidates([
        Candidate("牢牢掌握意识形态工作的领导权", "formulation", ("measures",)),  # a 的 more
        Candidate("强化阵地管理、守牢主责主业", "heading", ("measures",)),  # other punctuation
        Candidate("理论学习的深度还不够。", "heading", ("problems",)),  # exact words
        Candidate("严格落实网络意识形态工作责任制", "formulation", ("measures",)),  # new
    ])  # fmt: skip
    assert (r.added, r.merged, r.skipped) == (1, 3, 0)
    assert [c.text for c in bank.review_list()] == ["严格落实网络意识形态工作责任制"]


def test_accepting_keeps_it_and_rejecting_is_remembered(bank):
    bank.queue_candidates(report_draft(), source="a.txt")
    pending = {c.text: c for c in bank.review_list()}
    keep = pending["加强组织领导，助推工作开展"]
    drop = pending["把握正确舆论导向"]
    result = bank.accept(keep.id, section_types=["achievements", "measures"])
    assert result.created and result.phrase.origin == "imported" and result.phrase.source == "a.txt"
    assert bank.search("助推工作开展", "measures")[0].id == result.phrase.id
    bank.reject(drop.id)
    assert [c.text for c in bank.review_list("rejected")] == ["把握正确舆论导向"]
    assert {c.status for c in bank.review_list("all")} == {"pending", "accepted", "rejected"}

    r = bank.queue_candidates(
        [Candidate("把握正确舆论导向", "formulation", ("measures",)),
         Candidate("加强组织领导，助推工作开展", "heading", ("problems",))]
    )  # fmt: skip
    assert (r.added, r.merged, r.skipped) == (0, 1, 1)  # rejected: not offered again; accepted: in the bank
    with pytest.raises(IdeoError, match="已收入词库"):
        bank.accept(keep.id)


def test_accept_with_corrections(bank):
    bank.queue_candidates([Candidate("加强意识形态工作队伍建设", "formulation", ("measures",))])
    (c,) = bank.review_list()
    r = bank.accept(c.id, text="切实加强意识形态工作队伍建设", kind="heading")
    assert r.phrase.text == "切实加强意识形态工作队伍建设" and r.phrase.kind == "heading"


def test_unknown_candidates(bank):
    with pytest.raises(NotFoundError):
        bank.accept(42)
    with pytest.raises(NotFoundError):
        bank.reject(42)
    with pytest.raises(IdeoError, match="待审词条应来自"):
        bank.queue_candidates("not a draft")
    with pytest.raises(IdeoError, match="未知的审核状态"):
        bank.review_list("maybe")


def test_similarity():
    assert similar(norm_key("牢牢掌握意识形态工作领导权"), norm_key("牢牢掌握意识形态工作的领导权"))
    assert not similar(norm_key("加强组织领导"), norm_key("加强思想领导"))  # short: exact only
    assert not similar(norm_key("牢牢掌握意识形态工作领导权"), norm_key("牢牢掌握意识形态工作主动权和话语权"))


def test_the_queue_survives_reopening(tmp_path, bank, small_bank_dir, clock):
    from ideodesk.phrases.bank import PhraseBank

    bank.queue_candidates(report_draft())
    n = len(bank.review_list())
    bank.close()
    with PhraseBank.open(bank.path, bank_dir=small_bank_dir, clock=clock) as again:
        assert len(again.review_list()) == n and again.stats()["pending_candidates"] == n


def test_damaged_formulations_are_never_candidates():
    d = Draft(sections=[
        Section("measures", "", paragraphs=[
            "我们必须始终坚持以新时代中国特色社会主义思想为指导，坚持深入学习贯彻党的精神。",
            "坚持以习近平新时代中国特色社会主义思想为指导，切实增强\"四个意识\"。",
        ]),
    ])  # fmt: skip
    texts = [c.text for c in extract_candidates(d)]
    assert "坚持以习近平新时代中国特色社会主义思想为指导" in texts
    assert "切实增强“四个意识”" in texts  # ASCII quotes became full-width
    assert not any("党的精神" in t or t.startswith("始终坚持以新时代") for t in texts)
