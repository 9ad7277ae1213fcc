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
      if (c.length.empty())
        os << "  " << v.type.spelling << " " << c.adjoint << " = 0;\n";
      else if (!c.scratchParam)
        os << "  " << v.type.spelling << " " << c.adjoint << "[" << c.length << "] = {};\n";
      else
        os << "  for (std::size_t " << k << " = 0; " << k << " < " << c.length << "; ++" << k << ") " << c.adjoint
           << "[" << k << "] = 0;\n";
    }
    std::vector<std::string> args;
    for (VarId p : primalParams) args.push_back(fn_.var(p).name);
    os << "  auto " << primal << " = [&] { return " << fn_.name << "(" << join(args) << "); };\n";
    for (VarId p : fn_.params) {  // f_grad's adjoints, in its order
      if (fn_.var(p).role != VarRole::AdjointOut) continue;
      auto c = std::find_if(checked.begin(), checked.end(), [&](const Checked& c) { return c.param == fn_.var(p).primal; });
      args.push_back(c->length.empty() ? "&" + c->adjoint : c->adjoint);
    }
    if (work) args.push_back(workName), args.push_back(workBytes);
    os << "  gradc::GradCheck " << report << ";\n";
    os << "  gradc::check_component(" << report << ", \"" << fn_.name << "\", 0, " << fn_.name << "_grad("
       << join(args) << "), " << primal << "());\n";
    for (const Checked& c : checked) {
      const Var& v = fn_.var(c.param);
      std::string label = "\"" + v.name + "\"";
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
  // Scalars by value (the check perturbs its own copy), arrays as f takes them.
  static std::string declaration(const Var& v) {
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
  if (!grad.templateArgs.empty()) return "it is an instantiation of a template";
  for (VarId p : grad.params) {
    const Var& v = grad.var(p);
    if (v.role != VarRole::Param) continue;
    if (v.isRecord()) return "parameter '" + v.name + "' is a struct";
    if (v.isOutput) return "parameter '" + v.name + "' is an output";
  }
  return {};
}

std::string emitGradCheck(const Function& grad) { return CheckPrinter(grad).print(); }

}  // namespace gradc
