#include "lower/Lower.h"

#include "lower/Lowerer.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <cassert>
#include <cmath>
#include <cstdio>
#include <set>

namespace gradc {

using namespace ir;
namespace cl = clang;

std::string formatLiteral(double value, TypeKind kind) {
  if (std::isinf(value)) return std::string(value < 0 ? "-" : "") + (kind == TypeKind::Float ? "HUGE_VALF" : "HUGE_VAL");
  if (std::isnan(value)) return kind == TypeKind::Float ? "std::nanf(\"\")" : "std::nan(\"\")";
  char buf[64];
  std::snprintf(buf, sizeof buf, kind == TypeKind::Float ? "%.9g" : "%.17g", value);
  // Prefer the shortest spelling that reads back to the same value.
  for (int digits = 1; digits < 17; ++digits) {
    char shortBuf[64];
    std::snprintf(shortBuf, sizeof shortBuf, "%.*g", digits, value);
    double back = std::strtod(shortBuf, nullptr);
    bool same = kind == TypeKind::Float ? static_cast<float>(back) == static_cast<float>(value)
                                        : back == value;
    if (same) {
      std::snprintf(buf, sizeof buf, "%s", shortBuf);
      break;
    }
  }
  std::string s = buf;
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  if (kind == TypeKind::Float) s += "f";
  return s;
}

std::string ruleKey(const cl::FunctionDecl* fd) {
  const cl::DeclContext* dc = fd->getDeclContext()->getRedeclContext();
  bool inStd = fd->isInStdNamespace();
  if (!inStd && !dc->isTranslationUnit() && !dc->isExternCContext()) return {};
  if (fd->isOverloadedOperator()) return {};
  return fd->getNameAsString();
}

bool isLibraryFunction(const cl::FunctionDecl* fd) {
  const cl::SourceManager& sm = fd->getASTContext().getSourceManager();
  return fd->isInStdNamespace() || sm.isInSystemHeader(sm.getExpansionLoc(fd->getLocation()));
}

std::string calleeSpelling(const cl::FunctionDecl* fd, const cl::Expr* calleeExpr) {
  // A static member (`std::numeric_limits<double>::infinity()`): by its class's full name.
  if (const auto* md = llvm::dyn_cast<cl::CXXMethodDecl>(fd); md && md->isStatic()) {
    const cl::ASTContext& ctx = fd->getASTContext();
    cl::PrintingPolicy pp(ctx.getLangOpts());
    return cl::TypeName::getFullyQualifiedName(ctx.getRecordType(md->getParent()), ctx, pp, true) + "::" +
           fd->getNameAsString();
  }
  if (fd->isInStdNamespace()) return "std::" + fd->getNameAsString();
  if (const auto* ref = llvm::dyn_cast_or_null<cl::DeclRefExpr>(calleeExpr->IgnoreParenImpCasts())) {
    if (const cl::NestedNameSpecifier* q = ref->getQualifier()) {
      if (const cl::NamespaceDecl* ns = q->getAsNamespace(); ns && ns->isStdNamespace())
        return "std::" + fd->getNameAsString();
    }
  }
  return fd->getNameAsString();
}

namespace lowering {

std::optional<Type> scalarType(cl::QualType qt) {
  qt = qt.getCanonicalType().getUnqualifiedType();
  if (const auto* bt = qt->getAs<cl::BuiltinType>()) {
    switch (bt->getKind()) {
      case cl::BuiltinType::Double: return Type::floating(TypeKind::Double);
      case cl::BuiltinType::Float: return Type::floating(TypeKind::Float);
      case cl::BuiltinType::Bool: return Type::boolean();
      default:
        if (bt->isInteger()) {
          cl::PrintingPolicy pp{cl::LangOptions{}};
          return Type::integer(qt.getAsString(pp));
        }
        return std::nullopt;
    }
  }
  if (qt->isEnumeralType()) return Type::integer("int");
  return std::nullopt;
}

std::string vectorElement(cl::QualType qt) {
  qt = qt.getNonReferenceType();
  if (qt->isPointerType()) qt = qt->getPointeeType();
  const auto* spec = llvm::dyn_cast_or_null<cl::ClassTemplateSpecializationDecl>(qt->getAsRecordDecl());
  if (!spec || !spec->isInStdNamespace() || spec->getName() != "vector" || spec->getTemplateArgs().size() < 1 ||
      spec->getTemplateArgs()[0].getKind() != cl::TemplateArgument::Type)
    return {};
  return spec->getTemplateArgs()[0].getAsType().getAsString();
}

bool containsReturn(const cl::Stmt* s) {
  if (!s || llvm::isa<cl::LambdaExpr>(s)) return false;  // a lambda's returns are its own
  if (llvm::isa<cl::ReturnStmt>(s)) return true;
  for (const cl::Stmt* child : s->children())
    if (containsReturn(child)) return true;
  return false;
}

static bool exits(const cl::Stmt* s, bool breaks) {
  if (!s || llvm::isa<cl::LambdaExpr>(s)) return false;
  // A loop's own `continue`s stay inside it, a loop's or a switch's own `break`s too.
  if (llvm::isa<cl::ForStmt>(s) || llvm::isa<cl::WhileStmt>(s) || llvm::isa<cl::DoStmt>(s) ||
      llvm::isa<cl::CXXForRangeStmt>(s))
    return containsReturn(s);
  if (llvm::isa<cl::SwitchStmt>(s)) breaks = false;
  if (llvm::isa<cl::ReturnStmt>(s) || llvm::isa<cl::ContinueStmt>(s)) return true;
  if (llvm::isa<cl::BreakStmt>(s)) return breaks;
  for (const cl::Stmt* child : s->children())
    if (exits(child, breaks)) return true;
  return false;
}

bool containsExit(const cl::Stmt* s) { return exits(s, true); }

bool breaksOut(const cl::Stmt* s) {
  if (!s) return false;
  if (llvm::isa<cl::BreakStmt>(s)) return true;
  if (llvm::isa<cl::ForStmt>(s) || llvm::isa<cl::WhileStmt>(s) || llvm::isa<cl::DoStmt>(s) ||
      llvm::isa<cl::CXXForRangeStmt>(s) || llvm::isa<cl::SwitchStmt>(s))
    return false;
  for (const cl::Stmt* child : s->children())
    if (breaksOut(child)) return true;
  return false;
}

Op binaryOp(cl::BinaryOperatorKind k) {
  switch (k) {
    case cl::BO_Add: return Op::Add;
    case cl::BO_Sub: return Op::Sub;
    case cl::BO_Mul: return Op::Mul;
    case cl::BO_Div: return Op::Div;
    case cl::BO_Rem: return Op::Rem;
    case cl::BO_LT: return Op::Lt;
    case cl::BO_LE: return Op::Le;
    case cl::BO_GT: return Op::Gt;
    case cl::BO_GE: return Op::Ge;
    case cl::BO_EQ: return Op::Eq;
    case cl::BO_NE: return Op::Ne;
    case cl::BO_LAnd: return Op::LAnd;
    case cl::BO_LOr: return Op::LOr;
    case cl::BO_And: return Op::BitAnd;
    case cl::BO_Or: return Op::BitOr;
    case cl::BO_Xor: return Op::BitXor;
    case cl::BO_Shl: return Op::Shl;
    case cl::BO_Shr: return Op::Shr;
    case cl::BO_AddAssign: return Op::Add;
    case cl::BO_SubAssign: return Op::Sub;
    case cl::BO_MulAssign: return Op::Mul;
    case cl::BO_DivAssign: return Op::Div;
    case cl::BO_RemAssign: return Op::Rem;
    default: return Op::Const;  // not an operator we lower
  }
}

std::optional<ArrayShape> arrayShape(cl::QualType qt) {
  qt = qt.getCanonicalType();
  ArrayShape shape;
  cl::QualType elem;
  if (const auto* pt = qt->getAs<cl::PointerType>()) {
    elem = pt->getPointeeType();
  } else if (const auto* ia = llvm::dyn_cast<cl::IncompleteArrayType>(qt.getTypePtr())) {
    elem = ia->getElementType();  // `T p[]`: a pointer parameter spelled as an array
  } else if (const auto* at = llvm::dyn_cast<cl::ConstantArrayType>(qt.getTypePtr())) {
    elem = at->getElementType();
    shape.size = static_cast<long>(at->getSize().getZExtValue());
    shape.dims = {shape.size};
    // `T a[N][M]`: stored flat, row-major.
    while (const auto* inner = llvm::dyn_cast<cl::ConstantArrayType>(elem.getCanonicalType().getTypePtr())) {
      long n = static_cast<long>(inner->getSize().getZExtValue());
      shape.dims.push_back(n);
      shape.size *= n;
      elem = inner->getElementType();
    }
  } else {
    return std::nullopt;
  }
  // `const double x[3]`: Clang may keep the const on the array type.
  shape.pointeeConst = elem.isConstQualified() || qt.isConstQualified();
  auto t = scalarType(elem);
  if (!t || t->kind == TypeKind::Bool) return std::nullopt;
  shape.element = *t;
  return shape;
}

}  // namespace lowering

namespace {

using lowering::Lowerer;
using lowering::scalarType;

std::vector<std::string> splitNames(const std::string& list) {
  std::vector<std::string> names;
  std::string cur;
  for (char c : list + ",") {
    if (c == ',') {
      if (!cur.empty()) names.push_back(cur);
      cur.clear();
    } else if (c != ' ' && c != '\t' && c != '\n') {
      cur += c;
    }
  }
  return names;
}

std::string fullyQualified(cl::QualType t, const cl::ASTContext& ast) {
  cl::PrintingPolicy pp(ast.getLangOpts());
  pp.FullyQualifiedName = true;
  return cl::TypeName::getFullyQualifiedName(t, ast, pp, /*WithGlobalNsPrefix=*/false);
}

// An instantiation of a marked template: "<float>" and "template <typename T>",
// with types fully qualified, for its f_grad_work_bytes<...> specialization.
void noteTemplate(const cl::FunctionDecl* fd, Function& fn, const cl::ASTContext& ast) {
  const cl::TemplateArgumentList* args = fd->getTemplateSpecializationArgs();
  const cl::FunctionTemplateDecl* primary = fd->getPrimaryTemplate();
  if (!args || !primary) return;
  cl::PrintingPolicy pp(ast.getLangOpts());
  pp.FullyQualifiedName = true;
  pp.SuppressScope = false;
  llvm::raw_string_ostream a(fn.templateArgs);
  cl::printTemplateArgumentList(a, args->asArray(), pp);
  std::string params;
  for (const cl::NamedDecl* p : *primary->getTemplateParameters()) {
    std::string one;
    if (const auto* t = llvm::dyn_cast<cl::TemplateTypeParmDecl>(p))
      one = t->wasDeclaredWithTypename() ? "typename" : "class";
    else if (const auto* n = llvm::dyn_cast<cl::NonTypeTemplateParmDecl>(p))
      one = n->getType().getAsString(pp);
    else
      one = "template <class...> class";  // (matches any class template's arguments)
    params += (params.empty() ? "" : ", ") + one + (p->isParameterPack() ? "..." : "") +
              (p->getName().empty() ? "" : " " + p->getNameAsString());
  }
  fn.templateParams = "template <" + params + ">";
}

// Whether a struct holds a float or double anywhere (members, arrays, nested structs).
bool hasFloating(cl::QualType t) {
  t = t.getCanonicalType();
  while (const auto* at = llvm::dyn_cast<cl::ConstantArrayType>(t.getTypePtr())) t = at->getElementType().getCanonicalType();
  if (t->isRealFloatingType()) return true;
  if (const auto* rd = t->getAsRecordDecl())
    for (const cl::FieldDecl* f : rd->fields())
      if (hasFloating(f->getType())) return true;
  return false;
}

// `T A[][C]`, `T (*A)[C]`: rows of a count known at run time (dims {-1, C}).
std::optional<lowering::ArrayShape> rowsOfRunTimeCount(cl::QualType qt) {
  qt = qt.getCanonicalType();
  cl::QualType row;
  if (const auto* pt = qt->getAs<cl::PointerType>()) row = pt->getPointeeType();
  else if (const auto* ia = llvm::dyn_cast<cl::IncompleteArrayType>(qt.getTypePtr())) row = ia->getElementType();
  if (row.isNull() || !row->isConstantArrayType()) return std::nullopt;
  auto shape = lowering::arrayShape(row);
  if (!shape) return std::nullopt;
  shape->dims.insert(shape->dims.begin(), -1);
  shape->size = -1;
  shape->pointeeConst = shape->pointeeConst || qt.isConstQualified();  // (`const T A[][C]`: on the outer type)
  return shape;
}

}  // namespace

std::optional<Function> lowerFunction(const MarkedFunction& marked, LowerEnv& env) {
  const cl::FunctionDecl* fd = marked.decl;
  Function fn;
  fn.name = generatedBaseName(fd);  // (S_f for a member function S::f)
  for (const cl::DeclContext* dc = fd->getDeclContext(); dc && !dc->isTranslationUnit(); dc = dc->getParent())
    if (const auto* n = llvm::dyn_cast<cl::NamespaceDecl>(dc)) fn.namespaces.insert(fn.namespaces.begin(), n->getNameAsString());
  const cl::SourceManager& sm = env.ast.getSourceManager();
  fn.sourceLine = sm.getExpansionLineNumber(fd->getLocation());
  noteTemplate(fd, fn, env.ast);

  // A void function returns its results through non-const pointers.
  bool isVoid = fd->getReturnType()->isVoidType();
  auto rt = scalarType(fd->getReturnType());
  if (!isVoid && (!rt || !rt->isFloating())) {
    env.diags.report(fd->getLocation(), Diag::ReturnType, {fn.name, fd->getReturnType().getAsString()});
    return std::nullopt;
  }
  fn.returnType = isVoid ? Type{TypeKind::Double, "void"} : *rt;
  Lowerer lowerer(env, fn);
  env.current = fd->getCanonicalDecl();
  bool ok = true;
  std::set<VarId> withFloats;  // struct parameters that hold floating values
  // A member function's object is its first parameter, `const S& self`.
  if (const auto* method = llvm::dyn_cast<cl::CXXMethodDecl>(fd); method && !method->isStatic()) {
    cl::QualType object = env.ast.getRecordType(method->getParent());
    Var v;
    v.name = "self";
    v.type = {TypeKind::Record, fullyQualified(object, env.ast)};
    v.role = VarRole::Param;
    v.isReference = v.pointeeConst = true;
    VarId id = fn.addVar(v);
    fn.params.push_back(id);
    if (hasFloating(object)) withFloats.insert(id);
    if (!lowerer.bindSelf(method, id)) return std::nullopt;
  }
  for (const cl::ParmVarDecl* p : fd->parameters()) {
    if (std::string elem = lowering::vectorElement(p->getType()); !elem.empty()) {
      // `const std::vector<T>& v`: read like an array of run-time length (lower/Vectors.cpp).
      cl::QualType vt = p->getType().getNonReferenceType();
      const auto* spec = llvm::cast<cl::ClassTemplateSpecializationDecl>(vt->getAsRecordDecl());
      auto et = scalarType(spec->getTemplateArgs()[0].getAsType());
      if (p->getType()->isLValueReferenceType() && vt.isConstQualified() && et && et->isFloating()) {
        Var v;
        v.name = p->getNameAsString();
        v.type = {TypeKind::Record, fullyQualified(vt.getUnqualifiedType(), env.ast)};
        v.role = VarRole::Param;
        v.isReference = v.pointeeConst = true;
        VarId id = fn.addVar(v);
        fn.params.push_back(id);
        withFloats.insert(id);
        lowerer.bindVectorParam(p, id, *et);
        continue;
      }
      env.diags.report(p->getLocation(), Diag::VectorParam, {p->getNameAsString(), elem});
      ok = false;
      continue;
    }
    cl::QualType pointee = p->getType()->getPointeeType();
    bool byValue = p->getType()->isRecordType();  // bound as `const S& s`, copied into a local (lower/Values.cpp)
    if (byValue) pointee = p->getType().getUnqualifiedType().withConst();
    if (!pointee.isNull() && pointee->isRecordType()) {
      // `const S& s`, `const S* s`: the members are bound where they are read.
      Var v;
      v.name = p->getNameAsString();
      v.type = {TypeKind::Record, fullyQualified(pointee.getUnqualifiedType(), env.ast)};
      v.role = VarRole::Param;
      v.isReference = p->getType()->isReferenceType() || byValue;
      v.isPointer = !v.isReference;
      v.pointeeConst = pointee.isConstQualified();
      VarId id = fn.addVar(v);
      fn.params.push_back(id);
      if (hasFloating(pointee)) withFloats.insert(id);
      ok = lowerer.bindStructParam(p, id) && ok;
      continue;
    }
    bool isRef = p->getType()->isReferenceType();
    cl::QualType declared = isRef ? p->getType().getNonReferenceType() : p->getOriginalType();
    // `const float x[n]` (a C99 variable-length array parameter) is the pointer it decays to.
    if (!isRef && declared->isVariableArrayType()) declared = p->getType();
    auto shape = lowering::arrayShape(declared);
    if (!shape) shape = rowsOfRunTimeCount(declared);
    if (shape && (!isRef || declared->isConstantArrayType())) {
      // `const T* p`, `T* p`, `T p[N]`, `T p[]`, `const T (&p)[N]`: the caller's
      // elements; `T A[R][C]`, `T A[][C]`: the same, indexed row-major.
      Var v;
      v.name = p->getNameAsString();
      v.type = shape->element;
      v.role = VarRole::Param;
      v.isPointer = true;
      v.isReference = isRef && shape->dims.size() <= 1;  // (a 2-D one is printed as the array it refers to)
      v.pointeeConst = shape->pointeeConst;
      v.arraySize = shape->size;  // N for `T p[N]` (the aliasing check's extent), -1 for `T* p`
      if (shape->dims.size() > 1) v.declaredDims = shape->dims, v.declaredByReference = isRef;
      VarId id = fn.addVar(v);
      fn.params.push_back(id);
      lowerer.bindParam(p, id, shape->dims.size() > 1 ? shape->dims : std::vector<long>{});
      continue;
    }
    auto t = scalarType(p->getType().getNonReferenceType());
    if (t && isRef && !declared.isConstQualified()) {
      // `double& out`: an output of one element, out[0] (adjoint `double* d_out`, a seed).
      Var v;
      v.name = p->getNameAsString();
      v.type = *t;
      v.role = VarRole::Param;
      v.isPointer = v.isReference = v.elementRef = true;
      v.arraySize = 1;
      VarId id = fn.addVar(v);
      fn.params.push_back(id);
      lowerer.bindElementParam(p, id);
      continue;
    }
    if (!t) {
      if (!lowering::reportVariableLength(env, p->getOriginalType(), p->getNameAsString(), p->getLocation()))
        env.diags.report(p->getLocation(), Diag::UnsupportedType, {p->getType().getAsString(), p->getNameAsString()});
      ok = false;
      continue;
    }
    Var v;
    v.name = p->getNameAsString();
    v.type = *t;
    v.role = VarRole::Param;
    v.isConstParam = p->getType().isConstQualified();
    // `const double& a`: read like a value (adjoint `double* d_a`, as for a `double a`).
    v.isReference = v.pointeeConst = isRef;
    VarId id = fn.addVar(v);
    fn.params.push_back(id);
    lowerer.bindParam(p, id);
  }
  if (!ok) return std::nullopt;

  if (!isVoid) {
    Var result;
    result.name = fn.name;
    result.type = fn.returnType;
    result.role = VarRole::Local;
    fn.result = fn.addVar(result);
  }
  const auto* body = llvm::dyn_cast_or_null<cl::CompoundStmt>(fd->getBody());
  if (!body || !lowerer.lowerBody(body)) return std::nullopt;
  localizeScratchScalars(fn);
  localizeScratchArrays(fn);

  // Non-const pointer parameters the body writes are outputs: their adjoints
  // are seeds (the vector of the vector-Jacobian product), not gradients.
  forEachStmt(fn.body, [&](const Stmt& st) {
    if ((st.kind == StmtKind::Assign || st.kind == StmtKind::Accumulate) && st.index &&
        fn.var(st.dst).role == VarRole::Param)
      fn.var(st.dst).isOutput = true;
  });
  bool hasOutput = false;
  for (const Var& v : fn.vars)  // (members of struct parameters too: lower/OutputMembers.cpp)
    hasOutput = hasOutput || (v.role == VarRole::Param && v.isOutput && v.type.isFloating());

  // An output array whose values at the call the body may read (`x[i] =
  // x[i] * x[i]`, not `y[i] += e`) is in-out: differentiated by default, its
  // adjoint the seed on the final values in and the gradient out. (Named in a
  // _WRT list, any output array the body reads is.)
  auto readsOutput = [&](VarId p) {
    bool found = false;
    forEachStmt(fn.body, [&](const Stmt& st) {
      for (const ExprRef* e : {&st.value, &st.index})
        if (*e) forEachExpr(*e, [&](const Expr& x) { found = found || (x.op == Op::Load && x.var == p); });
    });
    return found;
  };
  // (Not for f_jvp's sake: a differentiated output is an error there.)
  auto inOut = [&](VarId p) {
    return !marked.jacobian && !marked.hessian && !marked.automatic && fn.var(p).isOutput &&
           fn.var(p).type.isFloating() && fn.var(p).isArray() && !fn.var(p).isMember() && readsIncoming(fn, p, false);
  };

  // Which parameters to differentiate.
  if (marked.hasWrtList) {
    for (std::string name : marked.wrtNames) {
      if (name == "this") name = "self";  // GRADC_GRAD_WRT(this, x): the object's members
      auto it = std::find_if(fn.params.begin(), fn.params.end(), [&](VarId id) { return fn.var(id).name == name; });
      if (it == fn.params.end()) {
        env.diags.report(marked.markerLoc, Diag::WrtUnknown, {name, fn.name});
        ok = false;
      } else if (!fn.var(*it).type.isFloating() && !withFloats.count(*it)) {
        env.diags.report(marked.markerLoc, Diag::WrtNotFloating, {name, fn.var(*it).type.spelling});
        ok = false;
      } else if (std::find(fn.wrt.begin(), fn.wrt.end(), *it) == fn.wrt.end() &&
                 (!fn.var(*it).isOutput || readsOutput(*it))) {
        fn.wrt.push_back(*it);  // (an output array named: differentiated if the body reads it, in-out)
      }
    }
    // Keep signature order whatever order the list was written in.
    std::sort(fn.wrt.begin(), fn.wrt.end());
  } else {
    for (VarId id : fn.params)
      if (((fn.var(id).type.isFloating() || withFloats.count(id)) && !fn.var(id).isOutput) || inOut(id))
        fn.wrt.push_back(id);
  }
  if (!ok) return std::nullopt;
  if (fn.wrt.empty() || (isVoid && !hasOutput)) {
    env.diags.report(fd->getLocation(), Diag::NothingToDiff, {fn.name});
    return std::nullopt;
  }
  if (isVoid) return fn;

  Stmt ret;
  ret.kind = StmtKind::Return;
  ret.value = fn.ref(fn.result);
  fn.body.push_back(ret);
  return fn;
}

std::optional<Rule> lowerRule(const cl::FunctionDecl* fd, LowerEnv& env) {
  Rule rule;
  rule.name = fd->getNameAsString();
  Function& fn = rule.body;
  fn.name = rule.name;
  fn.returnType = Type::floating(TypeKind::Double);
  size_t n = fd->getNumParams();
  size_t pointers = 0;
  for (const cl::ParmVarDecl* p : fd->parameters()) pointers += p->getType()->isPointerType() ? 1 : 0;
  bool withResult = n == 2 * pointers + 2;
  auto bad = [&](const std::string& why) -> std::optional<Rule> {
    env.diags.report(fd->getLocation(), Diag::BadRule, {rule.name, why});
    return std::nullopt;
  };
  if (pointers == 0 || !(n == 2 * pointers + 1 || withResult))
    return bad("expected (args..., [result], seed, adjoint pointers...)");
  Lowerer lowerer(env, fn);
  for (size_t i = 0; i < n; ++i) {
    const cl::ParmVarDecl* p = fd->getParamDecl(static_cast<unsigned>(i));
    bool isPointer = p->getType()->isPointerType();
    bool expectPointer = i >= n - pointers;
    if (isPointer != expectPointer) return bad("adjoint pointers must come last");
    Var v;
    v.name = p->getNameAsString().empty() ? "arg" + std::to_string(i) : p->getNameAsString();
    v.type = Type::floating(TypeKind::Double);
    if (isPointer) {
      v.role = VarRole::AdjointOut;
      v.primal = rule.primalParams.at(i - (n - pointers));
      VarId id = fn.addVar(v);
      rule.adjointParams.push_back(id);
      lowerer.bindAdjointParam(p, id);
      continue;
    }
    v.role = i == n - pointers - 1 ? VarRole::Seed : VarRole::Param;
    VarId id = fn.addVar(v);
    lowerer.bindParam(p, id);
    if (v.role == VarRole::Seed)
      rule.seedParam = id;
    else if (withResult && i == pointers)
      rule.resultParam = id;
    else
      rule.primalParams.push_back(id);
  }
  const auto* body = llvm::dyn_cast_or_null<cl::CompoundStmt>(fd->getBody());
  if (!body) return bad("it has no body");
  if (!lowerer.lowerRuleBody(body)) return std::nullopt;
  for (const auto* attr : fd->specific_attrs<cl::AnnotateAttr>()) {
    llvm::StringRef a = attr->getAnnotation();
    if (a.consume_front("gradc.rule:")) rule.keys = splitNames(a.str());
  }
  if (const cl::RawComment* rc = env.ast.getRawCommentForDeclNoCache(fd))
    rule.math = rc->getFormattedText(env.ast.getSourceManager(), env.ast.getDiagnostics());
  return rule;
}

}  // namespace gradc
