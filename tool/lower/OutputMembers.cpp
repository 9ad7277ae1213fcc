// Lowering of writes to the members of a struct output parameter: `out->x =
// e;` with `S* out` or `S& out` (not const). Each member written is an
// output of one element, like a `double& y` parameter (lower/Lower.cpp):
// its adjoint `d_out->x` is a seed, read then zeroed. Such members are
// written only: a member read and written (`out->x += e`, or read before or
// after) is an in-out value, rejected.
#include "lower/Lowerer.h"

#include "clang/AST/Decl.h"

namespace gradc::lowering {

bool Lowerer::lowerOutputMemberWrite(const cl::BinaryOperator* bo, int origin, Block& out) {
  const auto* me = llvm::dyn_cast<cl::MemberExpr>(bo->getLHS()->IgnoreParens());
  const auto* field = me ? llvm::dyn_cast<cl::FieldDecl>(me->getMemberDecl()) : nullptr;
  if (!field) return false;
  auto base = structRef(me->getBase());
  if (!base || isLocalRoot(base->root) || base->index) return false;
  const Var root = fn_.var(base->root);  // a copy: newVar grows the table
  if (!root.isRecord() || root.pointeeConst || root.role != VarRole::Param) return false;
  auto reject = [&](const std::string& what) {
    env_.diags.report(me->getExprLoc(), Diag::UnsupportedExpr, {what});
    failed_ = true;
    return true;
  };
  std::string path = base->path + memberSegment(field);
  std::string shown = sourceText(me);
  auto t = field->getType()->isArrayType() ? std::nullopt : scalarType(field->getType());
  if (!t) return reject("writing the member '" + shown + "' of the output struct '" + root.name + "' (scalar members only)");
  if (bo->getOpcode() != cl::BO_Assign)
    return reject("updating the output member '" + shown + "' in place (it would be read, then overwritten: compute "
                  "the new value in a local, then assign it)");
  VarId id;
  if (auto it = members_.find({base->root, path}); it != members_.end()) {
    if (!fn_.var(it->second).elementRef)
      return reject("writing the member '" + shown + "', which the function also reads (an in-out value: read the "
                    "input from another parameter)");
    id = it->second;
  } else {
    Var v;
    v.name = root.name + memberName(path);
    v.type = *t;
    v.role = VarRole::Param;
    v.memberRoot = base->root;
    v.memberPath = path;
    v.isPointer = v.elementRef = true;  // an output of one element
    v.arraySize = 1;
    id = fn_.addVar(v);
    members_[{base->root, path}] = id;
    defined_.insert(id);
  }
  ExprRef value = t->isFloating() ? lowerOperand(bo->getRHS(), out) : lowerPassive(bo->getRHS());
  if (!value) return true;
  if (value->type != *t) value = convert(value, *t, out, origin);
  Stmt st = assign(id, value, origin);
  st.index = constant(0, Type::integer("int"), "0");
  out.push_back(std::move(st));
  return true;
}

}  // namespace gradc::lowering
