#include "consult/render.hpp"

#include "consult/text.hpp"

#include <algorithm>

namespace consult::render {

void Table::add_row(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  for (auto& c : cells)
    c = text::one_line(c);
  rows_.push_back(std::move(cells));
}

std::string Table::to_text(std::size_t total_width) const {
  const std::size_t n = columns_.size();
  std::vector<std::size_t> width(n, 0);
  std::vector<std::size_t> limit(n, 0);
  for (std::size_t c = 0; c < n; ++c) {
    limit[c] = columns_[c].max_width;
    width[c] = text::display_width(columns_[c].header);
    for (const auto& row : rows_)
      width[c] = std::max(width[c], text::display_width(row[c]));
    if (limit[c] && width[c] > limit[c])
      width[c] = std::max(limit[c], text::display_width(columns_[c].header));
  }
  if (total_width) {
    // Shrink the widest limited column until the table fits (or nothing can shrink).
    auto total = [&] {
      std::size_t t = 0;
      for (auto w : width)
        t += w;
      return t + 2 * (n ? n - 1 : 0);
    };
    while (total() > total_width) {
      std::size_t widest = n;
      for (std::size_t c = 0; c < n; ++c)
        if (limit[c] && width[c] > 8 && (widest == n || width[c] > width[widest])) widest = c;
      if (widest == n) break;
      --width[widest];
    }
  }
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    std::string l;
    for (std::size_t c = 0; c < n; ++c) {
      std::string cell = text::truncate_to_width(cells[c], width[c]);
      const bool last = c + 1 == n;
      if (columns_[c].align == Align::right)
        cell = text::pad_left(cell, width[c]);
      else if (!last)
        cell = text::pad_right(cell, width[c]);
      l += cell;
      if (!last) l += "  ";
    }
    while (!l.empty() && l.back() == ' ')
      l.pop_back();
    out += l;
    out += '\n';
  };
  std::vector<std::string> headers;
  for (const auto& c : columns_)
    headers.push_back(c.header);
  line(headers);
  for (const auto& row : rows_)
    line(row);
  return out;
}

std::string short_time(const std::string& rfc3339) {
  std::string s = rfc3339.substr(0, 16);
  if (s.size() > 10 && s[10] == 'T') s[10] = ' ';
  return s;
}

namespace {

/// Whether a spreadsheet reads `s` as a plain number (signed, with thousands
/// separators, a decimal part or a percent sign): nothing there to run.
bool plain_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i == s.size() || s[i] < '0' || s[i] > '9') return false;
  bool point = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') continue;
    if (c == ',' && !point) continue;
    if (c == '.' && !point) {
      point = true;
      continue;
    }
    if (c == '%' && i + 1 == s.size()) continue;
    return false;
  }
  return true;
}

bool formula_start(char c) {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

} // namespace

std::string csv_field(const std::string& cell) {
  // A cell that a spreadsheet would take for a formula (=HYPERLINK(…),
  // +cmd|…, @SUM(…), or any of them behind a TAB or CR) gets a leading
  // apostrophe, which Excel, WPS and LibreOffice show as text; consult's
  // importer takes it off again (unneutralise_csv).
  const std::string s =
      !cell.empty() && formula_start(cell.front()) && !plain_number(cell) ? "'" + cell : cell;
  const bool quote = s.find_first_of(",\"\r\n") != std::string::npos ||
                     (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!quote) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string Table::to_csv() const {
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c) out += ',';
      out += csv_field(cells[c]);
    }
    out += "\r\n";
  };
  std::vector<std::string> headers;
  for (const auto& c : columns_)
    headers.push_back(c.header);
  line(headers);
  for (const auto& row : rows_)
    line(row);
  return out;
}

std::string key_values(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::size_t w = 0;
  for (const auto& [k, v] : rows)
    w = std::max(w, text::display_width(k));
  std::string out;
  for (const auto& [k, v] : rows) {
    out += text::pad_right(k + ":", w + 1);
    if (!v.empty()) out += " " + v;
    out += '\n';
  }
  return out;
}

std::string_view unneutralise_csv(std::string_view field) {
  if (field.size() >= 2 && field[0] == '\'' && formula_start(field[1]) &&
      !plain_number(field.substr(1)))
    return field.substr(1);
  return field;
}

} // namespace consult::render
