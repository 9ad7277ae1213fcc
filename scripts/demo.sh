#!/usr/bin/env bash
# The main job on one sample, step by step: install what is missing, build
# gradc, generate the gradient of samples/seeds/model.cpp, compile it with
# g++, run it: values, gradients and the central-difference check.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo > build.log 2>&1 || { cat build.log; exit 1; }
cmake --build build --target gradc >> build.log 2>&1 || { cat build.log; exit 1; }

out=build/demo
mkdir -p "$out"
echo "== 1. generate: gradc samples/seeds/model.cpp -o $out/model.grad.hpp"
build/tool/gradc samples/seeds/model.cpp -o "$out/model.grad.hpp" -- -std=c++17 -Iruntime/include
sed -n '/^inline double sigmoid_ratio_grad/,/^}/p' "$out/model.grad.hpp"

echo "== 2. compile: g++ -O2 -Wall -Wextra -Werror demo.cpp model.cpp"
g++ -std=c++17 -O2 -Wall -Wextra -Werror -fno-exceptions -Iruntime/include -Isamples/seeds -I"$out" \
  samples/seeds/demo.cpp samples/seeds/model.cpp -o "$out/seeds_demo"

echo "== 3. run"
"$out/seeds_demo"
