#!/usr/bin/env bash
# The old-glibc Linux bundle and its .deb, by one command (run as root; needs debootstrap,
# which it installs with apt-get when missing, and access to deb.debian.org and PyPI):
#
#   sudo packaging/oldglibc/build.sh              bundle + glibc report + .deb + .deb smoke test
#   sudo packaging/oldglibc/build.sh --no-smoke   without the smoke test
#   sudo packaging/oldglibc/build.sh --measure    also build today's bundle on this host and
#                                                 compare size and start time (same run)
#   sudo packaging/oldglibc/build.sh --glibc 2.28 a bundle for glibc 2.28 (UOS V20) as well:
#                                                 see "2.28" below; output dist/oldglibc-2.28/
#
# Today's bundle, built on this host, needs the host's glibc (2.34+ on a current Debian);
# UOS V20 has 2.28 and Kylin V10 SP1 2.31.  So the bundle is built inside a Debian 11
# "bullseye" root (glibc 2.31), made once with debootstrap and cached:
#   1. the root (IDEODESK_BUILD_ROOT, default build/roots/bullseye-amd64), build tools and
#      the X11/Qt libraries PyInstaller copies into the bundle;
#   2. CPython 3.11 (bullseye has 3.9) from Debian bookworm's source package python3.11
#      (upstream tarball + Debian's fixes, see build_cpython.sh), --enable-shared, /opt/py311;
#   3. a virtual environment with packaging/oldglibc/requirements.txt (wheels that run on
#      glibc <= 2.28: PySide6-Essentials 6.9.3 is the last such Qt);
#   4. a snapshot of this checkout (tracked and new files, as they are now) at /src, and
#      pyinstaller.spec run on it inside the root -> dist/oldglibc/ideodesk/;
#   5. packaging/oldglibc/glibc_report.py: fails the build when any ELF file of the bundle
#      needs a glibc newer than IDEODESK_GLIBC_TARGET (default 2.31);
#   6. packaging/deb/build_deb.sh -> dist/oldglibc/ideodesk_<version>_amd64.deb;
#   7. packaging/deb/smoke_deb.sh: the .deb installed into a second, clean bullseye root.
# Stages 1-3 are cached (marker files in the root); 4-7 run every time.
# Logs: build/oldglibc/logs/.  Exit status 0 only when every stage passed.
#
# 2.28: the same root, but CPython (and SQLite, built from bookworm's source package) are
# compiled so that they use no glibc symbol newer than 2.28 (build_cpython.sh says how),
# into /opt/py311-glibc228 with its own virtual environment; after PyInstaller, the few
# bullseye libraries that need glibc 2.29/2.30 and that every target system has
# (SYSTEM_LIBS_228) are taken out of the bundle, so the system's own are used, and the
# .deb depends on their packages.  The report must then pass for 2.28.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
HERE=$REPO/packaging/oldglibc
# shellcheck source=roots.sh
source "$HERE/roots.sh"

SMOKE=1
MEASURE=0
TARGET=${IDEODESK_GLIBC_TARGET:-2.31}
while [ $# -gt 0 ]; do
  case $1 in
    --no-smoke) SMOKE=0 ;;
    --measure) MEASURE=1 ;;
    --glibc) TARGET=${2:-}; shift ;;
    -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
    *) die "未知参数：$1" ;;
  esac
  shift
done
case $TARGET in 2.31 | 2.28) ;; *) die "--glibc 只支持 2.31 或 2.28" ;; esac
[ "$(id -u)" = 0 ] || die "需要 root 权限（debootstrap、chroot、mount）：sudo $0"

BUILD_ROOT=${IDEODESK_BUILD_ROOT:-$REPO/build/roots/bullseye-amd64}
if [ "$TARGET" = 2.31 ]; then
  SUFFIX="" PYPREFIX=/opt/py311 VENV=/opt/venv-ideodesk
else
  SUFFIX=-2.28 PYPREFIX=/opt/py311-glibc228 VENV=/opt/venv-ideodesk-glibc228
fi
OUT=$REPO/dist/oldglibc$SUFFIX
LOGS=$REPO/build/oldglibc$SUFFIX/logs
RLOGS=build/oldglibc$SUFFIX/logs  # for messages
# bullseye libraries PyInstaller copies that need glibc 2.29/2.30, and the packages that
# provide them on every target (Debian 10/11, UOS V20, Kylin V10): 2.28 mode uses those
libs_228() { echo "libsystemd.so.0 libdbus-1.so.3 libpng16.so.16"; }
DEPENDS_228="libsystemd0, libpng16-16"
mkdir -p "$LOGS" "$OUT"
T_ALL=$(date +%s)
TIMES=()
stage_done() { TIMES+=("$1: $(($(date +%s) - $2)) s"); log "$1 done in $(($(date +%s) - $2)) s"; }
trap umount_roots EXIT

# ------------------------------------------------------------------ 1. the root
t=$(date +%s)
make_root "$BUILD_ROOT" --variant=minbase
mount_root "$BUILD_ROOT"
# Build tools (tcl: SQLite's source tree makes its amalgamation with it, for --glibc 2.28);
# libssl-dev only so that pip can reach PyPI over HTTPS (the bundle leaves ssl out:
# pyinstaller.spec excludes it).  The X11/Qt libraries are what PySide6's plugins link
# to: PyInstaller copies them from the root into the bundle.
BUILD_PACKAGES="build-essential pkg-config ca-certificates xz-utils dpkg-dev binutils
  zlib1g-dev libffi-dev libbz2-dev liblzma-dev libsqlite3-dev uuid-dev libssl-dev libexpat1-dev
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 libx11-6 libx11-xcb1
  libxkbcommon-x11-0 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-xinerama0 libxcb-shape0 libxcb-randr0 libxcb-xfixes0 libxcb-sync1
  libxcb-xkb1 libxcb-render0 libxcb-shm0 libxcb-util1 libwayland-client0 libwayland-cursor0
  libwayland-egl1 libcups2 tcl"
want=$(echo $BUILD_PACKAGES | md5sum | cut -c1-12)
if [ "$(cat "$BUILD_ROOT/.ideodesk-apt" 2>/dev/null)" != "$want" ]; then
  log "installing build packages in the root (log: $RLOGS/apt.log)"
  # shellcheck disable=SC2086
  apt_in_root "$BUILD_ROOT" $BUILD_PACKAGES >"$LOGS/apt.log" 2>&1 || { tail -20 "$LOGS/apt.log"; exit 1; }
  echo "$want" >"$BUILD_ROOT/.ideodesk-apt"
fi
log "root: $(in_root "$BUILD_ROOT" ldd --version | head -1)"
stage_done "1 root + apt" "$t"

# ------------------------------------------------------------------ 2. CPython 3.11
t=$(date +%s)
if ! in_root "$BUILD_ROOT" test -x $PYPREFIX/bin/python3.11 -a -f $PYPREFIX/.ideodesk-ok; then
  # Debian's source package from bookworm (build_cpython.sh says which patches it applies)
  SOURCES="python3.11"
  [ "$TARGET" = 2.28 ] && SOURCES="python3.11 sqlite3"
  missing=""
  for p in $SOURCES; do ls "$BUILD_ROOT"/opt/src/${p}_*.orig.tar.* >/dev/null 2>&1 || missing="$missing $p"; done
  if [ -n "$missing" ]; then
    log "downloading source packages from bookworm:$missing"
    echo "deb-src $DEBIAN_MIRROR bookworm main" >"$BUILD_ROOT/etc/apt/sources.list.d/bookworm-src.list"
    in_root "$BUILD_ROOT" apt-get update -q >"$LOGS/apt-src.log" 2>&1
    mkdir -p "$BUILD_ROOT/opt/src"
    in_root "$BUILD_ROOT" sh -c "cd /opt/src && apt-get source --download-only $missing" >>"$LOGS/apt-src.log" 2>&1 ||
      { tail -20 "$LOGS/apt-src.log"; die "无法下载源码包：$missing"; }
    rm -f "$BUILD_ROOT/etc/apt/sources.list.d/bookworm-src.list"
    in_root "$BUILD_ROOT" apt-get update -q >>"$LOGS/apt-src.log" 2>&1
  fi
  log "building CPython from $(basename "$BUILD_ROOT"/opt/src/python3.11_*.dsc .dsc) (nice, make -j2; log: $RLOGS/cpython.log)"
  cp "$HERE/build_cpython.sh" "$BUILD_ROOT/opt/src/build_cpython.sh"
  in_root "$BUILD_ROOT" bash /opt/src/build_cpython.sh $PYPREFIX "$TARGET" >"$LOGS/cpython.log" 2>&1 ||
    { tail -30 "$LOGS/cpython.log"; die "CPython 编译失败（日志：$RLOGS/cpython.log）"; }
  touch "$BUILD_ROOT/$PYPREFIX/.ideodesk-ok"
fi
log "interpreter: $(in_root "$BUILD_ROOT" $PYPREFIX/bin/python3.11 -c 'import sys,sqlite3; print(sys.version.split()[0], "SQLite", sqlite3.sqlite_version)')"
# Full-text search: FTS5 as the app uses it (unicode61, prefix='1'), and the trigram
# tokenizer (SQLite >= 3.34), should the search move to it.
in_root "$BUILD_ROOT" $PYPREFIX/bin/python3.11 - <<'PY' || die "SQLite 缺少 FTS5 或 trigram 分词器"
import sqlite3
db = sqlite3.connect(":memory:")
db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
db.execute("CREATE VIRTUAL TABLE u USING fts5(title, body, tokenize='unicode61', prefix='1')")
db.execute("INSERT INTO t VALUES ('加强意识形态工作')")
assert db.execute("SELECT count(*) FROM t WHERE t MATCH '意识形态'").fetchone()[0] == 1
for mod in ("ctypes", "zlib", "bz2", "lzma", "uuid", "_decimal", "pyexpat"):
    __import__(mod)
print("FTS5 + trigram OK, extension modules OK")
PY
stage_done "2 CPython" "$t"

# ------------------------------------------------------------------ 3. dependencies
t=$(date +%s)
want=$(md5sum <"$HERE/requirements.txt" | cut -c1-12)
if [ "$(cat "$BUILD_ROOT/$VENV/.ideodesk-req" 2>/dev/null)" != "$want" ]; then
  log "virtual environment $VENV with packaging/oldglibc/requirements.txt (log: $RLOGS/pip.log)"
  cp "$HERE/requirements.txt" "$BUILD_ROOT/opt/requirements-oldglibc.txt"
  # pip trusts the host's CA bundle too (a TLS-inspecting proxy the host trusts)
  cat "$BUILD_ROOT/etc/ssl/certs/ca-certificates.crt" "${HOST_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}" \
    >"$BUILD_ROOT/opt/ca-bundle.crt" 2>/dev/null || true
  in_root "$BUILD_ROOT" bash -euo pipefail -c "
    export PIP_CERT=/opt/ca-bundle.crt PIP_DISABLE_PIP_VERSION_CHECK=1
    rm -rf $VENV
    $PYPREFIX/bin/python3.11 -m venv $VENV
    $VENV/bin/pip install -q --no-cache-dir --upgrade pip
    $VENV/bin/pip install --no-cache-dir -r /opt/requirements-oldglibc.txt
    $VENV/bin/pip check
    $VENV/bin/pip list --format=freeze > /opt/pip-freeze.txt
  " >"$LOGS/pip.log" 2>&1 || { tail -30 "$LOGS/pip.log"; die "依赖安装失败（日志：$RLOGS/pip.log）"; }
  echo "$want" >"$BUILD_ROOT/$VENV/.ideodesk-req"
fi
cp "$BUILD_ROOT/opt/pip-freeze.txt" "$LOGS/pip-freeze.txt"
# every compiled wheel's tag, for the record (build/oldglibc/logs/wheel-tags.txt)
in_root "$BUILD_ROOT" sh -c "grep -H '^Tag:' $VENV/lib/python3.11/site-packages/*.dist-info/WHEEL | grep -v 'py3-none-any\|py2.py3-none-any'" \
  >"$LOGS/wheel-tags.txt" || true
stage_done "3 dependencies" "$t"

# ------------------------------------------------------------------ 4. the bundle
t=$(date +%s)
log "snapshot of $REPO -> /src in the root"
rm -rf "$BUILD_ROOT/src" "$BUILD_ROOT/out"
mkdir -p "$BUILD_ROOT/src" "$BUILD_ROOT/out"
# tracked and new (not ignored) files, as they are in the working tree right now
git -c safe.directory="$REPO" -C "$REPO" ls-files -z --cached --others --exclude-standard |
  (cd "$REPO" && xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' _) |
  tar -C "$REPO" --null -T - -cf - | tar -C "$BUILD_ROOT/src" -xf -
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$REPO/ideodesk/__init__.py")
log "pyinstaller.spec in the root, IdeoDesk $VERSION (log: $RLOGS/pyinstaller.log)"
in_root "$BUILD_ROOT" bash -euo pipefail -c "
  export PIP_CERT=/opt/ca-bundle.crt PIP_DISABLE_PIP_VERSION_CHECK=1
  cd /src
  $VENV/bin/pip install -q --no-cache-dir --no-deps /src
  nice -n 5 $VENV/bin/pyinstaller --noconfirm --clean --workpath /out/work --distpath /out/dist pyinstaller.spec
" >"$LOGS/pyinstaller.log" 2>&1 || { tail -30 "$LOGS/pyinstaller.log"; die "PyInstaller 失败"; }
rm -rf "$OUT/ideodesk"
cp -a "$BUILD_ROOT/out/dist/ideodesk" "$OUT/ideodesk"
if [ "$TARGET" = 2.28 ]; then
  # the report before, for the record (build/oldglibc-2.28/logs/glibc_report_before_prune.txt)
  python3 "$HERE/glibc_report.py" "$OUT/ideodesk" --target 2.28 --also 2.28 >"$LOGS/glibc_report_before_prune.txt" || true
  for lib in $(libs_228); do
    if [ -e "$OUT/ideodesk/_internal/$lib" ]; then
      rm -f "$OUT/ideodesk/_internal/$lib"
      log "2.28: $lib taken out of the bundle: the system's is used (.deb Depends: $DEPENDS_228)"
    fi
  done
fi
log "bundle: $OUT/ideodesk ($(du -sh "$OUT/ideodesk" | cut -f1))"
stage_done "4 bundle" "$t"

# ------------------------------------------------------------------ 5. glibc report
t=$(date +%s)
HOSTPY=$(command -v python3 || echo "$BUILD_ROOT$PYPREFIX/bin/python3.11")
"$HOSTPY" "$HERE/glibc_report.py" "$OUT/ideodesk" --target "$TARGET" --also 2.28 | tee "$LOGS/glibc_report.txt" ||
  die "捆绑包中有文件需要高于 $TARGET 的 glibc（见 $RLOGS/glibc_report.txt）"
stage_done "5 glibc report" "$t"

# ------------------------------------------------------------------ 6. .deb
t=$(date +%s)
if ! EXTRA_DEPENDS=$([ "$TARGET" = 2.28 ] && echo "$DEPENDS_228" || true) \
  "$REPO/packaging/deb/build_deb.sh" "$OUT/ideodesk" "$OUT" | tee "$LOGS/build_deb.log"; then
  die ".deb 打包失败"
fi
stage_done "6 .deb" "$t"
umount_roots

# ------------------------------------------------------------------ 7. smoke test
if [ "$SMOKE" = 1 ]; then
  t=$(date +%s)
  if ! SMOKE_NAME=oldglibc$SUFFIX "$REPO/packaging/deb/smoke_deb.sh" "$OUT/ideodesk_${VERSION}_amd64.deb" 2>&1 |
    tee "$LOGS/smoke_deb.log"; then
    die ".deb 冒烟测试失败（日志：build/oldglibc$SUFFIX/smoke/）"
  fi
  stage_done "7 .deb smoke test" "$t"
fi
if [ "$MEASURE" = 1 ]; then
  t=$(date +%s)
  if ! OLD_DIST=$OUT "$HERE/measure.sh" 2>&1 | tee "$LOGS/measure.log"; then die "测量失败"; fi
  stage_done "8 measurement" "$t"
fi

log "all stages passed in $(($(date +%s) - T_ALL)) s:"
printf '   %s\n' "${TIMES[@]}"
