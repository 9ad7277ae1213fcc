#include "emit/Names.h"

#include <algorithm>
#include <cctype>

namespace gradc {

void VisibleNames::take(const std::string& name) {
  if (taken_.insert(name).second) log_.push_back(name);
}

std::string VisibleNames::candidate(const Sequence& seq, long k) {
  if (seq.second) return seq.first + std::to_string(k);
  return k == 0 ? seq.first : seq.first + "_" + std::to_string(k);
}

std::string VisibleNames::takeFirstFree(const std::string& base, bool numbered) {
  Sequence seq{base, numbered};
  long& k = firstMaybeFree_[seq];
  std::string name = candidate(seq, k);
  while (taken(name)) name = candidate(seq, ++k);
  take(name);
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

}  // namespace gradc
