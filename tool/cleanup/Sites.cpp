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
