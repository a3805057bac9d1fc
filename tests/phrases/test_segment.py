"""jieba: loaded lazily (never on the start path or for short lookups), its cache in the
given folder, and the user dictionary keeping the genre's terms whole."""

from __future__ import annotations

import json
import subprocess

import pytest

from ideodesk.core import segment
from ideodesk.phrases.bankfiles import default_bank_dir, read_bank
from tests.conftest import PYTHON, ROOT


def run_child(code: str, env: dict[str, str]) -> dict:
    proc = subprocess.run(
        [PYTHON, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_lookup_compiling_and_adding_load_neither_jieba_nor_pypinyin(child_env, shipped_db):
    code = f"""
import json, sys
from ideodesk.phrases.bank import PhraseBank
import ideodesk.cli
ideodesk.cli.build_parser()
b = PhraseBank.open({str(shipped_db)!r}, sync=False)
hits = b.search("llzw", "measures") + b.search("意识形态", "problems") + b.complete("牢牢掌握", "measures")
fresh = PhraseBank.open(None)  # compiles the shipped bank
fresh.add("压紧压实意识形态工作责任链条", "measures")
hits += fresh.search("zjzs")
print(json.dumps({{"hits": len(hits), "loaded": [m for m in ("jieba", "pypinyin") if m in sys.modules]}}))
"""
    out = run_child(code, child_env)
    assert out["hits"] > 5 and out["loaded"] == []


def test_a_long_query_loads_jieba_with_its_cache_in_the_given_folder(child_env, tmp_path):
    cache = tmp_path / "data" / "cache"
    code = f"""
import json, sys
from pathlib import Path
from ideodesk.core import segment
segment.set_cache_dir(Path({str(cache)!r}))
assert not segment.is_loaded()
words = segment.cut("切实增强四个意识")
print(json.dumps({{"words": words, "loaded": segment.is_loaded()}}))
"""
    (tmp_path / "data").mkdir()
    out = run_child(code, child_env)
    assert out["loaded"] and "四个意识" in out["words"]
    assert (cache / "jieba.cache").is_file()


def test_no_cache_folder_is_created_for_a_reader_without_a_data_folder(child_env, tmp_path):
    cache = tmp_path / "no-such-data-folder" / "cache"
    code = f"""
import json
from pathlib import Path
from ideodesk.core import segment
segment.set_cache_dir(Path({str(cache)!r}))
print(json.dumps({{"words": segment.cut("两个维护")}}))
"""
    assert run_child(code, child_env)["words"] == ["两个维护"]
    assert not cache.parent.exists()


@pytest.fixture(scope="module")
def terms() -> list[str]:
    return segment.user_terms()


def test_every_user_dictionary_term_stays_whole(terms):
    assert len(terms) >= 200 and len(set(terms)) == len(terms)
    broken = [t for t in terms if t not in segment.cut(f"，{t}。")]
    assert broken == []


def test_the_key_terms_stay_whole_in_running_text():
    words = segment.cut("切实增强四个意识、坚定四个自信、做到两个维护，严格落实意识形态工作责任制和一岗双责")
    for term in ("四个意识", "四个自信", "两个维护", "意识形态工作责任制", "一岗双责"):
        assert term in words
    assert "习近平新时代中国特色社会主义思想" in segment.cut("深入学习习近平新时代中国特色社会主义思想")


def test_the_user_dictionary_comes_from_the_bank(terms):
    bank_text = "\n".join(e.text for e in read_bank(default_bank_dir()).entries)
    missing = [t for t in terms if t not in bank_text]
    assert missing == []


def test_keywords_drop_function_words_and_punctuation():
    assert segment.keywords("加强网络意识形态阵地管理的主要措施") == [
        "加强",
        "网络意识形态",
        "阵地管理",
        "主要",
        "措施",
    ]
    assert segment.keywords("的、了，和") == []
