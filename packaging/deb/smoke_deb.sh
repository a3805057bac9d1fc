#!/usr/bin/env bash
# Smoke test of the .deb on a clean Debian 11 (glibc 2.31), run as root:
#
#   packaging/deb/smoke_deb.sh [dist/oldglibc/ideodesk_<version>_amd64.deb]
#
# A second bullseye root (minbase; made once and cached as IDEODESK_TEST_ROOT, default
# build/roots/bullseye-amd64-test, then copied afresh for every run, so each run starts
# clean):
#   1. apt-get install ./ideodesk_*.deb: the package's Depends must resolve from bullseye;
#      then every shared library of /opt/ideodesk must resolve (ldd) with only those;
#   2. as a normal user "clerk", each command in a new network namespace (unshare -n: no
#      network at all): --version, outline, phrases search 意识形态 --json, check on a
#      letter mask (党w), export to .docx;
#   3. the GUI with QT_QPA_PLATFORM=offscreen: up for 5 s, then killed, no traceback;
#   4. xvfb + imagemagick + xdotool installed, the GUI on Xvfb: its window found, a
#      screenshot saved to build/artifacts/oldglibc-xvfb.png, closed with Ctrl+Q;
#   5. dpkg -r, then dpkg --purge: the user's ~/.local/share/IdeoDesk must still be there.
# Exit status 0 when every step passed.  Logs: build/oldglibc/smoke/.
set -uo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
# shellcheck source=../oldglibc/roots.sh
source "$REPO/packaging/oldglibc/roots.sh"
[ "$(id -u)" = 0 ] || die "需要 root 权限：sudo $0"

VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$REPO/ideodesk/__init__.py")
DEB=$(realpath "${1:-$REPO/dist/oldglibc/ideodesk_${VERSION}_amd64.deb}")
[ -f "$DEB" ] || die "没有 .deb：$DEB"
PRISTINE=${IDEODESK_TEST_ROOT:-$REPO/build/roots/bullseye-amd64-test}
R=$PRISTINE.run
# SMOKE_NAME (default oldglibc; build.sh --glibc 2.28 passes oldglibc-2.28) names the logs
# folder build/SMOKE_NAME/smoke/ and the screenshot build/artifacts/SMOKE_NAME-xvfb.png
SMOKE_NAME=${SMOKE_NAME:-oldglibc}
LOGS=$REPO/build/$SMOKE_NAME/smoke
SHOT=$REPO/build/artifacts/$SMOKE_NAME-xvfb.png
SAMPLE=$REPO/packaging/testdata/seminar_speech.txt
TITLE="在2024年意识形态领域分析研讨会上的发言"
FAILS=0
PASSES=0
XPID=""
mkdir -p "$LOGS" "$(dirname "$SHOT")"
rm -f "$LOGS"/*

pass() { printf 'PASS  %s\n' "$*"; PASSES=$((PASSES + 1)); }
fail() { printf 'FAIL  %s\n' "$*"; FAILS=$((FAILS + 1)); }
cleanup() {
  [ -n "$XPID" ] && kill "$XPID" 2>/dev/null
  umount_roots
}
trap cleanup EXIT

# ------------------------------------------------------------------ the clean root
T0=$(date +%s)
make_root "$PRISTINE" --variant=minbase || exit 1
log "fresh copy of the clean root -> $R"
rm -rf "$R"
cp -a "$PRISTINE" "$R"
mount_root "$R"
cp "$DEB" "$R/tmp/"
in_root "$R" apt-get update -q >"$LOGS/apt-update.log" 2>&1 || die "apt-get update 失败"

# 1. the package, its Depends (and Recommends, as a user's apt would) from bullseye
if in_root "$R" apt-get install -y -q "/tmp/$(basename "$DEB")" >"$LOGS/apt-install.log" 2>&1; then
  pass "apt-get install ./$(basename "$DEB"): Depends resolved ($(grep -c '^Setting up' "$LOGS/apt-install.log") packages set up)"
else
  tail -15 "$LOGS/apt-install.log"; fail "apt-get install of the .deb"; exit 1
fi
[ -L "$R/usr/bin/ideodesk" ] && [ -f "$R/usr/share/applications/ideodesk.desktop" ] &&
  [ -f "$R/usr/share/icons/hicolor/scalable/apps/ideodesk.svg" ] &&
  pass "installed: /usr/bin/ideodesk -> $(readlink "$R/usr/bin/ideodesk"), ideodesk.desktop, hicolor icon" ||
  fail "the package's files are not where they belong"
in_root "$R" sh -c 'cd /opt/ideodesk/_internal && find . -type f \( -name "*.so" -o -name "*.so.*" \) | while read -r so; do
    LD_LIBRARY_PATH=/opt/ideodesk/_internal:/opt/ideodesk/_internal/PySide6/Qt/lib ldd "$so" 2>/dev/null | grep "not found" | sed "s|^|$so: |"
  done' >"$LOGS/ldd.txt" 2>&1
[ ! -s "$LOGS/ldd.txt" ] && pass "every shared library in /opt/ideodesk resolves on bullseye with the Depends only (ldd)" ||
  fail "unresolved libraries: $(sort -u "$LOGS/ldd.txt" | head -5 | tr '\n' ' ')"

# a normal user, with the sample inputs
in_root "$R" useradd -m -s /bin/bash clerk
cp "$SAMPLE" "$R/home/clerk/speech.txt"
printf '关于落实责任制的通知\n\n各级党w（党组）要切实履行主体责任。\n' >"$R/home/clerk/masked.txt"
in_root "$R" chown clerk:clerk /home/clerk/speech.txt /home/clerk/masked.txt
mkdir -p "$R/run/user/1000" && in_root "$R" sh -c 'chown clerk:clerk /run/user/1000 && chmod 700 /run/user/1000'
UID_CLERK=$(in_root "$R" id -u clerk)
USERENV=(HOME=/home/clerk USER=clerk LOGNAME=clerk PATH=/usr/bin:/bin LANG=C.UTF-8 LC_ALL=C.UTF-8
  "XDG_RUNTIME_DIR=/run/user/$UID_CLERK")

# as_clerk NAME COMMAND...: COMMAND as clerk in /home/clerk, no network; sets RC, stdout
# in $LOGS/NAME.out and stderr in $LOGS/NAME.err
as_clerk() {
  local name=$1; shift
  unshare -n chroot --userspec=clerk:clerk "$R" /usr/bin/env -i "${USERENV[@]}" \
    sh -c 'cd /home/clerk && exec "$@"' sh "$@" >"$LOGS/$name.out" 2>"$LOGS/$name.err"
  RC=$?
}
first() { head -c 300 "$LOGS/$1.out" | head -1; }
no_traceback() { ! grep -q 'Traceback' "$LOGS/$1.err" "$LOGS/$1.out"; }

# ------------------------------------------------------------------ 2. the command line
log "command line as clerk, network cut (unshare -n)"
as_clerk version ideodesk --version
[ "$RC" = 0 ] && grep -q "IdeoDesk $VERSION" "$LOGS/version.out" &&
  pass "ideodesk --version: exit $RC: $(first version)" || fail "ideodesk --version: exit $RC $(head -c 300 "$LOGS/version.err")"

as_clerk outline ideodesk outline speech.txt
[ "$RC" = 0 ] && grep -qF "$TITLE" "$LOGS/outline.out" &&
  pass "ideodesk outline speech.txt: exit $RC: $(first outline)" || fail "ideodesk outline: exit $RC $(head -c 300 "$LOGS/outline.err")"

as_clerk phrases ideodesk phrases search 意识形态 --json
n=$(grep -o '"text"' "$LOGS/phrases.out" | wc -l)
[ "$RC" = 0 ] && [ "$n" -gt 0 ] && grep -q '意识形态' "$LOGS/phrases.out" &&
  pass "ideodesk phrases search 意识形态 --json: exit $RC: $n phrases, first: $(grep -o '"text": *"[^"]*"' "$LOGS/phrases.out" | head -1)" ||
  fail "ideodesk phrases search: exit $RC, $n phrases $(head -c 300 "$LOGS/phrases.err")"

as_clerk check ideodesk check masked.txt
{ [ "$RC" = 0 ] || [ "$RC" = 1 ]; } && no_traceback check &&
  pass "ideodesk check masked.txt (党w): exit $RC: $(grep -m1 -E '党委|党w' "$LOGS/check.out" || first check)" ||
  fail "ideodesk check: exit $RC $(head -c 300 "$LOGS/check.err")"
grep -q '党委（党组）' "$LOGS/check.out" && pass "check repairs 党w（党组） to 党委（党组）" ||
  fail "check: 党委（党组） not suggested (build/$SMOKE_NAME/smoke/check.out)"

as_clerk export ideodesk export speech.txt -o out.docx
if [ "$RC" = 0 ] && [ "$(head -c 2 "$R/home/clerk/out.docx" 2>/dev/null)" = PK ]; then
  pass "ideodesk export speech.txt -o out.docx: exit $RC: $(stat -c %s "$R/home/clerk/out.docx") bytes $(first export)"
else fail "ideodesk export: exit $RC $(head -c 300 "$LOGS/export.err")"; fi

# ------------------------------------------------------------------ 3. GUI offscreen
log "GUI, offscreen"
USERENV+=(QT_QPA_PLATFORM=offscreen)
as_clerk gui_offscreen sh -c 'ideodesk & pid=$!; sleep 5; if kill -0 $pid 2>/dev/null; then kill $pid; wait $pid; echo "still up after 5 s"; else wait $pid; echo "exited early: $?"; fi'
unset 'USERENV[${#USERENV[@]}-1]'
grep -q 'still up after 5 s' "$LOGS/gui_offscreen.out" && no_traceback gui_offscreen &&
  pass "GUI offscreen: still up after 5 s, killed, no traceback (stderr: only Qt's offscreen notices: $(grep -v -e propagateSizeHints -e "^Terminated" "$LOGS/gui_offscreen.err" | wc -l) other lines)" ||
  fail "GUI offscreen: $(cat "$LOGS/gui_offscreen.out") $(head -c 400 "$LOGS/gui_offscreen.err")"
[ -f "$R/home/clerk/.local/share/IdeoDesk/drafts.sqlite3" ] &&
  pass "user data folder ~/.local/share/IdeoDesk created ($(ls "$R/home/clerk/.local/share/IdeoDesk" | tr '\n' ' '))" ||
  fail "no ~/.local/share/IdeoDesk/drafts.sqlite3 after the GUI ran"

# ------------------------------------------------------------------ 4. GUI on Xvfb
log "GUI on Xvfb (installing xvfb imagemagick xdotool in the test root)"
if in_root "$R" apt-get install -y -q --no-install-recommends xvfb xauth imagemagick xdotool >"$LOGS/apt-xvfb.log" 2>&1; then
  rm -f "$R/tmp/.X11-unix/X77"
  unshare -n chroot --userspec=clerk:clerk "$R" /usr/bin/env -i "${USERENV[@]}" \
    Xvfb :77 -screen 0 1280x800x24 -nolisten tcp >"$LOGS/xvfb.log" 2>&1 &
  XPID=$!
  for _ in $(seq 50); do [ -S "$R/tmp/.X11-unix/X77" ] && break; sleep 0.1; done
  USERENV+=(DISPLAY=:77)
  as_clerk gui_x11 sh -c '
    ideodesk 2>gui.err & pid=$!
    wid=$(timeout 60 xdotool search --sync --onlyvisible --name "^IdeoDesk" | head -1)
    [ -n "$wid" ] || { echo "no window"; kill $pid; exit 1; }
    echo "window: $(xdotool getwindowname $wid)"
    sleep 3   # the window fills in after it is shown
    import -window root /tmp/oldglibc-xvfb.png && echo "screenshot taken"
    xdotool windowfocus --sync $wid key --clearmodifiers ctrl+q
    for i in $(seq 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
    if kill -0 $pid 2>/dev/null; then echo "still running after Ctrl+Q"; kill $pid; exit 1; fi
    wait $pid; echo "exit $?"'
  cat "$R/home/clerk/gui.err" >>"$LOGS/gui_x11.err" 2>/dev/null
  cp "$R/tmp/oldglibc-xvfb.png" "$SHOT" 2>/dev/null
  if grep -q '^exit 0' "$LOGS/gui_x11.out" && [ -s "$SHOT" ] && no_traceback gui_x11; then
    pass "GUI on Xvfb: $(grep '^window:' "$LOGS/gui_x11.out"), screenshot ${SHOT#"$REPO"/} ($(stat -c %s "$SHOT") bytes), closed by Ctrl+Q, exit 0"
  else
    fail "GUI on Xvfb: $(tr '\n' ' ' <"$LOGS/gui_x11.out") $(head -c 400 "$LOGS/gui_x11.err")"
  fi
  kill "$XPID" 2>/dev/null; wait "$XPID" 2>/dev/null; XPID=""
  unset 'USERENV[${#USERENV[@]}-1]'
else
  tail -5 "$LOGS/apt-xvfb.log"; fail "could not install xvfb in the test root"
fi

# ------------------------------------------------------------------ 5. remove, purge
DATA=$R/home/clerk/.local/share/IdeoDesk
before=$(find "$DATA" -type f | wc -l)
in_root "$R" dpkg -r ideodesk >"$LOGS/dpkg-r.log" 2>&1 && [ ! -e "$R/opt/ideodesk/ideodesk" ] && [ ! -e "$R/usr/bin/ideodesk" ] &&
  pass "dpkg -r ideodesk: exit 0, /opt/ideodesk and /usr/bin/ideodesk gone" || fail "dpkg -r: $(tail -3 "$LOGS/dpkg-r.log")"
[ -f "$DATA/drafts.sqlite3" ] && [ "$(find "$DATA" -type f | wc -l)" = "$before" ] &&
  pass "after dpkg -r: ~/.local/share/IdeoDesk still there ($before files)" || fail "dpkg -r touched the user data"
in_root "$R" dpkg --purge ideodesk >"$LOGS/dpkg-purge.log" 2>&1 && [ -f "$DATA/drafts.sqlite3" ] &&
  [ "$(find "$DATA" -type f | wc -l)" = "$before" ] &&
  pass "after dpkg --purge: ~/.local/share/IdeoDesk still there ($before files)" || fail "dpkg --purge: $(tail -3 "$LOGS/dpkg-purge.log")"

umount_roots
echo
echo "== $([ "$FAILS" = 0 ] && echo "ALL $PASSES PASSED" || echo "$FAILS FAILED, $PASSES passed") in $(($(date +%s) - T0)) s (logs: build/$SMOKE_NAME/smoke/)"
[ "$FAILS" = 0 ]
