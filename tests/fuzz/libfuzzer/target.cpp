// libFuzzer target: runs gradc's whole pipeline (tool/Driver.h) on mutated
// C++ sources. A crash, a sanitizer report, or a broken output contract
// (exit status other than 0/1, an output file after a failure, none after a
// success, a temporary file left behind) is a finding.
//
// Inputs start from the repository's test sources (seed corpus); besides
// libFuzzer's byte-level mutations, a token-level mutator swaps numbers,
// identifiers and operators and moves lines, so that more mutants still
// compile and reach the stages after Clang's parser.
#include "Driver.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <unistd.h>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

namespace {

std::string workDir() {
  static const std::string dir = [] {
    const char* base = std::getenv("TMPDIR");
    std::string d = std::string(base && *base ? base : "/tmp") + "/gradc-libfuzzer-" + std::to_string(getpid());
    std::string cmd = "mkdir -p '" + d + "'";
    if (std::system(cmd.c_str()) != 0) std::abort();
    return d;
  }();
  return dir;
}

bool exists(const std::string& path) { return access(path.c_str(), F_OK) == 0; }

void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "gradc_libfuzzer: contract violated: %s\n", what);
  std::abort();
}

// ---- token-level mutation ----------------------------------------------------

enum class Kind { Ident, Number, Punct, Space };

struct Tok {
  Kind kind;
  std::string text;
};

std::vector<Tok> lex(const std::string& s) {
  std::vector<Tok> out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t j = i + 1;
    Kind k = Kind::Punct;
    if (std::isalpha(c) || c == '_') {
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
      k = Kind::Ident;
    } else if (std::isdigit(c) || (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '.' ||
                              ((s[j] == '+' || s[j] == '-') && (s[j - 1] == 'e' || s[j - 1] == 'p'))))
        ++j;
      k = Kind::Number;
    } else if (std::isspace(c)) {
      while (j < s.size() && std::isspace(static_cast<unsigned char>(s[j]))) ++j;
      k = Kind::Space;
    }
    out.push_back({k, s.substr(i, j - i)});
    i = j;
  }
  return out;
}

const char* const kNumbers[] = {"0", "0.0", "1", "-1", "2", "0.5", "1e308", "1e-320", "0x1p-1074", "2147483647",
                                "-2147483648", "1000000", "3.0f", "1e38f", "nan", "65536", "7"};
const char* const kIdents[] = {"double", "float", "int", "bool", "for", "if", "else", "while", "do", "break",
                               "continue", "return", "const", "auto", "static", "std::sin", "std::exp",
                               "std::log", "std::sqrt", "std::pow", "std::fabs", "std::fmax", "std::min",
                               "GRADC_GRAD", "GRADC_GRAD_WRT", "GRADC_MAX_TRIPS", "d_x", "d_ret", "x", "i", "n"};
const char* const kPuncts[] = {"+", "-", "*", "/", "<", ">", "<=", ">=", "==", "!=", "&&", "||", "=",
                               "+=", "-=", "*=", "/=", "++", "--", "?", ":", ";", ",", "(", ")", "[", "]",
                               "{", "}", "!", "%", "&"};

template <size_t N>
const char* pick(const char* const (&table)[N], std::mt19937& rng) {
  return table[rng() % N];
}

std::string tokenMutate(const std::string& in, std::mt19937& rng) {
  std::vector<Tok> toks = lex(in);
  if (toks.empty()) return in;
  std::vector<size_t> idx;
  for (size_t i = 0; i < toks.size(); ++i)
    if (toks[i].kind != Kind::Space) idx.push_back(i);
  if (idx.empty()) return in;
  Tok& t = toks[idx[rng() % idx.size()]];
  switch (rng() % 6) {
    case 0:  // another token of the same kind, from this input
    case 1: {
      std::vector<const Tok*> same;
      for (const Tok& u : toks)
        if (u.kind == t.kind) same.push_back(&u);
      t.text = same[rng() % same.size()]->text;
      break;
    }
    case 2:  // a token of the same kind from the tables
      t.text = t.kind == Kind::Number ? pick(kNumbers, rng) : t.kind == Kind::Ident ? pick(kIdents, rng) : pick(kPuncts, rng);
      break;
    case 3:  // delete
      t.text.clear();
      break;
    default: {  // duplicate, delete or swap a line
      std::vector<std::string> lines;
      size_t start = 0;
      for (size_t i = 0; i <= in.size(); ++i)
        if (i == in.size() || in[i] == '\n') {
          lines.push_back(in.substr(start, i - start));
          start = i + 1;
        }
      size_t a = rng() % lines.size(), b = rng() % lines.size();
      unsigned op = rng() % 3;
      if (op == 0) lines.insert(lines.begin() + static_cast<long>(b), lines[a]);
      if (op == 1) lines.erase(lines.begin() + static_cast<long>(a));
      if (op == 2) std::swap(lines[a], lines[b]);
      std::string out;
      for (size_t i = 0; i < lines.size(); ++i) out += lines[i] + (i + 1 < lines.size() ? "\n" : "");
      return out;
    }
  }
  std::string out;
  for (const Tok& u : toks) out += u.text;
  return out;
}

}  // namespace

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size, unsigned int seed) {
  std::mt19937 rng(seed);
  if (rng() % 3 == 0) return LLVMFuzzerMutate(data, size, max_size);
  std::string in(reinterpret_cast<const char*>(data), size);
  std::string out = tokenMutate(in, rng);
  if (rng() % 4 == 0) out = tokenMutate(out, rng);
  if (out.size() > max_size) return LLVMFuzzerMutate(data, size, max_size);
  std::memcpy(data, out.data(), out.size());
  return out.size();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string dir = workDir();
  const std::string input = dir + "/input.cpp", output = dir + "/input.grad.hpp";
  {
    std::ofstream f(input, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  std::remove(output.c_str());

  gradc::Options options;
  options.sources = {input};
  options.output = output;
  clang::tooling::FixedCompilationDatabase db(dir, {"-std=c++17", "-I" GRADC_FUZZ_RUNTIME_INCLUDE});
  const int status = gradc::run(db, options);

  check(status == 0 || status == 1, "exit status other than 0 or 1");
  check(status != 0 || exists(output), "success without an output file");
  check(status != 1 || !exists(output), "an output file after a failure");
  check(!exists(output + ".tmp." + std::to_string(getpid())), "a temporary output file left behind");
  return 0;
}
