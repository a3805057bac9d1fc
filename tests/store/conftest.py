from __future__ import annotations

import pytest

from ideodesk.core.genres import genre
from ideodesk.store.drafts import DraftStore


@pytest.fixture
def store(tmp_path):
    s = DraftStore.open(tmp_path / "drafts.sqlite3")
    yield s
    s.close()


@pytest.fixture
def speech():
    return genre("speech").create(title="在全县意识形态工作会议上的讲话", values={"单位": "某县委宣传部"})
