"""User-visible strings of the GUI, in one place so they can be translated later.

Grouped by window or panel; a string used in several places lives in the group where it
first appears.  Format strings take named fields: ``texts.IMPORTED.format(n=3)``.
"""

# Application, file menu, library, start-up recovery, new-draft dialog
APP_TITLE = "IdeoDesk 公文组稿台"
NEW = "新建(&N)…"
DUPLICATE = "复制为新稿(&D)"
TRASH = "移入回收站(&T)"
SHOW_TRASH = "回收站"
RESTORE = "从回收站恢复(&R)"
QUIT = "退出(&Q)"
FILE_MENU = "文件(&F)"
SEARCH_PLACEHOLDER = "搜索标题和正文（如：防汛、党建）"
NEW_TITLE = "新建草稿"
GENRE = "文种"
TITLE = "标题"
ALREADY_RUNNING = "IdeoDesk 已在运行"
CORRUPT_TITLE = "草稿库无法打开"
CORRUPT_ASK = "{message}。\n\n{backup}请选择：从最新备份恢复，或从空库重新开始（损坏的文件已保留）。"
CORRUPT_BACKUP = "最新备份：{name}（{when}）。\n"
CORRUPT_NO_BACKUP = "没有可用的备份。\n"
CORRUPT_RESTORE = "从备份恢复"
CORRUPT_START_EMPTY = "从空库开始"
CORRUPT_QUIT = "退出"
NOTICE_TITLE = "请注意"
BANK_DAMAGED_TITLE = "规范表述库无法打开"
BANK_LATER = "暂不使用词库"
DAMAGED_DRAFT_TITLE = "草稿内容已损坏"
DAMAGED_DRAFT_ASK = (
    "{message}。\n\n最新的完好版本是版本 {version}（{when}，{label}）。"
    "现在恢复到版本 {version} 吗？损坏的内容也会另存为一个版本，不会丢弃。"
)
ERROR_TITLE = "出错了"

SHORTCUTS = """写作
  Enter：在标题末尾按下开始正文；标题、称谓、落款之间依次跳转
  Ctrl+1 … Ctrl+4：设为一至四级标题　　Ctrl+0：设为正文
  Tab / Shift+Tab（在标题开头）、Alt+→ / Alt+←：降级 / 升级
  在段首输入 一、 （一） 1. （1） 一是 一要 第一， 自动设为标题（Ctrl+Z 可撤回）
  Backspace（在标题开头）：取消编号
  Ctrl+Z / Ctrl+Y：撤销 / 重做（文字、结构、插入、修正同一条历史）
  Ctrl+F：查找　　Ctrl+H：替换　　Ctrl+滚轮：缩放
提纲
  Alt+↑ / Alt+↓：本节上移 / 下移　　Ctrl+Enter：新增同级标题　　Ctrl+Shift+Enter：新增下级标题
  Ctrl+Shift+K：在光标处拆分　　Ctrl+Shift+M：与下一节合并　　左侧提纲可拖动调整位置
规范表述与校对
  Alt+1 … Alt+9：插入右侧第 n 条表述　　Ctrl+Shift+P：把选中文字加入词库　　F7：校对
文件
  Ctrl+N：新建　　Ctrl+S：保存　　Ctrl+Shift+S：保存版本　　Ctrl+I：导入　　Ctrl+E：导出
  Ctrl+Alt+S：另存为 Word 文档　　Ctrl+P：打印预览　　Ctrl+Shift+F：在草稿库中查找"""

# Main window: menus, actions, tabs, status bar
OPENING_LIBRARY = "正在打开草稿库…"
PHRASES_TAB = "规范表述"
CHECKS = "校对"
OPEN = "打开(&O)…"
SAVE = "保存(&S)"
SAVE_VERSION = "保存版本(&V)"
VERSION_HISTORY = "版本历史(&H)…"
IMPORT = "导入(&I)…"
EXPORT = "导出(&E)…"
SAVE_AS_WORD = "另存为 Word 文档(&A)…"
PRINT = "打印预览/打印(&P)…"
EXPORT_PDF = "导出 PDF…"
EDIT_MENU = "编辑(&E)"
UNDO = "撤销(&U)"
REDO = "重做(&R)"
CUT = "剪切(&T)"
COPY = "复制(&C)"
PASTE = "粘贴(&P)"
SELECT_ALL = "全选(&A)"
FIND = "查找(&F)…"
REPLACE = "替换(&H)…"
ZOOM_FIT_WIDTH = "缩放：适应页宽"
FIND_IN_LIBRARY = "在草稿库中查找(&L)"
OUTLINE_MENU = "提纲(&O)"
ADD_SIBLING = "新增同级标题"
ADD_CHILD = "新增下级标题"
DELETE_SECTION = "删除段落"
MOVE_UP = "上移"
MOVE_DOWN = "下移"
PROMOTE = "升级"
DEMOTE = "降级"
SPLIT_HERE = "在光标处拆分"
MERGE_NEXT = "与下一段合并"
LEVEL_NUMERALS = "一二三四"  # the heading levels 1-4 as said in labels
SET_LEVEL_MENU = "设为{numeral}级标题\tCtrl+{level}"
SET_BODY_MENU = "设为正文\tCtrl+0"
TOGGLE_RUN_IN = "标题与正文同段（如：一是……。正文）"
SECTION_TYPE_MENU = "本节类型"
NUMBERING_MENU = "下级编号样式"
NUMBERING_DEFAULT = "按层级默认（一、（一）1.（1））"
TOOLS_MENU = "工具(&T)"
RUN_CHECKS = "校对(&C)"
EDIT_FURNITURE = "公文要素（版头、附件、版记）(&Y)…"
ADD_PHRASE = "把选中文字加入词库"
MANAGE_PHRASES = "规范表述库管理(&M)…"
HELP_MENU = "帮助(&H)"
SHOW_SHORTCUTS = "快捷键一览(&K)"
ABOUT = "关于 IdeoDesk"
TOOLBAR = "常用"
QUIT_AFTER_SAVE = "正在保存，保存完即退出…"
SAVE_BEFORE_QUIT = "退出前保存"
CLOSE_BANK = "关闭规范表述库"
QUIT_CANCELLED = "已取消退出"
UNSAVED_TITLE = "尚未保存"
UNSAVED_QUIT_ASK = "最近的修改没能保存（见状态栏）。仍要退出吗？未保存的修改将丢失。"

# Import, export, print, about (window_files)
CANCEL = "取消"
UNEXPECTED_ERROR = "发生意外错误：{kind}: {error}"
IMPORT_DIALOG_TITLE = "导入文稿"
IMPORT_FILTER = "文稿 (*.txt *.docx);;所有文件 (*)"
IMPORT_TITLE = "导入"
IMPORTED = "已导入 {n} 篇草稿"
EXPORT_TITLE = "导出"
DEFAULT_FILE_NAME = "草稿"
EXPORT_TO = "导出到"
UNFILLED_NOTE = "\n\n以下变量尚未填写，已原样保留："
EXPORTED = "已导出：{path}"
VERSION_BEFORE_EXPORT_FAILED = "导出前未能保存版本：{message}"
SAVE_VERSION_BEFORE_EXPORT = "导出前保存版本"
VERSION_BEFORE_EXPORT = "导出前"
EXPORT_PDF_TITLE = "导出 PDF"
EXPORTED_PDF = "已导出 PDF：{path}"
SECTION_TYPE_STATUS = "本节：{type}"
SHORTCUTS_TITLE = "快捷键一览"
EXPORT_DONE_TITLE = "导出完成"
EXPORTED_TO = "已导出到：{path}{note}"
OPEN_FILE = "打开文件"
OPEN_FOLDER = "打开所在文件夹"
CLOSE = "关闭"
ABOUT_TITLE = "关于"
ABOUT_TEXT = "IdeoDesk 公文组稿台 {version}\n离线使用，不联网。\n数据文件夹：{folder}"

# Drafts: open, save, versions, failures (window_drafts)
OPEN_DRAFT_JOB = "打开草稿"
DUPLICATE_DRAFT_JOB = "复制草稿"
DELETE_SECTION_ASK = "删除“{text}”及其下级内容？（可用 Ctrl+Z 撤销）"
SAVED = "已保存"
SAVE_JOB = "保存"
VERSION_MANUAL = "手动"
VERSION_SAVED = "已保存版本（{label}）"
SAVE_VERSION_JOB = "保存版本"
VERSIONS_JOB = "版本记录"
VERSION_RESTORED = "已恢复所选版本（恢复前的内容也已存为版本）"
SAVE_FAILED_TITLE = "未能保存"
SAVE_FAILED_HINT = "\n\n文字仍在编辑器中，程序会自动重试；解决后也可按 Ctrl+S 重试。"
UNEXPECTED_ERROR_TITLE = "意外错误"
JOB_FAILED = "{what}失败：{message}"
CHAR_COUNT = "{n} 字"
VERSION_AUTO = "自动"

# Phrase bank opening (window_bank)
OPEN_BANK_JOB = "打开规范表述库"
BANK_WHAT = "词库"
BANK_CANNOT_OPEN = "规范表述库无法打开：{error}"
BANK_TITLE = "规范表述库"
BANK_LOADING = "词库正在载入，请稍候。"

# Phrase bank manager (phrase_manager)
BROWSE_TAB = "浏览与编辑"
REVIEW_TAB = "审核导入的候选"
ALL_SECTION_TYPES = "全部段落类型"
ALL_KINDS = "全部种类"
FILTER_PLACEHOLDER = "筛选文字"
WITHOUT_HIDDEN = "不含隐藏的"
WITH_HIDDEN = "含隐藏的"
EDIT_PHRASE_BUTTON = "修改…"
TOGGLE_HIDDEN = "隐藏/取消隐藏"
TOGGLE_FAVOURITE = "收藏/取消收藏"
EXPORT_PACK_BUTTON = "导出词包…"
IMPORT_PACK_BUTTON = "导入词包…"
HIDDEN_MARK = "（隐藏）"
PHRASE_ITEM = "{marks}{text}\n{kind} · {types} · 用过 {uses} 次"
PHRASE_COUNT = "共 {n} 条"
EDIT_PHRASE_TITLE = "修改词条"
PHRASE_TEXT_LABEL = "文字："
EXPORT_PACK_TITLE = "导出词包"
PACK_FILE_NAME = "我的规范表述.json"
PACK_FILTER = "词包 (*.json)"
PACK_EXPORTED = "已导出 {n} 条到 {path}"
IMPORT_PACK_TITLE = "导入词包"
PACK_OPEN_FILTER = "词包 (*.json);;所有文件 (*)"
PACK_IMPORTED = "词包共 {total} 条：新增 {added} 条，已有 {present} 条"
ACCEPT_CANDIDATE = "收下"
REJECT_CANDIDATE = "不要（以后不再提示）"
REVIEW_HINT = "从导入的文稿中提取的标题、提法和过渡句，审核后才进入词库："
CANDIDATE_ITEM = "{text}\n{kind} · {types} · 来自 {source}"

# Phrase panel (phrase_panel)
PHRASE_SEARCH_PLACEHOLDER = "检索规范表述：词语、拼音首字母（如 llzw）"
BANK_LOADING_STATUS = "正在载入规范表述库…"
ADD_SELECTION_BUTTON = "把选中的文字加入词库"
ALL_SECTIONS = "全部栏目"
ALL_SECTIONS_TIP = "勾选后不限于当前栏目类型，列出各栏目的表述"
BANK_READY = "规范表述库已就绪"
PHRASE_LOOKUP_JOB = "检索规范表述"
LOOKUP_FAILED = "检索出错：{error}"
OFFERS_SEARCH = "检索结果"
OFFERS_TYPING = "续写与相关表述"
OFFERS_SECTION = "本段常用表述"
OLD_FORMULATION = "旧提法"
RECORD_USE_JOB = "记录表述的使用"
SELECT_TEXT_FIRST = "请先在正文中选中要加入的文字"
PHRASE_ADDED = "已加入词库："
PHRASE_PRESENT = "词库中已有："

# Workspace: outline actions, save state (workspace)
EMPTY_STATE = (
    "还没有打开草稿。\n\n"
    "按 Ctrl+N 按文种新建（讲话、研讨发言、工作总结、分析研判报告、会议记录、通知），\n"
    "或按 Ctrl+I 导入已有的 .txt / .docx 文稿；左侧列表中单击草稿即可打开。"
)
OPENED = "已打开"
SECTION_TYPE_CONTEXT_MENU = "段落类型"
DELETE_THIS_SECTION = "删除此节"
UNSAVED_CHANGES = "未保存的修改"
CURSOR_IN_SECTION_FIRST = "请先把光标放在正文的某一节中"
DELETE_ONE_SECTION = "删除一节"
MERGE_WITH_NEXT_SECTION = "与下一节合并"
DRAG_MOVE = "拖动调整位置"
CHANGE_NUMBERING = "更改编号样式"
SAVING = "正在保存…"
AFTER_SAVE_JOB = "保存后继续"
SAVED_AT = "已保存 {time:%H:%M:%S}"
SAVE_FAILED_RETRY = "草稿 {draft_id} 的最近修改未能保存（{message}），将自动重试。"
UNSAVED_RETRY = "未保存：{message}（{seconds} 秒后重试）"

# Dialogs: new draft, versions, export (dialogs)
OK = "确定"
NEW_TITLE_PLACEHOLDER = "留空则按模板生成，如：在【会议名称】上的讲话"
NEW_VARIABLES_LABEL = "变量（填入模板中的【】处，可稍后修改）："
NEW_BUTTON = "新建"
NEW_PREVIEW = "标题：{title}\n提纲："
VERSIONS_TITLE = "版本历史"
VERSION_ITEM = "{when}  {label}\n{title} · {chars} 字"
RESTORE_VERSION = "恢复此版本"
NO_VERSIONS = "还没有保存过版本。导出前、每隔十分钟的编辑和 Ctrl+Shift+S 都会保存一个版本。"
FORMAT_DOCX = "Word 文档（.docx，GB/T 9704 格式）"
FORMAT_TXT = "纯文本（.txt，记事本可打开）"
SCRIPT_SIMPLIFIED = "简体（不转换）"
SCRIPT_TRADITIONAL = "繁体（OpenCC 标准）"
SCRIPT_TAIWAN = "繁体（台湾）"
SCRIPT_HONG_KONG = "繁体（香港）"
EXPORT_FORMAT = "格式"
EXPORT_FONTS = "字体方案"
EXPORT_SCRIPT = "简繁"
CHOOSE_SAVE_PLACE = "选择保存位置…"
TIME_UNKNOWN = "时间未知"

# Checks panel (checks_panel)
SEVERITY_ERROR = "错误"
SEVERITY_WARNING = "警告"
SEVERITY_INFO = "提示"
NOT_CHECKED = "尚未校对"
FIX_SELECTED = "修正所选"
CHECK_NOW = "立即校对"
CHECKING = "正在校对…"
NO_DRAFT_OPEN = "尚未打开草稿"
CHECK_FAILED = "校对出错：{error}"
FINDING_FIX = "\n→ 改为：{replacement}"
FINDINGS_SUMMARY = "发现 {n} 处问题（错误 {errors} 处）"
NO_FINDINGS = "未发现问题"
EXPORT_CHECK_FAILED = "校对未能完成（{error}），导出前请自行检查。"
EXPORT_FINDINGS_LEFT = "校对还有 {n} 处问题（其中错误 {errors} 处），建议修正后再导出。"
FINDING_MOVED = "该处文字已不在原位，请重新校对"
FINDING_CHANGED = "该处文字已改动，请重新校对"
CHECK_FIX_UNDO = "校对修正"
FINDING_AT_HEADING = "{section} 标题"
FINDING_AT_PARAGRAPH = "{section} 第{paragraph}段"

# Import preview (import_preview)
IMPORT_PREVIEW_TITLE = "导入预览"
IMPORT_PREVIEW_HINT = "请核对识别出的提纲：选中一节可调整层级和类型；勾选灰色的行可把删去的内容恢复到正文。"
COLUMN_CONTENT = "内容"
COLUMN_LEVEL = "层级"
COLUMN_TYPE = "类型"
LEVEL_UP = "升一级"
LEVEL_DOWN = "降一级"
LEVEL_LABEL = "层级："
SECTION_TYPE_LABEL = "  本节类型："
IMPORT_NOTES_LABEL = "请留意："
IMPORT_COUNT_BUTTON = "导入 {n} 篇"
IMPORT_DRAFT_ITEM = "{name}{nth}：{title}"
IMPORT_NTH = " 第 {n} 篇"
UNTITLED = "（无标题）"
IMPORT_GENRE = "文种：{genre}"
IMPORT_ADDRESSEE = "称谓：{addressee}"
IMPORT_BODY_PARAGRAPHS = "（{n} 段正文）"
IMPORT_SIGNATURE = "落款：{signature}"
IMPORT_REMOVED_GROUP = "{file}：已删去的网页内容 {n} 行（勾选可恢复）"
IMPORT_REMOVED_REASON = "删去的原因：{reason}"

# Editor: undo step names and the context menu (dockeys, docclipboard, doceditor)
UNDO_DELETE = "删除"
UNDO_NEW_LINE = "换行"
UNDO_UNNUMBER = "取消编号"
UNDO_AUTO_NUMBER = "自动编号"
EDIT_UNDO = "撤销"
EDIT_REDO = "重做"
EDIT_CUT = "剪切"
EDIT_COPY = "复制"
EDIT_PASTE = "粘贴"
EDIT_SELECT_ALL = "全选"
UNDO_RECOGNISE_OUTLINE = "识别提纲"
UNDO_DRAG_TEXT = "拖动文字"
UNDO_TYPING = "输入"

# Find and replace bar (findbar)
FIND_PLACEHOLDER = "查找"
REPLACE_PLACEHOLDER = "替换为"
FIND_PREVIOUS = "上一个"
FIND_NEXT = "下一个"
REPLACE_ONE = "替换"
REPLACE_ALL = "全部替换"
IN_SELECTION = "仅在选定范围"
CLOSE_FINDBAR_TIP = "关闭（Esc）"
NO_MATCH = "无匹配"
MATCH_CURRENT = "第 {n} 处，"
MATCH_COUNT = "{where}共 {n} 处"
UNDO_REPLACE_ALL = "全部替换（{n} 处）"
REPLACED_COUNT = "已替换 {n} 处"

# Editor: paragraph structure (docstructure)
SET_LEVEL = "设为{numeral}级标题"
SET_BODY = "设为正文"
CANNOT_BE_HEADING = "此处不能设为标题"
ALREADY_TOP_LEVEL = "已是一级标题"
AT_MOST_FOUR_LEVELS = "标题最多四级"
UNDO_RUN_IN = "标题与正文同段"
UNDO_RUN_OUT = "标题单独成段"
CURSOR_NOT_IN_PARAGRAPH = "光标不在正文段落中"
UNDO_SECTION_TYPE = "更改段落类型"
UNDO_INSERT_PHRASE = "插入规范表述"

# Editor: placeholders of empty paragraphs (docprops)
ADDRESSEE_PLACEHOLDER = "称谓或主送（如：同志们：）"
ISSUER_PLACEHOLDER = "落款单位（讲话稿可不填）"
DATE_PLACEHOLDER = "成文日期（如：2024年7月1日）"
HEADING_PLACEHOLDER = "标题文字"

# Outline tree (outline_model)
OUTLINE_PREVIEW = "（{preview}…）"
UNNAMED_GROUP = "（未命名分组）"
EMPTY_PARAGRAPH = "空白段落"
OUTLINE_COLUMN = "提纲"

# Library list (library)
LIBRARY_ITEM = "{title}\n{genre} · {chars} 字"

# Unexpected errors and background jobs (ops, workers, printing, qt)
CRASH_MESSAGE = (
    "程序出现意外错误（{kind}: {error}）。\n\n"
    "已写好的文字仍在编辑器中，自动保存照常进行。详情已写入日志：\n{log_file}"
)
BACKGROUND_JOB = "后台任务"
PRINT_PREVIEW_TITLE = "打印预览"
PYSIDE_UNSTABLE = "PySide6 {version} 在 Python 3.11 上不稳定，请安装 PySide6-Essentials<6.12"

# Document furniture dialog (furniture_dialog)
FURNITURE_TITLE = "公文要素"
FURNITURE_HINTS = {  # placeholders of the fields, by furniture id
    "copy_number": "如：000012（不超过 6 位）",
    "secrecy": "如：秘密★1年",
    "urgency": "特急 或 加急",
    "issuer_mark": "如：中共某县委宣传部文件",
    "doc_number": "如：某宣发〔2026〕3号",
    "signers": "每行一人",
    "attachments": "每行一个附件名称",
    "cc": "如：县委办公室，县政府办公室",
    "printer": "如：中共某县委宣传部办公室",
    "print_date": "如：2026年12月2日",
}
FURNITURE_NONE_OFFERED = "本文种（{label}）不使用版头、附件或版记等公文要素。"
FURNITURE_SEAL = "成文日期右空四字，署名以日期居中（盖章用）"
