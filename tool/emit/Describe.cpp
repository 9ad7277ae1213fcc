// The comment above each generated function: what it returns, adds to and
// reads (f_grad, f_pullback), or writes (f_jvp, f_hvp).
#include "emit/Emit.h"

#include "llvm/Support/Path.h"

#include <set>
#include <sstream>
#include <vector>

namespace gradc {

using namespace ir;

namespace {

// f_jvp / f_hvp: what they return and write (forward/Forward.h).
std::string forwardComment(const Function& fn, const std::string& base) {
  std::ostringstream os;
  std::vector<std::string> in, out;
  for (VarId p : fn.params) {
    const Var& v = fn.var(p);
    if (v.role == VarRole::Param && v.primal != kNoVar) (v.isOutput ? out : in).push_back(v.name + (v.isPointer ? "[]" : ""));
  }
  os << "// " << generatedName(fn) << " (" << base << ":" << fn.sourceLine << "): "
     << (fn.result != kNoVar ? "returns " + fn.name + " and writes" : "writes") << " to ";
  for (size_t i = 0; i < out.size(); ++i) os << (i ? ", " : "") << out[i];
  os << (fn.kind == FunctionKind::Jvp ? " its derivatives" : " its Hessian times") << " in the direction ";
  for (size_t i = 0; i < in.size(); ++i) os << (i ? ", " : "") << in[i];
  os << (fn.kind == FunctionKind::Jvp ? "\n// (forward mode, one sweep).\n" : "\n// (forward mode over its gradient).\n");
  return os.str();
}

std::string describe(const Function& fn) {
  std::ostringstream os;
  std::string base = llvm::sys::path::filename(fn.sourceFile).str();
  switch (fn.kind) {
    case FunctionKind::Primal:
      os << "// " << fn.name << "_primal: " << fn.name << " (" << base << ":" << fn.sourceLine
         << "), for the forward sweeps of its callers.\n";
      break;
    case FunctionKind::Pullback:
    case FunctionKind::Grad: {
      auto adjointName = [&](VarId p) {
        const Var& v = fn.var(p);
        return v.isPointer && !v.elementRef ? "d_" + v.name + "[]" : "*d_" + v.name;
      };
      // (An output also differentiated is in-out: the seed in, the gradient out.)
      auto differentiated = [&](VarId p) { return std::count(fn.wrt.begin(), fn.wrt.end(), p) > 0; };
      std::vector<std::string> seeds, inOut;
      bool restored = false;
      for (VarId p : fn.params)
        if (fn.var(p).role == VarRole::Param && fn.var(p).isOutput) {
          (differentiated(p) ? inOut : seeds).push_back(adjointName(p));
          restored = restored || std::count(fn.restoredArrays.begin(), fn.restoredArrays.end(), p) > 0;
        }
      // Members of struct parameters the function writes (lower/OutputMembers.cpp);
      // a struct with nothing but those gets no gradient.
      std::set<VarId> gradients, outputs;
      for (const Var& v : fn.vars) {
        if (v.role != VarRole::Param || !v.isMember() || !v.type.isFloating()) continue;
        bool output = v.elementRef && v.isOutput;
        if (output) seeds.push_back("d_" + fn.var(v.memberRoot).name + "->" + v.memberPath.substr(1));
        (output ? outputs : gradients).insert(v.memberRoot);
      }
      std::vector<VarId> wrt;
      for (VarId p : fn.wrt)
        if ((!outputs.count(p) || gradients.count(p)) && !fn.var(p).isOutput) wrt.push_back(p);
      os << "// " << generatedName(fn) << " (" << base << ":" << fn.sourceLine << "): ";
      if (fn.kind == FunctionKind::Grad)
        os << "returns " << fn.name << (wrt.empty() ? "" : " and adds its gradient to ");
      else if (fn.result != kNoVar)
        os << (wrt.empty() ? "d_ret times the gradient" : "adds d_ret times the gradient to ");
      else
        os << "vector-Jacobian product" << (wrt.empty() ? "" : ": adds to ");
      for (size_t i = 0; i < wrt.size(); ++i) os << (i ? ", " : "") << adjointName(wrt[i]);
      if (!inOut.empty()) {
        os << ";\n// in-out: reads the seed on the final values in ";
        for (size_t i = 0; i < inOut.size(); ++i) os << (i ? ", " : "") << inOut[i];
        os << (restored ? ", leaves there the\n// gradient with respect to the values at the call, and puts those values back"
                        : ", and leaves there the\n// gradient with respect to the values at the call");
      }
      if (!seeds.empty()) {
        os << "\n// the outputs' adjoints times their Jacobian; reads the seeds ";
        for (size_t i = 0; i < seeds.size(); ++i) os << (i ? ", " : "") << seeds[i];
        os << ", then zeroes them";
      }
      os << ".\n";
      break;
    }
    case FunctionKind::Jvp:
    case FunctionKind::Hvp:
      os << forwardComment(fn, base);
      break;
    case FunctionKind::Jacobian:
    case FunctionKind::Hessian:  // (emit/Dense.cpp writes its own)
    case FunctionKind::Source: break;
  }
  return os.str();
}

}  // namespace

std::string functionComment(const Function& fn) { return describe(fn); }

}  // namespace gradc
