"""Expression generation with magnitude bounds (see gen.py): every
expression carries an upper bound on |value|, and arguments are wrapped to
stay inside their function's domain."""

import math

from fz_ast import *  # noqa: F401,F403

P_RULE = 0.06  # a math call is a call of a function with a user rule (fz_lib.py)


class Var:
    def __init__(self, name, ty, b, nz=False, param=False, const=False):
        self.name, self.ty, self.b, self.nz, self.param, self.const = name, ty, b, nz, param, const
        self.level = 0  # loops around its declaration (fz_loops.py)
        self.budget = None  # headroom left for accumulations in the current loop nest


class ExprGen:
    def __init__(self, rng, name, mode, callees, consts, workarounds):
        self.workarounds = workarounds
        self.r = rng
        self.name = name
        self.mode = mode
        self.callees = callees  # earlier GRADC_GRAD functions
        self.consts = consts
        self.scopes = []
        self.counter = 0
        self.calls_left = 2 if callees else 0
        self.params = []
        self.names = set()  # every parameter and local name so far
        self.assigned = []  # names of floating variables, in order of assignment
        self.nest = 0  # if-branches around the statement being generated
        self.in_ternary = 0  # ?: arms around the expression being generated
        self.lib = None  # the program's library (fz_lib.py), if calls into it are allowed
        self.features = set()  # what of the library this function uses
        self.no_fd = False  # it calls a GRADC_NONDIFF scale

    # -- helpers
    def chance(self, p):
        return self.r.random() < p

    def fty(self):
        """A floating type for a new local or literal."""
        if self.mode == 'mixed':
            return self.r.choice(FLOATS)
        return self.mode

    def lit_ty(self):
        if self.mode == D:
            return F if self.chance(0.02) else D
        if self.mode == F:
            return D if self.chance(0.04) else F
        return self.r.choice(FLOATS)

    def lit(self, v, ty=None):
        ty = ty or self.lit_ty()
        style = self.r.choices(LIT_STYLES, LIT_STYLE_WEIGHTS)[0]
        return E('lit', ty, abs(v), val=v, sp=style)

    def vars(self, pred=lambda v: True):
        # An inner declaration hides an outer one of the same name ('shadow').
        seen = {}
        for sc in self.scopes:
            for v in sc:
                seen[v.name] = v
        return [v for v in seen.values() if pred(v)]

    def new_name(self, prefix):
        """A fresh local name; sometimes one that gradc's own names could
        collide with (adjoints d_<p>, temporaries, the seed d_ret, the result,
        a callee's generated functions)."""
        n = '%s%d' % (prefix, self.counter)
        self.counter += 1
        if self.chance(0.07):
            pool = ['d_' + p.name for p in self.params] + ['sel0', 'cond0', 't0', 'd_t0', 'd_ret', 'ret', 'result',
                                                           self.name, 'd_' + self.name]
            sfxs = ('_grad',) if 'callee-names' in self.workarounds else ('_primal', '_pullback', '_grad')
            pool += [f.name + sfx for f in self.callees[-3:] for sfx in sfxs]
            if 'name-probes' not in self.workarounds:
                # gradc's own names: renamed adjoints, tapes, kept values, the work buffer
                pool += ['d_%s_1' % p.name for p in self.params] + ['%s_tape' % p.name for p in self.params]
                pool += ['t', 't_kept', 'work', 'work_bytes', 'next', 'running', 'd_t', 'd_x_1', 'x_tape']
            pool = [x for x in pool if x not in self.names and x not in getattr(self, 'loop_vars', ())]
            if pool:
                n = self.r.choice(pool)
        self.names.add(n)
        return n

    def var_e(self, v):
        return E('var', v.ty, v.b, name=v.name, nz=v.nz)

    # -- typed constructors with bounds
    def bin(self, op, a, b):
        ty = promote(a.ty, b.ty)
        if op == '+' or op == '-':
            bd = a.b + b.b
        elif op == '*':
            bd = a.b * b.b
        else:
            lo = b.lo if b.lo else (1.0 if b.ty == I else abs(b.val or 1.0))
            bd = a.b / lo
        return E('bin', ty, bd, [a, b], op=op)

    def neg(self, a):
        return E('neg', a.ty, a.b, [a])

    def mcall(self, name, args, sp=None):
        tys = [a.ty for a in args]
        if sp is None:
            if name in STD_ONLY:
                sp = 'std'
            elif all(t == F for t in tys):
                sp = self.r.choices(['cf', 'std', 'c'], [45, 45, 10])[0]
            else:
                sp = self.r.choice(['c', 'std'])
        if name in ('min', 'max') and tys[0] != tys[1]:
            name = 'f' + name  # std::min needs one type; fmin promotes
        if name in ('fabs', 'abs') and sp == 'cf' and tys[0] != F:
            sp = 'std'
        _, rty = call_types(name, sp, tys)
        b = self.call_bound(name, args)
        return E('call', rty, b, args, name=name, sp=sp)

    def call_bound(self, name, args):
        a = args[0].b
        if name == 'exp' or name == 'expm1':
            return math.exp(min(a, 50))
        if name == 'exp2':
            return 2.0 ** min(a, 70)
        if name in ('log', 'log2', 'log10', 'log1p'):
            lo = args[0].lo or 0.5
            if name == 'log1p':
                lo = lo + 1.0
                hi = a + 1.0
            else:
                hi = a
            return max(abs(math.log(lo)), abs(math.log(max(hi, 1.0))), 0.1) * (1.5 if name != 'log' else 1.0)
        if name == 'sqrt':
            return math.sqrt(a)
        if name == 'cbrt':
            return a ** (1 / 3)
        if name == 'pow':
            lo = args[0].lo
            e = args[1].b
            if lo:
                return max(max(a, 1.0) ** e, (1.0 / lo) ** e if lo < 1 else 1.0)
            return max(a, 1.0) ** e
        if name == 'hypot':
            return a + args[1].b
        if name in ('sin', 'cos', 'tanh', 'erf'):
            return 1.0
        if name == 'tan':
            return math.tan(min(a, 1.3))
        if name in ('asin', 'atan'):
            return math.pi / 2
        if name in ('acos', 'atan2'):
            return math.pi
        if name in ('sinh', 'cosh'):
            return math.cosh(min(a, 50))
        if name in ('fabs', 'abs'):
            return a
        if name in ('fmin', 'fmax', 'min', 'max'):
            return max(a, args[1].b)
        if name == 'asinh':
            return math.asinh(a) + 0.1
        if name == 'acosh':
            return math.acosh(max(a, 1.0)) + 0.1
        if name == 'atanh':
            return math.atanh(min(a, 0.95))
        if name == 'erfc':
            return 2.0
        if name == 'fma':
            return a * args[1].b + args[2].b
        if name == 'copysign':
            return a
        if name == 'fdim':
            return a + args[1].b
        return a + 1.0  # floor ceil round trunc rint nearbyint

    # -- guards: expressions valid as a function's argument
    def c(self, v):
        return self.lit(v)

    def squash(self, e):
        k = self.r.randrange(5)
        if k == 0:
            return self.mcall('tanh', [e])
        if k == 1:
            return self.mcall('sin', [e])
        if k == 2:
            return self.mcall('atan', [e])
        if k == 3:
            return self.mcall('erf', [e])
        return self.mcall('tanh', [self.bin('*', self.c(0.5), e)])

    def small(self, e, lim):
        """e if its bound is <= lim, else a squashed version scaled to lim."""
        if e.b <= lim:
            return e
        s = self.squash(e)
        k = math.floor(lim / max(s.b, 1e-9) * 8) / 8
        if k <= 0:
            k = 0.125
        return self.bin('*', self.c(k), s) if k != 1.0 else s

    def pos(self, e):
        """A positive expression built from e, with a known lower bound (lo)."""
        k = self.r.randrange(6)
        c = self.r.choice([1.5, 2.0, 1.25, 2.5])
        if k <= 1 and e.b > 5:
            k = 2
        if k <= 1:
            r = self.bin('+', self.c(c), self.bin('*', e, e))
            r.lo = c
        elif k == 2:
            r = self.bin('+', self.c(c), self.mcall('fabs', [e]))
            r.lo = c
        elif k == 3:
            r = self.bin('+', self.c(c), self.mcall(self.r.choice(['sin', 'cos', 'tanh']), [e]))
            r.lo = c - 1.0
        elif k == 4:
            r = self.mcall('exp', [self.bin('*', self.c(0.5), self.mcall('tanh', [e]))])
            r.lo = 0.6
        else:
            r = self.bin('+', self.c(c), self.mcall('hypot', [e, self.c(0.5)]))
            r.lo = c
        return r

    def unit(self, e):
        """An expression with |value| <= 0.9."""
        k = self.r.randrange(4)
        if k == 0:
            return self.bin('*', self.c(0.9), self.mcall('tanh', [e]))
        if k == 1:
            return self.bin('*', self.c(0.8), self.mcall('sin', [e]))
        if k == 2:
            return self.bin('*', self.c(0.7), self.mcall('cos', [e]))
        return self.bin('*', self.c(0.5), self.mcall('erf', [e]))

    # -- expressions
    def leaf(self):
        fl = self.vars(lambda v: v.ty in FLOATS)
        r = self.r.random()
        if fl and r < 0.82:
            return self.var_e(self.r.choice(fl))
        if r < 0.88 and self.consts:
            cands = [c for c in self.consts if c[1] in FLOATS]
            if self.mode == D and self.chance(0.9):
                cands = [c for c in cands if c[1] == D]
            if cands:
                cn, cty, cv, _ = self.r.choice(cands)
                return E('const', cty, abs(cv), name=cn, val=cv)
        if 'neg-lits' not in self.workarounds and self.chance(0.25):
            return self.lit(-self.r.choice(LITS))  # x - -1.0, -(-0.5)
        return self.lit(self.r.choice(LITS))

    def int_leaf(self, nonzero=False, small=False):
        iv = self.vars(lambda v: v.ty == I and (v.nz or not nonzero) and (v.b <= 3 or not small))
        ic = [c for c in self.consts if c[1] == I]
        r = self.r.random()
        if iv and r < 0.7:
            return self.var_e(self.r.choice(iv))
        if ic and r < 0.8:
            cn, cty, cv, _ = self.r.choice(ic)
            return E('const', I, abs(cv), name=cn, val=cv, nz=cv != 0)
        v = self.r.choice([1, 2, 3])
        return E('lit', I, v, val=v, nz=True)

    def expr(self, depth):
        e = self._expr(depth)
        if e.b > CAP:
            e = self.squash(e)
        return e

    def _expr(self, depth):
        if depth <= 0:
            return self.leaf()
        r = self.r.random()
        if r < 0.30:
            op = self.r.choice('+-*')
            a = self.expr(depth - 1)
            if self.chance(0.12):
                b = self.int_leaf()
            else:
                b = self.expr(self.r.randrange(depth))
            if self.chance(0.5):
                a, b = b, a
            if op == '-' and src(a) == src(b):
                b = self.lit(self.r.choice(LITS))
            return self.bin(op, a, b)
        if r < 0.38:
            a = self.expr(depth - 1)
            k = self.r.randrange(5)
            if k <= 1:
                den = self.pos(self.expr(self.r.randrange(depth)))
            elif k == 2:
                den = self.lit(self.r.choice([0.5, 1.5, 2.0, 3.0, 0.75, 1.25]))
                den.lo = den.val
            elif k == 3:
                iv = self.vars(lambda v: v.ty == I and v.nz)
                if iv:
                    den = self.var_e(self.r.choice(iv))
                    den.lo = 1.0
                else:
                    den = self.pos(self.leaf())
            else:
                cands = [c for c in self.consts if c[1] in FLOATS and abs(c[2]) >= 0.5]
                if cands:
                    cn, cty, cv, _ = self.r.choice(cands)
                    den = E('const', cty, abs(cv), name=cn, val=cv, lo=abs(cv))
                else:
                    den = self.pos(self.leaf())
            return self.bin('/', a, den)
        if r < 0.42:
            if self.chance(0.1):
                a = self.expr(depth - 1)
                return E('plus', a.ty, a.b, [a])
            if 'neg-lits' not in self.workarounds and self.chance(0.25):
                k = self.r.randrange(3)
                if k != 1 and 'neg-neg-lit' in self.workarounds:
                    k = 1
                if k == 0:  # -(-1) * x: a negated negative int literal
                    c = E('neg', I, 1, [E('lit', I, 1, val=-self.r.choice([1, 2]), nz=True)], nz=True)
                    return self.bin('*', c, self.expr(depth - 1))
                if k == 1:  # -(-e)
                    return self.neg(self.neg(self.expr(depth - 1)))
                return self.neg(self.lit(-self.r.choice(LITS)))  # -(-0.5)
            return self.neg(self.expr(depth - 1))
        if r < 0.80:
            return self.math(depth)
        if r < 0.86:
            c = self.cond(depth - 1)
            self.in_ternary += 1
            a, b = self.expr(depth - 1), self.expr(depth - 1)
            self.in_ternary -= 1
            return self.ternary(c, a, b)
        if r < 0.90 and self.calls_left > 0:
            return self.ucall(depth)
        if r < 0.92:
            a = self.expr(depth - 1)
            ty = F if a.ty == D else D
            if self.mode == D and ty == F and not self.chance(0.1):
                ty = D
            if a.ty == ty:
                return a
            return E('cast', ty, a.b, [a], sp=self.r.choices(['static', 'c', 'func'], [6, 2, 2])[0])
        return self.leaf()

    def ternary(self, c, a, b):
        return E('cond', promote(a.ty, b.ty), max(a.b, b.b), [c, a, b])

    def ucall(self, depth):
        self.calls_left -= 1
        same = [f for f in self.callees if (f.mode == self.mode) == self.chance(0.8)]
        fn = self.r.choice(same or self.callees)
        args = []
        for p in fn.params:
            if p.default is not None and self.chance(0.5):
                break  # use the default argument
            if p.ty == B:
                args.append(self.cond(0))
            elif p.ty == I:  # callees assume |n| <= 3 (pow(base, n))
                args.append(self.int_leaf(nonzero=True, small=True))
            elif fn.wrt is not None and p.name not in fn.wrt:
                # A parameter the callee does not differentiate: pass a constant.
                args.append(self.lit(self.r.choice(LITS)))
            else:
                a = self.expr(self.r.randrange(depth))
                args.append(self.small(a, 2.0))
        e = E('ucall', fn.ret, fn.ret_bound, args, fn=fn)
        if fn.ns and (fn.ns != self.ns or self.chance(0.3)):
            e.sp = 'q'
        elif not fn.ns and self.ns and self.chance(0.3):
            e.sp = 'g'
        return e

    def math(self, depth):
        if self.lib and self.lib.of('rule') and self.chance(P_RULE):
            return self.rule_call(self.expr(depth - 1))
        names = list(MATH_WEIGHTS)
        name = self.r.choices(names, [MATH_WEIGHTS[n] for n in names])[0]
        a = self.expr(depth - 1)
        m = self.mcall
        if name in ('exp', 'expm1'):
            return m(name, [self.small(a, 3.0)])
        if name == 'exp2':
            return m(name, [self.small(a, 4.0)])
        if name in ('log', 'log2', 'log10', 'sqrt', 'cbrt'):
            arg = self.pos(a)
            if name == 'cbrt' and self.chance(0.3):
                arg = self.neg(arg)
            return m(name, [arg])
        if name == 'log1p':
            k = self.r.randrange(3)
            if k == 0 and a.b <= 5:
                arg = self.bin('*', a, a)
                arg.lo = 0.0
            elif k == 1:
                arg = self.bin('*', self.c(0.5), self.mcall('tanh', [a]))
                arg.lo = -0.5
            else:
                arg = self.pos(a)
            return m(name, [arg])
        if name == 'pow':
            k = self.r.randrange(5)
            if k == 0:  # positive base, active exponent
                base = self.pos(self.small(a, 3.0))
                ex = self.small(self.expr(self.r.randrange(depth)), 1.5)
                return m(name, [base, ex])
            if k == 1:  # any base, integral exponent
                ex = self.lit(self.r.choice([2.0, 3.0]))
                return m(name, [self.small(a, 4.0), ex])
            if k == 2:  # positive base, constant exponent
                ex = self.lit(self.r.choice([0.5, 1.5, -0.5, 2.5, -1.0]))
                return m(name, [self.pos(self.small(a, 3.0)), ex])
            if k == 3:  # int exponent
                iv = self.vars(lambda v: v.ty == I and v.b <= 3)
                if iv:
                    ex = self.var_e(self.r.choice(iv))
                    base = self.pos(self.small(a, 1.0))
                    base.lo = base.lo or 0.5
                    return m(name, [base, ex])
                ex = E('lit', I, 2, val=2)
                return m(name, [self.small(a, 4.0), ex])
            base = self.small(a, 3.0)  # a constant positive base, active exponent
            c = self.lit(self.r.choice([1.5, 2.0, 0.5, 3.0]))
            c.lo = c.val
            return m(name, [c, self.small(base, 2.0)])
        if name == 'hypot':
            b = self.expr(self.r.randrange(depth))
            args = [a, self.pos(b)] if self.chance(0.5) else [self.pos(b), a]
            return m(name, args)
        if name in ('sin', 'cos', 'atan', 'tanh', 'erf'):
            return m(name, [a])
        if name == 'tan':
            return m(name, [self.small(a, 1.2)])
        if name in ('asin', 'acos'):
            return m(name, [self.unit(a)])
        if name == 'atan2':
            b = self.expr(self.r.randrange(depth))
            args = [a, self.pos(b)] if self.chance(0.6) else [self.pos(b), a]
            return m(name, args)
        if name in ('sinh', 'cosh'):
            return m(name, [self.small(a, 3.0)])
        if name in ('fabs', 'abs', 'floor', 'ceil', 'round', 'trunc', 'rint', 'nearbyint', 'asinh', 'erfc'):
            return m(name, [a])
        if name == 'atanh':
            return m(name, [self.unit(a)])
        if name == 'acosh':  # 1.5 + s * s >= 1.5
            s = self.small(a, 3.0)
            arg = self.bin('+', self.c(1.5), self.bin('*', s, s))
            arg.lo = 1.5
            return m(name, [arg])
        if name == 'fma':
            b = self.expr(self.r.randrange(depth)) if self.chance(0.7) else self.leaf()
            c = self.expr(self.r.randrange(depth)) if self.chance(0.5) else self.leaf()
            return m(name, [self.small(a, 4.0), self.small(b, 4.0), c])
        if name in ('copysign', 'fdim'):
            b = self.expr(self.r.randrange(depth)) if self.chance(0.7) else self.leaf()
            if src(a) == src(b):
                b = self.lit(self.r.choice(LITS))
            return m(name, [a, b])
        # fmin fmax min max
        b = self.expr(self.r.randrange(depth)) if self.chance(0.7) else self.leaf()
        if src(a) == src(b):
            b = self.lit(self.r.choice(LITS))
        if self.chance(0.5):
            a, b = b, a
        if name in ('min', 'max') and a.ty != b.ty:
            if self.chance(0.5):
                t = promote(a.ty, b.ty)
                if a.ty != t:
                    a = E('cast', t, a.b, [a])
                else:
                    b = E('cast', t, b.b, [b])
        return m(name, [a, b])

    def cond(self, depth):
        r = self.r.random()
        if depth > 0 and r < 0.22:
            a, b = self.cond(depth - 1), self.cond(depth - 1)
            # clang -Wtautological-overlap-compare: (n < 0 && n >= 1)
            while int_lit_cmp(a) and int_lit_cmp(b) and a.args[0].name == b.args[0].name:
                b = self.cond(depth - 1)
            return E('and' if r < 0.12 else 'or', B, 0, [a, b])
        if depth > 0 and r < 0.28:
            return E('not', B, 0, [self.cond(depth - 1)])
        bv = self.vars(lambda v: v.ty == B)
        if bv and r < 0.40:
            return self.var_e(self.r.choice(bv))
        iv = self.vars(lambda v: v.ty == I)
        if iv and r < 0.50:
            a = self.var_e(self.r.choice(iv))
            b = E('lit', I, 1, val=self.r.choice([-1, 0, 1, 2]))
            return E('cmp', B, 0, [a, b], op=self.r.choice(['<', '>', '<=', '>=', '==', '!=']))
        if iv and r < 0.56:
            a = self.expr(min(depth, 1))
            b = self.var_e(self.r.choice(iv))
            if self.chance(0.5):
                a, b = b, a
            return self.cmp(self.r.choice(['<', '>', '<=', '>=']), a, b)
        a = self.expr(min(depth, 1))
        b = self.expr(min(depth, 1)) if self.chance(0.6) else self.leaf()
        if src(a) == src(b):
            b = self.lit(self.r.choice(LITS))
        op = self.r.choices(['<', '>', '<=', '>=', '==', '!='], [5, 5, 3, 3, 1, 1])[0]
        return self.cmp(op, a, b)

    def cmp(self, op, a, b):
        if op in ('==', '!='):
            # clang -Wliteral-range: float == a double literal float cannot hold
            for x, y in ((a, b), (b, a)):
                if x.k == 'lit' and x.ty == D and y.ty == F and to_f32(x.val) != x.val:
                    x.val = 0.5
        return E('cmp', B, 0, [a, b], op=op)

    # -- statements
