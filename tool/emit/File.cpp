// Stage `emit`, the file around the functions: include guard, the source's
// includes, re-emitted constants, namespaces, and each generated function
// (tool/emit/Emit.cpp prints those).
#include "emit/Check.h"
#include "emit/Emit.h"
#include "emit/WorkBuffer.h"

#include "llvm/Support/Path.h"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <set>
#include <sstream>

namespace gradc {

using namespace ir;

namespace {

// The source's #include lines, as written: a generated header that moves
// with its build tree keeps working. Compile it with the source's directory on
// the include path (gradc_add_gradient does).
std::string includeLine(const Include& inc, const Dialect& dialect) {
  std::string spelling = dialect.include(inc.spelling, inc.angled);
  if (spelling.empty()) return "";
  return inc.angled ? "#include <" + spelling + ">" : "#include \"" + spelling + "\"";
}

// Opens and closes namespaces as the items move between them.
class NamespaceWriter {
 public:
  explicit NamespaceWriter(std::ostream& os) : os_(os) {}
  void enter(const std::vector<std::string>& ns) {
    size_t common = 0;
    while (common < open_.size() && common < ns.size() && open_[common] == ns[common]) ++common;
    while (open_.size() > common) {
      os_ << "}  // namespace " << open_.back() << "\n";
      open_.pop_back();
    }
    for (size_t i = common; i < ns.size(); ++i) {
      os_ << "namespace " << ns[i] << " {\n";
      open_.push_back(ns[i]);
    }
  }
  ~NamespaceWriter() { enter({}); }

 private:
  std::ostream& os_;
  std::vector<std::string> open_;
};

}  // namespace

// An include guard unique to what the file defines: two model.grad.hpp from
// different models can share a translation unit; the same input gives the same text.
std::string guardFor(const std::vector<Module>& modules) {
  std::string g = "GRADC_GENERATED_", key;
  for (const Module& m : modules) {
    for (char c : llvm::sys::path::stem(m.sourceFile).str())
      g += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : '_';
    g += "_";
    for (const Function& fn : m.functions) {
      for (const std::string& ns : fn.namespaces) key += ns + "::";
      key += fn.name + ";";
    }
  }
  uint32_t hash = 2166136261u;  // FNV-1a
  for (char c : key) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08X", hash);
  return g + hex;
}

// The headers the generated text needs, in the dialect's spelling.
std::vector<std::string> headerLines(const std::vector<Module>& modules, const Dialect& dialect, bool work,
                                     bool padded, bool nan, bool restricts, bool checks) {
  if (dialect.isC()) {
    // C: NAN is <math.h>'s; bool, memset (an array taking a dead one's storage) need theirs.
    bool booleans = false, cleared = false;
    for (const Module& m : modules)
      for (const Function& fn : m.generated) {
        for (const Var& v : fn.vars) booleans = booleans || v.type.kind == TypeKind::Bool;
        forEachStmt(fn.body, [&](const Stmt& s) {
          cleared = cleared || (s.kind == StmtKind::Assign && s.declares && s.value &&
                                fn.var(s.dst).reusesStorageOf != kNoVar);
        });
      }
    std::vector<std::string> lines = {"#include <math.h>"};
    if (booleans) lines.push_back("#include <stdbool.h>");
    if (work) lines.insert(lines.end(), {"#include <stddef.h>", "#include <stdint.h>"});
    if (cleared) lines.push_back("#include <string.h>");
    if (padded) lines.push_back("#include <gradc/gradc.h>");  // GRADC_ALIGN_UP
    for (const Module& m : modules)  // (the C-compatible one: gradc_revolve_split)
      for (const std::string& h : m.runtimeHeaders)
        if (h == "gradc/revolve.h") lines.push_back("#include <gradc/revolve.h>");
    return lines;
  }
  std::vector<std::string> lines = {"#include <cmath>"};
  if (work) lines.insert(lines.end(), {"#include <cstddef>", "#include <cstdint>"});
  if (restricts || padded) lines.push_back("#include <gradc/gradc.h>");  // GRADC_RESTRICT, gradc::align_up
  if (checks) lines.push_back("#include <gradc/check.h>");
  for (const Module& m : modules)
    for (const std::string& h : m.runtimeHeaders) lines.push_back("#include <" + h + ">");
  if (work || nan) lines.push_back("#include <limits>");
  return lines;
}

std::string emitFile(const std::vector<Module>& modules, const EmitOptions& options) {
  std::ostringstream os;
  std::string guard = guardFor(modules);
  const Dialect& dialect = *options.dialect;
  bool work = false, hvpWork = false, padded = false, nan = false, restricts = false, checks = false;
  auto checked = [&](const Function& fn) {  // (f_gradcheck is C++: gradc/check.h)
    FunctionKind checkedKind = checkedThroughPullback(fn) ? FunctionKind::Pullback : FunctionKind::Grad;
    return options.emitCheck && !dialect.isC() && fn.kind == checkedKind && whyNoGradCheck(fn).empty();
  };
  for (const Module& m : modules)
    for (const Function& fn : m.generated) {
      checks = checks || checked(fn);
      work = work || !fn.runtimeTapes.empty();
      hvpWork = hvpWork || fn.hvpWork;
      padded = padded || workBufferPadded(fn);
      for (VarId p : fn.params) restricts = restricts || isRestrictedAdjoint(fn.var(p));
      forEachStmt(fn.body, [&](const Stmt& s) { nan = nan || (s.kind == StmtKind::Return && !s.value); });
    }
  os << "// Generated by gradc " << options.version << " from ";
  for (size_t i = 0; i < modules.size(); ++i)
    os << (i ? ", " : "") << llvm::sys::path::filename(modules[i].sourceFile).str();
  os << ". Do not edit.\n"
     << "//\n"
     << "// For each marked function f(P...):\n"
     << "//   R f_grad(P..., T* d_p...)            returns f and adds df/dp to *d_p\n"
     << "//   void f_pullback(P..., R d_ret, T* d_p...)  adds d_ret * df/dp to *d_p\n"
     << "// Adjoints accumulate: the caller zeroes them. No allocation, no exceptions.\n";
  if (dialect.isC())
    os << "// C99. Adjoint arrays must not overlap any other argument (they are declared restrict).\n";
  else
    os << "// Adjoint arrays must not overlap any other argument (GRADC_RESTRICT in gradc/gradc.h;\n"
       << "// -DGRADC_CHECK_ALIASING checks it on entry).\n";
  if (work)
    os << "// A loop of run-time length keeps its values in the caller's work buffer, and so do\n"
       << "// arrays past the frame limit (gradc --frame-limit, default 64 KiB): f_grad and\n"
       << "// f_pullback then take (void* work, size_t work_bytes) last, of at least\n"
       << "// f_grad_work_bytes(<f's int parameters>) bytes, aligned like double"
       << (dialect.isC() ? ".\n" : "; for an\n// instantiation of a template, f_grad_work_bytes<its template arguments>(...).\n");
  if (hvpWork)
    os << "// f_hvp, f_hessian and f_hessian_sparse take one of f_hvp_work_bytes(<f's int parameters>)\n"
       << "// bytes: the tapes and their tangents.\n";
  if (!options.source.types.empty()) {
    os << "// Include this header after the definition" << (options.source.types.size() > 1 ? "s" : "") << " of ";
    for (size_t i = 0; i < options.source.types.size(); ++i)
      os << (i ? ", " : "") << options.source.types[i].name << " (" << options.source.types[i].where << ")";
    os << ",\n// which its functions take; it does not include the source file.\n";
  }
  os << "#ifndef " << guard << "\n#define " << guard << "\n\n";

  std::set<std::string> seen;
  std::vector<std::string> lines = headerLines(modules, dialect, work, padded, nan, restricts, checks);
  for (const Module& m : modules)
    for (const Include& inc : m.includes) lines.push_back(includeLine(inc, dialect));
  for (const std::string& l : lines)
    if (!l.empty() && seen.insert(l).second) os << l << "\n";
  os << "\n";
  // Another struct of the same name where the header is included would be
  // read member by member without a word: its size and alignment must match.
  if (!dialect.isC())
    for (const SourceType& t : options.source.types)
      os << "static_assert(sizeof(" << t.name << ") == " << t.size << " && alignof(" << t.name << ") == " << t.align
         << ", \"gradc: this header takes the struct " << t.name << " of " << t.where
         << "; include it after that definition\");\n";
  if (!dialect.isC() && !options.source.types.empty()) os << "\n";
  {
    NamespaceWriter ns(os);
    for (const Module& m : modules) {
      for (const GlobalConst& c : m.constants) {
        if (c.external) {  // (the source defines it; a header included elsewhere still names it)
          if (!dialect.isC()) ns.enter(c.namespaces);
          os << "extern " << c.type.spelling << " " << c.name;
          for (long n : c.dims) os << "[" << n << "]";
          os << ";\n";
          continue;
        }
        std::vector<std::string> path = c.namespaces;
        path.push_back(c.home);
        std::string name = c.name;
        if (dialect.isC())  // (as the functions' Global expressions name it)
          name = dialect.qualified(c.home + "::" + c.name);
        else
          ns.enter(path);
        os << dialect.constant() << c.type.spelling << " " << name;
        for (long n : c.dims) os << "[" << n << "]";
        os << " = " << c.valueText << ";\n";
      }
      std::set<std::string> sized, templates;
      for (const Function& fn : m.generated) {
        ns.enter(fn.namespaces);
        // One f_grad_work_bytes for a function's primal, pullback and grad;
        // one specialization per instantiation of a template (overloads that
        // would share one are rejected before: Driver.cpp, workSizesDistinct).
        std::string qualified;
        for (const std::string& n : fn.namespaces) qualified += n + "::";
        qualified += fn.name;
        auto key = [](const Function& f) {
          std::string k;
          for (const std::string& n : f.namespaces) k += n + "::";
          return k + workBytesName(f) + "(" + workBytesTypes(f) + ")";  // (f_hvp's apart)
        };
        if (!fn.runtimeTapes.empty() && sized.insert(key(fn)).second) {
          if (!fn.templateArgs.empty() && templates.insert(qualified).second) os << "\n" << emitWorkBytesTemplate(fn);
          std::vector<const Function*> forms;  // f_pullback and f_grad: one buffer size for both
          for (const Function& other : m.generated)
            if (!other.runtimeTapes.empty() && key(other) == key(fn)) forms.push_back(&other);
          os << "\n" << emitWorkBytesFunction(forms, dialect);
        }
        os << "\n" << functionComment(fn) << emitFunction(fn, dialect);
        if (checked(fn)) {
          auto member = options.source.memberCalls.find(qualified);
          os << "\n" << emitGradCheck(fn, member == options.source.memberCalls.end() ? "" : member->second.first,
                                      member != options.source.memberCalls.end() && member->second.second);
        }
      }
    }
  }
  os << "\n#endif  // " << guard << "\n";
  return os.str();
}

}  // namespace gradc
