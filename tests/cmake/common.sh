# Shared by the tests in this directory: sourced, not run.
#   $1  the gradc build directory to install from
#   $2  the gradc source tree (samples/cmake_consumer is copied from it)
set -euo pipefail

build_dir=$(cd "$1" && pwd)
src_dir=$(cd "$2" && pwd)
CMAKE=${CMAKE:-cmake}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gradc-cmake-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
step() { echo; echo "== $*"; }

# Runs a command, keeping its output in $tmp/last.log and echoing it; fails
# loudly (with the output) when it does.
run() {
  if ! "$@" >"$tmp/last.log" 2>&1; then
    cat "$tmp/last.log"
    fail "command failed: $*"
  fi
  cat "$tmp/last.log"
}
log_has() { grep -q -- "$1" "$tmp/last.log"; }
# Did the last build run gradc? (gradc_add_gradient's COMMENT)
generated() { log_has "gradc: generating"; }

# Installs gradc from the build directory into $tmp/prefix and checks the layout.
install_gradc() {
  step "cmake --install $build_dir --prefix $tmp/prefix"
  run "$CMAKE" --install "$build_dir" --prefix "$tmp/prefix"
  local f
  for f in bin/gradc include/gradc/gradc.h share/gradc/templates/rules.hpp \
           lib/cmake/gradc/gradcConfig.cmake lib/cmake/gradc/gradcConfigVersion.cmake \
           lib/cmake/gradc/gradcTargets.cmake lib/cmake/gradc/GradcAddGradient.cmake; do
    [[ -f "$tmp/prefix/$f" ]] || fail "not installed: $f"
  done
  [[ -x "$tmp/prefix/bin/gradc" ]] || fail "installed gradc is not executable"
}

# A private copy of the sample consumer project, safe to edit.
copy_consumer() {
  cp -r "$src_dir/samples/cmake_consumer" "$1"
}
