"""The import preview (issue 12): the recovered outline is shown before anything is
stored; a level and a type can be changed and a removed line restored, then imported."""

from __future__ import annotations

import pytest

from ideodesk.gui.qt import Qt
from tests.fidelity import CORPUS

pytestmark = pytest.mark.gui

SOURCE = "\n".join(
    [
        "关于召开全县宣传工作会议的通知",
        "发布时间：2025-06-03",
        "浏览次数：11",
        "各乡镇、县直各单位：",
        "经研究，决定召开全县宣传工作会议。现将有关事项通知如下：",
        "一、会议时间",
        "2025年6月10日上午9:00。",
        "二、会议地点",
        "县委三楼会议室。",
        "三、参会人员",
        "各单位分管负责同志。",
    ]
)


def preview_of(window, qtbot, path):
    window.import_files([str(path)])
    qtbot.waitUntil(lambda: getattr(window, "import_preview", None) is not None, timeout=10000)
    preview = window.import_preview
    qtbot.waitUntil(preview.isVisible, timeout=5000)
    return preview


def items(preview):
    from ideodesk.gui.import_preview import _items

    return list(_items(preview.tree))


def test_preview_change_a_level_and_a_type_restore_a_line_then_import(window, qtbot, tmp_path):
    path = tmp_path / "通知.txt"
    path.write_text(SOURCE, encoding="utf-8")
    preview = preview_of(window, qtbot, path)
    texts = [i.text(0) for i in items(preview)]
    assert "二、会议地点" in texts and "称谓：各乡镇、县直各单位：" in texts
    removed = [i for i in items(preview) if i.data(0, Qt.ItemDataRole.UserRole)]
    grey = [i for i in removed if i.data(0, Qt.ItemDataRole.UserRole)[0] == "removed"]
    assert {i.text(0) for i in grey} == {"发布时间：2025-06-03", "浏览次数：11"}
    assert grey[0].text(2) == "发布信息"

    # demote 二、会议地点 under 一、会议时间
    place = next(i for i in items(preview) if i.text(0) == "二、会议地点")
    preview.tree.setCurrentItem(place)
    assert preview.down.isEnabled()
    preview.down.click()
    assert any(i.text(0) == "（一）会议地点" and i.text(1) == "2" for i in items(preview))
    # a type chosen by the clerk
    people = next(i for i in items(preview) if i.text(0).endswith("参会人员"))
    preview.tree.setCurrentItem(people)
    index = preview.type_box.findData("requirements")
    preview.type_box.setCurrentIndex(index)
    preview.type_box.activated.emit(index)
    assert people.text(2) == "工作要求"
    # restore a removed line: it goes back to the text
    line = next(i for i in items(preview) if i.text(0) == "浏览次数：11")
    line.setCheckState(0, Qt.CheckState.Checked)
    assert "浏览次数：11" not in {
        i.text(0) for i in items(preview) if i.checkState(0) == Qt.CheckState.Unchecked
    }

    preview.buttons.button(preview.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.workspace.draft.title == "关于召开全县宣传工作会议的通知", timeout=10000)
    draft = window.store.load(window.workspace.draft_id).draft
    assert "浏览次数：11" in draft.plain_text()
    headed = [s for s in draft.sections if s.headed]
    assert [s.heading for s in headed] == ["会议时间", "参会人员"]
    assert [c.heading for c in headed[0].children] == ["会议地点"]
    assert headed[1].type == "requirements"


def test_preview_shows_what_recovery_is_unsure_of_and_cancel_stores_nothing(window, qtbot):
    before = window.library.list.count()
    preview = preview_of(window, qtbot, CORPUS / "dev_030_other.txt")  # no title: a note says so
    notes = [preview.notes.item(i).text() for i in range(preview.notes.count())]
    assert any("没有找到标题" in n for n in notes)
    preview.reject()
    assert window.library.list.count() == before
