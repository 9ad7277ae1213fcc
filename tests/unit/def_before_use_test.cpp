// check/DefBeforeUse over hand-built functions: what it must refuse (the
// shape of gradc issue 24's bug: an array declared in a reverse loop body and
// never refilled) and what it must accept (the patterns the pipeline emits).
#include "check/DefBeforeUse.h"

#include <gtest/gtest.h>

namespace {

using namespace gradc::ir;

const Type kDouble = Type::floating(TypeKind::Double);
const Type kInt = Type::integer("int");

struct Builder {
  Function fn;

  Builder() {
    fn.kind = FunctionKind::Pullback;
    fn.name = "f";
  }
  VarId var(const std::string& name, VarRole role, long arraySize = -1) {
    Var v;
    v.name = name;
    v.type = kDouble;
    v.role = role;
    v.arraySize = arraySize;
    return fn.addVar(v);
  }
  VarId counter(const std::string& name) {
    Var v;
    v.name = name;
    v.type = kInt;
    return fn.addVar(v);
  }
  ExprRef num(double x) const { return constant(x, kDouble); }
  ExprRef at(VarId a, VarId k) const { return load(a, fn.ref(k), kDouble); }
  Stmt declareArray(VarId a, bool zeroed = false) const {
    Stmt d;
    d.dst = a;
    d.declares = true;
    if (zeroed) d.value = num(0);
    return d;
  }
  Stmt store(VarId a, VarId k, ExprRef value) const {
    Stmt s = assign(a, std::move(value), -1);
    s.index = fn.ref(k);
    return s;
  }
  Stmt forLoop(VarId k, long n, Block body) const {
    Stmt f;
    f.kind = StmtKind::For;
    f.dst = k;
    f.args = {constant(0, kInt, "0"), constant(static_cast<double>(n), kInt), constant(1, kInt, "1")};
    f.thenBlock = std::move(body);
    f.loopId = static_cast<int>(k);
    return f;
  }
};

// for j: { double probs[4]; for k: d_W[k] += probs[k]; }: the reverse
// iteration's fresh copy is read without being refilled.
TEST(DefBeforeUse, FreshArrayInLoopReadWithoutRefill) {
  Builder b;
  VarId dW = b.var("d_W", VarRole::AdjointOut, 4);
  VarId probs = b.var("probs", VarRole::Local, 4);
  VarId j = b.counter("j"), k = b.counter("k");
  Stmt acc = accumulate(dW, b.at(probs, k), -1);
  acc.index = b.fn.ref(k);
  b.fn.body = {b.forLoop(j, 3, {b.declareArray(probs), b.forLoop(k, 4, {acc})})};
  auto bad = gradc::findUseBeforeDef(b.fn);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->var, probs);

  // Refilled in the iteration (as the fix does): accepted.
  b.fn.body[0].thenBlock[1].thenBlock.insert(b.fn.body[0].thenBlock[1].thenBlock.begin(),
                                            b.store(probs, k, b.num(1)));
  EXPECT_FALSE(gradc::findUseBeforeDef(b.fn));
}

// The same array declared once at the function level, filled in the first
// iteration only: each iteration of the loop is a fresh instance only when
// the declaration is inside it.
TEST(DefBeforeUse, ArrayDeclaredOutsideKeepsItsElements) {
  Builder b;
  VarId out = b.var("out", VarRole::AdjointOut, 4);
  VarId tape = b.var("x_tape", VarRole::Saved, 4);
  VarId k = b.counter("k"), k2 = b.counter("k2");
  Stmt acc = accumulate(out, b.at(tape, k2), -1);
  acc.index = b.fn.ref(k2);
  b.fn.body = {b.declareArray(tape), b.forLoop(k, 4, {b.store(tape, k, b.num(2))}), b.forLoop(k2, 4, {acc})};
  EXPECT_FALSE(gradc::findUseBeforeDef(b.fn));  // a tape read by a later loop
  b.fn.body.erase(b.fn.body.begin() + 1);
  auto bad = gradc::findUseBeforeDef(b.fn);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->var, tape);
  b.fn.body[0] = b.declareArray(tape, true);  // `= {}`
  EXPECT_FALSE(gradc::findUseBeforeDef(b.fn));
}

TEST(DefBeforeUse, Scalars) {
  Builder b;
  VarId x = b.var("x", VarRole::Param);
  VarId dx = b.var("d_x", VarRole::AdjointOut);
  VarId s = b.var("s", VarRole::Local);
  VarId t = b.var("t", VarRole::Temp);
  VarId k = b.counter("k");
  // s += x with s never written: an accumulation reads.
  b.fn.body = {accumulate(s, b.fn.ref(x), -1)};
  auto bad = gradc::findUseBeforeDef(b.fn);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->var, s);

  // s = 0; for k { t = s * x; s = t; }: read in the loop before the body
  // writes it again, written before the loop.
  b.fn.body = {assign(s, b.num(0), -1),
               b.forLoop(k, 3, {assign(t, binary(Op::Mul, b.fn.ref(s), b.fn.ref(x), kDouble), -1),
                                assign(s, b.fn.ref(t), -1)}),
               accumulate(dx, b.fn.ref(s), -1)};
  EXPECT_FALSE(gradc::findUseBeforeDef(b.fn));
  // Without the write before the loop, the first iteration reads garbage.
  b.fn.body.erase(b.fn.body.begin());
  bad = gradc::findUseBeforeDef(b.fn);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->var, s);
}

TEST(DefBeforeUse, BranchesMustBothWrite) {
  Builder b;
  VarId x = b.var("x", VarRole::Param);
  VarId dx = b.var("d_x", VarRole::AdjointOut);
  VarId y = b.var("y", VarRole::Local);
  Stmt branch;
  branch.kind = StmtKind::If;
  branch.value = binary(Op::Gt, b.fn.ref(x), b.num(0), Type::boolean());
  branch.thenBlock = {assign(y, b.num(1), -1)};
  b.fn.body = {branch, accumulate(dx, b.fn.ref(y), -1)};
  auto bad = gradc::findUseBeforeDef(b.fn);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->var, y);
  // An else that returns (abandons) reaches nothing after the if.
  Stmt abandon;
  abandon.kind = StmtKind::Return;
  b.fn.body[0].elseBlock = {abandon};
  EXPECT_FALSE(gradc::findUseBeforeDef(b.fn));
  b.fn.body[0].elseBlock = {assign(y, b.num(2), -1)};
  EXPECT_FALSE(gradc::findUseBeforeDef(b.fn));
}

// A tape written under an `if` is declared zeroed (emit), and an array
// taking a dead one's storage holds its elements: both are readable.
TEST(DefBeforeUse, ZeroedAndReusedStorage) {
  Builder b;
  VarId x = b.var("x", VarRole::Param);
  VarId dx = b.var("d_x", VarRole::AdjointOut);
  VarId tape = b.var("c_tape", VarRole::Saved, 3);
  VarId other = b.var("z", VarRole::Local, 3);
  VarId reused = b.var("d_z", VarRole::Adjoint, 3);
  VarId k = b.counter("k");
  Stmt branch;
  branch.kind = StmtKind::If;
  branch.value = binary(Op::Gt, b.fn.ref(x), b.num(0), Type::boolean());
  branch.thenBlock = {b.store(tape, k, b.num(1))};
  Stmt accTape = accumulate(dx, b.at(tape, k), -1);
  Stmt accReused = accumulate(dx, b.at(reused, k), -1);
  b.fn.body = {b.declareArray(tape), b.forLoop(k, 3, {branch}), b.forLoop(k, 3, {accTape})};
  EXPECT_FALSE(gradc::findUseBeforeDef(b.fn));
  b.fn.body = {b.declareArray(other), b.forLoop(k, 3, {b.store(other, k, b.num(1))}), b.declareArray(reused),
               b.forLoop(k, 3, {accReused})};
  auto bad = gradc::findUseBeforeDef(b.fn);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->var, reused);
  b.fn.var(reused).reusesStorageOf = other;
  EXPECT_FALSE(gradc::findUseBeforeDef(b.fn));
}

// An element saved before its first write (`probs_tape[s] = probs[k]`, the
// overwrite analysis being conservative) copies garbage that is only ever
// put back before the element is written again: moving is not using. A use
// of what was copied is refused, naming where it came from.
TEST(DefBeforeUse, CopiesMoveWhatIsWritten) {
  Builder b;
  VarId dx = b.var("d_x", VarRole::AdjointOut);
  VarId probs = b.var("probs", VarRole::Local, 4);
  VarId tape = b.var("probs_tape", VarRole::Saved, 4);
  VarId t = b.var("t", VarRole::Temp);
  VarId k = b.counter("k"), k2 = b.counter("k2");
  Stmt save = b.store(tape, k, b.at(probs, k));
  Stmt restore = b.store(probs, k2, b.at(tape, k2));
  Stmt use = accumulate(dx, b.at(probs, k2), -1);
  b.fn.body = {b.declareArray(tape), b.declareArray(probs),
               b.forLoop(k, 4, {save, b.store(probs, k, b.num(1))}),
               b.forLoop(k2, 4, {use, restore})};
  EXPECT_FALSE(gradc::findUseBeforeDef(b.fn));
  // Reading the saved garbage itself, through a temporary.
  b.fn.body[3].thenBlock = {assign(t, b.at(tape, k2), -1), accumulate(dx, b.fn.ref(t), -1)};
  auto bad = gradc::findUseBeforeDef(b.fn);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->var, probs);
  // Copied out to the caller: an escape, not a move.
  b.fn.var(dx).arraySize = 4;
  b.fn.body[3].thenBlock = {b.store(dx, k2, b.at(tape, k2))};
  bad = gradc::findUseBeforeDef(b.fn);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->var, probs);
}

}  // namespace
