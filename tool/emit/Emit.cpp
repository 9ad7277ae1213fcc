#include "emit/Emit.h"

#include "emit/Dense.h"
#include "emit/Expressions.h"
#include "emit/Names.h"
#include "emit/WorkBuffer.h"

#include "lower/Lower.h"


#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace gradc {

using namespace ir;

namespace {

const char* suffix(FunctionKind k) {
  switch (k) {
    case FunctionKind::Primal: return "_primal";
    case FunctionKind::Pullback: return "_pullback";
    case FunctionKind::Grad: return "_grad";
    case FunctionKind::Jvp: return "_jvp";
    case FunctionKind::Hvp: return "_hvp";
    case FunctionKind::Jacobian: return "_jacobian";
    case FunctionKind::Hessian: return "_hessian";
    case FunctionKind::Source: return "";
  }
  return "";
}

class Printer {
 public:
  Printer(const Function& fn, const Dialect& dialect) : fn_(fn), dialect_(dialect) {
    assignNames();
    storedUnderIf_ = arraysDeclaredZeroed(fn_);
  }

  std::string function() {
    std::ostringstream os;
    os << dialect_.functionSpecifier() << (fn_.kind == FunctionKind::Pullback ? "void" : fn_.returnType.spelling) << " " << fn_.name
       << suffix(fn_.kind) << "(";
    std::set<VarId> used = usedVars();
    for (size_t i = 0; i < fn_.params.size(); ++i) {
      const Var& v = fn_.var(fn_.params[i]);
      if (passedToWorkBytes(v)) used.insert(fn_.params[i]);  // the size check passes it on
      bool pointer = v.role == VarRole::AdjointOut || (v.isPointer && !v.isReference);
      bool constant = v.isConstParam || ((v.isPointer || v.isReference) && v.pointeeConst && v.role != VarRole::AdjointOut);
      // `const double (&a)[3]`: a reference to an array keeps its type.
      bool arrayRef = v.isReference && v.isPointer && !v.elementRef;
      if (auto d = declaredNames_.find(fn_.params[i]); d != declaredNames_.end()) {
        os << (i ? ", " : "") << (constant ? "const " : "") << v.type.spelling << " "
           << shapedDeclarator(v, used.count(fn_.params[i]) || dialect_.isC() ? d->second : "/*" + d->second + "*/");
        continue;
      }
      os << (i ? ", " : "") << (constant ? "const " : "") << v.type.spelling
         << (restricted(v) ? dialect_.restrictedPointer() : pointer ? "* " : arrayRef ? " (&" : v.isReference ? "& " : " ");
      os << unusedAsComment(used, fn_.params[i]);
      if (arrayRef) os << ")[" << v.arraySize << "]";
    }
    if (!fn_.runtimeTapes.empty()) os << (fn_.params.empty() ? "" : ", ") << "void* " << workName_ << ", " << dialect_.sizeType() << " " << workBytesName_;
    os << ") {\n";
    voidUnused(used, os);
    bindFlatArrays(used, os);
    if (!dialect_.isC()) aliasingCheck(used, os);  // (gradc::check_apart is C++)
    bindMembers(used, os);
    workBufferPrologue(os);
    block(fn_.body, 1, os);
    os << "}\n";
    return os.str();
  }

  // size_t f_grad_work_bytes(<f's integer parameters>): the caller's buffer
  // for what the reverse sweep keeps from loops of run-time length (its
  // layout: emit/WorkBuffer.h). A template's instantiations each have their own,
  // an explicit specialization: f_grad_work_bytes<float>(n).
  // `others`: the function's other forms with a work buffer (f_grad beside
  // f_pullback), whose layouts may differ (cleaning::limitFrames
  // runs on each): the size is the largest.
  std::string workBytesFunction(const std::vector<const Function*>& others) {
    std::ostringstream os;
    std::set<std::string> usedNames;
    for (const Function* f : others)
      for (const auto& t : f->runtimeTapes) {
        std::vector<VarId> r;
        collectReads(t.second, r);
        for (VarId v : r) usedNames.insert(f->var(v).name);
      }
    std::set<VarId> used;
    for (VarId p : fn_.params)
      if (usedNames.count(fn_.var(p).name)) used.insert(p);
    std::string sized = workBytesName(fn_);
    if (hvpBuffer(fn_))
      os << "// " << sized << ": the size of the work buffer " << fn_.name << "_hvp and " << fn_.name
         << "_hessian need, the\n// gradient's tapes and their tangents (aligned like double; too small a buffer: "
         << "nothing\n// is written, and they return NaN).\n";
    else
      os << "// " << sized << ": the size of the work buffer " << fn_.name << "_grad and " << fn_.name
         << "_pullback need\n// (aligned like double; too small a buffer: no adjoint is written, "
         << "and " << fn_.name << "_grad returns NaN).\n";
    if (!fn_.templateArgs.empty()) os << "template <>\n";
    os << dialect_.functionSpecifier() << dialect_.sizeType() << " " << sized << "(" << workBytesParams(used) << ") {\n";
    voidUnused(used, os, true);
    std::vector<std::string> layouts;
    for (const Function* f : others) {
      std::string layout = Printer(*f, dialect_).workBufferLayout();
      if (std::find(layouts.begin(), layouts.end(), layout) == layouts.end()) layouts.push_back(layout);
    }
    std::string sum = "bytes";  // (a name the parameters leave free)
    auto taken = [&](VarId p) {
      return passedToWorkBytes(fn_.var(p)) && (name(p) == sum || (layouts.size() > 1 && name(p) == sum + "1"));
    };
    while (std::any_of(fn_.params.begin(), fn_.params.end(), taken)) sum += "_";
    if (layouts.size() == 1 && !workBufferPadded(fn_)) {
      os << "  return " << bytesTerms(" +\n         ") << ";\n}\n";
      return os.str();
    }
    for (size_t m = 0; m < layouts.size(); ++m) {
      std::string name = sum + (m ? std::to_string(m) : "");
      const Function* f = *std::find_if(others.begin(), others.end(), [&](const Function* g) {
        return Printer(*g, dialect_).workBufferLayout() == layouts[m];
      });
      os << Printer(*f, dialect_).workBytesSum(name);
      if (m) os << "  if (" << name << " > " << sum << ") " << sum << " = " << name << ";\n";
    }
    os << "  return " << sum << ";\n}\n";
    return os.str();
  }

  // The tapes' types and lengths, in buffer order: equal strings, equal layouts.
  std::string workBufferLayout() const {
    std::string out;
    for (const auto& [tape, count] : workBufferOrder(fn_))
      out += fn_.var(tape).type.spelling + "*" + tapeLength(*count) + ";";
    return out;
  }

  std::string tapeBytes(const std::pair<VarId, ExprRef>& tape) const {
    return "sizeof(" + fn_.var(tape.first).type.spelling + ") * " + tapeLength(*tape.second);
  }

  std::string bytesTerms(const char* separator) const {
    std::string out;
    for (const auto& tape : workBufferOrder(fn_)) out += (out.empty() ? "" : separator) + tapeBytes(tape);
    return out;
  }

  // `size_t sum = ...;` adding the tapes one by one, each aligned where its type changes.
  std::string workBytesSum(const std::string& sum) const {
    std::ostringstream os;
    std::vector<std::pair<VarId, ExprRef>> tapes = workBufferOrder(fn_);
    os << "  " << dialect_.sizeType() << " " << sum << " = " << tapeBytes(tapes[0]) << ";\n";
    for (size_t k = 1; k < tapes.size(); ++k)
      os << "  " << sum << " = "
         << (startsAligned(fn_, tapes, k) ? dialect_.alignedOffset(fn_.var(tapes[k].first).type.spelling, sum) : sum)
         << " + " << tapeBytes(tapes[k]) << ";\n";
    return os.str();
  }

  // The primary template the instantiations' f_grad_work_bytes specialize.
  std::string workBytesTemplate() {
    std::ostringstream os;
    os << "// " << fn_.name << "_grad_work_bytes" << "<...>: one for each instantiation of " << fn_.name
       << " (the tapes' types differ),\n// called with its template arguments.\n"
       << fn_.templateParams << "\nstd::size_t " << fn_.name << "_grad_work_bytes("
       << workBytesParams(std::set<VarId>(fn_.params.begin(), fn_.params.end())) << ") = delete;\n";
    return os.str();
  }

 private:
  // f_grad_work_bytes takes f's integer parameters, all of them (those it
  // does not read as comments).
  std::string workBytesParams(const std::set<VarId>& used) {
    std::string out;
    for (VarId p : fn_.params) {
      const Var& v = fn_.var(p);
      if (!passedToWorkBytes(v)) continue;
      out += (out.empty() ? "" : ", ") + v.type.spelling + " " + unusedAsComment(used, p);
    }
    return out.empty() && dialect_.isC() ? "void" : out;  // (C: `f()` declares no prototype)
  }

  // An unused parameter's name: a comment in C++; C99 needs the name (and
  // voidUnused then marks it used, for -Wunused-parameter).
  std::string unusedAsComment(const std::set<VarId>& used, VarId p) const {
    return used.count(p) || dialect_.isC() ? name(p) : "/*" + name(p) + "*/";
  }

  void voidUnused(const std::set<VarId>& used, std::ostream& os, bool workBytesOnly = false) const {
    if (!dialect_.isC()) return;
    for (VarId p : fn_.params)
      if (!used.count(p) && (!workBytesOnly || passedToWorkBytes(fn_.var(p))))
        os << "  (void)" << (declaredNames_.count(p) ? declaredNames_.at(p) : name(p)) << ";\n";
  }

 public:
  // Adjoint arrays and structs: the caller promises they overlap nothing
  // else passed (gradc.h, GRADC_RESTRICT). Scalar adjoints stay plain: a
  // pullback call may pass one variable's adjoint for two parameters.
  static bool restricted(const Var& v) { return v.role == VarRole::AdjointOut && v.isPointer; }

 private:
  // Under -DGRADC_CHECK_ALIASING: the restricted adjoints, then every other
  // pointer the function is given and the work buffer, checked apart.
  void aliasingCheck(const std::set<VarId>& used, std::ostream& os) {
    std::vector<std::string> restrictedArgs, others;
    for (VarId p : fn_.params) {
      const Var& v = fn_.var(p);
      if (!used.count(p) || !(v.role == VarRole::AdjointOut || v.isPointer || v.isReference)) continue;
      std::string one = "sizeof(" + v.type.spelling + ")";
      long n = v.role == VarRole::AdjointOut && v.primal != kNoVar ? fn_.var(v.primal).arraySize : v.arraySize;
      std::string bytes = n > 0 && !v.isRecord() ? std::to_string(n) + " * " + one : one;
      (restricted(v) ? restrictedArgs : others).push_back("{" + std::string(v.isReference ? "&" : "") + name(p) + ", " + bytes + "}");
    }
    if (!fn_.runtimeTapes.empty()) others.push_back("{" + workName_ + ", " + workBytesName_ + "}");
    if (restrictedArgs.empty() || restrictedArgs.size() + others.size() < 2) return;
    os << "#ifdef GRADC_CHECK_ALIASING\n  gradc::check_apart({";
    size_t k = 0;
    for (const auto* list : {&restrictedArgs, &others})
      for (const std::string& e : *list) os << (k++ ? ", " : "") << e;
    os << "}, " << restrictedArgs.size() << ", \"" << fn_.name << suffix(fn_.kind)
       << ": an adjoint array overlaps another argument\");\n#endif\n";
  }

  // The struct members the body uses, as variables: `const float* net_W =
  // &net.W[0][0];` (row-major, like the local arrays), `float* d_net_b =
  // d_net->b;`, `const float net_alpha = net.alpha;`.
  void bindMembers(const std::set<VarId>& used, std::ostream& os) {
    for (VarId id : used) {
      const Var& v = fn_.var(id);
      if (!v.isMember() || v.memberRank == kElementMember) continue;
      const Var& root = fn_.var(v.memberRoot);
      std::string access = name(v.memberRoot) + (root.isPointer ? "->" : ".") + v.memberPath.substr(1);
      bool adjoint = v.role == VarRole::AdjointOut;
      if (v.elementRef && !adjoint) {  // a member the function writes (an output of one element)
        os << "  " << v.type.spelling << "& " << name(id) << " = " << access << ";\n";
        continue;
      }
      os << "  " << (adjoint ? "" : "const ") << v.type.spelling;
      if (v.memberRank == 0 && !adjoint)
        os << " " << name(id) << " = " << access << ";\n";
      else if (v.memberRank <= 1)
        os << "* " << name(id) << " = " << (v.memberRank == 0 ? "&" : "") << access << ";\n";
      else {
        os << "* " << name(id) << " = &" << access;
        for (int k = 0; k < v.memberRank; ++k) os << "[0]";
        os << ";\n";
      }
    }
  }

  // `const double* A_flat = &A[0][0];`: the body indexes 2-D array parameters row-major.
  void bindFlatArrays(const std::set<VarId>& used, std::ostream& os) {
    for (VarId p : fn_.params) {
      auto d = declaredNames_.find(p);
      if (d == declaredNames_.end() || !used.count(p)) continue;
      const Var& v = fn_.var(p);
      bool adjoint = v.role == VarRole::AdjointOut;
      os << "  " << (v.pointeeConst && !adjoint ? "const " : "") << v.type.spelling
         << (restricted(v) ? dialect_.restrictedPointer() : "* ") << name(p) << " = " << firstElement(v, d->second) << ";\n";
    }
  }

  bool passedToWorkBytes(const Var& v) const { return gradc::passedToWorkBytes(fn_, v); }

  // A tape's element count as a size_t.
  std::string tapeLength(const Expr& count) const {
    return dialect_.cast(dialect_.sizeType(), expr(count, dialect_.castOperandPrecedence()));
  }

  void workBufferPrologue(std::ostream& os) {
    if (fn_.runtimeTapes.empty()) return;
    std::vector<std::pair<VarId, ExprRef>> tapes = workBufferOrder(fn_);
    os << "  // the reverse sweep's storage, in the caller's buffer\n  if (" << workBytesName_ << " < "
       << workBytesName(fn_) << "(";
    bool first = true;
    for (VarId p : fn_.params) {
      if (!passedToWorkBytes(fn_.var(p))) continue;
      os << (first ? "" : ", ") << name(p);
      first = false;
    }
    os << ") || " << dialect_.misaligned(workName_) << ") ";
    if (fn_.kind == FunctionKind::Grad || fn_.kind == FunctionKind::Hvp)
      os << "return " << dialect_.quietNaN(fn_.returnType.spelling) << ";\n";
    else
      os << "return;\n";
    os << "  unsigned char* " << nextName_ << " = " << dialect_.cast("unsigned char*", workName_) << ";\n";
    for (size_t i = 0; i < tapes.size(); ++i) {
      const Var& t = fn_.var(tapes[i].first);
      if (startsAligned(fn_, tapes, i))
        os << "  " << nextName_ << " = " << dialect_.alignedCursor(t.type.spelling, nextName_, workName_) << ";\n";
      os << "  " << t.type.spelling << "* " << name(tapes[i].first) << " = "
         << dialect_.pointerCast(t.type.spelling + "*", nextName_) << ";\n";
      if (i + 1 < tapes.size())
        os << "  " << nextName_ << " += sizeof(" << t.type.spelling << ") * " << tapeLength(*tapes[i].second) << ";\n";
    }
  }

 private:
  // Names are unique among the variables visible at once, so sibling scopes
  // (the forward and the reverse loop) reuse `i` and `t0`, and nothing shadows.
  void assignNames() {
    names_.assign(fn_.vars.size(), "");
    VisibleNames visible;
    // A variable declared in more than one place, or named before the place
    // it is declared, is not named in the scope of one declaration: its
    // name is taken in the whole function, so none of its declarations can
    // meet another variable of that name.
    std::vector<int> declarations(fn_.vars.size(), 0);
    forEachStmt(fn_.body, [&](const Stmt& s) {
      if (s.kind == StmtKind::For || (s.kind == StmtKind::Assign && s.declares))
        ++declarations[static_cast<size_t>(s.dst)];
    });
    // Temporaries are numbered (t0, t1...); named values get a suffix only
    // when their name is taken (d_x_1 when d_x is the adjoint pointer).
    std::function<void(VarId, bool)> claimAt = [&](VarId id, bool declaredHere) {
      const Var& v = fn_.var(id);
      bool ofTemp = v.role == VarRole::Adjoint && v.primal != kNoVar && fn_.var(v.primal).role == VarRole::Temp;
      // d_t3 is the adjoint of t3, even when t3 itself was folded away.
      if (ofTemp && names_[static_cast<size_t>(v.primal)].empty()) claimAt(v.primal, false);
      bool numbered = v.role == VarRole::Temp || v.name == "d_unused";
      std::string base = ofTemp ? "d_" + names_[static_cast<size_t>(v.primal)] : v.name;
      int n = declarations[static_cast<size_t>(id)];
      names_[static_cast<size_t>(id)] = visible.takeFirstFree(base, numbered, n > 1 || (n == 1 && !declaredHere));
    };
    auto claim = [&](VarId id) { claimAt(id, false); };
    // Functions called by their unqualified generated names (g_pullback,
    // g_primal) must not be hidden by a variable of the same name.
    forEachStmt(fn_.body, [&](const Stmt& s) {
      auto base = [](const std::string& n) { return n.substr(n.rfind(':') == std::string::npos ? 0 : n.rfind(':') + 1); };
      auto reserve = [&](const Callee& c) {
        if (!c.pullback.empty()) {  // a called rule: f and its pullback, by the user's names
          visible.take(base(c.spelling));
          visible.take(base(c.pullback));
          return;
        }
        visible.take(base(c.spelling) + "_pullback");
        visible.take(base(c.spelling) + "_primal");
      };
      auto generated = [&](const Expr& x) {
        if (x.callee && (x.callee->function >= 0 || !x.callee->pullback.empty())) reserve(*x.callee);
      };
      if (s.callee) reserve(*s.callee);
      for (const ExprRef* e : {&s.value, &s.index})
        if (*e) forEachExpr(*e, generated);
      for (const auto& a : s.args) forEachExpr(a, generated);
    });
    // Signature names first: they are part of the contract (`d_p`, `d_ret`).
    // A 2-D array parameter keeps its name in the signature; the body reads
    // it through `A_flat`.
    auto claimParam = [&](VarId p) {
      const Var& v = fn_.var(p);
      if (v.declaredDims.size() < 2) return claim(p);
      std::string declared = visible.takeFirstFree(v.name, false);
      declaredNames_[p] = declared;
      names_[static_cast<size_t>(p)] = visible.takeFirstFree(declared + "_flat", false);
    };
    for (VarId p : fn_.params)
      if (fn_.var(p).role == VarRole::AdjointOut || fn_.var(p).role == VarRole::Seed) claimParam(p);
    for (VarId p : fn_.params)
      if (names_[static_cast<size_t>(p)].empty()) claimParam(p);
    for (VarId id : usedVars())
      if (fn_.var(id).isMember() && fn_.var(id).memberRank != kElementMember) claim(id);  // bound at the top
    // The work buffer's parameters and cursor, unless the source took the names.
    if (!fn_.runtimeTapes.empty()) {
      workName_ = visible.takeFirstFree("work", false);
      workBytesName_ = visible.takeFirstFree("work_bytes", false);
      nextName_ = visible.takeFirstFree("next", false);
    }
    for (const auto& t : fn_.runtimeTapes) claim(t.first);
    std::function<void(const Block&)> walk = [&](const Block& b) {
      for (const Stmt& s : b) {
        if (s.kind == StmtKind::Assign && s.declares && names_[static_cast<size_t>(s.dst)].empty()) claimAt(s.dst, true);
        size_t scope = visible.open();
        if (s.kind == StmtKind::For && names_[static_cast<size_t>(s.dst)].empty()) claimAt(s.dst, true);
        walk(s.thenBlock);
        visible.close(scope);
        walk(s.elseBlock);
        visible.close(scope);
      }
    };
    walk(fn_.body);
    // Anything used but never declared keeps a name unique in the function.
    for (VarId id : usedVars())
      if (names_[static_cast<size_t>(id)].empty()) claim(id);
    // Should naming ever give one name to two variables in scope together,
    // one of them gets a name no other variable of the function has.
    std::set<std::string> all(names_.begin(), names_.end());
    for (VarId v; (v = firstNameClash(fn_, names_)) != kNoVar;) {
      std::string fresh;
      do fresh = visible.takeFirstFree(names_[static_cast<size_t>(v)], false, true);
      while (all.count(fresh));
      all.insert(fresh);
      names_[static_cast<size_t>(v)] = fresh;
    }
  }

  std::set<VarId> usedVars() const {
    std::set<VarId> used;
    forEachStmt(fn_.body, [&](const Stmt& s) {
      std::vector<VarId> r;
      if (s.value) collectReads(s.value, r);
      if (s.index) collectReads(s.index, r);
      for (const auto& a : s.args) collectReads(a, r);
      used.insert(r.begin(), r.end());
      if (s.dst != kNoVar) used.insert(s.dst);
      used.insert(s.outs.begin(), s.outs.end());
    });
    for (VarId id : std::set<VarId>(used))
      if (fn_.var(id).isMember()) used.insert(fn_.var(id).memberRoot);  // bound from it
    // Adjoints are named after their primal, so name those first when used.
    return used;
  }

  const std::string& name(VarId id) const { return names_[static_cast<size_t>(id)]; }

  // forwardFollows: the reverse statements here were hoisted before a
  // jointed loop, whose forward part comes next.
  void comment(const Stmt& s, int depth, bool forwardFollows, std::ostream& os) {
    if (reverse(s) != inReverse_) {
      // A jointed loop (reverse/Joint.cpp) goes back to its forward sweep.
      inReverse_ = reverse(s);
      lastOrigin_ = -1;
      if (inReverse_)
        os << (printedAny_ ? "\n" : "") << indent(depth)
           << (depth > 1        ? "// reverse sweep of this iteration\n"
               : forwardFollows ? "// reverse sweep: what the loop below needs first\n"
                                : "// reverse sweep\n");
    }
    if (s.origin < 0 || s.origin == lastOrigin_) return;
    lastOrigin_ = s.origin;
    const Origin& o = fn_.origins[static_cast<size_t>(s.origin)];
    std::string text = o.text.size() > 90 ? o.text.substr(0, 87) + "..." : o.text;
    os << indent(depth) << "// line " << o.line << (o.inlined.empty() ? "" : " (" + o.inlined + ")") << ": " << text
       << "\n";
  }

  // A jointed loop whose forward part cleanup removed is all reverse sweep.
  static bool reverse(const Stmt& s) {
    if (s.reverse || s.kind != StmtKind::For || s.thenBlock.empty()) return s.reverse;
    return std::all_of(s.thenBlock.begin(), s.thenBlock.end(), [](const Stmt& t) { return t.reverse; });
  }

  static std::string indent(int depth) { return std::string(static_cast<size_t>(depth) * 2, ' '); }

  void block(const Block& b, int depth, std::ostream& os) {
    size_t lastForward = 0;
    for (size_t i = 0; i < b.size(); ++i)
      if (!reverse(b[i]) && b[i].kind != StmtKind::Return) lastForward = i + 1;
    for (size_t i = 0; i < b.size(); ++i) {
      const Stmt& s = b[i];
      comment(s, depth, i + 1 < lastForward, os);
      printedAny_ = true;
      os << indent(depth);
      switch (s.kind) {
        case StmtKind::Assign:
          if (s.declares && fn_.var(s.dst).isArray() && fn_.var(s.dst).reusesStorageOf != kNoVar) {
            const Var& v = fn_.var(s.dst);
            os << "// " << name(s.dst) << " takes the storage of " << name(v.reusesStorageOf)
               << ", whose elements are not read once " << name(s.dst) << " writes them\n" << indent(depth);
            if (dialect_.isC()) {  // (a pointer: C has no references to arrays)
              os << v.type.spelling << "* " << name(s.dst) << " = " << name(v.reusesStorageOf) << ";\n";
              if (s.value)
                os << indent(depth) << "memset(" << name(s.dst) << ", 0, sizeof(" << v.type.spelling << ") * "
                   << v.arraySize << ");\n";
              break;
            }
            os << v.type.spelling << " (&" << name(s.dst) << ")[" << v.arraySize << "] = " << name(v.reusesStorageOf)
               << ";\n";
            if (s.value) os << indent(depth) << "gradc::zero(" << name(s.dst) << ");\n";
            break;
          }
          if (s.declares && fn_.var(s.dst).isArray()) {
            bool zeroed = s.value || storedUnderIf_.count(s.dst);
            os << fn_.var(s.dst).type.spelling << " " << name(s.dst) << "[" << fn_.var(s.dst).arraySize << "]"
               << (zeroed ? dialect_.zeroInitializer() : "") << ";\n";
            break;
          }
          if (s.declares) os << fn_.var(s.dst).type.spelling << " ";
          os << target(s) << " = " << expr(*s.value, 0) << ";\n";
          break;
        case StmtKind::Accumulate: {
          const Expr& v = withoutDoubleNegation(*s.value);
          if (v.op == Op::Neg)
            os << target(s) << " -= " << expr(*v.args[0], 0) << ";\n";
          else if (v.op == Op::Const && std::signbit(v.number) && v.type.isFloating())
            os << target(s) << " -= " << formatLiteral(-v.number, v.type.kind) << ";\n";
          else
            os << target(s) << " += " << expr(v, 0) << ";\n";
          break;
        }
        case StmtKind::For:
          os << loopHead(s) << " {\n";
          block(s.thenBlock, depth + 1, os);
          os << indent(depth) << "}\n";
          inReverse_ = reverse(s);  // (after a jointed loop's body)
          break;
        case StmtKind::Return:
          if (s.value)
            os << "return " << expr(*s.value, 0) << ";\n";
          else if (fn_.kind != FunctionKind::Pullback && fn_.result != kNoVar)
            os << "return " << dialect_.quietNaN(fn_.returnType.spelling) << ";\n";
          else
            os << "return;\n";
          break;
        case StmtKind::Effect:
          os << s.callee->spelling << "(";
          for (size_t i = 0; i < s.args.size(); ++i) os << (i ? ", " : "") << expr(*s.args[i], 0);
          os << ");\n";
          break;
        case StmtKind::PullbackCall: {
          os << s.callee->pullbackName() << "(";
          for (size_t i = 0; i < s.args.size(); ++i) os << (i ? ", " : "") << expr(*s.args[i], 0);
          // Adjoint pointers and arrays are passed as they are, local scalars by address.
          for (VarId o : s.outs)
            os << ", " << (fn_.var(o).role == VarRole::AdjointOut || fn_.var(o).isArray() ? "" : "&") << name(o);
          os << ");\n";
          break;
        }
        case StmtKind::If: {
          bool onlyElse = s.thenBlock.empty();
          os << "if (" << (onlyElse ? "!" + expr(*s.value, 12) : expr(*s.value, 0)) << ") {\n";
          block(onlyElse ? s.elseBlock : s.thenBlock, depth + 1, os);
          if (!onlyElse && !s.elseBlock.empty()) {
            os << indent(depth) << "} else {\n";
            block(s.elseBlock, depth + 1, os);
          }
          os << indent(depth) << "}\n";
          break;
        }
      }
    }
  }

  std::string target(const Stmt& s) const {
    if (s.index) return element(s.dst, expr(*s.index, 0));
    return fn_.var(s.dst).role == VarRole::AdjointOut ? "*" + name(s.dst) : name(s.dst);
  }

  // Forward: for (int i = lo; i < hi; ++i). Reverse: the same values, last first.
  std::string loopHead(const Stmt& s) const {
    const Var& i = fn_.var(s.dst);
    std::string n = name(s.dst);
    const ExprRef &lo = s.args[0], &hi = s.args[1], &step = s.args[2];
    bool unit = step->op == Op::Const && step->number == 1;
    if (!s.descending)
      return "for (" + i.type.spelling + " " + n + " = " + expr(*lo, 0) + "; " + n + " < " + expr(*hi, 9) + "; " +
             (unit ? "++" + n : n + " += " + expr(*step, 0)) + ")";
    Type t = i.type;
    // An unsigned counter never goes below zero: test before stepping down
    // (lowering allows unsigned counters only with step 1).
    bool isUnsigned = t.spelling.rfind("unsigned", 0) == 0 || t.spelling == "char";
    if (isUnsigned && unit)
      return "for (" + t.spelling + " " + n + " = " + expr(*hi, 0) + "; " + n + "-- > " + expr(*lo, 9) + ";)";
    // (`i <= n` and a source loop counting down from `n - 1` keep hi as `n + 1` / `n`.)
    bool plusOne = hi->op == Op::Add && hi->args[1]->op == Op::Const && hi->args[1]->number == 1;
    ExprRef last = hi->op == Op::Const ? constant(hi->number - 1, t, std::to_string(static_cast<long>(hi->number) - 1))
                   : plusOne          ? hi->args[0]
                                      : binary(Op::Sub, hi, constant(1, t, "1"), t);
    if (!unit) {
      // lo + (hi - 1 - lo) / step * step is the last value only when the loop
      // runs at all (integer division truncates toward zero).
      ExprRef span = binary(Op::Div, binary(Op::Sub, last, lo, t), step, t);
      last = select(binary(Op::Gt, hi, lo, Type::boolean()), binary(Op::Add, lo, binary(Op::Mul, span, step, t), t),
                    binary(Op::Sub, lo, step, t));
    }
    return "for (" + t.spelling + " " + n + " = " + expr(*last, 0) + "; " + n + " >= " + expr(*lo, 9) + "; " +
           (unit ? "--" + n : n + " -= " + expr(*step, 0)) + ")";
  }

  std::string expr(const Expr& e, int need) const { return exprs_.expr(e, need); }
  std::string element(VarId array, const std::string& index) const { return exprs_.element(array, index); }

  const Function& fn_;
  const Dialect& dialect_;
  std::vector<std::string> names_;
  std::map<VarId, std::string> declaredNames_;  // 2-D array parameters: the name the signature declares
  ExprPrinter exprs_{fn_, names_, dialect_};
  std::set<VarId> storedUnderIf_;  // declared zeroed (see arraysStoredUnderIf)
  std::string workName_ = "work", workBytesName_ = "work_bytes", nextName_ = "next";
  int lastOrigin_ = -1;
  bool inReverse_ = false;
  bool printedAny_ = false;
};

}  // namespace

std::string generatedName(const Function& fn) { return fn.name + suffix(fn.kind); }

std::string emitFunction(const Function& fn, const Dialect& dialect) {
  if (fn.kind == FunctionKind::Jacobian || fn.kind == FunctionKind::Hessian)
    return emitDense(fn) + (fn.body.empty() ? "" : Printer(fn, dialect).function()) + "\n" + emitSparse(fn);
  return Printer(fn, dialect).function();
}

std::string emitWorkBytesFunction(const std::vector<const Function*>& forms, const Dialect& dialect) {
  return Printer(*forms.front(), dialect).workBytesFunction(forms);
}

std::string emitWorkBytesTemplate(const Function& fn) { return Printer(fn, Dialect::cxx()).workBytesTemplate(); }

bool isRestrictedAdjoint(const Var& v) { return Printer::restricted(v); }

}  // namespace gradc
