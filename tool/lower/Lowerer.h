// The lowering machinery shared by lower/Statements.cpp and
// lower/Expressions.cpp (private to lower/; the stage's interface is Lower.h).
#ifndef GRADC_LOWER_LOWERER_H
#define GRADC_LOWER_LOWERER_H

#include "lower/Lower.h"

#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace clang {
class CXXMethodDecl;
class CXXForRangeStmt;
class CXXConstructExpr;
class CXXRecordDecl;
}

namespace gradc::lowering {

using namespace ir;
namespace cl = clang;

// A function marked GRADC_NONDIFF (on any of its declarations).
bool isNondiff(const cl::FunctionDecl* fd);
// Bases, if any, are empty and not virtual (libstdc++'s pair has one).
bool emptyBasesOnly(const cl::CXXRecordDecl* rd);
bool isStdPair(const cl::RecordDecl* rd);
// double/float/bool/integer types; nullopt for anything else.
std::optional<Type> scalarType(cl::QualType qt);
// `std::vector<T>` (also behind a reference or pointer): T's spelling; empty otherwise.
std::string vectorElement(cl::QualType qt);
bool containsReturn(const cl::Stmt* s);
// A return, or a `continue` or `break` of the enclosing loop: where a path ends.
bool containsExit(const cl::Stmt* s);
// A `break` of this loop or switch (not of a loop or switch inside it).
bool breaksOut(const cl::Stmt* s);
// The IR operator of a (compound) binary operator; Op::Const if none.
Op binaryOp(cl::BinaryOperatorKind k);
// For arrays and pointers: the element type and the constant length (-1 for
// a pointer); nullopt if `qt` is not an array of or pointer to a scalar.
struct ArrayShape {
  Type element;
  long size = -1;          // elements in all (N * M for `T a[N][M]`)
  std::vector<long> dims;  // arrays: the length of each dimension, outermost first
  bool pointeeConst = false;
};
std::optional<ArrayShape> arrayShape(cl::QualType qt);
// Integer index arithmetic with constants folded (`x[2]`, not `x[2 + 0]`);
// a null operand of indexPlus is 0 (lower/Views.cpp).
ExprRef indexPlus(const ExprRef& a, const ExprRef& b);
ExprRef indexTimes(const ExprRef& a, long n);
// A type of run-time size (a C99 variable-length array `float t[n]`):
// reports what to write instead, in the input's language, and returns true.
bool reportVariableLength(LowerEnv& env, cl::QualType t, const std::string& name, cl::SourceLocation loc);

// A struct member's step in a member path: `.W`; `.data()` for std::array's
// array (portable across standard libraries). memberName: the path as part
// of a variable's name (`_l1_W`; a std::array is named for itself).
std::string memberSegment(const cl::FieldDecl* f);
std::string memberName(std::string path);

// The variables that may hold a value at a point of the lowering. A branch or
// a loop body undoes what it defined through a log (a copy of the set per `if`
// was quadratic in long functions).
class DefinedVars {
 public:
  bool count(VarId v) const { return static_cast<size_t>(v) < defined_.size() && defined_[static_cast<size_t>(v)]; }
  void insert(VarId v) {
    if (count(v)) return;
    if (static_cast<size_t>(v) >= defined_.size()) defined_.resize(static_cast<size_t>(v) + 1, false);
    defined_[static_cast<size_t>(v)] = true;
    log_.push_back(v);
  }
  size_t mark() const { return log_.size(); }
  // Forgets the variables defined since `mark`; returns them.
  std::vector<VarId> undo(size_t mark) {
    std::vector<VarId> undone(log_.begin() + static_cast<std::ptrdiff_t>(mark), log_.end());
    for (VarId v : undone) defined_[static_cast<size_t>(v)] = false;
    log_.resize(mark);
    return undone;
  }

 private:
  std::vector<bool> defined_;
  std::vector<VarId> log_;
};

// Lowers one function body. Holds the per-function state: the IR being built,
// the variable map and the set of variables that may hold a value here.
class Lowerer {
 public:
  Lowerer(LowerEnv& env, Function& fn) : env_(env), fn_(fn) {}

  void bindParam(const cl::ParmVarDecl* p, VarId id, const std::vector<long>& dims = {});
  // `double& out`: the name stands for out[0].
  void bindElementParam(const cl::ParmVarDecl* p, VarId id);
  void bindAdjointParam(const cl::ParmVarDecl* p, VarId id) { adjointParams_[p] = id; }

  // Lowers a function body; returns false if lowering failed.
  bool lowerBody(const cl::CompoundStmt* body);

  // Two side-effect-free expressions that are the same computation (`x * x`;
  // an idiom's parameter used twice).
  static bool sameValue(cl::ASTContext& ast, const cl::Expr* a, const cl::Expr* b);

 private:
  using Range = llvm::iterator_range<cl::CompoundStmt::const_body_iterator>;

  // ---- statements ---------------------------------------------------------

  // Lowers `stmts`, then the continuation ranges in `cont` (innermost last).
  // `cont` is null when the statements simply fall through to the parent.
  // Returns true when every path ends in a return.
  bool lowerSeq(Range stmts, std::vector<Range>* cont, Block& out);

  bool lowerWithContinuation(const cl::Stmt* s, std::vector<Range>& cont, Block& out);

  // Lowers one branch of an if (a statement, a block, or nothing).
  bool lowerBranch(const cl::Stmt* s, std::vector<Range>* cont, Block& out);

  void lowerReturn(const cl::ReturnStmt* ret, Block& out);
  bool lowerLoopWithReturn(const cl::Stmt* loop, std::vector<Range>& cont, Block& out);
  // The branch an `if constexpr` takes (null: none); null after a diagnostic.
  const cl::Stmt* constexprBranch(const cl::IfStmt* ifs);

  void lowerStmt(const cl::Stmt* s, Block& out);

  Stmt lowerIfHead(const cl::IfStmt* ifs, Block& out);

  void lowerLocalDecl(const cl::Decl* d, int origin, Block& out);
  void lowerLocalArray(const cl::VarDecl* vd, const ArrayShape& shape, int origin, Block& out);

  void lowerExprStmt(const cl::Expr* e, int origin, Block& out);

  // `printf(...)`, `assert(c)`, `(void)x`, a call of a library function or a
  // GRADC_NONDIFF helper as a statement (lower/Effects.cpp): an Effect, or
  // nothing. False if `e` is none of those; true after a diagnostic.
  bool lowerEffect(const cl::Expr* e, int origin, Block& out);
  bool isEffectCall(const cl::CallExpr* call);
  bool nondiffTakesInputsOnly(const cl::CallExpr* call);  // reports a write through a parameter
  // A string literal, or an inlined callee's `const char*` parameter given
  // one: its spelling. nullopt for anything else.
  std::optional<std::string> stringArgument(const cl::Expr* e) const;
  std::map<const cl::Decl*, std::string> strings_;
  // `stderr`, `stdout`: passed to an effect call as written.
  bool isStandardStream(const cl::Expr* e) const;
  // A library function, or one a header declares: the generated header can call it by name.
  bool visibleToHeader(const cl::FunctionDecl* fd) const;
  // A GRADC_NONDIFF function, or a library function without a rule that no
  // floating-point value reaches (`lgamma(n + 1.0)`, n an int), called as
  // written: a call without rule, a constant to the gradient. nullopt if
  // `call` is neither; nullptr after a diagnostic.
  std::optional<ExprRef> lowerConstantCall(const cl::CallExpr* call, const Type& type, bool hasRule);

  void lowerCompoundAssign(const cl::CompoundAssignOperator* ca, int origin, Block& out);

  // ---- elements and views into arrays (lower/Views.cpp) --------------------

  // `a[i] = e`, `a[i] += e`, `*p = e`, `e = v` (for `double& e = x[i]`) on an array element;
  // also std::array's a[i] and a Mat's m(r, c).
  void lowerElementWrite(const cl::Expr* lhs, cl::BinaryOperatorKind op, const cl::Expr* rhs, int origin, Block& out);

  // The array and index of `a[i]`; kNoVar after a diagnostic.
  std::pair<VarId, ExprRef> lowerSubscript(const cl::ArraySubscriptExpr* e);

  // A pointer or reference naming part of an array: a pointer parameter of
  // an inlined callee bound to `&a[off]` or `a + off`, a local `const T* row
  // = W + j * d;`, a row `A[r]`, or (element) one element, `double& e =
  // x[i];`. The offset (null: the array's start) is fixed where the view is
  // made, in a local of its own unless constant.
  struct View {
    VarId array = kNoVar;
    ExprRef offset;
    std::vector<long> dims;  // more than one: indexed as a row-major array of these
    bool element = false;
    // A pointer the source moves between arrays (`xp = hidden;`): it points
    // into alternatives[which] (`array` is the first); reads pick the element
    // by `which`, writes through it are refused.
    std::vector<VarId> alternatives;
    ExprRef which;
  };
  // What a pointer- or array-valued expression points into: `a`, `p`,
  // `&a[i]`, `a + k`, `p - k`, `A[r]`, `s.W`, `&s.W[k]`; nullopt if none.
  std::optional<View> viewOf(const cl::Expr* e);
  std::optional<View> indexView(View v, const std::vector<const cl::Expr*>& indices);
  // The element `a[i]` names, as a view (which may have alternatives: read
  // it with readElement); nullopt after a diagnostic.
  std::optional<View> subscriptElement(const cl::ArraySubscriptExpr* e);
  // The element an lvalue names: `a[i]`, `*p`, a reference to an element.
  std::optional<std::pair<VarId, ExprRef>> elementOf(const cl::Expr* e);
  bool namesElement(const cl::Expr* e) const;
  ExprRef lowerElementRead(const cl::Expr* e, const Type& type, Block* out = nullptr);
  ExprRef captureOffset(ExprRef offset, const std::string& name, Block& out);
  std::optional<View> captureView(const cl::Expr* e, const std::string& name, Block& out);
  // Binds a name to a view or to a variable (a callee's parameter is bound
  // anew at each inlined call, to one or the other).
  void bindView(const cl::Decl* d, const View& v);
  void bindVar(const cl::Decl* d, VarId v);
  // Local pointers and references; false if vd is neither (or a const
  // reference to a value, which is a copy).
  bool lowerViewDecl(const cl::VarDecl* vd, Block& out);

  // ---- heap storage and whole-array statements (lower/Heap.cpp, lower/Ranges.cpp)

  // `double* p = new double(x);`, `new T[N]`, `(T*)malloc(N * sizeof(T))`,
  // `calloc(N, sizeof(T))` with N constant: a scalar local p points to, or a
  // local array p views. False if vd's initializer allocates nothing; true
  // after a diagnostic (a run-time size among them).
  bool lowerHeapDecl(const cl::VarDecl* vd, int origin, Block& out);
  // `delete p;`, `delete[] p;`, `free(p);` of such a pointer: nothing. False
  // if `e` releases nothing; true after a diagnostic (a mismatch).
  bool lowerHeapRelease(const cl::Expr* e);
  // `memset(a, 0, bytes)`, `memcpy(dst, src, bytes)` of whole elements
  // between arrays of one type: an element loop. False if `e` is neither.
  bool lowerMemoryCall(const cl::Expr* e, int origin, Block& out);
  enum class HeapKind { New, NewArray, Malloc };
  std::map<const cl::Decl*, HeapKind> heap_;
  // `for (double e : v)`, `for (const double& e : v)`, `for (double& e : v)`
  // over an array of constant length or a std::array: a counted loop.
  void lowerRangeFor(const cl::CXXForRangeStmt* loop, Block& out);
  // std::array's `a.fill(v)`: a loop of assignments. False if `e` is not one.
  bool lowerArrayFill(const cl::Expr* e, int origin, Block& out);

  // ---- standard calls that are assignments (lower/StdCalls.cpp) ------------
  // A scalar the source writes: a variable, or an element of `var` at `index`.
  struct Place {
    VarId var;
    ExprRef index;
  };
  // `e` as a place; nullopt if it is not one gradc writes (or reported).
  std::optional<Place> placeOf(const cl::Expr* e, Block& out);
  // Whether `lhs` names an array element (a[i], *p into an array, std::array's
  // a[i], an accessor m(r, c)) rather than a variable.
  bool isElementPlace(const cl::Expr* lhs) const;
  // The (array, index) of such an element; nullopt if not one (kNoVar if reported).
  std::optional<std::pair<VarId, ExprRef>> elementPlace(const cl::Expr* lhs, Block& out);
  // `std::swap(a, b)` of two scalars of one type. False if `e` is not one.
  bool lowerSwap(const cl::Expr* e, int origin, Block& out);

  // ---- pointers the source moves (lower/MovingPointers.cpp) ----------------

  // `const T* p = a;` that the body later moves (`p = b + k;`, `p += k;`,
  // `++p`): the view reads an int offset `p_at` and, when p moves between
  // arrays, a selector `p_in`, both written where p moves. False if p never
  // moves; true after a diagnostic.
  bool lowerMovingPointerDecl(const cl::VarDecl* vd, Block& out);
  static const cl::Stmt* bodyOf(const cl::VarDecl* vd);  // the body of the function declaring vd
  // A local that s names and that is declared after `after`, if any.
  const cl::VarDecl* declaredAfter(const cl::Stmt* s, cl::SourceLocation after) const;
  // `p = e;`, `p += k;`, `p -= k;`, `++p`, `p--`... on such a pointer: true
  // if `e` is one (lowered or reported).
  bool lowerPointerMove(const cl::Expr* e, int origin, Block& out);
  void moveTo(const cl::Decl* d, const cl::Expr* target, int origin, Block& out);  // `p = target;`
  // The element `el` names, read: a load, or (alternatives) the load chosen by
  // `which`, through an `if` chain into a temporary when `out` is given (a
  // floating read: only the chosen array is read and differentiated), else
  // a passive select.
  ExprRef readElement(const View& el, const Type& type, Block* out);
  // `if (which == 0) access(a0) else if ... else access(aN)`: one branch per
  // array a moving pointer may point into.
  void forEachAlternative(const View& el, int origin, Block& out, const std::function<void(VarId, Block&)>& access);
  // Whether a pointer expression (`p`, `p + k`) names such a pointer.
  bool movesBetweenArrays(const cl::Expr* e) const;
  // The arrays a pointer-valued expression may point into, found in the
  // source (through local pointers not declared yet); false after a diagnostic.
  // `after`: where the moving pointer is declared (locals declared after it
  // are not lowered yet there).
  bool pointerTargets(const cl::Expr* e, std::vector<VarId>& arrays, std::set<const cl::Decl*>& seen,
                      cl::SourceLocation after);
  struct MovingPointer {
    VarId at = kNoVar;  // the offset into the array it points into
    VarId in = kNoVar;  // which of `arrays` (kNoVar: one array)
    std::vector<VarId> arrays;
  };
  std::map<const cl::Decl*, MovingPointer> moving_;
  std::map<const cl::Decl*, View> views_;
  // A helper's pointer parameter given the address of a scalar (`f(&werr)`):
  // `*p`, `(*p)` and `p[0]` are that variable.
  std::map<const cl::Decl*, VarId> scalarPointers_;
  VarId pointedScalar(const cl::Expr* e) const;  // `&v` of a scalar, or such a pointer; else kNoVar
  VarId derefScalar(const cl::Expr* e) const;    // `*p` or `p[0]` of one; else kNoVar
  // Whether the variables e reads keep their values while a view made here
  // lives: then the view's offset needs no local of its own.
  bool fixedWhileInScope(const ExprRef& e) const;
  // Whether body only reads d (no assignment, address or reference taken).
  static bool onlyReadIn(const cl::Stmt* body, const cl::Decl* d);
  std::set<VarId> fixedVars_;  // loop counters and view offsets: never written in their scope

  // `for (int i = lo; i < hi; i += step) body` with lo, hi, step fixed, and
  // optionally `&& cond` (an early stop, like a `break`).
  void lowerFor(const cl::ForStmt* loop, Block& out);

  // `while (cond)` and `do ... while (cond)`: counted loops of at most
  // GRADC_MAX_TRIPS(n) iterations that stop early.
  enum class LoopForm { For, While, Do };
  void lowerWhile(const cl::Stmt* loop, const cl::Expr* cond, const cl::Stmt* body, LoopForm form, Block& out);

  // Lowers `body` into the For `loop` (whose head is set) and emits it. A loop
  // that may stop early (a `break`, or `stop` false) runs its counted
  // iterations with a flag: the iterations after the stop do nothing.
  // Returns that flag (kNoVar if none).
  VarId lowerCountedLoop(Stmt loop, const cl::Stmt* body, const cl::Expr* stop, LoopForm form, Block& out);

  // The variable an assignment writes; reports anything else.
  VarId assignedVar(const cl::Expr* lhs);

  // ---- expressions --------------------------------------------------------

  // dst = e. An overwrite of a floating variable goes through a temporary so
  // the reverse sweep can restore the old value while the rule still sees the
  // result (`x = exp(x)` needs both).
  void lowerInto(VarId dst, const cl::Expr* e, int origin, Block& out);

  void emitAssign(VarId dst, ExprRef value, int origin, Block& out);

  // Stores a non-atomic value in a fresh temporary.
  VarId materialize(ExprRef value, Block& out, int origin);

  // Converts to `to`. A floating conversion of a floating value is its own
  // three-address statement: the adjoint must flow through it.
  ExprRef convert(ExprRef value, const Type& to, Block& out, int origin);

  static bool isFloating(const cl::Expr* e) { return e->getType()->isRealFloatingType(); }

  // A floating operand for a three-address statement: an atom, or a temporary
  // holding the lowered node.
  ExprRef lowerOperand(const cl::Expr* e, Block& out);

  static const cl::Expr* strip(const cl::Expr* e);

  // The top node of a floating expression, with operands lowered.
  ExprRef lowerNode(const cl::Expr* e, Block& out, int origin);

  ExprRef lowerNodeImpl(const cl::Expr* e, Block& out);

  // An expression of an idiom's shape (1/(1+exp(-x))) as one call to the
  // idiom's function (lower/Idioms.cpp); nullopt if none matches, nullptr
  // after a diagnostic.
  std::optional<ExprRef> lowerIdiom(const cl::Expr* e, Block& out);

  // `c ? a : b` on floating values evaluates only one side, like C++ does:
  // `x > 0 ? sqrt(x) : 0` must not differentiate sqrt at x <= 0.
  ExprRef lowerConditional(const cl::ConditionalOperator* co, const Type& type, Block& out);

  ExprRef lowerDeclRef(const cl::DeclRefExpr* ref, const Type& type);

  // File-level constants: read by name; those defined in the main file are
  // re-emitted into the output (in namespace gradc_src) with their value.
  // `dims`: an array's, read element by element (globalElement).
  ExprRef lowerGlobal(const cl::VarDecl* vd, const cl::DeclRefExpr* ref, const Type& type, const std::vector<long>& dims);
  // Mutable globals read (lowerGlobal), checked when the body is lowered.
  struct GlobalRead {
    cl::SourceLocation loc;
    std::string name, type;
  };
  std::vector<GlobalRead> mutableReads_;
  // A mutable global read is an input only if nothing the function calls can
  // change it while the gradient runs: no call for effects, no call gradc
  // does not see into. False after a diagnostic.
  bool globalsStayPut();
  // A call of the user's code gradc does not see into (a GRADC_NONDIFF or
  // effect function, a user rule's function): it could write a global.
  void noteOpaqueCall(const cl::FunctionDecl* fd) {
    if (opaqueCall_.empty() && !isLibraryFunction(fd)) opaqueCall_ = fd->getQualifiedNameAsString();
  }
  std::string opaqueCall_;

  // `W[i]`, `W[i][j]` of a file-level constant array: a Global indexed per
  // dimension; nullopt when `e` reads no such table, nullptr after a diagnostic.
  std::optional<ExprRef> globalElement(const cl::ArraySubscriptExpr* e, const Type& type);

  // Names `name` in namespace `ns` as seen from the function's namespace.
  std::string qualify(const std::vector<std::string>& ns, const std::string& name) const;

  ExprRef lowerCast(const cl::CastExpr* ce, const Type& type, Block& out);

  ExprRef lowerCall(const cl::CallExpr* call, const Type& type, Block& out, bool passive);

  // Integer and boolean expressions (and floating ones under a comparison)
  // are never differentiated: lower them as whole trees.
  ExprRef lowerPassive(const cl::Expr* e);

  // ---- calls into functions with a body (lower/Inline.cpp) -----------------

  // Lowers the callee's body in place, its parameters bound to the arguments:
  // arrays, structs and non-const scalar references by reference (the
  // callee's writes land in the caller's variables), other scalars copied
  // into locals. Returns the variable holding the result (a void call: a
  // constant nobody reads); nullptr after a diagnostic.
  // `firstArg` 1: the call's first argument is the object (a lambda's).
  ExprRef inlineCall(const cl::CallExpr* call, const cl::FunctionDecl* def, Block& out, unsigned firstArg = 0);

  // A struct reached from a parameter: the parameter's variable and the
  // member path from it (".l1"; empty for the parameter itself).
  // An element of a local array of structs (`a[i]`, lower/StructArrays.cpp)
  // has index i (a passive integer expression) and count N: each member
  // variable then holds N elements' worth of that member, element i's at
  // index * (its size).
  struct StructRef {
    VarId root = kNoVar;
    std::string path;
    ExprRef index;
    long count = 0;
    // A struct member of this one (`.l1`): the same element, if any.
    StructRef member(const std::string& segment) const {
      StructRef m = *this;
      m.path += segment;
      return m;
    }
  };

  // ---- local lambdas (lower/Lambdas.cpp) -----------------------------------

  // `auto f = [...](...) {...};`: no code; its by-value captures are copied
  // here, into locals its calls read. False if `vd` is not a lambda; true
  // after a diagnostic.
  bool lowerLambdaDecl(const cl::VarDecl* vd, int origin, Block& out);
  // `f(args)` on such a local (or a lambda called where it is written):
  // inlined like a helper, its by-reference captures the caller's
  // variables. nullopt if `call` is not a lambda's call; nullptr after a
  // diagnostic.
  std::optional<ExprRef> lowerLambdaCall(const cl::CallExpr* call, Block& out);
  struct LambdaCopies {
    const cl::LambdaExpr* lambda = nullptr;
    std::vector<std::pair<const cl::ValueDecl*, VarId>> copies;  // by-value captures
    std::vector<std::pair<const cl::Decl*, StructRef>> structCopies;  // by-value captured struct locals
  };
  std::map<const cl::VarDecl*, LambdaCopies> lambdas_;
  std::map<const cl::FunctionDecl*, std::string> lambdaNames_;  // call operator -> the lambda's name
  // A callee's name for variables and comments: a lambda's is its variable's.
  std::string shortName(const cl::FunctionDecl* fd) const {
    auto it = lambdaNames_.find(fd->getCanonicalDecl());
    if (it != lambdaNames_.end()) return it->second;
    return fd->getIdentifier() ? fd->getName().str() : "value";  // not `operator*`
  }

  // The one-dimensional array an argument names as a whole (a pointer
  // parameter, a local array, a struct member array, a view from the start
  // of one); kNoVar otherwise.
  VarId wholeArray(const cl::Expr* arg);
  static constexpr const char* kWholeArray =
      "pass a whole one-dimensional array: a pointer parameter, a local array or a struct member array";
  static constexpr const char* kArrayOrView =
      "pass an array, a pointer parameter or a pointer into an array: 'a', '&a[k]', 'a + k'";

  // Whether a call to fd is lowered by inlining: a user function with a body
  // (not in a system header), marked or not, unless a rule covers it.
  bool inlinable(const cl::FunctionDecl* fd, const cl::FunctionDecl*& def) const;

  // ---- structs (lower/Structs.cpp; StructRef above) -----------------------

 public:
  // `const S& s`, `const S* s`: a struct parameter of the marked function.
  // Returns false (after a diagnostic) for a type gradc cannot read.
  bool bindStructParam(const cl::ParmVarDecl* p, VarId root);
  // The object of a marked member function, the parameter `const S& self`:
  // `this` in its body. False (after a diagnostic) for a type gradc cannot
  // read, or a body that writes a member.
  bool bindSelf(const cl::CXXMethodDecl* method, VarId root);

 private:
  // `s`, `s.a`, `p->a`, `*p`, `&s.a`: the struct an expression names, if any.
  std::optional<StructRef> structRef(const cl::Expr* e);

  // The variable standing for a scalar or array member (`s.W`), made on first
  // use; kNoVar (after a diagnostic) for anything else.
  VarId memberVar(const cl::MemberExpr* me);

  // `ps[i].x` on a pointer to structs: a load of the scalar member x of
  // element i; nullopt when `me` is not of that form, nullptr after a diagnostic.
  std::optional<ExprRef> elementMember(const cl::MemberExpr* me);

  // A member expression as a value: elementMember, else memberVar.
  ExprRef lowerMember(const cl::MemberExpr* me);

  // ---- structs as values (lower/Values.cpp) --------------------------------

  // A struct local is scalar-replaced: one local per scalar member, one local
  // array per array member (`p_a`, `p_W`), found through members_ under a
  // root below kNoVar that no IR variable has. Nothing after lowering sees it.
  // count > 0: an array of count such structs (per member, an array of
  // count times the member's size).
  StructRef declareStruct(cl::QualType t, const std::string& name, long count = 0);
  // Lowers the struct-valued `e` (braces, a copy, a call returning one) into
  // `dst`; false after a diagnostic.
  bool lowerStructInto(const StructRef& dst, cl::QualType t, const cl::Expr* e, int origin, Block& out);
  bool copyStruct(const StructRef& dst, const StructRef& src, const cl::RecordDecl* rd, int origin, Block& out);
  // One member of a struct from its initializer (null: zero), as braces do.
  using MemberInit = std::function<bool(const StructRef&, const cl::FieldDecl*, const cl::Expr*)>;
  // (lower/Constructors.cpp) A call of a constructor with an empty body and
  // member initializers, into dst; false after a diagnostic.
  bool lowerConstructor(const StructRef& dst, const cl::CXXConstructExpr* ce, const MemberInit& initMember,
                        int origin, Block& out);
  // (lower/OutputMembers.cpp) `out->x = e;` into a struct output parameter:
  // true if `bo` is one (handled or reported).
  bool lowerOutputMemberWrite(const cl::BinaryOperator* bo, int origin, Block& out);
  // (lower/ConditionalAssign.cpp) `(c ? a : b) = v;`: true if `bo` is one
  // (handled or reported).
  bool lowerConditionalAssign(const cl::BinaryOperator* bo, int origin, Block& out);
  // `std::make_pair(a, b)` into dst as `{a, b}`: false if `call` is not one.
  bool lowerMakePair(const StructRef& dst, const cl::CallExpr* call, const MemberInit& initMember);
  // `V v = e;` / `V v;` of a struct type: true if `vd` is one (handled or reported).
  bool lowerStructDecl(const cl::VarDecl* vd, int origin, Block& out);
  // `a = b;` between structs: true if `e` is one (handled or reported).
  bool lowerStructAssign(const cl::Expr* e, int origin, Block& out);
  // A by-value struct parameter of an inlined callee (or a temporary passed
  // by const reference): a fresh struct local holding a copy of `arg`.
  std::optional<StructRef> structArgument(const cl::ParmVarDecl* p, const cl::Expr* arg, int origin, Block& out);
  // The variable of member `f` of `base`, made on first use for parameters.
  // An element of an array of structs is reported unless `element` (the
  // caller then indexes the variable).
  VarId memberAt(const StructRef& base, const cl::FieldDecl* f, cl::SourceLocation loc, bool element = false);
  // `for (int k = from; k < to; ++k) body(k)`, its body lowered into the loop.
  void countedLoop(long from, long to, int origin, Block& out, const std::function<void(ExprRef, Block&)>& body);
  // dst[offset + k] = element(k) for k < n (offset null: 0).
  void fillArray(VarId dst, long n, const std::function<ExprRef(ExprRef)>& element, int origin, Block& out,
                 ExprRef offset = nullptr);

  // ---- local arrays of structs (lower/StructArrays.cpp) --------------------

  // `S a[N];`, `S a[N] = {}`, `S a[N] = {{..}, {..}}`: structure of arrays,
  // one local array per member (`a_x[N]`, `a_v[N * M]`). True if vd is an
  // array of structs (handled or reported).
  bool lowerStructArrayDecl(const cl::VarDecl* vd, int origin, Block& out);
  // `a[i].x`, `a[i].v` (also through nested struct members): the member's
  // variable as an element view (scalar members) or a view of element i's
  // part; nullopt when `me` is not a member of an element, a view of kNoVar
  // after a diagnostic.
  std::optional<View> memberOfElement(const cl::MemberExpr* me);
  // Whether `e` is, syntactically, a scalar member of an element `a[i].x`.
  bool isElementMember(const cl::Expr* e) const;
  // The element index fixed where it is read (`a[i] = f(i)`: the i before f).
  ExprRef fixIndex(const ExprRef& index, Block& out);
  std::map<const cl::Decl*, StructRef> structArrays_;  // local arrays of structs: root and count
  static bool isLocalRoot(VarId root) { return root < kNoVar; }
  // std::array: `a[i]` is an element of its array (kNoVar after a
  // diagnostic), `a.size()` the constant N, `a.data()` the whole array;
  // nullopt when `e` is not such a call.
  std::optional<std::pair<VarId, ExprRef>> stdArrayElement(const cl::Expr* e);
  std::optional<ExprRef> stdArraySize(const cl::Expr* e);
  std::optional<VarId> stdArrayData(const cl::Expr* e);
  static bool isStdArraySubscript(const cl::Expr* e);
  // `m(r, c) = v` through a member `T& operator()(int r, int c) { return a[r * C + c]; }`
  // (a method returning a reference to an element of a member array, taking
  // integers): the element; nullopt if `e` is not such a call.
  static const cl::ArraySubscriptExpr* accessorBody(const cl::Expr* e);
  std::optional<std::pair<VarId, ExprRef>> accessorElement(const cl::Expr* e, Block& out);
  std::optional<StructRef> structTarget_;  // where the next inlined struct-returning call writes
  std::optional<StructRef> returnStruct_;  // where an inlined callee's `return s` writes
  int structLocals_ = 0;
  // By-value struct parameters of the marked function: the body works on a
  // copy (it may write it), made first.
  std::vector<const cl::ParmVarDecl*> valueParams_;
  void copyValueParams(Block& out);
  // Why a struct cannot be split into its members (a struct local), or empty.
  static std::string notAValue(const cl::RecordDecl* rd);

  std::map<const cl::Decl*, StructRef> structs_;  // struct parameters (and inlined callees')
  std::map<std::pair<VarId, std::string>, VarId> members_;
  std::vector<const cl::FunctionDecl*> inlining_;  // callees being inlined, outermost first
  std::vector<StructRef> self_;                     // `*this` of the member functions being inlined
  int inlinedCalls_ = 0;
  VarId returnTarget_ = kNoVar;  // where `return e` stores e: the function's or the inlined callee's result
  int returnLoop_ = -1;          // the loop a `return` may stand in (-1: the function's top level)
  VarId returnedFlag_ = kNoVar;  // set by a `return` inside a loop (lowerLoopWithReturn)
  VarId returnValue_ = kNoVar;   // what that `return` returns

  // ---- switch, assignments inside expressions, counted loops in disguise ---
  // (lower/Switch.cpp, lower/Sequencing.cpp, lower/CountedForms.cpp)

  // `switch (v) { case ...: }` as an if/else chain on v: each arm runs from
  // its label on (fallthrough), a `break` ends it. `cont`: what follows the
  // switch (empty in lowerStmt). Returns true when every path returns.
  bool lowerSwitch(const cl::SwitchStmt* sw, std::vector<Range>* cont, Block& out);

 public:
  // `const std::vector<T>& p` of the marked function: struct parameter `root`
  // with members data() and size() (lower/Vectors.cpp).
  void bindVectorParam(const cl::ParmVarDecl* p, VarId root, const Type& element);

 private:
  struct VectorParam {
    VarId data = kNoVar, size = kNoVar;
  };
  std::map<const cl::Decl*, VectorParam> vectors_;
  // The vector parameter `obj` names; null after a diagnostic.
  const VectorParam* vectorParam(const cl::Expr* obj);
  bool breakLeavesSwitch_ = false;          // the innermost `break` target is a switch
  std::vector<Range>* switchCont_ = nullptr;  // what runs after that switch
  size_t switchContSize_ = 0;               // its length: shorter continuations are past the switch
  struct SwitchFrame {
    bool breakLeaves;
    std::vector<Range>* cont;
    size_t contSize;
  };
  std::vector<SwitchFrame> switchOuter_;  // each switch's enclosing state, innermost last
  // Lowers what `cont` continues with (its last range), with the enclosing
  // break target once that is past the innermost switch.
  bool lowerNext(const std::vector<Range>& cont, Block& out);

  // An expression statement; `scope`: the full expression it is part of
  // (itself, or one an assignment was hoisted out of).
  void lowerExprStmtIn(const cl::Expr* e, const cl::Expr* scope, int origin, Block& out);
  // Runs the assignments, increments and comma operators nested in `e`
  // (and `e` itself if `self`) as statements before it, where C++'s order of
  // evaluation allows: the expression then reads their values. False after
  // a diagnostic.
  bool hoistEffects(const cl::Expr* e, const cl::Expr* scope, bool self, int origin, Block& out);
  bool hoistOne(const cl::Expr* e, const cl::Expr* scope, int origin, Block& out);
  // The value of a hoisted expression; nullopt if `e` was not hoisted.
  std::optional<ExprRef> hoistedValue(const cl::Expr* e, Block* out);
  std::map<const cl::Expr*, VarId> hoistedValues_;
  std::map<const cl::Expr*, const cl::Expr*> hoistedCommas_;  // `(a, b)`: b

  // A loop that counts, however written: `for (int i = 0; i + 1 < n; i += 2)`,
  // `int i = 0; while (i < n) { ...; ++i; }`, `for (;;) { if (i >= n) break; ...; ++i; }`,
  // `for (int i = 0, j = n; i < n; ++i, --j)`.
  struct CountedForm {
    const cl::VarDecl* counter = nullptr;
    const cl::Expr* init = nullptr;  // null: the counter's value before the loop
    bool declared = false;           // declared by the loop: nothing reads it after
    cl::BinaryOperatorKind op = cl::BO_LT;
    const cl::Expr* bound = nullptr;
    long shift = 0;                      // `i + c < n` compares i with n - c
    long step = 0;
    const cl::Expr* runtimeStep = nullptr;  // `i += b`, b read only: counted by a trip counter
    const cl::Expr* stop = nullptr;      // `i < n && more`
    const cl::Stmt* skipFirst = nullptr; // a leading `if (c) break;` taken as the condition
    const cl::Stmt* stepStmt = nullptr;  // the counter's step as the body's last statement
    const cl::Expr* after = nullptr;     // a for's increment that is not the counter's: runs after the body
    struct Follower {
      const cl::VarDecl* var;
      const cl::Expr* init;
      long step;
    };
    std::vector<Follower> followers;  // `j` of `for (int i = 0, j = n; ...; ++i, --j)`
    bool atLeastOnce = false;         // a `do` loop: the first trip runs whatever the condition
  };
  // The counted form of a loop's parts; an explanation (for a diagnostic) if none.
  std::string countedForm(const cl::Stmt* init, const cl::Expr* cond, const cl::Expr* inc, const cl::Stmt* body,
                          CountedForm& f);
  // Emits the loop `f` describes (checked by countedForm).
  void lowerCountedForm(const cl::Stmt* loop, const CountedForm& f, Block& out);
  // The value of a counter declared before the loop where the loop starts,
  // when the source fixes it (`int i = 0;`, not written but by the loop's step).
  std::optional<long> startValue(const cl::Stmt* loop, const CountedForm& f);
  // The loop of a counted form stepping by a run-time `i += s`.
  void lowerRuntimeStep(const cl::Stmt* loop, const CountedForm& f, ExprRef lo, ExprRef hi, int origin, Block& out);
  const CountedForm* form_ = nullptr;  // the form lowerCountedLoop's body follows (null: plain)
  Block loopPrologue_;                 // its second counters, set at the top of each iteration

  // ---- helpers ------------------------------------------------------------

  VarId newVar(std::string name, Type type, VarRole role);

  int addOrigin(const cl::Stmt* s, std::string text = {});

  std::string sourceText(const cl::Stmt* s) const;

  std::vector<std::string> namespacesOf(const cl::DeclContext* dc) const;

  ExprRef reportType(cl::QualType t, const std::string& what, cl::SourceLocation loc);
  ExprRef unsupportedExpr(const cl::Expr* e);
  ExprRef sideEffect(const cl::Expr* e);
  void unsupportedStmt(const cl::Stmt* s);

  LowerEnv& env_;
  Function& fn_;
  std::map<const cl::Decl*, VarId> vars_;
  std::map<const cl::ParmVarDecl*, VarId> adjointParams_;
  std::map<VarId, std::vector<long>> dims_;  // local arrays of more than one dimension
  DefinedVars defined_;
  int currentOrigin_ = -1;
  int currentLoop_ = -1;   // the For being lowered, -1 outside loops
  std::vector<VarId> runningFlags_;  // per enclosing loop: the flag `break` clears (kNoVar: none)
  int loopCount_ = 0;
  bool failed_ = false;     // the statement being lowered failed (after a diagnostic)
  bool hadErrors_ = false;  // an earlier statement failed: the function is not emitted
  std::set<const cl::Decl*> poisoned_;  // variables whose declaration failed

  // After a statement of the marked function failed: whether lowering goes
  // on with the next statement (so one run reports every problem). Not
  // inside an inlined callee (the call fails as a whole) nor past the error
  // limit.
  bool recover(const cl::Stmt* s);
  // A statement reading a variable whose declaration failed: skipped, its
  // errors would only repeat the first.
  bool usesPoisoned(const cl::Stmt* s) const;

 public:
  // Rule bodies: `*d_x += e;` statements (and locals).
  bool lowerRuleBody(const cl::CompoundStmt* body);
};

}  // namespace gradc::lowering

#endif  // GRADC_LOWER_LOWERER_H
