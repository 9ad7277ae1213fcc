"""The running max/min construct ('extrema'), added to a generated function
from a random stream of its own (so every seed's other choices stay):

    T mx = xs[0];                                // or a parameter, or e(0)
    for (int r = 1; r < N; ++r) {                // or r < len
      if (e(r) > mx) mx = e(r);                  // comparison-only reads of mx
      mx = std::max(mx, e(r));                   // ... or std::fmax, fmaxf, ?:
      T v = e(r); if (v > mx) mx = v;            // ... or through a local
      if (e(r) > mx) { mx = e(r); k = r; }       // ... keeping the index
      acc += 0.125 * mx;                         // 'read': mx read as a value too
    }

at the top of the body, its result (and acc, xs[k]) added to the return.
e(r) reads an input array at r, maybe times or plus a scalar parameter of
the array's type, maybe through sin/tanh; without an input array, a scalar
parameter: e(r) = sin(x + 0.5 * r). gradc keeps one index for a max whose
old value only comparisons read (reverse/Extremum.cpp) and one value per
trip otherwise; both are generated.
"""

import random

from fz_ast import D, F, I, B, E, Stmt, FLOATS, promote, walk_expr, walk_stmts

P_EXTREMA = 0.18


def names_of(fn):
    out = {p.name for p in fn.params}
    for s in walk_stmts(fn.body):
        if s.name:
            out.add(s.name)
        for e in ([s.e] if s.e is not None else []):
            out |= {x.name for x in walk_expr(e) if x.name}
    return out


def fresh(taken, base):
    n, k = base, 1
    while n in taken:
        n = '%s%d' % (base, k)
        k += 1
    taken.add(n)
    return n


def add_extrema(fn, seed, workarounds):
    rng = random.Random('gradc-fuzz-extrema:%s:%s' % (seed, fn.name))
    if 'extrema' in workarounds or rng.random() >= P_EXTREMA:
        return
    if fn.tmpl or fn.ret == 'void' or not fn.body or fn.body[-1].k != 'ret':
        return
    arrays = [p for p in fn.params if p.arr in ('in', 'fixed') and p.ty in FLOATS]
    scalars = [p for p in fn.params if p.ty in FLOATS and not p.arr]
    if not arrays and not scalars:
        return
    taken = names_of(fn)
    arr = rng.choice(arrays) if arrays else None
    ty = arr.ty if arr else rng.choice(scalars).ty
    same = [p for p in scalars if p.ty == ty]
    size = [p for p in fn.params if p.size]
    big = rng.random() < 0.5  # max or min
    cmp = ('>' if big else '<') if rng.random() < 0.8 else ('>=' if big else '<=')
    m = fresh(taken, rng.choice(['mx', 'best', 'hi', 'run']) if big else rng.choice(['mn', 'lo', 'low']))
    r = fresh(taken, rng.choice(['r', 'e', 'ii']))
    sp = 'cf' if ty == F else 'c'
    # gen.KNOWN_BUGS 'extremum-recompute': no values computed inside the
    # update's branch (FINDINGS.md): e(r) is a bare element, or goes through a local.
    simple = 'extremum-recompute' in workarounds

    def lit(v):
        return E('lit', ty, abs(v), val=v)

    def var(n, t=ty, b=2.0):
        return E('var', t, b, name=n)

    def elem(idx):
        """e(idx): an expression of the trip, of type ty, |e| <= 4."""
        if arr is None:
            p = rng.choice(same)
            arg = E('bin', ty, 4.0, [var(p.name), E('bin', ty, 2.0, [lit(0.5), idx], op='*')], op='+')
            return E('call', ty, 1.0, [arg], name=rng.choice(['sin', 'tanh']), sp=rng.choice([sp, 'std']))
        x = E('idx', ty, 2.0, [idx], name=arr.name)
        k = rng.randrange(5)
        if k == 0 or not same or simple:
            return x
        p = var(rng.choice(same).name)
        if k == 1:
            return E('bin', ty, 4.0, [x, p], op='*')
        if k == 2:
            return E('bin', ty, 4.0, [x, p], op=rng.choice('+-'))
        if k == 3:
            return E('call', ty, 1.0, [E('bin', ty, 4.0, [x, p], op='*')], name='sin', sp=rng.choice([sp, 'std']))
        return E('bin', ty, 3.0, [E('call', ty, 1.0, [x], name='tanh', sp=sp), p], op='+')

    n_elems = arr.length if arr else 4
    bound = var(size[0].name, I, n_elems) if size and arr and rng.random() < 0.4 else E('lit', I, n_elems, val=n_elems)
    init_k = rng.randrange(3)
    pre = []
    lo = 0
    if init_k == 0 or (init_k == 1 and not same):
        init, lo = elem(E('lit', I, 0, val=0)), 1
    elif init_k == 1:
        init = var(rng.choice(same).name)
    else:
        init = lit(-1e30 if big else 1e30) if rng.random() < 0.3 else lit(-5.0 if big else 5.0)
        if abs(init.val) > 10:
            # starts outside every value: the first trip always updates it
            # (or, with no trip, it stays: not with a run-time bound)
            bound = E('lit', I, n_elems, val=n_elems)
    pre.append(Stmt('decl', ty=ty, name=m, e=init))
    rv = E('var', I, n_elems - 1, name=r)
    form = rng.choice(['if', 'if', 'max', 'max', 'ternary', 'local', 'index'])
    if simple and arr is None:
        form = 'local'
    body = []
    keep_index = None
    if form == 'local':
        v = fresh(taken, 'v')
        body.append(Stmt('decl', ty=ty, name=v, e=elem(rv)))
        body.append(Stmt('if', e=E('cmp', B, 0, [var(v, b=4.0), var(m, b=4.0)], op=cmp),
                         then=[Stmt('assign', name=m, op='=', e=var(v, b=4.0), ty=ty)]))
    elif form in ('if', 'index'):
        e = elem(rv)
        then = [Stmt('assign', name=m, op='=', e=e, ty=ty)]
        if form == 'index' and arr is not None:
            keep_index = fresh(taken, 'k')
            pre.append(Stmt('decl', ty=I, name=keep_index, e=E('lit', I, 0, val=0)))
            then.append(Stmt('assign', name=keep_index, op='=', e=E('var', I, n_elems - 1, name=r), ty=I))
        import copy
        body.append(Stmt('if', e=E('cmp', B, 0, [copy.deepcopy(e), var(m, b=4.0)], op=cmp), then=then))
    elif form == 'max':
        fname = ('max' if big else 'min') if rng.random() < 0.6 else ('fmax' if big else 'fmin')
        csp = 'std' if fname in ('max', 'min') else rng.choice([sp, 'std'])
        args = [var(m, b=4.0), elem(rv)]
        if rng.random() < 0.3:
            args.reverse()
        body.append(Stmt('assign', name=m, op='=', e=E('call', ty, 4.0, args, name=fname, sp=csp), ty=ty))
    else:  # m = e > m ? e : m
        import copy
        e = elem(rv)
        c = E('cmp', B, 0, [e, var(m, b=4.0)], op=cmp)
        body.append(Stmt('assign', name=m, op='=', e=E('cond', ty, 4.0, [c, copy.deepcopy(e), var(m, b=4.0)]),
                         ty=ty))
    acc = None
    if rng.random() < 0.35 and abs(init.val or 0) < 10:
        # the old value read otherwise too: per-trip values, not one index
        acc = fresh(taken, 'acc')
        pre.append(Stmt('decl', ty=ty, name=acc, e=lit(0.0)))
        add = Stmt('assign', name=acc, op='+=', e=E('bin', ty, 0.5, [lit(0.125), var(m, b=4.0)], op='*'), ty=ty)
        body.insert(0 if rng.random() < 0.5 else len(body), add)
        fn.features.add('extremum-read')
    loop = Stmt('for', name=r, e=bound, then=body)
    loop.lo, loop.cmp, loop.step = lo, '<', 1
    loop.incr = rng.choice(['++%s', '%s++']) % r
    # the result reads them
    ret = fn.body[-1]
    terms = [E('bin', ty, 1.0, [lit(0.25), var(m, b=4.0)], op='*')]
    if acc:
        terms.append(var(acc, b=4.0))
    if keep_index:
        terms.append(E('idx', ty, 2.0, [E('var', I, n_elems - 1, name=keep_index)], name=arr.name))
    for t in terms:
        ret.e = E('bin', promote(ret.e.ty, t.ty), ret.e.b + t.b, [ret.e, t], op=rng.choice('+-'))
    fn.body[:0] = pre + [loop]
    fn.features.add('extremum-' + form)
