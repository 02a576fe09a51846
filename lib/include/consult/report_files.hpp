#pragma once
/// \file
/// A report as files: an XLSX workbook (written by libxlsxwriter) and a
/// self-contained HTML page with SVG charts (no scripts, nothing fetched).
/// Both are pure functions of their input: the same report gives the same
/// bytes.

#include "consult/config.hpp"
#include "consult/reports.hpp"

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

/// The label of a channel, category, meeting kind ("kind") or seat ("seat")
/// key, from the first community of `cfg` that has it; the key itself when
/// none has it or there is no configuration.
std::string key_label(const config::Config* cfg, const std::string& what, const std::string& key);

/// The figures of the whole selection, one per row (FIGURE, VALUE), with the
/// counts by meeting kind, seat, channel and category under their figure.
/// Values are as to_json() gives them (null: none); the counts are text.
Sheet figures_list(const Figures& f, int older, const config::Config* cfg);

/// The headline figures of each row, one per column, for a table or a page
/// (narrower than figures_sheet()). `by` names the rows, as for rows().
Sheet headline_sheet(const std::vector<Row>& rows, const std::string& by, Groups groups,
                     const config::Config* cfg);

/// Every scalar figure of every row, a workbook's first sheet: one row per
/// community, month, …; or, for the whole selection alone (`by` ""), one
/// figure per row. Rates and decimals are numbers (rates in %).
Sheet figures_sheet(const std::vector<Row>& rows, const std::string& by, int older,
                    const config::Config* cfg);

/// The counts behind the figures: by kind, channel, category, seat, rating.
Sheet breakdown_sheet(const std::vector<Row>& rows, const std::string& by,
                      const config::Config* cfg);

/// The charts of a report page: issues raised and resolved per month, days
/// to resolve, issues by category (for rows with issues), meetings per month
/// (for rows with meetings). `total` is the whole selection's figures.
std::vector<Chart> charts(const std::vector<ledger::Ledger*>& ledgers, const Options& options,
                          const Figures& total, const config::Config* cfg);

} // namespace consult::reports
