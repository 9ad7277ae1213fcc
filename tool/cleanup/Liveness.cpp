#include "cleanup/Liveness.h"

#include "cleanup/Sites.h"

#include <algorithm>
#include <unordered_map>

namespace gradc::cleaning {

using namespace ir;

namespace {

// Whether writing `v` is seen outside the function (adjoint outputs, output
// arrays) and so is never dead.
bool observable(const Var& v) {
  return v.role == VarRole::AdjointOut || (v.role == VarRole::Param && v.isPointer);
}

// Backward liveness over structured code. Arrays are live as a whole (an
// element write never kills). With `apply`, removes statements whose results
// nothing observable reads.
//
// The live set is one set updated in place, with a log of its changes: a
// branch or a loop body is walked on the set as it stands, and the log undoes
// or merges what it did, so an `if` costs what its branches hold rather than
// a copy of everything live around it.
class Liveness {
 public:
  Liveness(Function& fn, bool& changed)
      : fn_(fn), changed_(changed), live_(fn.vars.size(), false), seen_(fn.vars.size(), 0) {}

  void run() { walk(fn_.body, true); }

 private:
  bool has(VarId v) const { return v >= 0 && live_[static_cast<size_t>(v)]; }
  void insert(VarId v) {
    if (v < 0 || live_[static_cast<size_t>(v)]) return;
    log_.push_back({v, false});
    live_[static_cast<size_t>(v)] = true;
  }
  void erase(VarId v) {
    if (v < 0 || !live_[static_cast<size_t>(v)]) return;
    log_.push_back({v, true});
    live_[static_cast<size_t>(v)] = false;
  }
  void undo(size_t mark) {
    for (; log_.size() > mark; log_.pop_back()) live_[static_cast<size_t>(log_.back().first)] = log_.back().second;
  }
  // The variables changed since `mark`, once each: with their value now
  // (`now`) or before the first change (otherwise).
  std::vector<std::pair<VarId, bool>> changedSince(size_t mark, bool now) {
    ++stamp_;
    std::vector<std::pair<VarId, bool>> out;
    for (size_t i = mark; i < log_.size(); ++i) {
      VarId v = log_[i].first;
      if (seen_[static_cast<size_t>(v)] == stamp_) continue;
      seen_[static_cast<size_t>(v)] = stamp_;
      out.push_back({v, now ? live_[static_cast<size_t>(v)] : log_[i].second});
    }
    return out;
  }
  void readInto(const ExprRef& e) {
    if (!e) return;
    reads_.clear();
    collectReads(e, reads_);
    for (VarId v : reads_) insert(v);
  }

  void walk(Block& b, bool apply) {
    std::vector<bool> gone;
    for (size_t i = b.size(); i-- > 0;) {
      Stmt& s = b[i];
      bool keep = true;
      switch (s.kind) {
        case StmtKind::Return:
          readInto(s.value);
          break;
        case StmtKind::Assign:
        case StmtKind::Accumulate: {
          const Var& v = fn_.var(s.dst);
          if (!observable(v) && !has(s.dst)) {
            keep = false;
            break;
          }
          if (s.kind == StmtKind::Assign && !observable(v) && !v.isArray()) erase(s.dst);
          if (s.kind == StmtKind::Accumulate) insert(s.dst);
          readInto(s.value);
          readInto(s.index);
          break;
        }
        case StmtKind::If: {
          size_t mark = log_.size();
          walk(s.thenBlock, apply);
          std::vector<std::pair<VarId, bool>> afterThen = changedSince(mark, true);
          undo(mark);
          walk(s.elseBlock, apply);
          if (s.thenBlock.empty() && s.elseBlock.empty()) {
            undo(mark);
            keep = false;
            break;
          }
          // Live after either branch: what the else branch left, plus what
          // the then branch made live, plus what it left live that the else
          // branch killed.
          std::vector<std::pair<VarId, bool>> beforeElse = changedSince(mark, false);
          ++stamp_;
          for (const auto& c : afterThen) seen_[static_cast<size_t>(c.first)] = stamp_;
          unsigned thenStamp = stamp_;
          for (const auto& c : afterThen)
            if (c.second) insert(c.first);
          for (const auto& c : beforeElse)
            if (c.second && seen_[static_cast<size_t>(c.first)] != thenStamp) insert(c.first);
          readInto(s.value);
          break;
        }
        case StmtKind::For: {
          // The body runs zero or more times: iterate to a fixed point. The
          // set holds `out` (live at the end of an iteration), which starts
          // as what is live after the loop and only grows; `before` keeps
          // what was live after the loop for each variable `out` has changed.
          size_t start = log_.size();
          std::unordered_map<VarId, bool> before;
          auto liveAfterLoop = [&](VarId v) {
            auto it = before.find(v);
            return it != before.end() ? it->second : has(v);
          };
          // Sets the set (holding `out`) to `out` ∪ (what `in` says): the
          // variables an iteration changed, with their value at its start.
          auto merge = [&](const std::vector<std::pair<VarId, bool>>& in) {
            bool grew = false;
            for (const auto& [v, isLive] : in) {
              bool want = liveAfterLoop(v) || isLive;
              if (want == has(v)) continue;
              before.emplace(v, has(v));
              want ? insert(v) : erase(v);
              grew = true;
            }
            return grew;
          };
          while (true) {
            size_t mark = log_.size();
            walk(s.thenBlock, false);
            std::vector<std::pair<VarId, bool>> in = changedSince(mark, true);
            undo(mark);
            if (!merge(in)) break;
          }
          size_t mark = log_.size();
          walk(s.thenBlock, apply);
          if (s.thenBlock.empty()) {
            undo(start);
            keep = false;
            break;
          }
          std::vector<std::pair<VarId, bool>> in = changedSince(mark, true);
          undo(mark);
          merge(in);
          erase(s.dst);
          for (const auto& a : s.args) readInto(a);
          break;
        }
        case StmtKind::Effect:  // always kept: its effect is the point
          for (const auto& a : s.args) readInto(a);
          break;
        case StmtKind::PullbackCall: {
          bool any = std::any_of(s.outs.begin(), s.outs.end(), [&](VarId o) {
            return fn_.var(o).role == VarRole::AdjointOut || has(o);
          });
          if (!any) {
            keep = false;
            break;
          }
          for (VarId o : s.outs) insert(o);
          for (const auto& a : s.args) readInto(a);
          break;
        }
      }
      if (!keep && apply) {
        if (gone.empty()) gone.assign(b.size(), false);
        gone[i] = true;
        changed_ = true;
      }
    }
    if (!gone.empty()) eraseMarked(b, gone);
  }

  Function& fn_;
  bool& changed_;
  std::vector<bool> live_;                     // by variable
  std::vector<std::pair<VarId, bool>> log_;    // each change: the variable, and whether it was live
  std::vector<unsigned> seen_;                 // scratch for changedSince
  unsigned stamp_ = 0;
  std::vector<VarId> reads_;
};

}  // namespace

bool removeDeadCode(Function& fn) {
  bool changed = false;
  Liveness(fn, changed).run();
  return changed;
}

}  // namespace gradc::cleaning
