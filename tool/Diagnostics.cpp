#include "Diagnostics.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace gradc {
namespace {

// Where the rules that show how to write one are: next to an installed gradc
// (cmake --install puts them in <prefix>/share/gradc/templates), else in the
// source tree.
std::string rulesTemplate() {
  static const std::string path = [] {
    static int anchor;
    std::string exe = llvm::sys::fs::getMainExecutable(nullptr, &anchor);
    llvm::SmallString<256> p(llvm::sys::path::parent_path(llvm::sys::path::parent_path(exe)));
    llvm::sys::path::append(p, "share", "gradc", "templates", "rules.hpp");
    if (!exe.empty() && llvm::sys::fs::exists(p)) return std::string(p.str());
    return std::string("templates/rules.hpp in gradc's sources, share/gradc/templates/rules.hpp where it is installed");
  }();
  return path;
}

struct DiagInfo {
  clang::DiagnosticsEngine::Level level;
  const char* format;
};

DiagInfo info(Diag id) {
  using L = clang::DiagnosticsEngine::Level;
  switch (id) {
    case Diag::NoDefinition:
      return {L::Error,
              "cannot differentiate the call to '%0': no definition is visible and gradc has no "
              "derivative rule for it; define it in this file and mark it GRADC_GRAD"};
    case Diag::UnmarkedCallee:
      return {L::Error,
              "cannot differentiate the call to '%0': it is a library function gradc has no derivative "
              "rule for; write one with GRADC_RULE (see %R) or compute it from supported functions"};
    case Diag::Goto:
      return {L::Error, "'goto' cannot be differentiated; use if/else instead"};
    case Diag::Exceptions:
      return {L::Error,
              "'%0' cannot be differentiated: generated code has no exceptions; report failure "
              "through the return value instead"};
    case Diag::InlineAsm:
      return {L::Error, "inline assembly cannot be differentiated; move it out of the marked function"};
    case Diag::TypePunning:
      return {L::Error,
              "%0 reinterprets the bits of a value and cannot be differentiated; use arithmetic "
              "conversions (static_cast) instead"};
    case Diag::WrtUnknown:
      return {L::Error, "GRADC_GRAD_WRT names '%0', which is not a parameter of '%1'"};
    case Diag::WrtNotFloating:
      return {L::Error,
              "GRADC_GRAD_WRT names '%0' of type '%1'; only float and double parameters can be "
              "differentiated"};
    case Diag::NothingToDiff:
      return {L::Error,
              "'%0' is marked for differentiation but has no float or double parameter to "
              "differentiate with respect to"};
    case Diag::UnsupportedStmt:
      return {L::Error, "%0 is not supported in a differentiated function yet"};
    case Diag::UnsupportedExpr:
      return {L::Error, "%0 is not supported in a differentiated function yet"};
    case Diag::UnsupportedType:
      return {L::Error,
              "type '%0' of '%1' is not supported yet; use double, float, bool or an integer type"};
    case Diag::ReturnType:
      return {L::Error, "'%0' returns '%1'; a differentiated function must return double or float"};
    case Diag::Recursion:
      return {L::Error, "'%0' is recursive; recursion is not supported, rewrite it iteratively, or make "
              "the depth a template parameter: 'template <int N> double f(double x) { if constexpr (N == 0) "
              "return x; else return g(f<N - 1>(x)); }'"};
    case Diag::MutableGlobal:
      return {L::Error,
              "'%0' is a mutable global variable, which a gradient cannot follow (its value may change "
              "between calls); make it a constant ('constexpr %1 %0 = ...;') or pass it as a parameter "
              "('f(..., %1 %0)', or 'const %1* %0' for an array)"};
    case Diag::CalleeNotWrt:
      return {L::Error,
              "this argument to '%0' depends on a differentiated input, but '%0' is not "
              "differentiated with respect to its parameter '%1'; add '%1' to its GRADC_GRAD_WRT"};
    case Diag::SideEffect:
      return {L::Error,
              "an assignment or increment inside an expression is not supported; make it a "
              "separate statement"};
    case Diag::MissingReturn:
      return {L::Error, "'%0' can reach its end without returning a value"};
    case Diag::BadRule:
      return {L::Error, "derivative rule '%0' is malformed: %1"};
    case Diag::ArrayOverwrite:
      return {L::Error,
              "this reads an element of '%0' that a later write changes (later in the code, or in a "
              "later iteration): '%0' is an output array of the caller, read and then overwritten, and "
              "putting its old values back for the reverse sweep would undo the output: compute into a "
              "local array, then copy it to '%0' (reading elements written earlier and never written "
              "again is fine), or name '%0' in GRADC_GRAD_WRT to differentiate it as an in-out array "
              "(f_grad then leaves it as it was at the call)"};
    case Diag::WorkSizeAmbiguous:
      return {L::Error,
              "'%0' is marked twice with integer parameters (%1) and a loop of run-time length, and one "
              "'%0_grad_work_bytes(%1)' cannot size both work buffers; rename one overload, or make '%0' a "
              "template with the same integer parameters (each instantiation has its own "
              "'%0_grad_work_bytes<...>')"};
    case Diag::RuntimeStorage:
      return {L::Error,
              "the reverse sweep must keep '%0' from every iteration of this loop, and its trip count "
              "depends on values computed in the function or read from a struct or std::vector; make the loop "
              "bounds depend only on integer parameters (the caller's work buffer is sized from them)"};
    case Diag::Internal:
      return {L::Error, "internal error in gradc (%0); no gradient was written. Please report this"};
    case Diag::NoteMarkedHere:
      return {L::Note, "in '%0', marked for differentiation here"};
    case Diag::MarkedMethod:
      return {L::Error,
              "'%0' is %1, which cannot be differentiated yet; %2"};
    case Diag::MarkedLambda:
      return {L::Error, "a lambda cannot be marked for differentiation; make it a function at namespace scope"};
    case Diag::MarkedUndefined:
      return {L::Error, "'%0' is marked for differentiation but is not defined in this file"};
    case Diag::MarkedTemplateMember:
      return {L::Error,
              "'%0' is a member function of the class template '%1', which cannot be differentiated yet; make it "
              "a free function template taking the object as a parameter (template <class T> T f(const %1<T>& e, "
              "...)), and mark that"};
    case Diag::MarkedInTemplate:
      return {L::Error,
              "'%0' is declared inside a template, which cannot be differentiated yet; mark a function (or a "
              "function template) at namespace scope instead"};
    case Diag::MarkedElsewhere:
      return {L::Error,
              "'%0' is marked for differentiation here but defined in another file; gradc differentiates the "
              "functions defined in the file it runs on: move the definition here, or mark a function here that "
              "calls it (calls are differentiated too)"};
    case Diag::MarkedDeleted:
      return {L::Error, "'%0' is deleted and cannot be differentiated; remove the marker"};
    case Diag::MarkedOperator:
      return {L::Error,
              "'%0' is an operator or conversion, which cannot be differentiated yet (the gradient is named "
              "after the function); mark a named function it calls instead"};
    case Diag::MarkedNotFunction:
      return {L::Error,
              "GRADC_GRAD / GRADC_GRAD_WRT marks functions, but this marks %0 '%1'; put the marker on the "
              "function to differentiate"};
    case Diag::MarkerConflict:
      return {L::Error, "'%0' has more than one GRADC_GRAD / GRADC_GRAD_WRT marker; keep one"};
    case Diag::GeneratedNameTaken:
      return {L::Error, "gradc generates '%0' for '%1', but this file already declares '%0'; rename one of them"};
    case Diag::NoteDeclaredHere:
      return {L::Note, "'%0' is declared here"};
    case Diag::UserRuleTarget:
      return {L::Error,
              "GRADC_PULLBACK_OF names '%0', but no function of that name with a matching number of parameters is "
              "visible here; declare it before its pullback"};
    case Diag::UserRuleSignature:
      return {L::Error, "'%0' does not have the pullback signature of '%1'; expected: %2"};
    case Diag::UserRuleTypes:
      return {L::Error,
              "a user rule for '%0' is not supported: user rules cover functions returning float or double whose "
              "parameters are float, double or integer values or const float/double arrays (let gradc "
              "differentiate '%0' instead)"};
    case Diag::UserRuleInSource:
      return {L::Error,
              "'%0' has a GRADC_PULLBACK_OF rule but is declared in the source file; the generated code calls "
              "'%0', so declare it (and its rule) in a header the source includes"};
    case Diag::UserRulePullbackInSource:
      return {L::Error,
              "'%1' is declared in the source file; '%0' takes arrays or integers, so the generated code calls "
              "'%1' by name: declare it in a header the source includes (its definition may live anywhere)"};
    case Diag::InlineBudget:
      return {L::Error,
              "this call to '%1' would inline more than %0 calls into one function (calls are copied into their "
              "caller); mark a callee that returns a value and takes scalars and const arrays with GRADC_GRAD, so "
              "its callers share its pullback"};
    case Diag::TemplateNotInstantiated:
      return {L::Warning,
              "the template '%0' is marked, but this file instantiates it for no type, so no gradient is "
              "generated; use it, or instantiate it explicitly (template double %0<double>(...);)"};
    case Diag::ForwardUnsupported:
      return {L::Error, "gradc cannot write %0: %1; %2"};
    case Diag::NoGradCheck:
      return {L::Warning,
              "no %0_gradcheck is written (--emit-check): %1; write the check with gradc::central_difference "
              "and gradc::check_component (<gradc/check.h>)"};
    case Diag::UnsupportedStruct:
      return {L::Error,
              "'%0' has type '%1', a struct with %2; gradc differentiates structs of float, double and "
              "integer members, fixed-size arrays of them and such structs, passed by reference or pointer"};
    case Diag::NoteCalledFrom:
      return {L::Note, "in '%0', called from '%1' at %2"};
    case Diag::VectorParam:
      return {L::Error,
              "'%0' is a std::vector taken by value, writable, or of a type other than float or double; gradc "
              "reads 'const std::vector<float or double>&' parameters: take it as 'const std::vector<%1>& %0', "
              "or pass its data and its length: 'const %1* %0, int n' (call it with %0.data(), (int)%0.size())"};
    case Diag::VectorLocal:
      return {L::Error,
              "'%0' is a std::vector local, whose storage the generated code cannot size; use an array of a fixed "
              "maximum length ('%1 %0[kMax];' with a loop to the run-time length), or take the storage from the "
              "caller as a parameter ('%1* %0' work buffer)"};
    case Diag::NotC99:
      return {L::Error,
              "the gradient of '%0' cannot be written in C99: %1; write it as C would (for a C++ input, "
              "drop --emit=c99 to get C++ output)"};
    case Diag::StorageBudgetTooSmall:
      return {L::Error,
              "a storage budget of %0 cannot hold one state of this loop (needed for '%2' and the "
              "others it carries, with its step number): the least budget that works is %1 bytes "
              "(one state kept, each step recomputed from the loop's start)"};
    case Diag::StorageBudgetLoop:
      return {L::Error,
              "under a storage budget of %0 this loop must be checkpointed, and it %2; gradc "
              "checkpoints a top-level loop counting up by one whose body assigns scalars and local arrays, "
              "with branches and inner loops (move the rest into a loop of its own, or raise the budget "
              "above what its tape takes)"};
    case Diag::StorageBudgetExceeded:
      return {L::Error,
              "the reverse sweep would keep %1 for '%2' here, over the storage budget of %0 bytes; gradc "
              "checkpoints top-level loops, not loops inside loops (raise the budget, or keep "
              "the rest out of loops)"};
    case Diag::TypePunningC:
      return {L::Error,
              "%0 reinterprets the bits of a value and cannot be differentiated; keep the values in a struct "
              "(one member each) and convert with a cast ('(float)i') instead"};
    case Diag::VariableLengthArray:
      return {L::Error,
              "'%0' is a variable-length array ('%1'), whose storage the generated code cannot size; use an "
              "array of a fixed maximum length ('%2 %0[N]', N %3, with the loops to the run-time length), or "
              "take the storage from the caller as a parameter ('%2* %0')"};
    case Diag::StructArrayLocal:
      return {L::Error,
              "'%0' is an array of structs ('%1') that a differentiated function cannot hold: %2; keep "
              "the members in arrays of their own ('double %0_v[N][M]' for a member 'double v[M]'), or one "
              "struct local per element"};
    case Diag::MemberWritten:
      return {L::Error,
              "'%0' writes the member '%1' of its object, which a differentiated member function cannot do yet "
              "(its gradient takes the object as 'const S& self'); compute into a local and return it, or make "
              "it a function at namespace scope that takes the members it changes by pointer"};
    case Diag::HeapRuntimeSize:
      return {L::Error,
              "'%0' allocates heap storage of a run-time size, which the generated code cannot hold (it never "
              "allocates); use an array of a fixed maximum length ('%1 %2[kMax];', with the loops to the run-time "
              "length), or take the storage from the caller as a parameter ('const %1* x, %1* %2' work buffer)"};
  }
  return {L::Error, "internal error"};
}

}  // namespace

void Diagnostics::enterCall(std::string callee, std::string caller, clang::SourceLocation call) {
  calls_.push_back({std::move(callee), std::move(caller), call});
}

void Diagnostics::report(clang::SourceLocation loc, Diag id, const std::vector<std::string>& args) {
  emit(loc, id, args);
  if (info(id).level != clang::DiagnosticsEngine::Error || !engine_.hasSourceManager()) return;
  const clang::SourceManager& sm = engine_.getSourceManager();
  for (auto it = calls_.rbegin(); it != calls_.rend(); ++it) {
    clang::PresumedLoc p = sm.getPresumedLoc(sm.getExpansionLoc(it->loc));
    std::string where = p.isValid() ? llvm::sys::path::filename(p.getFilename()).str() + ":" + std::to_string(p.getLine()) +
                                          ":" + std::to_string(p.getColumn())
                                    : "?";
    emit(it->loc, Diag::NoteCalledFrom, {it->callee, it->caller, where});
  }
}

void Diagnostics::emit(clang::SourceLocation loc, Diag id, const std::vector<std::string>& args) {
  DiagInfo d = info(id);
  unsigned diagId = engine_.getCustomDiagID(d.level, "%0");
  // Substitute our own %N placeholders: custom IDs are keyed by format string,
  // and passing the finished text keeps one ID per level.
  std::string text = d.format;
  if (size_t r = text.find("%R"); r != std::string::npos) text.replace(r, 2, rulesTemplate());
  for (size_t i = 0; i < args.size(); ++i) {
    std::string key = "%" + std::to_string(i);
    for (size_t pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + args[i].size()))
      text.replace(pos, key.size(), args[i]);
  }
  engine_.Report(loc, diagId) << text;
}

}  // namespace gradc
