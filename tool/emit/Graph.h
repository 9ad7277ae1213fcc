// Emitter of --graph=FILE.dot: each marked function's computation graph, the
// circuit diagram of backprop lecture notes. One node per operation of the
// lowered function (labelled with its source line), an edge from each value
// to the operations that read it, loops as boxes around their operations; each
// node says what the reverse sweep does with its value:
//   taped       stored by the forward sweep, one per iteration (or before an overwrite)
//   recomputed  computed again by the reverse iteration that needs it
//   kept        live in the frame from the forward sweep to the reverse one
//   passive     no adjoint: it does not depend on a differentiated input or
//               does not reach the result (grey)
#ifndef GRADC_EMIT_GRAPH_H
#define GRADC_EMIT_GRAPH_H

#include "ir/IR.h"

#include <functional>
#include <string>
#include <vector>

namespace gradc {

struct GraphInput {
  const ir::Function* source;    // the lowered marked function
  const ir::Function* pullback;  // its pullback after cleanup: what it stores
  std::function<bool(ir::VarId)> active;  // the activity analysis' answer
};

// One digraph, a cluster per function.
std::string emitGraph(const std::vector<GraphInput>& functions);

}  // namespace gradc

#endif  // GRADC_EMIT_GRAPH_H
