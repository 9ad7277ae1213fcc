#!/usr/bin/env python3
"""Seeded random program generator for gradc's differential fuzzer.

    gen.py --seed S [--functions N] --out DIR

writes into DIR
    prog.cpp       N functions marked GRADC_GRAD / GRADC_GRAD_WRT(...), in the
                   subset gradc supports (see README.md in this folder);
    prog_lib.hpp   what gradc must find in a header: the structs and the
                   functions with user rules (fz_lib.py, fz_struct.py);
                   prog.cpp includes it, and so does the generated header;
    prog.ref.hpp   the same functions as templates over the floating types
                   (D for double, F for float), every operand cast explicitly
                   so that fzdual::Dual follows C++'s float/double promotions;
    main.cpp       the checks: at fixed random points, gradc's f_grad and
                   f_pullback against forward-mode dual numbers and central
                   differences (check.hpp holds the comparison logic).

The same seed always gives the same files (Python's random with str seeds is
stable across runs and versions). run_fuzz.py imports this module to build,
shrink and re-render programs.

Values are kept moderate by construction: every expression carries an upper
bound on its magnitude (inputs are in [-2, 2], int parameters in [-3, 3]
without 0); arguments are wrapped to stay in their function's domain
(log(1.5 + a*a), asin(0.9 * tanh(a)), a / (1.5 + b*b), exp(3 * tanh(a)) ...),
and anything whose bound grows past CAP is squashed (tanh, sin, atan, erf).
"""

import argparse
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fz_ast import *  # noqa: F401,F403,E402
from fz_render import *  # noqa: F401,F403,E402
from fz_lib import gen_library  # noqa: E402
from fz_stmt import gen_function  # noqa: E402
from fz_spell import respell  # noqa: E402
from fz_spell2 import respell2  # noqa: E402
from fz_spell3 import moving_helpers, inline_twice, mutable_globals, members  # noqa: E402
from fz_extrema import add_extrema  # noqa: E402
from fz_forward import mark_forward  # noqa: E402
from fz_c99 import pick_c99  # noqa: E402
from fz_spell4 import respell4  # noqa: E402


# Open gradc bugs the default batch steers around (run_fuzz.py
# --no-workarounds generates them again; FINDINGS.md has the repros). Each
# names a construct the generator then avoids.
# jacobian-work (FINDINGS.md, fixed as an error at the marker in d57f050)
# is generated again: the marker is rejected, the function checked as
# GRADC_GRAD. hvp-rule-call (fixed: the forward stage resolves a call in a
# user rule's body to that function's rule) is generated again: GRADC_HESSIAN
# on functions calling act::logistic, whose rule calls logistic(x); the flag
# still steers around it. hessian-work: GRADC_HESSIAN on a function with a
# loop of run-time length was an error at the marker; f_hvp now takes a buffer
# of f_hvp_work_bytes, and the flag steers around those markers.
KNOWN_BUGS = ('scratch-jump', 'scratch-jump-struct')
# scratch-jump-struct (open, FINDINGS.md 2026-12-07): a scratch array of
# structs (`LPf a[4]`, fz_spell2.py) declared before a loop with a break, a
# return or a data-dependent condition stays outside it (lower/ScratchArrays.cpp
# skips member arrays) and its overwrite is rejected; fz_spell4.py then hoists
# none out of such a loop. scratch-jump, the same for plain arrays: fixed in
# 938d6a3 for reads at `i + c`, open for reads ScratchArrays cannot place, as
# `a[N - 1 - i]` (CI seed 2014); steered around for any hoist out of such a loop.
# switch-return-loop (fixed, FINDINGS.md): gradc overflowed its stack on a
# switch with a `return` (or `continue`) in a case, in a loop whose body breaks
# after it; the switch spelling (fz_spell2.py) now rewrites such if-chains too
# (the flag still steers around them).
# extremum-recompute (fixed, FINDINGS.md): a running max/min whose update
# computes its value in the branch; e(r) is then a bare element or a local.
# Flags of issue 24's bugs, fixed (FINDINGS.md, "Fixed"), still understood by
# --workarounds: neg-neg-lit (`-(-1)` printed `--1`), tmpl-float-first (one
# f_grad_work_bytes for a template's float and double instantiations),
# branch-arrays (a tape in the storage of an array declared in a branch),
# dead-store-inf (a dead store of an overflowing value gave NaN), bool-tape
# (the tape after a bool tape in the work buffer misaligned).
# Flags the generator still understands, for run_fuzz.py --workarounds
# (bugs fixed in gradc, or no bug):
#   maybe-uninitialized  (fixed in a0e51ea) the checks compile with
#                  -Wno-maybe-uninitialized: g++ -O1 warned that a tape
#                  written under an if may be read uninitialized.
#   work-bytes-unused-int  (fixed in a0e51ea) functions with a size
#                  parameter have no other int parameter: one the pullback
#                  did not read was unnamed there but passed to
#                  f_grad_work_bytes.
#   loops          no loops or arrays at all (scalar functions only).
# Constructs added for issue 24 (each generated unless its flag is given):
#   scoped-arrays  local arrays declared in loop bodies, filled there (by a
#                  loop, one by one, or `= {}` and some of them), read there;
#                  branch-arrays: the same in if/else branches.
#   shadow         a local of a nested scope named like one outside it.
#   carried-state  a bool or int declared before a loop and updated in it.
#   loop-cond      a data-dependent loop condition, `i < len && x * x > y`.
#   tmpl-work      templates over a run-time trip count (a work buffer per type).
#   name-probes    names like gradc's own: d_x_1, x_tape, t, t_kept, work,
#                  work_bytes, next, running (locals and parameters), loop
#                  variables t/k, helper parameters t/i/j/k/t0.
#   neg-lits       negative literals, -(-e), x - -1.0 (neg-neg-lit: -(-1)).
#   dead-stores    a variable overwritten after its last use with exp(800 * x) / x.
#   desc-loops, ne-loops, views, init-lists, void-casts  spellings of
#                  natural C++ (issue 23; fz_spell.py): loops counting down,
#                  `i != 4`, array reads through `*(x + i)` and pointers
#                  `const T* pv_x = x + 1;`, `T a[3] = {e0, e1, e2};`, `(void)x;`;
#   lambdas        `auto lam_t = [&]() { return e; }; T t = lam_t();` (fz_spell.py).
#   while-loops    a counted for loop without break/continue/return written as
#                  `{ int i = lo; while (i < hi) { ...; ++i; } }` (fz_spell.py; its own stream).
#   switch, local-ptrs, struct-locals, struct-arrays, assign-exprs  spellings of
#                  fz_spell2.py: `switch`, `double* p_t = &t;`, `LPd sl_t = {e, 0.0f};`,
#                  `LPf a[4]; a[i].w = e`, `t = (v *= y) + 1;` and `a = e1, b += e2;`.
#   mutable-globals, helper-moving, helper-twice, member-fns  fz_spell3.py: globals
#                  main.cpp sets, helpers with moving pointers inlined twice in one
#                  function, marked member functions `S0::f3(...) const`.
#   extrema        running max/min loops (fz_extrema.py; its own random stream).
#   loop-return    `if (c) return e;` first or last in a loop body (fz_loops.py;
#                  its own random stream; functions returning a value, no outputs).
#   c99            no --emit=c99 pass (fz_c99.py; its own stream).
#   forward        no GRADC_JACOBIAN / GRADC_HESSIAN markers (fz_forward.py; its own stream).
#   templates, rules, lib-scalar, lib-ref, lib-reduce, lib-map, lib-argmax,
#   lib-scale      no marked templates, no calls of functions with user
#                  rules, no helpers of that kind (fz_lib.py; not bugs).


def gen_program(seed, nfuncs, workarounds=KNOWN_BUGS):
    rng = random.Random('gradc-fuzz:%s' % seed)
    consts = []
    for i in range(rng.randint(1, 3)):
        ty = rng.choice([D, D, F])
        v = rng.choice([0.5, 1.25, 2.0, 0.75, 1.5, 3.0, 0.3])
        consts.append(('K%d' % i, ty, v, rng.random() < 0.3))
    if rng.random() < 0.5:
        consts.append(('KI', I, rng.choice([2, 3, -2]), rng.random() < 0.5))
    lib = gen_library(seed, workarounds)
    moving_helpers(lib, seed, workarounds)
    functions = []
    for k in range(nfuncs):
        frng = random.Random('gradc-fuzz:%s:%d' % (seed, k))
        callees = list(functions)
        ns = frng.choices(['', 'na', 'nb', 'na::inner'], [76, 10, 7, 7])[0]
        fn = gen_function(frng, 'f%d' % k, callees, consts, frozenset(workarounds), ns, lib,
                          'gradc-fuzz-loopret:%s:%d' % (seed, k))
        respell(fn, seed, workarounds)
        respell2(fn, seed, workarounds)
        inline_twice(fn, lib, seed, workarounds)
        add_extrema(fn, seed, workarounds)
        mark_forward(fn, seed, workarounds)
        respell4(fn, seed, workarounds)
        functions.append(fn)
    prog = Program(seed, functions, consts)
    prog.lib = lib
    prog.workarounds = frozenset(workarounds)
    prog.c99 = pick_c99(prog, seed, workarounds)
    prog.mutable = mutable_globals(prog, seed, workarounds)
    members(prog, seed, workarounds)
    # gradc's --frame-limit for this program (None: the default, 64 KiB, which
    # the fuzzer's small arrays never reach): a small one moves most local
    # arrays of f_grad and f_pullback to the work buffer (cleanup/Frame.cpp).
    prog.frame_limit = random.Random('gradc-fuzz-frame:%s' % seed).choice([None, None, None, 16, 96, 400])
    # gradc's --pack-directions-above (None: the default, 4, past the fuzzer's
    # usual few columns): 0 or 1 packs, and pads, the sweeps of f_jacobian and
    # f_hessian (forward/Directions.cpp).
    prog.pack_above = random.Random('gradc-fuzz-pack:%s' % seed).choice([None, None, 0, 1])
    return prog


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--seed', required=True)
    ap.add_argument('--functions', type=int, default=20)
    ap.add_argument('--out', required=True)
    a = ap.parse_args(argv)
    prog = gen_program(a.seed, a.functions)
    write_program(prog, a.out)
    write_main(prog, a.out)  # assumes no work buffers: run_fuzz.py knows better


if __name__ == '__main__':
    main()
