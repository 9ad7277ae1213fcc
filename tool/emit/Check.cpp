// Emitter of f_gradcheck. Every differentiated component is perturbed in
// place (scalars are the check's own copies; arrays are the caller's, put back
// bit for bit) and f is evaluated on both sides; f_grad's value is compared
// with f's too, so a too-small work buffer (NaN) fails the check.
#include "emit/Check.h"

#include "llvm/Support/Path.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace gradc {

using namespace ir;

namespace {

// A differentiated parameter and how the check holds its adjoint.
struct Checked {
  VarId param;
  std::string adjoint;  // d_x
  std::string length;   // the loop bound for an array ("x_len" or "3"); empty for a scalar
  bool scratchParam;    // an array of run-time length: the caller passes d_x and x_len
};

// A float or double member of a differentiated struct that f reads (the
// others have a zero derivative): `s.W`, its components counted row-major.
struct CheckedMember {
  const Var* member;
  std::string perturbed;  // the member in the caller's struct, writable: `const_cast<S&>(s).W`
  std::string adjoint;    // the member in the check's adjoint struct: `d_s.W`
  std::string count;      // its component count: `sizeof d_s.W / sizeof(float)`
};

class CheckPrinter {
 public:
  explicit CheckPrinter(const Function& grad) : fn_(grad) {
    for (VarId p : fn_.params)
      if (fn_.var(p).role == VarRole::Param) taken_.insert(fn_.var(p).name);
    taken_.insert(fn_.name);
  }

  std::string print() {
    std::vector<VarId> primalParams;
    for (VarId p : fn_.params)
      if (fn_.var(p).role == VarRole::Param) primalParams.push_back(p);
    std::vector<Checked> checked;
    for (VarId w : fn_.wrt) {
      const Var& v = fn_.var(w);
      Checked c{w, fresh("d_" + v.name), "", false};
      if (v.isArray()) {
        c.scratchParam = v.arraySize < 0;
        c.length = c.scratchParam ? fresh(v.name + "_len") : std::to_string(v.arraySize);
      }
      checked.push_back(c);
    }
    bool work = !fn_.runtimeTapes.empty();
    std::string workName = work ? fresh("work") : "", workBytes = work ? fresh("work_bytes") : "";
    std::string k = fresh("i"), primal = fresh("primal"), report = fresh("report");
    std::string T = fn_.returnType.spelling;

    std::ostringstream os;
    os << "// " << fn_.name << "_gradcheck (" << llvm::sys::path::filename(fn_.sourceFile).str() << ":"
       << fn_.sourceLine << "): " << fn_.name << "_grad against central differences of " << fn_.name
       << "\n// at this point (gradc/check.h). Arrays are perturbed in place and put back bit for bit.\n";
    os << "inline gradc::GradCheck " << fn_.name << "_gradcheck(";
    std::vector<std::string> params;
    for (VarId p : primalParams) params.push_back(declaration(fn_.var(p)));
    for (const Checked& c : checked)
      if (c.scratchParam)
        params.push_back(fn_.var(c.param).type.spelling + "* " + c.adjoint + ", std::size_t " + c.length);
    if (work) params.push_back("void* " + workName + ", std::size_t " + workBytes);
    os << join(params) << ") {\n";

    for (const Checked& c : checked) {
      const Var& v = fn_.var(c.param);
      if (v.isRecord())
        os << "  " << v.type.spelling << " " << c.adjoint << "{};\n";
      else if (c.length.empty())
        os << "  " << v.type.spelling << " " << c.adjoint << " = 0;\n";
      else if (!c.scratchParam)
        os << "  " << v.type.spelling << " " << c.adjoint << "[" << c.length << "] = {};\n";
      else
        os << "  for (std::size_t " << k << " = 0; " << k << " < " << c.length << "; ++" << k << ") " << c.adjoint
           << "[" << k << "] = 0;\n";
    }
    std::vector<std::string> args;
    for (VarId p : primalParams) args.push_back(fn_.var(p).name);
    os << "  auto " << primal << " = [&] { return " << fn_.name << fn_.templateArgs << "(" << join(args) << "); };\n";
    for (VarId p : fn_.params) {  // f_grad's adjoints, in its order
      if (fn_.var(p).role != VarRole::AdjointOut) continue;
      auto c = std::find_if(checked.begin(), checked.end(), [&](const Checked& c) { return c.param == fn_.var(p).primal; });
      args.push_back(c->length.empty() ? "&" + c->adjoint : c->adjoint);  // a struct's too: `&d_s`
    }
    if (work) args.push_back(workName), args.push_back(workBytes);
    os << "  gradc::GradCheck " << report << ";\n";
    os << "  gradc::check_component(" << report << ", \"" << fn_.name << "\", 0, " << fn_.name << "_grad("
       << join(args) << "), " << primal << "());\n";
    for (const Checked& c : checked) {
      const Var& v = fn_.var(c.param);
      std::string label = "\"" + v.name + "\"";
      if (v.isRecord()) {
        for (const CheckedMember& m : members(c)) printMember(os, m, k, primal, report);
        continue;
      }
      if (c.length.empty()) {
        os << "  gradc::check_component(" << report << ", " << label << ", 0, " << c.adjoint
           << ", gradc::central_difference(" << v.name << ", " << primal << "));\n";
        continue;
      }
      std::string element = v.pointeeConst ? "const_cast<" + v.type.spelling + "*>(" + v.name + ")[" + k + "]"
                                           : v.name + "[" + k + "]";
      os << "  for (std::size_t " << k << " = 0; " << k << " < " << c.length << "; ++" << k << ")\n"
         << "    gradc::check_component(" << report << ", " << label << ", " << k << ", " << c.adjoint << "[" << k
         << "], gradc::central_difference(" << element << ", " << primal << "));\n";
    }
    os << "  return " << report << ";\n}\n";
    return os.str();
  }

 private:
  std::vector<CheckedMember> members(const Checked& c) const {
    const Var& root = fn_.var(c.param);
    std::string writable = root.isPointer ? "const_cast<" + root.type.spelling + "*>(" + root.name + ")->"
                                          : "const_cast<" + root.type.spelling + "&>(" + root.name + ").";
    std::vector<CheckedMember> out;
    for (const Var& v : fn_.vars)
      if (v.memberRoot == c.param && v.role != VarRole::AdjointOut && v.type.isFloating() &&
          v.memberRank != kElementMember) {
        std::string path = v.memberPath.substr(1);
        std::string adjoint = c.adjoint + "." + path;
        out.push_back({&v, writable + path, adjoint, "sizeof " + adjoint + " / sizeof(" + v.type.spelling + ")"});
      }
    return out;
  }

  // `s.W` of rank 2 is checked through `(&s.W[0][0])[k]`, its row-major components.
  static std::string component(const std::string& access, int rank, const std::string& k) {
    if (rank == 0) return access;
    if (rank == 1) return access + "[" + k + "]";
    std::string first = "(&" + access;
    for (int r = 0; r < rank; ++r) first += "[0]";
    return first + ")[" + k + "]";
  }

  void printMember(std::ostream& os, const CheckedMember& m, const std::string& k, const std::string& primal,
                   const std::string& report) const {
    const Var& root = fn_.var(m.member->memberRoot);
    std::string label = "\"" + root.name + m.member->memberPath + "\"";
    int rank = m.member->memberRank;
    std::string index = rank == 0 ? "0" : k;
    std::string line = "gradc::check_component(" + report + ", " + label + ", " + index + ", " +
                       component(m.adjoint, rank, k) + ", gradc::central_difference(" +
                       component(m.perturbed, rank, k) + ", " + primal + "));\n";
    if (rank == 0) {
      os << "  " << line;
      return;
    }
    os << "  for (std::size_t " << k << " = 0; " << k << " < " << m.count << "; ++" << k << ")\n    " << line;
  }

  // Scalars by value (the check perturbs its own copy), arrays and structs as f takes them.
  static std::string declaration(const Var& v) {
    if (v.isRecord())
      return (v.pointeeConst || v.isConstParam ? "const " : std::string()) + v.type.spelling +
             (v.isPointer ? "* " : "& ") + v.name;
    if (v.isArray())
      return std::string(v.pointeeConst ? "const " : "") + v.type.spelling + "* " + v.name;
    return v.type.spelling + " " + v.name;
  }

  std::string fresh(std::string name) {
    while (taken_.count(name)) name += "_";
    taken_.insert(name);
    return name;
  }

  static std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out;
  }

  const Function& fn_;
  std::set<std::string> taken_;
};

}  // namespace

std::string whyNoGradCheck(const Function& grad) {
  for (VarId p : grad.params) {
    const Var& v = grad.var(p);
    if (v.role != VarRole::Param) continue;
    if (v.isRecord() && !v.isPointer && !v.isReference) return "parameter '" + v.name + "' is a struct by value";
    if (v.isOutput) return "parameter '" + v.name + "' is an output";
  }
  for (const Var& v : grad.vars)
    if (v.memberRank == kElementMember) return "parameter '" + grad.var(v.memberRoot).name + "' is an array of structs";
  return {};
}

std::string emitGradCheck(const Function& grad) { return CheckPrinter(grad).print(); }

}  // namespace gradc
