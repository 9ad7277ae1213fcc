#!/usr/bin/env bash
# cpack -G DEB: the Debian package holds gradc, the runtime headers, the rules
# and the CMake package, declares its LLVM dependencies, and works unpacked:
# the sample consumer finds it with find_package and its gradient passes.
# (scripts/deb_chroot_check.sh installs it with apt on a fresh Debian 12
# root instead: network and a few minutes, so not in CI.)
source "$(dirname "$0")/common.sh"

step "cpack -G DEB"
run "${CMAKE%cmake}cpack" -G DEB -B "$tmp/pkg" --config "$build_dir/CPackConfig.cmake"
deb=$(ls "$tmp"/pkg/gradc_*_*.deb) || fail "no .deb written"

step "contents and control"
dpkg-deb -c "$deb" | awk '{print $6}' > "$tmp/contents.txt"
for f in ./usr/bin/gradc ./usr/include/gradc/gradc.h ./usr/include/gradc/check.h ./usr/include/gradc/math.h \
         ./usr/share/gradc/templates/rules.hpp ./usr/lib/cmake/gradc/gradcConfig.cmake \
         ./usr/lib/cmake/gradc/GradcAddGradient.cmake; do
  grep -qxF "$f" "$tmp/contents.txt" || fail "the package lacks $f"
done
run dpkg-deb -f "$deb" Package Version Depends
log_has "Package: gradc" || fail "wrong package name"
log_has "libclang-cpp19" || fail "no dependency on libclang-cpp19"

step "unpacked: gradc runs, and a consumer builds against it"
run dpkg-deb -x "$deb" "$tmp/root"
run "$tmp/root/usr/bin/gradc" --version
log_has "^gradc " || fail "gradc --version"
copy_consumer "$tmp/src"
run "$CMAKE" -S "$tmp/src" -B "$tmp/build" -G Ninja -DCMAKE_PREFIX_PATH="$tmp/root/usr"
grep -q "gradc_DIR:PATH=$tmp/root/usr/lib/cmake/gradc" "$tmp/build/CMakeCache.txt" ||
  fail "find_package(gradc) did not pick the unpacked package"
run "$CMAKE" --build "$tmp/build"
run "$tmp/build/consumer"
grep -q "^d/dw0 .* ok$" "$tmp/last.log" || fail "the consumer's gradient did not pass"
echo "package_test: ok"
