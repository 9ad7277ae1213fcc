#include "cleanup/Sites.h"

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

}  // namespace gradc::cleaning
