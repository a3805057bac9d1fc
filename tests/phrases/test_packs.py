"""Packs: export, import into a colleague's bank (one copy each, the receiver's counts
kept), and refusal of damaged or foreign files with nothing changed."""

from __future__ import annotations

import json
import zipfile

import pytest

from ideodesk.phrases import packs
from ideodesk.phrases.bank import PhraseBank
from ideodesk.phrases.packs import PackError


@pytest.fixture
def colleague(tmp_path, small_bank_dir, clock):
    b = PhraseBank.open(tmp_path / "colleague" / "phrases.sqlite3", bank_dir=small_bank_dir, clock=clock)
    yield b
    b.close()


def fill(bank) -> None:
    bank.add("把意识形态工作纳入年度目标考核", "measures", "sentence", tags="考核")
    bank.add("压紧压实意识形态工作责任", ["measures", "requirements"], "formulation", genres="speech")
    bank.add("深入学习贯彻党的二十届四中全会精神", "measures", "formulation", valid_from="2025-10-23")


def test_round_trip(tmp_path, bank, colleague):
    fill(bank)
    pack = tmp_path / "我的词库.json"
    assert bank.export_pack(pack) == 3
    result = colleague.import_pack(pack)
    assert result.total == 3 and len(result.added) == 3 and result.present == 0
    p = colleague.find_text("压紧压实意识形态工作责任")
    assert (
        p.origin == "imported" and p.section_types == ("measures", "requirements") and p.genres == ("speech",)
    )
    assert p.source == "词库包 我的词库.json" and p.kind == "formulation"
    assert colleague.find_text("深入学习贯彻党的二十届四中全会精神").valid_from == "2025-10-23"
    assert colleague.search("压紧压实", "requirements")[0].id == p.id


def test_merge_keeps_one_copy_and_the_receivers_counts(tmp_path, bank, colleague):
    fill(bank)
    mine = colleague.add("压紧压实意识形态工作责任。", "problems").phrase  # same words, other punctuation
    colleague.record_use(mine.id)
    colleague.record_use(mine.id)
    pack = tmp_path / "pack.json"
    bank.export_pack(pack)
    result = colleague.import_pack(pack)
    assert result.present == 1 and sorted(result.added) == sorted(
        ["把意识形态工作纳入年度目标考核", "深入学习贯彻党的二十届四中全会精神"]
    )
    kept = colleague.get(mine.id)
    assert kept.uses == 2 and kept.origin == "user" and kept.section_types == ("problems",)
    again = colleague.import_pack(pack)  # importing twice adds nothing
    assert again.added == [] and again.present == 3
    assert colleague.stats()["by_origin"]["imported"] == 2


def test_counts_and_favourites_are_not_exported(tmp_path, bank):
    fill(bank)
    p = bank.find_text("把意识形态工作纳入年度目标考核")
    bank.record_use(p.id)
    bank.set_favourite(p.id)
    pack = tmp_path / "pack.json"
    bank.export_pack(pack)
    doc = json.loads(pack.read_text(encoding="utf-8"))
    assert doc["format"] == "ideodesk-phrasepack" and doc["version"] == 1 and doc["count"] == 3
    assert all(set(e) == {"text", "kind", "section_types", "genres", "tags", "source", "valid_from",
                          "valid_until"} for e in doc["phrases"])  # fmt: skip


def test_export_all_includes_shipped_entries(tmp_path, bank):
    assert bank.export_pack(tmp_path / "all.json", include_shipped=True) == bank.stats()["total"]


def test_nothing_to_export(tmp_path, bank):
    with pytest.raises(Exception, match="没有可导出的词条"):
        bank.export_pack(tmp_path / "empty.json")
    assert not (tmp_path / "empty.json").exists()


def test_export_is_atomic_and_leaves_no_temporary_files(tmp_path, bank):
    fill(bank)
    target = tmp_path / "out" / "pack.json"
    target.parent.mkdir()
    target.write_text("an older pack", encoding="utf-8")
    bank.export_pack(target)
    assert json.loads(target.read_text(encoding="utf-8"))["count"] == 3
    assert [p.name for p in target.parent.iterdir()] == ["pack.json"]
    with pytest.raises(PackError, match="不存在"):
        bank.export_pack(tmp_path / "missing" / "pack.json")


def test_a_failed_write_keeps_the_old_file(tmp_path, bank, monkeypatch):
    fill(bank)
    target = tmp_path / "pack.json"
    target.write_text("the old pack", encoding="utf-8")

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    from ideodesk import atomic

    monkeypatch.setattr(atomic.os, "replace", broken)  # packs are written by the shared atomic writer
    with pytest.raises(PackError, match="导出词库包失败"):
        bank.export_pack(target)
    assert target.read_text(encoding="utf-8") == "the old pack"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def _good_pack(tmp_path, bank) -> bytes:
    fill(bank)
    bank.export_pack(tmp_path / "good.json")
    return (tmp_path / "good.json").read_bytes()


def _with(raw: bytes, **changes) -> bytes:
    doc = json.loads(raw)
    doc.update(changes)
    return json.dumps(doc, ensure_ascii=False).encode()


def _tamper_entry(raw: bytes, **changes) -> bytes:
    doc = json.loads(raw)
    doc["phrases"][0].update(changes)
    doc["sha256"] = packs.hashlib.sha256(packs._canonical(doc["phrases"])).hexdigest()
    return json.dumps(doc, ensure_ascii=False).encode()


def _zip(tmp_path) -> bytes:
    z = tmp_path / "x.zip"
    with zipfile.ZipFile(z, "w") as f:
        f.writestr("a.txt", "hello")
    return z.read_bytes()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda raw, tmp: raw[: len(raw) // 2], "已损坏（内容不完整）"),
        (lambda raw, tmp: raw.replace("年度目标考核".encode(), "年度目标考察".encode()), "校验和不符"),
        (lambda raw, tmp: _with(raw, count=7), "校验和不符"),
        (lambda raw, tmp: _with(raw, version=2), "更新版本"),
        (lambda raw, tmp: _with(raw, version="one"), "缺少格式版本"),
        (lambda raw, tmp: _with(raw, phrases=None), "缺少词条或校验和"),
        (lambda raw, tmp: _tamper_entry(raw, section_types=["nowhere"]), "第 1 条词条无效"),
        (lambda raw, tmp: _tamper_entry(raw, text=""), "第 1 条词条无效"),
        (lambda raw, tmp: _tamper_entry(raw, kind=3), "第 1 条词条无效"),
        (lambda raw, tmp: json.dumps({"format": "ideodesk-draft/1", "title": "讲话"}).encode(), "草稿文件"),
        (lambda raw, tmp: b'{"hello": "world"}', "不是 IdeoDesk 词库包"),
        (lambda raw, tmp: b"[1, 2, 3]", "不是 IdeoDesk 词库包"),
        (lambda raw, tmp: "同志们，今天我们召开会议。".encode("gb18030"), "不是 UTF-8"),
        (lambda raw, tmp: b"\xd0\xcf\x11\xe0" + bytes(100), "旧版 Office"),
        (lambda raw, tmp: _zip(tmp), "zip"),
        (lambda raw, tmp: b"", "不是 IdeoDesk 词库包"),
    ],
)
def test_bad_packs_are_refused_and_nothing_changes(tmp_path, bank, colleague, damage, message):
    bad = tmp_path / "bad.json"
    bad.write_bytes(damage(_good_pack(tmp_path, bank), tmp_path))
    before = colleague.stats()
    with pytest.raises(PackError, match=message) as info:
        colleague.import_pack(bad)
    assert "bad.json" in str(info.value) and "\n" not in str(info.value)
    assert colleague.stats() == before


def test_oversized_and_missing_files(tmp_path, colleague, monkeypatch):
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2048)
    monkeypatch.setattr(packs, "MAX_PACK_BYTES", 1024)
    with pytest.raises(PackError, match="过大"):
        colleague.import_pack(big)
    with pytest.raises(PackError, match="不存在"):
        colleague.import_pack(tmp_path / "nope.json")
    with pytest.raises(PackError, match="文件夹"):
        colleague.import_pack(tmp_path)


def test_duplicates_inside_a_pack_are_imported_once(tmp_path, colleague):
    doc = [{"text": "压实工作责任", "kind": "heading", "section_types": ["measures"]},
           {"text": "压实工作责任。", "kind": "sentence", "section_types": ["requirements"]}]  # fmt: skip
    raw = {"format": "ideodesk-phrasepack", "version": 1, "count": 2, "phrases": doc,
           "sha256": packs.hashlib.sha256(packs._canonical(doc)).hexdigest()}  # fmt: skip
    path = tmp_path / "dups.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    result = colleague.import_pack(path)
    assert result.total == 1 and result.added == ["压实工作责任"]
