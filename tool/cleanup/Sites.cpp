#include "cleanup/Sites.h"

#include <algorithm>

namespace gradc::cleaning {

using namespace ir;

namespace {

void collectSites(Block& b, std::vector<std::pair<Block*, size_t>>& path, std::vector<Site>& out) {
  for (size_t i = 0; i < b.size(); ++i) {
    path.push_back({&b, i});
    size_t me = out.size();
    out.push_back({&b[i], me, path});
    collectSites(b[i].thenBlock, path, out);
    collectSites(b[i].elseBlock, path, out);
    out[me].end = out.size();
    path.pop_back();
  }
}

}  // namespace

std::vector<Site> sitesOf(Function& fn) {
  std::vector<Site> sites;
  std::vector<std::pair<Block*, size_t>> path;
  collectSites(fn.body, path, sites);
  return sites;
}

Usage usage(const Function& fn, const std::vector<Site>& sites) {
  Usage u;
  size_t n = fn.vars.size();
  u.defs.assign(n, {});
  u.uses.assign(n, {});
  u.addressTaken.assign(n, false);
  auto read = [&](const ExprRef& e, size_t order) {
    std::vector<VarId> r;
    collectReads(e, r);
    for (VarId v : r) u.uses[static_cast<size_t>(v)].push_back(order);
  };
  for (const Site& s : sites) {
    const Stmt& st = *s.stmt;
    if (st.value) read(st.value, s.order);
    if (st.index) read(st.index, s.order);
    for (const auto& a : st.args) read(a, s.order);
    if (st.kind == StmtKind::Assign || st.kind == StmtKind::Accumulate) u.defs[static_cast<size_t>(st.dst)].push_back(s.order);
    if (st.kind == StmtKind::Accumulate) u.uses[static_cast<size_t>(st.dst)].push_back(s.order);
    for (VarId o : st.outs) {
      if (o == kNoVar) continue;  // a parameter with no adjoint
      u.defs[static_cast<size_t>(o)].push_back(s.order);
      u.uses[static_cast<size_t>(o)].push_back(s.order);
      u.addressTaken[static_cast<size_t>(o)] = true;
    }
  }
  return u;
}

void eraseMarked(Block& b, const std::vector<bool>& gone) {
  size_t kept = 0;
  for (size_t i = 0; i < b.size(); ++i)
    if (!gone[i]) {
      if (kept != i) b[kept] = std::move(b[i]);
      ++kept;
    }
  b.erase(b.begin() + static_cast<long>(kept), b.end());
}

bool isParamLike(const Var& v) {
  return v.role == VarRole::Param || v.role == VarRole::AdjointOut || v.role == VarRole::Seed;
}

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

bool mentionsAnywhere(const Stmt& s, VarId v) { return readsAnywhere(s, v) || writesAnyOf(s, {v}); }

std::set<VarId> writtenIn(const Block& b) {
  std::set<VarId> out;
  forEachStmt(b, [&](const Stmt& t) {
    if (t.dst != kNoVar) out.insert(t.dst);
    for (VarId o : t.outs)
      if (o != kNoVar) out.insert(o);
  });
  return out;
}

bool onlyElementAt(const ExprRef& e, VarId a, VarId k) {
  if (!e) return true;
  if (e->op == Op::Var && e->var == a) return false;
  if (e->op == Op::Load && e->var == a && !(e->args[0]->op == Op::Var && e->args[0]->var == k)) return false;
  return std::all_of(e->args.begin(), e->args.end(), [&](const ExprRef& x) { return onlyElementAt(x, a, k); });
}

bool readsOnlyElementAt(const Stmt& s, VarId a, VarId k) {
  bool ok = onlyElementAt(s.value, a, k) && onlyElementAt(s.index, a, k) &&
            std::all_of(s.args.begin(), s.args.end(), [&](const ExprRef& x) { return onlyElementAt(x, a, k); }) &&
            std::count(s.outs.begin(), s.outs.end(), a) == 0;
  if (s.kind == StmtKind::Accumulate && s.dst == a) ok = ok && s.index && s.index->op == Op::Var && s.index->var == k;
  return ok;
}

bool spansArray(const Function& fn, const Stmt& loop, VarId a) {
  if (loop.kind != StmtKind::For || loop.args.size() != 3) return false;
  auto lo = integerConstant(loop.args[0]), hi = integerConstant(loop.args[1]), step = integerConstant(loop.args[2]);
  return lo && hi && step && *lo == 0 && *hi == fn.var(a).arraySize && *step == 1;
}

bool counterStays(const Stmt& loop) {
  bool stays = true;
  forEachStmt(loop.thenBlock, [&](const Stmt& s) {
    if (s.kind == StmtKind::Return || s.dst == loop.dst || std::count(s.outs.begin(), s.outs.end(), loop.dst)) stays = false;
  });
  return stays;
}

}  // namespace gradc::cleaning
