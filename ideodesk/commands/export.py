"""``ideodesk export SOURCE -o OUT``: a draft to .docx (GB/T 9704) or .txt."""

from __future__ import annotations

import argparse
from pathlib import Path

from ideodesk.commands.common import check_arg, load_source, source_name, warn
from ideodesk.errors import IdeoError

_SUFFIXES = {".docx": "docx", ".txt": "txt"}


def register(sub: argparse._SubParsersAction) -> None:
    # Choices spelled out here so that `--help` needs no python-docx or OpenCC import.
    p = sub.add_parser(
        "export",
        help="导出为 Word（GB/T 9704 格式）或文本文件",
        description="把草稿导出为符合 GB/T 9704-2012 版式的 .docx，或 UTF-8 文本（.txt）。",
    )
    p.add_argument("source", metavar="SOURCE", help="草稿编号、草稿 JSON 文件，或 .txt/.docx（先识别大纲）")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="导出文件（.docx 或 .txt）")
    p.add_argument(
        "--format", choices=("docx", "txt"), help="导出格式（默认按 OUT 的扩展名，无扩展名时为 docx）"
    )
    p.add_argument(
        "--traditional",
        choices=("s2t", "s2tw", "s2hk"),
        metavar="VARIANT",
        help="转换为繁体：s2t（OpenCC 标准）、s2tw（台湾）、s2hk（香港）",
    )
    p.add_argument(
        "--fonts",
        choices=("gb2312", "windows", "gb2312-tnr", "windows-tnr"),
        default="gb2312",
        help="字体方案：gb2312（仿宋_GB2312 等，默认）或 windows（仿宋、楷体、黑体、宋体）；"
        "加 -tnr 则数字和字母用 Times New Roman",
    )
    p.set_defaults(func=run)


def output_path(out: str, fmt: str | None) -> tuple[Path, str]:
    """The file to write and its format: from --format, else from the extension."""
    check_arg("导出文件名", out)
    path = Path(out)
    suffix = path.suffix.lower()
    if not path.name or out.endswith(("/", "\\")) or path.is_dir():
        raise IdeoError(f"{out}：是文件夹，请给出导出文件名（如 {Path(out) / '讲话.docx'}）")
    if suffix in _SUFFIXES:
        if fmt and fmt != _SUFFIXES[suffix]:
            raise IdeoError(f"{out}：扩展名 {path.suffix} 与 --format {fmt} 不一致")
        return path, _SUFFIXES[suffix]
    if suffix:
        raise IdeoError(f"{out}：不支持导出为 {path.suffix} 文件（可用 .docx 或 .txt）")
    fmt = fmt or "docx"
    return path.with_name(f"{path.name}.{fmt}"), fmt


def run(args: argparse.Namespace) -> int:
    path, fmt = output_path(args.output, args.format)  # before reading: fail fast
    draft = load_source(args.source, args)

    from ideodesk.export import Export  # python-docx and OpenCC load only when exporting
    from ideodesk.export.content import EmptyDraftError

    job = Export(draft, path, format=fmt, fonts=args.fonts, traditional=args.traditional)
    try:
        for _ in job.run():
            pass
    except EmptyDraftError as e:
        raise IdeoError(f"{source_name(args.source)}：{e}") from None
    result = job.result
    assert result is not None
    if result.unfilled:
        slots = "、".join(f"【{name}】" for name in result.unfilled)
        warn(f"有 {len(result.unfilled)} 个变量未填写，已在文中保留原样：{slots}")
    for message in result.warnings:
        warn(message)
    print(f"已导出：{result.path}（{result.paragraphs} 段，{result.bytes // 1024 or 1} KB）")
    return 0
