// Stage `fence`: reject, with a located diagnostic, every construct in a
// marked function that gradc cannot differentiate correctly. What passes the
// fence either lowers or is reported by `lower` as unsupported; nothing is
// ever differentiated by guess.
#ifndef GRADC_FENCE_FENCE_H
#define GRADC_FENCE_FENCE_H

#include "Diagnostics.h"
#include "lower/Lower.h"

#include <set>
#include <vector>

namespace clang {
class ASTContext;
}

namespace gradc {

// Returns false if any marked function was rejected; those go in `rejected`
// (the others are still lowered, so one run reports every problem).
bool fence(const std::vector<MarkedFunction>& marked, clang::ASTContext& ast, Diagnostics& diags,
           std::set<const clang::FunctionDecl*>* rejected = nullptr);

}  // namespace gradc

#endif  // GRADC_FENCE_FENCE_H
