// govmetrics: version and the one throwing macro.
#pragma once

#include <boost/throw_exception.hpp>
#include <cstddef> // glibc's __GLIBC__, for GOVMETRICS_MULTIVERSION

#define GOVMETRICS_VERSION_MAJOR 0
#define GOVMETRICS_VERSION_MINOR 1
#define GOVMETRICS_VERSION_PATCH 0
#define GOVMETRICS_VERSION_STRING "0.1.0"

/// Every throw in govmetrics goes through this macro (Boost.ThrowException: source location,
/// and a single place to change for builds without exceptions).
#define GOVMETRICS_THROW(ex) ::boost::throw_exception(ex)

/// GOVMETRICS_MULTIVERSION before a function compiles it for AVX-512F, AVX2 and the baseline and
/// picks one when the program loads (GCC and Clang on x86-64 Linux: target_clones, an ifunc);
/// elsewhere, under AddressSanitizer (its builds check the plain loop, with no loader-time
/// resolver), or with GOVMETRICS_NO_MULTIVERSION defined, it is empty. Only
/// for loops whose every lane does the same IEEE operations as the scalar code: floating-point
/// contraction is off in the clones (AVX-512F has fused multiply-add, which would change bits), so
/// every version gives the same bits. GOVMETRICS_NO_CONTRACT goes first in such a function's
/// body (Clang's pragma; GCC's attribute is part of GOVMETRICS_MULTIVERSION).
/// GOVMETRICS_MULTIVERSION_V4 is the same with AVX-512BW (16-bit lanes in 512-bit registers;
/// GCC's x86-64-v4) in place of AVX-512F, for integer loops; GCC before 12 gets
/// GOVMETRICS_MULTIVERSION's versions.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GOVMETRICS_DETAIL_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define GOVMETRICS_DETAIL_SANITIZED 1
#endif
#if !defined(GOVMETRICS_NO_MULTIVERSION) && !defined(GOVMETRICS_DETAIL_SANITIZED) &&               \
    defined(__x86_64__) && defined(__linux__) && defined(__GLIBC__)
#if defined(__clang__) && __clang_major__ >= 14
#define GOVMETRICS_MULTIVERSION __attribute__((target_clones("avx512f", "avx2", "default")))
// (Clang takes the feature; its target_clones("arch=x86-64-v4") is reliable only from Clang 18)
#define GOVMETRICS_MULTIVERSION_V4 __attribute__((target_clones("avx512bw", "avx2", "default")))
#define GOVMETRICS_NO_CONTRACT _Pragma("clang fp contract(off)")
#elif defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#define GOVMETRICS_MULTIVERSION                                                                    \
  __attribute__((target_clones("avx512f", "avx2", "default"), optimize("fp-contract=off")))
#if __GNUC__ >= 12 // GCC takes x86-64-v4 in target_clones from GCC 12 (not the feature name)
#define GOVMETRICS_MULTIVERSION_V4                                                                 \
  __attribute__((target_clones("arch=x86-64-v4", "avx2", "default"), optimize("fp-contract=off")))
#else
#define GOVMETRICS_MULTIVERSION_V4 GOVMETRICS_MULTIVERSION
#endif
#endif
#endif
#ifndef GOVMETRICS_MULTIVERSION
#define GOVMETRICS_MULTIVERSION
#endif
#ifndef GOVMETRICS_MULTIVERSION_V4
#define GOVMETRICS_MULTIVERSION_V4
#endif
/// GOVMETRICS_FORCEINLINE: inline, and inlined into every caller whatever the size of the
/// translation unit. For the steps of a multiversioned function, which are compiled for its
/// version only when inlined into it (GCC declined to inline them in the large translation units
/// of the Python module, which then ran baseline code: the full run took 36 us, not 20).
#if defined(__GNUC__) || defined(__clang__)
#define GOVMETRICS_FORCEINLINE inline __attribute__((always_inline))
#elif defined(_MSC_VER)
#define GOVMETRICS_FORCEINLINE __forceinline
#else
#define GOVMETRICS_FORCEINLINE inline
#endif
#ifndef GOVMETRICS_NO_CONTRACT
#define GOVMETRICS_NO_CONTRACT
#endif

namespace govmetrics {
/// The library's version, "major.minor.patch".
inline constexpr const char* version() noexcept {
  return GOVMETRICS_VERSION_STRING;
}
} // namespace govmetrics
