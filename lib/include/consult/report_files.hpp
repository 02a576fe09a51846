#pragma once
/// \file
/// A report as files: an XLSX workbook (written by libxlsxwriter) and a
/// self-contained HTML page with SVG charts (no scripts, nothing fetched).
/// Both are pure functions of their input: the same report gives the same
/// bytes.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <ctime>
#include <string>
#include <vector>

namespace consult::reports {

/// One table of a report. Cells are JSON: numbers stay numbers in the
/// workbook, strings stay text, null is a blank cell.
struct Sheet {
  std::string name; ///< sheet name (at most 31 characters) and HTML caption
  std::vector<std::string> header;
  std::vector<std::vector<nlohmann::json>> rows;
};

/// A bar chart: one bar per label and series.
struct Chart {
  std::string title;
  std::vector<std::string> labels;
  std::vector<std::string> series;               ///< names, shown in a legend when more than one
  std::vector<std::vector<std::int64_t>> values; ///< [series][label]
  bool horizontal = false; ///< bars left to right, labels down the side (long names)
};

/// The sheets as an XLSX workbook. `created` is the document's date
/// (fixed, so that the bytes do not depend on when it was written).
std::string xlsx(const std::vector<Sheet>& sheets, const std::string& title, std::time_t created);

/// The charts as one SVG picture (its own width and height).
std::string svg(const Chart& chart);

/// A page: title, lines below it, the charts, then the tables.
std::string html(const std::string& title, const std::vector<std::string>& lines,
                 const std::vector<Chart>& charts, const std::vector<Sheet>& tables,
                 const std::string& lang);

} // namespace consult::reports
