// Unmarked callees that get a pullback of their own (README: calls). A call
// into a small helper is inlined: one fused function, as written by hand.
// A big straight-line scalar helper of the main file is differentiated once,
// as if marked, and every call goes through its pullback, instead of a copy
// of the helper at each call site. Helpers with loops, arrays or references,
// and helpers in headers, stay inlined.
#include "parse/Parse.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

#include <set>
#include <string>

namespace gradc {
namespace {

// Statements (not expressions) a helper needs before it gets its own pullback.
constexpr unsigned kOwnPullbackStatements = 24;

class Calls : public clang::RecursiveASTVisitor<Calls> {
 public:
  std::vector<const clang::FunctionDecl*> callees;
  unsigned statements = 0;
  bool loops = false;

  bool VisitCallExpr(clang::CallExpr* call) {
    if (const clang::FunctionDecl* fd = call->getDirectCallee()) callees.push_back(fd);
    return true;
  }
  bool VisitStmt(clang::Stmt* s) {
    if (!llvm::isa<clang::Expr>(s) && !llvm::isa<clang::CompoundStmt>(s)) ++statements;
    loops = loops || llvm::isa<clang::ForStmt>(s) || llvm::isa<clang::WhileStmt>(s) || llvm::isa<clang::DoStmt>(s) ||
            llvm::isa<clang::CXXForRangeStmt>(s);
    return true;
  }
  bool VisitCompoundStmt(clang::CompoundStmt* s) {
    for (const clang::Stmt* child : s->body()) statements += llvm::isa<clang::Expr>(child) ? 1 : 0;
    return true;
  }
};

bool annotated(const clang::FunctionDecl* fd) {
  for (const clang::FunctionDecl* redecl : fd->redecls())
    for (const auto* attr : redecl->specific_attrs<clang::AnnotateAttr>())
      if (attr->getAnnotation().starts_with("gradc.")) return true;
  return false;
}

// Float/double or integer values in, a float/double out, at least one float.
bool scalarSignature(const clang::FunctionDecl* fd) {
  if (!fd->getReturnType()->isRealFloatingType() || fd->isVariadic()) return false;
  bool floating = false;
  for (const clang::ParmVarDecl* p : fd->parameters()) {
    clang::QualType t = p->getType();
    if (p->hasDefaultArg() || !(t->isRealFloatingType() || t->isIntegerType())) return false;
    floating = floating || t->isRealFloatingType();
  }
  return floating;
}

}  // namespace

void markLargeCallees(clang::ASTContext& ast, ParsedUnit& unit) {
  const clang::SourceManager& sm = ast.getSourceManager();
  std::set<const clang::Decl*> seen, ruled;
  for (const auto& [rule, target] : unit.userRules)
    if (target) ruled.insert(target->getCanonicalDecl());
  std::set<std::string> ruleNames;  // GRADC_RULE("f,g") covers calls to f and g
  for (const clang::FunctionDecl* rule : unit.rules)
    for (const auto* attr : rule->specific_attrs<clang::AnnotateAttr>())
      if (llvm::StringRef names = attr->getAnnotation(); names.consume_front("gradc.rule:")) {
        llvm::SmallVector<llvm::StringRef, 4> parts;
        names.split(parts, ',');
        for (llvm::StringRef n : parts) ruleNames.insert(n.trim().str());
      }
  std::vector<const clang::FunctionDecl*> work;
  for (const MarkedFunction& m : unit.marked) {
    seen.insert(m.decl->getCanonicalDecl());
    work.push_back(m.decl);
  }
  // The generated names must be free where the helper is declared.
  auto namesFree = [&](const clang::FunctionDecl* fd) {
    const clang::DeclContext* dc = fd->getDeclContext()->getRedeclContext();
    for (const char* suffix : kGeneratedSuffixes)
      if (!dc->lookup(&ast.Idents.get(fd->getNameAsString() + suffix)).empty()) return false;
    return true;
  };
  while (!work.empty()) {
    const clang::FunctionDecl* fd = work.back();
    work.pop_back();
    Calls calls;
    calls.TraverseStmt(fd->getBody());
    for (const clang::FunctionDecl* callee : calls.callees) {
      const clang::FunctionDecl* def = nullptr;
      if (!callee->hasBody(def) || !def || !seen.insert(def->getCanonicalDecl()).second) continue;
      if (isLibraryFunction(def)) continue;
      work.push_back(def);  // inlined: its own calls are the caller's
      Calls body;
      body.TraverseStmt(def->getBody());
      bool own = sm.isInMainFile(sm.getExpansionLoc(def->getLocation())) && !llvm::isa<clang::CXXMethodDecl>(def) &&
                 !def->isTemplateInstantiation() && !annotated(def) && !ruled.count(def->getCanonicalDecl()) && !ruleNames.count(def->getNameAsString()) &&
                 scalarSignature(def) && !body.loops && body.statements >= kOwnPullbackStatements && namesFree(def);
      if (!own) continue;
      MarkedFunction m;
      m.decl = def;
      m.markerLoc = def->getLocation();
      m.automatic = true;
      unit.marked.push_back(std::move(m));
    }
  }
}

}  // namespace gradc
