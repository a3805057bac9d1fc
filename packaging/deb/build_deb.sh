#!/usr/bin/env bash
# A .deb of a one-folder bundle (packaging/oldglibc/build.sh calls it after the bundle):
#
#   packaging/deb/build_deb.sh [BUNDLE_DIR] [OUT_DIR]
#       default BUNDLE_DIR dist/oldglibc/ideodesk, OUT_DIR dist/oldglibc
#   -> OUT_DIR/ideodesk_<version>_amd64.deb   (version: __version__ in ideodesk/__init__.py)
#
# Installs:
#   /opt/ideodesk/                                 the bundle, as built
#   /usr/bin/ideodesk                              a symbolic link to /opt/ideodesk/ideodesk
#   /usr/share/applications/ideodesk.desktop       the menu entry
#   /usr/share/icons/hicolor/scalable/apps/ideodesk.svg
#   /usr/share/doc/ideodesk/copyright
# Depends: the system libraries the bundle does not carry (PyInstaller leaves out libGL,
# libEGL, fontconfig … on purpose: they must match the system's drivers and configuration)
# and those Qt's X11 platform plugin is known to need, by the names Debian 11, UOS V20 and
# Kylin V10 use.  User data (~/.local/share/IdeoDesk) is never touched: see the maintainer
# scripts below.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
BUNDLE=$(realpath "${1:-$REPO/dist/oldglibc/ideodesk}")
OUT=$(realpath -m "${2:-$REPO/dist/oldglibc}")
[ -x "$BUNDLE/ideodesk" ] || { echo "错误：没有捆绑包 $BUNDLE/ideodesk" >&2; exit 1; }
command -v dpkg-deb >/dev/null || { echo "错误：需要 dpkg-deb（apt-get install dpkg）" >&2; exit 1; }

VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$REPO/ideodesk/__init__.py")
[ -n "$VERSION" ] || { echo "错误：ideodesk/__init__.py 中没有 __version__" >&2; exit 1; }
ARCH=amd64
PKG=$OUT/ideodesk_${VERSION}_${ARCH}.deb
STAGE=$REPO/build/deb/ideodesk_${VERSION}_${ARCH}
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/icons/hicolor/scalable/apps" "$STAGE/usr/share/doc/ideodesk" "$OUT"

cp -a "$BUNDLE" "$STAGE/opt/ideodesk"
# files readable by everyone, directories and programs also executable; nothing writable
# but by root (the bundle must never be written to: the app keeps its data per user)
chmod -R u+rwX,go+rX,go-w "$STAGE/opt/ideodesk"
ln -s /opt/ideodesk/ideodesk "$STAGE/usr/bin/ideodesk"
install -m 644 "$REPO/resources/ideodesk.svg" "$STAGE/usr/share/icons/hicolor/scalable/apps/ideodesk.svg"

cat >"$STAGE/usr/share/applications/ideodesk.desktop" <<'EOF'
[Desktop Entry]
Type=Application
Version=1.0
Name=IdeoDesk 公文组稿台
GenericName=公文组稿台
Comment=离线组稿、保存、检查并导出公文材料
Exec=ideodesk
Icon=ideodesk
Terminal=false
Categories=Office;WordProcessor;
Keywords=公文;组稿;材料;docx;
StartupWMClass=ideodesk
EOF

cat >"$STAGE/usr/share/doc/ideodesk/copyright" <<EOF
IdeoDesk $VERSION 公文组稿台 — one-folder bundle built with PyInstaller on Debian 11.
It carries CPython 3.11, Qt 6 / PySide6 (LGPLv3), jieba (MIT), OpenCC (Apache-2.0),
python-docx (MIT), lxml (BSD), sqlite-utils (Apache-2.0), platformdirs (MIT),
pypinyin (MIT) and the shared libraries PyInstaller copied from Debian 11; their licence
texts are in the respective upstream projects.
EOF

# Depends.  PyInstaller copies most libraries into the bundle (X11, xcb-*, xkbcommon,
# fontconfig, freetype, glib, dbus, libstdc++ …) but leaves out on purpose those that must
# be the system's own: glibc, libxcb (it must match the X server's libraries), libGL/libEGL
# (the graphics drivers) and libwayland-client/-cursor (the Wayland plugin).  Those are
# required here, with libfontconfig1 (its configuration in /etc/fonts); the other Qt
# libraries are listed too, so that the desktop has them should a later bundle leave them
# out.  Names as in Debian 11/12, UOS V20 (Debian 10 based) and Kylin V10 (Ubuntu 20.04
# based); libxcb-util is libxcb-util0 on Debian 10 / Ubuntu 20.04, libxcb-util1 later.
# libc6's version is the highest glibc any ELF file of the bundle needs (glibc_report.py).
# EXTRA_DEPENDS: more, for libraries taken out of the bundle (build.sh --glibc 2.28).
LIBC_MIN=${LIBC_MIN:-$(python3 "$REPO/packaging/oldglibc/glibc_report.py" --print-max "$BUNDLE")}
DEPENDS="libc6 (>= $LIBC_MIN), libxcb1, libgl1, libegl1, libwayland-client0, libwayland-cursor0,
 libfontconfig1, libfreetype6, libglib2.0-0, libdbus-1-3, libx11-6, libx11-xcb1, libxkbcommon0,
 libxkbcommon-x11-0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, libxcb-render0,
 libxcb-render-util0, libxcb-shape0, libxcb-shm0, libxcb-sync1, libxcb-xfixes0, libxcb-xinerama0,
 libxcb-xkb1, libxcb-util1 | libxcb-util0${EXTRA_DEPENDS:+, $EXTRA_DEPENDS}"
SIZE_KB=$(du -sk --apparent-size "$STAGE" | cut -f1)
cat >"$STAGE/DEBIAN/control" <<EOF
Package: ideodesk
Version: $VERSION
Architecture: $ARCH
Maintainer: IdeoDesk <ideodesk@localhost>
Installed-Size: $SIZE_KB
Section: editors
Priority: optional
Depends: $(echo $DEPENDS)
Recommends: fonts-noto-cjk, libxcb-cursor0, libcups2
Description: IdeoDesk 公文组稿台 — offline Chinese official-document desk
 IdeoDesk (公文组稿台) assembles, keeps, checks and exports Chinese official
 materials (.docx), fully offline.  This package carries the program as one
 folder in /opt/ideodesk; it was built on Debian 11 (glibc 2.31) and runs on
 Kylin V10 SP1 and newer systems.
 .
 User data stays in each user's ~/.local/share/IdeoDesk: installing, upgrading,
 removing and purging this package never touch it.
EOF

# Maintainer scripts.  None of them touches user data (~/.local/share/IdeoDesk of any
# user, or IDEODESK_DATA_DIR): dpkg removes only the files it installed, and these
# scripts only refresh the desktop's menu and icon caches.
cat >"$STAGE/DEBIAN/postinst" <<'EOF'
#!/bin/sh
# IdeoDesk postinst: refresh the menu and icon caches, nothing else.
# User data (~/.local/share/IdeoDesk) is per user and is never read or written here;
# an upgrade replaces /opt/ideodesk only.
set -e
if [ "$1" = configure ]; then
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
exit 0
EOF
cat >"$STAGE/DEBIAN/postrm" <<'EOF'
#!/bin/sh
# IdeoDesk postrm: refresh the menu and icon caches after remove/purge.
# Purge too keeps every user's ~/.local/share/IdeoDesk (drafts, versions, backups):
# it is the users' own work, not the package's.  To delete it, a user removes that
# folder themselves.
set -e
case "$1" in
  remove | purge)
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
    ;;
esac
exit 0
EOF
chmod 755 "$STAGE/DEBIAN/postinst" "$STAGE/DEBIAN/postrm"

rm -f "$PKG"
dpkg-deb -Zxz --build --root-owner-group "$STAGE" "$PKG" >/dev/null
echo "built $PKG ($(du -h "$PKG" | cut -f1), installed size $((SIZE_KB / 1024)) MiB)"
dpkg-deb --info "$PKG" | sed -n '/Package:/,/Recommends:/p'
