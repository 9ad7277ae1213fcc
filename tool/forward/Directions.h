// f_jacobian in forward mode (and f_hessian) as one sweep carrying every column's direction
// (vector mode): the primal statements of f_jvp once, each tangent statement
// once per column, with the identity seeds folded in. A transcendental and
// the factor its pushforward reads are evaluated once per call, not once per
// column as in a loop of f_jvp calls. Private to forward/.
#ifndef GRADC_FORWARD_DIRECTIONS_H
#define GRADC_FORWARD_DIRECTIONS_H

#include "ir/IR.h"

#include <vector>

namespace gradc::forward {

// At most this many columns go into one sweep: a wider matrix takes several
// sweeps of (nearly) equal width, each computing f again. Beyond
// kMaxDirectionSweeps sweeps the code would grow too long: one f_jvp (f_hvp)
// sweep per column instead (emit/Dense.cpp).
constexpr long kMaxDirections = 16;
constexpr long kMaxDirectionSweeps = 8;

// How many sweeps carry `cols` columns.
long directionSweeps(long cols);

// `jvp`: f_jvp as buildJvp made it, f's parameters first (`sourceParams` of
// them), then its tangent parameters; `tangents`: the sweep's local tangent
// variables. Returns f_jacobian (kind Jacobian, parameters f's and then
// `T* J`, rows x cols row-major), with the same return value as f_jvp.
ir::Function jacobianByDirections(const ir::Function& jvp, size_t sourceParams, const std::vector<ir::VarId>& tangents,
                                  long rows, long cols);

// The same for f_hessian over f_hvp (forward over reverse): `hvp` as buildHvp
// made it; H (n x n) is then symmetrized, (H + H^T) / 2.
ir::Function hessianByDirections(const ir::Function& hvp, size_t sourceParams, const std::vector<ir::VarId>& tangents,
                                 long n);

}  // namespace gradc::forward

#endif  // GRADC_FORWARD_DIRECTIONS_H
