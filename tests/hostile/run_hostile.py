#!/usr/bin/env python3
"""Hostile inputs for gradc: each case must end in a clear diagnostic or in
correct output, never a crash, a hang, a partial output file or a wrong
gradient (README.md in this folder).

    run_hostile.py <gradc> <cxx> [--case NAME]... [--list] [--workdir DIR]
                   [--no-workarounds] [--cxxflags FLAGS]

For each case: write its files, run gradc under a timeout, then
  error  exit status 1, stderr matching the case's pattern, no output file
         (an output that existed before is left byte for byte), no
         temporary file left next to it;
  ok     exit status 0 (stderr matching the pattern, if any), and the output
         compiles with <cxx> -Wall -Wextra -Werror together with the source;
         with a check, a main (tests/support/gradcheck.hpp) compares the
         gradient with finite differences and must pass.
A case hitting an open gradc bug (KNOWN_BUGS in cases.py, FINDINGS.md in
tests/fuzz) runs a reduced variant or is skipped (exit status 77, which ctest
reports as skipped) unless --no-workarounds. Exits 1 if any case failed.
"""

import argparse
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import cases as hostile_cases  # noqa: E402

RUNTIME_INC = os.path.join(ROOT, 'runtime', 'include')
SUPPORT_INC = os.path.join(ROOT, 'tests', 'support')
CXXFLAGS = ['-std=c++17', '-Wall', '-Wextra', '-Werror', '-fno-exceptions', '-fno-rtti']  # and the case's -O
SKIP = 77


class Failed(Exception):
    pass


def run(cmd, cwd, timeout):
    t0 = time.time()
    try:
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout,
                           universal_newlines=True, errors='replace')
        return p.returncode, p.stdout, p.stderr, time.time() - t0
    except subprocess.TimeoutExpired:
        return None, '', '', time.time() - t0


def digest(path):
    if not os.path.isfile(path):
        return None
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def leftovers(out):
    """Temporary files gradc may have left beside the output."""
    d = os.path.dirname(out) or '.'
    base = os.path.basename(out)
    if not os.path.isdir(d):
        return []
    return [n for n in os.listdir(d) if n.startswith(base + '.tmp.')]


def as_nobody(argv, d):
    """argv run as the user nobody (setpriv, util-linux): root ignores file
    modes, so a permission case means something only without it. nobody
    must reach the case directory and write in it (not in what the case
    made read-only)."""
    os.chmod(d, 0o777)
    work = os.path.dirname(d)
    os.chmod(work, os.stat(work).st_mode | 0o055)
    return ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'] + argv


def run_case(case, gradc, cxx, workdir, workarounds, cxxflags, timeout_scale=1.0):
    d = os.path.join(workdir, case.name)
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    variant = case.variant(workarounds)
    if variant is None:
        return SKIP, 'skipped: open gradc bug %s (tests/fuzz/FINDINGS.md)' % case.known
    for name, text in variant.files.items():
        mode = 'wb' if isinstance(text, bytes) else 'w'
        with open(os.path.join(d, name), mode) as f:
            f.write(text)
    if variant.setup:
        msg = variant.setup(d)
        if msg:
            return SKIP, 'skipped: ' + msg
    fmt = {'gradc': gradc, 'rt': RUNTIME_INC, 'dir': d}
    argv = [a.format(**fmt) for a in variant.argv]
    if variant.unprivileged and os.geteuid() == 0:
        argv = as_nobody(argv, d)
    out = os.path.join(d, variant.out.format(**fmt)) if variant.out else None
    before = {p: digest(os.path.join(d, p)) for p in variant.unchanged}
    out_before = digest(out) if out else None
    timeout = variant.timeout * timeout_scale
    rc, _, err, secs = run(argv, d, timeout)
    log = ['$ ' + ' '.join(shlex.quote(a) for a in argv), err.strip()[-4000:],
           'exit status %s after %.1fs' % (rc, secs)]
    if rc is None:
        raise Failed('\n'.join(log + ['HANG: no exit within %ds' % timeout]))
    if rc not in (0, 1):
        raise Failed('\n'.join(log + ['CRASH: exit status %s (only 0 and 1 are allowed)' % rc]))
    for p, h in before.items():
        if digest(os.path.join(d, p)) != h:
            raise Failed('\n'.join(log + ['%s was modified' % p]))
    if variant.expect == 'error':
        if rc != 1:
            raise Failed('\n'.join(log + ['expected a diagnostic and exit status 1']))
        if out and digest(out) != out_before:
            raise Failed('\n'.join(log + ['the output file was written although the run failed']))
    else:
        if rc != 0:
            raise Failed('\n'.join(log + ['expected success']))
        if out and not os.path.isfile(out):
            raise Failed('\n'.join(log + ['no output file']))
    if variant.diag and not re.search(variant.diag, err):
        raise Failed('\n'.join(log + ['stderr does not match %r' % variant.diag]))
    if out and leftovers(out):
        raise Failed('\n'.join(log + ['temporary files left: %s' % leftovers(out)]))
    if variant.expect == 'ok' and variant.compile:
        main = os.path.join(d, 'hostile_main.cpp')
        with open(main, 'w') as f:
            f.write(variant.main_source())
        cmd = [cxx] + CXXFLAGS + [variant.optimize] + cxxflags + ['-I' + RUNTIME_INC, '-I' + SUPPORT_INC, '-I' + d, main,
                                             '-o', os.path.join(d, 'hostile_main'), '-lm']
        crc, cout, cerr, csecs = run(cmd, d, 900)
        if crc != 0:
            raise Failed('\n'.join(log + ['$ ' + ' '.join(cmd), (cout + cerr).strip()[-4000:],
                                          'the output does not compile']))
        if variant.check:
            rrc, rout, rerr, rsecs = run([os.path.join(d, 'hostile_main')], d, 300)
            if rrc != 0:
                raise Failed('\n'.join(log + [(rout + rerr).strip()[-4000:], 'the gradient check failed (%s)' % rrc]))
            log.append(rout.strip().splitlines()[-1] if rout.strip() else '')
    return 0, '\n'.join(log)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('gradc', nargs='?')
    ap.add_argument('cxx', nargs='?', default='g++')
    ap.add_argument('--case', action='append', help='run only these cases')
    ap.add_argument('--list', action='store_true', help='print the case names (a CMake list) and exit')
    ap.add_argument('--workdir')
    ap.add_argument('--no-workarounds', action='store_true', help='also run the cases of open gradc bugs')
    ap.add_argument('--cxxflags', default='', help='extra flags for compiling the checks, e.g. -fsanitize=...')
    ap.add_argument('--timeout-scale', type=float, default=1.0,
                    help='multiply every case\'s time limit (a sanitized gradc runs several times slower)')
    a = ap.parse_args(argv)
    all_cases = hostile_cases.CASES
    if a.list:
        print(';'.join(c.name for c in all_cases))
        return 0
    if not a.gradc:
        ap.error('gradc is required')
    chosen = [c for c in all_cases if not a.case or c.name in a.case]
    unknown = set(a.case or ()) - {c.name for c in all_cases}
    if unknown:
        ap.error('unknown case(s): %s' % ', '.join(sorted(unknown)))
    workdir = os.path.abspath(a.workdir or tempfile.mkdtemp(prefix='gradc-hostile-'))
    os.makedirs(workdir, exist_ok=True)
    gradc = os.path.abspath(a.gradc)
    workarounds = () if a.no_workarounds else hostile_cases.KNOWN_BUGS
    failed = skipped = 0
    for c in chosen:
        try:
            rc, log = run_case(c, gradc, a.cxx, workdir, workarounds, shlex.split(a.cxxflags), a.timeout_scale)
        except Failed as e:
            print('FAIL %s: %s\n%s\n' % (c.name, c.what, e), flush=True)
            failed += 1
            continue
        if rc == SKIP:
            skipped += 1
            print('SKIP %s: %s (%s)' % (c.name, c.what, log), flush=True)
        else:
            print('ok   %s: %s' % (c.name, c.what), flush=True)
            if len(chosen) == 1:
                print(log)
    print('%d passed, %d failed, %d skipped' % (len(chosen) - failed - skipped, failed, skipped))
    if failed:
        return 1
    return SKIP if skipped == len(chosen) else 0


if __name__ == '__main__':
    sys.exit(main())
