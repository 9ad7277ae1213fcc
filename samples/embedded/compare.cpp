// Compares what a program printed on the host with what the same program
// printed on the board (print.hpp's format):
//
//   compare <host.txt> <board.txt> <max-ulp> [<max-scaled-ulp>]
//
// Lines starting with '#' are commentary and are skipped. Every other line is
// "<name> <8 hex digits> <decimal>"; the two files must have the same names in
// the same order, and each pair of floats must be within <max-ulp> units in
// the last place (0: bit-identical; the whole line must then match too).
// An entry that is small because of cancellation can differ by many of its
// own ULPs, so the differences are also measured in ULPs of the largest
// magnitude of the quantity (the name up to '['): "scaled ULP", bounded by
// <max-scaled-ulp> (default: <max-ulp>). Prints the worst of both per
// quantity, and exits non-zero on any mismatch.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Line {
  int number;
  std::string text, name;
  uint32_t bits;
};

bool Read(const char* path, std::vector<Line>* out) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "compare: cannot read " << path << "\n";
    return false;
  }
  std::string text;
  for (int number = 1; std::getline(in, text); ++number) {
    if (text.empty() || text[0] == '#') continue;
    std::istringstream fields(text);
    std::string name, hex;
    if (!(fields >> name >> hex) || hex.size() != 8 ||
        hex.find_first_not_of("0123456789abcdef") != std::string::npos) {
      std::cerr << path << ":" << number << ": not '<name> <bits> <decimal>': " << text << "\n";
      return false;
    }
    out->push_back({number, text, name, static_cast<uint32_t>(std::strtoul(hex.c_str(), nullptr, 16))});
  }
  return true;
}

// Floats as integers that order like the floats (-0 and +0 both map to 0),
// so the difference of two keys counts the floats between them.
int64_t Key(uint32_t bits) {
  return (bits & 0x80000000u) ? -static_cast<int64_t>(bits & 0x7fffffffu) : static_cast<int64_t>(bits);
}

bool IsNaN(uint32_t bits) { return (bits & 0x7f800000u) == 0x7f800000u && (bits & 0x007fffffu) != 0; }

double Value(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return static_cast<double>(f);
}

// The spacing of floats at |x| (at least the smallest subnormal).
double Spacing(double x) {
  int e;
  std::frexp(x, &e);
  return std::ldexp(1.0, std::max(e - 24, -149));
}

std::string Quantity(const std::string& name) { return name.substr(0, name.find('[')); }

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) {
    std::cerr << "usage: compare <host.txt> <board.txt> <max-ulp> [<max-scaled-ulp>]\n";
    return 2;
  }
  const int64_t max_ulp = std::atoll(argv[3]);
  const double max_scaled = argc == 5 ? std::atof(argv[4]) : static_cast<double>(max_ulp);
  std::vector<Line> host, board;
  if (!Read(argv[1], &host) || !Read(argv[2], &board)) return 2;
  if (host.empty()) {
    std::cerr << "compare: " << argv[1] << " has no values\n";
    return 1;
  }
  if (host.size() != board.size())
    std::cerr << "compare: " << host.size() << " values on the host, " << board.size() << " on the board\n";

  const size_t n = std::min(host.size(), board.size());
  // The largest magnitude of each quantity, over the host's consecutive run of it.
  std::vector<double> scale(n);
  for (size_t i = 0; i < n;) {
    size_t j = i;
    double m = 0.0;
    for (; j < n && Quantity(host[j].name) == Quantity(host[i].name); ++j) m = std::max(m, std::fabs(Value(host[j].bits)));
    std::fill(scale.begin() + i, scale.begin() + j, m);
    i = j;
  }

  struct Worst {
    int64_t ulp = 0;
    double scaled = 0.0;
  };
  std::map<std::string, Worst> worst;
  std::vector<std::string> order;
  Worst overall;
  size_t identical = 0, bad = 0;
  for (size_t i = 0; i < n; ++i) {
    const Line &h = host[i], &b = board[i];
    const std::string quantity = Quantity(h.name);
    if (!worst.count(quantity)) order.push_back(quantity);
    int64_t d = Key(h.bits) - Key(b.bits);
    d = d < 0 ? -d : d;
    double scaled = std::fabs(Value(h.bits) - Value(b.bits)) / Spacing(scale[i]);
    if (IsNaN(h.bits) || IsNaN(b.bits)) {
      d = IsNaN(h.bits) && IsNaN(b.bits) ? 0 : INT64_MAX;
      scaled = d ? INFINITY : 0.0;
    }
    Worst& w = worst[quantity];
    w.ulp = std::max(w.ulp, d);
    w.scaled = std::max(w.scaled, scaled);
    overall.ulp = std::max(overall.ulp, d);
    overall.scaled = std::max(overall.scaled, scaled);
    identical += h.bits == b.bits;
    const bool ok = h.name == b.name && d <= max_ulp && scaled <= max_scaled && (max_ulp > 0 || h.text == b.text);
    if (!ok && ++bad <= 10)
      std::cerr << "mismatch: host line " << h.number << " '" << h.text << "' vs board line " << b.number
                << " '" << b.text << "' (" << d << " ULP, " << scaled << " scaled)\n";
  }
  for (const std::string& q : order)
    std::printf("%-14s worst %4lld ULP, %6.2f scaled ULP\n", q.c_str(), static_cast<long long>(worst[q].ulp),
                worst[q].scaled);
  std::printf("%zu values, %zu bit-identical, worst %lld ULP (allowed %lld), %.2f scaled ULP (allowed %.2f)\n",
              n, identical, static_cast<long long>(overall.ulp), static_cast<long long>(max_ulp), overall.scaled,
              max_scaled);
  const bool pass = bad == 0 && host.size() == board.size();
  std::printf("%s\n", pass ? "PASS" : "FAIL");
  return pass ? 0 : 1;
}
