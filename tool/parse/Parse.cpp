#include "parse/Parse.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

namespace gradc {
namespace {

std::vector<std::string> splitList(llvm::StringRef list) {
  std::vector<std::string> out;
  llvm::SmallVector<llvm::StringRef, 8> parts;
  list.split(parts, ',', -1, false);
  for (llvm::StringRef p : parts)
    if (!p.trim().empty()) out.push_back(p.trim().str());
  return out;
}

class Finder : public clang::RecursiveASTVisitor<Finder> {
 public:
  Finder(clang::ASTContext& ast, ParsedUnit& out) : ast_(ast), out_(out) {}

  bool shouldVisitTemplateInstantiations() const { return false; }

  bool VisitFunctionDecl(clang::FunctionDecl* fd) {
    if (!fd->doesThisDeclarationHaveABody()) return true;
    const clang::SourceManager& sm = ast_.getSourceManager();
    for (const clang::FunctionDecl* redecl : fd->redecls()) {
      for (const auto* attr : redecl->specific_attrs<clang::AnnotateAttr>()) {
        llvm::StringRef a = attr->getAnnotation();
        if (a.starts_with("gradc.rule:")) {
          out_.rules.push_back(fd);
          return true;
        }
        if (a != "gradc.grad" && !a.starts_with("gradc.grad:")) continue;
        // Only the main file's functions are differentiated; headers are inputs.
        if (!sm.isInMainFile(sm.getExpansionLoc(fd->getLocation()))) return true;
        MarkedFunction m;
        m.decl = fd;
        m.markerLoc = attr->getLocation();
        if (a.consume_front("gradc.grad:")) {
          m.hasWrtList = true;
          m.wrtNames = splitList(a);
        }
        out_.marked.push_back(std::move(m));
        return true;
      }
    }
    return true;
  }

 private:
  clang::ASTContext& ast_;
  ParsedUnit& out_;
};

}  // namespace

ParsedUnit findMarkedAndRules(clang::ASTContext& ast, Diagnostics&) {
  ParsedUnit unit;
  Finder(ast, unit).TraverseAST(ast);
  return unit;
}

}  // namespace gradc
