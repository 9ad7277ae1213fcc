#!/usr/bin/env bash
# find_package(gradc) + gradc_add_gradient from an installed gradc: the sample
# consumer builds and its gradient matches central differences; rebuilding
# regenerates model.grad.hpp exactly when model.cpp, a header it includes or
# gradc itself changed, under Ninja and Unix Makefiles; a consumer using a
# gradc checkout through add_subdirectory is wired the same way.
#   consumer_test.sh <gradc build dir> <gradc source dir>
# GRADC_TEST_SUBDIR_BUILD=1 also builds the add_subdirectory consumer (which
# compiles gradc from source: minutes); by default it is configured and its
# build plan checked.
source "$(dirname "$0")/common.sh"

install_gradc
copy_consumer "$tmp/src"
b="$tmp/build"
hdr="$b/gradc/model.grad.hpp"

step "configure (Ninja) with CMAKE_PREFIX_PATH=$tmp/prefix"
run "$CMAKE" -S "$tmp/src" -B "$b" -G Ninja -DCMAKE_PREFIX_PATH="$tmp/prefix"
log_has "$tmp/prefix/lib/cmake/gradc" || grep -q "gradc_DIR:PATH=$tmp/prefix/lib/cmake/gradc" "$b/CMakeCache.txt" ||
  fail "find_package(gradc) did not pick the installed package"

step "build"
run "$CMAKE" --build "$b"
generated || fail "the first build did not run gradc"
[[ -f "$hdr" ]] || fail "no $hdr"
grep -q "logistic_loss_grad" "$hdr" || fail "$hdr does not define logistic_loss_grad"
# gradc ran with the installed executable and the target's flags.
ninja -C "$b" -t commands gradc/model.grad.hpp | tail -1 >"$tmp/cmd.txt"
cat "$tmp/cmd.txt"
for want in "$tmp/prefix/bin/gradc " "--depfile " "-std=gnu++17" "-DCONSUMER_TEMPERATURE=2.0" \
            "-I$tmp/src/include" "-I$tmp/prefix/include"; do
  grep -qF -- "$want" "$tmp/cmd.txt" || fail "gradc's command line lacks '$want'"
done
grep -qF -- "--target=" "$tmp/cmd.txt" && fail "a host build passed --target to gradc"

step "run"
run "$b/consumer"
cp "$tmp/last.log" "$tmp/run1.txt"
grep -q "^d/dw0 .* ok$" "$tmp/run1.txt" || fail "unexpected output"

step "gradc_add_gradcheck: consumer_gradcheck runs f_gradcheck as a ctest"
grep -q "logistic_loss_gradcheck" "$b/gradc_check/model.grad.hpp" || fail "no logistic_loss_gradcheck written"
grep -q "logistic_loss_gradcheck" "$hdr" && fail "gradc_add_gradient's header got the checks too"
run "${CMAKE%cmake}ctest" --test-dir "$b" -R consumer_gradcheck -V
log_has "100% tests passed" || fail "consumer_gradcheck did not pass"
grep -c "logistic_loss: ok" "$tmp/last.log" | grep -qx 3 || fail "consumer_gradcheck did not check 3 points"

step "build again: nothing to do"
run "$CMAKE" --build "$b"
log_has "ninja: no work to do" || fail "a second build did work"

step "touch main.cpp (not read by gradc): recompiles it, does not regenerate"
touch "$tmp/src/main.cpp"
run "$CMAKE" --build "$b"
generated && fail "touching main.cpp regenerated model.grad.hpp"
log_has "main.cpp.o" || fail "main.cpp was not recompiled"

step "edit model.cpp (kWeightDecay 0.01 -> 0.25): regenerates, gradient changes"
cp "$hdr" "$tmp/hdr1"
sed -i 's/constexpr double kWeightDecay = 0.01;/constexpr double kWeightDecay = 0.25;/' "$tmp/src/model.cpp"
grep -q "kWeightDecay = 0.25;" "$tmp/src/model.cpp" || fail "sed did not change model.cpp"
run "$CMAKE" --build "$b"
generated || fail "editing model.cpp did not regenerate model.grad.hpp"
cmp -s "$tmp/hdr1" "$hdr" && fail "model.grad.hpp did not change"
grep -q "kWeightDecay = 0.25" "$hdr" || fail "model.grad.hpp does not carry the new constant"
run "$b/consumer"
cp "$tmp/last.log" "$tmp/run2.txt"
echo "-- before:"; cat "$tmp/run1.txt"
for p in w0 w1; do
  before=$(grep "^d/d$p " "$tmp/run1.txt") after=$(grep "^d/d$p " "$tmp/run2.txt")
  [[ "$before" != "$after" ]] || fail "d/d$p did not change: $after"
done
# The bias is not decayed: its derivative stays.
[[ "$(grep '^d/db ' "$tmp/run1.txt")" == "$(grep '^d/db ' "$tmp/run2.txt")" ]] || fail "d/db changed"
run "$CMAKE" --build "$b"
log_has "ninja: no work to do" || fail "the build after the edit is not stable"

for h in include/consumer/config.hpp model.hpp; do
  step "touch $h (included by model.cpp): regenerates, once"
  touch "$tmp/src/$h"
  run "$CMAKE" --build "$b"
  generated || fail "touching $h did not regenerate model.grad.hpp"
  run "$CMAKE" --build "$b"
  log_has "ninja: no work to do" || fail "the build after touching $h is not stable"
done

step "replace gradc (touch the installed executable): regenerates"
touch "$tmp/prefix/bin/gradc"
run "$CMAKE" --build "$b"
generated || fail "a newer gradc did not regenerate model.grad.hpp"
run "$b/consumer"

step "Unix Makefiles: build, rebuild, touch a header, touch main.cpp"
m="$tmp/build-make"
run "$CMAKE" -S "$tmp/src" -B "$m" -G "Unix Makefiles" -DCMAKE_PREFIX_PATH="$tmp/prefix"
log_has "CMP0116" && fail "policy CMP0116 warning under Makefiles"
run "$CMAKE" --build "$m"
generated || fail "Makefiles: the first build did not run gradc"
run "$m/consumer"
run "$CMAKE" --build "$m"
generated && fail "Makefiles: a second build regenerated"
log_has "Building CXX" && fail "Makefiles: a second build recompiled"
touch "$tmp/src/include/consumer/config.hpp"
run "$CMAKE" --build "$m"
generated || fail "Makefiles: touching config.hpp did not regenerate"
touch "$tmp/src/main.cpp"
run "$CMAKE" --build "$m"
generated && fail "Makefiles: touching main.cpp regenerated"
run "$m/consumer"

step "add_subdirectory(<gradc checkout>) instead of find_package"
s="$tmp/build-subdir"
run "$CMAKE" -S "$tmp/src" -B "$s" -G Ninja -DGRADC_CHECKOUT="$src_dir"
ninja -C "$s" -t commands gradc/model.grad.hpp | tail -1 >"$tmp/cmd.txt"
cat "$tmp/cmd.txt"
for want in "$s/gradc-build/tool/gradc " "-I$src_dir/runtime/include" "-DCONSUMER_TEMPERATURE=2.0"; do
  grep -qF -- "$want" "$tmp/cmd.txt" || fail "add_subdirectory: gradc's command line lacks '$want'"
done
if [[ "${GRADC_TEST_SUBDIR_BUILD:-0}" == 1 ]]; then
  run "$CMAKE" --build "$s" -j2
  run "$s/consumer"
else
  # The plan: gradc is linked before it generates the header, which precedes consumer.
  ninja -C "$s" -n consumer >"$tmp/plan.txt"
  link=$(grep -n "Linking CXX executable gradc-build/tool/gradc$" "$tmp/plan.txt" | cut -d: -f1)
  gen=$(grep -n "gradc: generating" "$tmp/plan.txt" | cut -d: -f1)
  fin=$(grep -n "Linking CXX executable consumer$" "$tmp/plan.txt" | cut -d: -f1)
  [[ -n "$link" && -n "$gen" && -n "$fin" ]] || { cat "$tmp/plan.txt"; fail "add_subdirectory: unexpected build plan"; }
  ((link < gen && gen < fin)) || { cat "$tmp/plan.txt"; fail "add_subdirectory: gradc is not built before it runs"; }
  echo "plan: link gradc (step $link) < generate (step $gen) < link consumer (step $fin)"
fi

step "one model source in two targets (an app and its test), and a model library with SCOPE PUBLIC"
t="$tmp/src-two"
copy_consumer "$t"
cat >>"$t/CMakeLists.txt" <<'CMAKE'
add_executable(consumer_twin main.cpp model.cpp)
target_include_directories(consumer_twin PRIVATE include)
target_compile_definitions(consumer_twin PRIVATE CONSUMER_TEMPERATURE=2.0)
gradc_add_gradient(consumer_twin SOURCES model.cpp)
add_library(consumer_model STATIC model.cpp)
target_include_directories(consumer_model PUBLIC include)
target_compile_definitions(consumer_model PUBLIC CONSUMER_TEMPERATURE=2.0)
gradc_add_gradient(consumer_model SOURCES model.cpp OUTPUT_DIR gradc_lib SCOPE PUBLIC)
add_executable(consumer_via_lib main.cpp)
target_link_libraries(consumer_via_lib PRIVATE consumer_model)
CMAKE
run "$CMAKE" -S "$t" -B "$t/build" -G Ninja -DCMAKE_PREFIX_PATH="$tmp/prefix"
run "$CMAKE" --build "$t/build"
[[ $(grep -c "gradc: generating gradc/model.grad.hpp" "$tmp/last.log") == 1 ]] ||
  fail "the shared header was not generated exactly once"
run "$t/build/consumer_twin"
run "$t/build/consumer_via_lib"
grep -q "^d/dw0 .* ok$" "$tmp/last.log" || fail "consumer_via_lib: unexpected output"

step "only the includers wait: model.cpp in a target of its own compiles while gradc runs"
w="$tmp/src-split"
copy_consumer "$w"
cat >>"$w/CMakeLists.txt" <<'CMAKE'
add_library(split_model OBJECT model.cpp)
target_include_directories(split_model PRIVATE include)
target_compile_definitions(split_model PRIVATE CONSUMER_TEMPERATURE=2.0)
target_link_libraries(split_model PRIVATE gradc::runtime)
add_executable(consumer_split main.cpp $<TARGET_OBJECTS:split_model>)
target_include_directories(consumer_split PRIVATE include)
target_compile_definitions(consumer_split PRIVATE CONSUMER_TEMPERATURE=2.0)
gradc_add_gradient(consumer_split SOURCES model.cpp OUTPUT_DIR gradc_split)
CMAKE
run "$CMAKE" -S "$w" -B "$w/build" -G Ninja -DCMAKE_PREFIX_PATH="$tmp/prefix"
# The contrast: consumer's model.cpp.o, in the target that includes the header, waits.
run ninja -C "$w/build" CMakeFiles/consumer.dir/model.cpp.o
generated || fail "consumer's model.cpp.o did not wait for the header (the contrast case)"
run ninja -C "$w/build" CMakeFiles/split_model.dir/model.cpp.o
generated && fail "split_model's model.cpp.o waited for gradc"
[[ -f "$w/build/gradc_split/model.grad.hpp" ]] && fail "gradc_split/model.grad.hpp generated for model.cpp.o"
run ninja -C "$w/build" consumer_split
generated || fail "consumer_split did not generate the header main.cpp includes"
log_has "split_model.dir/model.cpp.o" && fail "model.cpp was compiled twice"
run "$w/build/consumer_split"
grep -q "^d/dw0 .* ok$" "$tmp/last.log" || fail "consumer_split: unexpected output"

echo
echo "PASS"
