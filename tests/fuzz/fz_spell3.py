"""Program-level spellings and constructs of the session of 2026-12-07 (see
fz_spell2.py for the per-function ones), each from a random stream of its
own, behind its flag:
  mutable-globals  a file-level constant of prog.cpp (and prog_c.cpp) written
                   as a mutable global, `double K0 = 0.75;`, which main.cpp
                   sets to 0.8 times its value before any check: gradc must
                   read it by name when the gradient runs, not its
                   initializer; the reference reads the same variable. Not for
                   a constant read (through marked callees too) by a function
                   calling a user rule or a GRADC_NONDIFF helper (gradc
                   rejects that: such code could change the global).
  helper-moving    a reduce or map helper (fz_lib.py) walks its arrays with
                   moving pointers: `const T* p = a; ... s += e(*p); ++p;`,
                   or one pointer switching between its two arrays in every
                   trip, `const T ea = p[i]; p = b; const T eb = p[i]; p = a;`,
                   or `T* q = out; ... *q = e; ++q;`; and (helper-twice) a
                   function over two input arrays of its type calls it twice,
                   on different arrays, first thing: `T hm0 = aux2(x, 4);
                   T hm1 = aux2(y, 4);` or `T hm0 = aux2(x, y, 4) + aux2(y, x,
                   4);` (the shape of a bug found by hand: bindings of the
                   first inlining seen by the second).
"""

import random

from fz_ast import E, Stmt, FLOATS, I, walk_expr, walk_stmts, stmt_exprs, src

FLAGS = ('mutable-globals', 'helper-moving', 'helper-twice')


# ---- mutable globals ---------------------------------------------------------------------

def _fn_nodes(fn):
    return [x for s in walk_stmts(fn.body) for e in stmt_exprs(s) for x in walk_expr(e)]


def mutable_globals(prog, seed, workarounds):
    """Makes some constants mutable globals and adds some (prog.consts); returns
    {name: its initializer}, a value main.cpp replaces by the one the
    functions were generated with before any check."""
    rng = random.Random('gradc-fuzz-globals:%s' % seed)
    if 'mutable-globals' in workarounds:
        return {}
    reads, opaque, closure = {}, {}, {}
    for fn in prog.functions:  # callees come first
        nodes = _fn_nodes(fn)
        callees = [x.fn for x in nodes if x.k == 'ucall' and not getattr(x.fn, 'lib', False)]
        reads[fn.name] = {x.name for x in nodes if x.k == 'const'}.union(*[reads[c.name] for c in callees])
        opaque[fn.name] = any(x.k == 'ucall' and getattr(x.fn, 'lib', False) and (x.fn.nondiff or x.fn.kind == 'rule')
                              for x in nodes) or any(opaque[c.name] for c in callees)
        closure[fn.name] = {fn.name}.union(*[closure[c.name] for c in callees])
    # functions no opaque function reaches (gradc: code it does not see into could write a global)
    seen_by_opaque = set().union(*[closure[f.name] for f in prog.functions if opaque[f.name]])
    out = {}
    for name, ty, v, _ in prog.consts:
        if ty in FLOATS and rng.random() < 0.6 and not any(
                name in reads[f.name] and f.name in seen_by_opaque for f in prog.functions):
            out[name] = 3.0 * v + 1.0
    # a float literal of some other functions read from a global of its own: `g_f3`
    for fn in prog.functions:
        lits = [x for x in _fn_nodes(fn) if x.k == 'lit' and x.ty in FLOATS and x.sp != 'T']
        if fn.name in seen_by_opaque or fn.tmpl or not lits or rng.random() >= 0.3:
            continue
        x = rng.choice(lits)
        name = 'g_' + fn.name
        prog.consts.append((name, x.ty, x.val, False))
        x.k, x.name, x.sp = 'const', name, None
        out[name] = 3.0 * x.val + 1.0
        fn.features.add('global')
    return out


def const_line(prog, name, ty, v, cexpr):
    from fz_ast import fmt_lit
    if name in getattr(prog, 'mutable', {}):  # main.cpp sets it to v
        return '%s %s = %s;' % (ty, name, fmt_lit(prog.mutable[name], ty))
    return '%s %s %s = %s;' % ('constexpr' if cexpr else 'const', ty, name, fmt_lit(v, ty))


def main_sets(prog, fns):
    """main.cpp's first statements: the mutable globals prog.cpp defines get the
    values the functions were generated with (gradc must not use the initializer)."""
    from fz_render import used_consts
    from fz_ast import fmt_lit
    mut = getattr(prog, 'mutable', {})
    return ['  %s = %s;' % (name, fmt_lit(v, ty)) for name, ty, v, _ in used_consts(prog, fns) if name in mut]


# ---- helpers walking their arrays with moving pointers -------------------------------------

def moving_helpers(lib, seed, workarounds):
    rng = random.Random('gradc-fuzz-hmove:%s' % seed)
    for h in lib.helpers:
        h.mv = None
        if h.kind not in ('reduce', 'map') or 'helper-moving' in workarounds or rng.random() >= 0.6:
            continue
        two = h.kind == 'reduce' and len(h.params) == 3
        h.mv = rng.choice(['step', 'switch', 'switch'] if two else ['step', 'offset'])
        h.mv_rng = rng.random()


def helper_lines(h):
    """The src body of a helper with moving pointers, or None (its shape changed)."""
    r = random.Random(h.mv_rng)
    t = h.ty
    reads = {}
    for s in walk_stmts(h.body):
        for e in stmt_exprs(s):
            for x in walk_expr(e):
                if x.k == 'var' and x.name in ('a[i]', 'b[i]'):
                    reads.setdefault(x.name, []).append(x)
    step = r.choice(['++%s;', '%s++;', '%s += 1;'])
    out = []
    if h.kind == 'reduce' and len(h.body) == 3 and h.body[1].k == 'for' and len(h.body[1].then) == 1:
        decl, loop, ret = h.body
        acc = loop.then[0]
        out.append('%s s = %s;' % (t, src(decl.e)))
        pre, post, inner = [], [], []
        if h.mv == 'switch':  # one pointer, moved to b and back in every trip
            pre.append('const %s* p = a;' % t)
            inner = ['const %s ea = p[i];' % t, 'p = b;', 'const %s eb = p[i];' % t, 'p = a;']
            alts = {'a[i]': ['ea'], 'b[i]': ['eb']}
        elif h.mv == 'step':
            pre.append('const %s* p = a;' % t)
            post.append(step % 'p')
            alts = {'a[i]': ['*p', 'p[0]']}
            if 'b[i]' in reads:
                pre.append('const %s* q = b;' % t)
                post.append(step % 'q')
                alts['b[i]'] = ['*q', 'q[0]', 'b[i]']
                reads['b[i]'][0].alt = '*q'  # (q is read at least once)
        else:  # offset: declared one past its start, moved back, read at i
            pre += ['const %s* p = a + 1;' % t, 'p = a;']
            alts = {'a[i]': ['p[i]', '*(p + i)']}
        for name, nodes in reads.items():
            for x in nodes:
                if not (x.alt == '*q' and x is nodes[0]):
                    x.alt = r.choice(alts.get(name, [name]))
        out += pre + ['for (int i = 0; i < n; ++i) {'] + ['  ' + line for line in inner]
        out += ['  s %s %s;' % (acc.op, src(acc.e))] + ['  ' + line for line in post] + ['}', 'return s;']
    elif h.kind == 'map' and len(h.body) == 1 and h.body[0].k == 'for' and len(h.body[0].then) == 1:
        st = h.body[0].then[0]
        for x in reads.get('a[i]', []):
            x.alt = r.choice(['*p', 'p[0]'])
        out += ['const %s* p = a;' % t, '%s* q = out;' % t, 'for (int i = 0; i < n; ++i) {',
                '  %s = %s;' % (r.choice(['*q', 'q[0]']), src(st.e)), '  ' + step % 'p', '  ' + step % 'q', '}']
    else:
        return None
    return ['  ' + line for line in out]


def inline_twice(fn, lib, seed, workarounds):
    """Two calls of one moving-pointer reduce helper on different arrays, first in fn's body."""
    rng = random.Random('gradc-fuzz-htwice:%s:%s' % (seed, fn.name))
    if 'helper-twice' in workarounds or fn.tmpl or lib is None or rng.random() >= 0.5:
        return
    for h in lib.of('reduce'):
        arrs = [p for p in fn.params if p.arr in ('in', 'fixed') and p.ty == h.ty]
        if getattr(h, 'mv', None) and len(arrs) >= 2:
            break
    else:
        return
    x, y = rng.sample(arrs, 2)
    n = min(x.length, y.length)
    two = len(h.params) == 3

    def call(a, b):
        args = [E('var', h.ty, 2.0, name=a.name)] + ([E('var', h.ty, 2.0, name=b.name)] if two else [])
        e = E('ucall', h.ret, h.ret_bound, args + [E('lit', I, n, val=n)], fn=h)
        e.sp = 'q' if h.ns else None
        return e
    names = {s.name for s in walk_stmts(fn.body)} | {p.name for p in fn.params}
    if 'hm0' in names or 'hm1' in names:
        return
    if rng.random() < 0.5:
        body = [Stmt('decl', ty=h.ty, name='hm0', e=call(x, y)), Stmt('decl', ty=h.ty, name='hm1', e=call(y, x))]
    else:
        e = E('bin', h.ty, 2 * h.ret_bound, [call(x, y), call(y, x)], op=rng.choice('+-'))
        body = [Stmt('decl', ty=h.ty, name='hm0', e=e)]
    fn.body[:0] = body
    fn.features |= {'reduce', 'helper-twice'}


# ---- marked member functions ------------------------------------------------------------

def members(prog, seed, workarounds):
    """Some functions whose first parameter is `const S0& s` become marked members
    of S0, `GRADC_GRAD double S0::f3(double x) const { ... a ... this->v[1] ...
    (*this).m0() ... }` (declared in S0 in prog_lib.hpp, defined in prog.cpp):
    gradc writes S0_f3_grad(const S0& self, ..., S0* d_self, ...), which the
    checks call like f3_grad. Not for functions another one calls, templates,
    forward markers, namespaces, static/inline, default arguments, lambdas, or
    loops of run-time length (no work buffer)."""
    import re
    rng = random.Random('gradc-fuzz-member:%s' % seed)
    if 'member-fns' in workarounds:
        return
    called = {x.fn.name for f in prog.functions for x in _fn_nodes(f) if x.k == 'ucall'}
    for fn in prog.functions:
        p0 = ([p for p in fn.params if p.arr == 'struct'] or [None])[0]
        if (p0 is None or p0.sptr or fn.tmpl or fn.ns or fn.spec or getattr(fn, 'fwd', None)
                or fn.name in called or any(p.default is not None or (p.arr in ('struct', 'sarr') and p is not p0)
                                            for p in fn.params)  # (P0 is declared after S0)
                or any(s.lam or (s.k == 'for' and (s.xc is not None or s.e.k != 'lit')) or (s.k == 'void' and s.name == p0.name)
                       for s in walk_stmts(fn.body))
                or rng.random() >= 0.6):
            continue
        nodes = [x for x in _fn_nodes(fn) if x.k == 'var' and x.name.startswith(p0.name + '.')]
        if not nodes:
            continue
        taken = {p.name for p in fn.params} | {s.name for s in walk_stmts(fn.body)}
        for x in nodes:
            path = x.name[len(p0.name) + 1:]  # a, v[1], in.p, m0()
            styles = ['this->', '(*this).'] + (['', ''] if re.match(r'\w+', path).group() not in taken else [])
            x.alt = rng.choice(styles) + path
        fn.member = p0.stype.name
        fn.params.remove(p0)  # the object first (its checks and reference follow fn.params)
        fn.params.insert(0, p0)
        p0.stype.decls = getattr(p0.stype, 'decls', []) + ['  %s %s(%s) const;' % (
            fn.ret, fn.name, ', '.join(header_spelled(p) for p in fn.params[1:]))]
        fn.features.add('member-fn')


def header_spelled(p):
    """A parameter in prog_lib.hpp, where prog.cpp's type aliases are not."""
    import copy
    q = copy.copy(p)
    q.tyname = None
    return q.spelled()


def member_of(fn):
    """The struct fn is a member of, or None (also when the minimizer dropped its object)."""
    m = getattr(fn, 'member', None)
    if m and fn.params and fn.params[0].arr == 'struct' and fn.params[0].stype.name == m:
        return m
    return None


def grad_prefix(fn):
    m = member_of(fn)
    return '%s_%s' % (m, fn.name) if m else fn.qualified()


def work_key(fn):
    m = member_of(fn)
    return '%s_%s' % (m, fn.name) if m else fn.name


def value_call(fn, args):
    """The call of fn itself (args: the arguments' spellings)."""
    if member_of(fn):
        return '%s.%s(%s)' % (args[0], fn.name, ', '.join(args[1:]))
    return '%s(%s)' % (fn.qualified(), ', '.join(args))


def member_head(fn, marker):
    """The definition's first line of a member function, or None."""
    m = member_of(fn)
    if not m:
        return None
    if fn.wrt is not None:
        names = ['this' if n == fn.params[0].name else n for n in fn.wrt]
        marker = marker[:marker.index('(') + 1] + ', '.join(names) + ')'
    return ['%s' % marker, '%s %s::%s(%s) const {' % (fn.ret_tyname or fn.ret, m, fn.name,
                                                     ', '.join(p.spelled() for p in fn.params[1:]))]
