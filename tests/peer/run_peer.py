#!/usr/bin/env python3
"""Peer-style corpus runner (gradc issue 23): run_peer.py <gradc> <c++> [options].

Each corpus file (tests/peer/*.cpp) is a preamble, then blocks that each start
with a line `// @@ <point>` and hold one marked function (and its own helpers).
Every block is split into a file of its own (preamble + block), so one
rejection hides nothing, and run through gradc. If gradc succeeds, a generated
main compiles the gradient with the original and checks every partial against
central differences (peer_check.hpp). Each function ends up as:
  ok        gradient matches central differences
  rejected  gradc refused it with a diagnostic (file:line:col)
  WRONG     gradient mismatch: a gradc bug
  crash     gradc or the checked program crashed, or gradc failed without output
  no-compile the generated header (with the check main) does not compile
The point is `;`-separated, one value per parameter in order: `[a, b]` is an
array (a pointer or array parameter), anything else is one value (a pointer
parameter then points at it). Exit status: non-zero if any function is WRONG,
crash or no-compile, or a rejection has no source location.
"""
import argparse
import collections
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RUNTIME = os.path.join(ROOT, "runtime", "include")

MARKER = re.compile(r"\bGRADC_GRAD(?:_WRT\s*\([^)]*\))?")
ERROR = re.compile(r"^(\S+?):(\d+):(\d+): error: (.*)$")


def split_top(text, sep):
    """Splits text at sep outside (), [], {}, <>."""
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "([{<":
            depth += 1
        elif ch in ")]}>":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    if "".join(cur).strip():
        parts.append("".join(cur))
    return [p.strip() for p in parts]


def paren_body(text, open_at):
    """The text inside the parentheses opening at open_at."""
    depth = 0
    for i in range(open_at, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return text[open_at + 1:i]
    raise ValueError("unbalanced parentheses")


def param_name(param):
    param = param.split("=")[0].strip()
    param = re.sub(r"\[[^\]]*\]\s*$", "", param).strip()
    m = re.search(r"(\w+)\s*$", param)
    return m.group(1) if m else ""


class Fn:
    def __init__(self, corpus, preamble, block, line):
        self.corpus, self.line = corpus, line
        head, _, body = block.partition("\n")
        opts = head[len("// @@"):].split("|")
        self.point = split_top(opts[0], ";")
        self.ns, self.float_tol = "", False
        for o in opts[1:]:
            k, _, v = o.strip().partition("=")
            if k == "ns":
                self.ns = v.strip() + "::"
            elif k == "float":  # computes in float inside: float tolerances
                self.float_tol = True
        self.source = preamble + "\n" + block
        m = MARKER.search(block)
        if not m:
            raise ValueError(f"{corpus}:{line}: block without a GRADC_GRAD marker")
        call = re.compile(r"(operator\s*\(\s*\)|\w+)\s*\(").search(block, m.end())
        self.name = re.sub(r"\s", "", call.group(1))
        self.return_type = block[m.end():call.start()]
        # A marked member function (indented, after its class's head) is named C::f.
        owner = re.findall(r"(?:struct|class)\s+(\w+)", block[:m.start()])
        line_start = block.rfind("\n", 0, m.start()) + 1
        if owner and block[line_start:m.start()].strip() == "" and m.start() > line_start:
            self.name = owner[-1] + "::" + self.name
        self.params = split_top(paren_body(block, call.end() - 1), ",")
        if len(self.point) != len(self.params):
            raise ValueError(f"{corpus}:{line}: {self.name} has {len(self.params)} parameters, "
                             f"the point {len(self.point)} values")
        self.status, self.detail, self.named = "", "", True


def load(path):
    text = open(path).read()
    pieces = re.split(r"(?m)^(?=// @@)", text)
    preamble, fns, line = pieces[0], [], pieces[0].count("\n") + 1
    stem = os.path.splitext(os.path.basename(path))[0]
    # The preamble's line count is kept so diagnostics map back to the corpus.
    for block in pieces[1:]:
        fn = Fn(stem, preamble, block, line)
        fn.offset = line - (preamble.count("\n") + 2)
        fns.append(fn)
        line += block.count("\n")
    return fns


def parse_signature(header, name, suffix):
    m = re.search(r"^inline\s+(.+?)\s+" + re.escape(name + suffix) + r"\s*\(", header, re.M)
    if not m:
        return None
    # Unused parameters are printed as `double /*y*/`: keep the name.
    params = split_top(paren_body(header, m.end() - 1), ",")
    return m.group(1), [re.sub(r"/\*\s*(\w+)\s*\*/", r"\1", p) for p in params]


def strip_quals(t):
    t = re.sub(r"\b(GRADC_RESTRICT|__restrict|restrict)\b", "", t)
    return re.sub(r"\s+", " ", t).strip()


def member(ptype, pname, value):
    """(declaration in the parameter struct, how f's argument is spelled, writable)."""
    t = strip_quals(ptype)
    t = re.sub(r"\b" + re.escape(pname) + r"\b", "", t).strip()
    arr = re.search(r"\[(\d*)\]\s*$", t)
    is_const = t.startswith("const ") or " const" in t
    base = re.sub(r"\bconst\b", "", t)
    base = re.sub(r"\[\d*\]\s*$", "", base).strip()
    ref = base.endswith("&")
    ptr = base.endswith("*") or arr is not None
    base = base.rstrip("&*").strip()
    writable = (ptr or ref) and not is_const
    if value.startswith("["):
        n = len(split_top(value[1:-1], ","))
        return f"{base} {pname}[{n}]", "{q}." + pname, writable, True
    if ptr:
        return f"{base} {pname}", "&{q}." + pname, writable, False
    return f"{base} {pname}", "{q}." + pname, writable, False


def make_main(fn, header):
    # A member function C::f has C_f_grad (C_call_grad for operator()); unless
    # static, it takes the object first (`const C& self`) and, after the
    # parameters, its members' adjoints (`C* d_self`, not checked here:
    # tests/lit/numeric/member_functions.cpp checks them).
    owner, _, method = fn.name.rpartition("::")
    gen = owner + "_" + ("call" if method == "operator()" else method) if owner else fn.name
    grad = parse_signature(header, gen, "_grad")
    kind = "grad"
    if grad is None:
        grad, kind = parse_signature(header, gen, "_pullback"), "pullback"
    if grad is None:
        raise ValueError("no f_grad or f_pullback in the generated header")
    _, gparams = grad
    has_self = bool(owner) and bool(gparams) and param_name(gparams[0]) == "self"
    if has_self:
        gparams = gparams[1:]
    n = len(fn.params)
    ptypes, rest = gparams[:n], gparams[n:]
    if kind == "pullback" and fn_returns(fn, header):
        rest = rest[1:]
    has_d_self = has_self and bool(rest) and param_name(rest[0]) == "d_self"
    if has_d_self:
        rest = rest[1:]
    work = bool(rest) and rest[-1].endswith("work_bytes")
    adjoints = [param_name(p) for p in (rest[:-2] if work else rest)]
    names = [param_name(p) for p in ptypes]
    decls, args, values, active, mutable, is_arr = [], [], [], [], [], {}
    for p, nm, v in zip(ptypes, names, fn.point):
        d, a, w, arr = member(p, nm, v)
        decls.append(d)
        args.append(a)
        values.append("{" + v[1:-1] + "}" if v.startswith("[") else v)
        is_arr[nm] = arr
        if "d_" + nm in adjoints:
            active.append(nm)
            if w:
                mutable.append(nm)
    call_args = lambda q: ", ".join(a.format(q=q) for a in args)
    adj_args = ", ".join(("d." if is_arr[a[2:]] else "&d.") + a[2:] for a in adjoints)
    f, gf, self_args, d_self_arg = fn.ns + fn.name, fn.ns + gen, "", ""
    if has_self:  # the object, default-constructed (the corpus's classes initialize their members)
        f = "obj" if method == "operator()" else "obj." + method
        self_args, d_self_arg = "obj, ", "&d_self, " if has_d_self else ""
    # P holds one value per parameter: base is the point, d the adjoints
    # (seeds in the writable ones), g the arguments f_grad runs on.
    L = ["#define PEER_FLOAT_TOL 1"] if fn.float_tol else []
    L += ['#include <cstring>', '#include "peer_check.hpp"', '#include "src.cpp"', '#include "grad.hpp"', "namespace {", "struct P {"]
    L += [f"  {d};" for d in decls] + ["};", "}  // namespace", "int main() {"]
    if has_self:
        L += [f"  {fn.ns}{owner} obj{{}};", f"  {fn.ns}{owner} d_self;", "  std::memset(&d_self, 0, sizeof d_self);"]
    L += ["  P base{" + ", ".join(values) + "};", "  std::vector<peercheck::Ref> xs, ds, gs;"]
    L += [f"  peercheck::collect(base.{a}, xs);" for a in active]
    L += ["  P d = base;"] + [f"  peercheck::collect(d.{a}, gs);" for a in active]
    L += ["  for (auto& r : gs) r.set(0.0);"]
    L += [f"  peercheck::collect(d.{a}, ds);" for a in mutable]
    L += ["  std::vector<double> seeds;",
          "  for (std::size_t k = 0; k < ds.size(); ++k) {",
          "    double s = (0.5 + 0.25 * double((k * 7) % 5)) * (k % 2 ? -1.0 : 1.0);",
          "    ds[k].set(s);", "    seeds.push_back(ds[k].get());", "  }"]
    returns = fn_returns(fn, header)
    L += ["  auto phi = [&]() -> double {", "    P q = base;"]
    L += [f"    double r = static_cast<double>({f}({call_args('q')}));" if returns
          else f"    double r = 0.0; {f}({call_args('q')});"]
    L += ["    std::vector<peercheck::Ref> fin;"] + [f"    peercheck::collect(q.{a}, fin);" for a in mutable]
    L += ["    for (std::size_t k = 0; k < fin.size(); ++k) r += seeds[k] * fin[k].get();", "    return r;", "  };"]
    L += ["  P g = base;"]
    tail = ""
    if work:
        wb = parse_signature(header, gen, "_grad_work_bytes")
        wargs = ", ".join("g." + param_name(p) for p in wb[1]) if wb else ""
        L += [f"  std::size_t wb = {gf}_grad_work_bytes({wargs});",
              "  std::vector<double> work(wb / sizeof(double) + 1);"]
        tail = ", work.data(), wb"
    value = kind == "grad" and returns
    if kind == "grad":
        call = f"{gf}_grad({self_args}{call_args('g')}, {d_self_arg}{adj_args}{tail})"
        L += [f"  double value = static_cast<double>({call});" if value else f"  {call};"]
    else:
        seed = "1, " if returns else ""
        L += [f"  {gf}_pullback({self_args}{call_args('g')}, {seed}{d_self_arg}{adj_args}{tail});"]
    L += ["  std::vector<double> grads;", "  for (auto& r : gs) grads.push_back(r.get());", "  bool ok = true;"]
    if value:
        L += ["  { P q = base;", f"    ok = peercheck::samePrimal(\"{fn.name}\", value, static_cast<double>({f}({call_args('q')}))); }}"]
    L += [f"  auto res = peercheck::compare(\"{fn.name}\", xs, grads, phi);",
          f"  std::printf(\"PEER {fn.name} partials=%d kinks=%d failed=%d\\n\", res.partials, res.kinks, res.failed);",
          "  return ok && res.failed == 0 ? 0 : 1;", "}"]
    return "\n".join(L) + "\n"


def fn_returns(fn, header):
    """Whether f returns a value: its return type, read from the source, is not void."""
    return not re.search(r"\bvoid\b", fn.return_type)


def workdir_of(fn, args):
    return os.path.join(args.workdir, re.sub(r"\W", "_", f"{fn.corpus}.{fn.name}"))


def run_one(fn, args):
    wd = workdir_of(fn, args)
    shutil.rmtree(wd, ignore_errors=True)
    os.makedirs(wd)
    with open(os.path.join(wd, "src.cpp"), "w") as f:
        f.write(fn.source)
    flags = ["-std=c++17", "-I" + RUNTIME, "-I" + HERE]
    try:
        p = subprocess.run([args.gradc, "src.cpp", "-o", "grad.hpp", "--"] + flags, cwd=wd,
                           capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        fn.status, fn.detail = "crash", "gradc timed out"
        return fn
    out = os.path.join(wd, "grad.hpp")
    if p.returncode != 0:
        first = next((l for l in p.stderr.splitlines() if " error: " in l), "")
        m = ERROR.match(first)
        if p.returncode < 0 or p.returncode >= 128 or "Stack dump" in p.stderr:
            fn.status, fn.detail = "crash", f"gradc exit {p.returncode}: {first or p.stderr[-300:]}"
        elif os.path.exists(out):
            fn.status, fn.detail = "crash", "gradc failed but left an output file"
        elif not m:
            fn.status, fn.detail = "rejected", "(no location) " + (first or p.stderr.strip()[:200])
            fn.located = False
        else:
            fn.status, fn.detail = "rejected", m.group(4)
            fn.where = int(m.group(2)) + fn.offset
            fn.named = bool(CONSTRUCT.search(m.group(4)))
        return fn
    if not os.path.exists(out):
        fn.status, fn.detail = "crash", "gradc exited 0 without an output file"
        return fn
    try:
        main = make_main(fn, open(out).read())
    except (ValueError, IndexError, TypeError) as e:
        fn.status, fn.detail = "no-compile", f"runner could not call the gradient: {e}"
        return fn
    with open(os.path.join(wd, "main.cpp"), "w") as f:
        f.write(main)
    c = subprocess.run([args.cxx, "-O1", "-w", "-o", "check", "main.cpp"] + flags, cwd=wd,
                       capture_output=True, text=True)
    if c.returncode != 0:
        first = next((l for l in c.stderr.splitlines() if "error" in l), c.stderr[:200])
        fn.status, fn.detail = "no-compile", first.strip()
        return fn
    try:
        r = subprocess.run(["./check"], cwd=wd, capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        fn.status, fn.detail = "crash", "check timed out"
        return fn
    if r.returncode == 0:
        fn.status, fn.detail = "ok", r.stdout.strip().splitlines()[-1] if r.stdout.strip() else ""
        if " kinks=0 " not in fn.detail + " " and "partials=" in fn.detail:
            fn.detail += "  (some partials on a kink, skipped)"
    elif r.returncode == 1:
        fn.status = "WRONG"
        fn.detail = "; ".join(l for l in r.stdout.splitlines() if l.startswith("FAIL"))[:400]
    else:
        fn.status, fn.detail = "crash", f"check exit {r.returncode}: {r.stderr[-200:]}"
    return fn


ADVICE = re.compile(r"^(declare|write|or |the reverse|a pointer into|make|take|move|use|mark|index|rewrite)")
CONSTRUCT = re.compile(r"'|loop|assignment|increment|pointer|reference|member|call|struct|class|global|"
                       r"array|goto|switch|lambda|recursi|operator|object|type|variable|label", re.I)


# Quoted keywords name the construct and stay; other quoted text (names, code) goes.
KEYWORDS = {"switch", "goto", "while", "do", "for", "new", "delete", "try", "throw", "asm", "{}", "this",
            "static", "volatile", "union", "virtual", "typeid", "dynamic_cast", "reinterpret_cast"}


def cause_key(msg):
    """A rejection's cause: the message without its advice, quoted names elided."""
    out, depth, group = [], 0, []
    keep = lambda m: m.group(0) if m.group(1) in KEYWORDS else "'…'"
    for ch in re.sub(r"'([^']*)'", keep, msg):
        if ch == "(":
            depth += 1
            if depth == 1:
                group = []
                continue
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                g = "".join(group).strip()
                if not ADVICE.match(g):
                    out.append("(" + re.split(r";|: ", g)[0] + ")")
                continue
        (group if depth else out).append(ch)
    what = re.split(r";", "".join(out))[0]
    what = re.sub(r" is not supported in a differentiated function yet", " (not supported)", what)
    return re.sub(r"\s+", " ", what).strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gradc")
    ap.add_argument("cxx")
    ap.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "gradc-peer"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", default="", help="run functions whose name contains this")
    ap.add_argument("--list", action="store_true", help="print every function's result")
    ap.add_argument("files", nargs="*")
    args = ap.parse_intermixed_args()
    args.gradc, args.workdir = os.path.abspath(args.gradc), os.path.abspath(args.workdir)
    files = args.files or sorted(os.path.join(HERE, f) for f in os.listdir(HERE) if f.endswith(".cpp"))
    fns = [fn for path in files for fn in load(path) if args.only in fn.name]
    seen = collections.Counter(f"{fn.corpus}.{fn.name}" for fn in fns)
    dup = [k for k, v in seen.items() if v > 1]
    if dup:
        sys.exit(f"duplicate function names: {dup}")
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        list(pool.map(lambda fn: run_one(fn, args), fns))

    kinds = ["ok", "rejected", "WRONG", "crash", "no-compile"]
    print(f"{'corpus':<22}" + "".join(f"{k:>11}" for k in kinds) + f"{'total':>8}")
    by = collections.defaultdict(collections.Counter)
    for fn in fns:
        by[fn.corpus][fn.status] += 1
        by["(all)"][fn.status] += 1
    for corpus in sorted(k for k in by if k != "(all)") + ["(all)"]:
        c = by[corpus]
        print(f"{corpus:<22}" + "".join(f"{c[k]:>11}" for k in kinds) + f"{sum(c.values()):>8}")
    total, ok = len(fns), by["(all)"]["ok"]
    print(f"\nrate: {ok}/{total} = {100.0 * ok / max(total, 1):.1f}% go through")

    causes = collections.defaultdict(list)
    for fn in fns:
        if fn.status == "rejected":
            causes[cause_key(fn.detail)].append(fn)
    print(f"\nrejection causes ({sum(len(v) for v in causes.values())} functions), most frequent first:")
    for key, group in sorted(causes.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        names = ", ".join(f"{fn.corpus}.{fn.name}" for fn in group)
        print(f"  {len(group):3}  {key}\n       {names}")
    unnamed = [fn for fn in fns if fn.status == "rejected" and not fn.named]
    if unnamed:
        print("\nrejections that name no construct: " + ", ".join(fn.name for fn in unnamed))
    bad = [fn for fn in fns if fn.status in ("WRONG", "crash", "no-compile")]
    unlocated = [fn for fn in fns if getattr(fn, "located", True) is False]
    for fn in bad + unlocated:
        print(f"\n*** {fn.status.upper()} {fn.corpus}.{fn.name} (tests/peer/{fn.corpus}.cpp:{fn.line}): {fn.detail}"
              f"\n    reproduce: {args.gradc} {workdir_of(fn, args)}/src.cpp -o - -- -std=c++17"
              f" -I{RUNTIME} -I{HERE}; then compile main.cpp beside it")
    if args.list:
        print("\nper function:")
        for fn in fns:
            print(f"  {fn.status:<10} {fn.corpus}.{fn.name}: {fn.detail}")
    return 1 if bad or unlocated else 0


if __name__ == "__main__":
    sys.exit(main())
