#include "Driver.h"

#include "ClangCompat.h"
#include "Diagnostics.h"
#include "Output.h"
#include "analyses/Activity.h"
#include "check/C99.h"
#include "check/DefBeforeUse.h"
#include "cleanup/Cleanup.h"
#include "cleanup/Declarations.h"
#include "cleanup/Frame.h"
#include "emit/Check.h"
#include "emit/Emit.h"
#include "emit/Graph.h"
#include "emit/WorkBuffer.h"
#include "fence/Fence.h"
#include "forward/Forward.h"
#include "ir/IR.h"
#include "lower/Lower.h"
#include "parse/Parse.h"
#include "reverse/Checkpoint.h"
#include "reverse/Reverse.h"
#include "rules/Load.h"
#include "rules/Rules.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/DiagnosticSema.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <map>
#include <set>
#include <optional>

namespace gradc {
namespace {

#include "Embedded.inc"  // kEmbeddedRules, kEmbeddedRuntimeHeader, kEmbeddedMathHeader

constexpr const char* kVirtualRoot = "/__gradc__";
const std::string kVirtualRules = std::string(kVirtualRoot) + "/templates/gradc_rules.hpp";

// The rules need GRADC_RULE from the runtime header, and the idioms' functions
// from gradc/math.h: paste the headers in place of their includes (guarded,
// so a user's own include of them is harmless), so gradc works whatever
// include path the user passes.
std::string embeddedRules() {
  std::string rules = kEmbeddedRules;
  const std::pair<const char*, const char*> headers[] = {{"#include <gradc/gradc.h>", kEmbeddedRuntimeHeader},
                                                         {"#include <gradc/math.h>", kEmbeddedMathHeader}};
  for (auto [include, text] : headers)
    if (size_t at = rules.find(include); at != std::string::npos)
      rules.replace(at, std::strlen(include), std::string(text) + "\n");
  return rules;
}

// Counts errors from both the compiler driver (bad flags) and the frontend,
// which ClangTool does not always turn into a failed run.
class CountingPrinter : public clang::TextDiagnosticPrinter {
 public:
  CountingPrinter() : clang::TextDiagnosticPrinter(llvm::errs(), new clang::DiagnosticOptions()) {}
  void HandleDiagnostic(clang::DiagnosticsEngine::Level level, const clang::Diagnostic& info) override {
    // A gradc marker after the function's definition: Clang drops it with a
    // warning, and gradc would generate nothing for it. A marker is acted on
    // or is an error.
    if (level == clang::DiagnosticsEngine::Warning && info.getID() == clang::diag::warn_attribute_precede_definition &&
        info.hasSourceManager() && info.getLocation().isValid()) {
      const clang::SourceManager& sm = info.getSourceManager();
      bool invalid = false;
      const char* text = sm.getCharacterData(sm.getSpellingLoc(info.getLocation()), &invalid);
      if (!invalid && llvm::StringRef(text).starts_with("annotate(\"gradc.")) level = clang::DiagnosticsEngine::Error;
    }
    if (level >= clang::DiagnosticsEngine::Error) ++errors;
    clang::TextDiagnosticPrinter::HandleDiagnostic(level, info);
  }
  unsigned errors = 0;
};

void dumpIf(const Options& o, const char* stage, const ir::Function& fn) {
  if (o.dumpStage == stage) llvm::errs() << "=== after " << stage << "\n" << ir::dump(fn);
}

// Callees before callers (the fence has rejected recursion).
std::vector<size_t> calleesFirst(const std::vector<ir::Function>& fns) {
  std::vector<size_t> order;
  std::vector<int> state(fns.size(), 0);
  std::function<void(size_t)> visit = [&](size_t i) {
    if (state[i]) return;
    state[i] = 1;
    ir::forEachStmt(fns[i].body, [&](const ir::Stmt& s) {
      if (!s.value) return;
      ir::forEachExpr(s.value, [&](const ir::Expr& e) {
        if (e.op == ir::Op::Call && e.callee->function >= 0) visit(static_cast<size_t>(e.callee->function));
      });
    });
    order.push_back(i);
  };
  for (size_t i = 0; i < fns.size(); ++i) visit(i);
  return order;
}

bool callsPrimalOf(const ir::Function& fn, int callee) {
  bool found = false;
  ir::forEachStmt(fn.body, [&](const ir::Stmt& s) {
    auto look = [&](const ir::ExprRef& e) {
      ir::forEachExpr(e, [&](const ir::Expr& x) {
        found = found || (x.op == ir::Op::Call && x.callee->function == callee);
      });
    };
    if (s.value) look(s.value);
    for (const auto& a : s.args) look(a);
  });
  return found;
}

// Storage of run-time length goes in the caller's work buffer, whose size
// f_grad_work_bytes computes from the integer parameters: the loop bounds
// must depend on those alone.
bool storageIsBounded(const ir::Function& fn, Diagnostics& diags) {
  for (const auto& [tape, count] : fn.runtimeTapes) {
    std::vector<ir::VarId> reads;
    ir::collectReads(count, reads);
    // (A struct's member, `s.n`, is not one: f_grad_work_bytes takes int parameters only.)
    bool fromParams = std::all_of(reads.begin(), reads.end(), [&](ir::VarId v) {
      return fn.var(v).role == ir::VarRole::Param && !fn.var(v).isArray() && !fn.var(v).isMember();
    });
    if (fromParams) continue;
    const ir::Var& var = fn.var(tape);
    const auto* loop = static_cast<const clang::Stmt*>(fn.origins[static_cast<size_t>(var.origin)].clangStmt);
    diags.report(loop->getBeginLoc(), Diag::RuntimeStorage, {fn.var(var.primal).name});
    return false;
  }
  return true;
}

// A callee whose pullback keeps storage in a work buffer cannot be called
// yet: its caller would need that buffer too.
bool calleesNeedNoWork(const ir::Function& fn, const std::vector<std::vector<ir::Function>>& perFunction,
                       Diagnostics& diags) {
  bool ok = true;
  ir::forEachStmt(fn.body, [&](const ir::Stmt& s) {
    if (!ok || s.kind != ir::StmtKind::PullbackCall || s.callee->function < 0) return;
    const auto& callee = perFunction.at(static_cast<size_t>(s.callee->function));
    // Its pullback runs its forward sweep again, after the caller's forward
    // sweep ran its primal: a printf in it would print twice.
    bool effects = false;
    if (!callee.empty())
      ir::forEachStmt(callee.front().body, [&](const ir::Stmt& t) { effects = effects || t.kind == ir::StmtKind::Effect; });
    if (effects) {
      const auto* call = static_cast<const clang::Stmt*>(fn.origins[static_cast<size_t>(s.origin)].clangStmt);
      diags.report(call->getBeginLoc(), Diag::UnsupportedExpr,
                   {"a call to '" + callee.front().name +
                    "', a marked function with statements run for their effects (printf, assert, a void "
                    "call), which its pullback would run a second time (remove its GRADC_GRAD mark: a "
                    "helper is inlined and runs them once; or move them out of it),"});
      ok = false;
      return;
    }
    if (callee.empty() || callee.front().runtimeTapes.empty()) return;
    const auto* call = static_cast<const clang::Stmt*>(fn.origins[static_cast<size_t>(s.origin)].clangStmt);
    diags.report(call->getBeginLoc(), Diag::UnsupportedExpr,
                 {"a call to '" + callee.front().name +
                  "', whose gradient keeps storage in a work buffer (a loop of run-time length),"});
    ok = false;
  });
  return ok;
}

// Two marked overloads with one list of integer parameters would share one
// f_grad_work_bytes, sized for one of them. A template's instantiations have
// their own f_grad_work_bytes<...>, specializations of one primary template:
// there the integer parameters must agree.
bool workSizesDistinct(const ParsedUnit& unit, const std::vector<std::vector<ir::Function>>& perFunction,
                       Diagnostics& diags) {
  std::map<std::string, size_t> first;
  for (size_t i = 0; i < perFunction.size(); ++i) {
    if (perFunction[i].empty() || perFunction[i].front().runtimeTapes.empty()) continue;
    const ir::Function& fn = perFunction[i].front();
    std::string key;
    for (const std::string& n : fn.namespaces) key += n + "::";
    key += fn.name + (fn.templateArgs.empty() ? "(" + workBytesTypes(fn) + ")" : "<>");
    auto [at, fresh] = first.emplace(key, i);
    const ir::Function& other = perFunction[at->second].front();
    if (fresh || (!fn.templateArgs.empty() && workBytesTypes(other) == workBytesTypes(fn))) continue;
    diags.report(unit.marked[i].decl->getLocation(), Diag::WorkSizeAmbiguous, {fn.name, workBytesTypes(fn)});
    diags.report(unit.marked[at->second].decl->getLocation(), Diag::NoteDeclaredHere, {other.name});
    return false;
  }
  return true;
}

// Every name the generated function uses is declared in a block around the
// use; otherwise the output would not compile: say so instead.
bool declaredWhereUsed(const ir::Function& fn, const clang::FunctionDecl* decl, Diagnostics& diags) {
  ir::VarId v = cleaning::usedOutOfScope(fn);
  if (v == ir::kNoVar) return true;
  diags.report(decl->getLocation(), Diag::Internal,
               {"'" + fn.var(v).name + "' of " + fn.name + " is used outside the block that declares it"});
  return false;
}

// The generated function's internal consistency (tool/check): every name is
// declared where it is used and every value written before it is read.
bool consistent(const ir::Function& fn, const clang::FunctionDecl* decl, Diagnostics& diags) {
  return declaredWhereUsed(fn, decl, diags) && checkDefBeforeUse(fn, diags);
}

// The structs defined in the main file that the generated signatures name (a
// parameter's type, a member function's object): the header, which does not
// include the source, must come after their definitions (emit/File.cpp).
void noteSourceTypes(const ParsedUnit& unit, clang::ASTContext& ast, SourceFacts& facts) {
  std::vector<SourceType>& out = facts.types;
  const clang::SourceManager& sm = ast.getSourceManager();
  auto note = [&](clang::QualType t) {
    const clang::RecordDecl* rd = t.isNull() ? nullptr : t->getAsRecordDecl();
    if (!rd || !sm.isInMainFile(sm.getExpansionLoc(rd->getLocation()))) return;
    clang::PrintingPolicy pp(ast.getLangOpts());
    pp.FullyQualifiedName = true;
    clang::QualType type = ast.getRecordType(rd);
    SourceType st{clang::TypeName::getFullyQualifiedName(type, ast, pp, false),
                  llvm::sys::path::filename(sm.getFilename(sm.getExpansionLoc(rd->getLocation()))).str() + ":" +
                      std::to_string(sm.getExpansionLineNumber(rd->getLocation())),
                  static_cast<unsigned long long>(ast.getTypeSizeInChars(type).getQuantity()),
                  static_cast<unsigned long long>(ast.getTypeAlignInChars(type).getQuantity())};
    for (const SourceType& seen : out)
      if (seen.name == st.name && seen.where == st.where) return;
    out.push_back(st);
  };
  for (const MarkedFunction& m : unit.marked) {
    if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(m.decl)) {
      // Its check calls the member itself: `const_cast<ns::S&>(self).f(x)`, `ns::S::g(x)`.
      clang::PrintingPolicy pp(ast.getLangOpts());
      pp.FullyQualifiedName = true;
      std::string cls = clang::TypeName::getFullyQualifiedName(ast.getRecordType(method->getParent()), ast, pp, false);
      std::string ns;  // ("ns::" of the generated functions)
      for (const clang::DeclContext* dc = method->getParent(); dc && !dc->isTranslationUnit(); dc = dc->getParent())
        if (const auto* n = llvm::dyn_cast<clang::NamespaceDecl>(dc)) ns = n->getNameAsString() + "::" + ns;
      bool callOperator = method->getOverloadedOperator() == clang::OO_Call;
      facts.memberCalls[ns + generatedBaseName(method)] =
          method->isStatic()
              ? std::make_pair(cls + "::" + method->getNameAsString(), false)
              : std::make_pair("const_cast<" + cls + "&>(self)" + (callOperator ? "" : "." + method->getNameAsString()), true);
      if (!method->isStatic()) note(ast.getRecordType(method->getParent()));
    }
    for (const clang::ParmVarDecl* p : m.decl->parameters())
      note(p->getType()->isRecordType() ? p->getType() : p->getType()->getPointeeType());
  }
}

// One translation unit through every stage; nullopt after diagnostics.
std::optional<ir::Module> runPipeline(clang::ASTContext& ast, Diagnostics& diags, const Options& options,
                                      SourceFacts* sourceTypes) {
  const clang::SourceManager& sm = ast.getSourceManager();
  ir::Module module;
  module.sourceFile = sm.getFileEntryRefForID(sm.getMainFileID())->getName().str();
  module.parsedAsC = !ast.getLangOpts().CPlusPlus;

  ParsedUnit unit = findMarkedAndRules(ast, diags);
  if (diags.hasErrors()) return std::nullopt;
  markLargeCallees(ast, unit);
  RuleRegistry none;
  LowerEnv ruleEnv{ast, diags, none, {}, true, &module.constants};
  std::optional<RuleRegistry> rules = loadRules(unit, ruleEnv);
  if (!rules) return std::nullopt;
  std::set<const clang::FunctionDecl*> fencedOut;
  bool ok = fence(unit.marked, ast, diags, &fencedOut);

  LowerEnv env{ast, diags, *rules, {}, false, &module.constants};
  for (int k = 1; ast.Idents.find(env.constantsHome) != ast.Idents.end(); ++k)
    env.constantsHome = "gradc_src_" + std::to_string(k);
  for (size_t i = 0; i < unit.marked.size(); ++i)
    env.markedIndex[unit.marked[i].decl->getCanonicalDecl()] = static_cast<int>(i);
  for (const MarkedFunction& m : unit.marked) {
    if (fencedOut.count(m.decl) || diags.stopped()) continue;
    std::optional<ir::Function> fn = lowerFunction(m, env);
    if (!fn) {
      ok = false;
      continue;
    }
    fn->sourceFile = module.sourceFile;
    zeroArraysReadUnwritten(*fn);
    dumpIf(options, "lower", *fn);
    module.functions.push_back(std::move(*fn));
  }
  if (!ok) return std::nullopt;
  noteSourceTypes(unit, ast, *sourceTypes);

  ReverseEnv revEnv{*rules, module.functions, diags};
  std::vector<std::vector<ir::Function>> perFunction(module.functions.size());
  // A function that fails here does not stop the others: every error of the run is reported.
  bool built = true;
  // A marked function another one calls keeps its arrays on the stack: its
  // caller's pullback has no work buffer to hand it (calleesNeedNoWork).
  std::vector<bool> called(module.functions.size(), false);
  for (size_t j = 0; j < module.functions.size(); ++j)
    for (size_t i = 0; i < module.functions.size(); ++i)
      called[i] = called[i] || (i != j && callsPrimalOf(module.functions[j], static_cast<int>(i)));
  for (size_t i : calleesFirst(module.functions)) {
    if (diags.stopped()) break;
    const ir::Function& fn = module.functions[i];
    Activity activity = analyzeActivity(fn);
    revEnv.storageBudget = storageBudgetOf(unit.marked[i].decl, ast).value_or(options.storageBudget);
    std::optional<ir::Function> pullback = buildPullback(fn, activity, revEnv);
    if (!pullback) {
      built = false;
      continue;
    }
    dumpIf(options, "reverse", *pullback);
    // A function returning void has outputs only: its pullback is the VJP.
    bool hasValue = fn.result != ir::kNoVar;
    std::optional<ir::Function> grad;
    if (hasValue && !unit.marked[i].automatic) grad = cleanup(gradFromPullback(*pullback));
    ForwardEnv fwdEnv{*rules, diags, unit.marked[i].markerLoc, options.packAbove};
    ir::Function cleanPullback = cleanup(ir::Function(*pullback));
    // (whether f_pullback takes a work buffer: after cleanup, which may drop every tape)
    auto forms = forwardForms(fn, *pullback, !cleanPullback.runtimeTapes.empty(), unit.marked[i].jacobian,
                              unit.marked[i].hessian, fwdEnv);
    if (!forms) {
      built = false;
      continue;
    }
    // (nor one with f_jacobian or f_hessian: those call f_pullback and f_grad
    // without a buffer, fuzz seed 9103)
    if (!called[i] && !unit.marked[i].jacobian && !unit.marked[i].hessian) {
      std::vector<ir::Function*> forms = {&cleanPullback};
      if (grad) forms.push_back(&*grad);
      cleaning::limitFrames(forms, options.frameLimit);
    }
    dumpIf(options, "cleanup", cleanPullback);
    if (!storageIsBounded(cleanPullback, diags) || !calleesNeedNoWork(cleanPullback, perFunction, diags) ||
        !withinStorageBudget(cleanPullback, revEnv.storageBudget, unit.marked[i].decl, diags) ||
        !consistent(cleanPullback, unit.marked[i].decl, diags) ||
        (grad && !consistent(*grad, unit.marked[i].decl, diags))) {
      built = false;
      continue;
    }
    if (options.emitCheck && !unit.marked[i].automatic) {
      std::string why = whyNoGradCheck(grad && !checkedThroughPullback(*grad) ? *grad : cleanPullback);
      if (!why.empty()) diags.report(unit.marked[i].decl->getLocation(), Diag::NoGradCheck, {fn.name, why});
    }
    perFunction[i].push_back(std::move(cleanPullback));
    if (grad) perFunction[i].push_back(std::move(*grad));
    for (ir::Function& f : *forms) {
      if (f.kind == ir::FunctionKind::Jvp || f.kind == ir::FunctionKind::Hvp || !f.body.empty()) {
        dumpIf(options, "forward", f);
        f = cleanup(std::move(f));
        built = consistent(f, unit.marked[i].decl, diags) && built;
      }
      perFunction[i].push_back(std::move(f));
    }
    // f_hessian passes f_hvp's work buffer on if f_hvp still takes one after
    // cleanup, which may drop every tape (fuzz seed 8209).
    ir::Function* hvp = nullptr;
    for (ir::Function& f : perFunction[i])
      if (f.kind == ir::FunctionKind::Hvp) hvp = &f;
    for (ir::Function& f : perFunction[i])
      if (f.kind == ir::FunctionKind::Hessian && hvp) f.hvpWork = !hvp->runtimeTapes.empty();
  }
  if (!built || diags.hasErrors()) return std::nullopt;
  if (!workSizesDistinct(unit, perFunction, diags)) return std::nullopt;
  for (size_t i : calleesFirst(module.functions)) {
    bool primalNeeded = false;
    for (const auto& fns : perFunction)
      for (const auto& g : fns) primalNeeded = primalNeeded || callsPrimalOf(g, static_cast<int>(i));
    if (primalNeeded) {
      module.generated.push_back(cleanup(primalOf(module.functions[i])));
      if (!consistent(module.generated.back(), unit.marked[i].decl, diags)) return std::nullopt;
    }
    for (auto& g : perFunction[i]) module.generated.push_back(std::move(g));
  }
  // (Here, while the rules live: the IR's callees point into them.)
  std::set<std::string> headers;
  auto note = [&](const ir::Expr& e) {
    if (e.op == ir::Op::Call && e.callee->rule && !e.callee->rule->header.empty()) headers.insert(e.callee->rule->header);
    if (e.op == ir::Op::Call && e.callee->spelling == "gradc_revolve_split") headers.insert("gradc/revolve.h");
  };
  for (const ir::Function& fn : module.generated)
    ir::forEachStmt(fn.body, [&](const ir::Stmt& s) {
      ir::forEachExpr(s.value, note);
      ir::forEachExpr(s.index, note);
      for (const ir::ExprRef& a : s.args) ir::forEachExpr(a, note);
    });
  module.runtimeHeaders.assign(headers.begin(), headers.end());
  if ((options.emitC99 || module.parsedAsC) && !writableAsC99(module, unit, diags)) return std::nullopt;
  return module;
}

// Every file the translation unit read: what the output depends on.
void collectInputs(const clang::SourceManager& sm, std::vector<std::string>& out) {
  for (auto it = sm.fileinfo_begin(); it != sm.fileinfo_end(); ++it) {
    llvm::StringRef name = it->getFirst().getName();
    if (!name.starts_with(kVirtualRoot)) out.push_back(name.str());
  }
}

class Consumer : public clang::ASTConsumer {
 public:
  Consumer(const Options& o, std::vector<ir::Module>& out, std::vector<ir::Include>& includes,
           std::vector<std::string>& inputs, SourceFacts& types)
      : options_(o), out_(out), includes_(includes), inputs_(inputs), types_(types) {}

  void HandleTranslationUnit(clang::ASTContext& ast) override {
    Diagnostics diags(ast.getDiagnostics());
    collectInputs(ast.getSourceManager(), inputs_);
    if (diags.hasErrors()) return;  // the code does not compile: Clang said why
    std::optional<ir::Module> m = runPipeline(ast, diags, options_, &types_);
    if (!m) return;
    m->includes = includes_;
    out_.push_back(std::move(*m));
  }

 private:
  const Options& options_;
  std::vector<ir::Module>& out_;
  std::vector<ir::Include>& includes_;
  std::vector<std::string>& inputs_;
  SourceFacts& types_;
};

class Action : public clang::ASTFrontendAction {
 public:
  Action(const Options& o, std::vector<ir::Module>& out, std::vector<std::string>& inputs,
         SourceFacts& types)
      : options_(o), out_(out), inputs_(inputs), types_(types) {}

  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance& ci, llvm::StringRef) override {
    clang::SourceManager& sm = ci.getSourceManager();
    ci.getPreprocessor().addPPCallbacks(std::make_unique<IncludeCallbacks>(
        [this, &sm](clang::SourceLocation hash, llvm::StringRef name, bool angled, llvm::StringRef resolved,
                    llvm::StringRef) {
          if (!sm.isInMainFile(hash) || resolved.starts_with(kVirtualRoot)) return;
          includes_.push_back({name.str(), angled});
        }));
    return std::make_unique<Consumer>(options_, out_, includes_, inputs_, types_);
  }

 private:
  const Options& options_;
  std::vector<ir::Module>& out_;
  std::vector<ir::Include> includes_;
  std::vector<std::string>& inputs_;
  SourceFacts& types_;
};

class Factory : public clang::tooling::FrontendActionFactory {
 public:
  Factory(const Options& o, std::vector<ir::Module>& out) : options_(o), out_(out) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<Action>(options_, out_, inputs, sourceTypes);
  }
  std::vector<std::string> inputs;
  SourceFacts sourceTypes;  // structs of the sources the output names, member functions' calls

 private:
  const Options& options_;
  std::vector<ir::Module>& out_;
};

// A compilation database that gives each file its first compile command: a
// file compiled twice (an app and its test) is parsed once.
class FirstCommandDatabase : public clang::tooling::CompilationDatabase {
 public:
  explicit FirstCommandDatabase(const clang::tooling::CompilationDatabase& db) : db_(db) {}
  std::vector<clang::tooling::CompileCommand> getCompileCommands(llvm::StringRef file) const override {
    std::vector<clang::tooling::CompileCommand> all = db_.getCompileCommands(file);
    if (all.size() > 1) all.resize(1);
    return all;
  }

 private:
  const clang::tooling::CompilationDatabase& db_;
};

// What identifies a generated function: its qualified name and parameter types.
std::string signatureKey(const ir::Function& fn) {
  std::string key;
  for (const std::string& ns : fn.namespaces) key += ns + "::";
  key += fn.name + "(";
  for (ir::VarId p : fn.params) {
    const ir::Var& v = fn.var(p);
    key += v.type.spelling + (v.isPointer ? "*" : "") + (v.isReference ? "&" : "") +
           (v.arraySize >= 0 ? "[" + std::to_string(v.arraySize) + "]" : "") + ",";
  }
  return key + ")";
}

// Two inputs defining the same marked function: the output would define its
// gradient twice. An error naming both.
bool rejectRepeatedFunctions(const std::vector<ir::Module>& modules) {
  std::map<std::string, const ir::Function*> first;
  bool ok = true;
  for (const ir::Module& m : modules)
    for (const ir::Function& fn : m.functions) {
      auto [it, added] = first.emplace(signatureKey(fn), &fn);
      if (added) continue;
      const ir::Function& other = *it->second;
      if (fn.templateArgs != other.templateArgs)  // f<2> and f<3> of one template
        llvm::errs() << fn.sourceFile << ":" << fn.sourceLine << ": error: '" << fn.name << fn.templateArgs << "' and '"
                     << fn.name << other.templateArgs << "' would both get the gradient '" << fn.name
                     << "_grad' with the same parameter types (gradc writes one overload per instantiation, and "
                        "these template arguments do not show in the parameters); mark one wrapper per instance "
                        "instead, e.g. 'GRADC_GRAD "
                     << fn.returnType.spelling << " " << fn.name << "_1(...) { return " << fn.name << fn.templateArgs
                     << "(...); }', or pass the template argument as a parameter\n";
      else
        llvm::errs() << fn.sourceFile << ":" << fn.sourceLine << ": error: '" << fn.name
                     << "' is marked here and also in " << other.sourceFile << ":" << other.sourceLine
                     << "; the output would define its gradient twice: pass only one of the two files to gradc\n";
      ok = false;
    }
  return ok;
}

}  // namespace

// --graph: each marked function beside what its pullback stores.
std::string graphText(const std::vector<ir::Module>& modules) {
  std::vector<GraphInput> inputs;
  for (const ir::Module& m : modules)
    for (const ir::Function& fn : m.functions) {
      auto pullback = std::find_if(m.generated.begin(), m.generated.end(), [&](const ir::Function& g) {
        return g.kind == ir::FunctionKind::Pullback && g.name == fn.name && g.namespaces == fn.namespaces &&
               g.templateArgs == fn.templateArgs;
      });
      if (pullback == m.generated.end()) continue;
      auto activity = std::make_shared<Activity>(analyzeActivity(fn));
      inputs.push_back({&fn, &*pullback, [activity](ir::VarId v) { return activity->active(v); }});
    }
  return emitGraph(inputs);
}

int run(const clang::tooling::CompilationDatabase& userDb, const Options& options) {
  if (!checkPaths(options)) return 1;
  FirstCommandDatabase db(userDb);
  const std::string rules = embeddedRules();
  std::vector<std::string> extra = {"-resource-dir=" GRADC_CLANG_RESOURCE_DIR, "-fparse-all-comments",
                                    "-D__GRADC__=1", "-include", kVirtualRules};
  // The runtime headers beside an installed gradc, else in its source tree,
  // come last in the search path: the user's own -I wins.
  llvm::SmallString<256> installed(llvm::sys::path::parent_path(llvm::sys::path::parent_path(options.executable)));
  llvm::sys::path::append(installed, "include");
  for (std::string dir : {std::string(installed.str()), std::string(GRADC_SOURCE_RUNTIME_INCLUDE)}) {
    if (llvm::sys::fs::exists(dir + "/gradc/gradc.h")) {
      extra.push_back("-idirafter");
      extra.push_back(dir);
      break;
    }
  }
  CountingPrinter printer;
  std::vector<ir::Module> modules;
  Factory factory(options, modules);
  // One tool per source: each is parsed once, in order, without ClangTool's
  // "[1/2] Processing file" lines.
  std::vector<std::string> sources;
  for (const std::string& src : options.sources)
    if (std::find(sources.begin(), sources.end(), src) == sources.end()) sources.push_back(src);
  bool failed = false;  // every source is still parsed, so every error is reported
  for (const std::string& src : sources) {
    clang::tooling::ClangTool tool(db, {src});
    tool.mapVirtualFile(kVirtualRules, rules);
    tool.appendArgumentsAdjuster(
        clang::tooling::getInsertArgumentAdjuster(extra, clang::tooling::ArgumentInsertPosition::BEGIN));
    tool.setDiagnosticConsumer(&printer);
    tool.setPrintErrorMessage(false);  // ("Error while processing": the diagnostics said it)
    size_t before = modules.size(), errorsBefore = printer.errors;
    bool ran = tool.run(&factory) == 0;
    if (!ran && printer.errors == errorsBefore) llvm::errs() << "gradc: error: " << src << ": not parsed\n";
    failed = !ran || printer.errors > 0 || modules.size() != before + 1 || failed;
  }
  if (failed || !rejectRepeatedFunctions(modules)) return 1;

  size_t marked = 0;
  for (const auto& m : modules) marked += m.functions.size();
  if (marked == 0)
    llvm::errs() << "gradc: warning: no function is marked GRADC_GRAD or GRADC_GRAD_WRT; the output defines nothing\n";

  EmitOptions emitOptions{options.output, options.version, options.emitCheck, outputDialect(modules, options.emitC99), {}};
  emitOptions.source = factory.sourceTypes;
  if (!emitOptions.dialect) return 1;
  if (!writeOutput(options.output, emitFile(modules, emitOptions))) return 1;
  if (!options.graph.empty() && !writeOutput(options.graph, graphText(modules))) return 1;
  if (!options.graph.empty() && !writeOutput(options.graph, graphText(modules))) return 1;
  if (!options.depfile.empty() && !writeOutput(options.depfile, depfileText(options.output, factory.inputs)))
    return 1;
  return 0;
}

}  // namespace gradc
