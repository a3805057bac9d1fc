"""The phrase database: compiling the shipped bank, upgrades that keep the user's data,
the user's own entries, and damaged or newer files."""

from __future__ import annotations

import sqlite3

import pytest

from ideodesk.phrases.bank import PhraseBank
from ideodesk.phrases.model import PhraseError
from ideodesk.store.errors import CorruptDatabaseError, NewerSchemaError, NotFoundError
from tests.phrases.conftest import SMALL_BANK, write_bank


def texts(bank, **kw) -> set[str]:
    return {p.text for p in bank.phrases(**kw)}


def test_first_open_compiles_the_shipped_bank(bank):
    st = bank.stats()
    assert st["total"] == 14 and st["by_origin"]["shipped"] == 14
    assert st["by_section"]["measures"] == 7 and st["by_section"]["requirements"] == 1
    assert st["by_kind"]["heading"] == 4 and st["outdated"] == 1
    assert set(st) >= {"total", "by_section", "by_kind", "by_origin"}
    p = bank.find_text("牢牢掌握意识形态工作领导权")
    assert (
        p.origin == "shipped" and p.section_types == ("measures", "requirements") and p.kind == "formulation"
    )


def test_the_database_is_wal_with_full_sync(bank):
    assert bank.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert bank.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_reopening_does_not_recompile(tmp_path, bank, small_bank_dir, clock):
    stamp = bank.find_text("理论学习的深度还不够").updated
    bank.close()
    with PhraseBank.open(bank.path, bank_dir=small_bank_dir, clock=clock) as again:
        assert again.find_text("理论学习的深度还不够").updated == stamp


def test_an_upgrade_updates_shipped_entries_and_keeps_the_users_data(tmp_path, bank, small_bank_dir, clock):
    used = bank.find_text("理论学习的深度还不够")
    bank.record_use(used.id)
    bank.record_use(used.id)
    fav = bank.find_text("网络阵地管理有待加强")
    bank.set_favourite(fav.id)
    hidden = bank.find_text("习近平新时代中国特色社会主义思想")
    bank.hide(hidden.id)
    withdrawn_used = bank.find_text("加强网络意识形态阵地建设")
    bank.record_use(withdrawn_used.id)
    mine = bank.add("把意识形态工作纳入年度目标考核", "measures").phrase
    edited = bank.edit(bank.find_text("对意识形态工作重要性的认识还不够到位。").id, section_types=["causes"])
    assert edited.origin == "user"
    bank.close()

    new = dict(SMALL_BANK)
    new["problems"] = (
        SMALL_BANK["problems"]
        .replace("网络阵地管理有待加强", "网络阵地管理有待加强 | also=causes")  # metadata changed
        .replace(
            "对意识形态工作重要性的认识还不够到位。", "对意识形态工作重要性的认识还不够到位。 | also=general"
        )
    )
    new["measures"] = (
        SMALL_BANK["measures"]
        .replace("强化阵地管理，守牢主责主业\n", "")
        .replace("加强网络意识形态阵地建设\n", "")
        .replace("[heading]\n", "[heading]\n健全工作机制，压实主体责任\n")
    )
    new["closing"] = "[closing]\n特此报告。\n"
    write_bank(small_bank_dir, new)

    with PhraseBank.open(bank.path, bank_dir=small_bank_dir, clock=clock) as up:
        assert up.find_text("健全工作机制，压实主体责任").origin == "shipped"
        assert up.find_text("特此报告。").section_types == ("closing",)
        again = up.get(used.id)
        assert again.uses == 2 and again.text == used.text
        f = up.get(fav.id)
        assert f.favourite and f.section_types == ("problems", "causes")  # curated change applied
        assert up.get(hidden.id).hidden
        assert up.find_text("强化阵地管理，守牢主责主业") is None  # withdrawn, never used: gone
        kept = up.get(withdrawn_used.id)
        assert kept.origin == "user" and kept.uses == 1  # withdrawn but used: stays, as the user's
        assert up.get(mine.id).origin == "user" and up.get(mine.id).text == mine.text
        assert up.get(edited.id).section_types == ("causes",)  # the user's edit wins over the upgrade
        assert up.search("特此报告")[0].text == "特此报告。"


def test_a_reworded_entry_keeps_its_counts(tmp_path, bank, small_bank_dir, clock):
    old = bank.find_text("理论学习的深度还不够")
    bank.record_use(old.id)
    bank.close()
    new = dict(SMALL_BANK)
    new["problems"] = SMALL_BANK["problems"].replace("理论学习的深度还不够", "理论学习的深度和广度还不够")
    d = write_bank(small_bank_dir, new)
    (d / "renamed.txt").write_text("理论学习的深度还不够 => 理论学习的深度和广度还不够\n", encoding="utf-8")
    with PhraseBank.open(bank.path, bank_dir=d, clock=clock) as up:
        p = up.get(old.id)
        assert p.text == "理论学习的深度和广度还不够" and p.uses == 1 and p.origin == "shipped"
        assert up.search("广度")[0].id == old.id


def test_a_phrase_the_user_had_before_it_shipped_stays_one_copy(tmp_path, bank, small_bank_dir, clock):
    mine = bank.add("压实意识形态工作责任", "measures").phrase
    bank.record_use(mine.id)
    bank.close()
    new = dict(SMALL_BANK)
    new["measures"] = SMALL_BANK["measures"] + "压实意识形态工作责任。\n"
    with PhraseBank.open(bank.path, bank_dir=write_bank(small_bank_dir, new), clock=clock) as up:
        assert sum("压实意识形态工作责任" in t for t in texts(up)) == 1
        assert up.get(mine.id).uses == 1


def test_a_missing_bank_folder_keeps_what_was_compiled(tmp_path, bank, clock):
    n = bank.stats()["total"]
    bank.close()
    with PhraseBank.open(bank.path, bank_dir=tmp_path / "nowhere", clock=clock) as again:
        assert again.stats()["total"] == n and again.warnings


def test_add_edit_hide_delete(bank):
    r = bank.add(" 加强网络阵地管理 ", ["measures", "problems"], "提法", tags="阵地,网络", genres=["speech"])
    assert r.created and r.phrase.text == "加强网络阵地管理" and r.phrase.kind == "formulation"
    assert r.phrase.tags == ("阵地", "网络") and r.phrase.genres == ("speech",) and r.phrase.origin == "user"
    assert bank.search("加强网络阵地", "problems")[0].id == r.phrase.id

    again = bank.add("加强网络阵地管理。", "causes")
    assert not again.created and again.phrase.id == r.phrase.id
    assert again.phrase.section_types == ("measures", "problems", "causes")

    edited = bank.edit(r.phrase.id, text="加强网络意识形态阵地管理")
    assert bank.search("网络意识形态阵地管理")[0].id == r.phrase.id
    assert all(h.id != r.phrase.id for h in bank.search("网络阵地管理", limit=None))
    assert edited.text == "加强网络意识形态阵地管理"
    with pytest.raises(PhraseError, match="已有相同的词条"):
        bank.edit(r.phrase.id, text="牢牢掌握意识形态工作领导权")

    bank.delete(r.phrase.id)
    assert bank.search("网络意识形态阵地管理") == []
    with pytest.raises(NotFoundError):
        bank.get(r.phrase.id)

    shipped = bank.find_text("强化阵地管理，守牢主责主业")
    bank.delete(shipped.id)  # a shipped entry is hidden, or the next upgrade would bring it back
    assert bank.get(shipped.id).hidden


def test_adding_a_hidden_phrase_again_shows_it(bank):
    p = bank.find_text("强化阵地管理，守牢主责主业")
    bank.hide(p.id)
    r = bank.add("强化阵地管理，守牢主责主业", "measures", "heading")
    assert not r.created and not r.phrase.hidden and bank.search("守牢主责")[0].id == p.id


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": "", "section_types": "measures"}, "为空"),
        ({"text": "，。", "section_types": "measures"}, "只有标点"),
        ({"text": "加强学习", "section_types": "nowhere"}, "未知的段落类型"),
        ({"text": "加强学习", "section_types": []}, "请指定段落类型"),
        ({"text": "加强学习", "section_types": "measures", "kind": "poem"}, "未知的词条类型"),
        ({"text": "加强学习", "section_types": "measures", "genres": "poem"}, "未知的文种"),
        ({"text": "加强学习", "section_types": "measures", "valid_from": "昨天"}, "不是有效日期"),
        ({"text": "字" * 501, "section_types": "measures"}, "过长"),
    ],
)
def test_bad_phrases_are_refused_and_nothing_is_written(bank, kwargs, message):
    before = bank.stats()
    with pytest.raises(PhraseError, match=message):
        bank.add(**kwargs)
    assert bank.stats() == before


def test_many_changes_in_one_session_stay_searchable(bank):
    for i in range(450):  # past the overlay limit: the shelves are rebuilt on the way
        bank.add(f"第{i}号测试词条关于阵地建设", "measures")
    assert len(bank.search("阵地建设", limit=None)) >= 450
    assert len(bank.search("号测试词条", "measures", limit=None)) == 450


def test_two_banks_on_one_file_see_each_others_additions_after_reopening(bank, small_bank_dir, clock):
    other = PhraseBank.open(bank.path, bank_dir=small_bank_dir, clock=clock)
    other.add("另一个进程添加的词条", "general")
    other.close()
    bank.add("本进程添加的词条", "general")
    bank.close()
    with PhraseBank.open(bank.path, bank_dir=small_bank_dir, clock=clock) as again:
        assert {"另一个进程添加的词条", "本进程添加的词条"} <= texts(again)


def test_in_memory_bank_writes_nothing(tmp_path, small_bank_dir, clock):
    with PhraseBank.open(None, bank_dir=small_bank_dir, clock=clock) as mem:
        assert mem.search("阵地") and mem.path is None
    assert list(tmp_path.glob("**/*.sqlite3")) == []


def test_a_damaged_file_is_moved_aside(tmp_path, small_bank_dir, clock):
    path = tmp_path / "data" / "phrases.sqlite3"
    path.parent.mkdir()
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(CorruptDatabaseError, match="已损坏") as info:
        PhraseBank.open(path, bank_dir=small_bank_dir, clock=clock)
    assert info.value.moved_to is not None and info.value.moved_to.exists() and not path.exists()
    with PhraseBank.open(path, bank_dir=small_bank_dir, clock=clock) as fresh:  # starts again
        assert fresh.stats()["total"] == 14


def test_a_newer_schema_is_refused_untouched(tmp_path, bank, small_bank_dir, clock):
    bank.close()
    conn = sqlite3.connect(bank.path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    size = bank.path.stat().st_size
    with pytest.raises(NewerSchemaError, match="更新版本"):
        PhraseBank.open(bank.path, bank_dir=small_bank_dir, clock=clock)
    assert bank.path.stat().st_size == size


def test_record_use_of_a_missing_phrase(bank):
    with pytest.raises(NotFoundError, match="不存在"):
        bank.record_use(99999)
