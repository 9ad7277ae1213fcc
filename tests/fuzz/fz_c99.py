"""C99 output ('c99'; docs/c99.md): the functions of a program that use only
what C has are written again, alone, to prog_c.cpp; gradc --emit=c99 makes
prog_c.h of it, which must compile with `<cc> -std=c99 -pedantic -Wall
-Wextra -Werror` (cc: gcc for g++, clang for clang++); fzc.c wraps each
function's f_grad / f_pullback in an extern function (fzc_<f>_grad), and
main.cpp checks, at every sample point, that the C gradient equals the C++
one (itself checked against dual numbers and central differences).

Every program (P_C99; a random stream of its own, so every seed's programs
compute what they did). Which functions: any namespace, no
template, struct parameter, library call (prog_lib.hpp is C++) or forward
marker, and callees that are C functions themselves; written out of their
namespaces, std::min / std::max as fmin / fmax (c_copy).
"""

import copy
import os
import random
import re

from fz_ast import F, walk_expr, walk_stmts, stmt_exprs

P_C99 = 1.0


def c_ok(fn, memo):
    """fn and its callees use only what C has, once c_copy respells them."""
    if fn.name in memo:
        return memo[fn.name]
    ok = not (fn.tmpl or getattr(fn, 'fwd', None) or any(p.arr in ('struct', 'sarr', 'ref') for p in fn.params))
    ok = ok and not any(getattr(p, 'shape', None) for p in fn.params)  # fz_spell4.py: C++ shapes
    if fn.features & {'struct-local', 'struct-array', 'local-ptr', 'heap-array', 'cond-lhs'}:  # fz_spell2/4.py: C++ only
        ok = False
    for s in walk_stmts(fn.body) if ok else ():
        if getattr(s, 'lam', None):  # a lambda (fz_spell.py): not C
            ok = False
        for e in stmt_exprs(s):
            for x in walk_expr(e):
                if x.k == 'ucall' and (getattr(x.fn, 'lib', False) or not c_ok(x.fn, memo)):
                    ok = False
    memo[fn.name] = ok
    return ok


def c_copy(fns):
    """The C program's functions: the same computations, out of their
    namespaces (calls unqualified), std::min / std::max as fmin / fmax (the
    same value, and gradc sends a tie's gradient to the first argument of
    both)."""
    out = copy.deepcopy(fns)
    for fn in out:
        fn.ns = ''
        for s in walk_stmts(fn.body):
            for e in stmt_exprs(s):
                for x in walk_expr(e):
                    if x.k == 'ucall':
                        x.sp = None
                    elif x.k == 'call' and x.name in ('min', 'max'):
                        x.name = 'f' + x.name
                        x.sp = 'cf' if x.ty == F else 'c'
    return out


def pick_c99(prog, seed, workarounds):
    rng = random.Random('gradc-fuzz-c99:%s' % seed)
    if 'c99' in workarounds or rng.random() >= P_C99:
        return []
    memo = {}
    return [f.name for f in prog.functions if c_ok(f, memo)]


def c_functions(prog, fns):
    """The C99 functions among fns (a closure: callees first)."""
    names = set(getattr(prog, 'c99', ()))
    memo = {}
    return [f for f in fns if f.name in names and c_ok(f, memo)]


def render_c_src(prog, fns):
    from fz_render import render_src_fn, used_consts, ALIASES
    out = ['// C functions of the fuzz program, seed %s, for gradc --emit=c99 (tests/fuzz/fz_c99.py).' % prog.seed,
           '#include <gradc/gradc.h>', '', '#include <cmath>', '']
    for name, ty, v, cexpr in used_consts(prog, fns):
        from fz_spell3 import const_line
        out.append(const_line(prog, name, ty, v, cexpr))
    text = []
    for fn in c_copy(fns):
        render_src_fn(fn, text)
    body = '\n'.join(text)
    for alias, (how, ty) in sorted(ALIASES.items()):
        if re.search(r'\b%s\b' % alias, body):
            out.append('using %s = %s;' % (alias, ty) if how == 'using' else 'typedef %s %s;' % (ty, alias))
    return '\n'.join(out) + '\n\n' + body + '\n'


SIG = re.compile(r'static inline (\w+) (\w+)_(grad|pullback)\(([^)]*)\) \{')


def wrappers(header_text, names):
    """fzc.c (extern wrappers of the C header's gradients) and fzc.hpp (their
    declarations for main.cpp): {name: 'grad' or 'pullback'} wrapped."""
    c = ['// Wrappers of prog_c.h (gradc --emit=c99) for the C++ checks (tests/fuzz/fz_c99.py).',
         '#include "prog_c.h"', '']
    h = ['// Declarations of fzc.c (tests/fuzz/fz_c99.py).', '#include <cstddef>', 'extern "C" {']
    done = {}
    for ret, name, kind, params in SIG.findall(header_text):
        if name not in names:
            continue
        ps = [p.strip() for p in params.split(',') if p.strip()]
        args = ', '.join(p.split()[-1].lstrip('*') for p in ps)
        c.append('%s fzc_%s_%s(%s);' % (ret, name, kind, params))
        c.append('%s fzc_%s_%s(%s) { %s%s_%s(%s); }' % (ret, name, kind, params, '' if ret == 'void' else 'return ',
                                                      name, kind, args))
        h.append('%s fzc_%s_%s(%s);' % (ret, name, kind, re.sub(r'\brestrict\b', '__restrict', params)
                                        .replace('size_t', 'std::size_t')))
        done.setdefault(name, set()).add(kind)
    for name, params in re.findall(r'static inline size_t (\w+)_grad_work_bytes\(([^)]*)\) \{', header_text):
        if name not in done:
            continue
        params = '' if params.strip() == 'void' else params  # (gradc writes `(void)` in C)
        args = ', '.join(p.split()[-1] for p in params.split(',') if p.strip())
        c.append('size_t fzc_%s_work_bytes(%s);' % (name, params or 'void'))
        c.append('size_t fzc_%s_work_bytes(%s) { return %s_grad_work_bytes(%s); }' % (name, params or 'void', name, args))
        h.append('std::size_t fzc_%s_work_bytes(%s);' % (name, params))
        done[name].add('work:' + args)
    h.append('}')
    return '\n'.join(c) + '\n', '\n'.join(h) + '\n', done


def c_compiler(cxx):
    base = os.path.basename(cxx)
    cc = base.replace('clang++', 'clang').replace('g++', 'gcc')
    return os.path.join(os.path.dirname(cxx), cc) if os.path.dirname(cxx) else cc


def render_c99_check(o, fn, args, adj, adjs, void, kinds):
    """In check_<fn>'s loop: the C gradient against the C++ one ('c99')."""
    o('    {  // the C99 output (fz_c99.py) against the C++ one')
    pre = 'c'
    work = [k[5:] for k in kinds if k.startswith('work:')]
    wargs = ''
    if work:  # the C function's own work size
        o('      const std::size_t fz_cwb = fzc_%s_work_bytes(%s);' % (fn.name, work[0]))
        o('      void* fz_cw = fz_heap.bytes(fz_cwb);')
        wargs = ', fz_cw, fz_cwb'
    for p in adj:
        if p.arr:
            o('      %s* %s_%s = fz_heap.alloc<%s>(%d);' % (p.ty, pre, p.name, p.ty, p.length))
            if p.arr == 'out' and void:
                o('      for (int e = 0; e < %d; ++e) %s_%s[e] = fz_useed_%s[e];' % (p.length, pre, p.name, p.name))
        else:
            o('      %s %s_%s = 0;' % (p.ty, pre, p.name))
    if void:
        o('      fzc_%s_pullback(%s, %s%s);' % (fn.name, args, adjs(pre), wargs))
        ref = 'p'
    else:
        o('      const double fz_vc = (double)fzc_%s_grad(%s, %s%s);' % (fn.name, args, adjs(pre), wargs))
        o('      P.c99("value", fz_vc, fz_vg);')
        ref = 'g'
    for p in adj:
        if p.arr == 'out':
            continue
        if p.arr:
            o('      for (int e = 0; e < %d; ++e) P.c99("%s", (double)%s_%s[e], (double)%s_%s[e]);'
              % (p.length, p.name, pre, p.name, ref, p.name))
        else:
            o('      P.c99("%s", (double)%s_%s, (double)%s_%s);' % (p.name, pre, p.name, ref, p.name))
    o('    }')
