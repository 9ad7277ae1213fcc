// Stage `lower`: Clang AST -> AD IR.
//
// Floating-point expressions become three-address statements (one temporary
// per operation) so `reverse` can attach one derivative rule to each; integer
// and boolean expressions stay whole trees (they are never differentiated).
// `?:` on floating values and early returns become structured if/else, so the
// IR has a single exit. Anything not understood is reported, never guessed.
#ifndef GRADC_LOWER_LOWER_H
#define GRADC_LOWER_LOWER_H

#include "Diagnostics.h"
#include "ir/IR.h"
#include "rules/Rules.h"

#include "clang/AST/Decl.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class MemberExpr;
class Stmt;
}

namespace gradc {

// A function marked GRADC_GRAD / GRADC_GRAD_WRT in the main file.
struct MarkedFunction {
  const clang::FunctionDecl* decl = nullptr;       // the definition
  clang::SourceLocation markerLoc;                 // where the marker stands
  bool hasWrtList = false;
  std::vector<std::string> wrtNames;               // as written in GRADC_GRAD_WRT
  bool automatic = false;  // an unmarked callee given a pullback (no _grad is emitted)
  bool jacobian = false;   // GRADC_JACOBIAN(_WRT): also f_jvp, f_jacobian (forward/)
  bool hessian = false;    // GRADC_HESSIAN(_WRT): also f_hvp, f_hessian (forward/)
};

struct LowerEnv {
  clang::ASTContext& ast;
  Diagnostics& diags;
  const RuleRegistry& rules;
  // Canonical FunctionDecl -> index of the marked function in the module.
  std::map<const clang::FunctionDecl*, int> markedIndex;
  // Rule bodies are never differentiated: calls there are printed as written.
  bool opaqueCalls = false;
  // Where re-emitted file-level constants are collected, and the namespace
  // they go in (gradc_src, or gradc_src_1 ... when the source uses that name).
  std::vector<ir::GlobalConst>* constants = nullptr;
  std::string constantsHome = "gradc_src";
  // The marked function being lowered (canonical): a call back into it is recursion.
  const clang::FunctionDecl* current = nullptr;
};

// What a marked function's generated functions are named after: `f` for a
// function, `S_f` for a member function S::f (`S_call` for operator()),
// `Outer_S_f` for one of a nested class (lower/Structs.cpp, DESIGN.md).
std::string generatedBaseName(const clang::FunctionDecl* fd);

// The first member of its object a member function's body writes (`a = ..`,
// `this->v[i] += ..`, `++n`), or null (lower/Structs.cpp).
const clang::MemberExpr* writtenMember(const clang::Stmt* body);

// Lowers one marked function. Returns nullopt after reporting errors.
std::optional<ir::Function> lowerFunction(const MarkedFunction& marked, LowerEnv& env);

// Moves a scalar declared before a loop into the loop when every iteration
// writes it before reading it (lower/Scratch.cpp).
void localizeScratchScalars(ir::Function& fn);
// The same for an array every iteration writes element by element before
// reading (lower/ScratchArrays.cpp).
void localizeScratchArrays(ir::Function& fn);

// Lowers a derivative rule's body (pointer parameters become adjoint outputs).
std::optional<Rule> lowerRule(const clang::FunctionDecl* decl, LowerEnv& env);

// A function of the standard library or a system header (libm, libstdc++):
// called as written, never inlined or differentiated from its body.
bool isLibraryFunction(const clang::FunctionDecl* fd);

// How generated code names a callee: keeps `std::` when it resolved there.
std::string calleeSpelling(const clang::FunctionDecl* fd, const clang::Expr* calleeExpr);

// The rule-registry key of a callee: its name with std:: stripped; empty if the
// function lives outside std and the global namespace.
std::string ruleKey(const clang::FunctionDecl* fd);

// Formats a number as a C++ literal of the given floating type.
std::string formatLiteral(double value, ir::TypeKind kind);

}  // namespace gradc

#endif  // GRADC_LOWER_LOWER_H
