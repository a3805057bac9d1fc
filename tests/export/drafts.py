"""Drafts the export tests share: small ones for the XML, long ones for rendering.

Built from the model directly (not from the genre templates) so that template edits do
not change the reference files.  Body text has no Arabic numerals: LibreOffice adds
space between Chinese and digits whatever the document says, which would blur the
28-characters-a-line measurement.
"""

from __future__ import annotations

from ideodesk.core.draft import Draft, Section, Signature

SENTENCES = (
    "坚持以新时代中国特色社会主义思想为指导，全面落实意识形态工作责任制，",
    "牢牢掌握意识形态工作领导权、管理权、话语权，不断巩固壮大主流思想舆论。",
    "推动理论学习往深里走、往心里走、往实里走，切实把学习成效转化为推动发展的实际行动。",
    "聚焦群众急难愁盼问题，拿出务实管用的举措，把工作成效体现到群众的获得感上来。",
)
BODY = "".join(SENTENCES)


def body(n: int) -> str:
    """The n-th body paragraph: the sentences rotated, so no two paragraphs are equal."""
    k = n % len(SENTENCES)
    return "".join(SENTENCES[k:] + SENTENCES[:k])


def small_draft() -> Draft:
    """Every block kind once: the subject of the expected-file (reference XML) test."""
    return Draft(
        genre="summary",  # a 落款 at the end (a speech has its byline under the title)
        title="在【会议名称】上的讲话",
        addressee="同志们：",
        variables={"会议名称": "全县意识形态工作会议"},
        sections=[
            Section("opening", "", paragraphs=["今天，我们召开会议，部署下一阶段工作。"]),
            Section(
                "achievements",
                "肯定成绩，客观看待取得的成效",
                paragraphs=["一年来，全县上下扎实工作。"],
                children=[
                    Section("achievements", "工作机制不断健全", True, ["各级党组织履职尽责。"]),
                    Section("problems", "存在问题不容忽视", True, ["有的单位认识不到位。"]),
                ],
                child_numbering="yishi",
            ),
            Section(
                "measures",
                "突出重点，扎实推进各项任务",
                children=[
                    Section(
                        "measures",
                        "加强理论武装",
                        children=[
                            Section(
                                "measures",
                                "抓好中心组学习",
                                paragraphs=["每季度至少集中学习一次。"],
                                children=[Section("measures", "制定学习计划", True, ["年初制定。"])],
                            )
                        ],
                    )
                ],
            ),
            Section("closing", "", paragraphs=["同志们，让我们携手奋进，\t再创佳绩！"]),
        ],
        signature=Signature("【讲话人】", "2024年7月1日"),
    )


def long_draft(title: str = "在全县意识形态工作会议上的讲话", genre: str = "summary") -> Draft:
    """About seven pages: full pages of body text, headings of all four levels, run-in
    headings at levels 2 and 3, a signature and a date (a 落款 unless ``genre`` is one
    with a byline)."""
    n = iter(range(1000))
    return Draft(
        genre=genre,
        title=title,
        addressee="同志们：",
        sections=[
            Section("opening", "", paragraphs=[body(next(n)) for _ in range(2)]),
            Section(
                "significance",
                "提高政治站位，充分认识做好意识形态工作的重要意义",
                # Enough plain paragraphs to fill whole pages with nothing but body text.
                paragraphs=[body(next(n)) + body(next(n)) for _ in range(9)],
            ),
            Section(
                "achievements",
                "肯定成绩，客观看待意识形态工作取得的成效",
                children=[
                    Section("achievements", "工作机制不断健全", True, [body(next(n))]),
                    Section("achievements", "重点任务扎实推进", True, [body(next(n))]),
                    Section("problems", "存在问题不容忽视", True, [body(next(n))]),
                ],
                child_numbering="yishi",
            ),
            Section(
                "measures",
                "突出重点，扎实推进意识形态工作各项任务",
                children=[
                    Section(
                        "measures",
                        "加强理论武装",
                        paragraphs=[body(next(n))],
                        children=[
                            Section(
                                "measures",
                                "抓好中心组学习",
                                paragraphs=[body(next(n))],
                                children=[
                                    Section("measures", "制定学习计划", paragraphs=[body(next(n))]),
                                    Section("measures", "开展专题研讨", True, [body(next(n))]),
                                ],
                            ),
                            Section("measures", "抓好基层宣讲", True, [body(next(n))]),
                        ],
                    ),
                    Section("measures", "强化阵地建设", paragraphs=[body(next(n))]),
                ],
            ),
            Section(
                "closing",
                "",
                paragraphs=["同志们，让我们紧密团结起来，为推动全县高质量发展作出新的更大贡献！"],
            ),
        ],
        signature=Signature("中共某县委宣传部", "2024年7月1日"),
    )


LONG_TITLE = "中共某县委宣传部关于今年上半年全县意识形态领域情况的分析研判报告"


def issued_draft(genre: str = "notice", pages: int = 1, **furniture) -> Draft:
    """A document issued as a 文件: 版头, 附件说明, 附注 and 版记, about ``pages`` pages
    of body text."""
    from ideodesk.core.furniture import Furniture

    fields = dict(
        copy_number="12",
        secrecy="秘密★1年",
        urgency="特急",
        issuer_mark="中共某县委宣传部文件",
        doc_number="某宣发[2026]03号",
        attachments=[
            "全县意识形态工作会议参会回执",
            "全县意识形态工作责任制落实情况统计表及填报说明（请各单位于十二月十日前报送）",
        ],
        note="联系人：张三，联系电话：1234567",
        cc="县委办公室，县人大常委会办公室，县政府办公室，县政协办公室，县纪委监委机关，县委组织部",
        printer="中共某县委宣传部办公室",
        print_date="2026年12月02日",
    )
    fields.update(furniture)
    n = iter(range(1000))
    paras = [body(next(n)) for _ in range(max(1, pages * 5 - 3))]
    return Draft(
        genre=genre,
        title="关于召开全县意识形态工作会议的通知",
        addressee="各乡镇党委，县直各单位：",
        sections=[Section("general", "", paragraphs=paras)],
        signature=Signature("中共某县委宣传部", "2026年12月2日"),
        furniture=Furniture(**fields),
    )
