#include "check/C99.h"

#include "emit/Dialect.h"

#include "clang/AST/Decl.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <set>

namespace gradc {

bool writableAsC99(const ir::Module& module, const ParsedUnit& unit, Diagnostics& diags) {
  std::set<const clang::FunctionDecl*> reported;  // one error per marked function
  auto report = [&](const ir::Function& fn, const clang::FunctionDecl* decl, const std::string& why) {
    if (why.empty() || !reported.insert(decl).second) return;
    diags.report(decl ? decl->getLocation() : clang::SourceLocation(), Diag::NotC99, {fn.name, why});
  };
  // The marked functions first (their own parameters and calls), then what
  // was generated from them (the rules' calls), at the marked function of
  // that name.
  std::set<std::string> names;
  for (size_t i = 0; i < module.functions.size() && i < unit.marked.size(); ++i) {
    const ir::Function& fn = module.functions[i];
    std::string why = whyNotC99(fn);
    if (why.empty() && (unit.marked[i].jacobian || unit.marked[i].hessian))  // emit/Dense.cpp writes C++ only
      why = "Jacobians and Hessians are written as C++ only so far (mark it GRADC_GRAD for C99 output)";
    if (why.empty() && !names.insert(fn.name).second)
      why = "another marked function is named '" + fn.name + "' (C has no overloads)";
    report(fn, unit.marked[i].decl, why);
  }
  for (const ir::Function& fn : module.generated) {
    const clang::FunctionDecl* decl = unit.marked.empty() ? nullptr : unit.marked.front().decl;
    for (size_t i = 0; i < module.functions.size() && i < unit.marked.size(); ++i)
      if (module.functions[i].name == fn.name && module.functions[i].namespaces == fn.namespaces)
        decl = unit.marked[i].decl;
    report(fn, decl, whyNotC99(fn));
  }
  return reported.empty();
}

const Dialect* outputDialect(const std::vector<ir::Module>& modules, bool emitC99) {
  if (emitC99) return &Dialect::c99();
  auto isC = [](const ir::Module& m) { return m.parsedAsC; };
  if (modules.empty() || std::none_of(modules.begin(), modules.end(), isC)) return &Dialect::cxx();
  if (std::all_of(modules.begin(), modules.end(), isC)) return &Dialect::c99();
  llvm::errs() << "gradc: error: the inputs mix C and C++ files; one output is in one language: pass --emit=c99 "
                  "for C99 output of both, or run gradc once per language\n";
  return nullptr;
}

}  // namespace gradc
