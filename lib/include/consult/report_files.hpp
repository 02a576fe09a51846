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
#include <cstddef>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace consult::reports {

/// What a cell of a report holds. The figure says what it is, never its
/// text: a workbook gives each kind its number format, a table, CSV or page
/// shows it as docs/reports.md defines the figure.
enum class CellKind {
  text,    ///< words (a name, a month, a key)
  count,   ///< a whole number; format "0"
  amount,  ///< fen, shown in yuan; format "#,##0.00"
  rate,    ///< tenths of a percent (667: 66.7 %); a fraction in a workbook (0.667), format "0.0%"
  decimal, ///< a number shown to one decimal (a median, a mean); format "0.0"
};

/// One cell of a report: its kind and its value (text: a string; count,
/// amount, rate: an integer; decimal: a number; null: a blank cell).
struct Cell {
  CellKind kind = CellKind::text;
  nlohmann::json value;

  Cell() = default;
  Cell(std::nullptr_t) {}
  Cell(std::string text) : value(std::move(text)) {}
  Cell(const char* text) : value(std::string(text)) {}
  Cell(int n) : kind(CellKind::count), value(n) {}
  Cell(std::int64_t n) : kind(CellKind::count), value(n) {}
  static Cell amount(std::int64_t fen);
  static Cell rate(std::optional<std::int64_t> permille);
  static Cell decimal(std::optional<double> v);
  static Cell count(std::optional<std::int64_t> n);

  bool blank() const { return value.is_null(); }
  bool numeric() const { return kind != CellKind::text; }
  /// As a table, CSV or page shows it: "1234", "1,260.00", "66.7%", "31.0";
  /// "" when blank.
  std::string text() const;
  /// As a workbook stores it: the count, the yuan, the fraction (0.667), the
  /// decimal rounded to one place.
  double number() const;
};

/// One table of a report.
struct Sheet {
  std::string name; ///< sheet name (at most 31 characters) and HTML caption
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
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
/// Each figure a cell of its kind (blank: none); the counts under a figure
/// are text ("3/4").
Sheet figures_list(const Figures& f, int older, const config::Config* cfg);

/// The headline figures of each row, one per column, for a table or a page
/// (narrower than figures_sheet()). `by` names the rows, as for rows().
Sheet headline_sheet(const std::vector<Row>& rows, const std::string& by, Groups groups,
                     const config::Config* cfg);

/// Every scalar figure of every row, a workbook's first sheet: one row per
/// community, month, …; or, for the whole selection alone (`by` ""), one
/// figure per row. Each figure is a cell of its kind: counts, amounts in
/// yuan, rates as fractions, means and medians to one decimal.
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
