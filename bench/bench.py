#!/usr/bin/env python3
"""Benchmarks every sample and writes docs/bench.md and docs/bench.png (bench/run.sh).

For each samples/<s>/bench.cpp, whose benchmarks are named
<sample>/<case>/<kind>[/<arg>:<value>...] with kind primal, handwritten or gradc
(bench/gradc_bench.hpp):

  time          median CPU time per call over --repetitions runs of Google
                Benchmark, randomly interleaved (load from other work on the
                machine then hits all three kinds alike), started once the
                load average is below 0.5 or --settle seconds have passed
  instructions  callgrind, per call: the timed loop's count at 2N iterations
                minus at N, over N, so constant costs cancel. From
                <s>_bench_icount, the same source built without AVX-512, which
                valgrind 3.19 cannot decode
  storage       kept bytes: the arrays each gradient declares, read from its
                source (bench/kept.py), plus the work buffer it is handed
                (benchmark counter work_bytes); and the -fstack-usage frame
                of each gradient built out of line (bench/storage/<s>.cpp)

gradc's own speed: CPU time of gradc on each model.cpp against
clang++ -fsyntax-only of the same file with the same flags and the rules gradc
parses beside it; and from callgrind on gradc, the share of instructions in
Clang's parse (ParseAST less gradc's consumer) against gradc's passes.

Every run ends by reading back the table it wrote: a row per sample, every
number finite and positive, kept bytes not negative (ctest bench.smoke relies on it).
"""

import argparse
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kept import kept_sample

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("primal", "handwritten", "gradc")
UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
# Parts Google Benchmark appends to a name that are not the case's own arguments.
RUNNER_PARTS = re.compile(r"(iterations|repeats|min_time|min_warmup_time|threads):.*|real_time|manual_time")

# The targets (issue 7).
TARGET_MEDIAN = 1.00   # gradc / hand-written time, median over samples
TARGET_MAX = 1.15      # gradc / hand-written time, every case
TARGET_PRIMAL = 3.0    # gradient / primal time, every case

FULL = dict(reps=12, min_time=0.1, icount_iters=16, tool_reps=5, tool_callgrind=None)
QUICK = dict(reps=2, min_time=0.002, icount_iters=1, tool_reps=1, tool_callgrind=["seeds"])


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def run(cmd, **kw):
    return subprocess.run([str(c) for c in cmd], check=True, **kw)


def sample_names():
    """The samples in the benchmark: those with a storage probe, bench/storage/<s>.cpp."""
    return sorted(p.stem for p in (ROOT / "bench" / "storage").glob("*.cpp"))


def parse_name(name):
    """<sample>/<case>/<kind>[/args] -> (sample, case, kind); case keeps the args."""
    parts = [p for p in name.split("/") if not RUNNER_PARTS.fullmatch(p)]
    at = [i for i, p in enumerate(parts) if p in KINDS]
    if len(at) != 1 or at[0] < 2:
        raise SystemExit(f"bench: benchmark '{name}' is not named <sample>/<case>/<kind>[/args] "
                         f"(kind one of {', '.join(KINDS)}; see bench/gradc_bench.hpp)")
    i = at[0]
    return parts[0], "/".join(parts[1:i] + parts[i + 1:]), parts[i]


# ---------------------------------------------------------------- building

def build(args):
    b = args.build_dir
    flags = ["-DCMAKE_BUILD_TYPE=Release", "-DCMAKE_CXX_FLAGS=-march=native",
             "-DCMAKE_CXX_FLAGS_RELEASE=-O3 -DNDEBUG", "-DGRADC_BUILD_TESTS=OFF"]
    gen = [] if (b / "CMakeCache.txt").exists() else ["-G", "Ninja"]
    log(f"configuring {b} (Release, -O3 -march=native)")
    run(["cmake", "-S", ROOT, "-B", b, *gen, *flags], stdout=subprocess.DEVNULL)
    targets = ["gradc"]
    for s in sample_names():
        targets += [f"{s}_bench", f"{s}_storage", f"{s}_bench_icount"]
    log(f"building {len(targets)} targets with -j{args.jobs}")
    run(["cmake", "--build", b, "-j", str(args.jobs), "--target", *targets])
    # gradc for callgrind: valgrind cannot run the -march=native (AVX-512) one.
    g = b / "gradc-generic"
    gen = [] if (g / "CMakeCache.txt").exists() else ["-G", "Ninja"]
    run(["cmake", "-S", ROOT, "-B", g, *gen, "-DCMAKE_BUILD_TYPE=Release", "-DGRADC_BUILD_TESTS=OFF",
         "-DGRADC_BUILD_SAMPLES=OFF"], stdout=subprocess.DEVNULL)
    run(["cmake", "--build", g, "-j", str(args.jobs), "--target", "gradc"])


def first_existing(*paths):
    for p in paths:
        if p.exists():
            return p
    return None


# ---------------------------------------------------------------- time

def time_sample(s, binary, raw, cfg):
    out = raw / f"time-{s}.json"
    cmd = [binary, f"--benchmark_out={out}", "--benchmark_out_format=json",
           f"--benchmark_repetitions={cfg['reps']}", f"--benchmark_min_time={cfg['min_time']}",
           "--benchmark_enable_random_interleaving=true", "--benchmark_report_aggregates_only=true"]
    with open(raw / f"time-{s}.log", "w") as console:
        run(cmd, stdout=console, stderr=subprocess.STDOUT)
    data = json.loads(out.read_text())
    rows = {}
    for b in data["benchmarks"]:
        agg = b.get("aggregate_name")
        if b.get("run_type") == "aggregate" and agg not in ("median", "cv"):
            continue
        sample, case, kind = parse_name(b["run_name"])
        if sample != s:
            raise SystemExit(f"bench: {binary.name} has benchmark '{b['run_name']}' not of sample {s}")
        r = rows.setdefault(case, {}).setdefault(kind, {})
        if agg == "cv":
            r["cv"] = b["cpu_time"]
            continue
        r["ns"] = b["cpu_time"] * UNIT_NS[b["time_unit"]]
        r["order"] = [b["family_index"], b["per_family_instance_index"]]  # as registered
        r["work_bytes"] = b.get("work_bytes", 0.0)
    for case, kinds in rows.items():
        missing = [k for k in KINDS if k not in kinds]
        if missing:
            raise SystemExit(f"bench: {s}/{case} has no {', '.join(missing)} benchmark")
    return rows, data["context"]


# ---------------------------------------------------------------- instructions

def callgrind_summary(path):
    for line in path.read_text(errors="replace").splitlines():
        if line.startswith("summary:"):
            return int(line.split()[1])
    raise SystemExit(f"bench: no summary line in {path}")


def icount_sample(s, binary, raw, n):
    """(case, kind) -> instructions per call."""
    counts = {}
    for iters in (n, 2 * n):
        d = raw / f"cg-{s}-{iters}"
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
        # Zero on entering the timed loop, dump on leaving it: one dump per benchmark.
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={d}/cg.out",
               "--zero-before=*State::StartKeepRunning*", "--dump-before=*State::FinishKeepRunning*",
               binary, "--benchmark_format=json", "--benchmark_min_warmup_time=0",
               "--benchmark_repetitions=1"]
        with open(d / "valgrind.log", "w") as err:
            p = run(cmd, env=dict(os.environ, GRADC_BENCH_ITERATIONS=str(iters)),
                    stdout=subprocess.PIPE, stderr=err, text=True)
        names = [b["run_name"] for b in json.loads(p.stdout)["benchmarks"]]
        dumps = sorted(d.glob("cg.out.*"), key=lambda f: int(f.suffix[1:]))
        if len(dumps) != len(names):
            raise SystemExit(f"bench: {len(dumps)} callgrind dumps for {len(names)} benchmarks in {d}")
        for name, dump in zip(names, dumps):
            _, case, kind = parse_name(name)
            counts.setdefault((case, kind), {})[iters] = callgrind_summary(dump)
    return {k: (v[2 * n] - v[n]) / n for k, v in counts.items()}


# ---------------------------------------------------------------- storage

def storage_sample(s, build_dir):
    """(case, kind) -> stack frame bytes of the out-of-line gradient, and
    (case, kind) -> bytes of the arrays it declares (bench/kept.py)."""
    src = (ROOT / "bench" / "storage" / f"{s}.cpp").read_text()
    keeps = re.findall(r"keep_(handwritten|gradc)_(\w+)\s*=\s*&([\w:]+)\s*;", src)
    su = sorted((build_dir / "bench" / "CMakeFiles" / f"{s}_storage.dir").rglob("*.su"))
    if not keeps or not su:
        raise SystemExit(f"bench: no storage probe for {s} (bench/storage/{s}.cpp, its .su in {build_dir})")
    entries = []
    for f in su:
        for line in f.read_text().splitlines():
            fields = line.split("\t")
            entries.append((fields[0].split(":", 3)[-1], int(fields[1])))
    frames, arrays = {}, {}
    sample = ROOT / "samples" / s
    sources = {"handwritten": sample / "handwritten.hpp",
               "gradc": build_dir / "bench" / "gradc" / s / "model.grad.hpp"}
    for kind, case, fn in keeps:
        arrays[(case, kind)] = kept_sample([sources[kind]], [sample / "model.hpp"], fn)
        pat = re.compile(r"(?:^|[\s*&])" + re.escape(fn) + r"\(")
        sizes = [b for sig, b in entries if pat.search(sig)]
        if len(sizes) != 1:
            raise SystemExit(f"bench: {len(sizes)} frames for {fn} in {s}'s .su files")
        frames[(case, kind)] = sizes[0]
    return frames, arrays


# ---------------------------------------------------------------- gradc's own speed

def child_cpu(cmd, reps):
    """Median CPU seconds (user + sys) and wall seconds of cmd over reps runs."""
    cpus, walls = [], []
    for _ in range(reps):
        with tempfile.TemporaryFile() as err:
            t0 = time.perf_counter()
            p = subprocess.Popen([str(c) for c in cmd], stdout=subprocess.DEVNULL, stderr=err)
            _, status, ru = os.wait4(p.pid, 0)
            walls.append(time.perf_counter() - t0)
            if status != 0:
                err.seek(0)
                raise SystemExit(f"bench: failed: {' '.join(map(str, cmd))}\n{err.read().decode()}")
        cpus.append(ru.ru_utime + ru.ru_stime)
    return statistics.median(cpus), statistics.median(walls)


# Inclusive instruction counts of these functions, from callgrind_annotate.
STAGES = [("rules", "lowerRule"), ("find", "findMarkedAndRules"), ("fence", "fence"),
          ("lower", "lowerFunction"), ("activity", "analyzeActivity"), ("reverse", "buildPullback"),
          ("cleanup", "cleanup"), ("emit", "emitFile")]


def annotate(path):
    """function name -> inclusive Ir, and the program total."""
    out = run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", path],
              stdout=subprocess.PIPE, text=True).stdout
    total, fns = None, {}
    for line in out.splitlines():
        m = re.match(r"^\s*([\d,]+)\s+(?:\([\d.]+%\)\s+)?(.*?)\s*$", line)
        if not m:
            continue
        ir, what = int(m.group(1).replace(",", "")), m.group(2)
        if what.startswith("PROGRAM TOTALS"):
            total = ir
            continue
        what = re.sub(r"\s+\[[^\]]*\]$", "", what)  # less " [object file]"
        fn = what.split(":", 1)[-1]                     # less "file:" (??? without debug info)
        fns[fn] = fns.get(fn, 0) + ir
    return total, fns


def incl(fns, pattern):
    pat = re.compile(pattern)
    return sum(ir for fn, ir in fns.items() if pat.search(fn))


def tool_sample(s, gradc, gradc_cg, clang, raw, cfg, do_callgrind):
    model = ROOT / "samples" / s / "model.cpp"
    flags = ["-std=c++17", f"-I{ROOT}/samples/{s}", f"-I{ROOT}/samples/common", f"-I{ROOT}/runtime/include"]
    out = raw / f"tool-{s}.grad.hpp"
    r = {"functions": len(re.findall(r"^\s*GRADC_GRAD", model.read_text(), re.M))}
    r["gradc_cpu"], r["gradc_wall"] = child_cpu([gradc, model, "-o", out, "--", *flags], cfg["tool_reps"])
    r["clang_cpu"], r["clang_wall"] = child_cpu(
        [clang, "-fsyntax-only", "-fparse-all-comments", "-D__GRADC__=1",
         "-include", ROOT / "templates" / "rules.hpp", *flags, model], cfg["tool_reps"])
    if do_callgrind:
        cg = raw / f"tool-{s}.callgrind"
        with open(raw / f"tool-{s}.valgrind.log", "w") as err:
            run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={cg}", gradc_cg, model, "-o", out,
                 "--", *flags], stderr=err, stdout=subprocess.DEVNULL)
        total, fns = annotate(cg)
        parse_all = incl(fns, r"^clang::ParseAST\(")
        consumer = incl(fns, r"^gradc::.*::HandleTranslationUnit\(")
        emit = incl(fns, r"^gradc::emitFile(\[[^\]]*\])?\(")
        if not (total and parse_all and consumer):
            raise SystemExit(f"bench: callgrind of gradc on {s}: no ParseAST or gradc consumer in {cg}")
        r["ir_total"] = total
        r["ir_parse"] = parse_all - consumer
        r["ir_passes"] = consumer + emit
        r["ir_other"] = total - r["ir_parse"] - r["ir_passes"]
        r["stages"] = {k: incl(fns, rf"^gradc::(\(anonymous namespace\)::)?{fn}(\[[^\]]*\])?\(") for k, fn in STAGES}
    return r


# ---------------------------------------------------------------- report

def fmt_ns(ns):
    for unit, scale in (("ns", 1), ("µs", 1e3), ("ms", 1e6)):
        if ns < 1000 * scale or unit == "ms":
            v = ns / scale
            return f"{v:.3g} {unit}" if v < 100 else f"{v:.0f} {unit}"


def fmt_int(v):
    return f"{v:,.0f}"


def fmt_ir(v):
    if v >= 1e6:
        return f"{v / 1e6:.3g} M"
    if v >= 1e4:
        return f"{v / 1e3:.3g} k"
    return f"{v:.0f}"


def ratio_cell(v, limit=None):
    return f"**{v:.2f}**" if limit is not None and v > limit else f"{v:.2f}"


def git(*a):
    try:
        return subprocess.run(["git", "-C", ROOT, *a], check=True, capture_output=True, text=True).stdout.strip()
    except (subprocess.CalledProcessError, FileNotFoundError):
        return ""


def compiler_version():
    try:
        return subprocess.run(["g++", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    except (FileNotFoundError, IndexError):
        return "g++ (unknown version)"


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def pass_fail(ok):
    return "pass" if ok else "**FAIL**"


def write_report(args, results):
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    rows, tools, cfg, loads = results["rows"], results["tools"], results["cfg"], results["loads"]
    md, dat = [], []
    mode = "`--quick`: a pipeline check, the numbers mean nothing" if results["quick"] else "full run"
    md += ["# gradc benchmarks", "",
           f"Written by `bash bench/run.sh` ({mode}) on {results['when']}, commit `{results['commit']}`"
           + (" with uncommitted changes in tool/, templates/, runtime/, samples/ or bench/"
              if results["dirty"] else "") + ".",
           f"{cpu_model()}, {os.cpu_count()} cores shared with other work (load average {loads[0]:.1f} "
           f"before, {loads[1]:.1f} after), {compiler_version()}, `-O3 -march=native`.", "",
           "Time is the median CPU time per call over "
           f"{cfg['reps']} repetitions of Google Benchmark ({cfg['min_time']} s each, randomly interleaved); "
           "±cv is the coefficient of variation of those repetitions. Instructions are counted by callgrind "
           f"(per call, the timed loop at {2 * cfg['icount_iters']} iterations minus at {cfg['icount_iters']}), "
           "from the same code built without AVX-512 (valgrind cannot run it): they do not move with the "
           "machine's load, so they are the number to trust when times disagree. Kept bytes: the arrays the "
           "gradient declares (what the reverse sweep keeps of the forward sweep, and its adjoint arrays; "
           "counted from the source the same way for both, bench/kept.py) plus any work buffer it is handed. "
           "Frame: the gradient's stack frame (`-fstack-usage`, built out of line), which adds the scalars "
           "and vector registers the compiler spills.", ""]

    # Per-case ratios and per-sample medians.
    flat = []
    for s in sorted(rows):
        for case in sorted(rows[s], key=lambda c: rows[s][c]["primal"]["order"]):
            k = rows[s][case]
            t = {kind: k[kind]["ns"] for kind in KINDS}
            ir = k.get("ir", {})
            kept = {kind: k[kind]["arrays"] + k[kind]["work_bytes"] for kind in ("handwritten", "gradc")}
            flat.append(dict(sample=s, case=case, t=t, cv=k, ir=ir, kept=kept,
                             gh=t["gradc"] / t["handwritten"], gp=t["gradc"] / t["primal"],
                             hp=t["handwritten"] / t["primal"],
                             igh=ir["gradc"] / ir["handwritten"] if ir else None,
                             igp=ir["gradc"] / ir["primal"] if ir else None))
    per_sample = {s: statistics.median(r["gh"] for r in flat if r["sample"] == s) for s in rows}
    med = statistics.median(per_sample.values())
    worst = max(flat, key=lambda r: r["gh"])
    worst_p = max(flat, key=lambda r: r["gp"])
    over = [r for r in flat if r["kept"]["gradc"] > r["kept"]["handwritten"]]
    have_ir = all(r["igh"] is not None for r in flat)
    md += ["## Targets (issue 7)", "",
           "| target | measured | result |", "|---|---|---|",
           f"| gradc / hand-written time, median over samples ≤ {TARGET_MEDIAN:.2f} | {med:.2f} | "
           f"{pass_fail(med <= TARGET_MEDIAN)} |",
           f"| gradc / hand-written time, every case ≤ {TARGET_MAX:.2f} | max {worst['gh']:.2f} "
           f"({worst['sample']}/{worst['case']}) | {pass_fail(worst['gh'] <= TARGET_MAX)} |",
           f"| gradient / primal time, every case ≤ {TARGET_PRIMAL:.0f} | max {worst_p['gp']:.2f} "
           f"({worst_p['sample']}/{worst_p['case']}) | {pass_fail(worst_p['gp'] <= TARGET_PRIMAL)} |",
           f"| bytes kept, gradc ≤ hand-written, every case | "
           + (", ".join(f"{r['sample']}/{r['case']} {fmt_int(r['kept']['gradc'])} > {fmt_int(r['kept']['handwritten'])}"
                        for r in over) or "none over")
           + f" | {pass_fail(not over)} |"]
    if have_ir:
        ips = {s: statistics.median(r["igh"] for r in flat if r["sample"] == s) for s in rows}
        iw = max(flat, key=lambda r: r["igh"])
        md += [f"| (instructions) gradc / hand-written, median over samples ≤ {TARGET_MEDIAN:.2f} | "
               f"{statistics.median(ips.values()):.2f} | {pass_fail(statistics.median(ips.values()) <= TARGET_MEDIAN)} |",
               f"| (instructions) gradc / hand-written, every case ≤ {TARGET_MAX:.2f} | max {iw['igh']:.2f} "
               f"({iw['sample']}/{iw['case']}) | {pass_fail(iw['igh'] <= TARGET_MAX)} |"]
    md += ["", "Per sample (median over its cases) gradc / hand-written time: "
           + ", ".join(f"{s} {v:.2f}" for s, v in sorted(per_sample.items())) + ".", ""]

    md += ["![gradc / hand-written and gradient / primal per case](bench.png)", "",
           "## Time and storage", "",
           "| sample | case | primal | hand-written | gradc | gradc / hand | gradc / primal | hand / primal "
           "| kept bytes hand | kept bytes gradc | frame hand | frame gradc |",
           "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in flat:
        cv = lambda kind: f" ±{100 * r['cv'][kind]['cv']:.0f}%" if "cv" in r["cv"][kind] else ""
        md.append(f"| {r['sample']} | {r['case']} | {fmt_ns(r['t']['primal'])}{cv('primal')} | "
                  f"{fmt_ns(r['t']['handwritten'])}{cv('handwritten')} | {fmt_ns(r['t']['gradc'])}{cv('gradc')} | "
                  f"{ratio_cell(r['gh'], TARGET_MAX)} | {ratio_cell(r['gp'], TARGET_PRIMAL)} | {r['hp']:.2f} | "
                  f"{fmt_int(r['kept']['handwritten'])} | {fmt_int(r['kept']['gradc'])} | "
                  f"{fmt_int(r['cv']['handwritten']['frame'])} | {fmt_int(r['cv']['gradc']['frame'])} |")
    worked = [r for r in flat if r['cv']['gradc']['work_bytes'] or r['cv']['handwritten']['work_bytes']]
    if worked:
        md += ["", "Of the kept bytes, work buffers: "
               + "; ".join(f"{r['sample']}/{r['case']} {fmt_int(r['cv']['handwritten']['work_bytes'])} / "
                           f"{fmt_int(r['cv']['gradc']['work_bytes'])}" for r in worked) + " (hand-written / gradc)."]
    md += [""]

    md += ["## Instructions per call (callgrind)", ""]
    if have_ir:
        md += ["| sample | case | primal | hand-written | gradc | gradc / hand | gradc / primal |",
               "|---|---|---:|---:|---:|---:|---:|"]
        for r in flat:
            md.append(f"| {r['sample']} | {r['case']} | {fmt_ir(r['ir']['primal'])} | {fmt_ir(r['ir']['handwritten'])} | "
                      f"{fmt_ir(r['ir']['gradc'])} | {ratio_cell(r['igh'], TARGET_MAX)} | {ratio_cell(r['igp'], TARGET_PRIMAL)} |")
    else:
        md.append("Not measured: valgrind is missing (`bash scripts/setup.sh` installs it).")
    md.append("")

    md += ["## gradc's own speed", "",
           "CPU time (median of "
           f"{cfg['tool_reps']}) of `gradc model.cpp -o … -- -std=c++17 -I…` against "
           "`clang++-19 -fsyntax-only` of the same file with the same flags and gradc's rules "
           "(`-include templates/rules.hpp`): that is Clang's share, the rest is gradc's. The instruction "
           "shares are from callgrind on gradc (built without `-march=native`): parse = `clang::ParseAST` "
           "less gradc's AST consumer; passes = the consumer (find, fence, rules, lower, activity, reverse, "
           "cleanup) plus `emitFile`; other = process start-up, loading libclang-cpp/libLLVM, the driver.", "",
           "| sample | marked functions | gradc | clang -fsyntax-only | parse Ir | passes Ir | other Ir "
           "| passes / (parse + passes) |",
           "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for s in sorted(tools):
        t = tools[s]
        if "ir_total" in t:
            tot = t["ir_total"]
            irs = (f"{fmt_ir(t['ir_parse'])} ({100 * t['ir_parse'] / tot:.0f}%) | "
                   f"{fmt_ir(t['ir_passes'])} ({100 * t['ir_passes'] / tot:.1f}%) | "
                   f"{fmt_ir(t['ir_other'])} ({100 * t['ir_other'] / tot:.0f}%) | "
                   f"{100 * t['ir_passes'] / (t['ir_parse'] + t['ir_passes']):.1f}%")
        else:
            irs = "— | — | — | —"
        md.append(f"| {s} | {t['functions']} | {1e3 * t['gradc_cpu']:.0f} ms | {1e3 * t['clang_cpu']:.0f} ms | {irs} |")
    tot_gradc = sum(t["gradc_cpu"] for t in tools.values())
    tot_wall = sum(t["gradc_wall"] for t in tools.values())
    md += ["", f"Generating all {len(tools)} samples, one gradc process each: {tot_gradc:.2f} s CPU, "
           f"{tot_wall:.2f} s wall (run one after another).", ""]
    staged = [s for s in sorted(tools) if "stages" in tools[s]]
    if staged:
        md += ["gradc's passes by stage (inclusive instructions; `rules` lowers the derivative rules):", "",
               "| sample | " + " | ".join(k for k, _ in STAGES) + " |",
               "|---|" + "---:|" * len(STAGES)]
        for s in staged:
            md.append(f"| {s} | " + " | ".join(fmt_ir(tools[s]["stages"][k]) for k, _ in STAGES) + " |")
        md.append("")

    notes = ROOT / "bench" / "where_the_time_goes.md"
    if notes.exists():
        md += [notes.read_text().rstrip(), ""]

    (out / "bench.md").write_text("\n".join(md))

    # The chart: one cluster per case.
    short = {"logistic_regression": "logistic", "softmax_regression": "softmax", "residual_block": "residual"}
    for r in flat:
        label = f"{short.get(r['sample'], r['sample'])}/{r['case']}".replace(" ", "")
        dat.append(f"\"{label}\" {r['gh']:.4f} {r['igh'] if have_ir else 0:.4f} {r['gp']:.4f} {r['hp']:.4f}")
    # The chart's data and script stay with the raw results: docs/ gets the PNG only.
    (args.raw / "bench.dat").write_text("\n".join(dat) + "\n")
    n = len(flat)
    top1 = 1.1 * max([TARGET_MAX] + [r["gh"] for r in flat] + [r["igh"] or 0 for r in flat])
    top2 = 1.1 * max([TARGET_PRIMAL] + [max(r["gp"], r["hp"]) for r in flat])
    gp = f"""set terminal pngcairo size 1400,900 font ",10"
set output '{out / "bench.png"}'
set termoption noenhanced
set datafile separator whitespace
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set grid ytics
set key outside right top vertical
set xrange [-0.6:{n - 0.4}]
set xtics rotate by -35 nomirror
set lmargin 8
set rmargin 22
set bmargin 7
set multiplot layout 2,1 title "gradc vs hand-written backprop, g++ -O3 -march=native ({'quick run' if results['quick'] else 'full run'})"
set title "generated / hand-written (target: median <= 1.00, each <= 1.15)"
set yrange [0:{top1:.2f}]
plot '{args.raw / "bench.dat"}' using 2:xtic(1) title 'time' lc rgb '#1f77b4', \\
     '' using 3 title 'instructions' lc rgb '#aec7e8', \\
     1.0 with lines dt 2 lw 2 lc rgb 'black' title '1.00', \\
     1.15 with lines lw 2 lc rgb 'red' title '1.15'
set title "gradient / primal time (target: each <= 3)"
set yrange [0:{top2:.2f}]
plot '{args.raw / "bench.dat"}' using 4:xtic(1) title 'gradc' lc rgb '#ff7f0e', \\
     '' using 5 title 'hand-written' lc rgb '#ffbb78', \\
     3.0 with lines lw 2 lc rgb 'red' title '3'
unset multiplot
"""
    (args.raw / "bench.gp").write_text(gp)
    run(["gnuplot", args.raw / "bench.gp"])
    return out / "bench.md", out / "bench.png"


NUMBER = re.compile(r"^\**([0-9][0-9,]*(?:\.[0-9]+)?)\**(?: (?:ns|µs|ms|s|k|M))?(?: ±[0-9]+%)?$")


def check_report(md_path, png_path, samples):
    """The table has a row per sample with finite positive numbers (kept bytes may be 0); the chart is a PNG."""
    problems = []
    lines = md_path.read_text().splitlines()
    try:
        start = lines.index("## Time and storage")
    except ValueError:
        return ["no '## Time and storage' section"]
    section = []
    for l in lines[start + 1:]:
        if l.startswith("## "):
            break
        section.append(l)
    table = [l for l in section if l.startswith("| ")][1:]  # less the header row
    seen = set()
    for row in table:
        cells = [c.strip() for c in row.strip("|").split("|")]
        seen.add(cells[0])
        for col, c in enumerate(cells[2:], 2):
            m = NUMBER.match(c)
            v = float(m.group(1).replace(",", "")) if m else float("nan")
            kept = col in (8, 9)  # a gradient may keep no array at all
            if not (math.isfinite(v) and (v >= 0 if kept else v > 0)):
                problems.append(f"not a finite {'' if kept else 'positive '}number: '{c}' in {row}")
    ir_start = lines.index("## Instructions per call (callgrind)") if "## Instructions per call (callgrind)" in lines else None
    if ir_start is None or not lines[ir_start + 2].startswith("| sample"):
        problems.append("no instruction-count table")
    for s in samples:
        if s not in seen:
            problems.append(f"no row for sample {s}")
    png = png_path.read_bytes() if png_path.exists() else b""
    if not png.startswith(b"\x89PNG") or len(png) < 1000:
        problems.append(f"{png_path} is not a PNG chart")
    return problems


def settle(seconds):
    """Waits up to `seconds` for the 1-minute load average to fall below 0.5
    (the build just above leaves it near the core count); returns it."""
    deadline = time.time() + seconds
    load = os.getloadavg()[0]
    if load >= 0.5 and seconds > 0:
        log(f"waiting up to {seconds} s for the load average ({load:.1f}) to fall below 0.5")
    while load >= 0.5 and time.time() < deadline:
        time.sleep(5)
        load = os.getloadavg()[0]
    return load


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="few iterations: checks the pipeline, not the speed")
    ap.add_argument("--build-dir", type=Path, default=ROOT / "build-bench")
    ap.add_argument("--no-build", action="store_true", help="use --build-dir as it is")
    ap.add_argument("--out", type=Path, help="where bench.md and bench.png go (default docs/, or "
                                             "<build-dir>/bench-quick with --quick)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--settle", type=int, default=None,
                    help="seconds to wait at most for the load average to fall below 0.5 before timing "
                         "(default 300, 0 with --quick): nanosecond cases move 20%% on a loaded machine")
    ap.add_argument("--report-only", action="store_true",
                    help="rewrite bench.md and bench.png from the last run's results (after editing "
                         "bench/where_the_time_goes.md)")
    args = ap.parse_args()
    args.build_dir = args.build_dir.resolve()
    args.out = (args.out or (args.build_dir / "bench-quick" if args.quick else ROOT / "docs")).resolve()
    cfg = QUICK if args.quick else FULL
    samples = sample_names()
    raw = args.build_dir / ("bench-results-quick" if args.quick else "bench-results")
    raw.mkdir(parents=True, exist_ok=True)
    args.raw = raw
    if args.report_only:
        return report(args, json.loads((raw / "results.json").read_text()), samples)

    if not args.no_build:
        build(args)
    b = args.build_dir
    load_before = settle(args.settle if args.settle is not None else (0 if args.quick else 300))

    rows, contexts, tools = {}, {}, {}
    have_valgrind = shutil.which("valgrind") is not None
    if not have_valgrind:
        log("valgrind not found: no instruction counts (bash scripts/setup.sh installs it)")
    for s in samples:
        binary = b / "samples" / s / f"{s}_bench"
        if not binary.exists():
            raise SystemExit(f"bench: {binary} is missing (build it, or drop --no-build)")
        log(f"{s}: timing")
        rows[s], contexts[s] = time_sample(s, binary, raw, cfg)
        frames, arrays = storage_sample(s, b)
        for case, kinds in rows[s].items():
            for kind in ("handwritten", "gradc"):
                key = (case.split("/")[0], kind)
                if key not in frames:
                    raise SystemExit(f"bench: no keep_{kind}_{key[0]} in bench/storage/{s}.cpp")
                kinds[kind]["frame"] = frames[key]
                kinds[kind]["arrays"] = arrays[key]
        if have_valgrind:
            ibin = first_existing(b / "bench" / f"{s}_bench_icount", binary)
            log(f"{s}: counting instructions ({ibin.name})")
            for (case, kind), ir in icount_sample(s, ibin, raw, cfg["icount_iters"]).items():
                rows[s][case].setdefault("ir", {})[kind] = ir

    gradc = b / "tool" / "gradc"
    gradc_cg = first_existing(b / "gradc-generic" / "tool" / "gradc", gradc)
    clang = shutil.which("clang++-19") or shutil.which("clang++")
    for s in samples:
        do_cg = have_valgrind and (cfg["tool_callgrind"] is None or s in cfg["tool_callgrind"])
        log(f"{s}: gradc's own speed" + (" (and callgrind)" if do_cg else ""))
        tools[s] = tool_sample(s, gradc, gradc_cg, clang, raw, cfg, do_cg)

    dirty = git("status", "--porcelain", "--", "tool", "templates", "runtime", "samples", "bench")
    results = {"rows": rows, "tools": tools, "contexts": contexts, "cfg": cfg, "quick": args.quick,
               "when": time.strftime("%Y-%m-%d %H:%M"), "commit": git("rev-parse", "--short", "HEAD") or "?",
               "dirty": bool(dirty), "loads": [load_before, os.getloadavg()[0]]}
    (raw / "results.json").write_text(json.dumps(results, indent=1))
    return report(args, results, samples)


def report(args, results, samples):
    md, png = write_report(args, results)
    log(f"wrote {md} and {png}")
    problems = check_report(md, png, samples)
    if problems:
        for p in problems:
            log(f"check: {p}")
        return 1
    log(f"check: a row per sample ({len(samples)}), every number finite and positive (kept bytes not negative), chart written")
    print(md.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
