"""Forward mode ('forward'): some generated functions are marked
GRADC_JACOBIAN / GRADC_HESSIAN (or _WRT) instead of GRADC_GRAD, from a random
stream of their own (every seed's programs compute what they did), and
main.cpp checks, at every sample point (docs/forward.md):

  f_jacobian's value is f's;  uᵀJ equals f_pullback with seeds u (2 for
  the value, the output seeds u_k): the reverse mode, itself checked against
  dual numbers and central differences;  J·v equals f_jvp(v);
  and for a Hessian: H symmetric, f_hvp(v) equals H·v, f_hessian_sparse
  equals H in its pattern (exactly symmetric) and H is 0 outside it, and
  (double functions, not at the tie point) H equals central differences of f_grad.

Only shapes the forward stage is documented to accept are marked: no
templates, struct parameters or calls of marked functions; arrays are
spelled with their length (`const T xs[N]`, `T out[N]`: the same function);
a Hessian only for a function returning a value, writing no array, with no
loop of run-time length. A rejection all the same is counted
(run_fuzz.py retries without the markers it names) and is not a failure.
"""

import random

from fz_ast import walk_expr, walk_stmts, stmt_exprs

P_FORWARD = 0.3
DIRS = [0.75, -0.5, 1.25, 0.3, -1.1, 0.6, -0.35, 0.9, -1.4, 0.45, 0.2, -0.8]


def eligible(fn):
    if fn.tmpl or any(p.arr in ('struct', 'sarr', 'ref') for p in fn.params):
        return False
    for s in walk_stmts(fn.body):
        for e in stmt_exprs(s):
            if any(x.k == 'ucall' and not getattr(x.fn, 'lib', False) for x in walk_expr(e)):
                return False
    return bool(fn.diff_params())


def calls_rule(fn, name):
    """fn calls the library rule `name` (fz_lib.py)."""
    return any(x.k == 'ucall' and getattr(x.fn, 'lib', False) and x.fn.name == name
               for s in walk_stmts(fn.body) for e in stmt_exprs(s) for x in walk_expr(e))


def mark_forward(fn, seed, workarounds):
    rng = random.Random('gradc-fuzz-forward:%s:%s' % (seed, fn.name))
    fn.fwd = None
    if 'forward' in workarounds or rng.random() >= P_FORWARD or not eligible(fn):
        return
    if 'jacobian-work' in workarounds and fn.has_loops(runtime_only=True):
        return  # (fixed: by columns) f_jacobian called f_grad without its work buffer
    hess_ok = fn.ret != 'void' and not fn.outputs()
    if 'hessian-work' in workarounds and fn.has_loops(runtime_only=True):
        hess_ok = False  # (fixed: f_hvp takes a buffer of f_hvp_work_bytes) rejected at the marker
    if 'hvp-rule-call' in workarounds and calls_rule(fn, 'logistic'):
        hess_ok = False  # (fixed, FINDINGS.md hvp-rule-call) f_hvp dropped the tangent of a call in a rule's body
    fn.fwd = 'hessian' if hess_ok and rng.random() < 0.5 else 'jacobian'
    for p in fn.params:
        if p.arr == 'in':
            p.arr = 'fixed'
        elif p.arr == 'out':
            p.fixed_out = True
    fn.features.add('fwd-' + fn.fwd)


def coords(fn):
    """(param, element or None) of every differentiated input coordinate, in order."""
    out = []
    for p in fn.diff_params():
        out += [(p, e) for e in range(p.length)] if p.arr else [(p, None)]
    return out


def render_forward(o, fn, q, args, types, low, grad_work=''):
    """The forward checks of one sample point (inside check_<fn>'s loop).
    `grad_work`: ', fz_w, fz_wb' when f_grad takes a work buffer. When the header
    has f_hvp_work_bytes (types['HW']), f_hvp, f_hessian and f_hessian_sparse
    take a buffer of exactly that many bytes from the harness heap (ASan sees
    past it)."""
    cs = coords(fn)
    outs = fn.outputs()
    void = fn.ret == 'void'
    ncol = len(cs)
    nrow = sum(p.length for p in outs) + (0 if void else 1)
    diff = fn.diff_params()

    def flat(prefix):
        """Statements filling fz_<prefix>[k] from <prefix>_<param> over the coordinates."""
        st = []
        k = 0
        for p in diff:
            if p.arr:
                st.append('for (int e = 0; e < %d; ++e) fz_%s[%d + e] = (double)%s_%s[e];' % (p.length, prefix, k, prefix, p.name))
                k += p.length
            else:
                st.append('fz_%s[%d] = (double)%s_%s;' % (prefix, k, prefix, p.name))
                k += 1
        return st

    def directions():
        """Declarations of the tangents t_<p> (direction DIRS) and their flat copy fz_dir."""
        st, targs = [], []
        st.append('double fz_dir[%d];' % ncol)
        k = 0
        for p in diff:
            if p.arr:
                st.append('%s* fz_t_%s = fz_heap.alloc<%s>(%d);' % (p.ty, p.name, p.ty, p.length))
                for e in range(p.length):
                    st.append('fz_t_%s[%d] = %s(%r); fz_dir[%d] = (double)fz_t_%s[%d];'
                              % (p.name, e, p.ty, DIRS[(k + e) % len(DIRS)], k + e, p.name, e))
                k += p.length
            else:
                st.append('const %s fz_t_%s = %s(%r); fz_dir[%d] = (double)fz_t_%s;'
                          % (p.ty, p.name, p.ty, DIRS[k % len(DIRS)], k, p.name))
                k += 1
            targs.append('fz_t_%s' % p.name)
        return st, targs

    o('    {  // forward mode: %s (fz_forward.py)' % fn.fwd)
    ind = '      '
    if fn.fwd == 'jacobian':
        jt = types.get('J', 'double')
        o(ind + '%s* fz_J = fz_heap.alloc<%s>(%d);' % (jt, jt, nrow * ncol))
        if void:
            o(ind + '%s_jacobian(%s, fz_J);' % (q, args))
        else:
            o(ind + 'const double fz_vj = (double)%s_jacobian(%s, fz_J);' % (q, args))
            o(ind + 'P.fwd_primal("jacobian", fz_vj, fz_v);')
        # uᵀJ against the pullback (seeds u for the outputs, 2 for the value)
        us = ['(double)fz_useed_%s[%d]' % (p.name, k) for p in outs for k in range(p.length)] + ([] if void else ['2.0'])
        o(ind + 'const double fz_u[%d] = {%s};' % (nrow, ', '.join(us)))
        o(ind + 'double fz_p[%d];' % ncol)
        for st in flat('p'):
            o(ind + st)
        o(ind + 'P.fwd_vjp(fz_J, %d, %d, fz_u, fz_p);' % (nrow, ncol))
        # J·v against f_jvp
        st, targs = directions()
        for s in st:
            o(ind + s)
        touts = []
        for p in outs:
            o(ind + '%s* fz_to_%s = fz_heap.alloc<%s>(%d);' % (p.ty, p.name, p.ty, p.length))
            touts.append('fz_to_%s' % p.name)
        if not void:
            o(ind + '%s fz_tret = 0;' % fn.ret)
            touts.append('&fz_tret')
        o(ind + '%s_jvp(%s, %s);' % (q, args, ', '.join(targs + touts)))
        o(ind + 'double fz_tv[%d];' % nrow)
        k = 0
        for p in outs:
            o(ind + 'for (int e = 0; e < %d; ++e) fz_tv[%d + e] = (double)fz_to_%s[e];' % (p.length, k, p.name))
            k += p.length
        if not void:
            o(ind + 'fz_tv[%d] = (double)fz_tret;' % k)
        o(ind + 'P.fwd_jvp(fz_J, %d, %d, fz_dir, fz_tv);' % (nrow, ncol))
    else:
        ht = types.get('H', 'double')
        hw, gw = '', grad_work
        if 'HW' in types:
            o(ind + 'const std::size_t fz_hwb = %s_hvp_work_bytes(%s);' % (q, ', '.join(types['HW'])))
            o(ind + 'void* fz_hw = fz_heap.bytes(fz_hwb);')
            hw = ', fz_hw, fz_hwb'
        o(ind + '%s* fz_H = fz_heap.alloc<%s>(%d);' % (ht, ht, ncol * ncol))
        o(ind + 'const double fz_vh = (double)%s_hessian(%s, fz_H%s);' % (q, args, hw))
        o(ind + 'P.fwd_primal("hessian", fz_vh, fz_v);')
        o(ind + 'P.hess_sym(fz_H, %d);' % ncol)
        st, targs = directions()
        for s in st:
            o(ind + s)
        hv = []
        for p in diff:
            o(ind + '%s* fz_hv_%s = fz_heap.alloc<%s>(%d);' % (p.ty, p.name, p.ty, p.length if p.arr else 1))
            hv.append('fz_hv_%s' % p.name)
        o(ind + 'const double fz_vv = (double)%s_hvp(%s, %s%s);' % (q, args, ', '.join(targs + hv), hw))
        o(ind + 'P.fwd_primal("hvp", fz_vv, fz_v);')
        o(ind + 'double fz_hvf[%d];' % ncol)
        k = 0
        for p in diff:
            n = p.length if p.arr else 1
            o(ind + 'for (int e = 0; e < %d; ++e) fz_hvf[%d + e] = (double)fz_hv_%s[e];' % (n, k, p.name))
            k += n
        o(ind + 'P.fwd_hvp(fz_H, %d, fz_dir, fz_hvf);' % ncol)
        if types.get('HS'):
            # f_hessian_sparse (star or distance-2 colouring): H's entries in its pattern, 0 outside it
            o(ind + '%s* fz_hs = fz_heap.alloc<%s>(%s_hessian_nnz > 0 ? %s_hessian_nnz : 1);' % (ht, ht, q, q))
            o(ind + 'const double fz_vs = (double)%s_hessian_sparse(%s, fz_hs%s);' % (q, args, hw))
            o(ind + 'P.fwd_primal("hessian-sparse", fz_vs, fz_v);')
            o(ind + 'P.hess_sparse(fz_H, %d, fz_hs, %s_hessian_nnz, %s_hessian_sparse_rows, %s_hessian_sparse_cols);'
              % (ncol, q, q, q))
        if not low and not fn.no_fd:
            # H against central differences of f_grad, one coordinate at a time
            o(ind + 'double fz_x0[%d];' % ncol)
            k = 0
            for p in diff:
                if p.arr:
                    o(ind + 'for (int e = 0; e < %d; ++e) fz_x0[%d + e] = (double)%s[e];' % (p.length, k, p.name))
                    k += p.length
                else:
                    o(ind + 'fz_x0[%d] = (double)%s;' % (k, p.name))
                    k += 1
            body = []
            cargs = []
            k = 0
            for p in fn.params:
                if p in diff and p.arr:
                    body.append('%s %s_c[%d]; for (int e = 0; e < %d; ++e) %s_c[e] = (%s)fz_c[%d + e];'
                                % (p.ty, p.name, p.length, p.length, p.name, p.ty, k))
                    cargs.append('%s_c' % p.name)
                    k += p.length
                elif p in diff:
                    body.append('const %s %s_c = (%s)fz_c[%d];' % (p.ty, p.name, p.ty, k))
                    cargs.append('%s_c' % p.name)
                    k += 1
                else:
                    cargs.append(p.name)
            adj = []
            for p in fn.adjoints():
                if p.arr:
                    body.append('%s h_%s[%d] = {};' % (p.ty, p.name, p.length))
                    adj.append('h_%s' % p.name)
                else:
                    body.append('%s h_%s = 0;' % (p.ty, p.name))
                    adj.append('&h_%s' % p.name)
            body.append('%s_grad(%s, %s%s);' % (q, ', '.join(cargs), ', '.join(adj), gw))
            k = 0
            for p in diff:
                if p.arr:
                    body.append('for (int e = 0; e < %d; ++e) fz_g[%d + e] = (double)h_%s[e];' % (p.length, k, p.name))
                    k += p.length
                else:
                    body.append('fz_g[%d] = (double)h_%s;' % (k, p.name))
                    k += 1
            o(ind + 'P.hess_fd(fz_H, %d, fz_x0, [&](const double* fz_c, double* fz_g) { %s });'
              % (ncol, ' '.join(body)))
    o('    }')
