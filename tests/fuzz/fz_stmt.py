"""Statement and function generation (see gen.py)."""

import copy
import random

from fz_ast import *  # noqa: F401,F403
from fz_expr import ExprGen, Var
from fz_lib import P_LIB, P_TMPL, LibGen, templatize
from fz_struct import P_SARR, P_STRUCT, struct_arrays, struct_param, struct_vars
from fz_loops import ArrayVar, LoopGen
from fz_render import use_term

ARRAY_NAMES = ['xs', 'ws']


class FnGen(ExprGen, LoopGen, LibGen):
    def declare(self, v):
        v.level = len(self.loops)
        self.scopes[-1].append(v)

    def leaf(self):
        if self.arrays and self.chance(0.5 if self.loops else 0.12):
            e = self.array_read()
            if e is not None:
                return e
        return ExprGen.leaf(self)

    def assign_target(self):
        fl = self.vars(lambda v: v.ty in FLOATS and not v.const)
        return self.r.choice(fl)

    def stmt_assign(self, depth, v=None, op=None):
        v = v or self.assign_target()
        if self.outer(v):
            s = self.bounded_assign(v, depth)
            self.assigned.append(v.name)
            return s
        op = op or self.r.choices(['=', '+=', '-=', '*=', '/=', '++'], [40, 30, 20, 20, 10, 4])[0]
        if op == '++':
            op = self.r.choice(['++pre', '++post', '--pre', '--post'])
            v.b += 1
            return Stmt('assign', name=v.name, op=op, ty=v.ty)
        if op == '=':
            e = self.expr(depth)
            if v.param and self.chance(0.6) and v.name not in [x.name for x in walk_expr(e) if x.k == 'var']:
                # keep the parameter's influence: x = x <op> e
                e = self.bin(self.r.choice('+-*'), self.var_e(v), self.small(e, 1.5))
            if e.b > VAR_CAP:
                e = self.squash(e)
            nb = e.b
        elif op in ('+=', '-='):
            e = self.expr(depth)
            if v.b + e.b > VAR_CAP:
                e = self.small(e, 1.0)
            nb = v.b + e.b
        elif op == '*=':
            e = self.expr(depth)
            if v.b * e.b > VAR_CAP:
                e = self.small(e, max(1.0, VAR_CAP / max(v.b, 1.0)))
                if v.b * e.b > VAR_CAP:
                    e = self.small(e, 1.0)
            nb = v.b * e.b
        else:
            e = self.pos(self.expr(depth - 1))
            nb = v.b / e.lo
        if src(e) == v.name and op == '=':  # t = t; (clang -Wself-assign)
            e = self.bin('*', e, self.lit(0.5))
        v.b = max(v.b, nb)
        self.assigned.append(v.name)
        return Stmt('assign', name=v.name, op=op, e=e, ty=v.ty)

    def stmt_decl(self, depth):
        """A floating local: [const] T t = e; auto t = e; or T t; then assigned."""
        ty = self.fty()
        if len(self.scopes) > 1 and self.on('shadow', 0.08):
            return self.shadow_decl(depth, ty)
        name = self.new_name('t')
        r = self.r.random()
        if r < 0.08:
            # Declared without a value, assigned right after (or in both branches).
            v = Var(name, ty, 0.0)
            v.level = len(self.loops)
            s = Stmt('decl', ty=ty, name=name)
            out = [s]
            if self.chance(0.5):
                out.append(self.stmt_assign(depth, v, '='))
            else:
                c = self.cond(0)
                self.nest += 1
                a1 = self.stmt_assign(depth, v, '=')
                a2 = self.stmt_assign(depth, v, '=')
                self.nest -= 1
                out.append(Stmt('if', e=c, then=[a1], els=[a2]))
            self.declare(v)
            return out
        e = self.expr(depth)
        s = Stmt('decl', ty=ty, name=name, e=e)
        if r < 0.16:
            s.ty = ty = e.ty
            s.tyname = 'auto'
        elif r < 0.22:
            s.tyname = self.r.choice([a for a, (_, t) in ALIASES.items() if t == ty])
        if self.chance(0.12):
            s.const = True
        self.declare(Var(name, ty, e.b, const=s.const))
        self.assigned.append(name)
        return [s]

    def shadow_decl(self, depth, ty):
        """A local of a nested scope named like a variable outside ('shadow'),
        read right away (a use of the inner one)."""
        inner = {v.name for v in self.scopes[-1]}
        loops = {lp.var for lp in self.loops}
        cands = [v for v in self.vars() if v.name not in inner and v.name not in loops and v.ty in FLOATS
                 and v.name.isidentifier()]
        anchor = [p for p in self.params if p.ty in FLOATS and not p.const and not p.arr]
        if not anchor:
            return []
        # (never the anchor: finalize() adds reads of unused locals to it)
        cands = [v for v in cands if v.name != anchor[0].name]
        e = self.small(self.expr(depth), 2.0)
        # (the new name is in scope in its own initializer: `double y = -y;` reads itself)
        cands = [v for v in cands if v.name not in {x.name for x in walk_expr(e)}]
        if not cands:
            return []
        hidden = self.r.choice(cands)
        name = hidden.name
        a = [v for v in self.vars() if v.name == anchor[0].name][0]

        def use(ty):
            # (finalize() sees reads by name only: both the hidden variable and
            # the new one are read here, so neither is unused)
            if self.outer(a):  # inside a loop: a bounded contribution
                return Stmt('assign', name=a.name, op='+=', ty=a.ty, e=use_term(name, ty, a.ty, small=True))
            a.b += 0.25
            return Stmt('assign', name=a.name, op='+=', ty=a.ty, e=use_term(name, ty, a.ty))
        before = use(hidden.ty)
        self.features.add('shadow')
        self.declare(Var(name, e.ty, e.b))
        self.assigned.append(name)
        return [before, Stmt('decl', ty=e.ty, name=name, e=e), use(e.ty)]

    def block(self, n, depth, nest, allow_return):
        out = []
        returned = False
        for i in range(n):
            if self.lib and self.chance(P_LIB):
                lib = self.stmt_lib(depth)
                if lib:
                    out += lib
                    continue
            r = self.r.random()
            if r < 0.38:
                out += self.stmt_decl(depth)
                if len(out) >= 2 and out[-2].k == out[-1].k == 'decl' and out[-1].e is not None and \
                        out[-2].e is not None and out[-2].tyname is None and out[-1].tyname is None and \
                        (out[-2].ty, out[-2].const) == (out[-1].ty, out[-1].const) and self.chance(0.4):
                    out[-2].join = True  # double a = e1, b = e2;
            elif r < 0.72:
                out.append(self.stmt_assign(depth))
            elif r < 0.80 and self.loops_left > 0 and not self.loops and nest < 2:
                out += self.stmt_loop(depth, nest)
            elif r < 0.88 and nest < 2:
                s, ret = self.stmt_if(depth, nest, allow_return and not returned)
                returned = returned or ret
                out.append(s)
            elif r < 0.94:
                name = self.new_name('b')
                e = self.cond(1)
                self.declare(Var(name, B, 0))
                out.append(Stmt('decl', ty=B, name=name, e=e))
            else:
                name = self.new_name('k')
                iv = self.vars(lambda v: v.ty == I)
                a = self.var_e(self.r.choice(iv)) if iv and self.chance(0.8) else self.int_leaf()
                k = self.r.randrange(5)
                if k == 3:
                    c = E('lit', I, 2, val=2, nz=True)
                    e = E('bin', I, a.b, [a, c], op=self.r.choice('/%'))
                elif k == 4:
                    e = E('cond', I, a.b, [self.cond(0), a, E('neg', I, a.b, [copy.deepcopy(a)], nz=a.nz)],
                          nz=a.nz)
                elif k == 0:
                    c = E('lit', I, 2, val=self.r.choice([2, 3, -1]), nz=True)
                    e = E('bin', I, a.b * 3, [a, c], op='*', nz=a.nz)
                elif k == 1:
                    c = E('lit', I, 1, val=self.r.choice([1, 2]), nz=True)
                    e = E('bin', I, a.b * a.b + 2, [E('bin', I, a.b * a.b, [a, copy.deepcopy(a)], op='*'), c],
                          op='+', nz=True)
                else:
                    c = E('lit', I, 1, val=self.r.choice([1, 2]), nz=True)
                    e = E('bin', I, a.b + 2, [a, c], op=self.r.choice('+-'))
                self.declare(Var(name, I, e.b, nz=e.nz))
                out.append(Stmt('decl', ty=I, name=name, e=e))
        return out, returned

    def stmt_if(self, depth, nest, allow_return):
        cond = self.cond(1 if self.chance(0.6) else 0)
        ret_branch = self.r.randrange(3) if allow_return and self.chance(0.3) else -1
        then = self.branch(depth, nest, ret_branch == 0)
        els = None
        r = self.r.random()
        if r < 0.35:
            pass
        elif r < 0.75:
            els = self.branch(depth, nest, ret_branch == 1)
        else:
            cond2 = self.cond(1 if self.chance(0.5) else 0)
            then2 = self.branch(depth, nest, ret_branch == 1)
            els2 = self.branch(depth, nest, ret_branch == 2) if self.chance(0.7) else None
            els = [Stmt('if', e=cond2, then=then2, els=els2)]
        s = Stmt('if', e=cond, then=then, els=els)
        simple = lambda b: b is not None and len(b) == 1 and b[0].k in ('assign', 'ret')
        if simple(then) and (els is None or simple(els)) and self.chance(0.3):
            s.brace = False
        return s, ret_branch >= 0

    def branch(self, depth, nest, ret):
        self.nest += 1
        self.scopes.append([])
        saved = {v.name: v.b for v in self.vars()}
        body = self.scoped_array(depth, nest + 1) if self.on('branch-arrays', 0.12) else []
        body += self.block(self.r.randint(1, 3), max(1, depth - 1), nest + 1, False)[0]
        if ret:
            body.append(Stmt('ret', e=self.expr(depth)))
        self.scopes.pop()
        self.drop_scoped_arrays()
        self.nest -= 1
        # Bounds only grow: a variable keeps the larger bound of both paths.
        for v in self.vars():
            v.b = max(v.b, saved.get(v.name, v.b))
        return body


P_ARRAYS = 0.35  # functions over arrays (and loops)
P_LOOPS = 0.25  # scalar functions with loops


def scalar_params(rng, mode):
    nf = rng.choices([1, 2, 3, 4], [20, 35, 30, 15])[0]
    ni = rng.choices([0, 1, 2], [55, 35, 10])[0]
    params = []
    for nm in PARAM_NAMES[:nf]:
        params.append(Param(nm, mode if mode != 'mixed' else rng.choice(FLOATS)))
    for nm in INT_PARAM_NAMES[:ni]:
        params.insert(rng.randrange(len(params) + 1), Param(nm, I))
    if rng.random() < 0.06:
        params.insert(rng.randrange(len(params) + 1), Param('flag', B))
    if mode == 'mixed' and all(p.ty == params[0].ty for p in params if p.ty in FLOATS):
        fl = [p for p in params if p.ty in FLOATS]
        fl[0].ty = F if fl[0].ty == D else D
    return params


def array_params(rng, mode, params, length, sized=False):
    """Input arrays, maybe a flat 2-D one (rows x length), an output, a size
    (always if sized)."""
    aty = lambda: mode if mode != 'mixed' else rng.choice(FLOATS)  # noqa: E731
    arrs = []
    for nm in ARRAY_NAMES[:rng.choice([1, 1, 2])]:
        arrs.append(Param(nm, aty(), arr='fixed' if rng.random() < 0.2 else 'in', length=length))
    rows = 0
    if rng.random() < 0.25:
        rows = rng.choice([2, 3])
        arrs.append(Param('W', aty(), arr='in', length=rows * length))
    if rng.random() < 0.3:
        arrs.append(Param('out', aty(), arr='out', length=length))
    for p in arrs:
        params.insert(rng.randrange(len(params) + 1), p)
    size = None
    if rng.random() < 0.5 or sized:
        size = Param('len', I)
        size.size = True
        params.insert(rng.randrange(len(params) + 1), size)
    return rows, size


def gen_function(rng, name, callees, consts, workarounds, ns='', lib=None, side_seed=None):
    mode = rng.choices([D, F, 'mixed'], [45, 35, 20])[0]
    # A template is written in double without constants or calls, then
    # spelled with T (fz_lib.templatize) if nothing else crept in.
    tmpl = mode == D and rng.random() < P_TMPL and 'templates' not in workarounds
    if tmpl:
        consts, callees, lib = [], [], None
    params = scalar_params(rng, mode)
    arrays = rng.random() < P_ARRAYS and 'loops' not in workarounds
    # A template over a run-time trip count: its float and double gradients
    # each need a work buffer of their own size ('tmpl-work').
    tmpl_work = tmpl and 'tmpl-work' not in workarounds and 'loops' not in workarounds and rng.random() < 0.5
    arrays = arrays or tmpl_work
    loops = arrays or (rng.random() < P_LOOPS and 'loops' not in workarounds)
    length = rng.choice([3, 4, 5, 6])
    rows, size = array_params(rng, mode, params, length, tmpl_work) if arrays else (0, None)
    if size is not None and 'work-bytes-unused-int' in workarounds:
        params = [p for p in params if p.ty != I or p.size]  # only the size sizes the work buffer
    if lib and lib.structs and rng.random() < P_STRUCT:
        params.insert(rng.randrange(len(params) + 1), struct_param(rng, lib.structs[0]))
    if lib and lib.structs and arrays and rng.random() < P_SARR:
        params.insert(rng.randrange(len(params) + 1), struct_param(rng, lib.structs[1], 'ps', length))
    outs = [p for p in params if p.arr == 'out']
    ret = mode if mode != 'mixed' else rng.choice(FLOATS)
    if outs and rng.random() < 0.3:
        ret = 'void'
    wrt = None
    inputs = [p for p in params if p.ty in FLOATS and p.arr != 'out']
    if rng.random() < 0.3:
        fl = [p.name for p in inputs]
        wrt = rng.sample(fl, rng.randint(1, len(fl)))
        if rng.random() < 0.7:
            wrt = [p for p in fl if p in wrt]
    sc = [p for p in params if p.ty in FLOATS and not p.arr]
    if len(sc) >= 2 and rng.random() < (0.05 if 'name-probes' in workarounds else 0.12):
        a, b = rng.sample(sc, 2)  # a parameter named like another's adjoint
        b.name = 'd_' + a.name
        if 'name-probes' not in workarounds and rng.random() < 0.6:
            # ... or like gradc's other names: renamed adjoints, tapes, the work buffer
            taken = {p.name for p in params}
            b.name = rng.choice([x for x in ['d_%s_1' % a.name, '%s_tape' % a.name, 'work', 'work_bytes',
                                             't', 't_kept', 'next', 'i', 'd_ret'] if x not in taken])
        if wrt is not None:
            wrt = [p.name for p in inputs if p.name in wrt or p is b][:len(wrt)]
    for i, p in enumerate(sc):
        if rng.random() < 0.08 and not tmpl:
            p.tyname = rng.choice([a for a, (_, t) in ALIASES.items() if t == p.ty])
        if i > 0 and rng.random() < 0.06:
            p.const = True
    if params[-1].ty in FLOATS and not params[-1].arr and rng.random() < 0.08 and not tmpl:
        params[-1].default = rng.choice([0.5, 1.5, 2.0, 0.25])
    # Callees: scalar signatures only, and no loop of run-time length (its
    # work buffer cannot be passed through a call yet: a diagnostic).
    ok_callees = [f for f in callees if not any(p.arr for p in f.params) and not f.has_loops(runtime_only=True)
                  and not f.tmpl]
    g = FnGen(rng, name, mode, ok_callees, consts, workarounds)
    g.ns = ns
    g.lib = lib
    # Returns inside loops (fz_loops.loop_return): not with outputs, which
    # would keep the caller's values on that path.
    g.side = random.Random(side_seed) if side_seed and ret != 'void' and not outs else None
    big = rng.random() < 0.1
    if big:
        g.calls_left = 4 if ok_callees else 0
    g.params = params
    g.names = {p.name for p in params}
    g.scopes.append([Var(p.name, p.ty, 2.0 if p.ty in FLOATS else (length if p.size else 3.0),
                         nz=p.ty == I and not p.size, param=True, const=p.const)
                     for p in params if not p.arr])
    for p in params:
        if p.arr == 'struct':
            g.scopes[0] += struct_vars(p)
            g.features.add('struct')
    g.init_loops(length, g.scopes[0][[p.name for p in params if not p.arr].index('len')] if size else None,
                 (rng.choice([1, 2, 3]) if loops else 0))
    g.rows = rows
    for p in params:
        if p.arr == 'sarr':
            g.arrays += struct_arrays(p)
            g.features.add('struct-array')
        elif p.arr and p.arr != 'struct':
            a = ArrayVar(p.name, p.ty, p.length, 'out' if p.arr == 'out' else 'in', 2.0, p.arr != 'out')
            a.rows = rows if p.name == 'W' else 0
            g.arrays.append(a)
    n = rng.randint(10, 22) if big else rng.randint(1, 9)
    depth = rng.choice([2, 3, 4] if big else [1, 2, 2, 3])
    # No early return with outputs: they would keep the caller's values on that path.
    body, _ = g.block(n, depth, 0, ret != 'void' and not outs)
    body += g.finish_outputs(depth)
    if ret != 'void':
        ret_e = g.expr(rng.choice([1, 2, 3]))
        # The result reads the variables assigned last, so that their values matter.
        top = {v.name: v for v in g.scopes[0] if v.ty in FLOATS}
        recent = []
        for nm in reversed(g.assigned):
            if nm in top and nm not in recent:
                recent.append(nm)
        for nm in recent[:rng.choice([1, 2, 3])]:
            term = g.small(g.var_e(top[nm]), 4.0)
            ret_e = g.bin(rng.choice('+-*') if ret_e.b * term.b < CAP else '+', ret_e, term)
        body += dead_store(g, body, ret_e)
        body.append(Stmt('ret', e=ret_e))
    fn = Function(name, ret, params, wrt, body, mode, sample_points(rng, params, length))
    fn.ns = ns
    fn.spec = rng.choices(['', 'static', 'inline'], [90, 5, 5])[0]
    fn.wrt_sep = rng.choices([', ', ',', ' , '], [80, 10, 10])[0]
    fn.features = g.features
    fn.no_fd = g.no_fd or any(c.no_fd for c in fn.callees())  # a callee's scale moves too
    if tmpl and templatize(fn):
        fn.spec = ''
        fn.features.add('template')
        # Instantiated for float first: a work size shared by both would be float's.
        fn.float_first = 'tmpl-float-first' not in workarounds and rng.random() < 0.5
        if size is not None:
            fn.features.add('template-len')
    elif ret != 'void' and rng.random() < 0.08:
        fn.ret_tyname = rng.choice([a for a, (_, t) in ALIASES.items() if t == ret])
    fn.ret_bound = 1.0
    for s in walk_stmts(body):
        if s.k == 'ret':
            fn.ret_bound = max(fn.ret_bound, min(s.e.b, 1e6))
    return fn


def dead_store(g, body, ret_e):
    """('dead-stores') Before the return, a variable read before but not by the
    return is overwritten with something steep or overflowing
    (`y = std::exp(800.0 * x) / x;`): its adjoint is dead, the gradient
    must not see inf * 0."""
    if not g.on('dead-stores', 0.1):
        return []
    read_ret = {x.name for x in walk_expr(ret_e) if x.k == 'var'}
    read = set()
    for st in walk_stmts(body):
        for e in stmt_exprs(st):
            read |= {x.name for x in walk_expr(e) if x.k == 'var'}
    plain = [v for v in g.scopes[0] if v.ty in FLOATS and v.name.isidentifier()]
    cands = [v for v in plain if not v.const and v.name in read and v.name not in read_ret]
    if not cands:
        return []
    v = g.r.choice(cands)
    g.features.add('dead-store')
    # exp(800 * x) overflows: dead-store-inf (gen.KNOWN_BUGS), exp(8 * x) does not
    c = g.lit(g.r.choice([8.0] if 'dead-store-inf' in g.workarounds else [8.0, 800.0, 90.0]), D if v.ty == D else F)
    steep = g.mcall('exp', [g.bin('*', c, g.var_e(g.r.choice(plain)))], sp='std')
    e = g.bin('/', steep, g.var_e(g.r.choice(plain))) if g.chance(0.6) else steep
    return [Stmt('assign', name=v.name, op='=', e=e, ty=v.ty)]


def sample_points(rng, params, length):
    """3 points in [-2, 2], 1 in [-0.5, 0.5], 1 tie (two scalar inputs equal,
    or a single one at 0): the last is "special", no finite differences."""
    points = []
    for i in range(5):
        pt = {}
        for p in params:
            lim = 2.0 if i < 3 else 0.5
            if p.arr == 'out':
                continue
            if p.arr in ('struct', 'sarr'):
                tys = [ty for _, ty in p.stype.leaves()] * (p.length if p.arr == 'sarr' else 1)
                vals = [round(rng.uniform(-lim, lim), 6) for _ in tys]
                pt[p.name] = [to_f32(v) if ty == F else v for v, ty in zip(vals, tys)]
            elif p.arr:
                vals = [round(rng.uniform(-lim, lim), 6) for _ in range(p.length)]
                pt[p.name] = [to_f32(v) if p.ty == F else v for v in vals]
            elif p.ty == B:
                pt[p.name] = rng.random() < 0.5
            elif p.size:
                pt[p.name] = rng.choice([0, 1, length - 1, length, length, length])
            elif p.ty == I:
                pt[p.name] = rng.choice([-3, -2, -1, 1, 2, 3])
            else:
                v = round(rng.uniform(-lim, lim), 6)
                pt[p.name] = to_f32(v) if p.ty == F else v
        if i == 4:
            fl = [p for p in params if p.ty in FLOATS and not p.arr]
            if len(fl) >= 2:
                a, b = rng.sample(fl, 2)
                pt[b.name] = to_f32(pt[a.name]) if (a.ty == F or b.ty == F) else pt[a.name]
                pt[a.name] = pt[b.name]
            else:
                pt[fl[0].name] = 0.0
        points.append(pt)
    return points
