// Stage `reverse`: build the pullback of a lowered function.
//
// The result is one function: the forward sweep (the original statements,
// plus a saved copy of each value an overwrite destroys), then the reverse
// sweep (for each statement in reverse order: restore what it overwrote, then
// push its adjoint to its operands through the derivative rule, with `+=`
// because gradients add up at forks). What the reverse sweep does not read is
// removed later by `cleanup`, so saving is decided by liveness, not by habit.
#ifndef GRADC_REVERSE_REVERSE_H
#define GRADC_REVERSE_REVERSE_H

#include "Diagnostics.h"
#include "analyses/Activity.h"
#include "ir/IR.h"
#include "rules/Rules.h"

#include <optional>
#include <vector>

namespace gradc {

struct ReverseEnv {
  const RuleRegistry& rules;
  const std::vector<ir::Function>& functions;  // the module's lowered functions (callees)
  Diagnostics& diags;
  long storageBudget = 0;  // bytes the reverse sweep may keep; 0 for no limit (reverse/Checkpoint.cpp)
};

// The pullback `f_pullback(P..., R d_ret, T* d_p...)`; nullopt after a diagnostic.
std::optional<ir::Function> buildPullback(const ir::Function& fn, const Activity& activity,
                                          const ReverseEnv& env);

// `f_grad`: the pullback with the seed fixed at 1, returning the value.
ir::Function gradFromPullback(const ir::Function& pullback);

// `f_primal`: the forward computation alone.
ir::Function primalOf(const ir::Function& fn);

}  // namespace gradc

#endif  // GRADC_REVERSE_REVERSE_H
