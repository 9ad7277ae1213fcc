#include "fence/Fence.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

#include <map>
#include <set>

namespace gradc {
namespace {

class Checker : public clang::RecursiveASTVisitor<Checker> {
 public:
  Checker(Diagnostics& diags, const std::set<const clang::FunctionDecl*>& marked, bool isC)
      : diags_(diags), marked_(marked), punning_(isC ? Diag::TypePunningC : Diag::TypePunning) {}

  bool ok = true;
  std::vector<const clang::FunctionDecl*> callees;  // marked functions called

  bool VisitGotoStmt(clang::GotoStmt* s) { return reject(s->getBeginLoc(), Diag::Goto); }
  bool VisitIndirectGotoStmt(clang::IndirectGotoStmt* s) { return reject(s->getBeginLoc(), Diag::Goto); }
  bool VisitCXXThrowExpr(clang::CXXThrowExpr* e) { return reject(e->getBeginLoc(), Diag::Exceptions, {"throw"}); }
  bool VisitCXXTryStmt(clang::CXXTryStmt* s) { return reject(s->getBeginLoc(), Diag::Exceptions, {"try"}); }
  bool VisitAsmStmt(clang::AsmStmt* s) { return reject(s->getAsmLoc(), Diag::InlineAsm); }
  bool VisitCXXReinterpretCastExpr(clang::CXXReinterpretCastExpr* e) {
    return reject(e->getBeginLoc(), Diag::TypePunning, {"reinterpret_cast"});
  }
  bool VisitMemberExpr(clang::MemberExpr* e) {
    if (const auto* rd = e->getBase()->getType()->getAsRecordDecl(); rd && rd->isUnion())
      return reject(e->getExprLoc(), punning_, {"a union member"});
    return true;
  }
  // (A range-based `for` is lowered, or refused, by lower/Ranges.cpp.)
  bool VisitCallExpr(clang::CallExpr* e) {
    if (const clang::FunctionDecl* fd = e->getDirectCallee()) {
      llvm::StringRef name = fd->getName();
      // A memcpy between arrays of one type copies elements (lower/Heap.cpp);
      // between types it reinterprets bits.
      bool copy = (name == "memcpy" || name == "memmove") && e->getNumArgs() == 3 &&
                  sameElementType(e->getArg(0), e->getArg(1));
      if (((name == "memcpy" || name == "memmove") && !copy) || name == "bit_cast")
        return reject(e->getBeginLoc(), punning_, {"'" + fd->getQualifiedNameAsString() + "'"});
      fd = fd->getCanonicalDecl();
      if (marked_.count(fd)) callees.push_back(fd);
    }
    return true;
  }

 private:
  static clang::QualType elementType(const clang::Expr* e) {
    clang::QualType t = e->IgnoreParenImpCasts()->getType();
    if (t->isPointerType()) return t->getPointeeType();
    if (t->isArrayType()) return clang::QualType(t->getArrayElementTypeNoTypeQual(), 0);
    return {};
  }
  static bool sameElementType(const clang::Expr* a, const clang::Expr* b) {
    clang::QualType ta = elementType(a), tb = elementType(b);
    return !ta.isNull() && !tb.isNull() && ta->isArithmeticType() &&
           ta.getCanonicalType().getUnqualifiedType() == tb.getCanonicalType().getUnqualifiedType();
  }
  bool reject(clang::SourceLocation loc, Diag id, std::vector<std::string> args = {}) {
    diags_.report(loc, id, args);
    ok = false;
    return true;  // keep going: report every problem in one run
  }

  Diagnostics& diags_;
  const std::set<const clang::FunctionDecl*>& marked_;
  Diag punning_;  // C has no static_cast: a C input is told the C alternatives
};

}  // namespace

bool fence(const std::vector<MarkedFunction>& marked, clang::ASTContext& ast, Diagnostics& diags,
           std::set<const clang::FunctionDecl*>* rejected) {
  std::set<const clang::FunctionDecl*> markedSet;
  for (const auto& m : marked) markedSet.insert(m.decl->getCanonicalDecl());

  bool ok = true;
  std::map<const clang::FunctionDecl*, std::vector<const clang::FunctionDecl*>> calls;
  for (const auto& m : marked) {
    Checker checker(diags, markedSet, !ast.getLangOpts().CPlusPlus);
    checker.TraverseStmt(m.decl->getBody());
    ok = ok && checker.ok;
    if (!checker.ok && rejected) rejected->insert(m.decl);
    calls[m.decl->getCanonicalDecl()] = checker.callees;
  }

  // Recursion: a marked function reaching itself through marked calls.
  for (const auto& m : marked) {
    const clang::FunctionDecl* start = m.decl->getCanonicalDecl();
    std::set<const clang::FunctionDecl*> seen;
    std::vector<const clang::FunctionDecl*> work = calls[start];
    bool recursive = false;
    while (!work.empty() && !recursive) {
      const clang::FunctionDecl* f = work.back();
      work.pop_back();
      if (f == start) recursive = true;
      if (!seen.insert(f).second) continue;
      for (const auto* g : calls[f]) work.push_back(g);
    }
    if (recursive) {
      diags.report(m.decl->getLocation(), Diag::Recursion, {m.decl->getNameAsString()});
      ok = false;
      if (rejected) rejected->insert(m.decl);
    }
  }
  return ok;
}

}  // namespace gradc
