"""Rendering: prog.cpp (the marked functions), prog.ref.hpp (the same
functions as templates over Dual types) and main.cpp (the checks)."""

import copy
import os
import re

from fz_ast import *  # noqa: F401,F403


# ---- finalize: every variable is read somewhere (-Wunused-*) ------------------------------

def reads(block, acc):
    for s in walk_stmts(block):
        for e in stmt_exprs(s):
            for x in walk_expr(e):
                if x.k == 'var':
                    acc.add(x.name)
    return acc


def use_term(name, ty, fty):
    """An expression reading variable `name`, to add to something."""
    v = E('var', ty, 1.0, name=name)
    if ty == B:
        return E('cond', fty, 0.25, [v, E('lit', fty, 0.25, val=0.25), E('lit', fty, 0.25, val=-0.25)])
    return E('bin', promote(fty, ty), 1.0, [E('lit', fty, 0.25, val=0.25), v], op='*')


def finalize(fn):
    """A copy of fn whose every parameter and local is read."""
    fn2 = copy.copy(fn)
    fn2.body = copy.deepcopy(fn.body)
    lty = F if fn.mode == F else D
    anchor = [p for p in fn.params if p.ty in FLOATS and not p.const][0]

    def fix_block(block, top):
        for s in block:
            if s.k == 'if':
                fix_block(s.then, False)
                if s.els:
                    fix_block(s.els, False)
        if top:
            return
        used = reads(fn2.body, set())
        for s in list(block):
            if s.k == 'decl' and s.name not in used:
                term = use_term(s.name, s.ty, lty)
                if block and block[-1].k == 'ret':
                    r = block[-1]
                    r.e = E('bin', promote(r.e.ty, term.ty), 1.0, [r.e, term], op='+')
                else:
                    block.append(Stmt('assign', name=anchor.name, op='+=', e=term, ty=anchor.ty))

    fix_block(fn2.body, True)
    used = reads(fn2.body, set())
    r = fn2.body[-1]
    assert r.k == 'ret'
    for p in fn.params:
        if p.name not in used:
            term = use_term(p.name, p.ty, lty)
            r.e = E('bin', promote(r.e.ty, term.ty), 1.0, [r.e, term], op='+')
    for s in fn2.body:
        if s.k == 'decl' and s.name not in used:
            term = use_term(s.name, s.ty, lty)
            r.e = E('bin', promote(r.e.ty, term.ty), 1.0, [r.e, term], op='+')
    return fn2


# ---- rendering ----------------------------------------------------------------------------

def render_block(block, ind, mode, out, ret_ty):
    pad = '  ' * ind
    i = 0
    while i < len(block):
        s = block[i]
        i += 1
        if s.k == 'decl':
            if mode == 'src':
                decls = [s]
                while decls[-1].join and i < len(block) and block[i].k == 'decl':
                    decls.append(block[i])
                    i += 1
                parts = []
                for d in decls:
                    if d.e is None:
                        parts.append(d.name)
                    else:
                        parts.append('%s = %s' % (d.name, src_bool(d.e) if d.ty == B else src(d.e)))
                out.append('%s%s%s %s;' % (pad, 'const ' if s.const else '', s.tyname or s.ty, ', '.join(parts)))
            else:
                t = '%s%s' % ('const ' if s.const else '', REF_T[s.ty])
                if s.e is None:
                    out.append('%s%s %s;' % (pad, t, s.name))
                else:
                    e = ref_bool(s.e) if s.ty == B else ref_cast(s.e, s.ty)
                    out.append('%s%s %s = %s;' % (pad, t, s.name, e))
        elif s.k == 'assign':
            if s.op[:2] in ('++', '--'):
                if mode == 'src':
                    out.append(('%s%s%s;' % (pad, s.op[:2], s.name)) if s.op.endswith('pre')
                               else ('%s%s%s;' % (pad, s.name, s.op[:2])))
                else:
                    out.append('%s%s = (%s %s %s(1));' % (pad, s.name, s.name, s.op[0], REF_T[s.ty]))
            elif mode == 'src':
                out.append('%s%s %s %s;' % (pad, s.name, s.op, src(s.e)))
            else:
                if s.op == '=':
                    rhs = ref_cast(s.e, s.ty)
                    if rhs == s.name:  # t = +t; clang: -Wself-assign-overloaded
                        rhs = '%s(%s)' % (REF_T[s.ty], rhs)
                    out.append('%s%s = %s;' % (pad, s.name, rhs))
                else:
                    t = promote(s.ty, s.e.ty)
                    lhs = s.name if t == s.ty else '%s(%s)' % (REF_T[t], s.name)
                    rhs = '(%s %s %s)' % (lhs, s.op[0], ref_cast(s.e, t))
                    if t != s.ty:
                        rhs = '%s(%s)' % (REF_T[s.ty], rhs)
                    out.append('%s%s = %s;' % (pad, s.name, rhs))
        elif s.k == 'ret':
            out.append('%sreturn %s;' % (pad, src(s.e) if mode == 'src' else ref_cast(s.e, ret_ty)))
        elif s.k == 'if':
            first = True
            cur = s
            while True:
                c = src_bool(cur.e) if mode == 'src' else ref_bool(cur.e)
                if mode == 'src' and c.startswith('(') and c.endswith(')') and balanced(c[1:-1]):
                    c = c[1:-1]
                elif mode == 'ref':
                    # `if (D(f<D, F>(F(x))) < x)` would parse as a declaration,
                    # and clang warns on `if ((a == b))`.
                    c = 'static_cast<bool>(%s)' % c
                if mode == 'src' and not cur.brace and first:  # else-if keeps braces
                    out.append('%sif (%s)' % (pad, c))
                    render_block(cur.then, ind + 1, mode, out, ret_ty)
                    if cur.els:
                        out.append('%selse' % pad)
                        render_block(cur.els, ind + 1, mode, out, ret_ty)
                    break
                out.append('%s%sif (%s) {' % (pad, '' if first else '} else ', c))
                render_block(cur.then, ind + 1, mode, out, ret_ty)
                first = False
                if cur.els and len(cur.els) == 1 and cur.els[0].k == 'if':
                    cur = cur.els[0]
                    continue
                if cur.els:
                    out.append('%s} else {' % pad)
                    render_block(cur.els, ind + 1, mode, out, ret_ty)
                out.append('%s}' % pad)
                break


def balanced(s):
    d = 0
    for ch in s:
        if ch == '(':
            d += 1
        elif ch == ')':
            d -= 1
            if d < 0:
                return False
    return d == 0


def marker(fn):
    if fn.wrt is None:
        return 'GRADC_GRAD'
    return 'GRADC_GRAD_WRT(%s)' % fn.wrt_sep.join(fn.wrt)


def render_src_fn(fn, out):
    f = finalize(fn)
    out.append(marker(fn))
    out.append('%s%s %s(%s) {' % (fn.spec + ' ' if fn.spec else '', fn.ret_tyname or fn.ret, fn.name,
                                  ', '.join(p.spelled() for p in fn.params)))
    render_block(f.body, 1, 'src', out, fn.ret)
    out.append('}')
    out.append('')


def render_ref_fn(fn, out):
    f = finalize(fn)
    out.append('template <class D, class F>')
    out.append('%s %s(%s) {' % (REF_T[fn.ret], fn.name,
                                ', '.join('%s%s %s' % ('const ' if p.const else '', REF_T[p.ty], p.name)
                                          for p in fn.params)))
    render_block(f.body, 1, 'ref', out, fn.ret)
    out.append('}')
    out.append('')


def used_consts(prog, fns):
    names = set()
    for fn in fns:
        f = finalize(fn)
        for s in walk_stmts(f.body):
            for e in stmt_exprs(s):
                for x in walk_expr(e):
                    if x.k == 'const':
                        names.add(x.name)
    return [c for c in prog.consts if c[0] in names]


def closure(fns):
    """fns and everything they call, in program order (callees first)."""
    seen = []

    def visit(f):
        for c in f.callees():
            visit(c)
        if f not in seen:
            seen.append(f)

    for f in fns:
        visit(f)
    return seen


def render_src(prog, fns):
    out = ['// gradc fuzz program, seed %s (tests/fuzz/gen.py). Generated: do not edit.' % prog.seed,
           '#include <gradc/gradc.h>', '', '#include <algorithm>', '#include <cmath>', '']
    for name, ty, v, cexpr in used_consts(prog, fns):
        out.append('%s %s %s = %s;' % ('constexpr' if cexpr else 'const', ty, name, fmt_lit(v, ty)))
    text = []
    ns = ''
    for fn in fns:
        if fn.ns != ns:
            if ns:
                text.append('}  // namespace %s' % ns)
                text.append('')
            if fn.ns:
                text.append('namespace %s {' % fn.ns)
                text.append('')
            ns = fn.ns
        render_src_fn(fn, text)
    if ns:
        text.append('}  // namespace %s' % ns)
    body = '\n'.join(text)
    for alias, (how, ty) in sorted(ALIASES.items()):
        if re.search(r'\b%s\b' % alias, body):
            out.append('using %s = %s;' % (alias, ty) if how == 'using' else 'typedef %s %s;' % (ty, alias))
    return '\n'.join(out) + '\n\n' + body + '\n'


def render_ref(prog, fns):
    out = ['// Forward-mode reference of prog.cpp (seed %s): D = double, F = float.' % prog.seed,
           '// Generated by tests/fuzz/gen.py: do not edit.',
           '#include "dual.hpp"', '', 'namespace fzref {', '']
    for fn in fns:
        render_ref_fn(fn, out)
    out.append('}  // namespace fzref')
    return '\n'.join(out) + '\n'


def cxx_value(v, ty):
    if ty == B:
        return 'true' if v else 'false'
    if ty == I:
        return str(v)
    if ty == F:
        return fmt_lit(v, F)
    return fmt_lit(v, D)


def render_check(fn, out):
    diff = fn.diff_params()
    low = fn.low_precision()
    out.append('static void check_%s() {' % fn.name)
    out.append('  using DD = fzdual::Dual<double>;')
    out.append('  using DF = fzdual::Dual<float>;')
    out.append('  struct Pt { %s };' % ' '.join('%s %s;' % (p.ty, p.name) for p in fn.params))
    out.append('  static const Pt pts[%d] = {' % len(fn.points))
    for pt in fn.points:
        out.append('      {%s},' % ', '.join(cxx_value(pt[p.name], p.ty) for p in fn.params))
    out.append('  };')
    out.append('  for (int i = 0; i < %d; ++i) {' % len(fn.points))
    for p in fn.params:
        out.append('    const %s %s = pts[i].%s;' % (p.ty, p.name, p.name))
    # The last point is the tie point: no finite differences there.
    out.append('    fzcheck::Point P("%s", i, i == %d, %s);' % (fn.name, len(fn.points) - 1,
                                                               'true' if low else 'false'))
    for p in fn.params:
        out.append('    P.arg("%s", %s);' % (p.name, p.name if p.ty == I else ('(int)' if p.ty == B else '(double)')
                                               + p.name))
    call_args = ', '.join(p.name for p in fn.params)
    q = fn.qualified()
    out.append('    const double fz_v = (double)%s(%s);' % (q, call_args))
    out.append('    if (!P.usable(fz_v)) continue;')
    for p in diff:
        out.append('    %s g_%s = 0, a_%s = 0.5, p_%s = 0;' % (p.ty, p.name, p.name, p.name))

    def adj(pre):
        return ', '.join('&%s_%s' % (pre, p.name) for p in diff)
    out.append('    const double fz_vg = (double)%s_grad(%s, %s);' % (q, call_args, adj('g')))
    out.append('    %s_grad(%s, %s);' % (q, call_args, adj('a')))
    out.append('    %s_pullback(%s, %s(2), %s);' % (q, call_args, fn.ret, adj('p')))
    for j, p in enumerate(diff):
        def seeded(T, q):
            if q.ty not in FLOATS:
                return q.name
            if q is p:
                return '%s(%s, 1)' % (T, q.name)
            return '%s(%s)' % (T, q.name)
        dd_args = ', '.join(seeded('DD', q) for q in fn.params)
        df_args = ', '.join(seeded('DD' if q.ty == D else 'DF', q) for q in fn.params)
        out.append('    {  // d/d%s' % p.name)
        out.append('      const auto rd = fzref::%s<DD, DD>(%s);' % (fn.name, dd_args))
        out.append('      const auto rf = fzref::%s<DD, DF>(%s);' % (fn.name, df_args))
        if j == 0:
            out.append('      P.primal(fz_vg, fz_v, (double)rf.e);')
            out.append('      P.ref_primal((double)rf.v, fz_v, (double)rf.e);')
        out.append('      double fd = NAN, fd2 = NAN;')
        if not low:
            fargs = ', '.join('t' if q is p else q.name for q in fn.params)
            out.append('      fzcheck::central([&](double t) { return %s(%s); }, %s, &fd, &fd2);'
                       % (q, fargs, p.name))
        else:
            fargs = ', '.join(q.name if q.ty not in FLOATS else ('DD(t)' if q is p else 'DD(%s)' % q.name)
                              for q in fn.params)
            out.append('      fzcheck::central([&](double t) { return (double)fzref::%s<DD, DD>(%s).v; }, '
                       '%s, &fd, &fd2);' % (fn.name, fargs, p.name))
        out.append('      P.partial("%s", g_%s, a_%s - %s(0.5), p_%s / 2, rd.d, rd.m, (double)rf.d, fd, fd2);'
                   % (p.name, p.name, p.name, p.ty, p.name))
        out.append('    }')
    out.append('  }')
    out.append('}')
    out.append('')


def render_main(prog, fns, checked=None):
    checked = fns if checked is None else checked
    out = ['// Checks for prog.cpp (seed %s). Generated by tests/fuzz/gen.py: do not edit.' % prog.seed,
           '#include "prog.cpp"', '#include "prog.grad.hpp"', '#include "prog.ref.hpp"', '#include "check.hpp"',
           '', '#include <cmath>', '']
    for fn in checked:
        render_check(fn, out)
    out.append('int main() {')
    for fn in checked:
        out.append('  check_%s();' % fn.name)
    out.append('  return fzcheck::report();')
    out.append('}')
    return '\n'.join(out) + '\n'


def write_program(prog, outdir, fns=None, checked=None):
    fns = prog.functions if fns is None else closure(fns)
    os.makedirs(outdir, exist_ok=True)
    files = {'prog.cpp': render_src(prog, fns), 'prog.ref.hpp': render_ref(prog, fns),
             'main.cpp': render_main(prog, fns, checked)}
    for name, text in files.items():
        with open(os.path.join(outdir, name), 'w') as f:
            f.write(text)
