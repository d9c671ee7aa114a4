// govmetrics internals: running one piece of work on several threads.
#pragma once

#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace govmetrics::detail {

/// Calls work(t) for t = 0 .. threads - 1, each on its own thread (on the calling thread when
/// there is one), joins them all, then rethrows the first exception a worker threw.
template <class Work>
void run_workers(std::size_t threads, Work&& work) {
  if (threads <= 1) {
    work(std::size_t{0});
    return;
  }
  std::vector<std::thread> pool;
  std::vector<std::exception_ptr> errors(threads);
  for (std::size_t t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      try {
        work(t);
      } catch (...) {
        errors[t] = std::current_exception();
      }
    });
  }
  for (auto& th : pool)
    th.join();
  for (const auto& e : errors) {
    if (e)
      std::rethrow_exception(e);
  }
}

} // namespace govmetrics::detail
