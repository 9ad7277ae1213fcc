"""Rendering: prog.cpp (the marked functions) and prog.ref.hpp (the same
functions as templates over Dual types); main.cpp (the checks) is fz_check.py."""

import copy
import os
import re

from fz_ast import *  # noqa: F401,F403
from fz_check import render_main
import fz_struct
from fz_spell import view_decls
import fz_spell2
import fz_spell3
import fz_spell4
from fz_lib import LIB_HEADER, checked_functions, lib_header, lib_ref


# ---- finalize: every variable is read somewhere (-Wunused-*) ------------------------------

def reads(block, acc):
    for s in walk_stmts(block):
        for e in stmt_exprs(s):
            for x in walk_expr(e):
                if x.k in ('var', 'idx'):
                    acc.add(x.name)
    return acc


def use_term(name, ty, fty, arr=False, small=False):
    """An expression reading variable (or array) `name`, to add to something.
    small: bounded by 0.001 (inside loops, where it is added every trip)."""
    v = E('idx', ty, 1.0, [E('lit', I, 0, val=0)], name=name) if arr else E('var', ty, 1.0, name=name)
    c = 0.001 if small else 0.25
    if ty == B:
        return E('cond', fty, c, [v, E('lit', fty, c, val=c), E('lit', fty, c, val=-c)])
    if small:
        v = E('call', D if ty != F else F, 1.0, [v], name='tanh', sp='std')
    return E('bin', promote(fty, v.ty), 1.0, [E('lit', fty, c, val=c), v], op='*')


def finalize(fn):
    """A copy of fn whose every parameter, local and local array is read."""
    fn2 = copy.copy(fn)
    fn2.body = copy.deepcopy(fn.body)
    lty = F if fn.mode == F else D
    anchor = [p for p in fn.params if p.ty in FLOATS and not p.const and not p.arr][0]

    def fix_block(block, top, in_loop):
        for s in block:
            if s.k in ('if', 'for'):
                fix_block(s.then, False, in_loop or s.k == 'for')
                if s.els:
                    fix_block(s.els, False, in_loop)
        if top:
            return
        used = reads(fn2.body, set())
        for s in list(block):
            if s.k in ('decl', 'adecl') and s.name not in used:
                term = use_term(s.name, s.ty, lty, small=in_loop, arr=s.k == 'adecl')
                if block and block[-1].k == 'ret':
                    r = block[-1]
                    r.e = E('bin', promote(r.e.ty, term.ty), 1.0, [r.e, term], op='+')
                else:
                    block.append(Stmt('assign', name=anchor.name, op='+=', e=term, ty=anchor.ty))

    fix_block(fn2.body, True, False)
    used = reads(fn2.body, set())
    terms = []
    for p in fn.params:
        if p.arr == 'struct':
            if not any(re.match(r'%s\W' % p.name, n) for n in used):
                path, ty = p.stype.leaves()[0]
                terms.append(use_term(fz_struct.member(p, path), ty, lty))
        elif p.arr == 'sarr' and p.name not in used:
            path, ty = p.stype.leaves()[0]
            term = use_term(p.name, ty, lty, arr=True)
            term.args[1].sp = '.' + path
            terms.append(term)
        elif p.name not in used and p.arr != 'out':
            terms.append(use_term(p.name, p.ty, lty, arr=bool(p.arr)))
    for s in fn2.body:
        if s.k in ('decl', 'adecl') and s.name not in used:
            terms.append(use_term(s.name, s.ty, lty, arr=s.k == 'adecl'))
    r = fn2.body[-1] if fn2.body else None  # (the minimizer may empty a void function's body)
    if r is not None and r.k == 'ret':
        for term in terms:
            r.e = E('bin', promote(r.e.ty, term.ty), 1.0, [r.e, term], op='+')
    else:  # a void function: into its first output
        out = fn.outputs()[0]
        for term in terms:
            st = Stmt('aassign', name=out.name, op='+=', e=term, ty=out.ty)
            st.idx = E('lit', I, 0, val=0)
            fn2.body.append(st)
    return fn2


# ---- rendering ----------------------------------------------------------------------------

def last_trip(hi, cmp):
    """The counter's last value in `for (...; i < hi / i <= hi; ++i)`."""
    if cmp == '<=':
        return src(hi)
    if hi.k == 'lit':
        return str(hi.val - 1)
    return '%s - 1' % (('(%s)' % src(hi)) if hi.k == 'cond' else src(hi))


def render_block(block, ind, mode, out, ret_ty):
    pad = '  ' * ind
    i = 0
    heap = []  # arrays this block allocates (fz_spell4.py), freed at its end
    while i < len(block):
        s = block[i]
        i += 1
        if heap and s.k == 'ret':
            if s.e is not None:
                out.append('%sconst %s hr_%s = %s;' % (pad, ret_ty, heap[0].name, src(s.e)))
            out += [pad + fz_spell4.heap_free(h) for h in heap]
            out.append('%sreturn%s;' % (pad, '' if s.e is None else ' hr_' + heap[0].name))
            continue
        if s.k == 'decl':
            if mode == 'src':
                decls = [s]
                while decls[-1].join and i < len(block) and block[i].k == 'decl':
                    decls.append(block[i])
                    i += 1
                if s.lam:  # fz_spell.py
                    out.append('%sauto %s = %s() { return %s; };' % (pad, s.lam[0], s.lam[1], src(s.e)))
                if mode == 'src' and s.spell and len(decls) == 1 and (s.spell.get('decl') or s.spell.get('after')):
                    init = None if s.e is None else (src_bool(s.e) if s.ty == B else src(s.e))
                    lines = fz_spell2.decl_lines(s, init)
                    if lines is None:
                        lines = ['%s%s %s%s;' % ('const ' if s.const else '', s.tyname or s.ty, s.name,
                                                 '' if init is None else ' = ' + init)]
                    out += [pad + line for line in lines + s.spell.get('after', [])]
                    continue
                parts = []
                for d in decls:
                    if d.lam:
                        parts.append('%s = %s()' % (d.name, d.lam[0]))
                    elif d.e is None:
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
                    if s.lam:
                        out.append('%sauto %s = %s() { return %s; };' % (pad, s.lam[0], s.lam[1], e))
                        e = '%s()' % s.lam[0]
                    out.append('%s%s %s = %s;' % (pad, t, s.name, e))
        elif s.k == 'assign':
            nxt = block[i] if i < len(block) else None
            if mode == 'src' and s.spell.get('fold') and getattr(fz_spell2.fold_target(s, nxt), 'fold', None) is s:
                s.spell['on'] = True  # fz_spell2.py: spelled inside nxt, `(v op= e)`
                continue
            if mode == 'src' and s.spell.get('comma') and nxt is not None and nxt.k == 'assign' and not (
                    nxt.spell.get('fold') or nxt.spell.get('comma')):
                s.spell['comma'] = False
                a, b = render_lines([s], ind, mode, ret_ty), render_lines([nxt], ind, mode, ret_ty)
                s.spell['comma'] = True
                out.append(a[0][:-1] + ', ' + b[0].strip())  # fz_spell2.py: `a = e1, b += e2;`
                i += 1
                continue
            name = fz_spell2.lhs_src(s) if mode == 'src' else s.name
            if s.op[:2] in ('++', '--'):
                if mode == 'src':
                    out.append(('%s%s%s;' % (pad, s.op[:2], name)) if s.op.endswith('pre')
                               else ('%s%s%s;' % (pad, name, s.op[:2])))
                else:
                    out.append('%s%s = (%s %s %s(1));' % (pad, s.name, s.name, s.op[0], REF_T[s.ty]))
            elif s.ty in (B, I):  # carried bool / int state (fz_loops.py)
                e = src_bool(s.e) if s.ty == B else src(s.e)
                if mode == 'ref':
                    e = ref_bool(s.e) if s.ty == B else ref(s.e)
                out.append('%s%s %s %s;' % (pad, s.name, s.op, e))
            elif mode == 'src':
                out.append('%s%s %s %s;' % (pad, name, s.op, src(s.e)))
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
        elif s.k == 'aassign':
            lhs = '%s[%s]' % (s.name, src(s.idx))
            if mode == 'src':
                lhs = s.spell.get('lhs_whole') or lhs + s.spell.get('member', '')  # (fz_spell4.py: range-for)
                out.append('%s%s %s %s;' % (pad, lhs, s.op, src(s.e)))
            elif s.op == '=':
                out.append('%s%s = %s;' % (pad, lhs, ref_cast(s.e, s.ty)))
            else:
                t = promote(s.ty, s.e.ty)
                cur = lhs if t == s.ty else '%s(%s)' % (REF_T[t], lhs)
                rhs = '(%s %s %s)' % (cur, s.op[0], ref_cast(s.e, t))
                out.append('%s%s = %s;' % (pad, lhs, rhs if t == s.ty else '%s(%s)' % (REF_T[s.ty], rhs)))
        elif s.k == 'call':
            out.append('%s%s;' % (pad, src(s.e) if mode == 'src' else ref(s.e)))
        elif s.k == 'adecl':
            t = (s.spell.get('struct') or s.tyname or s.ty) if mode == 'src' else REF_T[s.ty]
            init = ' = {}' if s.zero else ''
            if s.init:  # fz_spell.py
                init = ' = {%s}' % ', '.join(src(x) if mode == 'src' else ref_cast(x, s.ty) for x in s.init)
            if mode == 'src' and s.spell.get('heap'):
                out.append(pad + fz_spell4.heap_decl(s, t))
                heap.append(s)
                continue
            out.append('%s%s %s[%d]%s;' % (pad, t, s.name, s.size, init))
        elif s.k == 'void':
            if mode == 'src' and s.spell.get('inout'):  # (fz_spell4.py in_out)
                out += [pad + line for line in s.spell['inout']]
            else:
                out.append('%s(void)%s;' % (pad, s.name))
        elif s.k in ('continue', 'break'):
            out.append('%s%s;' % (pad, s.k))
        elif s.k == 'for':
            start, cond = str(s.lo), '%s %s %s' % (s.name, s.cmp, src(s.e))
            if s.desc:  # fz_spell.py: the same trips, from the last one down
                start = last_trip(s.e, s.cmp)
                cond = '%s >= %d' % (s.name, s.lo)
            if s.xc is not None:  # i < len && err > tol
                cond += ' && %s' % (src_bool(s.xc) if mode == 'src' else ref_bool(s.xc))
            head = '%sfor (int %s = %s; %s; %s)' % (pad, s.name, start, cond, s.incr)
            if mode == 'src' and s.spell.get('range'):  # fz_spell4.py
                head = '%sfor (%s : %s)' % (pad, s.spell['range'], s.spell['range_of'])
            if mode == 'src' and s.wloop:  # fz_spell.py: the same loop as a while
                out.append('%s{' % pad)
                out.append('%s  int %s = %s;' % (pad, s.name, start))
                out.append('%s  while (%s) {' % (pad, cond))
                render_block(s.then, ind + 2, mode, out, ret_ty)
                out.append('%s    %s;' % (pad, s.incr))
                out.append('%s  }' % pad)
                out.append('%s}' % pad)
            elif mode == 'src' and s.spell.get('stride') and not s.spell.get('range'):
                # fz_spell.py: the step in a local the loop only reads
                out.append('%s{' % pad)
                out.append('%s  int st_%s = %d;' % (pad, s.name, s.step))
                out.append('%s  for (int %s = %s; %s; %s += st_%s) {' % (pad, s.name, start, cond, s.name, s.name))
                render_block(s.then, ind + 2, mode, out, ret_ty)
                out.append('%s  }' % pad)
                out.append('%s}' % pad)
            elif mode == 'src' and not s.brace:
                out.append(head)
                render_block(s.then, ind + 1, mode, out, ret_ty)
            else:
                out.append(head + ' {')
                render_block(s.then, ind + 1, mode, out, ret_ty)
                out.append('%s}' % pad)
        elif s.k == 'ret':
            out.append('%sreturn %s;' % (pad, src(s.e) if mode == 'src' else ref_cast(s.e, ret_ty)))
        elif s.k == 'if':
            line = fz_spell4.cond_lhs_src(s, pad) if mode == 'src' and s.spell.get('cond-lhs') else None
            if line:  # fz_spell4.py
                out.append(line)
                continue
            if mode == 'src' and s.spell.get('switch') is not None:
                sw = fz_spell2.switch_lines(s, pad, lambda b, extra: render_lines(b, ind + extra, mode, ret_ty))
                if sw is not None:
                    out += sw
                    continue
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
    if heap and not (block and block[-1].k == 'ret'):
        out += [pad + fz_spell4.heap_free(h) for h in heap]


def render_lines(block, ind, mode, ret_ty):
    out = []
    render_block(block, ind, mode, out, ret_ty)
    return out


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
    kind = {'jacobian': 'GRADC_JACOBIAN', 'hessian': 'GRADC_HESSIAN'}.get(getattr(fn, 'fwd', None), 'GRADC_GRAD')
    if fn.wrt is None:
        return kind
    return '%s_WRT(%s)' % (kind, fn.wrt_sep.join(fn.wrt))


def render_src_fn(fn, out):
    f = finalize(fn)
    if fn.tmpl:
        out.append('template <class T>')
    head = fz_spell3.member_head(fn, marker(fn))
    out += head or [marker(fn), '%s%s %s(%s) {' % (fn.spec + ' ' if fn.spec else '', fn.ret_tyname or fn.ret, fn.name,
                                                   ', '.join(p.spelled() for p in fn.params))]
    out += ['  ' + d for d in view_decls(f.body, fn.params)]
    render_block(f.body, 1, 'src', out, fn.ret)
    out.append('}')
    if fn.tmpl:  # explicit instantiations: gradc writes a gradient for each
        for t in (('float', 'double') if getattr(fn, 'float_first', False) else ('double', 'float')):
            ps = ', '.join(re.sub(r'\bT\b', t, p.spelled()) for p in fn.params)
            out.append('template %s %s<%s>(%s);' % (t if fn.ret == D else fn.ret, fn.name, t, ps))
    out.append('')


def used_helpers(prog, fns):
    """The library helpers in prog.cpp that fns call, in library order."""
    used = set()
    for fn in fns:
        for s in walk_stmts(fn.body):
            for e in stmt_exprs(s):
                used |= {id(x.fn) for x in walk_expr(e) if x.k == 'ucall' and getattr(x.fn, 'lib', False)}
    return [h for h in prog.lib.helpers if id(h) in used and h.kind != 'rule']


def render_helper(h, mode, out):
    if mode == 'src':
        if h.ns:
            out.append('namespace %s {' % h.ns)
        if h.nondiff:
            out.append('GRADC_NONDIFF')
        out.append('%s %s %s(%s) {' % (h.spec, h.ret, h.name, ', '.join(p.spelled() for p in h.params)))
        lines = fz_spell3.helper_lines(h) if getattr(h, 'mv', None) else None
        if lines is not None:
            out += lines + ['}'] + (['}  // namespace %s' % h.ns] if h.ns else []) + ['']
            return
    else:
        out.append('template <class D, class F>')
        out.append('%s %s(%s) {' % (REF_T.get(h.ret, h.ret), h.name, ', '.join(p.ref_spelled() for p in h.params)))
    render_block(h.body, 1, mode, out, h.ret)
    out.append('}')
    if mode == 'src' and h.ns:
        out.append('}  // namespace %s' % h.ns)
    out.append('')


def render_ref_fn(fn, out):
    f = finalize(fn)
    out.append('template <class D, class F>')
    out.append('%s %s(%s) {' % (REF_T.get(fn.ret, fn.ret), fn.ref_name(),
                                ', '.join(p.ref_spelled() for p in fn.params)))
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
           '#include <gradc/gradc.h>', '', '#include <algorithm>', '#include <cmath>', '',
           '#include "%s"' % LIB_HEADER, '']
    if any(getattr(p, 'shape', None) == 'vector' for fn in fns for p in fn.params):
        out.insert(4, '#include <vector>')
    for name, ty, v, cexpr in used_consts(prog, fns):
        out.append(fz_spell3.const_line(prog, name, ty, v, cexpr))
    text = []
    for h in used_helpers(prog, fns):
        render_helper(h, 'src', text)
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
    if re.search(r'\bLP[df]\b', body):  # local structs (fz_spell2.py)
        out += fz_spell2.STRUCT_DEFS
    if re.search(r'\bLC[df]\b', body):  # local structs with constructors (fz_spell4.py)
        out += fz_spell4.CTOR_DEFS
    if 'std::pair<' in body or 'std::swap(' in body:
        out.insert(4, '#include <utility>')
    if re.search(r'std::(malloc|calloc)', body):  # heap arrays (fz_spell4.py)
        out.insert(4, '#include <cstdlib>')
    return '\n'.join(out) + '\n\n' + body + '\n'


def render_ref(prog, fns):
    out = ['// Forward-mode reference of prog.cpp (seed %s): D = double, F = float.' % prog.seed,
           '// Generated by tests/fuzz/gen.py: do not edit.',
           '#include "dual.hpp"', '#include "%s"' % LIB_HEADER, '', 'namespace fzref {', '']
    out += lib_ref(prog.lib)
    for h in used_helpers(prog, fns):
        render_helper(h, 'ref', out)
    for fn in checked_functions(fns):
        render_ref_fn(fn, out)
    out.append('}  // namespace fzref')
    return '\n'.join(out) + '\n'


def write_program(prog, outdir, fns=None):
    """prog.cpp and prog.ref.hpp; main.cpp comes after gradc (write_main)."""
    fns = prog.functions if fns is None else closure(fns)
    os.makedirs(outdir, exist_ok=True)
    files = {'prog.cpp': render_src(prog, fns), 'prog.ref.hpp': render_ref(prog, fns), LIB_HEADER: lib_header(prog.lib, prog.workarounds)}
    for name, text in files.items():
        with open(os.path.join(outdir, name), 'w') as f:
            f.write(text)


def work_functions(header_text):
    """{function: the parameter names of its f_grad_work_bytes} for the
    functions whose gradient takes a work buffer. A template's instantiations
    each have their own, keyed 'f<float>' (f_grad_work_bytes<float>(...)), and
    one may need a buffer where the other does not (seed 619: float's loop
    keeps a running flag per trip, double's keeps nothing)."""
    out = {}
    for name, targs, params in re.findall(r'std::size_t (\w+)_grad_work_bytes(<[^>(]*>)?\(([^)]*)\) \{', header_text):
        out[name + targs] = [p.split()[-1].strip('/*') for p in params.split(',') if p.strip()]
    return out


def forward_types(header_text):
    """{function: {'J': type of f_jacobian's J, 'H': of f_hessian's H, 'HS': f_hessian_sparse written}} (fz_forward.py)."""
    out = {}
    for name, ty in re.findall(r'\b(\w+)_jacobian\([^)]*\b(\w+)\* J\)', header_text):
        out.setdefault(name, {})['J'] = ty
    for name, ty in re.findall(r'\b(\w+)_hessian\([^)]*\b(\w+)\* H(?:, void\* \w+, std::size_t \w+)?\)', header_text):
        out.setdefault(name, {})['H'] = ty
    for name in re.findall(r'\binline \w+ (\w+)_hessian_sparse\(', header_text):  # (not written for mixed types)
        out.setdefault(name, {})['HS'] = True
    # f_hvp's own work buffer (its tapes may differ from f_grad's after cleanup)
    for name, params in re.findall(r'std::size_t (\w+)_hvp_work_bytes\(([^)]*)\) \{', header_text):
        out.setdefault(name, {})['HW'] = [p.split()[-1].strip('/*') for p in params.split(',') if p.strip()]
    return out


def write_main(prog, outdir, fns=None, checked=None, work=(), fwd=None, c99=None):
    fns = prog.functions if fns is None else closure(fns)
    with open(os.path.join(outdir, 'main.cpp'), 'w') as f:
        f.write(render_main(prog, fns, checked, work, prog.workarounds, fwd or {}, c99 or {}))
