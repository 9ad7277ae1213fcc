// Emitter of the computation graph in Graphviz DOT (see Graph.h).
#include "emit/Graph.h"

#include "emit/Expressions.h"

#include <map>
#include <set>
#include <sstream>

namespace gradc {

using namespace ir;

namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n')
      out += "\\n";  // DOT's line break
    else
      out += c;
  }
  return out + "\"";
}

class GraphPrinter {
 public:
  GraphPrinter(const GraphInput& in, int index, std::ostream& os)
      : fn_(*in.source), active_(in.active), prefix_("f" + std::to_string(index) + "_"), os_(os) {
    names_.resize(fn_.vars.size());
    // Temporaries all start as `t`: number them, as the three-address form has them.
    for (size_t v = 0; v < fn_.vars.size(); ++v)
      names_[v] = fn_.vars[v].name + (fn_.vars[v].role == VarRole::Temp ? std::to_string(v) : "");
    // What the pullback stores: tapes and saved copies name their value.
    for (const Var& v : in.pullback->vars)
      if (v.role == VarRole::Saved && v.primal != kNoVar && static_cast<size_t>(v.primal) < fn_.vars.size())
        taped_.insert(v.primal);
  }

  void print() {
    os_ << "  subgraph cluster_" << prefix_ << " {\n    label=" << quoted(fn_.name + " (line " + std::to_string(fn_.sourceLine) + ")")
        << ";\n";
    for (VarId p : fn_.params) {
      const Var& v = fn_.var(p);
      std::string id = prefix_ + "p" + std::to_string(p);
      bool wrt = std::find(fn_.wrt.begin(), fn_.wrt.end(), p) != fn_.wrt.end();
      os_ << "    " << id << " [shape=box, label=" << quoted(v.name + (v.isArray() ? "[]" : "") + (wrt ? "\n(differentiated)" : ""))
          << (wrt ? ", style=bold" : ", color=grey50, fontcolor=grey50") << "];\n";
      last_[p] = id;
    }
    block(fn_.body, -1, "    ");
    if (fn_.result != kNoVar && last_.count(fn_.result)) {
      os_ << "    " << prefix_ << "out [shape=doublecircle, label=\"return\"];\n";
      edges_.push_back(last_[fn_.result] + " -> " + prefix_ + "out");
    }
    os_ << "  }\n";
    for (const std::string& e : edges_) os_ << "  " << e << ";\n";
  }

 private:
  void block(const Block& b, int loop, const std::string& pad) {
    for (const Stmt& s : b) {
      switch (s.kind) {
        case StmtKind::Assign:
        case StmtKind::Accumulate: node(s, loop, pad); break;
        case StmtKind::If:
          reads(s.value, "");  // the condition decides, no edge of its own
          block(s.thenBlock, loop, pad);
          block(s.elseBlock, loop, pad);
          break;
        case StmtKind::For:
          os_ << pad << "subgraph cluster_" << prefix_ << "loop" << s.loopId << " {\n"
              << pad << "  label=" << quoted(originText(s)) << "; style=rounded;\n";
          block(s.thenBlock, s.loopId, pad + "  ");
          os_ << pad << "}\n";
          break;
        case StmtKind::Return:
        case StmtKind::PullbackCall:
        case StmtKind::Effect: break;  // (no value flows through a call made for its effects)
      }
    }
  }

  void node(const Stmt& s, int loop, const std::string& pad) {
    const Var& v = fn_.var(s.dst);
    std::string id = prefix_ + "n" + std::to_string(count_++);
    std::string what = names_[static_cast<size_t>(s.dst)] + (s.index ? "[" + ExprPrinter(fn_, names_).expr(*s.index, 0) + "]" : "") +
                       (s.kind == StmtKind::Accumulate ? " += " : " = ") + ExprPrinter(fn_, names_).expr(*s.value, 0);
    std::string how, style;
    if (!v.type.isFloating() || !active_(s.dst)) {
      how = "passive";
      style = "color=grey60, fontcolor=grey40";
    } else if (taped_.count(s.dst) && (loop >= 0 || s.overwrites)) {
      how = "taped";
      style = "style=filled, fillcolor=orange";
    } else if (loop >= 0) {
      how = "recomputed";
      style = "style=\"filled,dashed\", fillcolor=lightblue";
    } else {
      how = "kept";
      style = "style=filled, fillcolor=palegreen";
    }
    std::string line = s.origin >= 0 ? "line " + std::to_string(fn_.origins[static_cast<size_t>(s.origin)].line) + ": " : "";
    os_ << pad << id << " [label=" << quoted(line + what + "\n" + how) << ", " << style << "];\n";
    reads(s.value, id);
    if (s.index) reads(s.index, id);
    if (s.kind == StmtKind::Accumulate || s.index) edge(s.dst, id);  // the old value flows in
    last_[s.dst] = id;
  }

  // Edges from the operations that last defined what e reads.
  void reads(const ExprRef& e, const std::string& to) {
    if (to.empty() || !e) return;
    std::vector<VarId> vars;
    collectReads(e, vars);
    std::set<VarId> seen;
    for (VarId r : vars)
      if (seen.insert(r).second) edge(r, to);
  }

  // (Edges go after the clusters: DOT makes a node a member of every
  // subgraph that mentions it, so an edge inside a loop would pull the
  // value it reads into the loop's box.)
  void edge(VarId from, const std::string& to) {
    auto it = last_.find(from);
    if (it != last_.end() && it->second != to) edges_.push_back(it->second + " -> " + to);
  }

  std::string originText(const Stmt& s) const {
    if (s.origin < 0) return "loop";
    const Origin& o = fn_.origins[static_cast<size_t>(s.origin)];
    return "line " + std::to_string(o.line) + ": " + o.text;
  }

  const Function& fn_;
  std::function<bool(VarId)> active_;
  std::string prefix_;
  std::ostream& os_;
  std::vector<std::string> names_;
  std::set<VarId> taped_;
  std::map<VarId, std::string> last_;
  std::vector<std::string> edges_;  // the node that last defined each variable
  int count_ = 0;
};

}  // namespace

std::string emitGraph(const std::vector<GraphInput>& functions) {
  std::ostringstream os;
  os << "// Generated by gradc --graph: render with `dot -Tsvg`.\n"
     << "// orange: taped by the forward sweep; blue, dashed: recomputed by the reverse loop;\n"
     << "// green: kept in the frame; grey: passive (no adjoint).\n"
     << "digraph gradc {\n  rankdir=TB;\n  node [shape=box, style=rounded, fontname=\"monospace\", fontsize=10];\n";
  for (size_t i = 0; i < functions.size(); ++i) GraphPrinter(functions[i], static_cast<int>(i), os).print();
  os << "}\n";
  return os.str();
}

}  // namespace gradc
