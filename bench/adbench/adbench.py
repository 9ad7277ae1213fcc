#!/usr/bin/env python3
"""bench/adbench/run.sh: build, run and tabulate the adbench objectives.

Per objective and size (benchmarks <objective>/<size>/<kind>, bench.cpp):
  time   Google Benchmark CPU time per call, median of --reps repetitions,
         randomly interleaved; g++ and clang++ builds of the same source
  instr  callgrind, small sizes: instructions per call = (count at 2N
         iterations - count at N) / N, from a build without AVX-512 (valgrind
         cannot decode it)
  bytes  kept by each gradient: its work buffer (gradc's f_grad_work_bytes;
         the hand-written ODE/LSTM tape) plus its -fstack-usage frame
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OBJECTIVES = ["lse", "kmeans", "gmm", "ba", "ode", "det", "lstm", "llsq"]
KINDS = ("primal", "handwritten", "gradc")
UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
# frames.su function names: objective -> (gradc's, hand-written's)
FRAMES = {
    "lse": ("adb_lse::logsumexp_grad(", "adb_lse_hand::logsumexp_grad("),
    "kmeans": ("adb_kmeans::kmeans_objective_grad(", "adb_kmeans_hand::kmeans_objective_grad("),
    "gmm": ("adb_gmm::gmm_objective_grad(", "adb_gmm_hand::gmm_objective_grad("),
    "ba": ("adb_ba::ba_objective_grad(", "adb_ba_hand::ba_objective_grad("),
    "ode": ("adb_ode::ode_objective_grad(", "adb_ode_hand::ode_objective_grad("),
    "lstm": ("adb_lstm::lstm_objective_grad(", "adb_lstm_hand::lstm_objective_grad("),
    "llsq": ("adb_llsq::llsq_objective_grad(", "adb_llsq_hand::llsq_objective_grad("),
}


def log(msg):
    print(f"adbench: {msg}", file=sys.stderr, flush=True)


def run(cmd, **kw):
    return subprocess.run([str(c) for c in cmd], check=True, **kw)


def build_gradc(args):
    if args.gradc:
        return Path(args.gradc).resolve()
    b = args.build_dir
    gen = [] if (b / "CMakeCache.txt").exists() else ["-G", "Ninja"]
    log(f"building gradc in {b} (Release)")
    run(["cmake", "-S", ROOT, "-B", b, *gen, "-DCMAKE_BUILD_TYPE=Release", "-DGRADC_BUILD_TESTS=OFF",
         "-DGRADC_BUILD_SAMPLES=OFF"], stdout=subprocess.DEVNULL)
    run(["cmake", "--build", b, "-j", str(args.jobs), "--target", "gradc"])
    return b / "tool" / "gradc"


def generate(gradc, gen):
    gen.mkdir(parents=True, exist_ok=True)
    for o in OBJECTIVES:
        log(f"gradc {o}.cpp")
        run([gradc, HERE / f"{o}.cpp", "-o", gen / f"{o}.grad.hpp", "--", "-std=c++17",
             f"-I{ROOT / 'runtime' / 'include'}", "-march=native"])


def compile_all(work, gen, quick):
    inc = [f"-I{HERE}", f"-I{gen}", f"-I{ROOT / 'runtime' / 'include'}"]
    base = ["-std=c++17", "-O3", "-march=native", "-DNDEBUG", *inc]
    bins = {}
    jobs = []
    for cxx in ("g++", "clang++"):
        if not shutil.which(cxx):
            log(f"{cxx} not found: skipped")
            continue
        out = work / f"bench_{cxx.rstrip('+')}"
        jobs.append([cxx, *base, HERE / "bench.cpp", "-o", out, "-lbenchmark", "-lpthread"])
        bins[cxx] = out
    icount = work / "bench_icount"
    jobs.append(["g++", *base, "-mno-avx512f", HERE / "bench.cpp", "-o", icount, "-lbenchmark", "-lpthread"])
    jobs.append(["g++", *base, "-fstack-usage", "-c", HERE / "frames.cpp", "-o", work / "frames.o"])
    procs = []
    for j in jobs:  # two at a time
        log(" ".join(str(x) for x in j[:1] + j[-4:]))
        procs.append(subprocess.Popen([str(x) for x in j]))
        if len(procs) == 2:
            for p in procs:
                if p.wait():
                    raise SystemExit("adbench: compile failed")
            procs = []
    for p in procs:
        if p.wait():
            raise SystemExit("adbench: compile failed")
    return bins, icount, work / "frames.su"


def parse_name(name):
    parts = name.split("/")
    kind = next(p for p in parts if p in KINDS)
    return parts[0], parts[1], kind


def time_run(binary, out, reps, min_time, env):
    run([binary, f"--benchmark_out={out}", "--benchmark_out_format=json", f"--benchmark_repetitions={reps}",
         f"--benchmark_min_time={min_time}", "--benchmark_enable_random_interleaving=true",
         "--benchmark_report_aggregates_only=true"], stdout=subprocess.DEVNULL, env=env)
    rows = {}
    for b in json.loads(Path(out).read_text())["benchmarks"]:
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue
        obj, size, kind = parse_name(b["run_name"])
        r = rows.setdefault((obj, size), {})
        r[kind] = b["cpu_time"] * UNIT_NS[b["time_unit"]]
        r.setdefault("order", (OBJECTIVES.index(obj), b["family_index"]))
        if "work_bytes" in b:
            r[kind + "_work"] = b["work_bytes"]
    return dict(sorted(rows.items(), key=lambda kv: kv[1]["order"]))


def callgrind_count(binary, name, iters, env):
    with tempfile.TemporaryDirectory() as t:
        out = Path(t) / "cg.out"
        e = dict(env, ADB_ITERATIONS=str(iters), ADB_SIZES="small")
        run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", binary,
             f"--benchmark_filter=^{re.escape(name)}(/|$)"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=e)
        for line in out.read_text(errors="replace").splitlines():
            if line.startswith("summary:") or line.startswith("totals:"):
                return int(line.split()[1])
    raise SystemExit(f"adbench: no callgrind summary for {name}")


def instructions(binary, rows, env, n=2):
    counts = {}
    for (obj, size), r in rows.items():
        for kind in KINDS:
            name = f"{obj}/{size}/{kind}"
            log(f"callgrind {name}")
            a = callgrind_count(binary, name, n, env)
            b = callgrind_count(binary, name, 2 * n, env)
            counts.setdefault((obj, size), {})[kind] = (b - a) / n
    return counts


def frames(su):
    text = su.read_text() if su.exists() else ""
    out = {}
    for obj, (g, h) in FRAMES.items():
        fg = [int(l.split("\t")[1]) for l in text.splitlines() if g in l]
        fh = [int(l.split("\t")[1]) for l in text.splitlines() if h in l]
        out[obj] = (fg[0] if fg else 0, fh[0] if fh else 0)
    # det: gradc's det7/det9; the hand-written recursion's levels add up
    for n in (7, 9):
        g = [int(l.split("\t")[1]) for l in text.splitlines() if f"adb_det::det{n}_grad(" in l]
        h = 0
        for l in text.splitlines():
            m = re.search(r"det_minor_grad\(.*\[with int N = (\d+)\]", l)
            if m and int(m.group(1)) <= n:
                h += int(l.split("\t")[1])
        out[f"det{n}"] = (g[0] if g else 0, h)
    return out


def fmt_bytes(b):
    b = float(b)
    for unit in ("B", "KB", "MB", "GB"):
        if b < 1024 or unit == "GB":
            return f"{b:.0f} {unit}" if unit == "B" else f"{b:.1f} {unit}"
        b /= 1024


def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "–"


def write_table(args, times, counts, fr, out):
    gcc, clang = times.get("g++", {}), times.get("clang++", {})
    lines = []
    w = lines.append
    w("| objective | size | gradc/hand g++ | gradc/hand clang++ | gradc clang++/g++ | gradient/primal gradc (hand) g++ "
      "| instr gradc/hand | instr gradient/primal gradc (hand) | bytes kept gradc (hand): work + frame |")
    w("|---|---|---|---|---|---|---|---|---|")
    g_ratios, c_ratios = [], []
    for key in gcc:
        obj, size = key
        r, c = gcc[key], clang.get(key, {})
        g_ratios.append(r["gradc"] / r["handwritten"])
        if c:
            c_ratios.append(c["gradc"] / c["handwritten"])
        ic = counts.get(key)
        instr = ratio(ic["gradc"], ic["handwritten"]) if ic else ""
        instr_p = f"{ic['gradc'] / ic['primal']:.2f} ({ic['handwritten'] / ic['primal']:.2f})" if ic else ""
        fkey = obj if obj != "det" else "det" + size.split("x")[0]
        fg, fh = fr.get(fkey, (0, 0))
        wg, wh = r.get("gradc_work", 0), r.get("handwritten_work", 0)
        kept = f"{fmt_bytes(wg)} + {fmt_bytes(fg)} ({fmt_bytes(wh)} + {fmt_bytes(fh)})"
        w(f"| {obj} | {size} | {ratio(r['gradc'], r['handwritten'])} | {ratio(c.get('gradc'), c.get('handwritten'))} "
          f"| {ratio(c.get('gradc'), r['gradc'])} | {r['gradc'] / r['primal']:.2f} ({r['handwritten'] / r['primal']:.2f}) "
          f"| {instr} | {instr_p} | {kept} |")
    summary = [f"- median gradc/hand-written time, g++: {statistics.median(g_ratios):.2f} "
               f"(max {max(g_ratios):.2f}) over {len(g_ratios)} cases"]
    if c_ratios:
        summary.append(f"- median gradc/hand-written time, clang++: {statistics.median(c_ratios):.2f} "
                       f"(max {max(c_ratios):.2f})")
    ns = ["", "Time per call (ns, g++ / clang++):", "",
          "| case | primal | hand-written | gradc |", "|---|---|---|---|"]
    for key in gcc:
        r, c = gcc[key], clang.get(key, {})
        cell = lambda k: f"{r[k]:.0f} / {c[k]:.0f}" if c else f"{r[k]:.0f}"
        ns.append(f"| {key[0]}/{key[1]} | {cell('primal')} | {cell('handwritten')} | {cell('gradc')} |")
    text = HEADER.format(mode="quick (numbers meaningless)" if args.quick else "full", reps=args.reps,
                         cpu=args.cpu) + "\n".join(summary) + "\n\n" + "\n".join(lines) + "\n" + "\n".join(ns) + "\n"
    if out.exists() and not args.quick:
        old = out.read_text()
        keep = old.find("<!-- notes -->")
        if keep >= 0:
            text += "\n" + old[keep:]
    out.write_text(text)
    log(f"wrote {out}")


HEADER = """# adbench: gradc on the standard AD benchmark objectives

Written by `bash bench/adbench/run.sh` ({mode}; {reps} repetitions, median CPU time; {cpu}). The objectives
(bench/adbench/*.cpp) are written from their published definitions in plain C++, each with a
hand-written reverse-mode gradient (*_hand.hpp); ctest `adbench.*` checks that gradc's gradient
equals the hand-written one and central differences. The machine is shared and noisy: read the
ratios, not the absolute times.

Columns: gradc/hand = gradc's gradient time over the hand-written one's (g++ and clang++, -O3
-march=native); clang++/g++ = gradc's gradient built with clang++ over g++; gradient/primal =
gradc's gradient over the primal (the hand-written one's in parentheses); instr = callgrind
instructions per call (small sizes; built with -mno-avx512f); bytes kept = work buffer (gradc's
f_grad_work_bytes; the hand-written ODE and LSTM gradients' tapes) + stack frame (-fstack-usage,
g++; the hand-written det sums its recursion's levels).

"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--gradc")
    ap.add_argument("--build-dir", type=Path, default=ROOT / "build-adbench")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--no-callgrind", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    args.build_dir = args.build_dir.resolve()
    args.reps = 1 if args.quick else 3
    min_time = 0.01 if args.quick else 0.2
    out = args.out or (args.build_dir / "adbench-quick.md" if args.quick else ROOT / "docs" / "adbench.md")
    try:
        args.cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except Exception:
        args.cpu = "unknown CPU"
    gradc = build_gradc(args)
    work = args.build_dir / "adbench"
    work.mkdir(parents=True, exist_ok=True)
    generate(gradc, work / "gen")
    bins, icount, su = compile_all(work, work / "gen", args.quick)
    env = dict(os.environ)
    if args.quick:
        env["ADB_SIZES"] = "small"
    times = {}
    for cxx, binary in bins.items():
        log(f"timing {binary.name}")
        times[cxx] = time_run(binary, work / f"time-{binary.name}.json", args.reps, min_time, env)
    counts = {}
    if not args.no_callgrind and shutil.which("valgrind"):
        small = time_run(icount, work / "time-icount.json", 1, 0.001, dict(env, ADB_SIZES="small"))
        counts = instructions(icount, small, env)
    write_table(args, times, counts, frames(su), out)


if __name__ == "__main__":
    main()
