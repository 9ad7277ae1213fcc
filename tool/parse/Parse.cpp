#include "parse/Parse.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

#include <optional>
#include <set>

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

// GRADC_GRAD, and the markers that give more beside the gradient (forward/).
constexpr const char* kMarkerKinds[] = {"gradc.grad", "gradc.jacobian", "gradc.hessian"};

bool isMarker(llvm::StringRef a) {
  for (llvm::StringRef kind : kMarkerKinds)
    if (a == kind || (a.starts_with(kind) && a.drop_front(kind.size()).starts_with(":"))) return true;
  return false;
}

// The markers on any declaration of fd, in declaration order.
std::vector<const clang::AnnotateAttr*> markersOf(const clang::FunctionDecl* fd) {
  std::vector<const clang::AnnotateAttr*> out;
  for (const clang::FunctionDecl* redecl : fd->redecls())
    for (const auto* attr : redecl->specific_attrs<clang::AnnotateAttr>())
      if (isMarker(attr->getAnnotation())) out.push_back(attr);
  return out;
}

class Finder : public clang::RecursiveASTVisitor<Finder> {
 public:
  Finder(clang::ASTContext& ast, ParsedUnit& out, Diagnostics& diags) : ast_(ast), out_(out), diags_(diags) {}

  bool shouldVisitTemplateInstantiations() const { return false; }

  bool VisitFunctionDecl(clang::FunctionDecl* fd) {
    for (const clang::FunctionDecl* redecl : fd->redecls())
      for (const auto* attr : redecl->specific_attrs<clang::AnnotateAttr>())
        if (attr->getAnnotation().starts_with("gradc.rule:")) {
          if (fd->doesThisDeclarationHaveABody()) out_.rules.push_back(fd);
          return true;
        } else if (llvm::StringRef target = attr->getAnnotation(); target.consume_front("gradc.pullback_of:")) {
          // Once per rule: a called rule may have no body here.
          if (fd->isFirstDecl()) out_.userRules.push_back({fd, ruleTarget(fd, target.trim())});
          return true;
        } else if (target.consume_front("gradc.idiom:")) {
          if (fd->doesThisDeclarationHaveABody()) out_.idioms.push_back({fd, lookup(fd, target.trim())});
          return true;
        }
    std::vector<const clang::AnnotateAttr*> markers = markersOf(fd);
    // Only the main file's functions are differentiated; headers are inputs.
    if (markers.empty() || !inMainFile(fd->getLocation())) return true;
    // Every marker gradc meets here gives a gradient or an error, never
    // nothing. Each declaration is visited: one error per function.
    clang::SourceLocation at = markers.front()->getLocation();
    auto reject = [&](Diag id, const std::vector<std::string>& args) {
      if (reported_.insert(fd->getCanonicalDecl()).second) diags_.report(at, id, args);
      return true;
    };
    if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(fd)) {
      if (const clang::CXXRecordDecl* outer = enclosingClassTemplate(method))
        return reject(Diag::MarkedTemplateMember, {fd->getQualifiedNameAsString(), outer->getNameAsString()});
      if (method->getParent()->isTemplated()) return reject(Diag::MarkedInTemplate, {fd->getQualifiedNameAsString()});
      if (method->getParent()->isLambda()) return true;  // (VisitLambdaExpr reports it)
      // Any other member function is differentiated with its object as the
      // first parameter, `const S& self` (DESIGN.md: member functions).
      if (auto why = unsupportedMember(method)) return reject(Diag::MarkedMethod, {fd->getQualifiedNameAsString(), why->first, why->second});
    }
    // A marked template: one gradient per instantiation this file has
    // (used, or instantiated explicitly), in the order Clang made them.
    if (const clang::FunctionTemplateDecl* ftd = fd->getDescribedFunctionTemplate()) {
      if (ftd->getDeclContext()->isDependentContext()) return reject(Diag::MarkedInTemplate, {fd->getNameAsString()});
      if (!reported_.insert(fd->getCanonicalDecl()).second) return true;  // (a declaration and its definition)
      size_t found = 0;
      for (const clang::FunctionDecl* spec : ftd->specializations())
        if (spec->doesThisDeclarationHaveABody() || spec->isDefined()) {
          const clang::FunctionDecl* def = nullptr;
          spec->isDefined(def);
          addMarked(def ? def : spec, markers);
          ++found;
        }
      if (found == 0) diags_.report(at, Diag::TemplateNotInstantiated, {fd->getNameAsString()});
      return true;
    }
    // A friend defined in a class template, a local class's member in a
    // function template: there is no one function to differentiate.
    if (fd->isTemplated()) return reject(Diag::MarkedInTemplate, {fd->getNameAsString()});
    if (fd->isDeleted()) return reject(Diag::MarkedDeleted, {fd->getNameAsString()});
    bool callOperator = llvm::isa<clang::CXXMethodDecl>(fd) && fd->getOverloadedOperator() == clang::OO_Call;
    if (!fd->getDeclName().isIdentifier() && !callOperator) return reject(Diag::MarkedOperator, {fd->getNameAsString()});
    if (!fd->doesThisDeclarationHaveABody()) {
      const clang::FunctionDecl* def = fd->getDefinition();
      if (!def) return reject(Diag::MarkedUndefined, {fd->getNameAsString()});
      // (defined in this file: the definition's visit differentiates it)
      if (!inMainFile(def->getLocation())) return reject(Diag::MarkedElsewhere, {fd->getNameAsString()});
      return true;
    }
    for (const auto* other : markers)
      if (other->getAnnotation() != markers.front()->getAnnotation()) {
        diags_.report(other->getLocation(), Diag::MarkerConflict, {fd->getNameAsString()});
        return true;
      }
    checkGeneratedNames(fd, markers.front()->getLocation());
    addMarked(fd, markers);
    return true;
  }

  // A marker on anything but a function (a variable, a member, a class, a
  // parameter) does nothing: say so.
  bool VisitDecl(clang::Decl* d) {
    if (llvm::isa<clang::FunctionDecl>(d)) return true;
    for (const auto* attr : d->specific_attrs<clang::AnnotateAttr>())
      if (isMarker(attr->getAnnotation()) && inMainFile(attr->getLocation())) {
        const auto* named = llvm::dyn_cast<clang::NamedDecl>(d);
        diags_.report(attr->getLocation(), Diag::MarkedNotFunction, {kindOf(d), named ? named->getNameAsString() : ""});
        break;
      }
    return true;
  }

  // A marked lambda's call operator is a member of its closure class, which
  // the traversal does not visit as a function.
  bool VisitLambdaExpr(clang::LambdaExpr* e) {
    const clang::CXXMethodDecl* op = e->getCallOperator();
    if (op && !markersOf(op).empty()) diags_.report(e->getBeginLoc(), Diag::MarkedLambda);
    return true;
  }

 private:
  // The function a GRADC_PULLBACK_OF names, seen from the pullback: by name
  // (the last part of a qualified one), with as many parameters as the
  // pullback's shape implies (P..., seed, an adjoint per floating P).
  const clang::FunctionDecl* ruleTarget(const clang::FunctionDecl* rule, llvm::StringRef name) {
    const clang::FunctionDecl* any = nullptr;  // (for the message on a malformed pullback)
    for (const clang::FunctionDecl* f : lookup(rule, name)) {
      unsigned adjoints = 0;
      for (const clang::ParmVarDecl* p : f->parameters()) adjoints += takesAdjoint(p->getType()) ? 1 : 0;
      if (rule->getNumParams() == f->getNumParams() + 1 + adjoints) return f;
      if (!any) any = f;
    }
    return any;
  }

  // The functions (canonical declarations) a rule's annotation names, nearest
  // scope first: `ns::f` in that namespace; `f` from the rule outwards.
  std::vector<const clang::FunctionDecl*> lookup(const clang::FunctionDecl* rule, llvm::StringRef name) {
    std::vector<const clang::DeclContext*> scopes;
    llvm::SmallVector<llvm::StringRef, 4> parts;
    name.split(parts, "::");
    if (parts.size() > 1) {
      const clang::DeclContext* dc = ast_.getTranslationUnitDecl();
      for (size_t i = 0; dc && i + 1 < parts.size(); ++i) {
        const clang::DeclContext* next = nullptr;
        for (const clang::NamedDecl* d : dc->lookup(&ast_.Idents.get(parts[i].trim())))
          if (const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(d)) next = ns;
        dc = next;
      }
      if (dc) scopes.push_back(dc);
    } else {
      for (const clang::DeclContext* dc = rule->getDeclContext(); dc; dc = dc->getParent()) scopes.push_back(dc);
    }
    std::vector<const clang::FunctionDecl*> found;
    for (const clang::DeclContext* dc : scopes)
      for (const clang::NamedDecl* d : dc->lookup(&ast_.Idents.get(parts.back().trim())))
        if (const auto* f = llvm::dyn_cast<clang::FunctionDecl>(d)) found.push_back(f->getCanonicalDecl());
    return found;
  }

  void addMarked(const clang::FunctionDecl* fd, const std::vector<const clang::AnnotateAttr*>& markers) {
    // Once: a marked template's explicit specialization is also visited on
    // its own (it inherits the marker).
    if (!added_.insert(fd->getCanonicalDecl()).second) return;
    MarkedFunction m;
    m.decl = fd;
    m.markerLoc = markers.front()->getLocation();
    llvm::StringRef a = markers.front()->getAnnotation();
    m.jacobian = a.starts_with("gradc.jacobian");
    m.hessian = a.starts_with("gradc.hessian");
    a = a.drop_until([](char c) { return c == ':'; });
    if (a.consume_front(":")) {
      m.hasWrtList = true;
      m.wrtNames = splitList(a);
    }
    out_.marked.push_back(std::move(m));
  }

  // The class template (or partial specialization) a member belongs to,
  // directly or through nested classes; null when none.
  static const clang::CXXRecordDecl* enclosingClassTemplate(const clang::CXXMethodDecl* m) {
    for (const clang::DeclContext* dc = m->getParent(); dc && dc->isRecord(); dc = dc->getParent()) {
      const auto* r = llvm::cast<clang::CXXRecordDecl>(dc);
      if (r->getDescribedClassTemplate() || llvm::isa<clang::ClassTemplatePartialSpecializationDecl>(r)) return r;
    }
    return nullptr;
  }

  // Why a member function cannot be differentiated (what it is, what to write
  // instead), or none.
  static std::optional<std::pair<std::string, std::string>> unsupportedMember(const clang::CXXMethodDecl* m) {
    const clang::CXXRecordDecl* cls = m->getParent();
    if (m->getDescribedFunctionTemplate() || m->isTemplated() || m->getPrimaryTemplate())
      return std::pair<std::string, std::string>{
          "a member function template", "mark a member function of the types it is used with, or a free function "
                                        "template taking the object as a parameter"};
    if (llvm::isa<clang::CXXConstructorDecl>(m) || llvm::isa<clang::CXXDestructorDecl>(m) ||
        llvm::isa<clang::CXXConversionDecl>(m))
      return std::pair<std::string, std::string>{"a constructor, destructor or conversion",
                                                 "mark a member function that computes the value from the object"};
    if (m->isVirtual())
      return std::pair<std::string, std::string>{"a virtual member function",
                                                 "mark a non-virtual member function, or a function at namespace "
                                                 "scope taking the object as a parameter"};
    for (const clang::DeclContext* dc = cls; dc; dc = dc->getParent())
      if (dc->isFunctionOrMethod() || (dc->isRecord() && llvm::cast<clang::RecordDecl>(dc)->getName().empty()))
        return std::pair<std::string, std::string>{
            "a member function of a local or unnamed class (the generated functions, at namespace scope, "
            "name the class)", "define the class, with a name, at namespace scope"};
    return std::nullopt;
  }

  static std::string kindOf(const clang::Decl* d) {
    if (llvm::isa<clang::ParmVarDecl>(d)) return "the parameter";
    if (llvm::isa<clang::VarDecl>(d)) return "the variable";
    if (llvm::isa<clang::FieldDecl>(d)) return "the member";
    if (llvm::isa<clang::RecordDecl>(d)) return "the class";
    if (llvm::isa<clang::TypedefNameDecl>(d)) return "the type alias";
    if (llvm::isa<clang::NamespaceDecl>(d)) return "the namespace";
    if (llvm::isa<clang::EnumDecl>(d) || llvm::isa<clang::EnumConstantDecl>(d)) return "the enumeration";
    return std::string("the declaration (") + d->getDeclKindName() + ")";
  }

  bool inMainFile(clang::SourceLocation loc) const {
    const clang::SourceManager& sm = ast_.getSourceManager();
    return sm.isInMainFile(sm.getExpansionLoc(loc));
  }

  // The output defines f_grad, f_pullback, f_primal and f_grad_work_bytes
  // beside f: a declaration of the same name in this file would clash when
  // both are included. (One in a header may be an earlier output: not checked.)
  void checkGeneratedNames(const clang::FunctionDecl* fd, clang::SourceLocation marker) {
    const clang::DeclContext* dc = fd->getDeclContext();
    while (dc->isRecord()) dc = dc->getParent();  // (S_f_grad of S::f is in S's namespace)
    dc = dc->getRedeclContext();
    for (const char* suffix : kGeneratedSuffixes) {
      std::string name = generatedBaseName(fd) + suffix;
      for (const clang::NamedDecl* d : dc->lookup(&ast_.Idents.get(name))) {
        if (!inMainFile(d->getLocation())) continue;
        diags_.report(marker, Diag::GeneratedNameTaken, {name, fd->getNameAsString()});
        diags_.report(d->getLocation(), Diag::NoteDeclaredHere, {name});
        break;
      }
    }
  }

  clang::ASTContext& ast_;
  ParsedUnit& out_;
  Diagnostics& diags_;
  std::set<const clang::Decl*> reported_, added_;
};

}  // namespace

bool takesAdjoint(clang::QualType t) {
  if (t->isPointerType() || t->isArrayType()) return t->getPointeeOrArrayElementType()->isRealFloatingType();
  return t->isRealFloatingType();
}

ParsedUnit findMarkedAndRules(clang::ASTContext& ast, Diagnostics& diags) {
  ParsedUnit unit;
  Finder(ast, unit, diags).TraverseAST(ast);
  return unit;
}

}  // namespace gradc
