// libFuzzer harness: the CSV reader, wide and long layouts (scripts/fuzz.sh). Any input must give a
// dataset or a govmetrics::error; anything else (a crash, a sanitizer report, another exception,
// a leak) is a bug.
#include <govmetrics/error.hpp>
#include <govmetrics/io/csv.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace io = govmetrics::io;
  if (size == 0)
    return 0;
  // the first byte chooses the layout and options; the rest is the file
  const std::uint8_t mode = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  io::csv_options options;
  if ((mode & 1U) != 0U) {
    options.layout = io::csv_layout::long_;
  }
  if ((mode & 2U) != 0U)
    options.unit_column = "unit";
  if ((mode & 4U) != 0U)
    options.columns = {"x", "y", "value"};
  if ((mode & 8U) != 0U)
    options.label_columns = {"group"};
  options.trim_unit_ids = (mode & 16U) == 0U;
  try {
    io::csv_report report;
    const auto d = io::parse_csv(text, "fuzz.csv", options, &report);
    (void)d;
    (void)io::parse_csv_table(text, "fuzz.csv");
  } catch (const govmetrics::error&) {
    // a located error: the expected way to refuse bad input
  }
  return 0;
}
