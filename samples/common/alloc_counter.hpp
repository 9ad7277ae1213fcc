// Counts every heap allocation the program makes, so a test can assert that a
// call makes none: replaces the global operator new/delete and, on glibc, the C
// allocator (malloc, calloc, realloc, free), forwarding to glibc's own.
//
//   #include "alloc_counter.hpp"   // in exactly ONE translation unit per program
//   const long before = gradc_samples::Allocations();
//   f_grad(...);
//   EXPECT_EQ(gradc_samples::Allocations() - before, 0);
//
// The replacements are definitions, not inline (the standard forbids inline
// replacement functions), hence "one translation unit".
#ifndef GRADC_SAMPLES_COMMON_ALLOC_COUNTER_HPP
#define GRADC_SAMPLES_COMMON_ALLOC_COUNTER_HPP

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

namespace gradc_samples {

namespace detail {
inline std::atomic<long> allocations{0};
inline void Count() { allocations.fetch_add(1, std::memory_order_relaxed); }
}  // namespace detail

// Allocations (new, new[], malloc, calloc, realloc) since the program started.
inline long Allocations() { return detail::allocations.load(std::memory_order_relaxed); }

// True when malloc/calloc/realloc are counted too, not only operator new.
constexpr bool kCountsMalloc =
#if defined(__GLIBC__)
    true;
#else
    false;
#endif

// The counter's self-test: allocations counted across one operator new/delete
// pair, and across that and one malloc/free pair (0 when malloc is not
// counted). A zero from the counter means nothing unless these are 1 and 2.
struct Probe {
  long afterNew, afterMalloc;
};
inline Probe ProbeCounter() {
  const long before = Allocations();
  // Through volatile pointers, so the compiler cannot elide the pairs.
  void* (*volatile do_new)(std::size_t) = &::operator new;
  ::operator delete(do_new(16));
  Probe p{Allocations() - before, 0};
  if (kCountsMalloc) {
    void* (*volatile do_malloc)(std::size_t) = &std::malloc;
    std::free(do_malloc(16));
    p.afterMalloc = Allocations() - before;
  }
  return p;
}

}  // namespace gradc_samples

#if defined(__GLIBC__)
// glibc's allocator under its own names: a program that defines malloc & co.
// replaces them for itself and every shared library it loads.
extern "C" void* __libc_malloc(std::size_t size) noexcept;
extern "C" void* __libc_calloc(std::size_t count, std::size_t size) noexcept;
extern "C" void* __libc_realloc(void* p, std::size_t size) noexcept;
extern "C" void __libc_free(void* p) noexcept;

extern "C" void* malloc(std::size_t size) noexcept {
  gradc_samples::detail::Count();
  return __libc_malloc(size);
}
extern "C" void* calloc(std::size_t count, std::size_t size) noexcept {
  gradc_samples::detail::Count();
  return __libc_calloc(count, size);
}
extern "C" void* realloc(void* p, std::size_t size) noexcept {
  gradc_samples::detail::Count();
  return __libc_realloc(p, size);
}
extern "C" void free(void* p) noexcept { __libc_free(p); }
#define GRADC_SAMPLES_RAW_MALLOC __libc_malloc  // so a `new` counts once
#else
#define GRADC_SAMPLES_RAW_MALLOC std::malloc
#endif

// The other forms of new and delete (arrays, nothrow) call these by default.
void* operator new(std::size_t size) {
  gradc_samples::detail::Count();
  if (void* p = GRADC_SAMPLES_RAW_MALLOC(size == 0 ? 1 : size)) return p;
  std::abort();  // out of memory: a test has no use for std::bad_alloc
}
void* operator new(std::size_t size, std::align_val_t align) {
  gradc_samples::detail::Count();
  const std::size_t a = static_cast<std::size_t>(align);
  if (void* p = std::aligned_alloc(a, (size + a - 1) / a * a)) return p;
  std::abort();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

#undef GRADC_SAMPLES_RAW_MALLOC

#endif  // GRADC_SAMPLES_COMMON_ALLOC_COUNTER_HPP
