#!/usr/bin/env python3
"""What would an edit to the generated code buy? Before changing the tool, edit a copy of a
sample's generated header by hand and measure it against the hand-written gradient:

  cp build-bench/samples/mlp/gradc/model.grad.hpp /tmp/mlp.hpp   # edit /tmp/mlp.hpp
  python3 bench/try_header.py mlp /tmp/mlp.hpp

Builds samples/<sample>/bench.cpp with that header in place of the generated one (g++ -O3
-march=native, and without AVX-512 for callgrind) and prints, per case, gradc / hand-written
in instructions per call (repeatable) and in median CPU time (noisy on a shared machine).
The header is taken as it is: check the gradient with the sample's test before trusting it.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  (the measurement code of run.sh)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sample")
    ap.add_argument("header", type=Path, help="a model.grad.hpp to measure")
    ap.add_argument("--reps", type=int, default=6, help="timing repetitions (default 6)")
    args = ap.parse_args()
    src = bench.ROOT / "samples" / args.sample
    bench_cpp = src / "bench.cpp"
    if not bench_cpp.exists():
        raise SystemExit(f"try_header: no {bench_cpp}")
    with tempfile.TemporaryDirectory(prefix="gradc-try-") as tmp:
        tmp = Path(tmp)
        (tmp / "model.grad.hpp").write_text(args.header.read_text())
        sources = [bench_cpp]
        if '#include "model.cpp"' not in bench_cpp.read_text():
            sources.append(src / "model.cpp")
        includes = [f"-I{d}" for d in (tmp, src, bench.ROOT / "samples" / "common",
                                        bench.ROOT / "runtime" / "include", bench.ROOT / "bench")]
        for name, extra in (("native", []), ("icount", ["-mno-avx512f"])):
            subprocess.run(["g++", "-std=c++17", "-O3", "-DNDEBUG", "-march=native", *extra, *includes,
                            *map(str, sources), "-o", str(tmp / name), "-lbenchmark", "-lpthread"], check=True)
        ir = bench.icount_sample(args.sample, tmp / "icount", tmp, 16)
        cfg = dict(bench.FULL, reps=args.reps, min_time=0.05)
        rows, _ = bench.time_sample(args.sample, tmp / "native", tmp, cfg)
    print(f"{'case':30s} {'Ir hand':>10s} {'Ir gradc':>10s} {'Ir ratio':>9s} {'time ratio':>11s}")
    for case in sorted(rows):
        h, g = ir[(case, "handwritten")], ir[(case, "gradc")]
        t = rows[case]["gradc"]["ns"] / rows[case]["handwritten"]["ns"]
        print(f"{case:30s} {h:10.0f} {g:10.0f} {g / h:9.2f} {t:11.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
