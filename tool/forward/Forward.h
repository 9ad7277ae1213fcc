// Stage `forward`: forward-mode (tangent) transformation of gradc's IR.
//
// Each floating assignment `v = e` becomes `t_v = <pushforward of e>; v = e`:
// the tangent of every operation comes from the same rule as its pullback
// (templates/rules.hpp): a pullback is linear in its seed, so running it with
// the seed d_y := t_x and keeping only the accumulation into d_x gives the
// term (dy/dx) t_x of the pushforward. The stage reads any IR the other
// stages make (lowered three-address form, or a pullback's trees): f_jvp is
// this stage over the lowered function, f_hvp the same stage over f_grad's
// IR (forward over reverse). `cleanup` and `emit` then treat the result like
// any generated function.
#ifndef GRADC_FORWARD_FORWARD_H
#define GRADC_FORWARD_FORWARD_H

#include "Diagnostics.h"
#include "ir/IR.h"
#include "rules/Rules.h"

#include "clang/Basic/SourceLocation.h"

#include <optional>
#include <vector>

namespace gradc {

struct ForwardEnv {
  const RuleRegistry& rules;
  Diagnostics& diags;
  clang::SourceLocation marker;  // where errors about the generated forms point
  long packAbove = 4;  // --pack-directions-above: sweeps wider than this use the packed layout
};

// f_jvp(P..., t_p per differentiated input, T* t_y per output array, T* t_ret):
// returns f's value and writes the directional derivatives.
std::optional<ir::Function> buildJvp(const ir::Function& fn, const ForwardEnv& env);

// f_hvp(P..., t_p per differentiated input, T* hv_p per differentiated input):
// the forward stage over f_grad's IR (not cleaned: `pullback` as `reverse` made it).
std::optional<ir::Function> buildHvp(const ir::Function& pullback, const ForwardEnv& env);

// f_jacobian / f_hessian: what emit/Dense.cpp needs to write the dense sweeps
// (f's signature, kind Jacobian or Hessian); nullopt after a diagnostic
// (sizes known only at run time, parameters the wrapper cannot spell).
std::optional<ir::Function> denseForm(const ir::Function& fn, ir::FunctionKind kind, const ForwardEnv& env);

// Everything a GRADC_JACOBIAN / GRADC_HESSIAN marker adds beside f_grad, in
// output order; nullopt after a diagnostic. `pullbackTakesWork`: the cleaned
// f_pullback takes a work buffer (f_jacobian then sweeps by columns).
std::optional<std::vector<ir::Function>> forwardForms(const ir::Function& fn, const ir::Function& pullback,
                                                       bool pullbackTakesWork, bool jacobian, bool hessian,
                                                       const ForwardEnv& env);

}  // namespace gradc

#endif  // GRADC_FORWARD_FORWARD_H
