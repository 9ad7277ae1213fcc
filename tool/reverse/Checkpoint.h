// Storage budgets (--storage-budget=BYTES, GRADC_STORAGE_BUDGET(bytes)): what
// the driver needs; the checkpointed loops themselves are built by
// ReverseBuilder::sweepCheckpointed (reverse/Checkpoint.cpp).
#ifndef GRADC_REVERSE_CHECKPOINT_H
#define GRADC_REVERSE_CHECKPOINT_H

#include "Diagnostics.h"
#include "ir/IR.h"

#include <optional>

namespace clang {
class ASTContext;
class FunctionDecl;
}  // namespace clang

namespace gradc {

// n of a GRADC_STORAGE_BUDGET(n) among the statements of f's body.
std::optional<long> storageBudgetOf(const clang::FunctionDecl* fd, const clang::ASTContext& ast);

// The reverse sweep's storage (tapes, kept values and states: automatic
// arrays and the work buffer) fits the budget; if not, a diagnostic. The
// safety net behind sweepCheckpointed: no budget is ever silently exceeded.
bool withinStorageBudget(const ir::Function& fn, long budget, const clang::FunctionDecl* fd, Diagnostics& diags);

}  // namespace gradc

#endif  // GRADC_REVERSE_CHECKPOINT_H
