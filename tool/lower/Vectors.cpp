// `const std::vector<T>& v` parameters of a marked function: arrays of
// run-time length, read. `v` is a struct parameter (its adjoint `std::vector<T>*
// d_v`, sized by the caller) with two members bound at the top of the
// generated function: its elements `v.data()` and its length `v.size()`.
// `v[i]`, `v.size()` and `v.data()` are lowered through them (lower/Values.cpp).
#include "lower/Lowerer.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace gradc::lowering {

void Lowerer::bindVectorParam(const cl::ParmVarDecl* p, VarId root, const Type& element) {
  const std::string name = fn_.var(root).name;
  Var data;
  data.name = name + "_data";
  data.type = element;
  data.role = VarRole::Param;
  data.isPointer = data.pointeeConst = true;
  data.memberRoot = root;
  data.memberPath = ".data()";
  data.memberRank = 1;
  Var size;
  size.name = name + "_size";
  size.type = scalarType(env_.ast.getSizeType()).value_or(Type::integer("unsigned long"));
  size.role = VarRole::Param;
  size.isConstParam = true;
  size.memberRoot = root;
  size.memberPath = ".size()";
  VectorParam v;
  v.data = fn_.addVar(data);
  v.size = fn_.addVar(size);
  defined_.insert(v.data);
  defined_.insert(v.size);
  vectors_[p] = v;
}

const Lowerer::VectorParam* Lowerer::vectorParam(const cl::Expr* obj) {
  const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(obj->IgnoreParenImpCasts());
  auto it = ref ? vectors_.find(ref->getDecl()) : vectors_.end();
  if (it != vectors_.end()) return &it->second;
  env_.diags.report(obj->getExprLoc(), Diag::UnsupportedExpr,
                    {"the std::vector '" + sourceText(obj) +
                     "' here (a marked function's 'const std::vector<T>&' parameters are read; give a helper the "
                     "data and the length: 'h(v.data(), (int)v.size())')"});
  failed_ = true;
  return nullptr;
}

}  // namespace gradc::lowering
