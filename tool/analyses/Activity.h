// Analysis `activity`: a variable is active when it is varied (depends on a
// differentiated input) and useful (influences the result). Only active
// variables get adjoints; everything else is left out of the reverse sweep.
// Flow-insensitive per variable, which is conservative: a variable active
// anywhere is treated as active everywhere; uselessDefinitions below then
// leaves out the assignments whose own value never reaches the result.
#ifndef GRADC_ANALYSES_ACTIVITY_H
#define GRADC_ANALYSES_ACTIVITY_H

#include "ir/IR.h"

#include <set>
#include <vector>

namespace gradc {

struct Activity {
  std::vector<bool> varied;
  std::vector<bool> useful;
  bool active(ir::VarId v) const {
    return v != ir::kNoVar && varied[static_cast<size_t>(v)] && useful[static_cast<size_t>(v)];
  }
};

Activity analyzeActivity(const ir::Function& fn);

// The variables an expression's value depends on differentiably (through
// arithmetic, calls and the chosen side of a select, not through comparisons
// or integer conversions).
void differentiableReads(const ir::ExprRef& e, std::vector<ir::VarId>& out);

// The assignments of `body` (a block of fn) whose value reaches neither
// the result nor an output along differentiable reads: a store the function
// never reads again, a value overwritten before anything useful reads it
// (array elements: when written again at the same constant index).
// Per definition and flow-sensitive, unlike Activity::useful (one answer per
// variable). The reverse sweep writes nothing for them: their adjoint is
// exactly zero, and zero times an infinite partial would be NaN.
std::set<const ir::Stmt*> uselessDefinitions(const ir::Function& fn, const ir::Block& body);

}  // namespace gradc

#endif  // GRADC_ANALYSES_ACTIVITY_H
