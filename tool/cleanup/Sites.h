// Part of stage `cleanup` (see Cleanup.h): where each statement is, for the
// passes that move or fold statements across blocks (propagation,
// declarations): they address statements by pre-order number and need the
// chain of blocks above each one. Also what several passes share.
#ifndef GRADC_CLEANUP_SITES_H
#define GRADC_CLEANUP_SITES_H

#include "ir/IR.h"

#include <cstddef>
#include <utility>
#include <vector>

namespace gradc::cleaning {

// A statement's place: its pre-order number and the chain of (block, index)
// from the function body down to it.
struct Site {
  ir::Stmt* stmt;
  size_t order;
  std::vector<std::pair<ir::Block*, size_t>> path;
  size_t end = 0;  // the order just past this statement's last nested statement

  size_t depth() const { return path.size() - 1; }
  ir::Block* block() const { return path.back().first; }
  size_t index() const { return path.back().second; }
};

// Every statement of fn, in pre-order.
std::vector<Site> sitesOf(ir::Function& fn);

// Removes the statements of b whose `gone` entry is set, keeping the order.
void eraseMarked(ir::Block& b, const std::vector<bool>& gone);

// Parameters, adjoint outputs and the seed: given by the caller, never
// declared, folded or removed.
bool isParamLike(const ir::Var& v);

}  // namespace gradc::cleaning

#endif  // GRADC_CLEANUP_SITES_H
