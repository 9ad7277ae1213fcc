// Stage `emit`: print the output file from the IR. The text is ours (not
// Clang's printer): declarations where values are first assigned, one comment
// per source statement, operators with minimal parentheses.
#ifndef GRADC_EMIT_EMIT_H
#define GRADC_EMIT_EMIT_H

#include "emit/Dialect.h"
#include "ir/IR.h"

#include <map>
#include <string>
#include <vector>

namespace gradc {

// A struct defined in a source file that the generated signatures name (a
// parameter's type, a member function's object): the header does not include
// the source, so it must be included after that definition (DESIGN.md).
struct SourceType {
  std::string name;   // fully qualified, as the signatures spell it
  std::string where;  // "model.cpp:12"
  unsigned long long size = 0, align = 0;  // checked where the header is included
};

// What emitting needs from the sources' ASTs beyond the IR.
struct SourceFacts {
  std::vector<SourceType> types;
  // A member function's generated base name ("ns::S_f") -> how its own check
  // (--emit-check) calls the source function: (callee, whether the first
  // argument, `self`, is its object): ("const_cast<ns::S&>(self).f", true).
  std::map<std::string, std::pair<std::string, bool>> memberCalls;
};

struct EmitOptions {
  std::string outputPath;  // where the text will be written (for include paths and the guard)
  std::string version;
  bool emitCheck = false;  // also f_gradcheck for each f_grad that can have one (emit/Check.h)
  const Dialect* dialect = &Dialect::cxx();  // C99 for a C input or --emit=c99
  SourceFacts source;
};

std::string emitFile(const std::vector<ir::Module>& modules, const EmitOptions& options);

// One function's definition (used by emitFile, and by tests).
std::string emitFunction(const ir::Function& fn, const Dialect& dialect = Dialect::cxx());

// f_grad_work_bytes, for a function keeping storage of run-time length
// (f_grad_work_bytes<float> for a template's instantiation).
std::string emitWorkBytesFunction(const std::vector<const ir::Function*>& forms, const Dialect& dialect = Dialect::cxx());

// For a marked template: the deleted primary template of f_grad_work_bytes,
// which each instantiation's f_grad_work_bytes<...> specializes.
std::string emitWorkBytesTemplate(const ir::Function& fn);

// The comment above a generated function: what it is and computes.
std::string functionComment(const ir::Function& fn);

// The generated function's C++ name: f_pullback, f_grad, f_primal.
std::string generatedName(const ir::Function& fn);

// An adjoint array or struct parameter, declared GRADC_RESTRICT.
bool isRestrictedAdjoint(const ir::Var& v);

}  // namespace gradc

#endif  // GRADC_EMIT_EMIT_H
