from __future__ import annotations

import pytest

from ideodesk.core.convert import convert, to_simplified


def test_traditional_to_simplified():
    assert to_simplified("全縣意識形態工作會議講話") == "全县意识形态工作会议讲话"


@pytest.mark.parametrize(
    ("config", "expected"), [("s2t", "意識形態"), ("s2tw", "意識形態"), ("s2hk", "意識形態")]
)
def test_simplified_to_traditional_variants(config, expected):
    assert convert("意识形态", config) == expected


def test_regional_wording_differs():
    assert convert("软件", "s2twp") == "軟體"


def test_unknown_config_is_refused():
    with pytest.raises(ValueError):
        convert("字", "x2y")
