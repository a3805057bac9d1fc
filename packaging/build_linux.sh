#!/usr/bin/env bash
# Build the one-folder bundle (dist/ideodesk/) from pyinstaller.spec, then smoke-test it:
# the command line (outline, phrases search, export, check) and the GUI (headless with
# Qt's offscreen platform, then a real window on Xvfb closed with Ctrl+Q), each on a fresh
# data folder and a fresh HOME, each with the network cut (unshare -n) and, where strace
# exists, every socket the bundle opens recorded: any IPv4/IPv6 socket fails the run.
#
#   packaging/build_linux.sh                 build + smoke test
#   packaging/build_linux.sh --skip-build    smoke-test the existing dist/ideodesk/
#   PYTHON=/path/to/python packaging/build_linux.sh
#
# PYTHON (default .venv/bin/python, else python3) must have the project and PyInstaller
# installed:  pip install -e . pyinstaller
# Exit status: 0 when every step passed, 1 otherwise.  Logs: build/smoke/.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
START=$(date +%s)

if [ -z "${PYTHON:-}" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
SKIP_BUILD=0
[ "${1:-}" = "--skip-build" ] && SKIP_BUILD=1

BUNDLE=$ROOT/dist/ideodesk
EXE=$BUNDLE/ideodesk
SAMPLE=$ROOT/packaging/testdata/seminar_speech.txt
LOGS=$ROOT/build/smoke
FAILS=0
PIDS=()

say() { printf '%s\n' "$*"; }
pass() { say "PASS  $*"; }
fail() { say "FAIL  $*"; FAILS=$((FAILS + 1)); }
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  [ -n "${WORK:-}" ] && rm -rf "$WORK"
}
trap cleanup EXIT

# ----------------------------------------------------------------- prerequisites
# Debian packages: Xvfb + xdotool + x11-utils drive the GUI; strace records sockets; the
# xcb/xkb/wayland libraries are what Qt's platform plugins link to (PyInstaller copies
# them from this machine into the bundle, so they must be here at build time).
APT_PACKAGES="xvfb xdotool x11-utils strace util-linux libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4
  libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xinerama0 libxcb-shape0 libxcb-randr0
  libwayland-cursor0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libcups2"
need_apt=0
for cmd in Xvfb xdotool xev strace unshare ldd; do command -v "$cmd" >/dev/null || need_apt=1; done
[ -e /usr/lib/x86_64-linux-gnu/libwayland-cursor.so.0 ] || [ -e /usr/lib/aarch64-linux-gnu/libwayland-cursor.so.0 ] || need_apt=1
if [ "$need_apt" = 1 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "== installing build/test packages with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $APT_PACKAGES >/dev/null ||
      { say "apt-get install failed"; exit 1; }
  else
    say "missing tools; install them first:  sudo apt-get install $APT_PACKAGES" | tr -s ' \n' ' '
    exit 1
  fi
fi
if ! "$PYTHON" -c "import PyInstaller, ideodesk" 2>/dev/null; then
  say "$PYTHON lacks PyInstaller or the project: $PYTHON -m pip install -e . pyinstaller"
  exit 1
fi

# The network cut: a new, empty network namespace (only a loopback that is down).
if unshare -n true 2>/dev/null; then NETCUT=(unshare -n)
elif unshare -rn true 2>/dev/null; then NETCUT=(unshare -rn)
else say "cannot create a network namespace here (unshare -n / -rn); the network cannot be cut"; exit 1
fi
HAVE_STRACE=0
strace -f -qq -e trace=socket -o /dev/null true 2>/dev/null && HAVE_STRACE=1

# ----------------------------------------------------------------- build
mkdir -p "$LOGS"
if [ "$SKIP_BUILD" = 0 ]; then
  say "== building dist/ideodesk with $("$PYTHON" -m PyInstaller --version 2>/dev/null | head -1) ($PYTHON)"
  t=$(date +%s)
  if "$PYTHON" -m PyInstaller --noconfirm --clean --workpath build/pyinstaller --distpath dist \
      pyinstaller.spec >"$LOGS/pyinstaller.log" 2>&1; then
    pass "pyinstaller.spec built in $(($(date +%s) - t)) s  (log: build/smoke/pyinstaller.log)"
  else
    tail -30 "$LOGS/pyinstaller.log"
    fail "pyinstaller.spec (log: build/smoke/pyinstaller.log)"
    exit 1
  fi
  # the .ico the Windows build makes: check here that the SVG still renders
  if "$PYTHON" packaging/make_ico.py build/icon/ideodesk.ico >/dev/null 2>"$LOGS/make_ico.log"; then
    pass "make_ico.py renders resources/ideodesk.svg into a multi-size .ico"
  else
    fail "make_ico.py (log: build/smoke/make_ico.log)"
  fi
fi
[ -x "$EXE" ] || { fail "no bundle at $EXE"; exit 1; }
say "   bundle: $(du -sh "$BUNDLE" | cut -f1), $(find "$BUNDLE" -type f | wc -l) files"

# ----------------------------------------------------------------- static checks
say "== bundle contents"
INT=$BUNDLE/_internal
missing=""
for f in ideodesk/resources/ideodesk.svg ideodesk/resources/jieba_userdict.txt ideodesk/phrasebank/formulations.tsv \
    jieba/dict.txt opencc/clib/share/opencc/t2s.json opencc/clib/share/opencc/s2tw.json \
    opencc/clib/share/opencc/STPhrases.ocd2 docx/templates/default.docx docx/templates/default-footer.xml \
    PySide6/Qt/plugins/platforms/libqxcb.so PySide6/Qt/plugins/platforms/libqoffscreen.so \
    PySide6/Qt/plugins/iconengines/libqsvgicon.so PySide6/Qt/plugins/imageformats/libqsvg.so \
    PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so \
    PySide6/Qt/lib/libQt6PrintSupport.so.6 PySide6/Qt/lib/libQt6Svg.so.6; do
  [ -e "$INT/$f" ] || missing="$missing $f"
done
n_bank=$(find "$INT/ideodesk/phrasebank" -type f | wc -l)
n_src=$(find phrasebank -type f ! -name README.md | wc -l)
[ "$n_bank" = "$n_src" ] || missing="$missing phrasebank($n_bank/$n_src files)"
[ -z "$missing" ] && pass "data files present (resources, phrasebank: $n_bank files, jieba, OpenCC, docx templates, Qt plugins)" \
  || fail "missing from the bundle:$missing"

unwanted=$(cd "$INT" && find . \( -name 'libQt6Qml*' -o -name 'libQt6Quick*' -o -name 'libQt6WebEngine*' \
  -o -name 'libQt6Network*' -o -name 'libQt6OpenGL*' -o -name 'libQt6Pdf*' -o -name 'libQt63D*' \
  -o -name 'libQt6Multimedia*' -o -name 'libQt6Designer*' -o -name 'libssl*' -o -name 'libcrypto*' \
  -o -name 'idf.txt' -o -path './jieba/lac_small*' -o -path './opencc/clib/bin*' -o -name 'libqgtk3*' \) | sort)
[ -z "$unwanted" ] && pass "no QML/Quick/WebEngine/Network/OpenGL/3D/Multimedia, no OpenSSL, no unused jieba/OpenCC files" \
  || fail "should not be in the bundle: $(echo $unwanted)"

unresolved=""
while IFS= read -r -d '' so; do
  nf=$(LD_LIBRARY_PATH="$INT:$INT/PySide6/Qt/lib" ldd "$so" 2>/dev/null | grep 'not found' | awk '{print $1}' | sort -u)
  [ -n "$nf" ] && unresolved="$unresolved ${so#"$INT"/}:[$(echo $nf)]"
done < <(find "$INT" -type f \( -name '*.so' -o -name '*.so.*' \) -print0)
[ -z "$unresolved" ] && pass "every shared library's dependencies resolve (ldd)" \
  || fail "unresolved shared-library dependencies:$unresolved"

# ----------------------------------------------------------------- runtime checks
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ideodesk-smoke.XXXXXX")
mkdir -p "$WORK/home" "$WORK/tmp" "$WORK/out" "$WORK/runtime"
chmod 700 "$WORK/runtime"
DATA_ROOT=$WORK/home/.local/share/IdeoDesk  # platformdirs' user data folder for HOME=$WORK/home
MARK=$WORK/before-run
touch "$MARK"
sleep 1  # find -newer has one-second resolution on some file systems

# A clean environment: a fresh HOME (so the per-user data folder is new), private TMPDIR
# and runtime folder, no IDEODESK_DATA_DIR, no user Qt settings.
APPENV=(env -i "HOME=$WORK/home" "TMPDIR=$WORK/tmp" "XDG_RUNTIME_DIR=$WORK/runtime" "PATH=/usr/bin:/bin"
  "LANG=C.UTF-8" "LC_ALL=C.UTF-8")

# run NAME EXPECTED_RC COMMAND...: the command under the network cut (and strace); its
# stdout in $LOGS/NAME.out, stderr in $LOGS/NAME.err; sets RC and OUT.
run() {
  local name=$1 want=$2; shift 2
  local trace=()
  [ "$HAVE_STRACE" = 1 ] && trace=(strace -f -qq -e trace=socket,connect -o "$LOGS/$name.strace")
  local t0 t1
  t0=$(date +%s.%N)
  "${NETCUT[@]}" "${trace[@]}" "$@" >"$LOGS/$name.out" 2>"$LOGS/$name.err"
  RC=$?
  t1=$(date +%s.%N)
  ELAPSED=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f s", b-a}')
  OUT=$(cat "$LOGS/$name.out")
  if [ "$HAVE_STRACE" = 1 ] && grep -Eq 'socket\((AF_INET|AF_INET6|PF_INET|PF_INET6)' "$LOGS/$name.strace"; then
    fail "$name opened an internet socket: $(grep -E 'AF_INET' "$LOGS/$name.strace" | head -3)"
    return 1
  fi
  if [ "$RC" != "$want" ]; then
    fail "$name: exit $RC, expected $want ($(head -c 600 "$LOGS/$name.err"))"
    return 1
  fi
  return 0
}
# contains NAME NEEDLE DESCRIPTION
contains() {
  if grep -qF -- "$2" "$LOGS/$1.out"; then pass "$1 ($ELAPSED): $3"; else fail "$1: output lacks “$2” (see build/smoke/$1.out)"; fi
}

say "== command line from the bundle (network cut: ${NETCUT[*]}; socket trace: $([ $HAVE_STRACE = 1 ] && echo strace || echo none))"
run version 0 "${APPENV[@]}" "$EXE" --version && contains version "IdeoDesk $("$PYTHON" -c 'import ideodesk; print(ideodesk.__version__)')" "version"

run outline 0 "${APPENV[@]}" "$EXE" outline "$SAMPLE" && contains outline "标题：在2024年意识形态领域分析研讨会上的发言" "outline recovered (OpenCC t2s ran)"
if run outline_json 0 "${APPENV[@]}" "$EXE" outline --json "$SAMPLE"; then
  if "$PYTHON" -c 'import json,sys; d=json.load(open(sys.argv[1],encoding="utf-8")); assert d' "$LOGS/outline_json.out" 2>/dev/null
  then pass "outline --json ($ELAPSED): valid draft JSON"; else fail "outline --json: not JSON"; fi
fi

run phrases_search 0 "${APPENV[@]}" "$EXE" phrases search 意识形态 && contains phrases_search "意识形态" "phrases search 意识形态 finds shipped phrases (phrasebank/ compiled)"
run phrases_pinyin 0 "${APPENV[@]}" "$EXE" phrases search llzw && contains phrases_pinyin "牢牢" "phrases search llzw (pinyin initials, pypinyin data)"
run phrases_sentence 0 "${APPENV[@]}" "$EXE" phrases search "切实加强意识形态工作的领导权和管理权" \
  && contains phrases_sentence "意识形态" "phrases search with a sentence (jieba keywords)"

if run export_docx 0 "${APPENV[@]}" "$EXE" export "$SAMPLE" -o "$WORK/out/speech.docx"; then
  if [ "$(head -c 4 "$WORK/out/speech.docx" | od -An -c | tr -d ' ')" = "PK003004" ] &&
     unzip -p "$WORK/out/speech.docx" word/document.xml | grep -q "意识形态领域分析研讨会"; then
    pass "export .docx ($ELAPSED): $(stat -c %s "$WORK/out/speech.docx") bytes, title in word/document.xml (docx templates)"
  else fail "export .docx: not a .docx with the title"; fi
fi
if run export_tw 0 "${APPENV[@]}" "$EXE" export "$SAMPLE" --traditional s2tw -o "$WORK/out/speech_tw.docx"; then
  if unzip -p "$WORK/out/speech_tw.docx" word/document.xml | grep -q "意識形態"; then
    pass "export --traditional s2tw ($ELAPSED): Traditional text (OpenCC s2tw data)"
  else fail "export --traditional s2tw: no Traditional text"; fi
fi

run check 0 "${APPENV[@]}" "$EXE" check "$SAMPLE" && contains check "习近平新时代中国特色社会主义思想" "check finds the damaged formulations (phrasebank/formulations.tsv)"
if run check_json 0 "${APPENV[@]}" "$EXE" check --json "$SAMPLE"; then
  if "$PYTHON" -c 'import json,sys; json.load(open(sys.argv[1],encoding="utf-8"))' "$LOGS/check_json.out" 2>/dev/null
  then pass "check --json ($ELAPSED): valid JSON"; else fail "check --json: not JSON"; fi
fi
# The bundle must find what the source finds (jieba's dictionary, the formulation table,
# pypinyin and OpenCC are all involved): same rule, severity, place and text per finding.
# (Messages are left out: they come from phrasebank/, which may have changed since the build.)
FINDINGS='import json,sys
def key(f): return (f["rule"], f["severity"], json.dumps(f["location"], sort_keys=True), f.get("text"))
a, b = (sorted(map(key, json.load(open(p, encoding="utf-8")))) for p in sys.argv[1:3])
sys.exit(0 if a == b else 1)'
if "$PYTHON" -m ideodesk check --json "$SAMPLE" >"$LOGS/check_source.out" 2>"$LOGS/check_source.err" &&
   "$PYTHON" -c "$FINDINGS" "$LOGS/check_json.out" "$LOGS/check_source.out"; then
  pass "check --json: the bundle's $(grep -c '"rule":' "$LOGS/check_json.out") findings equal the source checkout's"
else fail "check --json: the bundle and the source differ (build/smoke/check_json.out vs check_source.out)"; fi

# ----------------------------------------------------------------- GUI
say "== desktop app from the bundle"
# 1. Qt's offscreen platform: the app starts headless and keeps running (there is no quit
#    command to send it there); stopped with SIGTERM after 8 s.
"${APPENV[@]}" QT_QPA_PLATFORM=offscreen "${NETCUT[@]}" "$EXE" >"$LOGS/gui_offscreen.out" 2>"$LOGS/gui_offscreen.err" &
GPID=$!
PIDS+=("$GPID")
sleep 8
if kill -0 "$GPID" 2>/dev/null; then
  kill -TERM "$GPID"; wait "$GPID" 2>/dev/null
  # the offscreen platform's own notice about window size hints is not the app's
  errors=$(grep -v 'This plugin does not support propagateSizeHints()' "$LOGS/gui_offscreen.err")
  if [ -n "$errors" ]; then
    fail "GUI (offscreen) wrote to stderr: $(head -c 400 <<<"$errors")"
  else
    pass "GUI (offscreen platform) started and ran 8 s without an error (then SIGTERM)"
  fi
else
  wait "$GPID"; fail "GUI (offscreen) exited early with $? ($(head -c 400 "$LOGS/gui_offscreen.err"))"
fi

# 2. A real X11 window on Xvfb: shown, titled, closed with Ctrl+Q (File > Quit), exit 0.
#    The app's earlier SIGTERM left its lock behind: this start also proves it recovers.
Xvfb -displayfd 5 -screen 0 1280x800x24 -nolisten tcp >"$LOGS/xvfb.log" 2>&1 5>"$WORK/display" &
PIDS+=($!)
for _ in $(seq 50); do [ -s "$WORK/display" ] && break; sleep 0.1; done
DISPLAY_NUM=$(tr -dc 0-9 <"$WORK/display")
if [ -z "$DISPLAY_NUM" ]; then
  fail "Xvfb did not start (build/smoke/xvfb.log)"
else
  export DISPLAY=":$DISPLAY_NUM"
  t0=$(date +%s.%N)
  trace=()
  [ "$HAVE_STRACE" = 1 ] && trace=(strace -f -qq -e trace=socket,connect -o "$LOGS/gui_x11.strace")
  "${APPENV[@]}" "DISPLAY=$DISPLAY" "${NETCUT[@]}" "${trace[@]}" "$EXE" >"$LOGS/gui_x11.out" 2>"$LOGS/gui_x11.err" &
  GPID=$!
  PIDS+=("$GPID")
  # with strace in between, the window belongs to strace's child: search by title
  WID=$(timeout 60 xdotool search --sync --onlyvisible --name '^IdeoDesk' 2>/dev/null | head -1)
  if [ -z "$WID" ]; then
    fail "GUI (X11): no window within 60 s ($(head -c 400 "$LOGS/gui_x11.err"))"
  else
    shown=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b-a}')
    title=$(xdotool getwindowname "$WID")
    xdotool windowfocus --sync "$WID" && xdotool key --clearmodifiers ctrl+q
    for _ in $(seq 200); do kill -0 "$GPID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$GPID" 2>/dev/null; then
      fail "GUI (X11): still running 20 s after Ctrl+Q"; kill "$GPID"
    else
      wait "$GPID"; rc=$?
      if [ "$rc" != 0 ]; then fail "GUI (X11): exit $rc after Ctrl+Q ($(head -c 400 "$LOGS/gui_x11.err"))"
      elif [ "$HAVE_STRACE" = 1 ] && grep -Eq 'socket\((AF_INET|AF_INET6|PF_INET|PF_INET6)' "$LOGS/gui_x11.strace"; then
        fail "GUI (X11) opened an internet socket: $(grep -E 'AF_INET' "$LOGS/gui_x11.strace" | head -3)"
      elif [ "$HAVE_STRACE" = 1 ] && ! grep -q 'socket(AF_UNIX' "$LOGS/gui_x11.strace"; then
        fail "GUI (X11): strace saw no socket at all, not even the X11 connection: the trace is not working"
      else pass "GUI (X11 on Xvfb): window “$title” shown within ${shown} s (polled), closed by Ctrl+Q, exit 0"; fi
    fi
  fi
fi

# ----------------------------------------------------------------- where things were written
say "== files written"
if [ -f "$DATA_ROOT/drafts.sqlite3" ]; then
  pass "data folder created on first start: ${DATA_ROOT#"$WORK"/} ($(ls "$DATA_ROOT" | tr '\n' ' '))"
else
  fail "no drafts library in the per-user data folder $DATA_ROOT ($(find "$WORK/home" -maxdepth 5 | head))"
fi
written=$(find "$BUNDLE" -newer "$MARK" | head -5)
[ -z "$written" ] && pass "nothing written inside the bundle folder" || fail "the app wrote inside the bundle: $written"
# Before the first start there is no data folder, and a command does not create one just
# for jieba's cache: jieba then keeps it in TMPDIR (a fixed path in a one-folder bundle).
# Once the data folder exists, the cache must go to its cache/ folder.
rm -f "$WORK/tmp/jieba.cache"
run phrases_sentence_2 0 "${APPENV[@]}" "$EXE" phrases search "切实加强意识形态工作的领导权和管理权" &&
  contains phrases_sentence_2 "意识形态" "phrases search with a sentence, data folder present"
if [ -e "$DATA_ROOT/cache/jieba.cache" ]; then pass "jieba's cache in the fixed per-user folder: ${DATA_ROOT#"$WORK"/}/cache/jieba.cache"
else fail "jieba's cache is not in ${DATA_ROOT#"$WORK"/}/cache/ ($(find "$WORK/tmp" "$DATA_ROOT" -name 'jieba*' | head -3))"; fi
stray=$(find "$WORK/tmp" -mindepth 1 | head -5)
[ -z "$stray" ] && pass "nothing left in TMPDIR" || fail "left in TMPDIR: $stray"

say ""
say "== $([ "$FAILS" = 0 ] && echo "ALL PASSED" || echo "$FAILS FAILED") in $(($(date +%s) - START)) s (logs: build/smoke/)"
[ "$FAILS" = 0 ]
