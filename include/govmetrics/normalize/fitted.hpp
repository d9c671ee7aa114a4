// govmetrics: the record of a fitted normalisation (kept in results for audit).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstring>
#include <mutex>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace govmetrics::normalize {

/// Method name and every fitted parameter by name, e.g. {"min_max", {{"min", 2}, {"max", 9}}}.
struct fitted {
  std::string indicator;
  std::string method;
  std::vector<std::pair<std::string, double>> values;
};

/// The fitted normalisations of a prepared data set, one per indicator, in indicator order, read
/// as a `const std::vector<fitted>&` (`all()`, or the vector's members). A normaliser kept with
/// `add` is described (its `describe(params)`: the named values) when the list is first read,
/// not when the data are prepared: a run whose parameters nobody reads builds no names (about
/// 10 % of a whole run of 100 units x 40 indicators). Reading is safe from several threads at
/// once: the first read describes under a lock.
class fitted_list {
public:
  fitted_list() = default;
  fitted_list(const fitted_list& other) { copy_from(other); }
  fitted_list& operator=(const fitted_list& other) {
    if (this != &other)
      copy_from(other);
    return *this;
  }
  fitted_list(fitted_list&& other) { move_from(other); }
  fitted_list& operator=(fitted_list&& other) {
    if (this != &other)
      move_from(other);
    return *this;
  }
  ~fitted_list() = default;

  void reserve(std::size_t n) { fits_.reserve(n); }
  void clear() {
    fits_.clear();
    pending_.clear();
    ready_.store(true, std::memory_order_release);
  }

  /// Appends a record described already.
  void push_back(fitted f) { fits_.push_back(std::move(f)); }

  /// Appends indicator `code`'s fit by `norm`, described when the list is first read. A
  /// normaliser and parameters that are not trivially copyable (or larger than a record holds)
  /// are described now.
  template <class Normalize>
  void add(const std::string& code, const Normalize& norm,
           const typename Normalize::params& params) {
    using stored = kept<Normalize>;
    fits_.push_back(fitted{code, norm.name(), {}});
    if constexpr (std::is_trivially_copyable_v<stored> && std::is_default_constructible_v<stored> &&
                  sizeof(stored) <= capacity) {
      pending p;
      p.index = fits_.size() - 1;
      p.describe = &describe_kept<Normalize>;
      const stored s{norm, params};
      std::memcpy(p.bytes, &s, sizeof s);
      pending_.push_back(p);
      ready_.store(false, std::memory_order_release);
    } else {
      fits_.back().values = norm.describe(params);
    }
  }

  /// Every record, each described.
  const std::vector<fitted>& all() const {
    if (!ready_.load(std::memory_order_acquire))
      describe_pending();
    return fits_;
  }
  operator const std::vector<fitted>&() const { return all(); }

  /// How many records wait to be described (0 once the list has been read).
  std::size_t undescribed() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return pending_.size();
  }

  std::size_t size() const noexcept { return fits_.size(); }
  bool empty() const noexcept { return fits_.empty(); }
  const fitted& operator[](std::size_t i) const { return all()[i]; }
  std::vector<fitted>::const_iterator begin() const { return all().begin(); }
  std::vector<fitted>::const_iterator end() const { return all().end(); }

private:
  static constexpr std::size_t capacity = 96; ///< bytes a record holds (normaliser + parameters)

  template <class Normalize>
  struct kept {
    Normalize norm;
    typename Normalize::params params;
  };

  struct pending {
    std::size_t index = 0;
    void (*describe)(const unsigned char*, std::vector<std::pair<std::string, double>>&) = nullptr;
    alignas(alignof(std::max_align_t)) unsigned char bytes[capacity] = {};
  };

  template <class Normalize>
  static void describe_kept(const unsigned char* bytes,
                            std::vector<std::pair<std::string, double>>& out) {
    kept<Normalize> s;
    std::memcpy(&s, bytes, sizeof s);
    out = s.norm.describe(s.params);
  }

  void describe_pending() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (ready_.load(std::memory_order_relaxed))
      return; // another thread described them
    for (const pending& p : pending_)
      p.describe(p.bytes, fits_[p.index].values);
    pending_.clear();
    ready_.store(true, std::memory_order_release);
  }

  void copy_from(const fitted_list& other) {
    const std::lock_guard<std::mutex> lock(other.mutex_);
    fits_ = other.fits_;
    pending_ = other.pending_;
    ready_.store(other.ready_.load(std::memory_order_relaxed), std::memory_order_release);
  }

  void move_from(fitted_list& other) {
    const std::lock_guard<std::mutex> lock(other.mutex_);
    fits_ = std::move(other.fits_);
    pending_ = std::move(other.pending_);
    ready_.store(other.ready_.load(std::memory_order_relaxed), std::memory_order_release);
    other.fits_.clear();
    other.pending_.clear();
    other.ready_.store(true, std::memory_order_release);
  }

  mutable std::vector<fitted> fits_;
  mutable std::vector<pending> pending_;
  mutable std::mutex mutex_;
  mutable std::atomic<bool> ready_{true};
};

} // namespace govmetrics::normalize
