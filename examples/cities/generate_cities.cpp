// generate_cities.cpp -- writes examples/cities/cities.csv: ILLUSTRATIVE SYNTHETIC DATA for 100
// fictional cities x 18 digital-governance indicators in the four dimensions of the China Urban
// Digital Governance Report 2020 (digital infrastructure, digital administrative services, digital
// public services, digital life services). The numbers are NOT real cities' data and NOT the
// report's results (the report published no indicator values).
//
// Usage: generate_cities [--seed N] [--out PATH]      (default seed 20200818, default out stdout)
//
// Model (see README.md): for city i, a latent development factor F_i ~ N(0,1), one factor per
// dimension G_id ~ N(0,1) and noise e_ik ~ N(0,1); indicator k of dimension d gets
//   z_ik = a_k F_i + b_k G_id + sqrt(1 - a_k^2 - b_k^2) e_ik            (unit variance)
// mapped to its natural scale (centre + spread * z, or median * exp(sigma * z) for skewed counts;
// z is negated for "lower is better" indicators), clipped to the valid range and rounded to the
// indicator's printed number of decimals. Then one deliberate outlier and a few missing cells.
//
// Bit-identical output on every platform: own PRNG (xoshiro256** seeded through splitmix64), own
// normal draws (Box-Muller), and own log/exp/cos built only from + - * / and the exact operations
// frexp/ldexp (std::log/std::exp/std::cos are not required to be correctly rounded, and libms
// differ in the last bit). Build with floating-point contraction off (no FMA), as
// examples/CMakeLists.txt does. Numbers are formatted from integers, never with printf's locale-
// and library-dependent %f. Standard library only.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr std::uint64_t kDefaultSeed = 20200818; // release date of the 2020 report
constexpr std::size_t kCities = 100;
constexpr std::size_t kDimensions = 4;
constexpr std::size_t kMissingCells = 8;

// ---- portable elementary functions (only IEEE 754 basic operations, which are exact-rounded) ----

constexpr double kLn2 = 0x1.62e42fefa39efp-1;      // ln 2 rounded to double
constexpr double kSqrtHalf = 0x1.6a09e667f3bcdp-1; // sqrt(1/2) rounded to double
constexpr double kHalfPi = 0x1.921fb54442d18p+0;   // pi/2 rounded to double

// Natural logarithm for finite x > 0: x = m * 2^e with m in [sqrt(1/2), sqrt(2)), then
// ln m = 2 atanh(s), s = (m - 1)/(m + 1), |s| < 0.172, summed as a series (error < 1e-17 rel.).
double portable_log(double x) {
  int e = 0;
  double m = std::frexp(x, &e); // exact; m in [0.5, 1)
  if (m < kSqrtHalf) {
    m *= 2.0; // exact
    --e;
  }
  const double s = (m - 1.0) / (m + 1.0);
  const double s2 = s * s;
  double term = s;
  double sum = 0.0;
  for (int k = 1; k <= 39; k += 2) {
    sum += term / static_cast<double>(k);
    term *= s2;
  }
  return 2.0 * sum + static_cast<double>(e) * kLn2;
}

// Exponential for moderate |x| (< 700): exp(x) = 2^n exp(r), n = nearest integer to x / ln 2,
// |r| <= ~0.35, exp(r) as a Taylor series.
double portable_exp(double x) {
  const double n = std::floor(x / kLn2 + 0.5); // floor is exact
  const double r = x - n * kLn2;
  double term = 1.0;
  double sum = 1.0;
  for (int k = 1; k <= 22; ++k) {
    term *= r / static_cast<double>(k);
    sum += term;
  }
  return std::ldexp(sum, static_cast<int>(n)); // exact scaling
}

// cos(2 pi u) for u in [0, 1): 4u = q + r with q integer and |r| <= 1/2 (both exact), so
// 2 pi u = q pi/2 + theta with theta = r pi/2 in [-pi/4, pi/4]; Taylor series for sin and cos.
double portable_cos_2pi(double u) {
  const double v = 4.0 * u;               // exact
  const double q = std::floor(v + 0.5);   // 0..4
  const double theta = (v - q) * kHalfPi; // v - q is exact (Sterbenz)
  const double t2 = theta * theta;
  double c = 0.0; // cos(theta)
  double s = 0.0; // sin(theta)
  double ct = 1.0;
  double st = theta;
  for (int k = 0; k < 12; ++k) {
    c += ct;
    s += st;
    ct *= -t2 / static_cast<double>((2 * k + 1) * (2 * k + 2));
    st *= -t2 / static_cast<double>((2 * k + 2) * (2 * k + 3));
  }
  switch (static_cast<int>(q) % 4) {
  case 0:
    return c;
  case 1:
    return -s;
  case 2:
    return -c;
  default:
    return s;
  }
}

// ---- random numbers -------------------------------------------------------------------------

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// xoshiro256** 1.0 (Blackman & Vigna), state filled from splitmix64(seed) as its authors advise.
class Rng {
public:
  explicit Rng(std::uint64_t seed) {
    std::uint64_t sm = seed;
    for (auto& word : s_) {
      word = splitmix64(sm);
    }
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform on [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // Uniform integer in [0, n), n > 0, without modulo bias (rejection).
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t threshold = (0 - n) % n; // 2^64 mod n
    for (;;) {
      const std::uint64_t r = next();
      if (r >= threshold) {
        return r % n;
      }
    }
  }

  // Standard normal by Box-Muller (cosine branch only; two 64-bit draws per value).
  double normal() {
    const double u1 = 1.0 - uniform(); // (0, 1], so the log is finite
    const double u2 = uniform();       // [0, 1)
    return std::sqrt(-2.0 * portable_log(u1)) * portable_cos_2pi(u2);
  }

private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> s_{};
};

// ---- the indicators -------------------------------------------------------------------------

enum class Shape { normal, lognormal };

struct Indicator {
  const char* column; // CSV column (snake_case, carries the unit)
  std::size_t dim;    // 0 infra, 1 admin, 2 public, 3 life
  bool negative;      // lower is better
  Shape shape;        // normal: centre + spread z; lognormal: centre * exp(spread z)
  double centre;      // mean (normal) or median (lognormal)
  double spread;      // sd (normal) or sd of the log (lognormal)
  double lo;          // valid range: values are clipped to [lo, hi]
  double hi;
  int decimals;  // printed decimals
  double load_f; // loading on the latent city development factor
  double load_g; // loading on the dimension factor (the rest of the variance is noise)
};

// Keep in step with city_digital_governance.json and README.md.
constexpr std::array<Indicator, 18> kIndicators{{
    // digital infrastructure (infra)
    {"fixed_broadband_per_100", 0, false, Shape::normal, 38.0, 8.0, 10.0, 80.0, 1, 0.70, 0.40},
    {"base_stations_5g_per_10k", 0, false, Shape::lognormal, 4.0, 0.5, 0.1, 60.0, 2, 0.65, 0.45},
    {"gigabit_fibre_coverage_pct", 0, false, Shape::normal, 62.0, 15.0, 0.0, 100.0, 1, 0.60, 0.45},
    {"mobile_internet_users_per_100", 0, false, Shape::normal, 95.0, 14.0, 40.0, 180.0, 1, 0.55,
     0.35},
    // digital administrative services (admin)
    {"procedures_fully_online_pct", 1, false, Shape::normal, 72.0, 12.0, 0.0, 100.0, 1, 0.60, 0.50},
    {"business_licence_approval_days", 1, true, Shape::lognormal, 4.0, 0.45, 0.5, 30.0, 1, 0.50,
     0.45},
    {"one_stop_service_coverage_pct", 1, false, Shape::normal, 78.0, 13.0, 0.0, 100.0, 1, 0.50,
     0.50},
    {"open_datasets_per_100k", 1, false, Shape::lognormal, 8.0, 0.8, 0.0, 100000.0, 2, 0.45, 0.40},
    {"gov_app_monthly_active_pct", 1, false, Shape::normal, 28.0, 10.0, 0.0, 100.0, 1, 0.55, 0.45},
    // digital public services (public)
    {"online_medical_appointment_pct", 2, false, Shape::normal, 55.0, 14.0, 0.0, 100.0, 1, 0.60,
     0.45},
    {"e_social_security_card_pct", 2, false, Shape::normal, 35.0, 13.0, 0.0, 100.0, 1, 0.50, 0.45},
    {"health_record_online_access_pct", 2, false, Shape::normal, 40.0, 16.0, 0.0, 100.0, 1, 0.55,
     0.45},
    {"outpatient_wait_minutes", 2, true, Shape::lognormal, 35.0, 0.25, 5.0, 180.0, 1, 0.40, 0.40},
    // digital life services (life)
    {"mobile_payment_users_pct", 3, false, Shape::normal, 86.0, 6.0, 0.0, 100.0, 1, 0.55, 0.35},
    {"food_delivery_orders_per_capita", 3, false, Shape::lognormal, 14.0, 0.5, 0.5, 300.0, 1, 0.65,
     0.35},
    {"online_retail_kcny_per_capita", 3, false, Shape::lognormal, 8.5, 0.6, 0.2, 300.0, 2, 0.65,
     0.35},
    {"smart_parking_coverage_pct", 3, false, Shape::normal, 42.0, 16.0, 0.0, 100.0, 1, 0.55, 0.45},
    {"transit_qr_payment_lines_pct", 3, false, Shape::normal, 82.0, 14.0, 0.0, 100.0, 1, 0.50,
     0.40},
}};

// The one deliberate outlier: Illustrative City 058 publishes open datasets at six times the rate
// of the best other city (as if it had bulk-published thousands of tiny per-village tables).
constexpr std::size_t kOutlierCity = 57;     // zero-based: Illustrative City 058
constexpr std::size_t kOutlierIndicator = 7; // open_datasets_per_100k
constexpr double kOutlierFactor = 6.0;

// Illustrative size classes, loosely after China's 2014 city-size classes (超大城市, 特大城市,
// I型大城市, II型大城市), assigned by rank of a size score; counts per class sum to kCities.
struct Tier {
  const char* name;
  std::size_t count;
};
constexpr std::array<Tier, 4> kTiers{
    {{"megacity", 7}, {"very_large", 14}, {"large_1", 29}, {"large_2", 50}}};

constexpr std::array<double, 7> kPow10{1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6};

double round_to(double x, int decimals) {
  const double scale = kPow10[static_cast<std::size_t>(decimals)];
  return static_cast<double>(std::llround(x * scale)) / scale;
}

// Fixed-point text from the integer llround(x * 10^decimals); no printf, no locale.
std::string format_fixed(double x, int decimals) {
  const double scale = kPow10[static_cast<std::size_t>(decimals)];
  long long q = std::llround(x * scale);
  std::string sign;
  if (q < 0) {
    sign = "-";
    q = -q;
  }
  const long long iscale = std::llround(scale);
  std::string text = sign + std::to_string(q / iscale);
  if (decimals > 0) {
    std::string frac = std::to_string(q % iscale);
    text += '.';
    text += std::string(static_cast<std::size_t>(decimals) - frac.size(), '0');
    text += frac;
  }
  return text;
}

std::string three_digits(std::size_t n) {
  std::string s = std::to_string(n);
  return std::string(s.size() < 3 ? 3 - s.size() : 0, '0') + s;
}

struct City {
  std::string tier;
  std::array<double, kIndicators.size()> value{};
  std::array<bool, kIndicators.size()> missing{};
};

std::vector<City> generate(std::uint64_t seed) {
  Rng rng(seed);
  std::vector<City> cities(kCities);
  std::vector<double> size_score(kCities);

  // Draw order is part of the output contract: per city F, G[4], size noise, then e per indicator.
  for (std::size_t i = 0; i < kCities; ++i) {
    const double f = rng.normal();
    std::array<double, kDimensions> g{};
    for (auto& gd : g) {
      gd = rng.normal();
    }
    size_score[i] = 0.6 * f + 0.8 * rng.normal();
    for (std::size_t k = 0; k < kIndicators.size(); ++k) {
      const Indicator& ind = kIndicators[k];
      const double load_e = std::sqrt(1.0 - ind.load_f * ind.load_f - ind.load_g * ind.load_g);
      double z = ind.load_f * f + ind.load_g * g[ind.dim] + load_e * rng.normal();
      if (ind.negative) {
        z = -z;
      }
      double x = ind.shape == Shape::normal ? ind.centre + ind.spread * z
                                            : ind.centre * portable_exp(ind.spread * z);
      x = std::min(std::max(x, ind.lo), ind.hi);
      cities[i].value[k] = round_to(x, ind.decimals);
    }
  }

  // Size classes by rank of the size score (ties broken by city number).
  std::vector<std::size_t> order(kCities);
  for (std::size_t i = 0; i < kCities; ++i) {
    order[i] = i;
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return size_score[a] != size_score[b] ? size_score[a] > size_score[b] : a < b;
  });
  std::size_t pos = 0;
  for (const Tier& tier : kTiers) {
    for (std::size_t n = 0; n < tier.count; ++n) {
      cities[order[pos++]].tier = tier.name;
    }
  }

  // The outlier: kOutlierFactor times the largest value among the other cities.
  double max_other = 0.0;
  for (std::size_t i = 0; i < kCities; ++i) {
    if (i != kOutlierCity) {
      max_other = std::max(max_other, cities[i].value[kOutlierIndicator]);
    }
  }
  cities[kOutlierCity].value[kOutlierIndicator] =
      round_to(kOutlierFactor * max_other, kIndicators[kOutlierIndicator].decimals);

  // Missing cells: kMissingCells distinct cities (never the outlier city), one cell each.
  std::size_t placed = 0;
  while (placed < kMissingCells) {
    const std::size_t i = static_cast<std::size_t>(rng.below(kCities));
    const std::size_t k = static_cast<std::size_t>(rng.below(kIndicators.size()));
    City& city = cities[i];
    if (i == kOutlierCity ||
        std::any_of(city.missing.begin(), city.missing.end(), [](bool m) { return m; })) {
      continue;
    }
    city.missing[k] = true;
    ++placed;
  }
  return cities;
}

std::string render_csv(const std::vector<City>& cities, std::uint64_t seed) {
  const std::string seed_text = std::to_string(seed);
  std::string out;
  out += "# ILLUSTRATIVE SYNTHETIC DATA - fictional cities. NOT real cities' data and NOT results "
         "of the China Urban Digital Governance Report 2020.\n";
  out += "# Generated by examples/cities/generate_cities.cpp with seed " + seed_text +
         " (xoshiro256** + Box-Muller; latent city factor + dimension factor + noise).\n";
  out += "# Regenerate: generate_cities --seed " + seed_text +
         " --out cities.csv   Empty fields are deliberately missing values; see README.md.\n";

  out += "city,name_zh,tier";
  for (const Indicator& ind : kIndicators) {
    out += ',';
    out += ind.column;
  }
  out += '\n';

  // "示例城市" in UTF-8, spelled as bytes so the source encoding cannot change the output.
  const std::string name_zh = "\xE7\xA4\xBA\xE4\xBE\x8B\xE5\x9F\x8E\xE5\xB8\x82";
  for (std::size_t i = 0; i < cities.size(); ++i) {
    const std::string number = three_digits(i + 1);
    out += "Illustrative City " + number + ',' + name_zh + number + ',' + cities[i].tier;
    for (std::size_t k = 0; k < kIndicators.size(); ++k) {
      out += ',';
      if (!cities[i].missing[k]) {
        out += format_fixed(cities[i].value[k], kIndicators[k].decimals);
      }
    }
    out += '\n';
  }
  return out;
}

// ---- command line ---------------------------------------------------------------------------

constexpr const char* kUsage = "usage: generate_cities [--seed N] [--out PATH]\n"
                               "  --seed N    unsigned 64-bit seed (default 20200818)\n"
                               "  --out PATH  write the CSV to PATH (default: standard output)\n";

int usage_error(const std::string& message) {
  std::cerr << "generate_cities: error: " << message << '\n' << kUsage;
  return 2;
}

bool parse_seed(const std::string& text, std::uint64_t& seed) {
  if (text.empty() || text.size() > 20) {
    return false;
  }
  std::uint64_t value = 0;
  for (const char ch : text) {
    if (ch < '0' || ch > '9') {
      return false;
    }
    const auto digit = static_cast<std::uint64_t>(ch - '0');
    if (value > (UINT64_MAX - digit) / 10) {
      return false; // overflow
    }
    value = value * 10 + digit;
  }
  seed = value;
  return true;
}

} // namespace

int main(int argc, char** argv) {
  std::uint64_t seed = kDefaultSeed;
  std::string out_path;
  bool have_seed = false;
  bool have_out = false;

  const std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t a = 0; a < args.size(); ++a) {
    std::string opt = args[a];
    std::string value;
    bool inline_value = false;
    if (const auto eq = opt.find('='); opt.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = opt.substr(eq + 1);
      opt = opt.substr(0, eq);
      inline_value = true;
    }
    if (opt == "-h" || opt == "--help") {
      if (inline_value) {
        return usage_error("option " + opt + " takes no value");
      }
      std::cout << kUsage;
      return 0;
    }
    if (opt != "--seed" && opt != "--out") {
      return usage_error("unknown argument '" + args[a] + "'");
    }
    if (!inline_value) {
      if (a + 1 >= args.size()) {
        return usage_error("option " + opt + " needs a value");
      }
      value = args[++a];
    }
    if (opt == "--seed") {
      if (have_seed) {
        return usage_error("--seed given more than once");
      }
      if (!parse_seed(value, seed)) {
        return usage_error("--seed needs an unsigned 64-bit decimal integer, got '" + value + "'");
      }
      have_seed = true;
    } else {
      if (have_out) {
        return usage_error("--out given more than once");
      }
      if (value.empty()) {
        return usage_error("--out needs a non-empty path");
      }
      out_path = value;
      have_out = true;
    }
  }

  const std::string csv = render_csv(generate(seed), seed);

  if (!have_out) {
    std::cout.write(csv.data(), static_cast<std::streamsize>(csv.size()));
    std::cout.flush();
    if (!std::cout) {
      std::cerr << "generate_cities: error: cannot write to standard output\n";
      return 1;
    }
    return 0;
  }
  std::ofstream file(out_path, std::ios::binary | std::ios::trunc); // binary: LF on every OS
  file.write(csv.data(), static_cast<std::streamsize>(csv.size()));
  file.close();
  if (!file) {
    std::cerr << "generate_cities: error: cannot write '" << out_path << "'\n";
    return 1;
  }
  return 0;
}
