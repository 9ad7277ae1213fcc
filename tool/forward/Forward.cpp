#include "forward/Forward.h"

#include "forward/Directions.h"
#include "forward/Sparsity.h"
#include "forward/Tangents.h"
#include "lower/Lower.h"
#include "reverse/Reverse.h"

#include <algorithm>
#include <set>

namespace gradc {

using namespace ir;

namespace {

ExprRef zeroOf(const Type& t) { return constant(0, t, formatLiteral(0, t.kind)); }

bool isWrt(const Function& fn, VarId p) { return std::count(fn.wrt.begin(), fn.wrt.end(), p) > 0; }

// A tangent parameter: `T t_x` / `const T* t_x` in, or `T* t_y` out.
VarId tangentParam(Function& out, const std::string& name, VarId of, bool isOut) {
  const Var p = out.var(of);
  Var t;
  t.name = name;
  t.type = p.type;
  t.role = VarRole::Param;
  t.isPointer = isOut || p.isArray();
  t.pointeeConst = !isOut;
  t.isOutput = isOut;
  t.primal = of;  // (marks it a tangent for the comment above the function)
  t.arraySize = isOut && !p.isArray() ? 1 : p.arraySize;
  VarId id = out.addVar(t);
  out.params.push_back(id);
  return id;
}

bool fail(const ForwardEnv& env, const std::string& form, const std::string& what, const std::string& instead) {
  env.diags.report(env.marker, Diag::ForwardUnsupported, {form, what, instead});
  return false;
}

// Where the function's final `return value;` is (f_grad's), or body.end().
Block::iterator finalReturn(Block& body) {
  if (!body.empty() && body.back().kind == StmtKind::Return && body.back().value) return body.end() - 1;
  return body.end();
}

}  // namespace

namespace {

// f_jvp, and in `localTangents` (when given) the tangent variables its sweep made.
std::optional<Function> jvpWithTangents(const Function& fn, const ForwardEnv& env, std::vector<VarId>* localTangents) {
  std::string form = "'" + fn.name + "_jvp'";
  Function out = fn;
  out.kind = FunctionKind::Jvp;
  out.body.clear();
  std::vector<VarId> inputs;
  std::vector<std::pair<VarId, VarId>> tangents;  // (variable, its tangent parameter)
  for (VarId p : fn.params) {
    const Var& v = fn.var(p);
    if (!isWrt(fn, p)) continue;
    if (v.isRecord() || v.isReference)
      return fail(env, form, "'" + v.name + "' is a struct or a reference", "pass its values as float/double or arrays"),
             std::nullopt;
    if (v.isOutput)
      return fail(env, form, "'" + v.name + "' is both differentiated and written",
                  "copy it into a local array, or leave it out of the _WRT list"),
             std::nullopt;
    inputs.push_back(p);
    tangents.push_back({p, tangentParam(out, "t_" + v.name, p, false)});
  }
  for (VarId p : fn.params) {
    const Var& v = fn.var(p);
    if (!v.isOutput || !v.type.isFloating() || v.isRecord()) continue;
    if (v.elementRef)
      return fail(env, form, "the output '" + v.name + "' is a reference", "write it as an array `T " + v.name + "[1]`"),
             std::nullopt;
    tangents.push_back({p, tangentParam(out, "t_" + v.name, p, true)});
  }
  VarId tret = kNoVar, tresult = kNoVar;
  if (fn.result != kNoVar) {
    tret = tangentParam(out, "t_ret", fn.result, true);
  }
  forward::TangentSweep sweep(out, env.rules);
  for (auto [v, t] : tangents) sweep.tangent[static_cast<size_t>(v)] = t;
  sweep.addLocalTangents(fn.body, inputs);
  if (fn.result != kNoVar) tresult = sweep.tangent[static_cast<size_t>(fn.result)];
  if (localTangents)
    for (size_t v = 0; v < fn.vars.size(); ++v)
      if (sweep.tangent[v] != kNoVar && out.var(sweep.tangent[v]).role != VarRole::Param)
        localTangents->push_back(sweep.tangent[v]);
  // Outputs the body adds to (`y[i] += ...`) or reads: their tangents start at zero.
  Block prologue;
  for (auto [v, t] : tangents) {
    if (!out.var(t).isOutput || !readsIncoming(fn, v, true)) continue;
    if (out.var(t).arraySize < 0)
      return fail(env, form, "the output '" + fn.var(v).name + "' is read or added to, and its length is known only at run time",
                  "declare it `T " + fn.var(v).name + "[N]`"),
             std::nullopt;
    sweep.zero(t, -1, prologue);  // (no source line: the caller's values)
  }
  Block body;
  if (!sweep.sweep(fn.body, body)) return fail(env, form, sweep.error, "mark it GRADC_GRAD only"), std::nullopt;
  out.body = std::move(prologue);
  auto ret = finalReturn(body);
  for (auto it = body.begin(); it != ret; ++it) out.body.push_back(std::move(*it));
  if (tret != kNoVar) {
    int origin = ret != body.end() ? ret->origin : -1;
    Stmt st = assign(tret, tresult != kNoVar ? out.ref(tresult) : zeroOf(fn.returnType), origin);
    st.index = constant(0, Type::integer("int"), "0");
    out.body.push_back(std::move(st));
  }
  for (auto it = ret; it != body.end(); ++it) out.body.push_back(std::move(*it));
  return out;
}

}  // namespace

std::optional<Function> buildJvp(const Function& fn, const ForwardEnv& env) { return jvpWithTangents(fn, env, nullptr); }

namespace {

// f_hvp, and in `localTangents` (when given) the tangent variables its sweep made.
std::optional<Function> hvpWithTangents(const Function& pullback, const ForwardEnv& env,
                                        std::vector<VarId>* localTangents) {
  std::string form = "'" + pullback.name + "_hvp'";
  Function grad = gradFromPullback(pullback);
  Function out = grad;
  out.kind = FunctionKind::Hvp;
  out.params.clear();
  out.body.clear();
  std::vector<VarId> adjoints;  // f_grad's d_p, now local
  for (VarId p : grad.params) {
    Var& v = out.var(p);
    if (v.role != VarRole::AdjointOut) {
      out.params.push_back(p);
      continue;
    }
    const Var& primal = grad.var(v.primal);
    if (primal.isOutput)
      return fail(env, form, "it writes the array '" + primal.name + "'", "return one float/double value and write no array"),
             std::nullopt;
    if (v.isMember() || primal.isRecord())
      return fail(env, form, "'" + primal.name + "' is a struct", "pass its values as float/double or arrays"), std::nullopt;
    if (primal.isArray() && primal.arraySize < 0)
      return fail(env, form, "the length of '" + primal.name + "' is known only at run time",
                  "declare it `const T " + primal.name + "[N]`"),
             std::nullopt;
    v.role = VarRole::Adjoint;
    v.isPointer = false;
    v.arraySize = primal.isArray() ? primal.arraySize : -1;
    adjoints.push_back(p);
  }
  std::vector<VarId> inputs;
  std::vector<std::pair<VarId, VarId>> tangents;
  for (VarId p : grad.wrt) {
    inputs.push_back(p);
    tangents.push_back({p, tangentParam(out, "t_" + grad.var(p).name, p, false)});
  }
  // A Hessian-vector product per input: the tangents of its adjoint.
  std::vector<std::pair<VarId, VarId>> finals;  // (local scalar tangent, hv_ parameter)
  for (VarId a : adjoints) {
    VarId hv = tangentParam(out, "hv_" + grad.var(out.var(a).primal).name, a, true);
    if (out.var(a).isArray()) tangents.push_back({a, hv});
    else finals.push_back({a, hv});
  }
  forward::TangentSweep sweep(out, env.rules);
  for (auto [v, t] : tangents) sweep.tangent[static_cast<size_t>(v)] = t;
  sweep.addLocalTangents(grad.body, inputs);
  // A tape in the work buffer has its tangent there too, as long (f_hvp_work_bytes).
  for (const auto& [tape, count] : grad.runtimeTapes)
    if (VarId t = sweep.tangent[static_cast<size_t>(tape)]; t != kNoVar) out.runtimeTapes.push_back({t, count});
  if (localTangents)
    for (size_t v = 0; v < grad.vars.size(); ++v)
      if (sweep.tangent[v] != kNoVar && out.var(sweep.tangent[v]).role != VarRole::Param)
        localTangents->push_back(sweep.tangent[v]);
  Block body;
  for (VarId a : adjoints)
    if (out.var(a).isArray()) sweep.zero(sweep.tangent[static_cast<size_t>(a)], -1, body);
  if (!sweep.sweep(grad.body, body)) return fail(env, form, sweep.error, "mark it GRADC_GRAD only"), std::nullopt;
  auto ret = finalReturn(body);
  for (auto it = body.begin(); it != ret; ++it) out.body.push_back(std::move(*it));
  for (auto [a, hv] : finals) {
    VarId t = sweep.tangent[static_cast<size_t>(a)];
    const Type& type = out.var(a).type;
    Stmt st = assign(hv, t != kNoVar ? out.ref(t) : zeroOf(type), ret != body.end() ? ret->origin : -1);
    st.index = constant(0, Type::integer("int"), "0");
    out.body.push_back(std::move(st));
  }
  for (auto it = ret; it != body.end(); ++it) out.body.push_back(std::move(*it));
  return out;
}

}  // namespace

std::optional<Function> buildHvp(const Function& pullback, const ForwardEnv& env) {
  return hvpWithTangents(pullback, env, nullptr);
}

// The dense forms call f_jvp / f_pullback / f_hvp in loops over the
// components, with buffers sized at generation time.
std::optional<Function> denseForm(const Function& fn, FunctionKind kind, const ForwardEnv& env) {
  std::string form = "'" + fn.name + (kind == FunctionKind::Jacobian ? "_jacobian'" : "_hessian'");
  for (VarId p : fn.params) {
    const Var& v = fn.var(p);
    bool differentiated = isWrt(fn, p) || (v.isOutput && v.type.isFloating());
    if (v.isRecord() || (v.isReference && differentiated))
      return fail(env, form, "its parameter '" + v.name + "' is a struct or a reference",
                  "pass float/double values and arrays `T " + v.name + "[N]`"),
             std::nullopt;
    if (differentiated && v.isArray() && v.arraySize < 0)
      return fail(env, form, "the length of '" + v.name + "' is known only at run time",
                  "declare it with its length, `T " + v.name + "[N]` (the dense matrix is sized at generation time)"),
             std::nullopt;
  }
  if (!fn.templateArgs.empty())
    return fail(env, form, "it is an instantiation of a template", "mark a function of float or double"), std::nullopt;
  if (kind == FunctionKind::Hessian && fn.result == kNoVar)
    return fail(env, form, "it returns no value", "return the scalar whose Hessian you want"), std::nullopt;
  Function d = fn;
  d.kind = kind;
  d.body.clear();
  return d;
}

std::optional<std::vector<Function>> forwardForms(const Function& fn, const Function& pullback,
                                                  bool pullbackTakesWork, bool jacobian, bool hessian,
                                                  const ForwardEnv& env) {
  std::vector<Function> out;
  if (jacobian) {
    std::vector<VarId> localTangents;
    std::optional<Function> jvp = jvpWithTangents(fn, env, &localTangents);
    std::optional<Function> dense = jvp ? denseForm(fn, FunctionKind::Jacobian, env) : std::nullopt;
    if (!dense) return std::nullopt;
    // A gradient keeping storage in the caller's work buffer (a loop of
    // run-time length) leaves f_pullback a buffer f_jacobian's signature has
    // no room for: its sweeps are f_jvp's, whatever the shape.
    const bool columnsOnly = pullbackTakesWork;
    // Forward by shape, and narrow enough for one sweep: all columns at once.
    long rows = fn.result != kNoVar ? 1 : 0, cols = 0;
    for (VarId p : fn.params)
      if (fn.var(p).isOutput && fn.var(p).type.isFloating()) rows += fn.var(p).arraySize;
    for (VarId p : fn.wrt) cols += fn.var(p).isArray() ? fn.var(p).arraySize : 1;
    if ((cols <= rows || columnsOnly) && forward::bundlesDirections(cols))
      dense = forward::jacobianByDirections(*jvp, fn.params.size(), localTangents, rows, cols, env.packAbove);
    dense->columnsOnly = columnsOnly;
    Pattern p = jacobianPattern(fn);
    dense->pattern = std::move(p.rows);
    dense->patternNote = std::move(p.note);
    out.push_back(std::move(*jvp));
    out.push_back(std::move(*dense));
  }
  if (hessian) {
    std::vector<VarId> localTangents;
    std::optional<Function> hvp = hvpWithTangents(pullback, env, &localTangents);
    std::optional<Function> dense = hvp ? denseForm(fn, FunctionKind::Hessian, env) : std::nullopt;
    if (!dense) return std::nullopt;
    long n = 0;
    for (VarId p : fn.wrt) n += fn.var(p).isArray() ? fn.var(p).arraySize : 1;
    // With a work buffer (a loop of run-time length), f_hessian calls f_hvp
    // per column and passes it on: a sweep carrying every direction would
    // need the tapes' tangents once per direction, in the buffer.
    const bool work = !hvp->runtimeTapes.empty();
    if (!work && forward::bundlesDirections(n))
      dense = forward::hessianByDirections(*hvp, fn.params.size(), localTangents, n, env.packAbove);
    dense->hvpWork = work;
    Pattern p = hessianPattern(pullback);
    dense->pattern = std::move(p.rows);
    dense->patternNote = std::move(p.note);
    out.push_back(std::move(*hvp));
    out.push_back(std::move(*dense));
  }
  return out;
}

}  // namespace gradc
