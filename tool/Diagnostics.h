// User-facing errors, reported through Clang's DiagnosticsEngine so they print
// as `file:line:col: error: ...` with the source line, like a compiler's.
// The wording is stable: tests match it. Internal invariants are asserts.
#ifndef GRADC_DIAGNOSTICS_H
#define GRADC_DIAGNOSTICS_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"

#include <string>
#include <vector>

namespace gradc {

enum class Diag {
  NoDefinition,       // %0 callee
  UnmarkedCallee,     // %0 callee
  Goto,
  Exceptions,         // %0 construct
  InlineAsm,
  TypePunning,        // %0 construct
  WrtUnknown,         // %0 name, %1 function
  WrtNotFloating,     // %0 name, %1 type
  NothingToDiff,      // %0 function
  UnsupportedStmt,    // %0 what
  UnsupportedExpr,    // %0 what
  UnsupportedType,    // %0 type, %1 name
  ReturnType,         // %0 function, %1 type
  Recursion,          // %0 function
  MutableGlobal,      // %0 name, %1 element type
  CalleeNotWrt,       // %0 callee, %1 parameter
  SideEffect,
  MissingReturn,      // %0 function
  BadRule,            // %0 rule, %1 why
  NoteMarkedHere,     // %0 function
  ArrayOverwrite,     // %0 array
  RuntimeStorage,     // %0 variable
  Internal,           // %0 what: a gradc bug, reported instead of a wrong gradient
  MarkedMethod,       // %0 function, %1 what it is, %2 what to write instead
  MarkedLambda,
  MarkedUndefined,    // %0 function
  MarkedTemplateMember,  // %0 function, %1 class template
  MarkedInTemplate,   // %0 function
  MarkedElsewhere,    // %0 function
  MarkedDeleted,      // %0 function
  MarkedOperator,     // %0 function
  MarkedNotFunction,  // %0 what, %1 name
  MarkerConflict,     // %0 function
  GeneratedNameTaken, // %0 name, %1 function
  NoteDeclaredHere,   // %0 name
  UnsupportedStruct,  // %0 parameter, %1 type, %2 why
  TemplateNotInstantiated,  // %0 template
  UserRuleTarget,     // %0 name
  UserRuleSignature,  // %0 rule, %1 function, %2 expected signature
  UserRuleTypes,      // %0 function
  UserRuleInSource,   // %0 function
  UserRulePullbackInSource,  // %0 function, %1 rule
  InlineBudget,       // %0 limit, %1 callee
  WorkSizeAmbiguous,  // %0 function, %1 parameter types
  NoGradCheck,        // %0 function, %1 why
  NoteCalledFrom,     // %0 callee, %1 caller, %2 file:line:col of the call
  VectorParam,        // %0 parameter, %1 element type
  VectorLocal,        // %0 variable, %1 element type
  ForwardUnsupported, // %0 generated function (f_jvp...), %1 what, %2 what to write instead
  NotC99,             // %0 function, %1 why
  StorageBudgetTooSmall,   // %0 budget ("64 bytes"), %1 minimum bytes, %2 a carried variable
  StorageBudgetLoop,       // %0 budget ("64 bytes"), %1 bytes its tape would take (-1: run-time), %2 why not checkpointed
  StorageBudgetExceeded,   // %0 budget, %1 what is kept, %2 kept variable
  TypePunningC,       // %0 construct (TypePunning for a C input: the alternatives C has)
  VariableLengthArray,  // %0 variable, %1 type, %2 element type, %3 what N may be (C or C++)
  StructArrayLocal,        // %0 variable, %1 its type ('Mat4[3]'), %2 why it cannot be lowered
  MemberWritten,      // %0 member function, %1 the member it writes
  HeapRuntimeSize,    // %0 the allocation, %1 element type, %2 pointer
};

class Diagnostics {
 public:
  explicit Diagnostics(clang::DiagnosticsEngine& engine) : engine_(engine) {}

  void report(clang::SourceLocation loc, Diag id, const std::vector<std::string>& args = {});
  bool hasErrors() const { return engine_.hasErrorOccurred(); }
  // The error limit (-ferror-limit, 19 unless set) was reached: Clang
  // reported that it stops, and later errors are not shown.
  bool stopped() const { return engine_.hasFatalErrorOccurred(); }

  // The calls being inlined, outermost first: an error reported inside them
  // gets one note per call, innermost first ("in 'quad', called from
  // 'mpc_cost' at cartpole.cpp:40:13").
  void enterCall(std::string callee, std::string caller, clang::SourceLocation call);
  void leaveCall() { calls_.pop_back(); }

 private:
  struct Call {
    std::string callee, caller;
    clang::SourceLocation loc;
  };
  void emit(clang::SourceLocation loc, Diag id, const std::vector<std::string>& args);

  clang::DiagnosticsEngine& engine_;
  std::vector<Call> calls_;
};

}  // namespace gradc

#endif  // GRADC_DIAGNOSTICS_H
