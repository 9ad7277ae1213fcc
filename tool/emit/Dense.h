// f_jacobian / f_hessian and their constexpr shapes (emit/Dense.cpp).
#ifndef GRADC_EMIT_DENSE_H
#define GRADC_EMIT_DENSE_H

#include "ir/IR.h"

#include <string>

namespace gradc {

// The text of a FunctionKind::Jacobian or ::Hessian function: loops of
// f_jvp / f_pullback / f_hvp sweeps (forward/Forward.h, denseForm).
std::string emitDense(const ir::Function& fn);

// f_jacobian_sparse / f_hessian_sparse and their pattern (emit/Sparse.cpp).
std::string emitSparse(const ir::Function& fn);

}  // namespace gradc

#endif  // GRADC_EMIT_DENSE_H
