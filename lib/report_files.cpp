#include "consult/report_files.hpp"

#include "consult/document.hpp"
#include "consult/error.hpp"
#include "consult/fund.hpp"
#include "consult/i18n.hpp"
#include "consult/text.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <unistd.h>

namespace consult::reports {

namespace {

/// Excel refuses sheet names over 31 characters or with []:*?/\ in them.
std::string sheet_name(const std::string& name) {
  std::string out;
  int chars = 0;
  for (char c : name) {
    const bool starts = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts && ++chars > 31) break;
    out += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '-';
  }
  return out;
}

/// A number rounded to one decimal, as the figures are defined.
double round1(double v) {
  return std::round(v * 10.0) / 10.0;
}

void check(lxw_error e) {
  if (e != LXW_NO_ERROR)
    throw Error(ErrorKind::internal, fmt::format("cannot write the workbook: {}", lxw_strerror(e)));
}

} // namespace

Cell Cell::amount(std::int64_t fen) {
  Cell c;
  c.kind = CellKind::amount;
  c.value = fen;
  return c;
}

Cell Cell::rate(std::optional<std::int64_t> permille) {
  Cell c;
  c.kind = CellKind::rate;
  if (permille) c.value = *permille;
  return c;
}

Cell Cell::decimal(std::optional<double> v) {
  Cell c;
  c.kind = CellKind::decimal;
  if (v) c.value = *v;
  return c;
}

Cell Cell::count(std::optional<std::int64_t> n) {
  Cell c;
  c.kind = CellKind::count;
  if (n) c.value = *n;
  return c;
}

std::string Cell::text() const {
  if (value.is_null()) return {};
  switch (kind) {
  case CellKind::text:
    return value.is_string() ? value.get<std::string>() : value.dump();
  case CellKind::count:
    return value.dump();
  case CellKind::amount:
    return fund::format_amount(value.get<std::int64_t>());
  case CellKind::rate: {
    const auto permille = value.get<std::int64_t>();
    return fmt::format("{}.{}%", permille / 10, permille % 10);
  }
  case CellKind::decimal:
    return fmt::format("{:.1f}", round1(value.get<double>()));
  }
  return {};
}

double Cell::number() const {
  switch (kind) {
  case CellKind::count:
    return static_cast<double>(value.get<std::int64_t>());
  case CellKind::amount:
    return static_cast<double>(value.get<std::int64_t>()) / 100.0;
  case CellKind::rate:
    return static_cast<double>(value.get<std::int64_t>()) / 1000.0;
  case CellKind::decimal:
    return round1(value.get<double>());
  case CellKind::text:
    break;
  }
  return 0;
}

std::string xlsx(const std::vector<Sheet>& sheets, const std::string& title, std::time_t created) {
  const auto dir = std::filesystem::temp_directory_path();
  std::string path = (dir / "consult-report-XXXXXX").string();
  const int fd = ::mkstemp(path.data());
  if (fd < 0)
    throw Error(ErrorKind::cant_create,
                i18n::tr(N_("cannot create a temporary file in {}"), dir.string()), {},
                _("set TMPDIR to a writable directory"));
  ::close(fd);
  struct Remove {
    std::string path;
    ~Remove() { std::remove(path.c_str()); }
  } remove{path};

  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (!wb) throw Error(ErrorKind::cant_create, "cannot start the workbook");
  std::string title_text = title, author = "consult";
  lxw_doc_properties props{};
  props.title = title_text.data();
  props.author = author.data();
  props.created = created;
  workbook_set_properties(wb, &props);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_bottom(bold, LXW_BORDER_THIN);
  // Each kind of figure its number format, so that Excel and WPS show a
  // rate as 66.7% and a SUM or a formula over the cells is right.
  auto number_format = [&](const char* code) {
    lxw_format* f = workbook_add_format(wb);
    format_set_num_format(f, code);
    return f;
  };
  lxw_format* count_format = number_format("0");
  lxw_format* amount_format = number_format("#,##0.00");
  lxw_format* rate_format = number_format("0.0%");
  lxw_format* decimal_format = number_format("0.0");
  auto format_of = [&](CellKind kind) {
    switch (kind) {
    case CellKind::count:
      return count_format;
    case CellKind::amount:
      return amount_format;
    case CellKind::rate:
      return rate_format;
    case CellKind::decimal:
      return decimal_format;
    case CellKind::text:
      break;
    }
    return static_cast<lxw_format*>(nullptr);
  };
  for (const auto& sheet : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name(sheet.name).c_str());
    if (!ws) {
      workbook_close(wb);
      throw Error(ErrorKind::internal, fmt::format("cannot add the sheet '{}'", sheet.name));
    }
    std::vector<double> width(sheet.header.size(), 8.0);
    auto widen = [&](std::size_t col, const std::string& text) {
      // CJK characters are about two columns wide, other characters one.
      double w = 0;
      for (std::size_t i = 0; i < text.size(); ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        if ((b & 0xC0) == 0x80) continue;
        w += b >= 0xE0 ? 2.0 : 1.0;
      }
      if (col < width.size()) width[col] = std::min(60.0, std::max(width[col], w + 2));
    };
    for (std::size_t c = 0; c < sheet.header.size(); ++c) {
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), sheet.header[c].c_str(), bold);
      widen(c, sheet.header[c]);
    }
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      const auto row = static_cast<lxw_row_t>(r + 1);
      for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
        const auto& cell = sheet.rows[r][c];
        const auto col = static_cast<lxw_col_t>(c);
        if (cell.blank()) continue;
        const auto shown = cell.text();
        if (cell.numeric())
          worksheet_write_number(ws, row, col, cell.number(), format_of(cell.kind));
        else
          worksheet_write_string(ws, row, col, shown.c_str(), nullptr);
        widen(c, shown);
      }
    }
    for (std::size_t c = 0; c < width.size(); ++c)
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width[c],
                           nullptr);
    worksheet_freeze_panes(ws, 1, 0);
  }
  check(workbook_close(wb));
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

namespace {

constexpr const char* kColours[] = {"#2b6cb0", "#dd6b20", "#38a169", "#805ad5"};

/// A round step for an axis reaching at least `max` in about five steps.
std::int64_t axis_step(std::int64_t max) {
  std::int64_t step = 1;
  while (step * 5 < max) {
    if (step * 2 * 5 >= max) return step * 2;
    if (step * 5 * 5 >= max) return step * 5;
    step *= 10;
  }
  return step;
}

std::string number(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

/// The picture's element and its title.
void open_svg(std::ostringstream& s, int w, int h, const std::string& title) {
  s << fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="{1}" )"
                   R"(viewBox="0 0 {0} {1}" role="img" aria-label="{2}">)",
                   w, h, document::escape_xml(title));
  s << fmt::format(R"(<text x="0" y="16" class="t">{}</text>)", document::escape_xml(title));
}

/// A swatch and the name of each series, in a row from `x`.
void legend_at(std::ostringstream& s, const Chart& chart, int x) {
  for (std::size_t j = 0; j < chart.series.size(); ++j)
    s << fmt::format(R"(<rect x="{0}" y="24" width="12" height="12" fill="{1}"/>)"
                     R"(<text x="{2}" y="34" class="l">{3}</text>)",
                     x + static_cast<int>(j) * 140, kColours[j % std::size(kColours)],
                     x + static_cast<int>(j) * 140 + 16, document::escape_xml(chart.series[j]));
}

} // namespace

std::string svg(const Chart& chart) {
  using document::escape_xml;
  std::int64_t max = 0;
  for (const auto& series : chart.values)
    for (auto v : series)
      max = std::max(max, v);
  const auto step = axis_step(std::max<std::int64_t>(max, 1));
  const auto top = ((std::max<std::int64_t>(max, 1) + step - 1) / step) * step;
  const auto n = chart.labels.size();
  const auto k = std::max<std::size_t>(chart.values.size(), 1);
  std::ostringstream s;
  const bool legend = chart.series.size() > 1;
  if (chart.horizontal) {
    const int label_w = 160, plot_w = 460, bar_h = 18, gap = 8, top_pad = legend ? 46 : 28;
    const int group_h = static_cast<int>(k) * bar_h + gap;
    const int h = top_pad + static_cast<int>(n) * group_h + 24;
    const int w = label_w + plot_w + 60;
    open_svg(s, w, h, chart.title);
    for (std::int64_t v = 0; v <= top; v += step) {
      const double x = label_w + static_cast<double>(v) * plot_w / static_cast<double>(top);
      s << fmt::format(R"(<line x1="{0:.1f}" y1="{1}" x2="{0:.1f}" y2="{2}" class="g"/>)", x,
                       top_pad - 4, h - 20);
      s << fmt::format(R"(<text x="{:.1f}" y="{}" class="a" text-anchor="middle">{}</text>)", x,
                       h - 6, number(v));
    }
    for (std::size_t i = 0; i < n; ++i) {
      const int y0 = top_pad + static_cast<int>(i) * group_h;
      s << fmt::format(R"(<text x="{}" y="{}" class="l" text-anchor="end">{}</text>)", label_w - 6,
                       y0 + static_cast<int>(k) * bar_h / 2 + 4, escape_xml(chart.labels[i]));
      for (std::size_t j = 0; j < chart.values.size(); ++j) {
        const auto v = i < chart.values[j].size() ? chart.values[j][i] : 0;
        const double bw = static_cast<double>(v) * plot_w / static_cast<double>(top);
        s << fmt::format(R"(<rect x="{}" y="{}" width="{:.1f}" height="{}" fill="{}"/>)", label_w,
                         y0 + static_cast<int>(j) * bar_h, bw, bar_h - 2,
                         kColours[j % std::size(kColours)]);
        s << fmt::format(R"(<text x="{:.1f}" y="{}" class="v">{}</text>)", label_w + bw + 4,
                         y0 + static_cast<int>(j) * bar_h + bar_h - 5, number(v));
      }
    }
    if (legend) legend_at(s, chart, label_w);
    s << "</svg>";
    return s.str();
  }
  const int left = 56, plot_h = 200, top_pad = legend ? 46 : 28, bottom = 44;
  const int slot = std::clamp(560 / static_cast<int>(std::max<std::size_t>(n, 1)), 24, 80);
  const int bar_w = std::max(4, (slot - 8) / static_cast<int>(k));
  const int w = left + slot * static_cast<int>(n) + 16;
  const int h = top_pad + plot_h + bottom;
  open_svg(s, std::max(w, 320), h, chart.title);
  for (std::int64_t v = 0; v <= top; v += step) {
    const double y = top_pad + plot_h - static_cast<double>(v) * plot_h / static_cast<double>(top);
    s << fmt::format(R"(<line x1="{0}" y1="{1:.1f}" x2="{2}" y2="{1:.1f}" class="g"/>)", left, y,
                     w);
    s << fmt::format(R"(<text x="{}" y="{:.1f}" class="a" text-anchor="end">{}</text>)", left - 6,
                     y + 4, number(v));
  }
  for (std::size_t i = 0; i < n; ++i) {
    const int x0 = left + static_cast<int>(i) * slot + 4;
    for (std::size_t j = 0; j < chart.values.size(); ++j) {
      const auto v = i < chart.values[j].size() ? chart.values[j][i] : 0;
      const double bh = static_cast<double>(v) * plot_h / static_cast<double>(top);
      s << fmt::format(R"(<rect x="{}" y="{:.1f}" width="{}" height="{:.1f}" fill="{}">)"
                       R"(<title>{}: {}</title></rect>)",
                       x0 + static_cast<int>(j) * bar_w, top_pad + plot_h - bh, bar_w - 1, bh,
                       kColours[j % std::size(kColours)], escape_xml(chart.labels[i]), number(v));
    }
    s << fmt::format(R"(<text x="{}" y="{}" class="a" text-anchor="middle">{}</text>)",
                     x0 + (slot - 8) / 2, top_pad + plot_h + 16, escape_xml(chart.labels[i]));
  }
  if (legend) legend_at(s, chart, left);
  s << "</svg>";
  return s.str();
}

std::string html(const std::string& title, const std::vector<std::string>& lines,
                 const std::vector<Chart>& charts, const std::vector<Sheet>& tables,
                 const std::string& lang) {
  using document::escape_xml;
  std::ostringstream s;
  s << "<!DOCTYPE html>\n<html lang=\"" << escape_xml(lang) << "\">\n<head>\n"
    << "<meta charset=\"utf-8\">\n<title>" << escape_xml(title) << "</title>\n"
    << R"(<style>
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
       sans-serif; margin: 24px; color: #1a202c; }
h1 { font-size: 20px; margin: 0 0 4px; }
p.sub { margin: 0 0 2px; color: #4a5568; font-size: 13px; }
figure { margin: 20px 0; }
svg text { font-size: 12px; fill: #1a202c; }
svg text.t { font-size: 14px; font-weight: bold; }
svg line.g { stroke: #e2e8f0; stroke-width: 1; }
table { border-collapse: collapse; margin: 16px 0; font-size: 13px; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { border: 1px solid #cbd5e0; padding: 3px 8px; }
th { background: #edf2f7; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
@media print { body { margin: 0; } }
</style>
</head>
<body>
)";
  s << "<h1>" << escape_xml(title) << "</h1>\n";
  for (const auto& line : lines)
    s << "<p class=\"sub\">" << escape_xml(line) << "</p>\n";
  for (const auto& chart : charts)
    s << "<figure>" << svg(chart) << "</figure>\n";
  for (const auto& t : tables) {
    s << "<table>\n<caption>" << escape_xml(t.name) << "</caption>\n<tr>";
    for (const auto& h : t.header)
      s << "<th>" << escape_xml(h) << "</th>";
    s << "</tr>\n";
    for (const auto& row : t.rows) {
      s << "<tr>";
      for (const auto& cell : row)
        s << (cell.numeric() ? "<td class=\"n\">" : "<td>") << escape_xml(cell.text()) << "</td>";
      s << "</tr>\n";
    }
    s << "</table>\n";
  }
  s << "</body>\n</html>\n";
  return s.str();
}

namespace {

using nlohmann::json;

/// The headline figures, one per column, of a row per community, month, …
std::vector<std::pair<const char*, const char*>> headline(Groups groups) {
  switch (groups) {
  case Groups::issues:
    return {{"issues_raised", N_("RAISED")},
            {"accepted", N_("ACCEPTED")},
            {"decided", N_("DECIDED")},
            {"resolved", N_("RESOLVED")},
            {"resolution_rate", N_("RATE")},
            {"median_days_to_resolve", N_("MEDIAN DAYS")},
            {"p90_days_to_resolve", N_("P90 DAYS")},
            {"open_older", N_("OPEN OLD")},
            {"overdue_actions", N_("OVERDUE")},
            {"satisfaction", N_("SATISFACTION")}};
  case Groups::meetings:
    return {{"meetings_held", N_("MEETINGS")},
            {"meetings_cancelled", N_("CANCELLED")},
            {"attendance_rate", N_("ATTENDANCE")},
            {"votes_held", N_("VOTES")},
            {"votes_passed", N_("PASSED")}};
  case Groups::all:
    break;
  }
  return {{"meetings_held", N_("MEETINGS")},  {"issues_raised", N_("RAISED")},
          {"decided", N_("DECIDED")},         {"resolved", N_("RESOLVED")},
          {"resolution_rate", N_("RATE")},    {"median_days_to_resolve", N_("MEDIAN DAYS")},
          {"overdue_actions", N_("OVERDUE")}, {"satisfaction", N_("SATISFACTION")},
          {"votes_held", N_("VOTES")},        {"votes_passed", N_("PASSED")}};
}

/// A figure of `f` as a cell of its kind; `j` is to_json(f) and has the key.
Cell figure_cell(const Figures& f, const json& j, std::string_view key) {
  if (key == "attendance_rate") return Cell::rate(f.attendance_permille());
  if (key == "resolution_rate") return Cell::rate(f.resolution_permille());
  if (key == "median_days_to_resolve") return Cell::decimal(f.median_days());
  if (key == "rounds_per_decided") return Cell::decimal(f.rounds_per_decided());
  if (key == "satisfaction") return Cell::decimal(f.satisfaction());
  if (key == "fund_income") return Cell::amount(f.fund_income);
  if (key == "fund_expense") return Cell::amount(f.fund_expense);
  const auto& v = j.at(std::string(key));
  if (v.is_number_integer()) return Cell(v.get<std::int64_t>());
  if (v.is_null()) return Cell::count(std::nullopt);
  throw Error(ErrorKind::internal, fmt::format("the figure '{}' has no kind of cell", key));
}

std::string by_title(const std::string& by) {
  if (by == "community") return _("COMMUNITY");
  if (by == "month") return _("MONTH");
  if (by == "category") return _("CATEGORY");
  if (by == "channel") return _("CHANNEL");
  if (by == "kind") return _("MEETING KIND");
  return _("SELECTION");
}

std::string row_name(const config::Config* cfg, const std::string& by, const std::string& key) {
  if (key.empty()) return _("all");
  if (by == "category" || by == "channel" || by == "kind") return key_label(cfg, by, key);
  // A community by its name, its id beside it.
  if (by == "community" && cfg)
    if (const auto* com = cfg->find(key); com && !com->name.empty())
      return com->name + " (" + key + ")";
  return key;
}

/// A chart of a month per bar group, the series' values taken from each month.
template <typename Values>
Chart per_month(std::string title, std::vector<std::string> series, const std::vector<Row>& months,
                Values values) {
  Chart chart;
  chart.title = std::move(title);
  chart.series = std::move(series);
  chart.values.resize(chart.series.size());
  for (const auto& m : months) {
    chart.labels.push_back(m.key);
    const auto v = values(m.f);
    for (std::size_t i = 0; i < v.size() && i < chart.values.size(); ++i)
      chart.values[i].push_back(v[i]);
  }
  return chart;
}

} // namespace

std::string key_label(const config::Config* cfg, const std::string& what, const std::string& key) {
  if (cfg)
    for (const auto& com : cfg->communities) {
      if (what == "seat") {
        if (const auto* seat = com.seat(key)) return seat->label;
        continue;
      }
      if (what == "body") {
        if (const auto* body = com.body(key)) return body->name;
        continue;
      }
      const config::Label* l = what == "channel"    ? com.channel(key)
                               : what == "category" ? com.category(key)
                                                    : com.meeting_kind(key);
      if (l) return l->label;
    }
  // `other` in words (其他) even without the community's file: every
  // community has it for what matched none of its channels or categories.
  if ((what == "channel" || what == "category") && key == config::kOtherKey)
    return i18n::key_label(key);
  return key;
}

Sheet figures_list(const Figures& f, int older, const config::Config* cfg) {
  const auto j = to_json(f);
  Sheet s;
  s.name = _("Figures");
  s.header = {_("FIGURE"), _("VALUE")};
  for (const auto& [key, label] : figure_labels()) {
    if (!j.contains(key)) continue;
    s.rows.push_back({figure_label(key, older), figure_cell(f, j, key)});
    if (std::string_view(key) == "meetings_held")
      for (const auto& [kind, n] : f.meetings_by_kind)
        s.rows.push_back({"  " + key_label(cfg, "kind", kind), std::to_string(n)});
    if (std::string_view(key) == "attendance_rate")
      for (const auto& [seat, pd] : f.attendance)
        s.rows.push_back({"  " + i18n::tr(N_("attendance of {}"), key_label(cfg, "seat", seat)),
                          fmt::format("{}/{}", pd.first, pd.second)});
    // Every body's members at its own meetings (docs/bodies.md).
    if (std::string_view(key) == "attendance_rate")
      for (const auto& [body, pd] : f.attendance_by_body)
        s.rows.push_back(
            {"  " + i18n::tr(N_("attendance at meetings of {}"), key_label(cfg, "body", body)),
             fmt::format("{}/{}", pd.first, pd.second)});
    if (std::string_view(key) == "issues_raised") {
      // Under other, the words that matched no key, as they were written.
      auto as_written = [&](const std::map<std::string, std::int64_t>& texts) {
        for (const auto& [words, n] : texts)
          s.rows.push_back({"    " + i18n::tr(N_("written as {}"), text::quote_input(words, 40)),
                            std::to_string(n)});
      };
      for (const auto& [ch, n] : f.raised_by_channel) {
        s.rows.push_back(
            {"  " + i18n::tr(N_("via {}"), key_label(cfg, "channel", ch)), std::to_string(n)});
        if (ch == config::kOtherKey) as_written(f.other_channel_texts);
      }
      for (const auto& [cat, n] : f.raised_by_category) {
        s.rows.push_back(
            {"  " + i18n::tr(N_("about {}"), key_label(cfg, "category", cat)), std::to_string(n)});
        if (cat == config::kOtherKey) as_written(f.other_category_texts);
      }
    }
  }
  return s;
}

Sheet headline_sheet(const std::vector<Row>& rows, const std::string& by, Groups groups,
                     const config::Config* cfg) {
  Sheet s;
  s.name = _("Figures");
  s.header = {by_title(by)};
  const auto cols = headline(groups);
  for (const auto& [key, label] : cols)
    s.header.push_back(_(label));
  for (const auto& r : rows) {
    const auto j = to_json(r.f);
    std::vector<Cell> cells = {row_name(cfg, by, r.key)};
    for (const auto& [key, label] : cols)
      cells.push_back(j.contains(key) ? figure_cell(r.f, j, key) : Cell());
    s.rows.push_back(std::move(cells));
  }
  return s;
}

Sheet figures_sheet(const std::vector<Row>& rows, const std::string& by, int older,
                    const config::Config* cfg) {
  Sheet s;
  s.name = _("Figures");
  if (by.empty()) {
    s.header = {_("FIGURE"), _("VALUE")};
    const auto& f = rows.back().f;
    const auto j = to_json(f);
    for (const auto& [key, label] : figure_labels())
      if (j.contains(key)) s.rows.push_back({figure_label(key, older), figure_cell(f, j, key)});
    return s;
  }
  s.header = {by_title(by)};
  const auto probe = to_json(rows.front().f);
  std::vector<const char*> keys;
  for (const auto& [key, label] : figure_labels())
    if (probe.contains(key)) {
      keys.push_back(key);
      s.header.push_back(figure_label(key, older));
    }
  for (const auto& r : rows) {
    const auto j = to_json(r.f);
    std::vector<Cell> cells = {row_name(cfg, by, r.key)};
    for (const char* key : keys)
      cells.push_back(j.contains(key) ? figure_cell(r.f, j, key) : Cell());
    s.rows.push_back(std::move(cells));
  }
  return s;
}

Sheet breakdown_sheet(const std::vector<Row>& rows, const std::string& by,
                      const config::Config* cfg) {
  Sheet s;
  s.name = _("Breakdown");
  s.header = {by_title(by), _("FIGURE"), _("KEY"), _("COUNT"), _("OF")};
  for (const auto& r : rows) {
    const auto name = row_name(cfg, by, r.key);
    for (const auto& [k, n] : r.f.meetings_by_kind)
      s.rows.push_back({name, _("meetings held by kind"), key_label(cfg, "kind", k), n, nullptr});
    for (const auto& [seat, pd] : r.f.attendance)
      s.rows.push_back(
          {name, _("attendance by seat"), key_label(cfg, "seat", seat), pd.first, pd.second});
    for (const auto& [body, pd] : r.f.attendance_by_body)
      s.rows.push_back(
          {name, _("attendance by body"), key_label(cfg, "body", body), pd.first, pd.second});
    for (const auto& [k, n] : r.f.raised_by_channel)
      s.rows.push_back({name, _("issues raised by channel"), key_label(cfg, "channel", k), n,
                        r.f.issues_raised});
    for (const auto& [k, n] : r.f.raised_by_category)
      s.rows.push_back({name, _("issues raised by category"), key_label(cfg, "category", k), n,
                        r.f.issues_raised});
    for (const auto& [words, n] : r.f.other_channel_texts)
      s.rows.push_back({name, _("channels written under other"), words, n,
                        r.f.raised_by_channel.count(config::kOtherKey)
                            ? Cell(r.f.raised_by_channel.at(config::kOtherKey))
                            : Cell()});
    for (const auto& [words, n] : r.f.other_category_texts)
      s.rows.push_back({name, _("categories written under other"), words, n,
                        r.f.raised_by_category.count(config::kOtherKey)
                            ? Cell(r.f.raised_by_category.at(config::kOtherKey))
                            : Cell()});
    if (r.f.has_issues())
      for (int i = 0; i < 5; ++i)
        if (r.f.rating_counts[i])
          s.rows.push_back(
              {name, _("ratings"), std::to_string(i + 1), r.f.rating_counts[i], r.f.ratings});
  }
  return s;
}

std::vector<Chart> charts(const std::vector<ledger::Ledger*>& ledgers, const Options& options,
                          const Figures& total, const config::Config* cfg) {
  std::vector<Chart> out;
  const auto months = monthly(ledgers, options);
  if (total.has_issues()) {
    out.push_back(per_month(_("Issues raised and resolved per month"), {_("raised"), _("resolved")},
                            months, [](const Figures& f) {
                              return std::vector<std::int64_t>{f.issues_raised, f.resolved};
                            }));

    Chart days;
    days.title = _("Days from raised to resolved (issues resolved in the period)");
    days.series = {_("issues")};
    const std::pair<std::int64_t, const char*> buckets[] = {
        {7, "0–7"}, {14, "8–14"}, {30, "15–30"}, {60, "31–60"}, {90, "61–90"}, {180, "91–180"}};
    days.values.resize(1);
    for (const auto& [upto, label] : buckets)
      days.labels.push_back(label);
    days.labels.push_back("181+");
    days.values[0].assign(days.labels.size(), 0);
    for (const auto& [d, n] : total.days_to_resolve) {
      std::size_t i = 0;
      while (i < std::size(buckets) && d > buckets[i].first)
        ++i;
      days.values[0][i] += n;
    }
    out.push_back(std::move(days));

    Chart categories;
    categories.title = _("Issues raised by category");
    categories.series = {_("issues")};
    categories.horizontal = true;
    categories.values.resize(1);
    std::vector<std::pair<std::int64_t, std::string>> sorted;
    for (const auto& [k, n] : total.raised_by_category)
      sorted.emplace_back(-n, k);
    std::sort(sorted.begin(), sorted.end());
    for (const auto& [negative, k] : sorted) {
      categories.labels.push_back(key_label(cfg, "category", k));
      categories.values[0].push_back(-negative);
    }
    out.push_back(std::move(categories));
  }
  if (total.has_meetings()) {
    out.push_back(per_month(
        _("Meetings held per month"), {_("held"), _("cancelled")}, months, [](const Figures& f) {
          return std::vector<std::int64_t>{f.meetings_held, f.meetings_cancelled};
        }));
  }
  return out;
}

} // namespace consult::reports
