#!/usr/bin/env bash
# Runs INSIDE the bullseye root (packaging/oldglibc/build.sh copies it to /opt/src):
#
#   build_cpython.sh PREFIX [2.31|2.28]
#
# CPython from Debian bookworm's python3.11 source package, into PREFIX.  Upstream tarball
# + Debian's bug and security fixes: the patches of debian/patches/series from
# shutdown-deadlock.diff on (CVE-… and backports).  The patches before it adapt Python to
# Debian's own /usr layout (multiarch names, dist-packages, ensurepip disabled), which a
# private interpreter must not have.
#
# With 2.28 (UOS V20), everything compiled here is kept to glibc 2.28's symbols although
# the root has glibc 2.31:
#   * glibc 2.29 gave exp, exp2, log, log2 and pow new symbol versions (the same maths
#     without the old SVID error-handling wrapper); glibc228.h binds every call to the
#     GLIBC_2.2.5 versions, which 2.31 still exports;
#   * sem_clockwait (2.30) is reported absent, so Python waits with sem_timedwait, as it
#     does on any glibc before 2.30;
#   * SQLite is built too (bookworm's sqlite3 source package, same header) into PREFIX/lib,
#     because bullseye's libsqlite3 needs log@GLIBC_2.29.
set -euo pipefail
PREFIX=${1:-/opt/py311}
GLIBC=${2:-2.31}
SRC=/opt/src
CONFIGURE_EXTRA=()
if [ "$GLIBC" = 2.28 ]; then
  cat >"$SRC/glibc228.h" <<'H'
/* Force-included into every C file (-include): bind libm's functions whose symbol version
   changed in glibc 2.29 to their GLIBC_2.2.5 versions, so the objects load on glibc 2.28. */
#if defined(__x86_64__)
__asm__(".symver exp,exp@GLIBC_2.2.5");
__asm__(".symver exp2,exp2@GLIBC_2.2.5");
__asm__(".symver log,log@GLIBC_2.2.5");
__asm__(".symver log2,log2@GLIBC_2.2.5");
__asm__(".symver pow,pow@GLIBC_2.2.5");
#endif
H
  export CFLAGS="-include $SRC/glibc228.h"
  CONFIGURE_EXTRA=(ac_cv_func_sem_clockwait=no)

  # SQLite: the upstream source in Debian's orig tarball, Debian's compile-time options
  # for what the app and sqlite-utils use (FTS3/4/5, JSON, R*Tree, column metadata).
  rm -rf "$SRC/sqlite" && mkdir -p "$SRC/sqlite" && cd "$SRC/sqlite"
  tar xf "$SRC"/sqlite3_*.orig.tar.* --strip-components=1
  CFLAGS="-O2 $CFLAGS -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS \
    -DSQLITE_ENABLE_FTS4 -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_RTREE -DSQLITE_ENABLE_UNLOCK_NOTIFY \
    -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ENABLE_MATH_FUNCTIONS -DSQLITE_SECURE_DELETE -DSQLITE_MAX_VARIABLE_NUMBER=250000" \
    ./configure --prefix="$PREFIX" --disable-static --enable-fts5 --disable-tcl --disable-readline \
    LDFLAGS="-Wl,-rpath,$PREFIX/lib" >configure.log
  nice -n 10 make -j2 >make.log 2>&1 || { tail -40 make.log; exit 1; }
  make install >install.log 2>&1 || { tail -20 install.log; exit 1; }
  echo "SQLite $(sed -n 's/^#define SQLITE_VERSION *"\(.*\)"/\1/p' "$PREFIX/include/sqlite3.h") -> $PREFIX/lib"
  cd / && rm -rf "$SRC/sqlite"
  export CPPFLAGS="-I$PREFIX/include" PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig"
  LDFLAGS_SQLITE="-L$PREFIX/lib"
fi

rm -rf "$SRC/build" "$SRC/debian"
mkdir -p "$SRC/build"
cd "$SRC/build"
tar xf "$SRC"/python3.11_*.orig.tar.* --strip-components=1
tar -C "$SRC" -xf "$SRC"/python3.11_*.debian.tar.*
n=0
while read -r p; do
  case $p in '' | '#'*) continue ;; esac
  patch -p1 -s --forward <"$SRC/debian/patches/$p" || { echo "patch $p failed"; exit 1; }
  n=$((n + 1))
done < <(sed -n '/^shutdown-deadlock.diff/,$p' "$SRC/debian/patches/series")
echo "applied $n Debian fix patches"
# Debian builds pyexpat into the interpreter; here setup.py builds it as a shared module,
# and the CVE-2026-4224 fix includes an internal header, which needs Py_BUILD_CORE_MODULE
# (as upstream's own extension modules that use internal headers define it).
if grep -q 'pycore_' Modules/pyexpat.c && ! grep -q 'Py_BUILD_CORE_MODULE' Modules/pyexpat.c; then
  sed -i '1i #ifndef Py_BUILD_CORE_BUILTIN\n#  define Py_BUILD_CORE_MODULE 1\n#endif' Modules/pyexpat.c
fi
# --enable-shared: PyInstaller bundles libpython3.11.so; the rpath lets the interpreter
# (and _sqlite3) find PREFIX/lib without LD_LIBRARY_PATH.  No --enable-optimizations: PGO
# would take several times longer on two cores, and the bundle's start is mostly Qt's.
./configure --prefix="$PREFIX" --enable-shared --with-ensurepip=install "${CONFIGURE_EXTRA[@]}" \
  LDFLAGS="${LDFLAGS_SQLITE:-} -Wl,-rpath,$PREFIX/lib" >configure.log
nice -n 10 make -j2 >make.log 2>&1 || { tail -40 make.log; exit 1; }
grep -A8 'necessary bits to build these optional modules' make.log || true
if grep -A4 -E 'Failed to build these modules|removed because they could not be imported' make.log; then exit 1; fi
make install >install.log 2>&1 || { tail -40 install.log; exit 1; }
cd /
rm -rf "$SRC/build" "$SRC/debian"
"$PREFIX/bin/python3.11" -VV
