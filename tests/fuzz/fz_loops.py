"""Loops and arrays for the generator (see README.md in this folder).

Counted loops `for (int i = lo; i < hi; i += step)` with constant bounds or a
size parameter (`i < len`, `i < len - 1`), nested, with `if`, `continue` and
`break` in their bodies, reading input arrays (`const T*`, `const T p[N]`)
and local arrays, writing local arrays and output arrays (`T*`, a
vector-Jacobian product), and carrying scalars from one trip to the next.

Magnitudes stay bounded without knowing the trip count: a variable declared
outside a loop gets, on entering it, a fixed bound B (its bound plus a
headroom H); inside the loop every assignment to it keeps |v| <= B:
contractions `v = c*v + e` with |e| <= (1-c)B, factors of at most 1
(`v *= 0.5 + 0.4*tanh(e)`, `v /= 1.5 + e*e`), bounded replacements, and
accumulations `v += e` that each take half of the remaining headroom divided
by the trips of the loops between v's declaration and the statement.
"""

from fz_ast import *  # noqa: F401,F403
from fz_expr import Var  # noqa: F401

H = 2.0  # headroom a variable gets for accumulations over one loop nest
LOOP_VARS = ['i', 'j', 'q']
P_LOOP_RETURN = 0.35  # loop bodies with `if (c) return e;` (functions returning a value, no outputs)


class Loop:
    """A loop being generated: its variable's range [lo, top] and trips."""

    def __init__(self, var, lo, top, trips):
        self.var, self.lo, self.top, self.trips = var, lo, top, trips
        self.jumped = False  # a continue or break so far in its body
        self.updated = False  # an element overwrite so far in its body (or a nested one)
        self.runtime = False  # its trip count (or an enclosing loop's) is known at run time only


class ArrayVar:
    """An array the body may use: kind 'in', 'local' or 'out'; readable once
    every element has a value (local arrays: after a loop writing them all,
    or from the start when zero-initialized)."""

    def __init__(self, name, ty, length, kind, b, readable):
        self.name, self.ty, self.length, self.kind, self.b, self.readable = name, ty, length, kind, b, readable
        self.level = 0  # loops around its declaration
        self.budget = None
        self.rows = 0  # a flat 2-D array: rows x (the function's length)
        self.member = None  # '.x': a member of an array of structs (fz_struct.py)


class LoopGen:
    """Mixed into FnGen: expects self.r, self.scopes, self.expr(), self.small()..."""

    def init_loops(self, length, size_param, max_loops):
        self.length = length  # elements of the 1-D arrays
        self.size_param = size_param  # a Var or None
        self.loops = []
        self.arrays = []
        self.loops_left = max_loops
        self.rows = 0  # rows of a flat 2-D input (W[i * length + j]), 0 if none
        # Loop variables; sometimes named like gradc's temporaries or a helper's parameters.
        self.loop_vars = LOOP_VARS
        if 'name-probes' not in self.workarounds and self.chance(0.2):
            self.loop_vars = self.r.choice([['t', 'i', 'j'], ['i', 't', 'k'], ['k', 'j', 't'], ['j', 'i', 'q']])

    def within_counter_range(self, c):
        """A jump's `counter OP literal` with the literal inside the counter's
        range: one outside makes the jump constant and the rest of the body
        dead, where g++ -Wmaybe-uninitialized finds indices past an array
        (`if (j >= -1) break;` before `a[3 - j]`, j in [1, 3]: seed 7309)."""
        if not int_lit_cmp(c):
            return
        for lp in self.loops:
            if getattr(lp.var, 'name', lp.var) == c.args[0].name and not lp.runtime and lp.top > lp.lo:
                c.args[1].val = min(max(c.args[1].val, lp.lo + 1), lp.top)

    def on(self, flag, p):
        """A construct controlled by a flag (gen.KNOWN_BUGS): generated with
        probability p unless the flag is steered around."""
        return flag not in self.workarounds and self.chance(p)

    def drop_scoped_arrays(self):
        """Forget the arrays declared in a scope that just closed."""
        self.arrays = [a for a in self.arrays if getattr(a, 'scope', 0) <= len(self.scopes)]

    def scoped_array(self, depth, nest):
        """Statements declaring a local array in the current (nested) scope
        and filling it there ('scoped-arrays'): every element by a loop or
        one by one, or `= {}` and some of them."""
        ty = self.fty()
        name = self.new_name('a')
        L = self.length
        a = ArrayVar(name, ty, L, 'local', 1.0, False)
        a.level, a.scope = len(self.loops), len(self.scopes)
        s = Stmt('adecl', ty=ty, name=name)
        s.size = L
        s.zero = self.chance(0.4)
        self.arrays.append(a)
        self.features.add('scoped-array' if self.loops else 'branch-array')
        out = [s]
        if not s.zero and self.loops_left > 0 and len(self.loops) < 2 and self.chance(0.5):
            return out + self.stmt_loop(depth, nest, target=a)
        ks = range(L) if not s.zero else sorted(self.r.sample(range(L), self.r.randint(0, min(2, L))))
        for k in ks:
            st = Stmt('aassign', name=name, op='=', e=self.small(self.expr(depth), a.b), ty=ty)
            st.idx = E('lit', I, k, val=k)
            out.append(st)
        a.readable = True
        return out

    def carried_state(self, pre, no_bool=False):
        """A bool or int declared before a loop and updated in it ('carried-state'):
        `bool c = false;` ... `c = c || x > y;`, `int c = 0;` ... `c += 1;`."""
        name = self.new_name('c')
        ty = self.r.choice([B, I])
        if no_bool:
            ty = I
        e = E('lit', I, 0, val=0) if ty == I else E('var', B, 0, name='false')
        v = Var(name, ty, 36 if ty == I else 0)  # an int counts up to the trips (<= 36)
        self.features.add('carried-' + ty)
        self.declare(v)
        pre.append(Stmt('decl', ty=ty, name=name, e=e))
        return v

    def carried_update(self, v):
        if v.ty == B:
            c = self.cond(0)
            itself = c.k == 'var' and c.name == v.name
            if itself:  # c = c; (clang -Wself-assign)
                c = E('not', B, 0, [c])
            # (never c || !c: clang -Wtautological-negation-compare)
            e = E('or', B, 0, [self.var_e(v), c]) if self.chance(0.5) and not itself else c
            return Stmt('assign', name=v.name, op='=', ty=B, e=e)
        if self.chance(0.5):
            return Stmt('assign', name=v.name, op='+=', ty=I, e=E('lit', I, 1, val=1, nz=True))
        one = E('bin', I, v.b, [self.var_e(v), E('lit', I, 1, val=1, nz=True)], op='+')
        return Stmt('assign', name=v.name, op='=', ty=I, e=E('cond', I, v.b, [self.cond(0), one, self.var_e(v)]))

    # ---- array reads
    def index_options(self, a):
        """Index expressions valid for every trip of the enclosing loops."""
        L = a.length
        one = E('lit', I, 1, val=1, nz=True)
        out = [E('lit', I, c, val=c, nz=c != 0) for c in sorted({0, L - 1})]
        for lp in self.loops:
            iv = E('var', I, lp.top, name=lp.var)
            if lp.lo >= 0 and lp.top <= L - 1:
                out += [iv, iv, iv, E('bin', I, L - 1, [E('lit', I, L - 1, val=L - 1), iv], op='-')]
                if lp.top <= L - 2:
                    out.append(E('bin', I, lp.top + 1, [iv, one], op='+'))
            if lp.lo >= 1 and lp.top <= L:
                out.append(E('bin', I, lp.top, [iv, one], op='-'))
        if a.rows and len(self.loops) >= 2:
            o, n = self.loops[-2], self.loops[-1]
            if o.lo >= 0 and o.top < a.rows and n.lo >= 0 and n.top < self.length:
                iv, jv = E('var', I, o.top, name=o.var), E('var', I, n.top, name=n.var)
                row = E('bin', I, L, [iv, E('lit', I, self.length, val=self.length)], op='*')
                out += [E('bin', I, L, [row, jv], op='+')] * 4
        return out

    def array_read(self):
        """An element of a readable array, or None."""
        cands = [a for a in self.arrays if a.readable and a.kind != 'out']
        if not cands:
            return None
        a = self.r.choice(cands)
        idx = self.r.choice(self.index_options(a))
        return E('idx', a.ty, a.b, [idx], name=a.name, sp=a.member)

    # ---- bounded updates of variables declared outside the current loop
    def outer(self, v):
        return getattr(v, 'level', 0) < len(self.loops)

    def trips_since(self, level):
        t = 1
        for lp in self.loops[level:]:
            t *= max(1, lp.trips)
        return t

    def bounded_assign(self, v, depth):
        """An assignment to v, declared outside the current loop: |v| <= v.b stays."""
        k = self.r.randrange(6)
        if k == 0 or (k == 1 and v.budget is not None and v.budget < 0.01):
            c = self.r.choice([0.5, 0.25, 0.75])
            e = self.small(self.expr(depth), (1 - c) * v.b)
            return Stmt('assign', name=v.name, op='=', ty=v.ty,
                        e=self.bin('+', self.bin('*', self.lit(c), self.var_e(v)), e))
        if k == 1 and v.budget is not None:
            share = v.budget / 2
            v.budget -= share
            e = self.small(self.expr(depth), share / self.trips_since(v.level))
            return Stmt('assign', name=v.name, op=self.r.choice(['+=', '-=']), ty=v.ty, e=e)
        if k == 2:
            f = self.bin('+', self.lit(0.5), self.bin('*', self.lit(0.4), self.mcall('tanh', [self.expr(depth)])))
            return Stmt('assign', name=v.name, op='*=', ty=v.ty, e=f)
        if k == 3:
            a = self.small(self.expr(depth - 1), 2.0)
            den = self.bin('+', self.lit(1.5), self.bin('*', a, a))
            den.lo = 1.5
            return Stmt('assign', name=v.name, op='/=', ty=v.ty, e=den)
        if k == 4:
            e = self.small(self.expr(depth), v.b)
            if src(e) == v.name:  # z = z; (clang -Wself-assign; campaign seed 600032)
                e = self.bin('*', e, self.lit(0.5))
            return Stmt('assign', name=v.name, op='=', ty=v.ty, e=e)
        # v = v * s + (1 - |s|) e-ish: a contraction through a sine
        e = self.small(self.expr(depth), 0.5 * v.b)
        s = self.bin('*', self.lit(0.5), self.mcall('sin', [self.var_e(v)]))
        return Stmt('assign', name=v.name, op='=', ty=v.ty, e=self.bin('+', self.small(s, 0.5 * v.b), e))

    def array_update(self, a, depth, op=None, whole=False):
        """a[i] = e / += / -= inside a loop whose variable covers a's elements
        (whole: the innermost loop's, which runs over all of them)."""
        idx = [x for x in self.index_options(a) if x.k != 'lit'] or self.index_options(a)
        idx = self.r.choice(idx)
        if whole:
            lp = self.loops[-1]
            idx = E('var', I, lp.top, name=lp.var)
        op = op or self.r.choice(['=', '=', '+=', '-='])
        if op == '=':
            e = self.small(self.expr(depth), a.b)
        else:
            if a.budget is None:
                op = '='
                e = self.small(self.expr(depth), a.b)
            else:
                share = a.budget / 2
                a.budget -= share
                e = self.small(self.expr(depth), share / self.trips_since(a.level))
        s = Stmt('aassign', name=a.name, op=op, e=e, ty=a.ty)
        s.idx = idx
        return s

    # ---- loops
    def bound(self, lo):
        """(bound expression, cmp, top index, trips) for a loop over the 1-D arrays."""
        L = self.length
        sz = self.size_param
        r = self.r.random()
        if sz is not None and r < 0.45:
            v = E('var', I, L, name=sz.name)
            if self.chance(0.3) and lo == 0:
                e = E('bin', I, L, [v, E('lit', I, 1, val=1, nz=True)], op='-')  # i < len - 1
                return e, '<', L - 2, L - 1
            return v, '<', L - 1, L
        if r < 0.75:
            return E('lit', I, L, val=L), '<', L - 1, L
        if r < 0.9:
            return E('lit', I, L - 1, val=L - 1), '<=', L - 1, L
        top = self.r.randint(max(lo, 1), L - 1)
        return E('lit', I, top, val=top), '<=', top, top + 1

    def stmt_loop(self, depth, nest, target=None):
        """A loop statement, with any array it declares first. target: an
        array whose every element the loop writes (a[i] = e at its end)."""
        self.loops_left -= 1
        pre = []
        # Arrays written whole (outputs, local arrays) at function scope only:
        # on every path, before anything reads them.
        if target is None and len(self.scopes) == 1:
            outs = [a for a in self.arrays if a.kind == 'out' and not a.readable]
            if outs and self.chance(0.5):
                target = outs[0]
            elif self.chance(0.3):
                target = self.new_local_array(pre)
        lo = 1 if self.chance(0.12) else 0
        step = 2 if self.chance(0.1) else 1
        hi, cmp, top, trips = self.bound(lo)
        if target is not None:  # every element: 0 .. length - 1
            lo, step, cmp, top, trips = 0, 1, '<', self.length - 1, self.length
            hi = E('lit', I, self.length, val=self.length)
        elif self.rows and not self.loops and self.chance(0.4):
            hi, cmp, top, trips = E('lit', I, self.rows, val=self.rows), '<', self.rows - 1, self.rows
        name = self.loop_vars[len(self.loops)]
        # A counter named like a visible variable (a parameter `i`) would hide
        # it inside the body, where the generator still writes the outer one
        # (seed 100077: `i += ...` became a write of the counter).
        visible = {v.name for v in self.vars()} | {lp.var for lp in self.loops}
        if name in visible:
            name = next(n for n in ['i', 'j', 'k', 'q', 't', 'u', 'm'] + ['c%d' % c for c in range(20)]
                        if n not in visible)
        # In a loop of run-time trips (or inside one), a taped bool lands in the work buffer.
        runtime = any(x.k == 'var' for x in walk_expr(hi)) or any(lp.runtime for lp in self.loops)
        no_bool = runtime and 'bool-tape' in self.workarounds
        carried = self.carried_state(pre, no_bool) if self.on('carried-state', 0.15) else None
        stops = target is None and self.on('loop-cond', 0.15) and not no_bool
        if step == 2:
            trips = (trips + 1) // 2
        s = Stmt('for', name=name, e=hi)
        s.lo, s.cmp, s.step = lo, cmp, step
        s.incr = self.r.choice(['++%s', '%s++', '%s += 1']) % name if step == 1 else '%s += 2' % name
        # Variables and arrays from outside get their fixed bound and headroom.
        level = len(self.loops)
        for v in self.vars(lambda v: v.ty in FLOATS and not v.const):
            if getattr(v, 'level', 0) == level and getattr(v, 'budget', None) is None:
                v.b, v.budget, v.level = v.b + H, H, level
        for a in self.arrays:
            if a.level == level and a.budget is None and a.kind != 'in':
                a.b, a.budget = a.b + H, H
        self.loops.append(Loop(name, lo, top, trips))
        self.loops[-1].runtime = runtime
        self.loops[-1].nest = getattr(self, 'nest', 0)  # (branches around it)
        # A loop that stops early reads as an `if` around its body: no element
        # overwrites in it (gradc rejects overwrites under an if in a loop).
        self.loops[-1].jumped = stops
        self.scopes.append([Var(name, I, top, nz=lo > 0)])
        saved = {v.name: v.b for v in self.vars()}
        # (made before the body: anywhere in it, it reads only what is visible at its start)
        upd = self.carried_update(carried) if carried is not None else None
        body = self.loop_body(depth, nest, target)
        if upd is not None:
            # (not after a declaration in the body that hides what it reads,
            # a 'shadow': C++ would read the inner variable, of another type)
            reads = {x.name for e in stmt_exprs(upd) for x in walk_expr(e) if x.k == 'var'}
            last = next((k for k, t in enumerate(body) if t.k in ('decl', 'adecl') and t.name in reads), len(body))
            body.insert(self.r.randrange(last + 1), upd)
        self.scopes.pop()
        self.drop_scoped_arrays()
        if stops:  # i < len && <condition on what the body computes>
            # The condition sees the counter (which shadows an outer `i`), not the body's locals.
            self.scopes.append([Var(name, I, top, nz=lo > 0)])
            s.xc = self.cond(1)
            self.scopes.pop()
            self.features.add('loop-cond')
        self.loops.pop()
        for v in self.vars():
            v.b = max(v.b, saved.get(v.name, v.b))
            if getattr(v, 'level', 0) == level:
                v.budget = None
        for a in self.arrays:
            if a.level == level:
                a.budget = None
        if target is not None:
            target.readable = True
        s.then = body
        s.brace = not (len(body) == 1 and body[0].k in ('assign', 'aassign') and self.chance(0.3))
        return pre + [s]

    def loop_body(self, depth, nest, target):
        body = []
        if self.on('scoped-arrays', 0.15):
            body += self.scoped_array(depth, nest)
        # ('loop-return') `if (c) return e;` first or last in the body, from a
        # stream of its own: functions without it, and other programs, stay as they were.
        ret_at = None
        side = getattr(self, 'side', None)
        # gradc reads the rest of a loop nest after a return as under an `if`
        # (overwrites there are rejected): only in a nest with none so far,
        # and none after it (jumped).
        if side is not None and target is None and 'loop-return' not in self.workarounds and \
                not any(lp.updated for lp in self.loops) and side.random() < P_LOOP_RETURN:
            ret_at = side.choice(['first', 'last'])
            for lp in self.loops:
                lp.jumped = True
        if ret_at == 'first':
            body.append(self.loop_return(depth))
        n = self.r.randint(1, 4)
        inner_ok = len(self.loops) < 2 and self.loops_left > 0
        for k in range(n):
            r = self.r.random()
            # (no jump in a loop that must write every element of target, nor
            # in a nest whose outer loops overwrite elements: the rest of an
            # outer iteration after the jump is an `if` around this loop,
            # whose overwrites gradc rejects; campaign seed 800422)
            if r < 0.1 and k < n - 1 and target is None and not any(lp.updated for lp in self.loops[:-1]):
                c = self.cond(0)
                self.within_counter_range(c)
                body.append(Stmt('if', e=c, then=[Stmt(self.r.choice(['continue', 'continue', 'break']))]))
                self.loops[-1].jumped = True
            elif r < 0.22 and inner_ok:
                body += self.stmt_loop(max(1, depth - 1), nest)
                inner_ok = False
            elif r < 0.32:
                # gradc rejects overwriting an element read before under an
                # `if` in a loop (README: write a[i] = c ? e : a[i]), and
                # after a continue or break the rest of the body is one.
                # (not arrays declared in a loop body: gradc rejects overwriting
                # their elements when a loop around has a break, FINDINGS.md)
                upd = [a for a in self.arrays if a.kind != 'in' and a.readable and self.index_ok(a)
                       and not getattr(a, 'scope', 0)]
                # (a jump in this loop makes an `if` in it, which gradc
                # handles; one in a loop around makes an `if` around this
                # loop, which it rejects)
                if any(lp.jumped for lp in self.loops[:-1]):
                    upd = []
                if upd:
                    update = self.array_update(self.r.choice(upd), depth)
                    # ('branch-updates') under an `if` in the loop, when no `if`
                    # of an outer loop holds this one: gradc saves the element
                    # before the `if` (an inner loop under one it rejects).
                    if self.loops[-1].nest == self.loops[0].nest and self.on('branch-updates', 0.3):
                        els = [self.array_update(self.r.choice(upd), depth)] if self.chance(0.4) else None
                        update = Stmt('if', e=self.cond(0), then=[update], els=els)
                        update.brace = True
                        self.features.add('branch-update')
                    body.append(update)
                    for lp in self.loops:
                        lp.updated = True
                else:
                    body += self.block(1, depth, nest + 1, False)[0]
            else:
                body += self.block(1, depth, nest + 1, False)[0]
        if ret_at == 'last':
            body.append(self.loop_return(depth))
        if target is not None:
            body.append(self.array_update(target, depth, '=', whole=True))
        return body

    def loop_return(self, depth):
        """`if (c) return e;` drawn from self.side."""
        main, self.r = self.r, self.side
        try:
            c = self.cond(0)
            e = self.expr(max(1, depth - 1))
        finally:
            self.r = main
        self.features.add('loop-return')
        s = Stmt('if', e=c, then=[Stmt('ret', e=e)])
        s.brace = self.side.random() < 0.5
        return s

    def index_ok(self, a):
        return any(x.k != 'lit' for x in self.index_options(a))

    def new_local_array(self, pre):
        ty = self.fty()
        name = self.new_name('a')
        a = ArrayVar(name, ty, self.length, 'local', 1.0, False)
        a.level = len(self.loops)
        s = Stmt('adecl', ty=ty, name=name)
        s.size = self.length
        s.zero = self.chance(0.3)
        pre.append(s)
        self.arrays.append(a)
        return a

    def finish_outputs(self, depth):
        """Loops writing every element of outputs nothing has written yet."""
        out = []
        for a in self.arrays:
            if a.kind == 'out' and not a.readable:
                out += self.stmt_loop(depth, 0, target=a)
        return out
