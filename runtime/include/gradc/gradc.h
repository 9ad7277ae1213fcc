// gradc user-facing markers. Header-only, freestanding: no includes, no allocation.
//
//   GRADC_GRAD                  gradient w.r.t. every floating-point parameter
//   GRADC_GRAD_WRT(w, b)        gradient w.r.t. the named parameters only
//   GRADC_JACOBIAN              also f_jvp (forward mode) and f_jacobian (dense),
//   GRADC_JACOBIAN_WRT(a, b)    outputs: the returned value and the written arrays
//   GRADC_HESSIAN               also f_hvp (forward over reverse) and f_hessian
//   GRADC_HESSIAN_WRT(a, b)     (dense, symmetric) of a scalar-valued function
//   GRADC_MAX_TRIPS(n)          first statement of a while/do loop's body: it
//                               runs at most n iterations (the reverse sweep
//                               keeps storage for n; a longer run makes f_grad
//                               return NaN and write no gradient)
//   GRADC_STORAGE_BUDGET(bytes) a statement in a marked function's body: its
//                               reverse sweep keeps at most that many bytes
//                               (a long loop is checkpointed; gradc/revolve.h)
//
// Under Clang (which is what gradc parses with) the markers become annotate
// attributes the tool looks for; under any other compiler they vanish, so the
// annotated source still compiles everywhere.
#ifndef GRADC_GRADC_H
#define GRADC_GRADC_H

#if defined(__clang__)
#define GRADC_GRAD __attribute__((annotate("gradc.grad")))
#define GRADC_GRAD_WRT(...) __attribute__((annotate("gradc.grad:" #__VA_ARGS__)))
// Everything GRADC_GRAD gives, plus the forward-mode forms (docs/forward.md).
#define GRADC_JACOBIAN __attribute__((annotate("gradc.jacobian")))
#define GRADC_JACOBIAN_WRT(...) __attribute__((annotate("gradc.jacobian:" #__VA_ARGS__)))
#define GRADC_HESSIAN __attribute__((annotate("gradc.hessian")))
#define GRADC_HESSIAN_WRT(...) __attribute__((annotate("gradc.hessian:" #__VA_ARGS__)))
// Marks a derivative rule: a pullback for the listed callee names (std:: and
// global spellings alike), e.g. GRADC_RULE("exp,expf").
#define GRADC_RULE(names) __attribute__((annotate("gradc.rule:" names)))
// A helper whose result is a constant to the gradient (an argmax, a clamp's
// bounds, a normalizing constant chosen at run time): gradc evaluates it but
// sends no adjoint through it.
#define GRADC_NONDIFF __attribute__((annotate("gradc.nondiff")))
// Marks a user's pullback for the function f, used instead of differentiating
// f's body (DESIGN.md section 3): void f_pb(P..., R d_ret, P* d_p...).
#define GRADC_PULLBACK_OF(f) __attribute__((annotate("gradc.pullback_of:" #f)))
// Marks a derivative rule for an idiom: f's body is `return <expression>;` in
// its parameters (gradc/math.h's gradc::sigmoid), and wherever a model writes
// that expression inline gradc calls f instead and differentiates the call
// with this pullback, e.g. GRADC_IDIOM(gradc::sigmoid).
#define GRADC_IDIOM(f) __attribute__((annotate("gradc.idiom:" #f)))
#else
#define GRADC_GRAD
#define GRADC_GRAD_WRT(...)
#define GRADC_JACOBIAN
#define GRADC_JACOBIAN_WRT(...)
#define GRADC_HESSIAN
#define GRADC_HESSIAN_WRT(...)
#define GRADC_RULE(names)
#define GRADC_NONDIFF
#define GRADC_PULLBACK_OF(f)
#define GRADC_IDIOM(f)
#endif

// A declaration, not an attribute: statements take no annotate attribute, and
// static_assert costs nothing and compiles everywhere. C99 has none: gradc
// (which defines __GRADC__) reads C11's _Static_assert, and a C compiler gets
// a statement that checks n at compile time.
#if defined(__cplusplus)
#define GRADC_MAX_TRIPS(n) static_assert((n) > 0, "gradc.max_trips")
#define GRADC_STORAGE_BUDGET(bytes) static_assert((bytes) > 0, "gradc.storage_budget")
#elif defined(__GRADC__)
// (glibc makes _Static_assert a macro before C11 unless one is defined; gradc
// reads this header before any other, so the keyword stays.)
#ifndef _Static_assert
#define _Static_assert _Static_assert
#endif
#define GRADC_MAX_TRIPS(n) _Static_assert((n) > 0, "gradc.max_trips")
#define GRADC_STORAGE_BUDGET(bytes) _Static_assert((bytes) > 0, "gradc.storage_budget")
#else
#define GRADC_MAX_TRIPS(n) ((void)sizeof(char[(n) > 0 ? 1 : -1]))
#define GRADC_STORAGE_BUDGET(bytes) ((void)sizeof(char[(bytes) > 0 ? 1 : -1]))
#endif

// Generated code declares adjoint arrays `T* GRADC_RESTRICT d_a`: the caller
// promises that no adjoint array overlaps another argument (an input array, a
// scalar adjoint, the work buffer), so loops over them vectorize without
// overlap checks. -DGRADC_CHECK_ALIASING makes each generated function check
// that promise on entry (off by default: it costs a few compares per call);
// a broken promise calls GRADC_ALIASING_FAILED(what), __builtin_trap() unless
// defined before this header.
#ifndef GRADC_RESTRICT
#if !defined(__cplusplus) && defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L
#define GRADC_RESTRICT restrict
#elif defined(__GNUC__) || defined(__clang__) || defined(_MSC_VER)
#define GRADC_RESTRICT __restrict
#else
#define GRADC_RESTRICT
#endif
#endif

#ifndef GRADC_ALIASING_FAILED
#define GRADC_ALIASING_FAILED(what) __builtin_trap()
#endif

#ifndef __cplusplus
// C: the work buffer's tapes start at offsets rounded up to their element
// type's size (a multiple of its alignment; C99 has no alignof), in
// f_grad_work_bytes and in the prologue that carves the buffer alike.
#define GRADC_ALIGN_UP(offset, T) (((offset) + sizeof(T) - 1) / sizeof(T) * sizeof(T))
#else

namespace gradc {

// One argument of a generated function, for the aliasing check: where it
// starts and how many bytes it spans. For an array whose length is known only
// at run time the generated check passes its first element: then it catches
// the same buffer passed twice, not a partial overlap.
struct extent {
  const void* at;
  decltype(sizeof 0) bytes;  // std::size_t, without <cstddef>
};

inline bool overlap(const extent& a, const extent& b) {
  using address = decltype(sizeof 0);
  address pa = reinterpret_cast<address>(a.at), pb = reinterpret_cast<address>(b.at);
  return pa < pb + b.bytes && pb < pa + a.bytes;
}

// The first `restricted` arguments are adjoint arrays: each must overlap
// no other argument.
template <int N>
inline void check_apart(const extent (&args)[N], int restricted, const char* what) {
  for (int a = 0; a < restricted; ++a)
    for (int b = a + 1; b < N; ++b)
      if (overlap(args[a], args[b])) GRADC_ALIASING_FAILED(what);
  (void)what;
}

// The work buffer of f_grad and f_pullback (f_grad_work_bytes): tapes one
// after another, each starting at an offset rounded up to its element type's
// alignment. The buffer is aligned like double, so rounding the address is
// rounding the offset.
template <class T>
constexpr decltype(sizeof 0) align_up(decltype(sizeof 0) offset) {
  static_assert(alignof(T) <= alignof(double), "gradc: a work-buffer tape aligned beyond double");
  return (offset + alignof(T) - 1) / alignof(T) * alignof(T);
}

template <class T>
inline unsigned char* align_up(unsigned char* next) {
  using address = decltype(sizeof 0);
  return next + (align_up<T>(reinterpret_cast<address>(next)) - reinterpret_cast<address>(next));
}

// Zeroes an array: an adjoint array that gradc placed in the storage of a
// dead array starts like `T d_a[N] = {}` would.
template <class T, decltype(sizeof 0) N>
inline void zero(T (&a)[N]) {
  for (decltype(sizeof 0) i = 0; i < N; ++i) a[i] = T(0);
}

}  // namespace gradc

#endif  // __cplusplus
#endif  // GRADC_GRADC_H
