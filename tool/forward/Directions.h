// f_jacobian in forward mode (and f_hessian) as one sweep carrying every column's direction
// (vector mode): the primal statements of f_jvp once, each tangent statement
// for every column (cloned or in a loop, below), with the identity seeds. A transcendental and
// the factor its pushforward reads are evaluated once per call, not once per
// column as in a loop of f_jvp calls. Private to forward/.
#ifndef GRADC_FORWARD_DIRECTIONS_H
#define GRADC_FORWARD_DIRECTIONS_H

#include "ir/IR.h"

#include <vector>

namespace gradc::forward {

// Two layouts. Cloned: each tangent statement once per column, on copies
// `t_x_c0`, `t_x_c1`... (a few columns: straight-line code). Packed (the
// vector mode of Tapenade): each local tangent gets an innermost dimension of
// the sweep's D directions (`t_x[D]`, `t_a[N * D]` at `i * D + d`) and each
// run of tangent statements is one loop `for (d = 0; d < D; ++d)` that
// compilers vectorize; chosen past kMaxClonedDirections columns (gradc
// --pack-directions-above) when every tangent is a scalar or an array of
// known length. Packed tangents are padded to whole kVectorBytes vectors
// (`t_a[N * S]`, S the directions rounded up: 4 double, 8 float) where the
// frame allows: loops that touch no row of J run over all S, without a
// scalar remainder.
// At most kMaxDirections (packed: kMaxPackedDirections) columns go into one
// sweep: a wider matrix takes several sweeps of (nearly) equal width, each
// computing f again. Past kMaxDirections * kMaxDirectionSweeps columns, one
// f_jvp (f_hvp) sweep per column instead (emit/Dense.cpp).
constexpr long kMaxDirections = 16;
constexpr long kMaxPackedDirections = 32;
constexpr long kMaxClonedDirections = 4;
constexpr long kMaxDirectionSweeps = 8;
constexpr long kVectorBytes = 32;  // packed tangents padded to whole vectors of this size (AVX2)
constexpr long kPackedFrameElements = 8192;  // 64 KiB of double, the frame limit's default

// Whether `cols` columns go into sweeps of several directions at all, and
// whether packed if the function allows it.
bool bundlesDirections(long cols);

// `jvp`: f_jvp as buildJvp made it, f's parameters first (`sourceParams` of
// them), then its tangent parameters; `tangents`: the sweep's local tangent
// variables. Returns f_jacobian (kind Jacobian, parameters f's and then
// `T* J`, rows x cols row-major), with the same return value as f_jvp.
ir::Function jacobianByDirections(const ir::Function& jvp, size_t sourceParams, const std::vector<ir::VarId>& tangents,
                                  long rows, long cols, long packAbove = kMaxClonedDirections);

// The same for f_hessian over f_hvp (forward over reverse): `hvp` as buildHvp
// made it; H (n x n) is then symmetrized, (H + H^T) / 2.
ir::Function hessianByDirections(const ir::Function& hvp, size_t sourceParams, const std::vector<ir::VarId>& tangents,
                                 long n, long packAbove = kMaxClonedDirections);

}  // namespace gradc::forward

#endif  // GRADC_FORWARD_DIRECTIONS_H
