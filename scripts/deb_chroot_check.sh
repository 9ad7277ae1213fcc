#!/usr/bin/env bash
# The Debian package on a fresh Debian 12: builds gradc's .deb with cpack,
# makes a minimal bookworm root with debootstrap, installs the package there
# with apt (which pulls its dependencies: libclang-cpp19, libllvm19, clang-19),
# and builds and runs samples/cmake_consumer against the installed gradc.
#
#   bash scripts/deb_chroot_check.sh [<gradc build dir>] [<work dir>]
#
# Needs root, debootstrap and the network (deb.debian.org): a few minutes and
# ~600 MB. CI does not run it (it would download a Debian system each time);
# tests/cmake/package_test.sh checks the same package unpacked, offline.
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$src/build}" && pwd)
work=${2:-/tmp/gradc-deb-chroot}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
root="$work/root"

say() { echo "== $*"; }
[[ $(id -u) == 0 ]] || { echo "deb_chroot_check: needs root (chroot)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "deb_chroot_check: apt-get install debootstrap" >&2; exit 2; }

say "cpack -G DEB from $build"
rm -rf "$work/pkg"
cpack -G DEB -B "$work/pkg" --config "$build/CPackConfig.cmake" >/dev/null
deb=$(ls "$work"/pkg/gradc_*_*.deb)
ls -l "$deb"

if [[ ! -x "$root/usr/bin/apt-get" ]]; then
  say "debootstrap bookworm into $root"
  rm -rf "$root"
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log"; exit 1; }
fi

mkdir -p "$root/proc" "$root/dev"
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
mountpoint -q "$root/dev" || mount --bind /dev "$root/dev"
mountpoint -q "$root/dev/pts" || mount -t devpts devpts "$root/dev/pts"  # (apt's terminal log)
trap 'umount "$root/dev/pts" "$root/proc" "$root/dev" 2>/dev/null || true' EXIT
cp /etc/resolv.conf "$root/etc/resolv.conf"

say "apt install ./$(basename "$deb") in the chroot"
rm -rf "$root/check" && mkdir -p "$root/check"
cp "$deb" "$root/check/"
cp -r "$src/samples/cmake_consumer" "$root/check/consumer"
chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive bash -euc '
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends /check/'"$(basename "$deb")"' cmake ninja-build g++ >/check/apt.log
  dpkg -s gradc | grep -E "^(Status|Version):"
  gradc --version | head -1
  cmake -S /check/consumer -B /check/build -G Ninja >/check/configure.log
  grep -q "gradc_DIR:PATH=/usr/lib/cmake/gradc" /check/build/CMakeCache.txt
  cmake --build /check/build >/check/build.log
  /check/build/consumer
' | tee "$work/result.txt"
grep -q "^d/dw0 .* ok$" "$work/result.txt" || { echo "deb_chroot_check: FAIL" >&2; exit 1; }
echo "deb_chroot_check: ok (gradc installed with apt on a fresh Debian 12 root; the consumer's gradient passes)"
