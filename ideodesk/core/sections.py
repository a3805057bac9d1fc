"""Section types of DESIGN §4: stable ids and their Chinese labels."""

from __future__ import annotations

SECTION_TYPES: dict[str, str] = {
    "opening": "开头/引言",
    "significance": "重要意义/思想认识",
    "situation": "形势研判/风险挑战",
    "achievements": "工作成效/主要做法",
    "problems": "存在问题/不足",
    "causes": "原因分析",
    "measures": "下一步打算/工作措施",
    "requirements": "工作要求",
    "closing": "结束语",
    "general": "其他",
}


def section_label(type_id: str) -> str:
    """The Chinese label of a section type (the id itself if unknown)."""
    return SECTION_TYPES.get(type_id, type_id)
