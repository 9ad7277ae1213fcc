// Counts every heap allocation and release in the program, so a test can
// assert that a call allocates nothing: replaces the global operator
// new/delete (all forms) and, through glibc's malloc interposition, malloc,
// calloc, realloc, the aligned allocators and free. The replacements forward
// to glibc's own allocator (__libc_malloc and friends).
//
// Replacement allocation functions may not be inline: include this header in
// exactly one translation unit of a program. glibc only (Linux).
#ifndef GRADC_SAMPLES_MLP_ALLOC_COUNTER_HPP
#define GRADC_SAMPLES_MLP_ALLOC_COUNTER_HPP

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <new>

extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t n, std::size_t size);
void* __libc_realloc(void* p, std::size_t size);
void* __libc_memalign(std::size_t alignment, std::size_t size);
void __libc_free(void* p);
}

namespace alloc_counter {

inline std::atomic<long> allocations{0};  // malloc, calloc, realloc, memalign, new ...
inline std::atomic<long> releases{0};     // free, delete

// What was counted between construction and now.
class Scope {
 public:
  Scope() : allocations_(allocations.load()), releases_(releases.load()) {}
  long Allocations() const { return allocations.load() - allocations_; }
  long Releases() const { return releases.load() - releases_; }

 private:
  long allocations_, releases_;
};

inline void* Allocate(std::size_t size) {
  ++allocations;
  return __libc_malloc(size);
}

inline void* AllocateAligned(std::size_t alignment, std::size_t size) {
  ++allocations;
  return __libc_memalign(alignment, size);
}

inline void Release(void* p) {
  if (p == nullptr) return;
  ++releases;
  __libc_free(p);
}

inline void* NewOrThrow(std::size_t size, std::size_t alignment) {
  if (size == 0) size = 1;
  void* p = alignment <= alignof(std::max_align_t) ? Allocate(size) : AllocateAligned(alignment, size);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

}  // namespace alloc_counter

// ---- the C allocator --------------------------------------------------------

extern "C" {

void* malloc(std::size_t size) noexcept { return alloc_counter::Allocate(size); }

void* calloc(std::size_t n, std::size_t size) noexcept {
  ++alloc_counter::allocations;
  return __libc_calloc(n, size);
}

void* realloc(void* p, std::size_t size) noexcept {
  ++alloc_counter::allocations;
  return __libc_realloc(p, size);
}

void* memalign(std::size_t alignment, std::size_t size) noexcept {
  return alloc_counter::AllocateAligned(alignment, size);
}

void* aligned_alloc(std::size_t alignment, std::size_t size) noexcept {
  return alloc_counter::AllocateAligned(alignment, size);
}

int posix_memalign(void** out, std::size_t alignment, std::size_t size) noexcept {
  void* p = alloc_counter::AllocateAligned(alignment, size);
  if (p == nullptr) return ENOMEM;
  *out = p;
  return 0;
}

void free(void* p) noexcept { alloc_counter::Release(p); }

}  // extern "C"

// ---- the C++ allocator ------------------------------------------------------

void* operator new(std::size_t size) { return alloc_counter::NewOrThrow(size, 0); }
void* operator new[](std::size_t size) { return alloc_counter::NewOrThrow(size, 0); }
void* operator new(std::size_t size, std::align_val_t a) {
  return alloc_counter::NewOrThrow(size, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t size, std::align_val_t a) {
  return alloc_counter::NewOrThrow(size, static_cast<std::size_t>(a));
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return alloc_counter::Allocate(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return alloc_counter::Allocate(size == 0 ? 1 : size);
}
void* operator new(std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
  return alloc_counter::AllocateAligned(static_cast<std::size_t>(a), size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
  return alloc_counter::AllocateAligned(static_cast<std::size_t>(a), size == 0 ? 1 : size);
}

void operator delete(void* p) noexcept { alloc_counter::Release(p); }
void operator delete[](void* p) noexcept { alloc_counter::Release(p); }
void operator delete(void* p, std::size_t) noexcept { alloc_counter::Release(p); }
void operator delete[](void* p, std::size_t) noexcept { alloc_counter::Release(p); }
void operator delete(void* p, std::align_val_t) noexcept { alloc_counter::Release(p); }
void operator delete[](void* p, std::align_val_t) noexcept { alloc_counter::Release(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { alloc_counter::Release(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { alloc_counter::Release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { alloc_counter::Release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { alloc_counter::Release(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  alloc_counter::Release(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  alloc_counter::Release(p);
}

#endif  // GRADC_SAMPLES_MLP_ALLOC_COUNTER_HPP
