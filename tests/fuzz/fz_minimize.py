"""The fuzzer's reducer: which functions a failure is about, what must stay
the same while shrinking, and a greedy minimizer over the program AST
(drop functions, delete statements, flatten branches and loops, drop
parameters, simplify expressions)."""

import copy
import re
import time

import gen


# ---- locating the failing function ----------------------------------------------------------

def function_at_line(prog, line):
    """The function whose source contains line `line` of prog.cpp."""
    text = gen.render_src(prog, prog.functions).splitlines()
    owner = None
    for i, l in enumerate(text, 1):
        m = re.match(r'\S.* (f\d+)\(', l)
        if m and not l.startswith('//'):
            owner = m.group(1)
        if i == line:
            return owner
    return None


def base_fn(label):
    """The function a check label names: f3_f is f3's float instantiation."""
    return re.sub(r'_f$', '', label)


def culprits(prog, outcome):
    """Lists of root functions to minimize, one list per reproducer."""
    if outcome.kind == 'mismatch':
        names = []
        for f in outcome.fails:
            if base_fn(f['fn']) not in names:
                names.append(base_fn(f['fn']))
        return [[n] for n in names[:3]]
    if outcome.kind == 'gradc-reject':
        names = []
        for m in re.finditer(r'prog\.cpp:(\d+):\d+: error', outcome.detail):
            fn = function_at_line(prog, int(m.group(1)))
            if fn and fn not in names:
                names.append(fn)
        if names:
            return [[n] for n in names[:3]]
    # Crashes, compile errors: start from everything, the minimizer drops functions.
    return [[f.name for f in prog.functions]]


def signature(outcome, fn_name):
    # fn_name: the function whose mismatches count (None: any).
    """What must stay the same while minimizing."""
    if outcome.kind == 'mismatch':
        return ('mismatch', frozenset(f['kind'] for f in outcome.fails if fn_name in (None, base_fn(f['fn']))))
    if outcome.kind == 'gradc-reject':
        msgs = set(re.findall(r'error: (.*)', outcome.detail))
        return ('gradc-reject', frozenset(msgs))
    if outcome.kind == 'gradc-crash':
        return ('gradc-crash', outcome.detail.split('\n')[0])
    return (outcome.kind, None)


def same_failure(want, got, fn_name):
    if got.kind != want.kind:
        return False
    sw, sg = signature(want, fn_name), signature(got, fn_name)
    if want.kind == 'mismatch':
        return bool(sw[1] & sg[1])
    if want.kind == 'gradc-reject':
        return bool(sw[1] & sg[1])
    return sw == sg


# ---- the minimizer -----------------------------------------------------------------------------

def blocks_of(fn):
    """Every statement list in fn, outermost first."""
    out = [fn.body]
    for s in gen.walk_stmts(fn.body):
        if s.k in ('if', 'for'):
            out.append(s.then)
            if s.els:
                out.append(s.els)
    return out


def retype(e, types):
    """Recompute expression types bottom-up after an edit."""
    for a in e.args:
        retype(a, types)
    if e.k == 'var':
        e.ty = types.get(e.name, e.ty)
    elif e.k == 'bin':
        e.ty = gen.promote(e.args[0].ty, e.args[1].ty)
    elif e.k in ('neg', 'plus'):
        e.ty = e.args[0].ty
    elif e.k == 'call':
        _, e.ty = gen.call_types(e.name, e.sp, [a.ty for a in e.args])
    elif e.k == 'cond':
        e.ty = gen.promote(e.args[1].ty, e.args[2].ty)
    elif e.k == 'ucall':
        e.ty = e.fn.ret


def retype_prog(prog):
    """Types of names and assignments from the declarations in scope (a
    shadowing local hides an outer variable in its block only)."""
    def block(b, types):
        types = dict(types)
        for s in b:
            inner = dict(types, **{s.name: gen.I}) if s.k == 'for' else types
            for e in gen.stmt_exprs(s):
                retype(e, inner if e is s.xc else types)  # (the condition sees the counter)
            if s.k == 'decl':
                if s.tyname == 'auto' and s.e is not None:
                    s.ty = s.e.ty
                types[s.name] = s.ty
            elif s.k == 'assign':
                s.ty = types.get(s.name, s.ty)
            elif s.k == 'for':
                block(s.then, inner)
            elif s.k == 'if':
                block(s.then, types)
                if s.els:
                    block(s.els, types)

    for fn in prog.functions:
        block(fn.body, {p.name: p.ty for p in fn.params})


def valid(fn):
    """Every variable read or assigned is declared (in scope) before;
    continue and break stay inside loops; a local array declared without
    `= {}` is read only after every element is written (by a loop's
    `a[i] = e`, by `a[k] = e` for each k, or through a helper's call): the
    minimizer must not make a reproducer read uninitialized memory (part 5's
    `float h1[3]; ... h1[i] += ...` once its helper call was deleted)."""
    ok = [True]

    def check_e(e, scope, unset=()):
        if e is None:
            return
        for x in gen.walk_expr(e):
            if x.k in ('var', 'idx') and re.match(r'\w+', x.name).group() not in scope | {'false', 'true'}:
                ok[0] = False
            if x.k in ('var', 'idx') and re.match(r'\w+', x.name).group() in unset:
                ok[0] = False

    def assigns(b, name):
        return any(s.k == 'assign' and s.op == '=' and s.name == name for s in b or [])

    def block(b, scope, in_loop, unset=frozenset()):
        scope = set(scope)
        unset = set(unset)  # local arrays not yet written whole
        filled, size = {}, {}  # of those: the elements written so far, and how many there are
        for s in b:
            if s.k in ('decl', 'adecl'):
                check_e(s.e, scope, unset)
                for e in s.init or []:
                    check_e(e, scope, unset)
                # A variable declared without a value is read only after
                # the next statement assigns it (no uninitialized reads).
                if s.k == 'decl' and s.e is None:
                    nxt = b[b.index(s) + 1] if b.index(s) + 1 < len(b) else None
                    if not nxt or not (assigns([nxt], s.name) or (nxt.k == 'if' and nxt.els is not None and
                                       assigns(nxt.then, s.name) and assigns(nxt.els, s.name))):
                        ok[0] = False
                scope.add(s.name)
                unset.discard(s.name)
                if s.k == 'adecl' and not s.zero and not s.init:
                    unset.add(s.name)
                    filled[s.name], size[s.name] = set(), s.size
            elif s.k in ('assign', 'aassign'):
                check_e(s.e, scope, unset)
                check_e(s.idx, scope, unset)
                if s.name not in scope:
                    ok[0] = False
                if s.k == 'aassign' and s.name in unset:
                    if s.op != '=':
                        ok[0] = False
                    elif s.idx is not None and s.idx.k == 'lit' and s.name in filled:  # (declared here)
                        filled[s.name].add(s.idx.val)
                        if len(filled[s.name]) == size[s.name]:
                            unset.discard(s.name)
            elif s.k == 'call':  # a helper writes the arrays it is given
                check_e(s.e, scope)
                unset -= {x.name for x in gen.walk_expr(s.e) if x.k == 'var'}
            elif s.k == 'ret':
                check_e(s.e, scope, unset)
            elif s.k in ('continue', 'break'):
                ok[0] = ok[0] and in_loop
            elif s.k == 'for':
                check_e(s.e, scope, unset)
                check_e(s.xc, scope, unset)
                # (the array a loop writes whole, `a[i] = e` in its body, is unset in it)
                block(s.then, scope | {s.name}, True, unset)
                if s.lo == 0 and s.step == 1:
                    unset -= {t.name for t in s.then if t.k == 'aassign' and t.op == '=' and t.idx is not None
                              and t.idx.k == 'var' and t.idx.name == s.name}
            elif s.k == 'if':
                check_e(s.e, scope, unset)
                block(s.then, scope, in_loop, unset)
                if s.els:
                    block(s.els, scope, in_loop, unset)

    block(fn.body, {p.name for p in fn.params}, False)
    if fn.ret != 'void' and (not fn.body or fn.body[-1].k != 'ret'):
        return False
    if not fn.float_params() or not fn.diff_params() or not fn.scalar_params():
        return False
    if fn.ret == 'void' and not fn.outputs():
        return False
    return ok[0]


def expr_slots(fn):
    """(getter, setter) pairs for every expression node in fn, pre-order."""
    slots = []

    def visit(get, put):
        e = get()
        slots.append((get, put))
        for i in range(len(e.args)):
            visit(lambda e=e, i=i: e.args[i], lambda v, e=e, i=i: e.args.__setitem__(i, v))

    for s in gen.walk_stmts(fn.body):
        if s.e is not None:
            visit(lambda s=s: s.e, lambda v, s=s: setattr(s, 'e', v))
    return slots


def simpler_exprs(e):
    """Replacements for e, simplest first."""
    out = []
    if e.ty in gen.FLOATS and e.k not in ('lit',):
        out.append(gen.E('lit', e.ty, 1.0, val=1.0))
    if e.k == 'cond':
        out += [e.args[1], e.args[2]]
    elif e.k in ('and', 'or'):
        out += [e.args[0], e.args[1]]
    elif e.k == 'not':
        out.append(e.args[0])
    elif e.k in ('bin', 'neg', 'plus', 'call', 'ucall', 'cast'):
        out += [a for a in e.args if a.ty in gen.FLOATS and e.ty in gen.FLOATS]
    return out


def edits(prog):
    """Edits of prog as (description, apply(copy of prog)), bigger simplifications first."""
    fns = prog.functions
    out = []
    # 0. Drop a root function (crashes and compile errors start from all).
    if len(prog.roots) > 1:
        for r in prog.roots:
            def apply(p, r=r):
                p.roots = [x for x in p.roots if x != r]
            out.append(('drop function', apply))
    # 1. Delete a statement (not a function's final return); whole ifs first.
    dels = []
    for fi in range(len(fns)):
        blks = blocks_of(fns[fi])
        for bi in range(len(blks)):
            for si in reversed(range(len(blks[bi]))):
                if bi == 0 and si == len(blks[bi]) - 1 and fns[fi].ret != 'void':
                    continue

                def apply(p, fi=fi, bi=bi, si=si):
                    del blocks_of(p.functions[fi])[bi][si]
                dels.append((0 if blks[bi][si].k in ('if', 'for') else 1, 'delete statement', apply))
    out += [(w, a) for _, w, a in sorted(dels, key=lambda t: t[0])]
    # 2. Flatten an if into its then / else branch, or drop its else.
    for fi in range(len(fns)):
        blks = blocks_of(fns[fi])
        for bi in range(len(blks)):
            for si in range(len(blks[bi])):
                s = blks[bi][si]
                if s.k != 'if':
                    continue
                for which in ('then', 'els', 'noelse'):
                    if which != 'then' and not s.els:
                        continue

                    def apply(p, fi=fi, bi=bi, si=si, which=which):
                        b2 = blocks_of(p.functions[fi])[bi]
                        if which == 'noelse':
                            b2[si].els = None
                        else:
                            b2[si:si + 1] = getattr(b2[si], which) or []
                    out.append(('flatten if', apply))
    # 3. Remove a parameter that the body does not use.
    for fi in range(len(fns)):
        fn = fns[fi]
        used = gen.reads(fn.body, set())
        for s in gen.walk_stmts(fn.body):
            if s.k in ('assign', 'aassign'):
                used.add(s.name)
        for pi, p in enumerate(fn.params):
            if p.name in used or len(fn.params) == 1:
                continue

            def apply(p2, fi=fi, pi=pi):
                f2 = p2.functions[fi]
                name = f2.params[pi].name
                del f2.params[pi]
                if f2.wrt is not None:
                    f2.wrt = [w for w in f2.wrt if w != name]
                for pt in f2.points:
                    pt.pop(name, None)
                for g in p2.functions:
                    for s in gen.walk_stmts(g.body):
                        for e in gen.stmt_exprs(s):
                            for x in gen.walk_expr(e):
                                if x.k == 'ucall' and x.fn is f2 and pi < len(x.args):
                                    del x.args[pi]
            out.append(('remove parameter', apply))
    # 3b. A loop of one trip.
    for fi in range(len(fns)):
        loops = [st for st in gen.walk_stmts(fns[fi].body) if st.k == 'for']
        for li in range(len(loops)):
            if loops[li].lo == 0 and not (loops[li].e.k == 'lit' and loops[li].e.val <= 1):
                def apply(p2, fi=fi, li=li):
                    st = [x for x in gen.walk_stmts(p2.functions[fi].body) if x.k == 'for'][li]
                    st.e, st.cmp = gen.E('lit', gen.I, 1, val=1), '<'
                out.append(('one trip', apply))
    # 4. GRADC_GRAD_WRT -> fewer names.
    for fi in range(len(fns)):
        if fns[fi].wrt and len(fns[fi].wrt) > 1:
            for w in fns[fi].wrt:
                def apply(p2, fi=fi, w=w):
                    p2.functions[fi].wrt = [x for x in p2.functions[fi].wrt if x != w]
                out.append(('shrink wrt', apply))
    # 5. Plain spellings: no namespace, alias, const, auto, shared declaration.
    for fi in range(len(fns)):
        fn = fns[fi]
        if fn.ns or fn.ret_tyname or any(p.tyname or p.const for p in fn.params):
            def apply(p2, fi=fi):
                f2 = p2.functions[fi]
                f2.ns, f2.ret_tyname = '', None
                for q in f2.params:
                    q.tyname, q.const = None, False
            out.append(('plain signature', apply))
        stmts = list(gen.walk_stmts(fn.body))
        for si, st in enumerate(stmts):
            if st.k in ('decl', 'if') and (st.tyname or st.const or st.join or not st.brace):
                def apply(p2, fi=fi, si=si):
                    s2 = list(gen.walk_stmts(p2.functions[fi].body))[si]
                    s2.tyname, s2.const, s2.join, s2.brace = None, False, False, True
                out.append(('plain statement', apply))
    # 6. Replace an expression by a simpler one.
    for fi in range(len(fns)):
        slots = expr_slots(fns[fi])
        for k in range(len(slots)):
            for j in range(len(simpler_exprs(slots[k][0]()))):
                def apply(p2, fi=fi, k=k, j=j):
                    get, put = expr_slots(p2.functions[fi])[k]
                    put(simpler_exprs(get())[j])
                out.append(('simplify expression', apply))
    return out


def size(prog):
    return len(gen.render_src(prog, prog.functions))


def restrict(prog):
    """Keep only prog.roots and what they call."""
    prog.functions = gen.closure([f for f in prog.functions if f.name in prog.roots])


def minimize(evaluate, gradc, cxx, prog, roots, outcome, d, budget):
    """Greedy: apply any edit that keeps the failure, until none does.
    Returns (program, its outcome, number of tries)."""
    cur = copy.deepcopy(prog)
    cur.roots = list(roots)
    restrict(cur)
    fn_name = roots[0] if outcome.kind == 'mismatch' else None
    tries = 6 if outcome.kind in ('gradc-crash', 'nondeterministic') else 1

    def check(p):
        return evaluate(gradc, cxx, p, d, p.functions, [f for f in p.functions if f.name in p.roots], tries)

    first = check(cur)
    evals = 1
    if not same_failure(outcome, first, fn_name):
        return cur, first, evals
    best = first
    deadline = time.time() + budget
    tried = set()
    progress = True
    while progress and time.time() < deadline:
        progress = False
        i = 0
        cur_edits = edits(cur)
        while i < len(cur_edits) and time.time() < deadline:
            what, apply = cur_edits[i]
            cand = copy.deepcopy(cur)
            apply(cand)
            restrict(cand)
            retype_prog(cand)
            # (valid first: rendering a function left without a float
            # parameter raised IndexError and ended the campaign's process 2)
            if not all(valid(f) for f in cand.functions) or size(cand) >= size(cur):
                i += 1
                continue
            text = gen.render_src(cand, cand.functions) + repr(cand.roots)
            if text in tried:
                i += 1
                continue
            tried.add(text)
            evals += 1
            o = check(cand)
            if same_failure(outcome, o, fn_name):
                cur, best, progress = cand, o, True
                cur_edits = edits(cur)  # same index: the next edit of the same kind
            else:
                i += 1
    check(cur)  # leave the final files in d
    return cur, best, evals
