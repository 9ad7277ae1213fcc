// f_jacobian and f_hessian (DESIGN.md, docs/forward.md): dense matrices
// from sweeps of the generated f_jvp, f_pullback/f_grad or f_hvp, written as
// plain loops over buffers whose sizes are known at generation time.
#include "emit/Dense.h"

#include "lower/Lower.h"

#include "llvm/Support/Path.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace gradc {

using namespace ir;

namespace {

class DenseWriter {
 public:
  explicit DenseWriter(const Function& fn) : fn_(fn), t_("float") {
    for (VarId p : fn.params) taken_.insert(fn.var(p).name);
    // J and H are float only if every input, output and the result is (a
    // double among them is not rounded to float); every other buffer has
    // its own variable's type.
    if (fn.result != kNoVar && fn.returnType.kind != TypeKind::Float) t_ = "double";
    for (VarId p : fn.params)
      if ((wrt(p) || output(p)) && fn.var(p).type.kind != TypeKind::Float) t_ = "double";
    kind_ = t_ == "float" ? TypeKind::Float : TypeKind::Double;
  }

  std::string jacobian() {
    long rows = 0, cols = 0;
    for (VarId p : fn_.params)
      if (output(p)) rows += fn_.var(p).arraySize;
    if (fn_.result != kNoVar) ++rows;
    for (VarId p : fn_.wrt) cols += size(p);
    bool forward = cols <= rows;
    std::ostringstream os;
    std::string J = fresh("J"), value = fresh("value");
    os << "// " << fn_.name << "_jacobian_rows x " << fn_.name << "_jacobian_cols: rows ";
    describe(os, rows, cols);
    os << "inline constexpr int " << fn_.name << "_jacobian_rows = " << rows << ";\n";
    os << "inline constexpr int " << fn_.name << "_jacobian_cols = " << cols << ";\n\n";
    os << "// " << fn_.name << "_jacobian (" << llvm::sys::path::filename(fn_.sourceFile).str() << ":" << fn_.sourceLine
       << "): " << (fn_.result != kNoVar ? "returns " + fn_.name + " and writes" : "writes") << " its Jacobian to "
       << J << "[row * " << cols << " + col].\n";
    if (forward)
      os << "// Forward mode: " << cols << " column(s) <= " << rows << " row(s), one " << fn_.name
         << "_jvp sweep per column.\n";
    else
      os << "// Reverse mode: " << rows << " row(s) < " << cols << " column(s), one " << fn_.name
         << (fn_.result != kNoVar ? "_pullback (the last: _grad)" : "_pullback") << " sweep per row.\n";
    os << "inline " << fn_.returnType.spelling << " " << fn_.name << "_jacobian(" << params() << (fn_.params.empty() ? "" : ", ")
       << t_ << "* " << J << ") {\n";
    if (fn_.result != kNoVar) os << "  " << fn_.returnType.spelling << " " << value << " = " << lit(0) << ";\n";
    if (forward)
      jacobianByColumns(os, J, value, cols);
    else
      jacobianByRows(os, J, value, cols);
    if (fn_.result != kNoVar) os << "  return " << value << ";\n";
    os << "}\n";
    return os.str();
  }

  std::string hessian() {
    long n = 0;
    for (VarId p : fn_.wrt) n += size(p);
    std::ostringstream os;
    std::string H = fresh("H"), value = fresh("value"), i = fresh("i"), j = fresh("j");
    os << "// " << fn_.name << "_hessian_size: the Hessian is n x n over ";
    inputs(os);
    os << ".\ninline constexpr int " << fn_.name << "_hessian_size = " << n << ";\n\n";
    os << "// " << fn_.name << "_hessian (" << llvm::sys::path::filename(fn_.sourceFile).str() << ":" << fn_.sourceLine
       << "): returns " << fn_.name << " and writes its Hessian to " << H << "[row * " << n << " + col],\n"
       << "// one " << fn_.name << "_hvp sweep per column, then (H + H^T) / 2: exactly symmetric.\n";
    os << "inline " << fn_.returnType.spelling << " " << fn_.name << "_hessian(" << params() << (fn_.params.empty() ? "" : ", ")
       << t_ << "* " << H << ") {\n";
    os << "  " << fn_.returnType.spelling << " " << value << " = " << lit(0) << ";\n";
    declareTangents(os);
    std::vector<std::string> hv;
    for (VarId p : fn_.wrt) {
      std::string name = fresh("hv_" + fn_.var(p).name);
      hv.push_back(name);
      os << "  " << fn_.var(p).type.spelling << " " << name << "[" << size(p) << "];\n";
    }
    long col = 0;
    for (size_t k = 0; k < fn_.wrt.size(); ++k) {
      eachComponent(os, k, col, [&](std::ostream& body, const std::string& c) {
        body << value << " = " << fn_.name << "_hvp(" << args() << ", " << tangentArgs(k) << ", ";
        for (size_t m = 0; m < hv.size(); ++m) body << (m ? ", " : "") << hv[m];
        body << ");\n";
        long row = 0;
        for (size_t m = 0; m < hv.size(); ++m) {
          body << "    for (int " << i << " = 0; " << i << " < " << size(fn_.wrt[m]) << "; ++" << i << ") " << H << "["
               << plus(row, i) << " * " << n << " + " << c << "] = " << hv[m] << "[" << i << "];\n";
          row += size(fn_.wrt[m]);
        }
      });
      col += size(fn_.wrt[k]);
    }
    os << "  for (int " << i << " = 0; " << i << " < " << n << "; ++" << i << ")\n"
       << "    for (int " << j << " = 0; " << j << " < " << i << "; ++" << j << ") {\n"
       << "      " << t_ << " s = (" << H << "[" << i << " * " << n << " + " << j << "] + " << H << "[" << j << " * " << n
       << " + " << i << "]) * " << lit(0.5) << ";\n"
       << "      " << H << "[" << i << " * " << n << " + " << j << "] = s;\n"
       << "      " << H << "[" << j << " * " << n << " + " << i << "] = s;\n    }\n";
    os << "  return " << value << ";\n}\n";
    return os.str();
  }

 private:
  bool wrt(VarId p) const { return std::count(fn_.wrt.begin(), fn_.wrt.end(), p) > 0; }
  bool output(VarId p) const { return fn_.var(p).isOutput && fn_.var(p).type.isFloating(); }
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
      const Var& v = fn_.var(p);
      bool constant = v.isConstParam || ((v.isPointer || v.isReference) && v.pointeeConst);
      out += (out.empty() ? "" : ", ") + std::string(constant ? "const " : "") + v.type.spelling +
             (v.isPointer ? "* " : v.isReference ? "& " : " ") + v.name;
    }
    return out;
  }

  std::string args() const {
    std::string out;
    for (VarId p : fn_.params) out += (out.empty() ? "" : ", ") + fn_.var(p).name;
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

  void jacobianByColumns(std::ostream& os, const std::string& J, const std::string& value, long cols) {
    declareTangents(os);
    std::vector<std::string> outs;
    for (VarId p : fn_.params)
      if (output(p)) {
        outs.push_back(fresh("t_" + fn_.var(p).name));
        os << "  " << fn_.var(p).type.spelling << " " << outs.back() << "[" << fn_.var(p).arraySize << "];\n";
      }
    std::string tret = fresh("t_ret"), i = fresh("i");
    if (fn_.result != kNoVar) os << "  " << fn_.returnType.spelling << " " << tret << ";\n";
    long col = 0;
    for (size_t k = 0; k < fn_.wrt.size(); ++k) {
      eachComponent(os, k, col, [&](std::ostream& body, const std::string& c) {
        if (fn_.result != kNoVar) body << value << " = ";
        body << fn_.name << "_jvp(" << args() << ", " << tangentArgs(k);
        for (const std::string& o : outs) body << ", " << o;
        if (fn_.result != kNoVar) body << ", &" << tret;
        body << ");\n";
        long row = 0;
        size_t m = 0;
        for (VarId p : fn_.params)
          if (output(p)) {
            body << "    for (int " << i << " = 0; " << i << " < " << fn_.var(p).arraySize << "; ++" << i << ") " << J
                 << "[" << plus(row, i) << " * " << cols << " + " << c << "] = " << outs[m++] << "[" << i << "];\n";
            row += fn_.var(p).arraySize;
          }
        if (fn_.result != kNoVar) body << "    " << J << "[" << row << " * " << cols << " + " << c << "] = " << tret << ";\n";
      });
      col += size(fn_.wrt[k]);
    }
  }

  void jacobianByRows(std::ostream& os, const std::string& J, const std::string& value, long cols) {
    // One adjoint per input and output, in f_pullback's order.
    std::vector<std::pair<VarId, std::string>> adj;
    for (VarId p : fn_.params)
      if (wrt(p) || output(p)) {
        adj.push_back({p, fresh("d_" + fn_.var(p).name)});
        os << "  " << fn_.var(p).type.spelling << " " << adj.back().second;
        if (fn_.var(p).isArray()) os << "[" << fn_.var(p).arraySize << "]";
        os << (output(p) ? " = {};\n" : ";\n");
      }
    std::string i = fresh("i"), r = fresh("r");
    auto sweep = [&](std::ostream& body, const std::string& row, bool grad) {
      for (auto& [p, name] : adj) {
        if (!wrt(p)) continue;
        if (fn_.var(p).isArray())
          body << "    for (int " << i << " = 0; " << i << " < " << size(p) << "; ++" << i << ") " << name << "[" << i
               << "] = " << lit(0) << ";\n";
        else
          body << "    " << name << " = " << lit(0) << ";\n";
      }
      body << "    " << (grad ? value + " = " + fn_.name + "_grad(" : fn_.name + "_pullback(") << args();
      if (!grad && fn_.result != kNoVar) body << ", " << lit(0);
      for (auto& [p, name] : adj) body << ", " << (fn_.var(p).isArray() ? "" : "&") << name;
      body << ");\n";
      long col = 0;
      for (auto& [p, name] : adj) {
        if (!wrt(p)) continue;
        if (fn_.var(p).isArray())
          body << "    for (int " << i << " = 0; " << i << " < " << size(p) << "; ++" << i << ") " << J << "[" << row
               << " * " << cols << " + " << plus(col, i, false) << "] = " << name << "[" << i << "];\n";
        else
          body << "    " << J << "[" << row << " * " << cols << " + " << col << "] = " << name << ";\n";
        col += size(p);
      }
    };
    long row = 0;
    for (auto& [p, name] : adj) {
      if (!output(p)) continue;
      os << "  for (int " << r << " = 0; " << r << " < " << size(p) << "; ++" << r << ") {  // rows " << row
         << "..: " << fn_.var(p).name << "\n    " << name << "[" << r << "] = " << lit(1)
         << ";  // a seed: f_pullback reads it, then zeroes it\n";
      sweep(os, plus(row, r), false);
      os << "  }\n";
      row += size(p);
    }
    if (fn_.result != kNoVar) {
      os << "  {  // row " << row << ": the returned value\n";
      sweep(os, std::to_string(row), true);
      os << "  }\n";
    }
  }

  const Function& fn_;
  std::string t_;
  TypeKind kind_;
  std::set<std::string> taken_;
  std::vector<std::string> tangent_;
};

}  // namespace

std::string emitDense(const Function& fn) {
  DenseWriter w(fn);
  return fn.kind == FunctionKind::Hessian ? w.hessian() : w.jacobian();
}

}  // namespace gradc
