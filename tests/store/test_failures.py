"""What goes wrong on real machines: corrupt files, a second instance, a full disk, old schemas."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import textwrap

import pytest
import sqlite_utils

from ideodesk.core.draft import Draft, Section
from ideodesk.store import backup as backup_mod
from ideodesk.store import schema
from ideodesk.store.drafts import DraftStore
from ideodesk.store.errors import (
    CorruptDatabaseError,
    InstanceLockedError,
    NewerSchemaError,
    StoreError,
    StoreFullError,
    StoreReadOnlyError,
)
from ideodesk.store.folder import DataFolder
from tests.conftest import PYTHON, ROOT


def _filled_store(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    store = DraftStore.open(path)
    rec = store.create(Draft(title="已保存的稿子", sections=[Section(paragraphs=["内容。"])]))
    backup = store.backup()
    store.close()
    return path, rec.id, backup


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda p: p.write_bytes(b""), id="zero-length"),
        pytest.param(
            lambda p: p.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 50), id="not-sqlite"
        ),
        pytest.param(lambda p: p.write_bytes(p.read_bytes()[:100] + b"\x00" * 100), id="truncated-header"),
        pytest.param(
            lambda p: p.write_bytes(p.read_bytes()[:4096] + os.urandom(len(p.read_bytes()) - 4096)),
            id="garbage-pages",
        ),
    ],
)
def test_corrupt_database_is_moved_aside_and_backup_offered(tmp_path, damage):
    path, draft_id, backup = _filled_store(tmp_path)
    damage(path)
    damaged_bytes = path.read_bytes()
    with pytest.raises(CorruptDatabaseError) as err:
        DraftStore.open(path)
    e = err.value
    assert e.moved_to is not None and e.moved_to.read_bytes() == damaged_bytes, "moved, never overwritten"
    assert e.moved_to.parent == tmp_path / "corrupt"
    assert e.backups and e.backups[0] == backup
    assert "已损坏" in str(e) and backup.name in str(e)
    assert not path.exists()
    backup_mod.restore_backup(e.backups[0], path)
    store = DraftStore.open(path)
    assert store.load(draft_id).draft.title == "已保存的稿子"
    store.close()


def test_a_second_corruption_does_not_overwrite_the_first(tmp_path):
    path, _, _ = _filled_store(tmp_path)
    path.write_bytes(b"first damage" * 100)
    with pytest.raises(CorruptDatabaseError) as first:
        DraftStore.open(path)
    path.write_bytes(b"second damage" * 100)
    with pytest.raises(CorruptDatabaseError) as second:
        DraftStore.open(path)
    assert first.value.moved_to != second.value.moved_to
    assert first.value.moved_to.read_bytes().startswith(b"first damage")


def test_zero_length_file_never_initialised_is_simply_created(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    path.write_bytes(b"")
    store = DraftStore.open(path)
    assert store.count() == 0
    store.close()


def test_restore_over_a_library_keeps_the_old_one_in_replaced(tmp_path):
    path, draft_id, backup = _filled_store(tmp_path)
    with DraftStore.open(path) as store:
        later = store.create(Draft(title="备份之后的稿子")).id
    kept = backup_mod.restore_backup(backup, path)
    assert kept is not None and kept.parent == tmp_path / "replaced"
    with DraftStore.open(path) as store:
        assert [s.id for s in store.list()] == [draft_id]
    with DraftStore.open(kept) as old:
        assert {s.id for s in old.list()} == {draft_id, later}


def test_an_interrupted_restore_is_rolled_back_and_reported(tmp_path):
    path, draft_id, _backup = _filled_store(tmp_path)
    path.with_name(path.name + ".restoring").write_bytes(b"half a copy")
    with DraftStore.open(path) as store:
        assert any("恢复未完成，已撤销" in w for w in store.warnings)
        assert store.load(draft_id).draft.title == "已保存的稿子"
    assert not path.with_name(path.name + ".restoring").exists()


def test_leftovers_of_killed_backups_are_cleaned_by_the_owner(tmp_path):
    path, _, backup = _filled_store(tmp_path)
    for name in ("drafts-x.sqlite3.part", "drafts-x.sqlite3.part-journal"):
        (tmp_path / "backups" / name).write_bytes(b"half")
    DraftStore.open_reader(path).close()
    assert (tmp_path / "backups" / "drafts-x.sqlite3.part").exists(), "readers touch nothing"
    DraftStore.open(path).close()
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == [backup.name]


def test_second_instance_is_refused_and_lock_dies_with_its_owner(tmp_path):
    folder = DataFolder(tmp_path).ensure()
    holder = subprocess.Popen(
        [PYTHON, "-c", textwrap.dedent(f"""
            import sys, time
            sys.path.insert(0, {str(ROOT)!r})
            from ideodesk.store.folder import DataFolder
            DataFolder(__import__('pathlib').Path({str(tmp_path)!r})).lock()
            print('locked', flush=True)
            time.sleep(60)
        """)],
        stdout=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == b"locked"
        with pytest.raises(InstanceLockedError) as err:
            folder.lock()
        assert str(holder.pid) in str(err.value) and "正被另一个 IdeoDesk 使用" in str(err.value)
    finally:
        holder.kill()
        holder.wait()
    folder.lock().release()  # owner died → free again


def test_lock_in_the_same_process_is_exclusive_too(tmp_path):
    folder = DataFolder(tmp_path).ensure()
    first = folder.lock()
    with pytest.raises(InstanceLockedError):
        folder.lock()
    first.release()
    folder.lock().release()


def test_disk_full_gives_a_clear_error_and_loses_nothing(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    store = DraftStore.open(path)
    small = Draft(title="小稿", sections=[Section(paragraphs=["已保存。"])])
    rec = store.create(small)
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    big = Draft(title="大稿", sections=[Section(paragraphs=["很长的内容。" * 20000])])
    with pytest.raises(StoreFullError) as err:
        store.save(rec.id, big, 1)
    assert "磁盘空间不足" in str(err.value) and "未保存" in str(err.value)
    with pytest.raises(StoreFullError):
        store.create(big)
    assert store.load(rec.id).draft == small and store.load(rec.id).rev == 1
    assert big.title == "大稿", "the text stays in memory for a retry"
    store.conn.execute("PRAGMA max_page_count = 1073741823")
    assert store.save(rec.id, big, 1) == 2  # retry works
    store.close()
    reopened = DraftStore.open(path)
    assert reopened.integrity_check() == "ok" and reopened.load(rec.id).draft == big
    reopened.close()


def test_old_schema_is_migrated_in_a_transaction_with_a_backup_first(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    db = sqlite_utils.Database(sqlite3.connect(path, isolation_level=None))
    schema.migrate(db, schema.MIGRATIONS[:1])  # an "older" database: version 1 only
    db.close()

    def v2(db):
        db["notes"].create({"id": int, "text": str}, pk="id")

    def broken(db):
        db["half"].create({"id": int}, pk="id")
        raise RuntimeError("migration bug")

    db = sqlite_utils.Database(sqlite3.connect(path, isolation_level=None))
    n = len(schema.MIGRATIONS)
    with pytest.raises(RuntimeError):
        schema.migrate(db, (*schema.MIGRATIONS, broken))
    assert schema.version(db) == n and "half" not in db.table_names(), "failed migration left no trace"
    assert schema.migrate(db, (*schema.MIGRATIONS, v2)) == n
    assert schema.version(db) == n + 1 and "notes" in db.table_names()
    db.close()


def test_a_version_1_library_gets_checksums_for_its_drafts(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    db = sqlite_utils.Database(sqlite3.connect(path, isolation_level=None))
    schema.migrate(db, schema.MIGRATIONS[:1])
    db.execute(
        "INSERT INTO drafts (title, genre, body, chars, rev, created, updated, indexed_rev)"
        " VALUES ('旧稿', 'notice', ?, 2, 1, 'x', 'x', 0)",
        ['{"format": "ideodesk-draft/1", "genre": "notice", "title": "旧稿", "sections": []}'],
    )
    db.close()
    with DraftStore.open(path) as store:
        assert store.load(1).draft.title == "旧稿"
        assert store.conn.execute("SELECT body_sum FROM drafts").fetchone()[0] is not None


def test_a_body_altered_on_disk_is_detected_and_the_newest_good_version_offered(tmp_path):
    from ideodesk.store.errors import DamagedDraftError

    path, draft_id, _ = _filled_store(tmp_path)
    with DraftStore.open(path) as store:
        version = store.snapshot(draft_id, "手动")
        body = store.conn.execute("SELECT body FROM drafts WHERE id = ?", (draft_id,)).fetchone()[0]
        flipped = body.replace("内容", "内窖")  # what a flipped bit in a data page does
        store.conn.execute("UPDATE drafts SET body = ? WHERE id = ?", (flipped, draft_id))
        with pytest.raises(DamagedDraftError) as err:
            store.load(draft_id)
        assert err.value.good_versions[0].id == version and f"版本 {version}" in str(err.value)
        restored_rev = store.restore_version(draft_id, version, 1)
        assert store.load(draft_id).rev == restored_rev and store.load(draft_id).draft.title == "已保存的稿子"


def test_opening_an_older_version_backs_up_before_migrating(tmp_path, monkeypatch):
    path = tmp_path / "drafts.sqlite3"
    DraftStore.open(path).close()

    def v2(db):
        db["notes"].create({"id": int}, pk="id")

    n = len(schema.MIGRATIONS)
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, v2))
    store = DraftStore.open(path)
    assert schema.version(store.db) == n + 1
    assert any("pre-migration" in p.name for p in (tmp_path / "backups").iterdir())
    store.close()


def test_database_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    DraftStore.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError, match="更新版本"):
        DraftStore.open(path)
    assert path.read_bytes() == before


def test_read_only_database_gives_a_clear_error(tmp_path):
    path, draft_id, _ = _filled_store(tmp_path)
    store = DraftStore.open(path)
    store.conn.execute("PRAGMA query_only = ON")  # SQLITE_READONLY, as a read-only file gives (even as root)
    with pytest.raises(StoreReadOnlyError, match="只读") as err:
        store.save(draft_id, Draft(title="x"), 1)
    assert "未保存" in str(err.value)
    store.conn.execute("PRAGMA query_only = OFF")
    assert store.load(draft_id).draft.title == "已保存的稿子"
    store.close()


def test_missing_folder_is_an_open_error_not_corruption(tmp_path):
    with pytest.raises(StoreError) as err:
        DraftStore.open(tmp_path / "no" / "such" / "drafts.sqlite3")
    assert not isinstance(err.value, CorruptDatabaseError)
    assert not (tmp_path / "no").exists()


def test_a_persistent_io_error_is_a_read_failure_and_the_file_stays(tmp_path):
    from ideodesk.store.sqlitefile import open_checked

    path, _, _ = _filled_store(tmp_path)
    before = path.read_bytes()
    calls = []

    def failing_disk():
        calls.append(1)
        e = sqlite3.OperationalError("disk I/O error")
        e.sqlite_errorcode = 266  # SQLITE_IOERR_READ
        raise e

    with pytest.raises(StoreError) as err:
        open_checked(path, "草稿库", failing_disk, owner=True, check=True, backups=list)
    assert not isinstance(err.value, CorruptDatabaseError) and "读写错误" in str(err.value)
    assert len(calls) == 4, "retried before giving up"
    assert path.read_bytes() == before and not (tmp_path / "corrupt").exists()


def test_io_error_codes_in_quick_check_are_not_damage():
    from ideodesk.store.sqlitefile import _check_result

    assert _check_result("ok") is None
    assert _check_result("*** in database main ***\nPage 9: unable to get the page. error code=8458") == "io"
    assert (
        _check_result("*** in database main ***\nPage 5: btreeInitPage() returns error code 11") == "damage"
    )
    assert _check_result("Main freelist: invalid page number 27") == "damage"


def test_a_reader_reports_damage_and_moves_nothing(tmp_path):
    path, _, _backup = _filled_store(tmp_path)
    path.write_bytes(b"damaged" * 600)
    with pytest.raises(CorruptDatabaseError) as err:
        DraftStore.open_reader(path)
    assert err.value.moved_to is None and "未做任何改动" in str(err.value)
    assert path.read_bytes().startswith(b"damaged") and not (tmp_path / "corrupt").exists()


def test_a_vanished_library_is_reported_until_the_user_chooses(tmp_path):
    from ideodesk.store.sqlitefile import forget

    path, _, backup = _filled_store(tmp_path)
    path.unlink()
    for _ in range(2):  # never silently recreated
        with pytest.raises(CorruptDatabaseError) as err:
            DraftStore.open(path)
        assert "不见了" in str(err.value) and err.value.backups == [backup]
        assert "backups start-empty" in str(err.value)
        assert not path.exists()
    forget(path)  # the user chose to go on: a new, empty library
    fresh = DraftStore.open(path)
    assert fresh.count() == 0
    fresh.close()


def _open_and_report(path, barrier, queue):
    barrier.wait()
    try:
        DraftStore.open(path).close()
        queue.put("ok")
    except Exception as e:  # reported to the parent
        queue.put(f"{type(e).__name__}: {e}")


def test_two_processes_creating_the_same_library_at_once(tmp_path):
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    for i in range(8):
        path = tmp_path / str(i) / "drafts.sqlite3"
        path.parent.mkdir()
        barrier, queue = ctx.Barrier(2), ctx.Queue()
        procs = [ctx.Process(target=_open_and_report, args=(path, barrier, queue)) for _ in range(2)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(30)
        assert [queue.get(timeout=5) for _ in procs] == ["ok", "ok"]


def test_failed_restore_leaves_no_temp_file_and_a_clear_error(tmp_path, monkeypatch):
    path, draft_id, backup = _filled_store(tmp_path)
    moved = DraftStore.open  # keep the library: restore into a fresh name
    target = tmp_path / "restored.sqlite3"

    def sharing_violation(src, dst):
        raise PermissionError(32, "The process cannot access the file")

    monkeypatch.setattr(backup_mod.os, "replace", sharing_violation)
    with pytest.raises(StoreError, match="未恢复"):
        backup_mod.restore_backup(backup, target)
    assert not target.exists() and not list(tmp_path.glob("*.restoring"))
    assert moved(path).load(draft_id).draft.title == "已保存的稿子"
