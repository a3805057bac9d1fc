"""The phrase bank keeps the user's own phrases as safely as the drafts library keeps drafts
(review F4, F21): a vanished or truncated bank is reported, never silently replaced; one
unreadable row is repaired, not the whole bank lost; daily backups hold the user's entries
and usage; a reader writes nothing."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from ideodesk.phrases.bank import PhraseBank
from ideodesk.store import backup as backup_mod
from ideodesk.store.errors import CorruptDatabaseError, MissingDatabaseError, StoreError
from ideodesk.store.sqlitefile import forget

MINE = "坚持把自建词条放在心上，一字不差地保存好"
OTHER = "自建词条之二：每一条都要找得回来"


@pytest.fixture
def users_bank(tmp_path, small_bank_dir, clock):
    """A bank the app has used: two phrases of the user's own, one used twice, closed."""
    path = tmp_path / "data" / "phrases.sqlite3"
    with PhraseBank.open(path, bank_dir=small_bank_dir, clock=clock) as bank:
        mine = bank.add(MINE, "general").phrase.id
        bank.add(OTHER, "measures")
        bank.record_use(mine)
        bank.record_use(mine)
    return path


def _open(path, small_bank_dir, clock, **kw) -> PhraseBank:
    return PhraseBank.open(path, bank_dir=small_bank_dir, clock=clock, **kw)


def _texts(bank: PhraseBank, include_hidden: bool = False) -> set[str]:
    return {p.text for p in bank.phrases(origins=["user"], include_hidden=include_hidden)}


def test_a_deleted_bank_is_reported_not_replaced_until_the_user_chooses(users_bank, small_bank_dir, clock):
    users_bank.unlink()
    for _ in range(2):  # every start says so; nothing is created in its place
        with pytest.raises(MissingDatabaseError, match="不见了") as err:
            _open(users_bank, small_bank_dir, clock)
        assert "backups start-empty --phrases" in str(err.value)
        assert not users_bank.exists()
    forget(users_bank)  # what "从空库开始" / ``backups start-empty --phrases`` do
    with _open(users_bank, small_bank_dir, clock) as fresh:
        assert _texts(fresh) == set() and fresh.stats()["total"] > 0


@pytest.mark.parametrize("size", [0, 4096], ids=["zeroed", "truncated"])
def test_a_truncated_bank_is_moved_aside_and_its_backup_offered(users_bank, small_bank_dir, clock, size):
    with _open(users_bank, small_bank_dir, clock) as bank:
        backup = bank.backup_if_due()
    assert backup is not None and backup.parent.name == "backups"
    whole = users_bank.read_bytes()
    users_bank.write_bytes(whole[:size])
    with pytest.raises(CorruptDatabaseError, match="已损坏") as err:
        _open(users_bank, small_bank_dir, clock)
    e = err.value
    assert e.moved_to is not None and e.moved_to.read_bytes() == whole[:size]  # kept byte for byte
    assert e.backups == [backup] and "backups restore --phrases" in str(e)
    with pytest.raises(MissingDatabaseError):  # the next start does not start empty either
        _open(users_bank, small_bank_dir, clock)
    backup_mod.restore_backup(backup, users_bank, "词库")
    with _open(users_bank, small_bank_dir, clock) as restored:
        assert _texts(restored) == {MINE, OTHER}
        assert {p.text: p.uses for p in restored.phrases(origins=["user"])}[MINE] == 2


def _spoil_one_phrase(path, text: str) -> None:
    """Replace one byte of a stored phrase with one that is not UTF-8 (a flipped bit)."""
    conn = sqlite3.connect(path)
    spoiled = text.encode()[:6] + b"\xff" + text.encode()[7:]
    conn.execute("UPDATE phrases SET text = CAST(? AS TEXT) WHERE text = ?", (spoiled, text))
    assert conn.total_changes == 1
    conn.commit()
    conn.close()


def test_one_unreadable_phrase_is_repaired_and_the_rest_kept(users_bank, small_bank_dir, clock):
    _spoil_one_phrase(users_bank, MINE)
    digest = hashlib.sha256(users_bank.read_bytes()).hexdigest()
    with pytest.raises(StoreError, match="无法读取的文字"):  # a reader only reports
        _open(users_bank, small_bank_dir, clock, owner=False)
    assert hashlib.sha256(users_bank.read_bytes()).hexdigest() == digest
    with _open(users_bank, small_bank_dir, clock) as bank:
        assert any("1 条记录含有损坏的文字，已修复" in w for w in bank.warnings), bank.warnings
        assert _texts(bank) == {OTHER}  # the repaired one is hidden until the user looks at it
        repaired = _texts(bank, include_hidden=True) - {OTHER}
        assert len(repaired) == 1 and "\ufffd" in next(iter(repaired))
        assert bank.search("阵地")  # the shipped bank still answers
    kept = list((users_bank.parent / "corrupt").glob("*.sqlite3"))
    assert len(kept) == 1  # the bank as it was before the repair
    with _open(users_bank, small_bank_dir, clock) as again:  # repaired once, for good
        assert again.warnings == [] and _texts(again) == {OTHER}


def test_a_reader_writes_nothing_to_the_bank(users_bank, small_bank_dir, clock):
    folder = users_bank.parent
    before = {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir()}
    with _open(users_bank, small_bank_dir, clock, owner=False) as reader:
        assert reader.read_only and _texts(reader) == {MINE, OTHER}
        assert reader.search("阵地")
        assert reader.backup_if_due() is None
    after = {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir()}
    # SQLite's WAL index (-shm) and an empty -wal may appear: a WAL reader needs them; they
    # hold nothing, and the reader can neither checkpoint nor delete them.
    new = {name: after.pop(name) for name in set(after) - set(before)}
    assert set(new) <= {"phrases.sqlite3-wal", "phrases.sqlite3-shm"}
    assert new.get("phrases.sqlite3-wal", (0, 0))[1] == 0
    assert after == before


def test_a_reader_of_a_missing_bank_creates_nothing(tmp_path, small_bank_dir, clock):
    path = tmp_path / "data" / "phrases.sqlite3"
    path.parent.mkdir()
    with pytest.raises(StoreError):
        _open(path, small_bank_dir, clock, owner=False)
    assert list(path.parent.iterdir()) == []
