// The language the generated text is written in: C++ (the default) or C99 (a
// .c input, or --emit=c99 for a C++ input whose marked functions use only
// what C has). The emitter prints one text; where the two languages spell a
// thing differently it asks the dialect, so the printers stay one.
#ifndef GRADC_EMIT_DIALECT_H
#define GRADC_EMIT_DIALECT_H

#include "ir/IR.h"

#include <string>

namespace gradc {

class Dialect {
 public:
  static const Dialect& cxx();
  static const Dialect& c99();

  bool isC() const { return c_; }
  // Every generated function: C's `inline` alone would need an extern
  // definition somewhere; `static inline` is one per translation unit.
  const char* functionSpecifier() const { return c_ ? "static inline " : "inline "; }
  const char* restrictedPointer() const { return c_ ? "* restrict " : "* GRADC_RESTRICT "; }
  const char* sizeType() const { return c_ ? "size_t" : "std::size_t"; }
  const char* zeroInitializer() const { return c_ ? " = {0}" : " = {}"; }
  const char* constant() const { return c_ ? "static const " : "constexpr "; }
  // The precedence a cast's operand needs: `(float)(a + b)` but `static_cast<float>(a + b)`.
  int castOperandPrecedence() const { return c_ ? 13 : 0; }
  std::string cast(const std::string& type, const std::string& operand) const {
    return c_ ? "(" + type + ")" + operand : "static_cast<" + type + ">(" + operand + ")";
  }
  // A pointer reinterpreted: (through void*, which C converts without a -Wcast-align warning).
  std::string pointerCast(const std::string& type, const std::string& operand) const {
    return c_ ? "(" + type + ")(void*)" + operand : "reinterpret_cast<" + type + ">(" + operand + ")";
  }
  // The quiet NaN f_grad returns when its work buffer is too small (C: NAN
  // is a float; the cast keeps -Wdouble-promotion quiet).
  std::string quietNaN(const std::string& type) const {
    return c_ ? "(" + type + ")NAN" : "std::numeric_limits<" + type + ">::quiet_NaN()";
  }
  // Whether the work buffer is aligned like double (C99 has no alignof: its
  // size, a multiple of the alignment).
  std::string misaligned(const std::string& work) const {
    return c_ ? "(uintptr_t)" + work + " % sizeof(double) != 0"
              : "reinterpret_cast<std::uintptr_t>(" + work + ") % alignof(double) != 0";
  }
  // An offset into the work buffer rounded up for a tape of T.
  std::string alignedOffset(const std::string& type, const std::string& offset) const {
    return c_ ? "GRADC_ALIGN_UP(" + offset + ", " + type + ")" : "gradc::align_up<" + type + ">(" + offset + ")";
  }
  // The cursor into the buffer rounded up likewise (the buffer's start is
  // aligned like double, so rounding the offset rounds the address).
  std::string alignedCursor(const std::string& type, const std::string& next, const std::string& work) const {
    if (!c_) return "gradc::align_up<" + type + ">(" + next + ")";
    std::string start = "(unsigned char*)" + work;
    return start + " + " + alignedOffset(type, "(size_t)(" + next + " - " + start + ")");
  }
  // A name the source qualified (`gradc_src::W`): C has no namespaces.
  std::string qualified(const std::string& name) const;
  // How a source's #include <spelling> is written: C++'s <cmath> is C's
  // <math.h>; a C++ library header with no C twin (<algorithm>) is dropped
  // (empty): what would need it is rejected (whyNotC99).
  std::string include(const std::string& spelling, bool angled) const;
  // The called function's name: C's float math is expf, tanhf (std::exp of a
  // float in C++ is an overload).
  std::string callee(const ir::Expr& call) const;

 private:
  explicit Dialect(bool c) : c_(c) {}
  bool c_;
};

// Why a generated function cannot be written as C99 (a reference parameter,
// a namespace, a template, a C++ library call); empty when it can.
std::string whyNotC99(const ir::Function& fn);

}  // namespace gradc

#endif  // GRADC_EMIT_DIALECT_H
