"""The draft library on a real SQLite file: saves, conflicts, listing, search, trash, versions."""

from __future__ import annotations

import sqlite3

import pytest

from ideodesk.core.draft import Draft, Section
from ideodesk.core.genres import genre
from ideodesk.store.drafts import DraftStore
from ideodesk.store.errors import ConflictError, NotFoundError, StoreError


def test_wal_and_full_sync_are_on(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_create_save_load_round_trip(store, speech, tmp_path):
    rec = store.create(speech)
    assert rec.rev == 1
    speech.sections[1].paragraphs.append("新增一段。")
    assert store.save(rec.id, speech, 1) == 2
    store.close()
    reopened = DraftStore.open(tmp_path / "drafts.sqlite3")
    loaded = reopened.load(rec.id)
    assert loaded.rev == 2 and loaded.draft == speech
    reopened.close()


def test_second_writer_gets_a_conflict_not_an_overwrite(tmp_path, speech):
    a = DraftStore.open(tmp_path / "d.sqlite3")
    b = DraftStore.open(tmp_path / "d.sqlite3")
    rec = a.create(speech)
    mine, theirs = a.load(rec.id), b.load(rec.id)
    mine.draft.title = "甲改的标题"
    a.save(rec.id, mine.draft, mine.rev)
    theirs.draft.title = "乙改的标题"
    with pytest.raises(ConflictError) as err:
        b.save(rec.id, theirs.draft, theirs.rev)
    assert "未保存" in str(err.value)
    assert b.load(rec.id).draft.title == "甲改的标题"
    a.close()
    b.close()


def test_save_of_a_missing_draft(store, speech):
    with pytest.raises(NotFoundError):
        store.save(999, speech, 1)
    with pytest.raises(NotFoundError):
        store.load(999)


def test_list_is_newest_first_and_excludes_trash(store):
    ids = [store.create(Draft(title=f"稿{i}")).id for i in range(5)]
    rec = store.load(ids[1])
    store.save(ids[1], rec.draft, rec.rev)  # touched last → first
    listed = [s.id for s in store.list()]
    assert listed == [ids[1], ids[4], ids[3], ids[2], ids[0]]
    store.trash(ids[3])
    assert ids[3] not in [s.id for s in store.list()]
    assert [s.id for s in store.list(trashed=True)] == [ids[3]]
    store.restore(ids[3])
    assert store.count() == 5 and store.count(trashed=True) == 0
    assert [s.id for s in store.list(limit=2)] == [ids[1], ids[4]]


def test_search_finds_two_character_words_in_titles_and_bodies(store):
    a = store.create(
        Draft(title="关于做好防汛工作的通知", sections=[Section(paragraphs=["各单位要落实责任。"])])
    )
    b = store.create(
        Draft(
            title="上半年工作总结",
            sections=[Section(heading="加强党建引领", paragraphs=["党建工作取得实效。"])],
        )
    )
    c = store.create(Draft(title="会议记录", sections=[Section(paragraphs=["研究了防汛抗旱和党建工作。"])]))
    ids = lambda q: {s.id for s in store.search(q)}  # noqa: E731
    assert ids("防汛") == {a.id, c.id}
    assert ids("党建") == {b.id, c.id}
    assert ids("汛") == {a.id, c.id}  # one character
    assert ids("工作总结") == {b.id}
    assert ids("党建 防汛") == {c.id}  # all words
    assert ids("作总") == {b.id}
    assert ids("防旱") == set()  # not a substring anywhere
    assert ids("责任") == {a.id}
    assert ids("  ，") == set()


def test_search_follows_saves_and_excludes_trash(store):
    rec = store.create(Draft(title="稿件", sections=[Section(paragraphs=["旧内容。"])]))
    assert store.search("旧内容")
    d = store.load(rec.id).draft
    d.sections[0].paragraphs = ["新内容。"]
    store.save(rec.id, d, 1)
    assert not store.search("旧内容")
    assert [s.id for s in store.search("新内容")] == [rec.id]
    store.trash(rec.id)
    assert not store.search("新内容")
    assert [s.id for s in store.search("新内容", trashed=True)] == [rec.id]


def test_search_agrees_with_a_brute_force_scan(store):
    import random

    rng = random.Random(7)
    alphabet = "防汛党建工作意识形态责任落实加强领导"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(5, 40))) for _ in range(60)]
    ids = [store.create(Draft(title="稿", sections=[Section(paragraphs=[t])])).id for t in texts]
    for _ in range(200):
        n = rng.randint(1, 4)
        q = "".join(rng.choice(alphabet) for _ in range(n))
        expected = {i for i, t in zip(ids, texts, strict=True) if q in t or q in "稿"}
        assert {s.id for s in store.search(q)} == expected, q


def test_duplicate_as_new(store, speech):
    rec = store.create(speech)
    dup = store.duplicate(rec.id)
    assert dup.id != rec.id and dup.draft.title == speech.title + "（副本）"
    assert store.load(dup.id).draft.sections == speech.sections


def test_purge_only_from_trash(store, speech):
    rec = store.create(speech)
    store.snapshot(rec.id)
    with pytest.raises(StoreError, match="不在回收站"):
        store.purge(rec.id)
    store.trash(rec.id)
    store.purge(rec.id)
    with pytest.raises(NotFoundError):
        store.load(rec.id)
    assert store.versions(rec.id) == []


def test_versions_snapshot_and_restore(store, speech):
    rec = store.create(speech)
    v1 = store.snapshot(rec.id, "导出前")
    changed = speech.copy()
    changed.title = "改过的标题"
    rev = store.save(rec.id, changed, 1)
    versions = store.versions(rec.id)
    assert [v.id for v in versions] == [v1] and versions[0].label == "导出前" and versions[0].rev == 1
    assert store.load_version(v1) == speech
    with pytest.raises(ConflictError):
        store.restore_version(rec.id, v1, expected_rev=1)
    new_rev = store.restore_version(rec.id, v1, expected_rev=rev)
    assert store.load(rec.id).draft == speech and new_rev == rev + 1
    # the state that was replaced is itself kept, so a restore can be undone
    assert store.load_version(store.versions(rec.id)[0].id).title == "改过的标题"


def test_backups_are_consistent_and_rotated(store, speech, tmp_path):
    rec = store.create(speech)
    made = [store.backup(keep=3) for _ in range(5)]
    kept = sorted((tmp_path / "backups").glob("*.sqlite3"))
    assert len(kept) == 3 and set(kept) == set(made[-3:])
    assert not list((tmp_path / "backups").glob("*.part"))
    copy = sqlite3.connect(made[-1])
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT title FROM drafts WHERE id = ?", (rec.id,)).fetchone()[0] == speech.title
    copy.close()
    assert store.backup_if_due() is None  # a fresh backup exists


def test_char_count_is_stored_for_the_list(store):
    d = genre("notice").create(values={"事项": "召开会议"})
    rec = store.create(d)
    assert store.list()[0].chars == d.char_count() > 50
    assert store.load(rec.id).draft == d


def test_a_version_cannot_be_restored_into_another_draft(store):
    a = store.create(Draft(title="甲稿"))
    b = store.create(Draft(title="乙稿"))
    va = store.snapshot(a.id)
    with pytest.raises(NotFoundError):
        store.restore_version(b.id, va, expected_rev=1)
    assert store.load(b.id).draft.title == "乙稿" and store.load(b.id).rev == 1


def test_an_unreadable_stored_body_does_not_break_search(store):
    good = store.create(Draft(title="防汛工作通知"))
    bad = store.create(Draft(title="占位"))
    # e.g. written by a newer version with a section type this one does not know
    store.conn.execute(
        "UPDATE drafts SET body = ?, rev = rev + 1 WHERE id = ?",
        ('{"genre": "speech", "title": "防汛新稿", "sections": [{"type": "future"}]}', bad.id),
    )
    assert {s.id for s in store.search("防汛")} == {good.id, bad.id}
