// Stage `parse`: after Clang has parsed and type-checked a translation unit,
// find what gradc works on: the functions marked GRADC_GRAD / GRADC_GRAD_WRT
// in the main file, and the derivative rules (GRADC_RULE) visible to it.
#ifndef GRADC_PARSE_PARSE_H
#define GRADC_PARSE_PARSE_H

#include "Diagnostics.h"
#include "lower/Lower.h"

#include "clang/AST/Type.h"

#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
}  // namespace clang

namespace gradc {

struct ParsedUnit {
  std::vector<MarkedFunction> marked;                // in source order
  std::vector<const clang::FunctionDecl*> rules;     // in declaration order
  // GRADC_PULLBACK_OF(f): (the user's pullback, f), f null when not found.
  std::vector<std::pair<const clang::FunctionDecl*, const clang::FunctionDecl*>> userRules;
  // GRADC_IDIOM(f): (the idiom's pullback, every function named f; none when not found).
  std::vector<std::pair<const clang::FunctionDecl*, std::vector<const clang::FunctionDecl*>>> idioms;
};

// What the output defines beside a differentiated function f (f_grad, ...).
inline constexpr const char* kGeneratedSuffixes[] = {"_grad", "_pullback", "_primal", "_grad_work_bytes"};

ParsedUnit findMarkedAndRules(clang::ASTContext& ast, Diagnostics& diags);

// Adds the unmarked callees that get a pullback of their own (big
// straight-line scalar helpers of the main file; parse/Callees.cpp) to
// unit.marked, as `automatic`.
void markLargeCallees(clang::ASTContext& ast, ParsedUnit& unit);

// Whether a parameter of this type gets an adjoint pointer in a pullback's
// signature: a float/double scalar, or a pointer to or array of them.
bool takesAdjoint(clang::QualType t);

}  // namespace gradc

#endif  // GRADC_PARSE_PARSE_H
