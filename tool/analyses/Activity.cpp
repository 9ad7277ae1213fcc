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

namespace {

// Marks everything reachable along `edges` from what is marked already.
void reach(const std::vector<std::vector<VarId>>& edges, std::vector<bool>& marked) {
  std::vector<VarId> work;
  for (size_t v = 0; v < marked.size(); ++v)
    if (marked[v]) work.push_back(static_cast<VarId>(v));
  while (!work.empty()) {
    VarId v = work.back();
    work.pop_back();
    for (VarId next : edges[static_cast<size_t>(v)]) {
      if (marked[static_cast<size_t>(next)]) continue;
      marked[static_cast<size_t>(next)] = true;
      work.push_back(next);
    }
  }
}

}  // namespace

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

  // Each assignment is an edge from what it reads to what it writes. Varied
  // flows forward along the edges, useful backward: both are reachability, so
  // a graph search finds them in linear time (a fixed point over the statements
  // took one sweep per link of a long chain: quadratic).
  std::vector<std::vector<VarId>> readers(fn.vars.size()), sources(fn.vars.size());
  forEachStmt(fn.body, [&](const Stmt& s) {
    bool writes = s.kind == StmtKind::Assign || s.kind == StmtKind::Accumulate;
    if (!writes || !fn.var(s.dst).type.isFloating()) return;
    if (fn.var(s.dst).constant) return;  // GRADC_NONDIFF: the gradient stops here
    std::vector<VarId> srcs;
    differentiableReads(s.value, srcs);
    for (VarId v : srcs) {
      readers[static_cast<size_t>(v)].push_back(s.dst);
      sources[static_cast<size_t>(s.dst)].push_back(v);
    }
  });
  reach(readers, act.varied);
  reach(sources, act.useful);
  return act;
}

}  // namespace gradc
