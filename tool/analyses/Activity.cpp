#include "analyses/Activity.h"

namespace gradc {

using namespace ir;

void differentiableReads(const ExprRef& e, std::vector<VarId>& out) {
  if (!e->type.isFloating()) return;
  switch (e->op) {
    case Op::Var:
    case Op::Load: out.push_back(e->var); return;  // an element: the whole array, not the index
    case Op::Const:
    case Op::Global: return;
    case Op::Select:
      differentiableReads(e->args[1], out);
      differentiableReads(e->args[2], out);
      return;
    default:
      for (const auto& a : e->args) differentiableReads(a, out);
  }
}

Activity analyzeActivity(const Function& fn) {
  Activity act;
  act.varied.assign(fn.vars.size(), false);
  act.useful.assign(fn.vars.size(), false);
  for (VarId p : fn.wrt) act.varied[static_cast<size_t>(p)] = true;
  for (size_t v = 0; v < fn.vars.size(); ++v)  // a differentiated struct's members
    if (fn.vars[v].isMember() && fn.vars[v].type.isFloating() && act.varied[static_cast<size_t>(fn.vars[v].memberRoot)])
      act.varied[v] = true;
  if (fn.result != kNoVar) act.useful[static_cast<size_t>(fn.result)] = true;
  for (VarId p : fn.params)
    if (fn.var(p).isOutput) act.useful[static_cast<size_t>(p)] = true;

  // Propagate to a fixed point: varied forward along assignments, useful backward.
  for (bool changed = true; changed;) {
    changed = false;
    forEachStmt(fn.body, [&](const Stmt& s) {
      bool writes = s.kind == StmtKind::Assign || s.kind == StmtKind::Accumulate;
      if (!writes || !fn.var(s.dst).type.isFloating()) return;
      std::vector<VarId> srcs;
      differentiableReads(s.value, srcs);
      size_t d = static_cast<size_t>(s.dst);
      if (fn.var(s.dst).constant) return;  // GRADC_NONDIFF: the gradient stops here
      for (VarId v : srcs) {
        size_t i = static_cast<size_t>(v);
        if (act.varied[i] && !act.varied[d]) act.varied[d] = changed = true;
        if (act.useful[d] && !act.useful[i]) act.useful[i] = changed = true;
      }
    });
  }
  return act;
}

}  // namespace gradc
