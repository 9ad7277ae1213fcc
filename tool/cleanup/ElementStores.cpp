#include "cleanup/ElementStores.h"

#include <algorithm>

namespace gradc {

using namespace ir;

namespace {

bool readsAnywhere(const Stmt& s, VarId v) {
  bool found = (s.value && reads(s.value, v)) || (s.index && reads(s.index, v)) ||
               std::any_of(s.args.begin(), s.args.end(), [&](const ExprRef& a) { return reads(a, v); });
  for (const Stmt& t : s.thenBlock) found = found || readsAnywhere(t, v);
  for (const Stmt& t : s.elseBlock) found = found || readsAnywhere(t, v);
  return found;
}

bool writesAnyOf(const Stmt& s, const std::vector<VarId>& vars) {
  bool found = std::count(vars.begin(), vars.end(), s.dst) > 0 ||
               std::any_of(s.outs.begin(), s.outs.end(), [&](VarId o) { return std::count(vars.begin(), vars.end(), o) > 0; });
  for (const Stmt& t : s.thenBlock) found = found || writesAnyOf(t, vars);
  for (const Stmt& t : s.elseBlock) found = found || writesAnyOf(t, vars);
  return found;
}

bool overwrittenLater(const Block& b, size_t i) {
  const Stmt& w = b[i];
  std::vector<VarId> indexVars;
  collectReads(w.index, indexVars);
  for (size_t j = i + 1; j < b.size(); ++j) {
    const Stmt& n = b[j];
    if (n.kind == StmtKind::Assign && n.dst == w.dst && n.index && sameExpr(n.index, w.index) &&
        !reads(n.value, w.dst))
      return true;
    if (readsAnywhere(n, w.dst) || writesAnyOf(n, indexVars)) return false;
  }
  return false;
}

// `a[i] = e` right after an `a[i] = e` that nothing since has changed: the
// element already holds e (a reverse iteration's undo, then its restore).
bool repeatsEarlier(const Block& b, size_t i) {
  const Stmt& w = b[i];
  if (w.kind != StmtKind::Assign) return false;
  std::vector<VarId> operands = {w.dst};
  collectReads(w.index, operands);
  collectReads(w.value, operands);
  for (size_t j = i; j-- > 0;) {
    const Stmt& p = b[j];
    if (p.kind == StmtKind::Assign && p.dst == w.dst && p.index && sameExpr(p.index, w.index) &&
        sameExpr(p.value, w.value) && !reads(p.value, w.dst))
      return true;
    if (writesAnyOf(p, operands)) return false;
  }
  return false;
}

bool removeIn(const Function& fn, Block& b) {
  bool changed = false;
  for (Stmt& s : b) {
    changed = removeIn(fn, s.thenBlock) || changed;
    changed = removeIn(fn, s.elseBlock) || changed;
  }
  for (size_t i = b.size(); i-- > 0;) {
    const Stmt& s = b[i];
    bool store = (s.kind == StmtKind::Assign || s.kind == StmtKind::Accumulate) && s.index;
    if (!store || fn.var(s.dst).isPointer || fn.var(s.dst).role == VarRole::AdjointOut) continue;
    if (!overwrittenLater(b, i) && !repeatsEarlier(b, i)) continue;
    b.erase(b.begin() + static_cast<long>(i));
    changed = true;
  }
  return changed;
}

}  // namespace

bool removeOverwrittenStores(Function& fn) { return removeIn(fn, fn.body); }

}  // namespace gradc
