// The pullback builder shared by reverse/Reverse.cpp (statements, rules,
// calls) and reverse/Loops.cpp (loops, tapes, recomputation, overwritten
// elements). Private to reverse/; the stage's interface is Reverse.h.
#ifndef GRADC_REVERSE_BUILDER_H
#define GRADC_REVERSE_BUILDER_H

#include "reverse/Reverse.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gradc::reversal {

using namespace ir;

// A top-level loop whose reverse iteration may run inside the forward loop,
// right after its forward iteration (reverse/Joint.cpp).
struct JointLoop {
  int loopId;
  Block reverseIteration;        // on the forward loop's variables, without restoring the carried ones
  std::vector<VarId> carried;    // variables the iterations carry: running sums or inactive
  std::vector<VarId> sumAdjoints;  // the running sums' adjoints: the same in every iteration
  // Worth joining (its values cost more to recompute than to load). Either
  // way, its reverse loop passes sumAdjoints through unchanged.
  bool worthJoining = true;
};

// Joins each loop that can be: its reverse loop disappears, and the
// reverse-sweep statements its iterations need move before it.
void joinLoops(Function& fn, const std::vector<JointLoop>& joints);

class ReverseBuilder {
 public:
  // `split`: top-level loops not to lay out as jointed (join() refused them
  // in an earlier build).
  // `keepInWork`: whether values a loop would recompute at a cost may be kept
  // in the caller's work buffer (see sweepLoop).
  ReverseBuilder(const Function& fn, const Activity& act, const ReverseEnv& env, const std::set<int>& split = {},
                 bool keepInWork = true)
      : src_(fn), act_(act), env_(env), split_(split), keepInWork_(keepInWork) {}

  std::optional<Function> build();

  // The loops whose storage was laid out for one iteration (expecting them
  // jointed) but that still have a reverse loop: that loop would read other
  // iterations' values from one iteration's slot. Build again with them split.
  std::set<int> refusedJoints() const { return refused_; }

  // Whether the pullback built keeps values (results of costly calls and of
  // inner loops) in a work buffer that, once `cleaned` (cleanup dropped dead
  // tapes), holds nothing else: a buffer only for them is not worth one.
  bool keptInWork() const { return !keptInWork_.empty(); }
  bool onlyKeptInWork(const Function& cleaned) const;

 private:
  bool overwritten(VarId v) const;
  bool readInLoop(VarId v) const;

  VarId localAdjoint(VarId v);

  VarId adjointOf(VarId v);

  VarId newVar(const std::string& name, const Type& type, VarRole role);

  // The reverse loop gets its own copies of the loop's variables, so each
  // loop declares (and the compiler keeps in registers) its own.
  void renameLocals(Block& block, const std::set<int>& inner);

  // Builds the forward copy of `block` into `fwd` and its reverse into `rev`.
  void sweep(const Block& block, Block& fwd, Block& rev);

  void sweepScalarAssign(const Stmt& s, Block& fwd, Block& r);

  // a[i] = v:  d_v += d_a[i]; d_a[i] = 0.   a[i] += v:  d_v += d_a[i].
  void reverseElementWrite(const Stmt& s, Block& r);

  // a[i] = v destroys an element the reverse sweep reads again: keep the
  // old value (per iteration in a loop) and put it back when undoing the write.
  void sweepElementOverwrite(const Stmt& s, Block& fwd, Block& r);

  // Puts back, last first, every element an iteration of `block` overwrote,
  // so the reverse iteration recomputes from the iteration's starting values.
  Block undo(const Block& block, bool inBranch = false) const;

  struct LoopFrame {
    int id;
    int origin;
    VarId counter;
    ExprRef lo, step;
    long trip;        // -1 when known only at run time
    ExprRef tripExpr; // the trip count as an expression, never negative
    // A checkpointed loop's frame: its iterations are recomputed one at a
    // time, so storage in it holds one iteration's values (no slot per trip).
    bool oneIteration = false;
    // A jointed loop's frame: each iteration's reverse runs right after it,
    // so storage in it holds one iteration's values too (but its inner loops
    // are not checkpointed: it has no budget of its own).
    bool jointed = false;
  };

  // The iteration's slot in a tape: the iteration number, row-major over the
  // enclosing loops. Also the tape length (-1 when not known before running).
  struct Slot {
    ExprRef index;  // this iteration's slot; none: one value, a scalar (only jointed loops around)
    long size;      // slots in all, -1 when known only at run time
    ExprRef count;  // slots in all, as an expression
  };

  Slot tapeSlot() const;
  // `tape[slot] = value` and `tape[slot]` (the scalar tape itself without a slot).
  Stmt storeSlot(VarId tape, const ExprRef& value, const Slot& slot, int origin) const;
  ExprRef loadSlot(VarId tape, const Slot& slot) const;

  // Whether `loop` (top level, neither checkpointed nor a running extremum)
  // will be jointed if join() agrees: its storage is then laid out for one
  // iteration, and build() checks that it was.
  bool plannedJoint(const Stmt& loop) const;
  static bool costlyIteration(const Stmt& loop);

  // A tape of one `of` per slot: an automatic array, or in the work buffer.
  VarId newTape(const std::string& name, VarId of, const Slot& slot, int origin);

  // `e` with each integer local that is set once, at the top of the body, from
  // values never written again (an inlined helper's `int n`) replaced by its
  // definition: trip counts then read f's parameters (f_grad_work_bytes takes
  // those) or are constants.
  ExprRef throughCopies(const ExprRef& e);
  // A trip count that reads enclosing counters (`for (j = i + 1; j < d; ++j)`),
  // bounded over their ranges, so that tape slots are a fixed stride apart.
  ExprRef boundedTrip(const ExprRef& trip, const ExprRef& lo, const ExprRef& hi);

  // max(0, ceil((hi - lo) / step)) as an expression.
  static ExprRef tripCount(const ExprRef& lo, const ExprRef& hi, const ExprRef& step, long trip);

  // The variables assigned in `body` that live outside the loop.
  static std::set<int> loopsWithin(const Stmt& loop);

  std::vector<VarId> carriedBy(const Stmt& loop) const;

  // The overwrites in a loop body whose new values the recomputed iteration
  // reads again: a read of the array later in the body, or a read of another
  // element in the overwrite's own loop (a later trip may read it). The
  // others need not be replayed: the reverse sweep restores their elements
  // before anything reads them.
  static std::set<const Stmt*> replayedOverwrites(const Block& body, const Function& fn);

  // The forward body again, for the reverse iteration to read its values:
  // element writes are left out (their values are still in place).
  Block recompute(const Block& body, const Function& fn, const std::set<int>& inner) const;

  // The integers a loop's first statements set from its counter and values
  // it does not change (a run-time stride's `t = lo + t_trip * b`), which
  // the statements undoing its element overwrites index with: taken out of
  // `recomputed` (or copied), to run first in the reverse iteration.
  Block derivedCounters(const Stmt& loop, Block& recomputed) const;

  Block recompute(const Block& body, const Function& fn, const std::set<int>& inner,
                  const std::set<const Stmt*>& replayed) const;

  // Forward: the loop, taping what it carries at each iteration's start.
  // Reverse: the loop backwards; each iteration restores what it carried,
  // recomputes its own values, then runs its statements' reverse.
  void sweepLoop(const Stmt& loop, Block& fwd, Block& r);

  // A running max/min (`if (x[i] > m) m = x[i];`): the index of the last
  // update instead of a tape of m (reverse/Extremum.cpp). False: not one.
  bool sweepRunningExtremum(const Stmt& loop, Block& fwd, Block& r);

  // Under a storage budget, a top-level loop whose carried state would be
  // taped beyond it: binomial checkpointing (reverse/Checkpoint.cpp). False:
  // not such a loop; true with failed_ set: such a loop in a form not supported.
  bool sweepCheckpointed(const Stmt& loop, Block& fwd, Block& r);
  int checkpointedLoops_ = 0;  // loops made for checkpointing so far (their loop ids)
  // Inside a checkpointed loop's iteration: the budget its inner loops may
  // take for checkpoints of their own, and the body they are in.
  long nestedBudget_ = 0;
  const Block* checkpointedBody_ = nullptr;
  int freshLoopId();
  // `for (e = 0; e < n; ++e) to[at + e] = from[e]` (either side indexed by
  // `at`): a checkpointed array state kept or restored.
  Stmt copyLoop(VarId to, VarId from, long n, const ExprRef& toAt, const ExprRef& fromAt, int origin);
  // A bound on an inner loop's trip count inside a checkpointed loop, from
  // the fixed-size local arrays its body indexes by its counter (-1: none).
  long tripBoundFromExtents(const Stmt& loop) const;

  // `v = t` after `t = v + e` at the top of the body, v and t read nowhere
  // else: the adjoint of v passes through each iteration unchanged.
  bool isRunningSum(const Stmt& loop, VarId v) const;

  // A jointed loop's reverse iteration: the iteration's reverse without the
  // restores of carried values (outside inner loops), which would undo the
  // forward iteration that just ran.
  static Block withoutRestores(const Block& rbody, const std::vector<VarId>& carried);

  // The carried variables, when the loop can be jointed: no return, no
  // element written for later, each active carried value a running sum.
  // `localOverwrites`: arrays declared in the loop may be written over
  // (jointing; not for checkpointing, which counts such a loop as keeping state).
  std::optional<std::vector<VarId>> jointCarried(const Stmt& loop, bool localOverwrites = false) const;

  void emit(Block& r, Stmt s);

  void reverseAssign(const Stmt& s, VarId saved, Block& r);

  // Inlines a rule: its parameters become the call's operands, its result
  // the assigned variable, its seed the adjoint, its adjoint pointers the
  // operands' adjoints (dropped for inactive operands). `args` are s's
  // operands, or those a shape rule takes.
  void applyRule(const Rule& rule, const Stmt& s, const std::vector<ExprRef>& args, VarId dv, Block& r);
  // The rule for a shape of e's operator (1/b, a*a), if it has one.
  const Rule* shapeRule(const Expr& e) const;

  // `t = c * a; u = t * a` (either operand order), as lowering writes
  // `c * a * a`: u's reverse is the rule "c*a*a" (d_a += 2ca d_u, d_c +=
  // a² d_u, nothing through t), not the product rule's two accumulations.
  struct ScaledSquare {
    VarId scaled;    // t
    VarId base;      // a
    ExprRef factor;  // c
  };
  void findScaledSquares(const Block& b);
  std::map<VarId, ScaledSquare> scaledSquares_;  // by u (its statement still checked: u may be assigned elsewhere)

  void instantiate(const Block& ruleBlock, const std::vector<ExprRef>& byVar, const std::vector<VarId>& target,
                   const Type& type, int origin, Block& r);

  // Lowering gives every active operand its own variable; an operand that is
  // not a variable must be constant here, or its adjoint would be lost.
  void requirePassive(const ExprRef& arg, const Stmt& s);

  // A call to another marked function: its pullback does the work.
  void pullbackCall(const Stmt& s, VarId dv, Block& r);

  const Function& src_;
  const Activity& act_;
  std::set<const Stmt*> useless_;  // assignments whose value never reaches the result (analyses/Activity)
  const ReverseEnv& env_;
  Function out_;
  VarId seedVar_ = kNoVar;
  std::vector<VarId> adjoint_;
  std::vector<LoopFrame> loops_;
  std::optional<std::vector<ExprRef>> integerDefinitions_;  // throughCopies, by variable
  std::map<int, Block> checkpoints_;  // inner loop id -> what replaces it when recomputing
  std::map<const Stmt*, Stmt> keptCalls_;  // costly call in the loop being built -> its kept result
  std::set<VarId> keptTapes_;   // where loops keep such results (full: never recomputed)
  std::set<VarId> keptInWork_;  // those in the work buffer
  std::set<VarId> overwrittenArrays_;  // arrays with elements saved before an overwrite
  std::set<VarId> elementTapes_;       // where loops keep those elements
  std::map<const Stmt*, ExprRef> oldElement_;  // overwrite -> where its old element is kept
  // An overwrite under an `if` in a loop: its element as it was before the
  // loop body's outermost `if`, saved whether or not the branch runs, which
  // undo() puts back (the iteration's own save runs only with the branch).
  std::map<const Stmt*, ExprRef> beforeBranch_;
  Block* branchSaves_ = nullptr;  // sweeping such an `if`: where those saves go
  std::vector<JointLoop> joints_;
  const std::set<int> split_;
  const bool keepInWork_;
  std::set<int> topLevelLoops_;  // loops directly in the body (join() finds only those)
  std::set<int> plannedJoints_;  // laid out for one iteration
  std::set<int> refused_;
  bool failed_ = false;
};

}  // namespace gradc::reversal

#endif  // GRADC_REVERSE_BUILDER_H
