#!/usr/bin/env bash
# Installs every Debian package gradc needs, only those missing. Idempotent.
# Usage: scripts/setup.sh
# (--with-embedded is still accepted and does nothing: the arm-none-eabi cross
# toolchain and QEMU, which the cross-compiling tests need, are always installed.)
set -euo pipefail

packages=(
  build-essential cmake ninja-build git python3
  clang-19 libclang-19-dev llvm-19-dev llvm-19-tools libzstd-dev
  libgtest-dev libbenchmark-dev
  gnuplot-nox valgrind  # bench/run.sh: the chart, instruction counts
  graphviz  # gradc --graph: the DOT output is rendered in tests/lit and docs/
  gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib qemu-system-arm
)
for arg in "$@"; do
  case "$arg" in
    --with-embedded) ;;  # kept for old command lines: embedded packages are the default now
    *) echo "setup: unknown argument '$arg' (usage: scripts/setup.sh)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
