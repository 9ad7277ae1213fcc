#!/usr/bin/env python3
"""Differential fuzzer for gradc: random programs, gradc's reverse mode against
forward-mode dual numbers and central differences.

    run_fuzz.py <gradc> <cxx> [--count N] [--seed S] [--long] [-j J]
                [--per-program K] [--workdir DIR] [--no-minimize]
                [--minimize-seconds T] [--no-workarounds] [--workarounds FLAGS]
                [--gradc-prefix CMD] [--stop-after SECONDS]
                [--cxxflags FLAGS]

Generates ceil(N / K) programs of K functions each (gen.py; program i has
seed S + i), and for each: runs gradc, compiles the generated gradients, the
original functions, their dual-number reference and a generated main with
<cxx> (-std=c++17 -O1 -Wall -Wextra -Werror -fno-exceptions -fno-rtti), runs
it and reads its verdicts (check.hpp). A program fails on any mismatch, a
gradc crash (exit status other than 0/1, or a signal), a gradc rejection (all
generated programs are in the supported subset), a compile error or warning,
or a crash of the checks. For each failing function a greedy minimizer
(statement deletion, branch flattening, parameter removal, expression
shrinking) writes a small reproducer to <workdir>/repro-<seed>-<fn>/.

Prints one line per program and a final "N passed, M failed" (programs);
exits 1 if any failed.
"""

import argparse
import concurrent.futures
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import gen  # noqa: E402
from fz_minimize import culprits, minimize  # noqa: E402

RUNTIME_INC = os.path.join(ROOT, 'runtime', 'include')
CXXFLAGS = ['-std=c++17', '-O1', '-Wall', '-Wextra', '-Werror', '-fno-exceptions', '-fno-rtti']

print_lock = threading.Lock()
GRADC_PREFIX = []  # --gradc-prefix: e.g. valgrind, to see memory errors that do not crash
EXTRA_CXXFLAGS = []  # --cxxflags: e.g. -fsanitize=address,undefined for the generated code


def gradc_flags(prog):
    """The options gen.py chose for this program's gradc runs."""
    flags = []
    if getattr(prog, 'frame_limit', None):
        flags.append('--frame-limit=%d' % prog.frame_limit)
    if getattr(prog, 'pack_above', None) is not None:
        flags.append('--pack-directions-above=%d' % prog.pack_above)
    return flags


def say(*a):
    with print_lock:
        print(*a, flush=True)


class Outcome:
    """What happened to one program."""

    def __init__(self, kind, detail='', fails=(), stats=''):
        self.kind = kind  # ok gradc-reject gradc-crash gradc-timeout nondeterministic compile compile-harness
        # run-crash mismatch
        self.detail = detail
        self.fails = list(fails)  # parsed FAIL lines: dicts
        self.stats = stats
        self.features = []  # per function: what of fz_lib.py it uses
        self.fwd_rejects = []  # forward markers gradc rejected (fz_forward.py): 'f3 hessian: message'
        self.c99 = None  # the C99 pass (fz_c99.py): {'functions', 'checked', 'reject'}

    @property
    def ok(self):
        return self.kind == 'ok'


FAIL_RE = re.compile(r'^FAIL (\S+) fn=(\S+) pt=(\d+) param=(\S+) (.*)$')


def run(cmd, cwd, timeout):
    for attempt in range(20):
        try:
            p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout,
                               universal_newlines=True, errors='replace')
            return p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired:
            return None, '', 'timeout after %ds' % timeout
        except OSError as e:
            # The executable is being rebuilt (missing, not yet executable,
            # or busy): wait for the build to finish.
            if attempt == 19:
                raise
            say('cannot run %s (%s): retrying in 15 s' % (cmd[0], e))
            time.sleep(15)


def evaluate(gradc, cxx, prog, d, fns=None, checked=None, gradc_tries=1):
    """Generate, differentiate, compile and run; return an Outcome.

    gradc_tries > 1 reruns gradc until it crashes (a crash that depends on
    memory layout does not happen on every run)."""
    if os.path.isdir(d):
        shutil.rmtree(d)
    gen.write_program(prog, d, fns)
    outputs = set()
    for k in range(max(2, gradc_tries)):
        # Every run must write the same header: gradc's output may depend
        # only on its input (heap addresses differ from run to run).
        hdr = 'prog.grad.hpp' if k == 0 else 'prog.grad%d.hpp' % k
        rc, out, err = run(GRADC_PREFIX + [gradc] + gradc_flags(prog) + ['prog.cpp', '-o', hdr, '--', '-std=c++17',
                                           '-I' + RUNTIME_INC], d, 600 if GRADC_PREFIX else 120)
        if rc is None or rc < 0 or rc > 1:
            break
        if rc == 0:
            with open(os.path.join(d, hdr)) as f:
                outputs.add(f.read())
        if len(outputs) > 1:
            return Outcome('nondeterministic', 'two runs of gradc wrote different headers: diff %s %s' % (
                os.path.join(d, 'prog.grad.hpp'), os.path.join(d, hdr)))
    if rc is None:
        return Outcome('gradc-timeout', err)
    rejected = fwd_rejected(prog, d, err) if rc == 1 else []
    if rejected:
        # The forward stage's rejection of a shape it does not take is fine
        # (fz_forward.py): mark those functions GRADC_GRAD and run again.
        o = evaluate(gradc, cxx, prog, d, fns, checked, gradc_tries)
        o.fwd_rejects = rejected + o.fwd_rejects
        return o
    if rc == 1:
        return Outcome('gradc-reject', err.strip())
    if rc != 0:
        how = 'signal %d' % -rc if rc < 0 else 'exit status %d' % rc
        return Outcome('gradc-crash', '%s\n%s' % (how, err.strip()[-3000:]))
    with open(os.path.join(d, 'prog.grad.hpp')) as f:
        header = f.read()
    work = gen.work_functions(header)
    c99, cnotes = c99_stage(gradc, cxx, prog, d, fns)
    if isinstance(c99, Outcome):
        return c99
    gen.write_main(prog, d, fns, checked, work, gen.forward_types(header), c99)
    command = [cxx] + CXXFLAGS + EXTRA_CXXFLAGS + ['-I' + RUNTIME_INC, '-I' + HERE, '-I.', 'main.cpp'] + (
        ['fzc.o'] if c99 else []) + ['-o', 'main', '-lm']
    rc, out, err = run(command, d, 600)
    if rc != 0 and re.search(r'prog\.cpp:\d+:\d+: error: .* may be used uninitialized', out + err):
        # g++ 12's -Wmaybe-uninitialized fires on the generated *source* too
        # (a `double a[6] = {};` read in a loop, seed 100022): a compiler false
        # positive, not gradc's. gradc's def-before-use check covers its own
        # output; compile this program again without the warning.
        rc, out, err = run(command + ['-Wno-maybe-uninitialized'], d, 600)
    if rc != 0:
        text = (out + err).strip()
        # An error or warning located in gradc's output is a gradc bug;
        # anywhere else it is a bug of this fuzzer.
        kind = 'compile' if re.search(r'prog\.grad\.hpp:\d+', text) else 'compile-harness'
        return Outcome(kind, text[:6000])
    rc, out, err = run([os.path.join(d, 'main')], d, 120)
    fails = []
    stats = ''
    for line in out.splitlines():
        m = FAIL_RE.match(line)
        if m:
            fails.append({'kind': m.group(1), 'fn': m.group(2), 'pt': int(m.group(3)), 'param': m.group(4),
                          'rest': m.group(5), 'line': line})
        elif line.startswith('fuzz:'):
            stats = line
    if rc is None or rc < 0 or (rc != 0 and not fails):
        return Outcome('run-crash', 'exit %s\n%s%s' % (rc, out[-3000:], err[-3000:]), fails, stats)
    if fails:
        o = Outcome('mismatch', '', fails, stats)
    else:
        o = Outcome('ok', stats=stats)
    o.c99 = cnotes
    return o


def c99_stage(gradc, cxx, prog, d, fns):
    """gradc --emit=c99 on the program's C functions (fz_c99.py), their C header
    compiled as C99, and wrappers for main.cpp: ({function: wrapped kinds}, notes)
    or (an Outcome, None) when gradc crashes or the C header does not compile."""
    from fz_c99 import c_functions, render_c_src, wrappers, c_compiler
    cfns = c_functions(prog, gen.closure(prog.functions if fns is None else fns))
    notes = {'functions': len(cfns), 'checked': 0, 'reject': ''}
    if not cfns:
        return {}, notes
    with open(os.path.join(d, 'prog_c.cpp'), 'w') as f:
        f.write(render_c_src(prog, cfns))
    rc, out, err = run(GRADC_PREFIX + [gradc] + gradc_flags(prog) + ['prog_c.cpp', '--emit=c99', '-o', 'prog_c.h', '--', '-std=c++17',
                                       '-I' + RUNTIME_INC], d, 600 if GRADC_PREFIX else 120)
    if rc is None or rc < 0 or rc > 1:
        return Outcome('gradc-crash', 'gradc --emit=c99 prog_c.cpp: exit %s\n%s' % (rc, err.strip()[-3000:])), None
    if rc == 1:
        notes['reject'] = err.strip()
        return {}, notes
    with open(os.path.join(d, 'prog_c.h')) as f:
        ctext, htext, done = wrappers(f.read(), {f.name for f in cfns})
    with open(os.path.join(d, 'fzc.c'), 'w') as f:
        f.write(ctext)
    with open(os.path.join(d, 'fzc.hpp'), 'w') as f:
        f.write(htext)
    cc = c_compiler(cxx)
    rc, out, err = run([cc, '-std=c99', '-pedantic', '-Wall', '-Wextra', '-Werror', '-O1'] + EXTRA_CXXFLAGS +
                       ['-I' + RUNTIME_INC, '-I.', '-c', 'fzc.c', '-o', 'fzc.o'], d, 600)
    if rc != 0:
        text = (out + err).strip()
        kind = 'c99-compile' if re.search(r'prog_c\.h:\d+', text) else 'compile-harness'
        return Outcome(kind, text[:6000]), None
    notes['checked'] = len(done)
    return done, notes


def fwd_rejected(prog, d, err):
    """If gradc's errors are all at GRADC_JACOBIAN / GRADC_HESSIAN markers
    (fz_forward.py): those functions lose their forward marker, and the list
    of 'function kind: message' is returned; else []."""
    with open(os.path.join(d, 'prog.cpp')) as f:
        lines = f.read().split('\n')
    hit = []
    for ln, msg in re.findall(r'prog\.cpp:(\d+):\d+: error: (.*)', err):
        text = lines[int(ln) - 1] if 0 < int(ln) <= len(lines) else ''
        m = re.match(r'GRADC_(JACOBIAN|HESSIAN)', text.strip())
        nxt = ' '.join(lines[int(ln):int(ln) + 2])
        fn = next((f for f in prog.functions if getattr(f, 'fwd', None) and re.search(r'\b%s\(' % f.name, nxt)), None)
        if not m or fn is None:
            return []
        hit.append((fn, msg))
    out = []
    for fn, msg in hit:
        if fn.fwd:
            out.append('%s %s: %s' % (fn.name, fn.fwd, msg))
            fn.features.discard('fwd-' + fn.fwd)
            fn.fwd = None
    return out


# ---- driver ------------------------------------------------------------------------------------

def describe(outcome):
    if outcome.kind == 'mismatch':
        return '\n'.join(f['line'] for f in outcome.fails[:12]) + (
            '\n... %d more' % (len(outcome.fails) - 12) if len(outcome.fails) > 12 else '')
    return outcome.detail


def write_repro(d, seed, fn_name, outcome, cxx, flags):
    cmd = ('gradc %sprog.cpp -o prog.grad.hpp -- -std=c++17 -I%s\n%s %s -I%s -I%s -I. main.cpp -o main -lm && ./main'
           % (''.join(f + ' ' for f in flags), RUNTIME_INC, cxx, ' '.join(CXXFLAGS), RUNTIME_INC, HERE))
    with open(os.path.join(d, 'README.txt'), 'w') as f:
        f.write('gradc fuzz reproducer: seed %s, function %s, failure %s\n\n' % (seed, fn_name, outcome.kind))
        f.write('Reproduce (in this directory):\n%s\n\nObserved:\n%s\n' % (cmd, describe(outcome)))


def fuzz_program(args, seed):
    if args.stop_after and time.time() > args.stop_after:
        return None  # --stop-after: not started
    prog = gen.gen_program(seed, args.per_program, args.workarounds)
    d = os.path.join(args.workdir, 'seed-%s' % seed)
    t0 = time.time()
    o = evaluate(args.gradc, args.cxx, prog, d)
    o.features = [sorted(f.features) for f in prog.functions]
    if o.ok:
        extra = ''
        if o.c99 and o.c99['functions']:
            extra += '; c99 %d/%d%s' % (o.c99['checked'], o.c99['functions'], ' rejected' if o.c99['reject'] else '')
        nfwd = sum(1 for f in prog.functions if getattr(f, 'fwd', None))
        if nfwd or o.fwd_rejects:
            extra += '; forward %d checked, %d rejected' % (nfwd, len(o.fwd_rejects))
        say('seed %s: ok, %d functions (%s%s) [%.1fs]' % (seed, len(prog.functions), o.stats.replace('fuzz: ', ''),
                                                          extra, time.time() - t0))
        shutil.rmtree(d, ignore_errors=True)
        return o
    say('seed %s: FAILED: %s\n%s' % (seed, o.kind, describe(o)))
    if args.no_minimize:
        return o
    scratch = d + '-scratch'
    for roots in culprits(prog, o):
        name = roots[0] if len(roots) == 1 else o.kind
        rd = os.path.join(args.workdir, 'repro-%s-%s' % (seed, name))
        small, so, evals = minimize(evaluate, args.gradc, args.cxx, prog, roots, o, scratch, args.minimize_seconds)
        if os.path.isdir(rd):
            shutil.rmtree(rd)
        shutil.copytree(scratch, rd, ignore=shutil.ignore_patterns('main'))
        write_repro(rd, seed, name, so, args.cxx, gradc_flags(prog))
        with open(os.path.join(rd, 'prog.cpp')) as f:
            text = f.read()
        say('seed %s: minimized reproducer for %s (%d tries) in %s:\n%s%s' % (seed, name, evals, rd, text,
                                                                               describe(so)))
    shutil.rmtree(scratch, ignore_errors=True)
    return o


def summary(outcomes, per_program):
    """Counts over all programs: how far they got, failures by kind."""
    n = len(outcomes)
    kinds = {}
    for o in outcomes:
        kinds[o.kind] = kinds.get(o.kind, 0) + 1
    through = n - sum(v for k, v in kinds.items() if k.startswith('gradc-') or k == 'nondeterministic')
    compiled = through - kinds.get('compile', 0) - kinds.get('compile-harness', 0)
    compared = kinds.get('ok', 0) + kinds.get('mismatch', 0)
    checks = sum(int(m.group(1)) for o in outcomes for m in [re.search(r'(\d+) checks', o.stats)] if m)
    fd = sum(int(m.group(1)) for o in outcomes for m in [re.search(r'fd (\d+) checked', o.stats)] if m)
    fails = {}
    for o in outcomes:
        for f in o.fails:
            fails[f['kind']] = fails.get(f['kind'], 0) + 1
    say('programs: %d generated (%d functions), %d through gradc, %d compiled, %d compared (%d checks, %d fd)'
        % (n, n * per_program, through, compiled, compared, checks, fd))
    # Functions using the library and templates (fz_lib.py), in compared programs.
    feats = {}
    for o in outcomes:
        if o.kind in ('ok', 'mismatch'):
            for fs in o.features:
                for x in fs + (['any'] if fs else []):
                    feats[x] = feats.get(x, 0) + 1
    say('functions compared using: %s' % (', '.join('%s %d' % kv for kv in sorted(feats.items())) or 'nothing new'))
    cs = [o.c99 for o in outcomes if o.c99]
    if cs:
        say('c99: %d programs with C functions, %d functions compiled as C99 and compared, %d programs rejected%s' % (
            sum(1 for c in cs if c['functions']), sum(c['checked'] for c in cs), sum(1 for c in cs if c['reject']),
            ''.join('\n  ' + c['reject'].split('\n')[0] for c in cs if c['reject'])))
    rej = [r for o in outcomes for r in o.fwd_rejects]
    if rej:
        say('forward markers rejected cleanly (then checked as GRADC_GRAD): %d' % len(rej))
        for r in sorted(set(re.sub(r'^\S+ ', '', x) for x in rej))[:20]:
            say('  ' + r)
    say('outcomes: %s' % ', '.join('%s %d' % kv for kv in sorted(kinds.items())))
    if fails:
        say('failed checks by kind: %s' % ', '.join('%s %d' % kv for kv in sorted(fails.items())))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('gradc')
    ap.add_argument('cxx')
    ap.add_argument('--count', type=int, default=300, help='functions in all (default 300)')
    ap.add_argument('--seed', type=int, default=1, help='seed of the first program (default 1)')
    ap.add_argument('--long', action='store_true', help='10,000 functions')
    ap.add_argument('--per-program', type=int, default=20, help='functions per program (default 20)')
    ap.add_argument('-j', '--jobs', type=int, default=1, help='programs in parallel (default 1)')
    ap.add_argument('--workdir', help='where programs and reproducers go (default: a new temporary directory)')
    ap.add_argument('--no-minimize', action='store_true')
    ap.add_argument('--minimize-seconds', type=float, default=240, help='time limit per reproducer')
    ap.add_argument('--gradc-prefix', default='',
                    help='run gradc under this command, e.g. "valgrind -q --error-exitcode=99"')
    ap.add_argument('--stop-after', type=float, default=0,
                    help='start no program after this many seconds (a campaign bounded in time)')
    ap.add_argument('--cxxflags', default='', help='extra flags for compiling the checks, e.g. -fsanitize=...')
    ap.add_argument('--no-workarounds', action='store_true',
                    help='also generate the constructs of known gradc bugs (gen.KNOWN_BUGS)')
    ap.add_argument('--workarounds', metavar='FLAGS',
                    help='comma-separated flags to steer around instead of gen.KNOWN_BUGS '
                         '(e.g. "maybe-uninitialized,loops"; "" for none)')
    args = ap.parse_args(argv)
    if args.workarounds is not None:
        args.workarounds = tuple(w for w in args.workarounds.replace(' ', '').split(',') if w)
    elif args.no_workarounds:
        args.workarounds = ()
    else:
        args.workarounds = gen.KNOWN_BUGS
    GRADC_PREFIX[:] = shlex.split(args.gradc_prefix)
    EXTRA_CXXFLAGS[:] = shlex.split(args.cxxflags)
    if 'maybe-uninitialized' in args.workarounds and 'clang' not in os.path.basename(args.cxx):
        EXTRA_CXXFLAGS.append('-Wno-maybe-uninitialized')
    if args.long:
        args.count = 10000
    args.gradc = os.path.abspath(args.gradc)
    if args.workdir is None:
        args.workdir = tempfile.mkdtemp(prefix='gradc-fuzz-')
    args.workdir = os.path.abspath(args.workdir)
    os.makedirs(args.workdir, exist_ok=True)
    nprog = max(1, -(-args.count // args.per_program))
    seeds = [args.seed + i for i in range(nprog)]
    say('gradc fuzz: %d programs x %d functions, seeds %d..%d, %s, workdir %s%s' % (
        nprog, args.per_program, seeds[0], seeds[-1], args.cxx, args.workdir,
        ' (avoiding known bugs: %s)' % ', '.join(args.workarounds) if args.workarounds else ''))
    t0 = time.time()
    args.stop_after = t0 + args.stop_after if args.stop_after else None
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        results = [r for r in ex.map(lambda s: fuzz_program(args, s), seeds) if r is not None]
    if len(results) < len(seeds):
        say('--stop-after: %d of %d programs run' % (len(results), len(seeds)))
    passed = sum(1 for r in results if r.ok)
    failed = len(results) - passed
    say('fuzz: %.0fs' % (time.time() - t0))
    summary(results, args.per_program)
    say('%d passed, %d failed' % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
