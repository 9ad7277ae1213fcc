// Part of stage `cleanup` (see Cleanup.h): where each statement is, for the
// passes that move or fold statements across blocks (propagation,
// declarations): they address statements by pre-order number and need the
// chain of blocks above each one. Also what several passes share.
#ifndef GRADC_CLEANUP_SITES_H
#define GRADC_CLEANUP_SITES_H

#include "ir/IR.h"

#include <algorithm>
#include <cstddef>
#include <set>
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

// What each variable looks like from the statements: by variable, the site
// orders that write it and that read it (an accumulation and a pullback's
// outputs do both).
struct Usage {
  std::vector<std::vector<size_t>> defs;   // site orders of Assign/Accumulate/outs
  std::vector<std::vector<size_t>> uses;   // site orders of reads (repeated per read)
  std::vector<bool> addressTaken;          // passed as a pullback output
  // Writes and reads together, in order, once per statement.
  std::vector<std::vector<size_t>> mentions() const {
    std::vector<std::vector<size_t>> m(defs.size());
    for (size_t v = 0; v < defs.size(); ++v) {
      m[v] = defs[v];
      m[v].insert(m[v].end(), uses[v].begin(), uses[v].end());
      std::sort(m[v].begin(), m[v].end());
      m[v].erase(std::unique(m[v].begin(), m[v].end()), m[v].end());
    }
    return m;
  }
};

Usage usage(const ir::Function& fn, const std::vector<Site>& sites);

// Removes the statements of b whose `gone` entry is set, keeping the order.
void eraseMarked(ir::Block& b, const std::vector<bool>& gone);

// Parameters, adjoint outputs and the seed: given by the caller, never
// declared, folded or removed.
bool isParamLike(const ir::Var& v);

// Whether a statement, its nested blocks included, reads v / writes any of
// vars (an accumulation and a pullback's outputs count as writes).
bool readsAnywhere(const ir::Stmt& s, ir::VarId v);
bool writesAnyOf(const ir::Stmt& s, const std::vector<ir::VarId>& vars);
bool mentionsAnywhere(const ir::Stmt& s, ir::VarId v);
// Every variable a block may write, in the same sense (loop counters too).
std::set<ir::VarId> writtenIn(const ir::Block& b);

// Every mention of `a` in e is the element a[k].
bool onlyElementAt(const ir::ExprRef& e, ir::VarId a, ir::VarId k);
// The statement's own reads of `a` (not its nested blocks') are all a[k].
bool readsOnlyElementAt(const ir::Stmt& s, ir::VarId a, ir::VarId k);

// A loop over k in [0, n) step 1 (either direction), n the length of `a`.
bool spansArray(const ir::Function& fn, const ir::Stmt& loop, ir::VarId a);
// A loop whose body cannot return and leaves its counter alone: each
// iteration has its own k.
bool counterStays(const ir::Stmt& loop);

}  // namespace gradc::cleaning

#endif  // GRADC_CLEANUP_SITES_H
