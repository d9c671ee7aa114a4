// govmetrics report: the files the HTML report inlines, embedded at build time by
// cmake/GovmetricsEmbed.cmake (the generated report_assets.cpp): the page's template, style and
// script (web/report/) and the charting library from web/node_modules (web/package-lock.json).
#pragma once

#include <string_view>

namespace govmetrics::io::report_assets {

extern const std::string_view page;       ///< web/report/report.html, with {{...}} markers
extern const std::string_view style;      ///< web/report/report.css
extern const std::string_view script;     ///< web/report/report.js
extern const std::string_view vega;       ///< vega/build/vega.min.js
extern const std::string_view vega_lite;  ///< vega-lite/build/vega-lite.min.js
extern const std::string_view vega_embed; ///< vega-embed/build/vega-embed.min.js
extern const std::string_view licenses;   ///< the three packages' LICENSE files
extern const std::string_view libraries;  ///< "vega 6.4.0, vega-lite 6.4.3, vega-embed 7.3.0"

} // namespace govmetrics::io::report_assets
