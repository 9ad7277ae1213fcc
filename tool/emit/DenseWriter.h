// The writer of f_jacobian / f_hessian (emit/Dense.cpp) and their sparse
// forms (emit/Sparse.cpp): f's signature, the sweeps' arguments, fresh names.
#ifndef GRADC_EMIT_DENSEWRITER_H
#define GRADC_EMIT_DENSEWRITER_H

#include "emit/Dialect.h"
#include "emit/Names.h"
#include "emit/WorkBuffer.h"
#include "ir/IR.h"
#include "lower/Lower.h"

#include <algorithm>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace gradc {

class DenseWriter {
  using Function = ir::Function;
  using Var = ir::Var;
  using VarId = ir::VarId;
  using TypeKind = ir::TypeKind;
  static constexpr VarId kNoVar = ir::kNoVar;

 public:
  explicit DenseWriter(const ir::Function& fn) : fn_(fn), t_("float") {
    for (VarId p : fn.params) taken_.insert(fn.var(p).name);
    // J and H are float only if every input, output and the result is (a
    // double among them is not rounded to float); every other buffer has
    // its own variable's type.
    if (fn.result != kNoVar && fn.returnType.kind != TypeKind::Float) t_ = "double";
    for (VarId p : fn.params)
      if ((wrt(p) || (fn.var(p).isOutput && fn.var(p).type.isFloating())) && fn.var(p).type.kind != TypeKind::Float)
        t_ = "double";
    kind_ = t_ == "float" ? TypeKind::Float : TypeKind::Double;
    // A Jacobian (Hessian) with a body (forward/Directions.h) is printed as
    // code; here only its shape and comment. Its last parameter is J (H),
    // which the sparse forms do not take.
    if (!fn.body.empty()) matrix_ = fn.params.back();
  }

  std::string jacobian();
  std::string hessian();
  std::string sparseJacobian();  // emit/Sparse.cpp
  std::string sparseHessian();

 private:
  bool wrt(VarId p) const { return std::count(fn_.wrt.begin(), fn_.wrt.end(), p) > 0; }
  bool output(VarId p) const { return p != matrix_ && fn_.var(p).isOutput && fn_.var(p).type.isFloating(); }
  long size(VarId p) const { return fn_.var(p).isArray() ? fn_.var(p).arraySize : 1; }
  std::string lit(double v) const { return formatLiteral(v, kind_); }
  // `i`, or `(3 + i)` (a factor), or `3 + i`.
  static std::string plus(long offset, const std::string& i, bool factor = true) {
    if (offset == 0) return i;
    std::string sum = std::to_string(offset) + " + " + i;
    return factor ? "(" + sum + ")" : sum;
  }

  std::string fresh(std::string name) {
    while (taken_.count(name)) name += "_";
    taken_.insert(name);
    return name;
  }

  void inputs(std::ostream& os) const {
    for (size_t k = 0; k < fn_.wrt.size(); ++k) {
      const Var& v = fn_.var(fn_.wrt[k]);
      os << (k ? ", " : "") << v.name << (v.isArray() ? "[0.." + std::to_string(v.arraySize) + ")" : "");
    }
  }

  void describe(std::ostream& os, long, long) const {
    bool first = true;
    for (VarId p : fn_.params)
      if (output(p)) {
        os << (first ? "" : ", ") << fn_.var(p).name << "[0.." << fn_.var(p).arraySize << ")";
        first = false;
      }
    if (fn_.result != kNoVar) os << (first ? "" : ", then ") << "the returned value";
    os << ";\n// columns ";
    inputs(os);
    os << ".\n";
  }

  std::string params() const {
    std::string out;
    for (VarId p : fn_.params) {
      if (p == matrix_) continue;
      const Var& v = fn_.var(p);
      bool constant = v.isConstParam || ((v.isPointer || v.isReference) && v.pointeeConst);
      bool shaped = !declaredDimsSuffix(v).empty();  // `const double A[2][3]`
      out += (out.empty() ? "" : ", ") + std::string(constant ? "const " : "") + v.type.spelling +
             (shaped ? " " + shapedDeclarator(v, v.name) : (v.isPointer ? "* " : v.isReference ? "& " : " ") + v.name);
    }
    return out;
  }

  // A flat adjoint buffer passed where f_pullback declares p's shape (`double d_A[2][3]`).
  std::string asDeclared(VarId p, const std::string& flat) const {
    const Var& v = fn_.var(p);
    if (v.declaredDims.size() < 2) return flat;
    std::string rows;
    for (size_t k = 1; k < v.declaredDims.size(); ++k) rows += "[" + std::to_string(v.declaredDims[k]) + "]";
    return "reinterpret_cast<" + v.type.spelling + " (*)" + rows + ">(" + flat + ")";
  }

  // The caller's work buffer, last, when f_hvp needs it (ir::Function::hvpWork):
  // ", void* work, std::size_t work_bytes" in the signature, ", work, work_bytes"
  // in each f_hvp call, and the size check before anything is written.
  std::string workParams() {
    if (!fn_.hvpWork) return "";
    if (work_.empty()) work_ = fresh("work"), workBytes_ = fresh("work_bytes");
    return ", void* " + work_ + ", std::size_t " + workBytes_;
  }
  std::string workArgs() const { return fn_.hvpWork ? ", " + work_ + ", " + workBytes_ : ""; }
  void workCheck(std::ostream& os) const {
    if (!fn_.hvpWork) return;
    std::string ints;
    for (VarId p : fn_.params)
      if (passedToWorkBytes(fn_, fn_.var(p))) ints += (ints.empty() ? "" : ", ") + fn_.var(p).name;
    const Dialect& cxx = Dialect::cxx();  // (the dense forms are C++ only)
    os << "  if (" << workBytes_ << " < " << workBytesName(fn_) << "(" << ints << ") ||\n      "
       << cxx.misaligned(work_) << ")\n    return " << cxx.quietNaN(fn_.returnType.spelling) << ";  // (nothing written)\n";
  }

  std::string args() const {
    std::string out;
    for (VarId p : fn_.params)
      if (p != matrix_) out += (out.empty() ? "" : ", ") + fn_.var(p).name;
    return out;
  }

  // The direction of f_jvp / f_hvp: unit in the k-th input's component when
  // `k` names it (an array's component is set in its buffer by the caller).
  std::string tangentArgs(size_t k) const {
    std::string out;
    for (size_t m = 0; m < fn_.wrt.size(); ++m) {
      const Var& v = fn_.var(fn_.wrt[m]);
      out += (m ? ", " : "") + (v.isArray() ? tangent_[m] : lit(m == k ? 1 : 0));
    }
    return out;
  }

  void declareTangents(std::ostream& os) {
    tangent_.clear();
    for (VarId p : fn_.wrt) {
      const Var& v = fn_.var(p);
      tangent_.push_back(v.isArray() ? fresh("t_" + v.name) : "");
      if (v.isArray()) os << "  " << v.type.spelling << " " << tangent_.back() << "[" << v.arraySize << "] = {};\n";
    }
  }

  // A loop over input k's components (or one block for a scalar) with the
  // unit direction set; `body` gets the column index as an expression.
  template <class F>
  void eachComponent(std::ostream& os, size_t k, long col, F&& body) {
    const Var& v = fn_.var(fn_.wrt[k]);
    if (!v.isArray()) {
      os << "  {  // column " << col << ": " << v.name << "\n    ";
      body(os, std::to_string(col));
      os << "  }\n";
      return;
    }
    std::string c = fresh("c");
    os << "  for (int " << c << " = 0; " << c << " < " << v.arraySize << "; ++" << c << ") {  // columns " << col
       << "..: " << v.name << "\n    " << tangent_[k] << "[" << c << "] = " << lit(1) << ";\n    ";
    body(os, col ? std::to_string(col) + " + " + c : c);
    os << "    " << tangent_[k] << "[" << c << "] = " << lit(0) << ";\n  }\n";
    taken_.erase(c);
  }

  void jacobianByColumns(std::ostream& os, const std::string& J, const std::string& value, long cols);
  void jacobianByRows(std::ostream& os, const std::string& J, const std::string& value, long cols);
  // (emit/Sparse.cpp)
  void sparseByColumns(std::ostream& os, const std::vector<int>& colour, int sweeps);
  void sparseByRows(std::ostream& os, const std::vector<int>& colour, int sweeps);
  void patternArrays(std::ostream& os, const std::string& prefix, long rows, long cols);
  std::string directionArgs(const std::string& dir) const;

  // "one sweep" or "3 sweeps" for a matrix of n columns (forward/Directions.h).
  static std::string sweepsOf(long sweeps);
  bool padded() const;
  std::string tangentLayout() const;
  std::string tangentNames() const;

  const Function& fn_;
  VarId matrix_ = kNoVar;
  std::string t_;
  TypeKind kind_;
  std::set<std::string> taken_;
  std::vector<std::string> tangent_;
  std::string colour_, values_, value_;  // the sparse forms' names (emit/Sparse.cpp)
  std::string work_, workBytes_;         // the work buffer's, when f_hvp takes one
};

}  // namespace gradc

#endif  // GRADC_EMIT_DENSEWRITER_H
