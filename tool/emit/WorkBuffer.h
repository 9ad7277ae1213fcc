// The caller's work buffer (f_grad_work_bytes, and the prologue of f_grad and
// f_pullback that carves the tapes out of it): one layout, used by both.
//
// Tapes lie one after another, widest element type first, so padding is rare;
// still, where the element type changes the next tape starts at an offset
// rounded up to its type's alignment (gradc::align_up in gradc/gradc.h): the
// widths are the target's (a `long` is 4 bytes on Cortex-M), not gradc's.
#ifndef GRADC_EMIT_WORKBUFFER_H
#define GRADC_EMIT_WORKBUFFER_H

#include "ir/IR.h"

#include <algorithm>
#include <string>
#include <vector>

namespace gradc {

// The usual alignment of a tape's element type, to order the tapes (a guess
// for integers: the generated code rounds with the real alignof).
inline int usualAlignment(const ir::Type& t) {
  switch (t.kind) {
    case ir::TypeKind::Double: return 8;
    case ir::TypeKind::Float: return 4;
    case ir::TypeKind::Bool: return 1;
    default: break;
  }
  const std::string& s = t.spelling;
  auto has = [&](const char* w) { return s.find(w) != std::string::npos; };
  if (has("long") || has("64") || has("size_t") || has("ptr")) return 8;
  if (has("short") || has("16")) return 2;
  if (has("char") || has("8_t")) return 1;
  return 4;
}

// The tapes in buffer order: widest first, otherwise as the reverse pass made them.
inline std::vector<std::pair<ir::VarId, ir::ExprRef>> workBufferOrder(const ir::Function& fn) {
  std::vector<std::pair<ir::VarId, ir::ExprRef>> tapes = fn.runtimeTapes;
  std::stable_sort(tapes.begin(), tapes.end(), [&](const auto& a, const auto& b) {
    return usualAlignment(fn.var(a.first).type) > usualAlignment(fn.var(b.first).type);
  });
  return tapes;
}

// Whether tape k of that order starts at a rounded-up offset: where the element
// type changes, unless to a character type (aligned anywhere).
inline bool startsAligned(const ir::Function& fn, const std::vector<std::pair<ir::VarId, ir::ExprRef>>& tapes,
                          size_t k) {
  if (k == 0) return false;  // the buffer's start, aligned like double
  const ir::Type& t = fn.var(tapes[k].first).type;
  bool character = t.spelling == "char" || t.spelling == "signed char" || t.spelling == "unsigned char";
  return !character && t != fn.var(tapes[k - 1].first).type;
}

inline bool workBufferPadded(const ir::Function& fn) {
  std::vector<std::pair<ir::VarId, ir::ExprRef>> tapes = workBufferOrder(fn);
  for (size_t k = 0; k < tapes.size(); ++k)
    if (startsAligned(fn, tapes, k)) return true;
  return false;
}

// f_grad_work_bytes takes f's integer parameters, all of them.
inline bool passedToWorkBytes(const ir::Function& fn, const ir::Var& v) {
  return (!fn.runtimeTapes.empty() || fn.hvpWork) && v.role == ir::VarRole::Param && !v.isArray() &&
         v.type.kind == ir::TypeKind::Int;
}

// Its parameter types, "int, long": two functions of one name whose lists are
// equal cannot have one f_grad_work_bytes each (Driver.cpp rejects them).
inline std::string workBytesTypes(const ir::Function& fn) {
  std::string out;
  for (ir::VarId p : fn.params)
    if (passedToWorkBytes(fn, fn.var(p))) out += (out.empty() ? "" : ", ") + fn.var(p).type.spelling;
  return out;
}

// "f_grad_work_bytes", or "f_grad_work_bytes<float>" for a template's
// instantiation; "f_hvp_work_bytes" for f_hvp and f_hessian, whose buffer also
// holds the tapes' tangents.
inline bool hvpBuffer(const ir::Function& fn) {
  return fn.kind == ir::FunctionKind::Hvp || fn.kind == ir::FunctionKind::Hessian;
}
inline std::string workBytesName(const ir::Function& fn) {
  return fn.name + (hvpBuffer(fn) ? "_hvp_work_bytes" : "_grad_work_bytes") + fn.templateArgs;
}

}  // namespace gradc

#endif  // GRADC_EMIT_WORKBUFFER_H
