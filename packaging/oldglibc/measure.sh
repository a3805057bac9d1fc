#!/usr/bin/env bash
# Today's bundle built on this host (packaging/build_linux.sh -> dist/ideodesk, with its
# smoke tests) and then packaging/oldglibc/measure.py: size and start time of the
# old-glibc bundle against it, in the same run.  build.sh --measure calls this.
#
#   packaging/oldglibc/measure.sh [--runs N]     (default 9; OLD_DIST=dist/oldglibc-2.28 for that one)
#
# The host build uses HOST_PYTHON (default: a virtual environment build/oldglibc/host-venv,
# made from .venv's base interpreter with the same pins as the old-glibc bundle, but
# today's PySide6-Essentials 6.11.3), so .venv is left as it is.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=9
[ "${1:-}" = "--runs" ] && RUNS=$2
if [ -z "${HOST_PYTHON:-}" ]; then
  HOST_PYTHON=build/oldglibc/host-venv/bin/python
  if [ ! -x "$HOST_PYTHON" ]; then
    base=$(.venv/bin/python -c 'import sys; print(sys.base_prefix)' 2>/dev/null)/bin/python3
    [ -x "$base" ] || base=python3
    "$base" -m venv build/oldglibc/host-venv
    sed -e 's/^PySide6-Essentials==.*/PySide6-Essentials==6.11.3/' -e 's/^shiboken6==.*/shiboken6==6.11.3/' \
      packaging/oldglibc/requirements.txt >build/oldglibc/host-requirements.txt
    build/oldglibc/host-venv/bin/pip install -q -r build/oldglibc/host-requirements.txt
  fi
fi
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' ideodesk/__init__.py)
t=$(date +%s)
echo "== today's bundle on this host: packaging/build_linux.sh (PYTHON=$HOST_PYTHON)"
PYTHON=$HOST_PYTHON nice -n 5 packaging/build_linux.sh | tail -4
echo "   built and smoke-tested in $(($(date +%s) - t)) s"
echo "== measurement, $RUNS runs each"
OLD_DIST=${OLD_DIST:-dist/oldglibc}
"$HOST_PYTHON" packaging/oldglibc/measure.py --runs "$RUNS" --old "$OLD_DIST/ideodesk" --deb "$OLD_DIST/ideodesk_${VERSION}_amd64.deb"
