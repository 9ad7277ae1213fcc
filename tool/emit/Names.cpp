#include "emit/Names.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <unordered_map>

namespace gradc {

void VisibleNames::take(const std::string& name) {
  if (taken_.insert(name).second) log_.push_back(name);
}

std::string VisibleNames::candidate(const Sequence& seq, long k) {
  if (seq.second) return seq.first + std::to_string(k);
  return k == 0 ? seq.first : seq.first + "_" + std::to_string(k);
}

std::string VisibleNames::takeFirstFree(const std::string& base, bool numbered, bool forever) {
  Sequence seq{base, numbered};
  long& k = firstMaybeFree_[seq];
  std::string name = candidate(seq, k);
  while (taken(name)) name = candidate(seq, ++k);
  if (forever) kept_.insert(name);
  else take(name);
  ++k;
  return name;
}

void VisibleNames::close(size_t mark) {
  while (log_.size() > mark) {
    taken_.erase(log_.back());
    forget(log_.back());
    log_.pop_back();
  }
}

void VisibleNames::forget(const std::string& name) {
  auto lower = [&](const Sequence& seq, long k) {
    auto it = firstMaybeFree_.find(seq);
    if (it != firstMaybeFree_.end()) it->second = std::min(it->second, k);
  };
  lower({name, false}, 0);
  // Every split into a base and a number as std::to_string writes it.
  for (size_t start = name.size(); start > 0 && std::isdigit(static_cast<unsigned char>(name[start - 1])); --start) {
    std::string digits = name.substr(start - 1);
    if (digits.size() > 1 && digits[0] == '0') continue;
    if (digits.size() > 18) break;  // beyond any index a sequence reaches
    long k = std::stol(digits);
    std::string base = name.substr(0, start - 1);
    lower({base, true}, k);
    if (k > 0 && !base.empty() && base.back() == '_') lower({base.substr(0, base.size() - 1), false}, k);
  }
}

ir::VarId firstNameClash(const ir::Function& fn, const std::vector<std::string>& names) {
  using namespace ir;
  std::unordered_map<std::string, std::vector<VarId>> bound;  // name -> the variables declaring it, innermost last
  VarId clash = kNoVar;
  auto declare = [&](VarId v) {
    std::vector<VarId>& b = bound[names[static_cast<size_t>(v)]];
    if (clash == kNoVar && !b.empty() && b.back() != v) clash = v;
    b.push_back(v);
  };
  // A use must see its own variable, not another of that name declared since.
  auto use = [&](VarId v) {
    if (v == kNoVar || clash != kNoVar) return;
    auto it = bound.find(names[static_cast<size_t>(v)]);
    if (it != bound.end() && !it->second.empty() && it->second.back() != v) clash = it->second.back();
  };
  // In scope everywhere: the parameters, the members bound at the top, the
  // work buffer's tapes.
  for (size_t v = 0; v < fn.vars.size(); ++v) {
    const Var& var = fn.vars[v];
    bool top = var.role == VarRole::Param || var.role == VarRole::AdjointOut || var.role == VarRole::Seed ||
               (var.isMember() && var.memberRank != kElementMember);
    if (top && !names[v].empty()) declare(static_cast<VarId>(v));
  }
  for (const auto& tape : fn.runtimeTapes) declare(tape.first);
  // (an element member `ps[i].x` is its array's name)
  auto useRoot = [&](VarId v) { use(fn.var(v).memberRank == kElementMember ? fn.var(v).memberRoot : v); };
  walkScopes(fn, declare, useRoot, [&](VarId v) { bound[names[static_cast<size_t>(v)]].pop_back(); });
  return clash;
}

std::string declaredDimsSuffix(const ir::Var& v) {
  std::string out;
  if (v.declaredDims.size() > 1)
    for (long d : v.declaredDims) out += d < 0 ? "[]" : "[" + std::to_string(d) + "]";
  return out;
}

std::string shapedDeclarator(const ir::Var& v, const std::string& name) {
  return (v.declaredByReference ? "(&" + name + ")" : name) + declaredDimsSuffix(v);
}

std::string firstElement(const ir::Var& v, const std::string& name) {
  if (v.declaredDims.size() < 2) return name;
  std::string out = "&" + name;
  for (size_t k = 0; k < v.declaredDims.size(); ++k) out += "[0]";
  return out;
}

}  // namespace gradc
