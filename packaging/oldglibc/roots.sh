# shellcheck shell=bash
# Helpers shared by packaging/oldglibc/build.sh and packaging/deb/smoke_deb.sh: make (or
# reuse) a Debian root with debootstrap, mount /proc, /dev and /sys into it, run commands
# inside, and always unmount again.  Sourced, not run.

DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
DEBIAN_SECURITY=${DEBIAN_SECURITY:-http://deb.debian.org/debian-security}
ROOTS_MOUNTED=()

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '错误：%s\n' "$*" >&2; exit 1; }

# make_root DIR [debootstrap options...]: a bullseye amd64 root in DIR, made once; the
# marker file DIR/.ideodesk-root-ok says debootstrap finished (a half-made root is redone).
make_root() {
  local dir=$1; shift
  if [ -f "$dir/.ideodesk-root-ok" ]; then
    log "reusing the bullseye root $dir"
    return 0
  fi
  command -v debootstrap >/dev/null || {
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || die "需要 debootstrap（apt-get install debootstrap）"
    DEBIAN_FRONTEND=noninteractive apt-get install -y debootstrap >/dev/null
  }
  rm -rf "$dir"
  mkdir -p "$dir"
  log "debootstrap bullseye amd64 -> $dir ($*)"
  debootstrap --arch=amd64 "$@" bullseye "$dir" "$DEBIAN_MIRROR" >"$dir.debootstrap.log" 2>&1 ||
    { tail -20 "$dir.debootstrap.log"; die "debootstrap 失败（日志：$dir.debootstrap.log）"; }
  cat >"$dir/etc/apt/sources.list" <<SRC
deb $DEBIAN_MIRROR bullseye main
deb $DEBIAN_MIRROR bullseye-updates main
deb $DEBIAN_SECURITY bullseye-security main
SRC
  # no daemons may start inside the root while packages are installed
  printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
  chmod 755 "$dir/usr/sbin/policy-rc.d"
  touch "$dir/.ideodesk-root-ok"
}

# mount_root DIR: /proc, /dev, /dev/pts, /sys and the host's resolv.conf (apt needs DNS).
mount_root() {
  local dir=$1 m
  for m in proc dev dev/pts sys; do
    mkdir -p "$dir/$m"
    mountpoint -q "$dir/$m" && continue
    case $m in
      proc) mount -t proc proc "$dir/proc" ;;
      sys) mount -t sysfs sys "$dir/sys" ;;
      dev) mount --bind /dev "$dir/dev" ;;
      dev/pts) mount -t devpts -o newinstance,ptmxmode=0666 devpts "$dir/dev/pts" ;;
    esac
    ROOTS_MOUNTED+=("$dir/$m")
  done
  cp -L /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
}

# umount_roots: undo every mount_root, innermost first (called from the scripts' traps).
umount_roots() {
  local i
  for ((i = ${#ROOTS_MOUNTED[@]} - 1; i >= 0; i--)); do
    umount -l "${ROOTS_MOUNTED[$i]}" 2>/dev/null || true
  done
  ROOTS_MOUNTED=()
}

# in_root DIR COMMAND...: run COMMAND inside DIR with a clean environment.
in_root() {
  local dir=$1; shift
  chroot "$dir" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

# apt_in_root DIR PACKAGES...: install packages inside the root (no recommends).
apt_in_root() {
  local dir=$1; shift
  in_root "$dir" apt-get update -q >/dev/null || die "apt-get update 在 $dir 中失败"
  in_root "$dir" apt-get install -y -q --no-install-recommends "$@" || die "apt-get install 在 $dir 中失败：$*"
}
