// Emitter of f_gradcheck (--emit-check): f_grad beside central differences of
// f's own primal at a point the caller gives, as a gradc::GradCheck report
// (runtime/include/gradc/check.h). No heap, no I/O: it runs on a board too.
#ifndef GRADC_EMIT_CHECK_H
#define GRADC_EMIT_CHECK_H

#include "ir/IR.h"

#include <string>

namespace gradc {

// A function with float or double outputs is checked through its pullback
// (the Jacobian row by row), the others through f_grad.
bool checkedThroughPullback(const ir::Function& fn);

// Why `fn` (the f_grad or f_pullback checkedThroughPullback picks) gets no
// f_gradcheck; empty when it gets one.
std::string whyNoGradCheck(const ir::Function& fn);

// f_gradcheck(<f's parameters>, <T* d_p, size_t p_len for each
// differentiated input and each output of run-time length>, [work, work_bytes]).
// A member function's check calls `primalCallee` (`const_cast<S&>(self).f`,
// without self when `objectFirst`) for its primal (emit/Emit.h, SourceFacts).
std::string emitGradCheck(const ir::Function& fn, const std::string& primalCallee = "", bool objectFirst = false);

}  // namespace gradc

#endif  // GRADC_EMIT_CHECK_H
