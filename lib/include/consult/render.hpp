#pragma once
/// \file
/// Writers for what read commands show: aligned text tables (by display
/// width, so Chinese text lines up), CSV (RFC 4180) and JSON. They return
/// strings; the caller decides where they go.

#include <string>
#include <vector>

namespace consult::render {

enum class Align { left, right };

struct Column {
  std::string header;
  Align align = Align::left;
  std::size_t max_width = 0; ///< 0: no limit; longer cells are cut with "…"
};

class Table {
public:
  explicit Table(std::vector<Column> columns) : columns_(std::move(columns)) {}
  void add_row(std::vector<std::string> cells);
  std::size_t rows() const noexcept { return rows_.size(); }

  /// Text with a header line; columns separated by two spaces; no trailing
  /// spaces. `total_width` (0: none) shrinks the widest limited columns to fit.
  std::string to_text(std::size_t total_width = 0) const;

  /// CSV with a header line, CRLF line ends as RFC 4180 says.
  std::string to_csv() const;

private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

/// An RFC 3339 time as people read it: "2026-12-02T19:30:00+08:00" →
/// "2026-12-02 19:30" (the time in its own zone).
std::string short_time(const std::string& rfc3339);

/// One CSV field, quoted when it must be. A cell a spreadsheet would run as
/// a formula — one that begins with `=`, `+`, `-`, `@`, TAB or CR and is not
/// a plain number — is written with a leading `'` (shown as text by Excel,
/// WPS and LibreOffice): text from a suggestion box is never live in a file
/// a clerk opens.
std::string csv_field(const std::string& s);

/// A CSV field as consult wrote it back to its text: the `'` csv_field put
/// before a formula-like cell taken off; anything else as it is.
std::string_view unneutralise_csv(std::string_view field);

/// "key: value" lines with the keys aligned, for `show` commands.
std::string key_values(const std::vector<std::pair<std::string, std::string>>& rows);

} // namespace consult::render
