"""Background saving: latest state wins, revisions chain, flush waits, failures reported."""

from __future__ import annotations

import threading

from ideodesk.core.draft import Draft, Section
from ideodesk.store.drafts import DraftStore
from ideodesk.store.saver import BackgroundSaver


def _setup(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    store = DraftStore.open(path)
    rec = store.create(Draft(title="稿", sections=[Section(paragraphs=["初稿。"])]))
    return path, store, rec


def test_requests_coalesce_and_revisions_chain(tmp_path):
    path, store, rec = _setup(tmp_path)
    saved: list[int] = []
    saver = BackgroundSaver(path, on_saved=lambda i, r: saved.append(r))
    saver.track(rec.id, rec.rev)
    for n in range(50):
        saver.request(rec.id, Draft(title=f"第{n}稿"))
    assert saver.flush()
    assert store.load(rec.id).draft.title == "第49稿"
    assert saved == sorted(saved) and len(saved) <= 50 and saver.revision(rec.id) == saved[-1]
    saver.request(rec.id, Draft(title="再改"))
    saver.close()
    assert store.load(rec.id).draft.title == "再改"
    store.close()


def test_a_conflict_is_reported_and_nothing_is_overwritten(tmp_path):
    path, store, rec = _setup(tmp_path)
    failures: list[str] = []
    done = threading.Event()
    saver = BackgroundSaver(path, on_failed=lambda i, m: (failures.append(m), done.set()))
    saver.track(rec.id, rec.rev)
    store.save(rec.id, Draft(title="别处改的"), rec.rev)  # another writer got there first
    saver.request(rec.id, Draft(title="我改的"))
    assert done.wait(5) and saver.flush()
    assert "已在别处被修改" in failures[0]
    assert store.load(rec.id).draft.title == "别处改的"
    saver.close()
    store.close()


def test_a_full_disk_is_reported_and_a_later_retry_works(tmp_path):
    path, store, rec = _setup(tmp_path)
    failures: list[str] = []
    saver = BackgroundSaver(path, on_failed=lambda i, m: failures.append(m))
    saver.track(rec.id, rec.rev)
    saver.request(rec.id, Draft(title="小改"))
    assert saver.flush() and saver.store is not None
    pages = saver.store.conn.execute("PRAGMA page_count").fetchone()[0]
    saver.store.conn.execute(f"PRAGMA max_page_count = {pages + 1}")  # the disk is full now
    big = Draft(title="大稿", sections=[Section(paragraphs=["很长的内容。" * 30000])])
    saver.request(rec.id, big)
    assert saver.flush()
    assert failures and "磁盘空间不足" in failures[-1]
    assert store.load(rec.id).draft.title == "小改", "what was saved before is intact"
    saver.store.conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
    saver.request(rec.id, big)
    saver.close()
    assert store.load(rec.id).draft.title == "大稿"
    store.close()


def test_an_unexpected_failure_is_reported_kept_and_retried(tmp_path, monkeypatch):
    """Whatever goes wrong (here an error no code expects), the saver says so, keeps the
    text, survives, and the retry writes it once the cause is gone."""
    path, store, rec = _setup(tmp_path)
    failures: list[tuple[int, str]] = []
    saver = BackgroundSaver(path, on_failed=lambda i, m: failures.append((i, m)))
    saver.track(rec.id, rec.rev)
    real_save = DraftStore.save
    monkeypatch.setattr(DraftStore, "save", lambda *a: (_ for _ in ()).throw(OSError(5, "I/O error")))
    saver.request(rec.id, Draft(title="断电前写的"))
    assert saver.flush()
    assert failures and failures[0][0] == rec.id and "OSError" in failures[0][1]
    assert saver.unsaved[rec.id].title == "断电前写的", "the text is kept in memory"
    monkeypatch.setattr(DraftStore, "save", real_save)
    saver.retry()
    assert saver.flush()
    assert store.load(rec.id).draft.title == "断电前写的" and not saver.unsaved
    saver.close()
    store.close()


def test_store_operations_queue_behind_the_saves(tmp_path):
    path, store, rec = _setup(tmp_path)
    saver = BackgroundSaver(path)
    saver.track(rec.id, rec.rev)
    seen = []
    saver.request(rec.id, Draft(title="刚打的字"))
    saver.call(lambda st: st.load(rec.id).draft.title, done=seen.append)
    assert saver.flush()
    assert seen == ["刚打的字"]
    saver.close()
    saver.close()  # twice is harmless
    store.close()
