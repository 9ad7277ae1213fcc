// Emitter of f_gradcheck. Every differentiated component is perturbed in
// place (scalars are the check's own copies; arrays are the caller's, put back
// bit for bit) and f is evaluated on both sides; f_grad's value is compared
// with f's too, so a too-small work buffer (NaN) fails the check.
#include "emit/Check.h"

#include "emit/Names.h"

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
  CheckPrinter(const Function& fn, std::string primalCallee, bool objectFirst)
      : fn_(fn), primalCallee_(primalCallee.empty() ? fn.name + fn.templateArgs : primalCallee), objectFirst_(objectFirst) {
    for (VarId p : fn_.params)
      if (fn_.var(p).role == VarRole::Param) taken_.insert(fn_.var(p).name);
    taken_.insert(fn_.name);
    for (VarId p : fn_.params)
      if (fn_.var(p).role == VarRole::Param) primalParams_.push_back(p);
    for (VarId w : fn_.wrt)
      if (!fn_.var(w).isOutput) inputs_.push_back(adjointOf(w));
    for (VarId p : fn_.params)
      if (fn_.var(p).role == VarRole::Param && fn_.var(p).isOutput && fn_.var(p).type.isFloating())
        outputs_.push_back(adjointOf(p));
    work_ = !fn_.runtimeTapes.empty();
    workName_ = work_ ? fresh("work") : "";
    workBytes_ = work_ ? fresh("work_bytes") : "";
    k_ = fresh("i");
    primal_ = fresh("primal");
    report_ = fresh("report");
  }

  // From f_grad: one gradient, compared component by component.
  std::string gradCheck() {
    std::ostringstream os;
    signature(os, "_grad against central differences of " + fn_.name + "\n// at this point");
    for (const Checked& c : inputs_) declareAdjoint(os, c);
    os << "  auto " << primal_ << " = [&] { return " << call(primalCallee_, primalArgs()) << "; };\n";
    os << "  gradc::GradCheck " << report_ << ";\n";
    os << "  gradc::check_component(" << report_ << ", \"" << fn_.name << "\", 0, "
       << call(fn_.name + "_grad", adjointArgs("")) << ", " << primal_ << "());\n";
    for (const Checked& c : inputs_) compare(os, c, "  ", "");
    os << "  return " << report_ << ";\n}\n";
    return os.str();
  }

  // From f_pullback, for a function with outputs: the Jacobian row by row,
  // each output component seeded in turn (then the returned value, if any).
  std::string pullbackCheck() {
    std::ostringstream os;
    signature(os, "_pullback against central differences of " + fn_.name +
                      ",\n// one output component at a time, at this point");
    for (const auto* group : {&inputs_, &outputs_})  // (zeroed before each row)
      for (const Checked& c : *group)
        if (!c.scratchParam) declareAdjoint(os, c);
    os << "  gradc::GradCheck " << report_ << ";\n";
    std::string row = fresh("row");
    std::string f = call(primalCallee_, primalArgs());
    for (const Checked& out : outputs_) {
      const Var& o = fn_.var(out.param);
      os << "  for (std::size_t " << row << " = 0; " << row << " < " << out.length << "; ++" << row << ") {\n";
      os << "    auto " << primal_ << " = [&] { " << f << "; return " << element(o.name, o, row) << "; };\n";
      seedAndPull(os, element(out.adjoint, o, row), "0");
      for (const Checked& c : inputs_) compare(os, c, "    ", "\"" + o.name + "\", " + row + ", ");
      os << "  }\n";
    }
    if (returnSeeded()) {
      os << "  {\n    auto " << primal_ << " = [&] { return " << f << "; };\n";
      seedAndPull(os, "", "1");
      for (const Checked& c : inputs_) compare(os, c, "    ", "\"" + fn_.name + "\", 0, ");
      os << "  }\n";
    }
    os << "  return " << report_ << ";\n}\n";
    return os.str();
  }

 private:
  bool returnSeeded() const {
    return std::any_of(fn_.params.begin(), fn_.params.end(), [&](VarId p) { return fn_.var(p).role == VarRole::Seed; });
  }

  Checked adjointOf(VarId p) {
    const Var& v = fn_.var(p);
    Checked c{p, fresh("d_" + v.name), "", false};
    if (v.isArray()) {
      c.scratchParam = v.arraySize < 0;
      c.length = c.scratchParam ? fresh(v.name + "_len") : std::to_string(v.arraySize);
    }
    return c;
  }

  void signature(std::ostream& os, const std::string& what) {
    os << "// " << fn_.name << "_gradcheck (" << llvm::sys::path::filename(fn_.sourceFile).str() << ":"
       << fn_.sourceLine << "): " << fn_.name << what
       << " (gradc/check.h).\n// Arrays are perturbed in place and put back bit for bit.\n";
    os << "inline gradc::GradCheck " << fn_.name << "_gradcheck(";
    std::vector<std::string> params;
    for (VarId p : primalParams_) params.push_back(declaration(fn_.var(p)));
    for (const auto* group : {&inputs_, &outputs_})
      for (const Checked& c : *group)
        if (c.scratchParam)
          params.push_back(fn_.var(c.param).type.spelling + adjointDeclarator(c) + ", std::size_t " + c.length);
    if (work_) params.push_back("void* " + workName_ + ", std::size_t " + workBytes_);
    os << join(params) << ") {\n";
  }

  void declareAdjoint(std::ostream& os, const Checked& c) {
    const Var& v = fn_.var(c.param);
    if (v.isRecord())
      os << "  " << v.type.spelling << " " << c.adjoint << " = gradc::zeroed<" << v.type.spelling << ">();\n";
    else if (c.length.empty())
      os << "  " << v.type.spelling << " " << c.adjoint << " = 0;\n";
    else if (!c.scratchParam)
      os << "  " << v.type.spelling << adjointDeclarator(c) << " = {};\n";
    else
      os << "  " << zeroing(c) << "\n";
  }

  std::string zeroing(const Checked& c) {
    const Var& v = fn_.var(c.param);
    if (v.isRecord()) return c.adjoint + " = gradc::zeroed<" + v.type.spelling + ">();";
    if (c.length.empty()) return c.adjoint + " = 0;";
    return "for (std::size_t " + k_ + " = 0; " + k_ + " < " + c.length + "; ++" + k_ + ") " + element(c.adjoint, v) +
           " = 0;";
  }

  // `* d_x` (a caller's buffer), ` d_x[4]`; a 2-D array parameter's adjoint has its shape, ` d_A[2][3]`.
  std::string adjointDeclarator(const Checked& c) const {
    const Var& v = fn_.var(c.param);
    if (!declaredDimsSuffix(v).empty()) return " " + c.adjoint + declaredDimsSuffix(v);
    return c.scratchParam ? "* " + c.adjoint : " " + c.adjoint + "[" + c.length + "]";
  }

  // Component k_ of an array `name` shaped like v: `x[k]`, `(&A[0][0])[k]`.
  std::string element(const std::string& name, const Var& v, const std::string& k = "") const {
    std::string first = firstElement(v, name);
    return (first == name ? name : "(" + first + ")") + "[" + (k.empty() ? k_ : k) + "]";
  }

  // Every adjoint zeroed, one seed set (`d_y[row]`, or the returned value's
  // when `seed` is empty), then f_pullback.
  void seedAndPull(std::ostream& os, const std::string& seed, const std::string& returnSeed) {
    for (const auto* group : {&inputs_, &outputs_})
      for (const Checked& c : *group) os << "    " << zeroing(c) << "\n";
    if (!seed.empty()) os << "    " << seed << " = 1;\n";
    os << "    " << call(fn_.name + "_pullback", adjointArgs(returnSeed)) << ";\n";
  }

  std::vector<std::string> primalArgs() const {
    std::vector<std::string> args;
    for (VarId p : primalParams_) args.push_back(fn_.var(p).name);
    if (objectFirst_ && !args.empty()) args.erase(args.begin());  // (`self` is the object the callee is called on)
    return args;
  }

  // f_grad's or f_pullback's arguments, in its order; `returnSeed` is d_ret.
  std::vector<std::string> adjointArgs(const std::string& returnSeed) const {
    std::vector<std::string> args;
    for (VarId p : fn_.params) {
      const Var& v = fn_.var(p);
      if (v.role == VarRole::Param) args.push_back(v.name);
      if (v.role == VarRole::Seed) args.push_back(returnSeed);
      if (v.role != VarRole::AdjointOut) continue;
      for (const auto* group : {&inputs_, &outputs_})
        for (const Checked& c : *group)
          if (c.param == v.primal) args.push_back(c.length.empty() ? "&" + c.adjoint : c.adjoint);  // `&d_s` too
    }
    if (work_) args.push_back(workName_), args.push_back(workBytes_);
    return args;
  }

  // Central differences of primal_ against the adjoint of c, every component;
  // `row` ("\"y\", row, ") names the output component of a Jacobian entry.
  void compare(std::ostream& os, const Checked& c, const std::string& indent, const std::string& row) {
    const Var& v = fn_.var(c.param);
    auto line = [&](const std::string& label, const std::string& index, const std::string& adjoint,
                    const std::string& perturbed) {
      return "gradc::check_component(" + report_ + ", " + row + label + ", " + index + ", " + adjoint +
             ", gradc::central_difference(" + perturbed + ", " + primal_ + "));\n";
    };
    if (v.isRecord()) {
      for (const CheckedMember& m : members(c)) {
        const Var& root = fn_.var(m.member->memberRoot);
        int rank = m.member->memberRank;
        std::string text = line("\"" + root.name + m.member->memberPath + "\"", rank == 0 ? "0" : k_,
                                component(m.adjoint, rank, k_), component(m.perturbed, rank, k_));
        if (rank == 0)
          os << indent << text;
        else
          os << indent << "for (std::size_t " << k_ << " = 0; " << k_ << " < " << m.count << "; ++" << k_ << ")\n"
             << indent << "  " << text;
      }
      return;
    }
    std::string label = "\"" + v.name + "\"";
    if (c.length.empty()) {
      os << indent << line(label, "0", c.adjoint, v.name);
      return;
    }
    std::string perturbed = v.pointeeConst
                                ? "const_cast<" + v.type.spelling + "*>(" + firstElement(v, v.name) + ")[" + k_ + "]"
                                : element(v.name, v);
    os << indent << "for (std::size_t " << k_ << " = 0; " << k_ << " < " << c.length << "; ++" << k_ << ")\n"
       << indent << "  " << line(label, k_, element(c.adjoint, v), perturbed);
  }

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

  // Scalars by value (the check perturbs its own copy), arrays and structs as f takes them.
  static std::string declaration(const Var& v) {
    if (v.isRecord())
      return (v.pointeeConst || v.isConstParam ? "const " : std::string()) + v.type.spelling +
             (v.isPointer ? "* " : "& ") + v.name;
    if (!declaredDimsSuffix(v).empty())
      return std::string(v.pointeeConst ? "const " : "") + v.type.spelling + " " + shapedDeclarator(v, v.name);
    if (v.isArray())
      return std::string(v.pointeeConst ? "const " : "") + v.type.spelling + "* " + v.name;
    return v.type.spelling + " " + v.name;
  }

  std::string fresh(std::string name) {
    while (taken_.count(name)) name += "_";
    taken_.insert(name);
    return name;
  }

  static std::string call(const std::string& callee, const std::vector<std::string>& args) {
    return callee + "(" + join(args) + ")";
  }

  static std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out;
  }

  const Function& fn_;
  std::set<std::string> taken_;
  std::vector<VarId> primalParams_;
  std::string primalCallee_;  // f, f<float>, or a member function's `const_cast<S&>(self).f`
  bool objectFirst_ = false;
  std::vector<Checked> inputs_, outputs_;
  bool work_ = false;
  std::string workName_, workBytes_, k_, primal_, report_;
};

}  // namespace

bool checkedThroughPullback(const Function& fn) {
  for (VarId p : fn.params)
    if (fn.var(p).role == VarRole::Param && fn.var(p).isOutput && fn.var(p).type.isFloating()) return true;
  return false;
}

std::string whyNoGradCheck(const Function& fn) {
  for (VarId p : fn.params) {
    const Var& v = fn.var(p);
    if (v.role != VarRole::Param) continue;
    if (v.isRecord() && !v.isPointer && !v.isReference) return "parameter '" + v.name + "' is a struct by value";
    if (v.isRecord() && v.type.spelling.rfind("std::vector<", 0) == 0)
      return "parameter '" + v.name + "' is a std::vector (its adjoint's length is the caller's to set)";
  }
  for (const Var& v : fn.vars) {
    if (v.memberRank == kElementMember) return "parameter '" + fn.var(v.memberRoot).name + "' is an array of structs";
    if (v.isMember() && v.elementRef && v.role == VarRole::Param)  // (lower/OutputMembers.cpp)
      return "it writes the member '" + v.memberPath.substr(1) + "' of parameter '" + fn.var(v.memberRoot).name +
             "' (outputs in struct members are not checked yet)";
  }
  bool returns = std::any_of(fn.params.begin(), fn.params.end(), [&](VarId p) { return fn.var(p).role == VarRole::Seed; });
  if (fn.kind == FunctionKind::Pullback && !checkedThroughPullback(fn) && !returns)
    return "it returns nothing and writes no float or double output";
  // An output whose first use in f is a read (an in-out array, `y[k] +=`):
  // evaluating f again for central differences would start from what the
  // last evaluation left there.
  std::string inOut;
  std::set<VarId> written;
  forEachStmt(fn.body, [&](const Stmt& s) {
    if (s.reverse || !inOut.empty()) return;
    auto reads = [&](const ExprRef& e) {
      if (e)
        forEachExpr(e, [&](const Expr& x) {
          if ((x.op == Op::Var || x.op == Op::Load) && fn.var(x.var).isOutput && !written.count(x.var))
            inOut = fn.var(x.var).name;
        });
    };
    reads(s.value);
    reads(s.index);
    for (const ExprRef& a : s.args) reads(a);
    if (s.dst == kNoVar || !fn.var(s.dst).isOutput) return;
    if (s.kind == StmtKind::Accumulate && !written.count(s.dst)) inOut = fn.var(s.dst).name;
    written.insert(s.dst);
  });
  if (!inOut.empty()) return "it reads its output '" + inOut + "' (an in-out array: f cannot be evaluated again)";
  return {};
}

std::string emitGradCheck(const Function& fn, const std::string& primalCallee, bool objectFirst) {
  CheckPrinter printer(fn, primalCallee, objectFirst);
  return fn.kind == FunctionKind::Pullback ? printer.pullbackCheck() : printer.gradCheck();
}

}  // namespace gradc
