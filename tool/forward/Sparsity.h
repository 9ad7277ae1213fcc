// Sparsity patterns found at generation time (forward/Sparsity.cpp): which
// output components may depend on which input components, by abstract
// execution of gradc's IR over sets of input components.
#ifndef GRADC_FORWARD_SPARSITY_H
#define GRADC_FORWARD_SPARSITY_H

#include "ir/IR.h"

#include <optional>
#include <string>
#include <vector>

namespace gradc {

// Per row, the sorted columns that may be nonzero. Never misses a nonzero;
// where the analysis cannot follow the code, rows are dense and `note` says why.
struct Pattern {
  std::vector<std::vector<int>> rows;
  std::string note;  // empty when the analysis followed everything
};

// f's Jacobian: rows the output arrays' components then the returned value,
// columns the differentiated inputs' components (emit/Dense.cpp's order).
Pattern jacobianPattern(const ir::Function& fn);

// The Hessian of a scalar f, from the Jacobian pattern of its gradient
// (the pullback's IR: rows d_p of each differentiated p), made symmetric.
Pattern hessianPattern(const ir::Function& pullback);

// A greedy colouring of the columns: two columns share a colour when no row
// holds both (one sweep per colour recovers every nonzero directly). With
// `rows` of a symmetric pattern it is a distance-2 colouring.
std::vector<int> colourColumns(const std::vector<std::vector<int>>& rows, int cols);

// A star colouring of a symmetric pattern's columns (forward/Colouring.cpp):
// neighbours differ, and every path on 4 vertices has at least 3 colours.
std::vector<int> starColouring(const std::vector<std::vector<int>>& rows);

// Where each nonzero k of a symmetric pattern (row by row) is read: row
// row[k] of H d for d the direction 1 on the columns of colour sweep[k].
// H_ij and H_ji share theirs. Nullopt if some nonzero is never alone in a row.
struct Recovery {
  std::vector<int> sweep, row;
};
std::optional<Recovery> recoverSymmetric(const std::vector<std::vector<int>>& rows, const std::vector<int>& colour);

}  // namespace gradc

#endif  // GRADC_FORWARD_SPARSITY_H
