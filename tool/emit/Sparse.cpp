// f_jacobian_sparse and f_hessian_sparse (docs/forward.md): the nonzeros of
// the pattern found at generation time (forward/Sparsity.cpp), from one sweep
// per colour of a greedy colouring, also made at generation time. Each
// nonzero is read directly from one sweep (the only one of its colour in its
// row or column): no solve, no heap.
#include "emit/Dense.h"
#include "emit/DenseWriter.h"
#include "forward/Sparsity.h"

#include <optional>
#include <sstream>

namespace gradc {

using namespace ir;

namespace {

// `{0, 1, 2, ...}`; a long list starts on a line of its own, wrapped at 100 columns.
std::string intList(const std::vector<int>& v) {
  std::string items;
  for (size_t k = 0; k < v.size(); ++k) items += (k ? ", " : "") + std::to_string(v[k]);
  if (v.empty()) items = "0";  // (an array needs one element)
  if (items.size() <= 60) return "{" + items + "}";
  std::string out = "{", line;
  for (size_t k = 0; k < v.size(); ++k) {
    std::string item = std::to_string(v[k]) + (k + 1 < v.size() ? "," : "");
    if (!line.empty() && line.size() + item.size() > 96) out += "\n   " + line, line.clear();
    line += " " + item;
  }
  return out + "\n   " + line + "}";
}

int count(const std::vector<int>& colour) { return colour.empty() ? 0 : *std::max_element(colour.begin(), colour.end()) + 1; }

}  // namespace

void DenseWriter::patternArrays(std::ostream& os, const std::string& prefix, long rows, long cols) {
  std::vector<int> r, c;
  for (size_t i = 0; i < fn_.pattern.size(); ++i)
    for (int j : fn_.pattern[i]) r.push_back(static_cast<int>(i)), c.push_back(j);
  os << "// " << prefix << "_nnz: the nonzeros found at generation time, " << r.size() << " of " << rows << " x " << cols
     << ",\n// at (" << prefix << "_sparse_rows[k], " << prefix << "_sparse_cols[k]), row by row.\n";
  if (!fn_.patternNote.empty()) os << "// Every entry may be nonzero: " << fn_.patternNote << ".\n";
  size_t n = std::max<size_t>(r.size(), 1);
  os << "inline constexpr int " << prefix << "_nnz = " << r.size() << ";\n";
  os << "inline constexpr int " << prefix << "_sparse_rows[" << n << "] = " << intList(r) << ";\n";
  os << "inline constexpr int " << prefix << "_sparse_cols[" << n << "] = " << intList(c) << ";\n";
}

// Arguments of f_jvp / f_hvp taking their directions from one buffer.
std::string DenseWriter::directionArgs(const std::string& dir) const {
  std::string out;
  long off = 0;
  for (VarId p : fn_.wrt) {
    out += ", " + (fn_.var(p).isArray() ? (off ? dir + " + " + std::to_string(off) : dir) : dir + "[" + std::to_string(off) + "]");
    off += size(p);
  }
  return out;
}

std::string DenseWriter::sparseJacobian() {
  long rows = static_cast<long>(fn_.pattern.size()), cols = 0;
  for (VarId p : fn_.wrt) cols += size(p);
  std::vector<std::vector<int>> transposed(static_cast<size_t>(cols));
  for (size_t i = 0; i < fn_.pattern.size(); ++i)
    for (int j : fn_.pattern[i]) transposed[static_cast<size_t>(j)].push_back(static_cast<int>(i));
  std::vector<int> byColumn = colourColumns(fn_.pattern, static_cast<int>(cols));
  std::vector<int> byRow = colourColumns(transposed, static_cast<int>(rows));
  bool forward = fn_.columnsOnly || count(byColumn) <= count(byRow);
  int sweeps = forward ? count(byColumn) : count(byRow);
  std::string prefix = fn_.name + "_jacobian";
  values_ = fresh("values");
  std::ostringstream os;
  patternArrays(os, prefix, rows, cols);
  os << "\n// " << prefix << "_sparse: " << (fn_.result != kNoVar ? "returns " + fn_.name + " and writes" : "writes")
     << " the nonzeros to " << values_ << "[k], k < " << prefix << "_nnz.\n";
  if (forward)
    os << "// Forward mode over a column colouring (columns of one colour share no row):\n// one " << fn_.name
       << "_jvp sweep per colour, " << sweeps << " sweep(s) for " << cols << " column(s).\n";
  else
    os << "// Reverse mode over a row colouring (rows of one colour share no column):\n// one " << fn_.name
       << "_pullback sweep per colour, " << sweeps << " sweep(s) for " << rows << " row(s).\n";
  os << "inline constexpr int " << prefix << "_sparse_sweeps = " << sweeps << ";\n";
  os << "inline " << fn_.returnType.spelling << " " << prefix << "_sparse(" << params() << (fn_.params.empty() ? "" : ", ")
     << t_ << "* " << values_ << ") {\n";
  colour_ = fresh("colour");
  os << "  static constexpr int " << colour_ << "[" << std::max<size_t>((forward ? byColumn : byRow).size(), 1)
     << "] = " << intList(forward ? byColumn : byRow) << ";  // of each " << (forward ? "column" : "row") << "\n";
  value_ = fresh("value");
  if (fn_.result != kNoVar) os << "  " << fn_.returnType.spelling << " " << value_ << " = " << lit(0) << ";\n";
  if (forward)
    sparseByColumns(os, byColumn, sweeps);
  else
    sparseByRows(os, byRow, sweeps);
  if (fn_.result != kNoVar) os << "  return " << value_ << ";\n";
  os << "}\n";
  return os.str();
}

// One f_jvp per colour: the direction is 1 on the colour's columns; row i of
// J dir is then the nonzero (i, j) for the one column j of that colour in row i.
void DenseWriter::sparseByColumns(std::ostream& os, const std::vector<int>& colour, int sweeps) {
  long rows = static_cast<long>(fn_.pattern.size()), cols = static_cast<long>(colour.size());
  std::string prefix = fn_.name + "_jacobian", dir = fresh("dir"), jv = fresh("jv"), tret = fresh("t_ret");
  std::string s = fresh("s"), c = fresh("c"), k = fresh("k");
  os << "  " << t_ << " " << dir << "[" << std::max(cols, 1L) << "];\n";
  os << "  " << t_ << " " << jv << "[" << std::max(rows, 1L) << "] = {};  // J " << dir
     << ", row by row (components f never writes stay 0)\n";
  if (fn_.result != kNoVar) os << "  " << fn_.returnType.spelling << " " << tret << ";\n";
  os << "  for (int " << s << " = 0; " << s << " < " << sweeps << "; ++" << s << ") {\n";
  os << "    for (int " << c << " = 0; " << c << " < " << cols << "; ++" << c << ") " << dir << "[" << c
     << "] = " << colour_ << "[" << c << "] == " << s << " ? " << lit(1) << " : " << lit(0) << ";\n    ";
  if (fn_.result != kNoVar) os << value_ << " = ";
  os << fn_.name << "_jvp(" << args() << directionArgs(dir);
  long row = 0;
  for (VarId p : fn_.params)
    if (output(p)) os << ", " << (row ? jv + " + " + std::to_string(row) : jv), row += size(p);
  if (fn_.result != kNoVar) os << ", &" << tret;
  os << ");\n";
  if (fn_.result != kNoVar) os << "    " << jv << "[" << row << "] = " << tret << ";\n";
  os << "    for (int " << k << " = 0; " << k << " < " << prefix << "_nnz; ++" << k << ")\n"
     << "      if (" << colour_ << "[" << prefix << "_sparse_cols[" << k << "]] == " << s << ") " << values_ << "[" << k << "] = " << jv << "["
     << prefix << "_sparse_rows[" << k << "]];\n  }\n";
}

// One f_pullback per colour: the seed is 1 on the colour's rows; component j
// of seed^T J is then the nonzero (i, j) for the one row i of that colour in column j.
void DenseWriter::sparseByRows(std::ostream& os, const std::vector<int>& colour, int sweeps) {
  long rows = static_cast<long>(colour.size()), cols = 0;
  for (VarId p : fn_.wrt) cols += size(p);
  long outRows = rows - (fn_.result != kNoVar ? 1 : 0);
  std::string prefix = fn_.name + "_jacobian", seed = fresh("seed"), vj = fresh("vj");
  std::string s = fresh("s"), r = fresh("r"), c = fresh("c"), k = fresh("k");
  if (outRows > 0) os << "  " << t_ << " " << seed << "[" << outRows << "];  // the output arrays' adjoints\n";
  os << "  " << t_ << " " << vj << "[" << std::max(cols, 1L) << "];  // " << seed << "^T J\n";
  os << "  for (int " << s << " = 0; " << s << " < " << sweeps << "; ++" << s << ") {\n";
  if (outRows > 0)
    os << "    for (int " << r << " = 0; " << r << " < " << outRows << "; ++" << r << ") " << seed << "[" << r
       << "] = " << colour_ << "[" << r << "] == " << s << " ? " << lit(1) << " : " << lit(0) << ";\n";
  os << "    for (int " << c << " = 0; " << c << " < " << cols << "; ++" << c << ") " << vj << "[" << c << "] = " << lit(0)
     << ";\n";
  std::string adjoints;
  long col = 0, row = 0;
  for (VarId p : fn_.params) {
    if (wrt(p)) {
      adjoints += ", " + (fn_.var(p).isArray() ? asDeclared(p, col ? vj + " + " + std::to_string(col) : vj)
                                               : "&" + vj + "[" + std::to_string(col) + "]");
      col += size(p);
    } else if (output(p)) {
      adjoints += ", " + asDeclared(p, row ? seed + " + " + std::to_string(row) : seed);
      row += size(p);
    }
  }
  if (fn_.result != kNoVar) {
    int last = colour.back();  // the returned value's row: f_grad seeds it with 1 and returns f
    os << "    if (" << s << " == " << last << ")\n      " << value_ << " = " << fn_.name << "_grad(" << args() << adjoints
       << ");\n    else\n      " << fn_.name << "_pullback(" << args() << ", " << lit(0) << adjoints << ");\n";
  } else {
    os << "    " << fn_.name << "_pullback(" << args() << adjoints << ");\n";
  }
  os << "    for (int " << k << " = 0; " << k << " < " << prefix << "_nnz; ++" << k << ")\n"
     << "      if (" << colour_ << "[" << prefix << "_sparse_rows[" << k << "]] == " << s << ") " << values_ << "[" << k << "] = " << vj << "["
     << prefix << "_sparse_cols[" << k << "]];\n  }\n";
}

// f_hvp per colour of a star colouring of the symmetric pattern, or of a
// distance-2 colouring when that takes fewer sweeps (forward/Colouring.cpp);
// each nonzero is read from the (sweep, row) found at generation time, H_ij
// and H_ji from the same one: exactly symmetric.
std::string DenseWriter::sparseHessian() {
  long n = static_cast<long>(fn_.pattern.size());
  std::vector<int> star = starColouring(fn_.pattern), distance2 = colourColumns(fn_.pattern, static_cast<int>(n));
  bool byStar = count(star) <= count(distance2);
  std::vector<int> colour = byStar ? star : distance2;
  std::optional<Recovery> from = recoverSymmetric(fn_.pattern, colour);
  if (!from) {  // (never, for a symmetric pattern): one column per sweep reads every entry alone
    colour.resize(static_cast<size_t>(n));
    for (size_t c = 0; c < colour.size(); ++c) colour[c] = static_cast<int>(c);
    from = recoverSymmetric(fn_.pattern, colour);
  }
  int sweeps = count(colour);
  std::string prefix = fn_.name + "_hessian", values = fresh("values");
  std::ostringstream os;
  patternArrays(os, prefix, n, n);
  os << "\n// " << prefix << "_sparse: returns " << fn_.name << " and writes the nonzeros to " << values << "[k], k < "
     << prefix << "_nnz.\n";
  if (byStar)
    os << "// A star colouring of the columns (neighbours differ, a path on 4 columns has 3 colours or more):\n// one "
       << fn_.name << "_hvp sweep per colour, " << sweeps << " sweep(s) for " << n << " column(s) (distance-2: " << count(distance2)
       << ");\n// H_ij and H_ji are read where column j (or i) is the only one of its colour in row i (j).\n";
  else
    os << "// A distance-2 colouring of the columns (columns of one colour share no row): one " << fn_.name
       << "_hvp\n// sweep per colour, " << sweeps << " sweep(s) for " << n << " column(s) (star: " << count(star)
       << "); H_ji is read where H_ij is.\n";
  os << "inline constexpr int " << prefix << "_sparse_sweeps = " << sweeps << ";\n";
  if (fn_.hvpWork)
    os << "// It takes " << fn_.name << "_hvp's work buffer, of " << fn_.name << "_hvp_work_bytes(...) bytes, and passes it on.\n";
  os << "inline " << fn_.returnType.spelling << " " << prefix << "_sparse(" << params() << (fn_.params.empty() ? "" : ", ")
     << t_ << "* " << values << workParams() << ") {\n";
  workCheck(os);
  std::string col = fresh("colour"), sweep = fresh("sweep"), row = fresh("row"), value = fresh("value"), dir = fresh("dir"),
              hv = fresh("hv");
  std::string s = fresh("s"), c = fresh("c"), k = fresh("k");
  size_t nnz = std::max<size_t>(from->sweep.size(), 1);
  os << "  static constexpr int " << col << "[" << std::max(n, 1L) << "] = " << intList(colour) << ";  // of each column\n";
  os << "  static constexpr int " << sweep << "[" << nnz << "] = " << intList(from->sweep) << ";  // nonzero k is read in this sweep\n";
  os << "  static constexpr int " << row << "[" << nnz << "] = " << intList(from->row) << ";  // at this row\n";
  os << "  " << fn_.returnType.spelling << " " << value << " = " << lit(0) << ";\n";
  os << "  " << t_ << " " << dir << "[" << std::max(n, 1L) << "];\n  " << t_ << " " << hv << "[" << std::max(n, 1L)
     << "];  // H " << dir << "\n";
  std::string hvArgs;
  long off = 0;
  for (VarId p : fn_.wrt) {
    hvArgs += ", " + (fn_.var(p).isArray() ? (off ? hv + " + " + std::to_string(off) : hv)
                                           : "&" + hv + "[" + std::to_string(off) + "]");
    off += size(p);
  }
  os << "  for (int " << s << " = 0; " << s << " < " << sweeps << "; ++" << s << ") {\n";
  os << "    for (int " << c << " = 0; " << c << " < " << n << "; ++" << c << ") " << dir << "[" << c << "] = " << col
     << "[" << c << "] == " << s << " ? " << lit(1) << " : " << lit(0) << ";\n";
  os << "    " << value << " = " << fn_.name << "_hvp(" << args() << directionArgs(dir) << hvArgs << workArgs() << ");\n";
  os << "    for (int " << k << " = 0; " << k << " < " << prefix << "_nnz; ++" << k << ")\n"
     << "      if (" << sweep << "[" << k << "] == " << s << ") " << values << "[" << k << "] = " << hv << "[" << row << "[" << k
     << "]];\n  }\n";
  os << "  return " << value << ";\n}\n";
  return os.str();
}

}  // namespace gradc
