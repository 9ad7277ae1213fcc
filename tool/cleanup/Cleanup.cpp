// Stage `cleanup`: the driver. Each pass lives in its own file here; this
// runs them in the order Cleanup.h describes.
#include "cleanup/Cleanup.h"

#include "cleanup/Declarations.h"
#include "cleanup/ElementStores.h"
#include "cleanup/Hoist.h"
#include "cleanup/InPlace.h"
#include "cleanup/Liveness.h"
#include "cleanup/LoopOrder.h"
#include "cleanup/Propagation.h"
#include "cleanup/Reuse.h"
#include "cleanup/Simplify.h"

#include <algorithm>
#include <set>

namespace gradc {

using namespace ir;

Function cleanup(Function fn) {
  cleaning::materializeAdjointZeros(fn);
  // Before folding too, in packed sweeps: a call a temporary holds (a
  // coefficient `t = std::sin(a)` before `dc_da[k] = -t`) is found before it
  // is folded away. (Not everywhere: on unfolded code the pass is quadratic,
  // 118 s instead of 14 on hostile.statements_10000.)
  if (fn.packedDirections) cleaning::reuseCallResults(fn);
  auto simplifyToFixpoint = [&] {
    for (bool changed = true; changed;) {
      changed = cleaning::simplify(fn.body);
      changed = cleaning::propagateCopies(fn) || changed;
      changed = cleaning::removeDeadCode(fn) || changed;
      changed = removeOverwrittenStores(fn) || changed;
    }
  };
  simplifyToFixpoint();
  // On folded code: `s = exp(w[0])`, not `t = w[0]; s = exp(t)`.
  if (cleaning::reuseCallResults(fn) | cleaning::hoistInvariantCalls(fn)) simplifyToFixpoint();
  runIndependentReverseLoopsForwards(fn);
  cleaning::startAdjointArraysByAssignment(fn);
  cleaning::shareStorageInPlace(fn);
  cleaning::placeDeclarations(fn);
  // Keep only the work-buffer tapes the code still uses.
  std::set<VarId> used;
  forEachStmt(fn.body, [&](const Stmt& s) {
    if (s.index) used.insert(s.dst);
  });
  fn.runtimeTapes.erase(std::remove_if(fn.runtimeTapes.begin(), fn.runtimeTapes.end(),
                                       [&](const auto& t) { return !used.count(t.first); }),
                        fn.runtimeTapes.end());
  return fn;
}

}  // namespace gradc
