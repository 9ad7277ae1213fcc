#include "analyses/Activity.h"

namespace gradc {

using namespace ir;

void differentiableReads(const ExprRef& e, std::vector<VarId>& out) {
  if (!e->type.isFloating()) return;
  switch (e->op) {
    case Op::Var: out.push_back(e->var); return;
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
  act.useful[static_cast<size_t>(fn.result)] = true;

  // Propagate to a fixed point: varied forward along assignments, useful backward.
  for (bool changed = true; changed;) {
    changed = false;
    forEachStmt(fn.body, [&](const Stmt& s) {
      if (s.kind != StmtKind::Assign || !fn.var(s.dst).type.isFloating()) return;
      std::vector<VarId> srcs;
      differentiableReads(s.value, srcs);
      size_t d = static_cast<size_t>(s.dst);
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
