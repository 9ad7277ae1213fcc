"""main.cpp: the checks of one program (README.md in this folder).

For each function and sample point: its value, f_grad (adjoints zeroed,
output seeds zero), f_grad again on adjoints pre-filled with 0.5, and
f_pullback with seed 2 and fixed output seeds u. For each input coordinate
(a scalar parameter, or one element of an input array) the dual-number
reference gives d(return) and d(outputs); gradc must match them, and
central differences must match too. With outputs, the pullback is checked
as a vector-Jacobian product, T = 2 * return + sum_k u_k y_k, and every
output seed must be zero afterwards. A function that needs a work buffer
gets one of exactly f_grad_work_bytes(...) bytes from malloc, so that
-fsanitize=address sees any access past it.
"""

from fz_ast import *  # noqa: F401,F403
from fz_lib import checked_functions
from fz_forward import render_forward
from fz_c99 import render_c99_check
import fz_spell3

SEEDS = [0.5, -1.25, 0.75, 1.5, -0.25, 1.0, -2.0, 0.375]


def cxx_value(v, ty):
    if ty == B:
        return 'true' if v else 'false'
    if ty == I:
        return str(v)
    return fmt_lit(v, ty)


def point_value(p, v):
    if p.arr:
        return '{%s}' % ', '.join(cxx_value(x, p.ty) for x in v)
    return cxx_value(v, p.ty)


def flat_len(p):
    """Values a point holds for p: an array of structs has one per member."""
    return p.length * len(p.stype.leaves()) if p.arr == 'sarr' else p.length


def by_ptr(p, name):
    """How an argument is passed: a struct parameter `const S* s` takes &s."""
    return '&' + name if p.arr == 'struct' and p.sptr else name


def prog_arg(p, name):
    """How the program (not the reference) is given an argument: a 2-D or
    vector parameter (fz_spell4.py) gets the flat block reinterpreted or copied."""
    sh = getattr(p, 'shape', None)
    if sh == 'vector':
        return 'fzcheck::vec(%s, %d)' % (name, p.length)
    if sh == 'ref':
        return '*reinterpret_cast<const %s (*)[%d][%d]>(%s)' % (p.ty, p.length // p.cols, p.cols, name)
    if sh:
        return 'reinterpret_cast<const %s (*)[%d]>(%s)' % (p.ty, p.cols, name)
    return by_ptr(p, name)


def adj_arg(p, name):
    """An adjoint argument: `double d_W[R][C]` takes rows, `std::vector<double>*
    d_x` a vector copied back into the block when the call's expression ends."""
    sh = getattr(p, 'shape', None)
    if sh == 'vector':
        return 'fzcheck::VecAdj<%s>(%s, %d).ptr()' % (p.ty, name, p.length)
    if sh:
        return 'reinterpret_cast<%s (*)[%d]>(%s)' % (p.ty, p.cols, name)
    return name if p.arr and p.arr != 'struct' else '&' + name


def render_check(fn, out, work, workarounds, fwd={}, c99={}):
    diff = fn.diff_params()
    adj = fn.adjoints()
    outs = fn.outputs()
    void = fn.ret == 'void'
    low = fn.low_precision()
    q = fz_spell3.grad_prefix(fn)  # f, or S0_f for a member S0::f
    o = out.append
    o('static void check_%s() {' % fn.ref_name())
    o('  using DD = fzdual::Dual<double>;')
    o('  using DF = fzdual::Dual<float>;')
    members = ' '.join('%s %s%s;' % (p.ty, p.name, '[%d]' % flat_len(p) if p.arr else '')
                       for p in fn.params if p.arr != 'out')
    o('  struct Pt { %s };' % members)
    o('  static const Pt pts[%d] = {' % len(fn.points))
    for pt in fn.points:
        o('      {%s},' % ', '.join(point_value(p, pt[p.name]) for p in fn.params if p.arr != 'out'))
    o('  };')
    o('  for (int fz_i = 0; fz_i < %d; ++fz_i) {' % len(fn.points))
    # Every array gradc's code sees is an exact-size heap block (check.hpp).
    o('    fzcheck::Heap fz_heap;')
    for p in fn.params:
        if p.arr == 'out':
            o('    %s* %s = fz_heap.alloc<%s>(%d);' % (p.ty, p.name, p.ty, p.length))
        elif p.arr == 'sarr':
            leaves = p.stype.leaves()
            o('    %s* %s = fz_heap.alloc<%s>(%d);' % (p.stype.name, p.name, p.stype.name, p.length))
            o('    for (int e = 0; e < %d; ++e) {' % p.length)
            for k, (path, ty) in enumerate(leaves):
                o('      %s[e].%s = (%s)pts[fz_i].%s[e * %d + %d];' % (p.name, path, ty, p.name, len(leaves), k))
            o('    }')
        elif p.arr == 'struct':
            o('    %s %s{};' % (p.stype.name, p.name))
            for k, (path, ty) in enumerate(p.stype.leaves()):
                o('    %s.%s = (%s)pts[fz_i].%s[%d];' % (p.name, path, ty, p.name, k))
        elif p.arr:
            o('    %s* %s = fz_heap.alloc<%s>(%d);' % (p.ty, p.name, p.ty, p.length))
            o('    for (int e = 0; e < %d; ++e) %s[e] = pts[fz_i].%s[e];' % (p.length, p.name, p.name))
        else:
            o('    const %s %s = pts[fz_i].%s;' % (p.ty, p.name, p.name))
    # The last point is the tie point: no finite differences there.
    o('    fzcheck::Point P("%s", fz_i, fz_i == %d, %s);' % (fn.ref_name(), len(fn.points) - 1, 'true' if low else 'false'))
    for p in fn.params:
        if p.arr == 'sarr':
            for path, _ in p.stype.leaves():
                o('    for (int e = 0; e < %d; ++e) P.arg("%s.%s", e, (double)%s[e].%s);'
                  % (p.length, p.name, path, p.name, path))
        elif p.arr == 'struct':
            for path, _ in p.stype.leaves():
                o('    P.arg("%s.%s", (double)%s.%s);' % (p.name, path, p.name, path))
        elif p.arr:
            if p.arr != 'out':
                o('    for (int e = 0; e < %d; ++e) P.arg("%s", e, (double)%s[e]);' % (p.length, p.name, p.name))
        else:
            o('    P.arg("%s", %s);' % (p.name, p.name if p.ty == I else ('(int)' if p.ty == B else '(double)') + p.name))
    args = ', '.join(prog_arg(p, p.name) for p in fn.params)
    wargs = ''
    targs = ('<%s>' % ('float' if fn.mode == F else 'double')) if fn.tmpl else ''
    if fz_spell3.work_key(fn) + targs in work:
        o('    const std::size_t fz_wb = %s_grad_work_bytes%s(%s);' % (q, targs, ', '.join(
            work[fz_spell3.work_key(fn) + targs])))
        o('    void* fz_w = fz_heap.bytes(fz_wb);')
        wargs = ', fz_w, fz_wb'
    # The target T: 2 * f + sum_k u_k y_k, as the pullback with seed 2 and seeds u computes it.
    seeds = {p.name: [SEEDS[(k + 3 * j) % len(SEEDS)] for k in range(p.length)] for j, p in enumerate(outs)}

    def target(call, yv):
        """Statements and an expression: T at the inputs the call is given."""
        stmt = ('%s;' % call) if void else ('const double fz_r = (double)(%s);' % call)
        terms = [] if void else ['2.0 * fz_r']
        for p in outs:
            terms += ['%r * (double)%s' % (u, yv(p, k)) for k, u in enumerate(seeds[p.name])]
        return stmt, ' + '.join(terms)

    call = fz_spell3.value_call(fn, [prog_arg(p, p.name) for p in fn.params])
    if not void:
        o('    const double fz_v = (double)%s;' % call)
    else:
        o('    %s;' % call)
        o('    const double fz_v = %s;' % ' + '.join('(double)%s[%d]' % (p.name, k) for p in outs
                                                    for k in range(p.length)))
    o('    if (!P.usable(fz_v)) continue;')
    for p in outs:
        o('    static const %s fz_useed_%s[%d] = {%s};' % (p.ty, p.name, p.length,
                                                          ', '.join(cxx_value(u, p.ty) for u in seeds[p.name])))
    declare_adjoints(o, adj, seeds, void, ('p',) if void else ('g', 'a', 'p'), True)

    def adjs(pre):
        return ', '.join(adj_arg(p, '%s_%s' % (pre, p.name)) for p in adj)
    if not void:
        o('    const double fz_vg = (double)%s_grad(%s, %s%s);' % (q, args, adjs('g'), wargs))
        o('    %s_grad(%s, %s%s);' % (q, args, adjs('a'), wargs))
    o('    %s_pullback(%s%s, %s%s);' % (q, args, '' if void else ', %s(2)' % fn.ret, adjs('p'), wargs))
    if wargs:
        work_contract(o, fn, q, args, adj, adjs, void)
    kinds = c99.get(fn.name, set())
    if ('pullback' if void else 'grad') in kinds and not fn.tmpl:
        render_c99_check(o, fn, args, adj, adjs, void, kinds)
    check_partials(o, fn, diff, outs, seeds, void, low, q, target)
    if getattr(fn, 'fwd', None):
        render_forward(o, fn, q, args, fwd.get(fn.name, {}), low, wargs)
    # Output seeds are zero afterwards.
    for p in outs:
        for pre in (('p',) if void else ('g', 'a', 'p')):
            o('    P.zeroed("%s_%s", %s_%s, %d);' % (pre, p.name, pre, p.name, p.length))
    o('  }')
    o('}')
    o('')


def declare_adjoints(o, adj, seeds, void, pres, prefill):
    """Adjoints named <pre>_<param> for each prefix: 'g' zeroed, 'a' pre-filled
    with 0.5 (if prefill), 'p' zeroed with the output seeds; arrays on the heap."""
    for p in adj:
        n = '[%d]' % p.length if p.arr else ''
        seed = ', '.join(cxx_value(u, p.ty) for u in seeds[p.name]) if p.arr == 'out' else ''
        for pre in pres:
            fill = prefill and pre == 'a'
            if p.arr == 'sarr':
                o('    %s* %s_%s = fz_heap.alloc<%s>(%d);' % (p.stype.name, pre, p.name, p.stype.name, p.length))
                if fill:
                    o('    for (int e = 0; e < %d; ++e) fzref::%s_fill(%s_%s[e], 0.5);'
                      % (p.length, p.stype.name, pre, p.name))
            elif p.arr == 'struct':
                o('    %s %s_%s{};' % (p.stype.name, pre, p.name))
                if fill:
                    o('    fzref::%s_fill(%s_%s, 0.5);' % (p.stype.name, pre, p.name))
            elif p.arr:
                o('    %s* %s_%s = fz_heap.alloc<%s>(%d);' % (p.ty, pre, p.name, p.ty, p.length))
                if fill and p.arr != 'out':
                    o('    for (int e = 0; e < %d; ++e) %s_%s[e] = %s(0.5);' % (p.length, pre, p.name, p.ty))
                elif pre == 'p' and p.arr == 'out':
                    o('    for (int e = 0; e < %d; ++e) %s_%s[e] = fz_useed_%s[e];' % (p.length, pre, p.name, p.name))
            else:
                o('    %s %s_%s = %s;' % (p.ty, pre, p.name, '0.5' if fill else '0'))


def work_contract(o, fn, q, args, adj, adjs, void):
    """f_grad / f_pullback with a work buffer one byte short, then a misaligned
    one: NaN, and every adjoint (pre-set to 0.5, output seeds too) untouched."""
    o('    for (int fz_k = 0; fz_k < 2; ++fz_k) {  // the work-size contract')
    o('      if (fz_k == 0 && fz_wb == 0) continue;')
    o('      fzcheck::Heap fz_heap;')
    o('      const std::size_t fz_bb = fz_k == 0 ? fz_wb - 1 : fz_wb;')
    o('      void* fz_bw = static_cast<unsigned char*>(fz_heap.bytes(fz_k == 0 ? fz_bb : fz_bb + 1)) + fz_k;')
    ok = []
    for p in adj:
        if p.arr == 'sarr':
            o('      %s* s_%s = fz_heap.alloc<%s>(%d);' % (p.stype.name, p.name, p.stype.name, p.length))
            o('      for (int e = 0; e < %d; ++e) fzref::%s_fill(s_%s[e], 0.5);' % (p.length, p.stype.name, p.name))
            ok += ['s_%s[e].%s == 0.5' % (p.name, path) for path, _ in p.stype.leaves()]
        elif p.arr == 'struct':
            o('      %s s_%s{};' % (p.stype.name, p.name))
            o('      fzref::%s_fill(s_%s, 0.5);' % (p.stype.name, p.name))
            ok += ['s_%s.%s == 0.5' % (p.name, path) for path, _ in p.stype.leaves()]
        elif p.arr:
            o('      %s* s_%s = fz_heap.alloc<%s>(%d);' % (p.ty, p.name, p.ty, p.length))
            o('      for (int e = 0; e < %d; ++e) s_%s[e] = %s(0.5);' % (p.length, p.name, p.ty))
        else:
            o('      %s s_%s = 0.5;' % (p.ty, p.name))
            ok.append('s_%s == 0.5' % p.name)
    o('      double fz_r = NAN;')
    if not void:
        o('      fz_r = (double)%s_grad(%s, %s, fz_bw, fz_bb);' % (q, args, adjs('s')))
    o('      %s_pullback(%s%s, %s, fz_bw, fz_bb);' % (q, args, '' if void else ', %s(2)' % fn.ret, adjs('s')))
    o('      bool fz_ok = true;')
    for p in adj:
        if p.arr and p.arr not in ('struct',):
            conds = [c for c in ok if c.startswith('s_%s[e]' % p.name)] or ['s_%s[e] == 0.5' % p.name]
            o('      for (int e = 0; e < %d; ++e) fz_ok = fz_ok && %s;' % (p.length, ' && '.join(conds)))
    rest = [c for c in ok if '[e]' not in c]
    if rest:
        o('      fz_ok = fz_ok && %s;' % ' && '.join(rest))
    o('      P.work_contract(fz_k == 0 ? "one-byte-short" : "misaligned", fz_r, fz_ok);')
    o('    }')


def check_partials(o, fn, diff, outs, seeds, void, low, q, target):
    """One block per scalar input, one loop over the elements per input array
    (a block per element would make main.cpp slow to compile)."""
    coords = [(p, leaf) for p in diff for leaf in (p.stype.leaves() if p.arr in ('struct', 'sarr') else [None])]
    for j, (p, leaf) in enumerate(coords):
        e = 'fz_e' if p.arr and p.arr != 'struct' else None
        mem = '.' + leaf[0] if p.arr == 'sarr' else ''  # ps[fz_e].x
        ind = ''
        pty = leaf[1] if leaf else p.ty
        if p.arr == 'sarr':
            o('    for (int fz_e = 0; fz_e < %d; ++fz_e) {  // d/d%s[fz_e]%s' % (p.length, p.name, mem))
            o('      char fz_nm[64];')
            o('      std::snprintf(fz_nm, sizeof fz_nm, "%s[%%d]%s", fz_e);' % (p.name, mem))
            c, cpt = 'fz_nm', '(double)%s[fz_e]%s' % (p.name, mem)
        elif leaf:  # a struct member
            o('    {  // d/d%s.%s' % (p.name, leaf[0]))
            c, cpt = '"%s.%s"' % (p.name, leaf[0]), '(double)%s.%s' % (p.name, leaf[0])
        elif p.arr:
            o('    for (int fz_e = 0; fz_e < %d; ++fz_e) {  // d/d%s[fz_e]' % (p.length, p.name))
            o('      char fz_nm[64];')
            o('      std::snprintf(fz_nm, sizeof fz_nm, "%s[%%d]", fz_e);' % p.name)
            c, cpt = 'fz_nm', '%s[fz_e]' % p.name
        else:
            o('    {  // d/d%s' % p.name)
            c, cpt = '"%s"' % p.name, p.name
        for T, tag in (('DD', 'd'), (None, 'f')):
            for a in fn.params:
                if a.arr == 'sarr':
                    rt = 'fzref::%s_r<DD, %s>' % (a.stype.name, T or 'DF')
                    o(ind + '      %s %s_%s[%d];' % (rt, a.name, tag, a.length))
                    o(ind + '      for (int e = 0; e < %d; ++e) %s_%s[e] = fzref::%s_lift<DD, %s>(%s[e]);'
                      % (a.length, a.name, tag, a.stype.name, T or 'DF', a.name))
                elif a.arr == 'struct':
                    o(ind + '      auto %s_%s = fzref::%s_lift<DD, %s>(%s);' % (a.name, tag, a.stype.name, T or 'DF', a.name))
                    if a is p:
                        et = T or ('DD' if pty == D else 'DF')
                        o(ind + '      %s_%s.%s = %s(%s.%s, 1);' % (a.name, tag, leaf[0], et, a.name, leaf[0]))
                if not a.arr or a.arr in ('struct', 'sarr'):
                    continue
                et = T or ('DD' if a.ty == D else 'DF')
                o(ind + '      %s %s_%s[%d];' % (et, a.name, tag, a.length))
                if a.arr != 'out':
                    o(ind + '      for (int e = 0; e < %d; ++e) %s_%s[e] = %s(%s[e]);'
                      % (a.length, a.name, tag, et, a.name))
            if e is not None:
                et = T or ('DD' if pty == D else 'DF')
                o(ind + '      %s_%s[%s]%s = %s(%s[%s]%s, 1);' % (p.name, tag, e, mem, et, p.name, e, mem))

        def dual_args(T, tag):
            r = []
            for a in fn.params:
                if a.arr:
                    r.append(by_ptr(a, '%s_%s' % (a.name, tag)))
                elif a.ty not in FLOATS:
                    r.append(a.name)
                else:
                    t = T or ('DD' if a.ty == D else 'DF')
                    r.append('%s(%s, 1)' % (t, a.name) if (a is p and e is None) else '%s(%s)' % (t, a.name))
            return ', '.join(r)
        for T, tag in (('DD', 'd'), (None, 'f')):
            call = 'fzref::%s<DD, %s>(%s)' % (fn.ref_name(), 'DD' if T else 'DF', dual_args(T, tag))
            o(ind + '      %s%s;' % ('' if void else 'const auto r%s = ' % tag, call))
        if not void and j == 0:
            cond = 'if (fz_e == 0) ' if e is not None else ''
            o(ind + '      %s{ P.primal(fz_vg, fz_v, (double)rf.e); P.ref_primal((double)rf.v, fz_v, (double)rf.e); }'
              % cond)
        # d(target) from the reference, in double and in the program's own types
        for tag in (('d', 'f') if outs else ()):
            terms = [] if void else ['2.0 * (double)r%s.d' % tag]
            mags = [] if void else ['2.0 * (double)r%s.m' % tag]
            for a in outs:
                terms += ['%r * (double)%s_%s[%d].d' % (u, a.name, tag, k) for k, u in enumerate(seeds[a.name])]
                mags += ['%r * (double)%s_%s[%d].m' % (abs(u), a.name, tag, k) for k, u in enumerate(seeds[a.name])]
            if tag == 'd':
                o(ind + '      const double td = %s, md = %s;' % (' + '.join(terms), ' + '.join(mags)))
            else:
                o(ind + '      const double tf = %s;' % ' + '.join(terms))
        gx = '%s_%s' % ('%s', p.name) + ('[%s]' % e if e is not None else '') + ('.' + leaf[0] if leaf else '')
        o(ind + '      double fd = NAN, fd2 = NAN;')
        if fn.no_fd:
            pass  # a GRADC_NONDIFF scale moves under finite differences
        elif not low:
            # central differences of f itself
            lam = ['%s %s_c[%d]%s;' % (a.stype.name if a.arr == 'sarr' else a.ty, a.name, a.length,
                                        ' = {}' if a.arr == 'out' else '') for a in fn.params
                   if a.arr and a.arr != 'struct']
            lam += ['for (int e = 0; e < %d; ++e) %s_c[e] = %s[e];' % (a.length, a.name, a.name)
                    for a in fn.params if a.arr and a.arr not in ('out', 'struct')]
            lam += ['%s %s_c = %s;' % (a.stype.name, a.name, a.name) for a in fn.params if a.arr == 'struct']
            if leaf and p.arr == 'struct':
                lam.append('%s_c.%s = (%s)fz_t;' % (p.name, leaf[0], pty))
            if e is not None:
                lam.append('%s_c[%s]%s = (%s)fz_t;' % (p.name, e, mem, pty))
            cargs = [prog_arg(a, '%s_c' % a.name) if a.arr else ('fz_t' if (a is p and e is None) else a.name)
                     for a in fn.params]
            stmt, expr = target(fz_spell3.value_call(fn, cargs), lambda a, k: '%s_c[%d]' % (a.name, k))
            o(ind + '      fzcheck::central([&](double fz_t) { %s %s return %s; }, %s, &fd, &fd2);'
              % (' '.join(lam), stmt, expr, cpt))
        else:
            lam = ['%s %s_c[%d];' % ('fzref::%s_r<DD, DD>' % a.stype.name if a.arr == 'sarr' else 'DD', a.name, a.length)
                   for a in fn.params if a.arr and a.arr != 'struct']
            lam += ['for (int e = 0; e < %d; ++e) %s_c[e] = %s(%s[e]);' % (
                a.length, a.name, 'fzref::%s_lift<DD, DD>' % a.stype.name if a.arr == 'sarr' else 'DD', a.name)
                for a in fn.params if a.arr and a.arr not in ('out', 'struct')]
            lam += ['auto %s_c = fzref::%s_lift<DD, DD>(%s);' % (a.name, a.stype.name, a.name)
                    for a in fn.params if a.arr == 'struct']
            if leaf and p.arr == 'struct':
                lam.append('%s_c.%s = DD(fz_t);' % (p.name, leaf[0]))
            if e is not None:
                lam.append('%s_c[%s]%s = DD(fz_t);' % (p.name, e, mem))
            cargs = ', '.join(by_ptr(a, '%s_c' % a.name) if a.arr else (
                a.name if a.ty not in FLOATS else ('DD(fz_t)' if (a is p and e is None) else 'DD(%s)' % a.name))
                for a in fn.params)
            call = 'fzref::%s<DD, DD>(%s)' % (fn.ref_name(), cargs)
            stmt, expr = target(call + ('' if void else '.v'), lambda a, k: '%s_c[%d].v' % (a.name, k))
            o(ind + '      fzcheck::central([&](double fz_t) { %s %s return %s; }, %s, &fd, &fd2);'
              % (' '.join(lam), stmt, expr, cpt))
        if not outs:
            o(ind + '      P.partial(%s, %s, %s - %s(0.5), %s / 2, rd.d, rd.m, (double)rf.d, fd / 2, fd2 / 2);'
              % (c, gx % 'g', gx % 'a', pty, gx % 'p'))
        else:
            if not void:
                o(ind + '      P.self_check(%s, %s, %s - %s(0.5), rd.m);' % (c, gx % 'g', gx % 'a', pty))
                o(ind + '      P.dual(%s, %s, rd.d, rd.m, (double)rf.d);' % (c, gx % 'g'))
            o(ind + '      P.vjp(%s, %s, td, md, tf, fd, fd2);' % (c, gx % 'p'))
        o('    }')


def render_main(prog, fns, checked=None, work=(), workarounds=(), fwd={}, c99={}):
    checked = checked_functions(fns if checked is None else checked)
    out = ['// Checks for prog.cpp (seed %s). Generated by tests/fuzz/gen.py: do not edit.' % prog.seed,
           '#include "prog.cpp"', '#include "prog.grad.hpp"', '#include "prog.ref.hpp"', '#include "check.hpp"',
           '', '#include <cmath>', '#include <cstdio>', '#include <cstdlib>', '']
    if c99:
        out += ['#include "fzc.hpp"', '']
    for fn in checked:
        render_check(fn, out, work, workarounds, fwd, c99)
    out.append('int main() {')
    from fz_spell3 import main_sets
    out += main_sets(prog, fns)
    for fn in checked:
        out.append('  check_%s();' % fn.ref_name())
    out.append('  return fzcheck::report();')
    out.append('}')
    return '\n'.join(out) + '\n'
