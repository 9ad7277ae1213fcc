// Counts heap allocations so a test can assert that a call makes none.
// Replaces the global operator new / delete (every form forwards to these) and,
// with glibc, malloc / calloc / realloc / aligned_alloc / posix_memalign / free,
// forwarding to glibc's own __libc_* entry points.
//
//   #include "alloc_counter.hpp"   // in exactly one translation unit of the program
//   const long before = ode_alloc::Count();
//   f(...);
//   EXPECT_EQ(ode_alloc::Count(), before);
//
// Replacement allocation functions must not be inline, hence "one translation unit".
#ifndef GRADC_SAMPLES_ODE_ALLOC_COUNTER_HPP
#define GRADC_SAMPLES_ODE_ALLOC_COUNTER_HPP

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

namespace ode_alloc {

inline std::atomic<long> counter{0};

// Allocations (operator new in all forms, and on glibc the C allocator) so far.
inline long Count() { return counter.load(std::memory_order_relaxed); }

// Whether the C allocator is counted too (it is with glibc).
#if defined(__GLIBC__)
constexpr bool kCountsMalloc = true;
#else
constexpr bool kCountsMalloc = false;
#endif

inline void Note() { counter.fetch_add(1, std::memory_order_relaxed); }

}  // namespace ode_alloc

#if defined(__GLIBC__)
extern "C" {
void* __libc_malloc(std::size_t size) noexcept;
void* __libc_calloc(std::size_t n, std::size_t size) noexcept;
void* __libc_realloc(void* p, std::size_t size) noexcept;
void* __libc_memalign(std::size_t align, std::size_t size) noexcept;
void __libc_free(void* p) noexcept;

void* malloc(std::size_t size) noexcept {
  ode_alloc::Note();
  return __libc_malloc(size);
}
void* calloc(std::size_t n, std::size_t size) noexcept {
  ode_alloc::Note();
  return __libc_calloc(n, size);
}
void* realloc(void* p, std::size_t size) noexcept {
  ode_alloc::Note();
  return __libc_realloc(p, size);
}
void* aligned_alloc(std::size_t align, std::size_t size) noexcept {
  ode_alloc::Note();
  return __libc_memalign(align, size);
}
int posix_memalign(void** out, std::size_t align, std::size_t size) noexcept {
  ode_alloc::Note();
  void* p = __libc_memalign(align, size);
  if (!p) return 12;  // ENOMEM
  *out = p;
  return 0;
}
void free(void* p) noexcept { __libc_free(p); }
}  // extern "C"
#define ODE_ALLOC_RAW_MALLOC(n) __libc_malloc(n)
#define ODE_ALLOC_RAW_ALIGNED(a, n) __libc_memalign(a, n)
#define ODE_ALLOC_RAW_FREE(p) __libc_free(p)
#else
#define ODE_ALLOC_RAW_MALLOC(n) std::malloc(n)
#define ODE_ALLOC_RAW_ALIGNED(a, n) std::aligned_alloc(a, ((n) + (a) - 1) / (a) * (a))
#define ODE_ALLOC_RAW_FREE(p) std::free(p)
#endif

void* operator new(std::size_t size) {
  ode_alloc::Note();
  if (void* p = ODE_ALLOC_RAW_MALLOC(size ? size : 1)) return p;
  std::abort();  // a test has no use for std::bad_alloc
}
void* operator new(std::size_t size, std::align_val_t align) {
  ode_alloc::Note();
  if (void* p = ODE_ALLOC_RAW_ALIGNED(static_cast<std::size_t>(align), size ? size : 1)) return p;
  std::abort();
}
void operator delete(void* p) noexcept { ODE_ALLOC_RAW_FREE(p); }
void operator delete(void* p, std::size_t) noexcept { ODE_ALLOC_RAW_FREE(p); }
void operator delete(void* p, std::align_val_t) noexcept { ODE_ALLOC_RAW_FREE(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { ODE_ALLOC_RAW_FREE(p); }

#undef ODE_ALLOC_RAW_MALLOC
#undef ODE_ALLOC_RAW_ALIGNED
#undef ODE_ALLOC_RAW_FREE

#endif  // GRADC_SAMPLES_ODE_ALLOC_COUNTER_HPP
