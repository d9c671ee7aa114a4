// libFuzzer harness: the methodology reader (scripts/fuzz.sh). Any input must give a methodology
// or a govmetrics::error (check_methodology: a list of problems); anything else is a bug. A file
// that reads must also write back and read again to the same JSON.
#include <govmetrics/error.hpp>
#include <govmetrics/io/methodology.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace io = govmetrics::io;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)io::check_methodology(text, "fuzz.json");
  try {
    const io::methodology m = io::parse_methodology(text, "fuzz.json");
    const std::string once = io::to_json(m);
    const std::string twice = io::to_json(io::parse_methodology(once, "written.json"));
    if (once != twice)
      std::abort(); // the writer and the reader disagree
  } catch (const govmetrics::error&) {
  }
  return 0;
}
