// The AD IR: what every stage after `lower` reads and writes.
//
// A function is a structured block of statements over named variables.
// Expressions are immutable trees shared by pointer. `lower` produces
// three-address form for floating-point values (each arithmetic node or call
// gets its own temporary), which is what `reverse` differentiates; `cleanup`
// folds single-use temporaries back into trees so the emitted code reads like
// the source.
#ifndef GRADC_IR_IR_H
#define GRADC_IR_IR_H

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gradc {
struct Rule;  // rules/Rules.h
}

namespace gradc::ir {

enum class TypeKind { Bool, Int, Float, Double, Record };  // Record: a struct, by name

struct Type {
  TypeKind kind = TypeKind::Double;
  std::string spelling = "double";  // C++ spelling of an integer type ("unsigned long")

  bool isFloating() const { return kind == TypeKind::Float || kind == TypeKind::Double; }
  bool operator==(const Type& o) const { return kind == o.kind && spelling == o.spelling; }
  bool operator!=(const Type& o) const { return !(*this == o); }

  static Type floating(TypeKind k) { return {k, k == TypeKind::Float ? "float" : "double"}; }
  static Type boolean() { return {TypeKind::Bool, "bool"}; }
  static Type integer(std::string spelling) { return {TypeKind::Int, std::move(spelling)}; }
};

using VarId = int;
constexpr VarId kNoVar = -1;
constexpr long kRuntimeSize = -2;
constexpr int kElementMember = -1;  // Var::memberRank of `ps[i].x`  // Var::arraySize of storage whose length is known only at run time

enum class VarRole {
  Param,       // a parameter of the original function
  Local,       // a variable declared in the source
  Temp,        // a temporary made by lowering or by a rule
  Saved,       // a copy of a value an overwrite destroys, kept for the reverse sweep
  Adjoint,     // a local adjoint, starting at zero
  AdjointOut,  // an adjoint pointer parameter `T* d_p`: only ever accumulated into
  Seed,        // the seed parameter `d_ret` of a pullback
};

struct Var {
  std::string name;  // preferred spelling; made unique when emitted
  Type type;
  VarRole role = VarRole::Local;
  VarId primal = kNoVar;  // for adjoints: the variable this is the adjoint of
  bool isConstParam = false;
  // Arrays: a local `T a[N]` (arraySize N), or a pointer parameter `T* p` /
  // `T p[N]` (isPointer; elements are the caller's). Scalars have neither.
  long arraySize = -1;
  bool isPointer = false;
  bool pointeeConst = false;
  bool isOutput = false;  // a non-const pointer parameter the function writes
  int loop = -1;          // the innermost loop (For statement id) owning this variable, -1 for none

  int origin = -1;        // for storage the reverse sweep adds: the loop it serves (diagnostics)
  bool constant = false;  // the result of a GRADC_NONDIFF call: no adjoint flows into or out of it

  // Structs: a parameter `const S& s` / `const S* s` (type Record; isReference
  // or isPointer), and the members the body reads, each a variable of its own
  // bound at the top of the function (`const float* s_W = &s.W[0][0];`):
  // memberRoot is the struct parameter, memberPath the access (".l1.W"),
  // memberRank the array dimensions (0 for a scalar member). A scalar member
  // of each element of an array of structs (`ps[i].x`) has memberRank
  // kElementMember: indexed like an array, printed `ps[i].x`, never bound.
  bool isReference = false;
  // A `T& x` parameter the function writes: the one element x[0] of an
  // output array (isPointer, arraySize 1), printed `x`.
  bool elementRef = false;
  VarId memberRoot = kNoVar;
  std::string memberPath;
  int memberRank = 0;

  // A local array declared in the storage of another of the same type and
  // length that is dead by then (an adjoint in the forward sweep's logits),
  // or whose elements die one by one as this array's are written: the
  // frame holds one array where a naive emission would hold two.
  VarId reusesStorageOf = kNoVar;
  // An adjoint array whose first writes, one loop's, assign every element:
  // it starts unset instead of zeroed.
  bool startsAssigned = false;
  // A local array a moving pointer may read before the source writes it, on
  // a path the selector rules out (`xp = hidden;` reads hidden only after a
  // move): declared zeroed, so no path reads garbage.
  bool declaredZeroed = false;
  // A parameter declared `T A[R][C]` (or `T A[][C]`, outermost -1) and its
  // adjoint: the signature keeps the shape, the body indexes it flat
  // (row-major) through a pointer bound at the top, `A_flat`.
  std::vector<long> declaredDims;
  bool declaredByReference = false;  // `const T (&A)[R][C]`

  bool isArray() const { return (arraySize >= 0 || arraySize == kRuntimeSize || isPointer) && !isRecord(); }
  bool isRecord() const { return type.kind == TypeKind::Record; }
  bool isMember() const { return memberRoot != kNoVar; }
};

enum class Op {
  Const,   // number (+ spelling)
  Var,     // variable
  Global,  // a file-level constant, printed by name; with args, an element of a constant table
  Neg, Not, Cast,
  Add, Sub, Mul, Div, Rem,
  Lt, Le, Gt, Ge, Eq, Ne, LAnd, LOr,
  BitAnd, BitOr, BitXor, Shl, Shr,
  Select,  // args: condition, then, else
  Call,    // args: call arguments
  Load,    // var[args[0]]: an array element
};

struct Callee {
  std::string spelling;         // printed name ("std::exp", "expf", "ns::g_primal")
  const gradc::Rule* rule = nullptr;  // a derivative rule, or
  int function = -1;            // a marked function (index in the module)
  std::string pullback;         // a called rule (Rule::called): the pullback's printed name
  // A library function with no rule (`std::lgamma`), scalar arguments only:
  // a constant while its arguments are passive; reverse rejects it if not.
  bool noRule = false;
  // In a rule's body (lowered without rules): the callee's canonical
  // clang::FunctionDecl (opaque), so the forward stage, which differentiates
  // the body again for f_hvp, finds a user rule (keyed by declaration).
  const void* decl = nullptr;
  // The pullback the reverse sweep calls: the rule's, else `<spelling>_pullback`.
  std::string pullbackName() const { return pullback.empty() ? spelling + "_pullback" : pullback; }
};

struct Expr;
using ExprRef = std::shared_ptr<const Expr>;

struct Expr {
  Op op = Op::Const;
  Type type;
  double number = 0;           // Const
  std::string text;            // Const: source spelling (may be empty); Global: name
  VarId var = kNoVar;          // Var
  bool implicitCast = false;   // Cast: came from an implicit conversion
  bool knownValue = false;     // Global: `number` holds its compile-time value
  std::vector<ExprRef> args;
  std::shared_ptr<const Callee> callee;  // Call

  // (A Global with args is an element of a constant table, one index per dimension.)
  bool isAtom() const { return op == Op::Const || op == Op::Var || (op == Op::Global && args.empty()); }
  bool isLoad() const { return op == Op::Load; }
};

ExprRef constant(double value, Type type, std::string spelling = {});
ExprRef varRef(VarId id, Type type);
ExprRef unary(Op op, ExprRef a, Type type);
ExprRef binary(Op op, ExprRef a, ExprRef b, Type type);
ExprRef select(ExprRef cond, ExprRef a, ExprRef b);
ExprRef cast(ExprRef a, Type to, bool implicit);
ExprRef call(std::shared_ptr<const Callee> callee, std::vector<ExprRef> args, Type type);
ExprRef withArgs(const Expr& e, std::vector<ExprRef> args);
ExprRef load(VarId array, ExprRef index, Type type);

// True for +,-,*,/ and comparison ops etc.; Op names for dumps.
const char* opName(Op op);
bool isComparison(Op op);

// Where a statement came from: its source line and text, for comments and
// diagnostics. Index into Function::origins.
struct Origin {
  unsigned line = 0;
  unsigned column = 0;
  std::string text;
  const void* clangStmt = nullptr;  // opaque: the clang::Stmt, for diagnostics
  std::string inlined;              // the inlined callee it came from ("dense" or "a.hpp: dense"), if any
};

enum class StmtKind {
  Assign,        // dst = value
  Accumulate,    // dst += value
  If,            // if (value) then else
  Return,        // return value; without a value, before the end: abandon (the
                 // function cannot compute its result: NaN, no gradient written)
  PullbackCall,  // callee_pullback(args..., seed, outs...)
  For,           // for (dst = args[0]; dst < args[1]; dst += args[2]) thenBlock
                 // (from the last value down to args[0] when `descending`)
  Effect,        // callee(args...): a call evaluated for its effects alone (printf,
                 // assert), no value differentiated; in the forward sweep only,
                 // never recomputed by the reverse sweep
};

struct Stmt;
using Block = std::vector<Stmt>;

struct Stmt {
  StmtKind kind = StmtKind::Assign;
  VarId dst = kNoVar;
  ExprRef index;                  // Assign/Accumulate: dst[index] when dst is an array
  ExprRef value;                  // Assign/Accumulate: value; If: condition; Return: value
  bool declares = false;          // Assign: print as a declaration (set by cleanup)
  bool overwrites = false;        // Assign: dst may hold a value the source still had
  Block thenBlock, elseBlock;     // If
  std::shared_ptr<const Callee> callee;  // PullbackCall
  std::vector<ExprRef> args;      // PullbackCall: primal arguments, then the seed; Effect: arguments
  std::vector<VarId> outs;        // PullbackCall: adjoint per differentiated param (kNoVar: none)
  int origin = -1;
  bool reverse = false;           // belongs to the reverse sweep (for comments)
  bool recompute = false;         // a forward value recomputed inside the reverse sweep
  int loopId = -1;                // For: identifies the loop (Var::loop refers to it)
  bool descending = false;        // For: runs its iterations last first (a reverse loop)
};

Stmt assign(VarId dst, ExprRef value, int origin);
Stmt accumulate(VarId dst, ExprRef value, int origin);

// What a Function is: the lowered source, or one of the generated forms.
enum class FunctionKind {
  Source,    // lowered from the marked function
  Primal,    // f_primal: the forward computation alone, for callers' forward sweeps
  Pullback,  // f_pullback(P..., R d_ret, T* d_p...)
  Grad,      // f_grad(P..., T* d_p...), returns the value
  Jvp,       // f_jvp(P..., tangents..., T* t_out...): forward mode (forward/), returns the value
  Hvp,       // f_hvp(P..., directions..., T* hv...): forward mode over f_grad
  Jacobian,  // f_jacobian(P..., T* J): sweeps of f_jvp or f_pullback (emit/Dense.cpp)
  Hessian,   // f_hessian(P..., T* H): sweeps of f_hvp (emit/Dense.cpp)
};

struct Function {
  FunctionKind kind = FunctionKind::Source;
  std::string name;                     // source name
  std::vector<std::string> namespaces;  // enclosing namespaces, outermost first
  Type returnType;
  std::vector<Var> vars;
  std::vector<VarId> params;            // in signature order
  std::vector<VarId> wrt;               // differentiated params, in order (primal)
  VarId result = kNoVar;                // holds the return value
  Block body;
  std::vector<Origin> origins;
  // Tapes whose length is known only at run time: (tape, element count).
  // They live in the caller's work buffer (DESIGN.md §1).
  std::vector<std::pair<VarId, ExprRef>> runtimeTapes;
  // An instantiation of a marked template: its arguments ("<float>") and the
  // template's parameters ("template <typename T>"). Each instantiation has
  // its own f_grad_work_bytes<...> (the tapes' element types differ).
  std::string templateArgs, templateParams;
  std::string sourceFile;
  unsigned sourceLine = 0;
  // f_jacobian / f_hessian: per row, the sorted columns that may be nonzero
  // (forward/Sparsity.cpp), and why the pattern is dense when it had to be.
  std::vector<std::vector<int>> pattern;
  std::string patternNote;
  // f_jacobian / f_hessian in sweeps carrying several directions
  // (forward/Directions.cpp): how many sweeps, and whether each tangent holds
  // all of a sweep's directions (packed) or one copy per column.
  long directionSweeps = 0;
  bool packedDirections = false;
  long directionWidth = 0;   // the (first) sweep's directions, D
  // f_jacobian (and its sparse form) by columns whatever the shape: f_pullback
  // needs the caller's work buffer, which f_jacobian's signature has no room for.
  bool columnsOnly = false;
  // f_pullback / f_grad: the caller's arrays whose overwritten elements the
  // reverse sweep puts back (in-out arrays: left as they were at the call).
  std::vector<VarId> restoredArrays;
  // f_hessian (and its sparse form) of a function whose f_hvp takes a work
  // buffer: it takes one too, last, and passes it to each f_hvp sweep.
  bool hvpWork = false;
  long directionStride = 0;  // packed: columns per tangent element (D, or D padded)

  VarId addVar(Var v) {
    vars.push_back(std::move(v));
    return static_cast<VarId>(vars.size() - 1);
  }
  const Var& var(VarId id) const { return vars.at(static_cast<size_t>(id)); }
  Var& var(VarId id) { return vars.at(static_cast<size_t>(id)); }
  ExprRef ref(VarId id) const { return varRef(id, var(id).type); }
};

// A file-level constant the generated code reads, re-emitted from the source
// file inside `namespace gradc_src` (constants from included headers are
// visible through the includes and are not re-emitted).
struct GlobalConst {
  std::string name;
  std::vector<std::string> namespaces;
  Type type;
  std::string valueText;       // a number, or a table's `{..}`
  std::vector<long> dims;      // a table's dimensions (empty for a scalar)
  std::string home = "gradc_src";  // the namespace it is re-emitted in, one the source does not use
  // A mutable global of the source, read (never written) by the function:
  // declared `extern` in its own namespace and read by its own name.
  bool external = false;
};

// An #include of the source file, repeated in the output.
struct Include {
  std::string spelling;      // as written, without delimiters
  bool angled = false;
};

// Everything one translation unit contributes to the output file.
struct Module {
  std::string sourceFile;
  bool parsedAsC = false;  // a C input: its output is C99
  std::vector<Include> includes;
  std::vector<std::string> runtimeHeaders;  // of functions the generated code calls ("gradc/math.h")
  std::vector<GlobalConst> constants;
  std::vector<Function> functions;       // lowered marked functions (Callee::function indexes these)
  std::vector<Function> generated;       // what the output defines, callees before callers
};

// Visits every expression reachable from a statement list (pre-order).
template <class F>
void forEachExpr(const ExprRef& e, F&& f) {
  if (!e) return;
  f(*e);
  for (const auto& a : e->args) forEachExpr(a, f);
}

// Rebuilds an expression with variables replaced (unmapped ones stay).
ExprRef substitute(const ExprRef& e, const std::vector<ExprRef>& byVar);

// Replaces variable v by to[v] wherever a block (nested blocks included)
// writes, reads or passes it, for every v mapped (to[v] != kNoVar).
void renameVars(Block& block, const std::vector<VarId>& to, const Function& fn);

// Calls f on every statement, nested ones included (pre-order).
template <class F>
void forEachStmt(const Block& b, F&& f) {
  for (const Stmt& s : b) {
    f(s);
    forEachStmt(s.thenBlock, f);
    forEachStmt(s.elseBlock, f);
  }
}

// Whether a statement is, or holds in any branch or body, a Return.
bool containsReturn(const Stmt& s);

// The arrays an element assignment under an `if` writes. Such a tape is read
// under the same condition, which compilers (-Wmaybe-uninitialized) and the
// def-before-use check cannot see: emit declares these arrays zeroed.
std::set<VarId> arraysStoredUnderIf(const Block& body);
// Those, and the arrays marked Var::declaredZeroed: emit declares them `= {}`.
std::set<VarId> arraysDeclaredZeroed(const Function& fn);

// An element's size on a 64-bit host, a guess for integers (`long` is 4
// bytes on Cortex-M): what storage limits count.
long bytesOf(const Type& t);

// Structural equality: the same operations on the same variables and constants.
bool sameExpr(const ExprRef& a, const ExprRef& b);

// Calls f(array, index) for each array an expression reads: f(a, i) for an
// element a[i], f(a, nullptr) for a whole array passed to a call (a called
// rule reads every element).
template <class F>
void forEachArrayRead(const Function& fn, const ExprRef& e, F&& f) {
  forEachExpr(e, [&](const Expr& x) {
    if (x.op == Op::Load) f(x.var, x.args[0]);
    if (x.op == Op::Call)
      for (const ExprRef& a : x.args)
        if (a->op == Op::Var && fn.var(a->var).isArray()) f(a->var, ExprRef());
  });
}

// An integer expression of constants (`N`, `2 * K - 1`, `(unsigned)0`), evaluated.
std::optional<long> integerConstant(const ExprRef& e);

// Int locals every write of which assigns the same expression of variables
// no statement writes (`int n_1 = n;` of an inlined helper, in the forward and
// again in the reverse sweep): wherever one is read (after a write), it is that
// expression (by variable; null for the others). `writes` gets each variable's
// number of writes.
std::vector<ExprRef> stableIntegerCopies(const Function& fn, std::vector<int>& writes);

// The leading statements of `loop`'s body that set an integer, written
// nowhere else in `scope`, from the loop's counter, values `changing` does
// not hold and earlier such integers (a run-time stride's `t = lo + t_trip *
// b`): as fixed for an iteration as the counter.
std::vector<const Stmt*> derivedCounters(const Stmt& loop, const Block& scope, std::set<VarId> changing);

// Whether the body may read v's incoming value (the caller's) before writing
// it: an element read not preceded, at the top level, by a write to that
// constant index, or (with `accumulates`) any `+=`.
bool readsIncoming(const Function& fn, VarId v, bool accumulates);

// Appends to `out` the variables an expression reads.
void collectReads(const ExprRef& e, std::vector<VarId>& out);
bool reads(const ExprRef& e, VarId v);

// Walks a function body as the emitted C++ scopes it: declare(v) where a
// declaring assignment or a loop's counter brings v into scope, use(v) for
// each variable a statement reads or writes (a declaration reads the array
// whose storage it takes), leave(v) where v's block closes. What is in scope
// everywhere (parameters, bound members, work-buffer tapes) is the caller's.
void walkScopes(const Function& fn, const std::function<void(VarId)>& declare, const std::function<void(VarId)>& use,
                const std::function<void(VarId)>& leave);

// Text dump of a function, for --dump and for debugging.
std::string dump(const Function& f);

}  // namespace gradc::ir

#endif  // GRADC_IR_IR_H
