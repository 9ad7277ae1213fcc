// f_jacobian and f_hessian (DESIGN.md, docs/forward.md): dense matrices
// from sweeps of the generated f_jvp, f_pullback/f_grad or f_hvp, written as
// plain loops over buffers whose sizes are known at generation time.
#include "emit/Dense.h"

#include "emit/DenseWriter.h"
#include "forward/Directions.h"

#include "lower/Lower.h"

#include "llvm/Support/Path.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace gradc {

using namespace ir;

std::string DenseWriter::jacobian() {
  long rows = 0, cols = 0;
  for (VarId p : fn_.params)
    if (output(p)) rows += fn_.var(p).arraySize;
  if (fn_.result != kNoVar) ++rows;
  for (VarId p : fn_.wrt) cols += size(p);
  bool forward = cols <= rows || fn_.columnsOnly;
  // (by columns when there are fewer, or when f_pullback needs a work buffer)
  const std::string shape = cols <= rows ? std::to_string(cols) + " column(s) <= " + std::to_string(rows) + " row(s)"
                                         : std::to_string(cols) + " column(s) for " + std::to_string(rows) +
                                               " row(s) (f_pullback needs a work buffer)";
  std::ostringstream os;
  std::string J = matrix_ != kNoVar ? fn_.var(matrix_).name : fresh("J"), value = fresh("value");
  os << "// " << fn_.name << "_jacobian_rows x " << fn_.name << "_jacobian_cols: rows ";
  describe(os, rows, cols);
  os << "inline constexpr int " << fn_.name << "_jacobian_rows = " << rows << ";\n";
  os << "inline constexpr int " << fn_.name << "_jacobian_cols = " << cols << ";\n\n";
  os << "// " << fn_.name << "_jacobian (" << llvm::sys::path::filename(fn_.sourceFile).str() << ":" << fn_.sourceLine
     << "): " << (fn_.result != kNoVar ? "returns " + fn_.name + " and writes" : "writes") << " its Jacobian to "
     << J << "[row * " << cols << " + col].\n";
  if (matrix_ != kNoVar) {
    long sweeps = fn_.directionSweeps;
    os << "// Forward mode: " << shape << ", ";
    if (sweeps == 1)
      os << "one sweep carrying all " << cols << "\n// directions: f's values once, " << tangentLayout() << ".\n";
    else
      os << sweeps << " sweeps carrying up to " << (cols + sweeps - 1) / sweeps << " directions each:\n// f's values "
         << "once per sweep, " << tangentLayout() << ".\n";
    return os.str();
  }
  if (forward)
    os << "// Forward mode: " << shape << ", one " << fn_.name << "_jvp sweep per column.\n";
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

std::string DenseWriter::hessian() {
  long n = 0;
  for (VarId p : fn_.wrt) n += size(p);
  std::ostringstream os;
  std::string H = matrix_ != kNoVar ? fn_.var(matrix_).name : fresh("H"), value = fresh("value"), i = fresh("i"),
              j = fresh("j");
  os << "// " << fn_.name << "_hessian_size: the Hessian is n x n over ";
  inputs(os);
  os << ".\ninline constexpr int " << fn_.name << "_hessian_size = " << n << ";\n\n";
  os << "// " << fn_.name << "_hessian (" << llvm::sys::path::filename(fn_.sourceFile).str() << ":" << fn_.sourceLine
     << "): returns " << fn_.name << " and writes its Hessian to " << H << "[row * " << n << " + col],\n"
     << (matrix_ != kNoVar ? "// " + sweepsOf(fn_.directionSweeps) + " of " + fn_.name + "_hvp carrying all " +
                                 std::to_string(n) + " directions (" + tangentNames() +
                                 "),\n// then (H + H^T) / 2: exactly symmetric.\n"
                           : "// one " + fn_.name + "_hvp sweep per column, then (H + H^T) / 2: exactly symmetric.\n");
  if (matrix_ != kNoVar) return os.str();
  if (fn_.hvpWork)
    os << "// It takes " << fn_.name << "_hvp's work buffer, of " << fn_.name << "_hvp_work_bytes(...) bytes, and passes it on.\n";
  os << "inline " << fn_.returnType.spelling << " " << fn_.name << "_hessian(" << params() << (fn_.params.empty() ? "" : ", ")
     << t_ << "* " << H << workParams() << ") {\n";
  workCheck(os);
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
      body << workArgs() << ");\n";
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

void DenseWriter::jacobianByColumns(std::ostream& os, const std::string& J, const std::string& value, long cols) {
  declareTangents(os);
  std::vector<std::string> outs;
  for (VarId p : fn_.params)
    if (output(p)) {
      outs.push_back(fresh("t_" + fn_.var(p).name));
      // (zeroed: f_jvp leaves the components f never writes as they are)
      os << "  " << fn_.var(p).type.spelling << " " << outs.back() << "[" << fn_.var(p).arraySize << "] = {};\n";
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

void DenseWriter::jacobianByRows(std::ostream& os, const std::string& J, const std::string& value, long cols) {
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
    for (auto& [p, name] : adj) body << ", " << (fn_.var(p).isArray() ? asDeclared(p, name) : "&" + name);
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

std::string DenseWriter::sweepsOf(long sweeps) { return sweeps == 1 ? "one sweep" : std::to_string(sweeps) + " sweeps"; }

// How the sweeps of forward/Directions.cpp hold a tangent's columns.
std::string DenseWriter::tangentNames() const {
  if (!fn_.packedDirections) return "t_<name>_c<column>";
  if (padded())
    return fn_.directionSweeps == 1 ? "t_<name>[i * " + std::to_string(fn_.directionStride) + " + d]"
                                    : "t_<name>[i * S + d]";
  return "t_<name>[i * D + d]";
}

// Whether packed tangents hold a sweep's directions padded to whole vectors.
bool DenseWriter::padded() const {
  return fn_.packedDirections && fn_.directionStride > 0 && fn_.directionStride != fn_.directionWidth;
}

std::string DenseWriter::tangentLayout() const {
  return (fn_.packedDirections ? "each tangent holding every direction (" : "each tangent once per column (") +
         tangentNames() + ")" + (!padded()                   ? ""
          : fn_.directionSweeps == 1 ? ",\n// the directions padded to whole vectors"
                                     : ",\n// S: a sweep's directions padded to whole vectors");
}

std::string emitDense(const Function& fn) {
  return fn.kind == FunctionKind::Hessian ? DenseWriter(fn).hessian() : DenseWriter(fn).jacobian();
}

std::string emitSparse(const Function& fn) {
  // The sparse forms pass one buffer of directions and results across all
  // inputs and outputs: one floating type for all of them, or none is written.
  std::set<TypeKind> kinds;
  if (fn.result != kNoVar) kinds.insert(fn.returnType.kind);
  for (size_t i = 0; i < fn.params.size(); ++i) {
    const Var& v = fn.var(fn.params[i]);
    bool matrix = !fn.body.empty() && i + 1 == fn.params.size();
    bool wrt = std::count(fn.wrt.begin(), fn.wrt.end(), fn.params[i]) > 0;
    if (!matrix && (wrt || (v.isOutput && v.type.isFloating()))) kinds.insert(v.type.kind);
  }
  if (kinds.size() > 1)
    return "// " + fn.name + (fn.kind == FunctionKind::Hessian ? "_hessian" : "_jacobian") +
           "_sparse: not written, its inputs and outputs mix float and double.\n";
  // (a writer of its own: the sparse form's names are chosen afresh)
  return fn.kind == FunctionKind::Hessian ? DenseWriter(fn).sparseHessian() : DenseWriter(fn).sparseJacobian();
}

}  // namespace gradc
