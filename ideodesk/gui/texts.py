"""User-visible strings of the GUI, in one place so they can be translated later."""

APP_TITLE = "IdeoDesk 公文组稿台"
NEW = "新建(&N)…"
DUPLICATE = "复制为新稿(&D)"
TRASH = "移入回收站(&T)"
SHOW_TRASH = "回收站"
RESTORE = "从回收站恢复(&R)"
QUIT = "退出(&Q)"
FILE_MENU = "文件(&F)"
SEARCH_PLACEHOLDER = "搜索标题和正文（如：防汛、党建）"
EMPTY_STATE = "还没有草稿。按 Ctrl+N 按文种新建一篇。"
NEW_TITLE = "新建草稿"
GENRE = "文种"
TITLE = "标题"
TITLE_REQUIRED = "请填写标题。"
COUNT = "共 {n} 篇草稿"
TRASH_COUNT = "回收站中 {n} 篇"
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
