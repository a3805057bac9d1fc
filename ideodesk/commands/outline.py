"""``ideodesk outline FILE [--json]``: the recovered outline of a .txt/.docx; stores nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ideodesk.commands.common import print_json
from ideodesk.core import draftjson
from ideodesk.core.outline import recover_file
from ideodesk.core.reading import read_source
from ideodesk.core.sections import section_label


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("outline", help="识别 .txt/.docx 文稿的提纲（不保存）")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="输出草稿 JSON（多篇时为数组）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = recover_file(read_source(Path(args.file)))
    for warning in dict.fromkeys([*result.warnings, *(w for r in result.documents for w in r.warnings)]):
        print(f"ideodesk：警告：{warning}", file=sys.stderr)
    drafts = [r.draft for r in result.documents]
    if args.json:
        dicts = [draftjson.draft_to_dict(d) for d in drafts]
        print_json(dicts[0] if len(dicts) == 1 else dicts)
        return 0
    for n, draft in enumerate(drafts, 1):
        if len(drafts) > 1:
            print(f"━━ 第 {n} 篇 ━━")
        print(f"标题：{draft.title or '（无）'}")
        if draft.addressee:
            print(f"称谓：{draft.addressee}")
        for path, sec in draft.walk():
            conf = sec.extra.get("confidence")
            head = draft.numbered_heading(path) if sec.headed else f"（{len(sec.paragraphs)} 段正文）"
            mark = f" {conf:.0%}" if isinstance(conf, float) else ""
            print(f"{'  ' * (len(path) - 1)}{head}  [{section_label(sec.type)}{mark}]")
        if draft.signature.issuer or draft.signature.date:
            print(f"落款：{draft.signature.issuer} {draft.signature.date}".rstrip())
    return 0
