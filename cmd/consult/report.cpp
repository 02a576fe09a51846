// consult report: the figures officials ask for, per community or across a
// street, as a table, JSON, CSV, an XLSX workbook or an HTML page with
// charts. Each figure is defined in docs/reports.md.

#include "commands.hpp"

#include "consult/document.hpp"
#include "consult/error.hpp"
#include "consult/fund.hpp"
#include "consult/i18n.hpp"
#include "consult/render.hpp"
#include "consult/report_files.hpp"
#include "consult/reports.hpp"

#include <charconv>
#include <memory>

namespace consult::cli {

namespace {

using nlohmann::json;

struct ReportOptions {
  std::vector<std::string> communities, ledgers;
  bool all = false;
  std::string period, by, format = "table", out;
  int older = 30;
};

struct Row {
  std::string key; ///< community id, month, category, …; "" for the whole selection
  reports::Figures f;
};

/// Every scalar figure, in the order of docs/reports.md, with its label.
const std::vector<std::pair<const char*, const char*>>& figure_labels() {
  static const std::vector<std::pair<const char*, const char*>> k = {
      {"meetings_held", N_("meetings held")},
      {"meetings_cancelled", N_("meetings cancelled")},
      {"attendance_rate", N_("attendance rate of council members")},
      {"issues_raised", N_("issues raised")},
      {"accepted", N_("accepted")},
      {"rejected", N_("rejected")},
      {"merged", N_("merged")},
      {"escalated", N_("escalated")},
      {"decided", N_("decided")},
      {"resolved", N_("resolved")},
      {"closed", N_("closed")},
      {"raised_and_solved", N_("raised in the period and solved by its end")},
      {"resolution_rate", N_("resolution rate (raised in the period, solved by its end)")},
      {"median_days_to_resolve", N_("median days raised → resolved")},
      {"p90_days_to_resolve", N_("90th percentile days raised → resolved")},
      {"rounds_per_decided", N_("rounds per decided issue")},
      {"open_older", N_("open issues older than N days")},
      {"overdue_actions", N_("overdue actions")},
      {"ratings", N_("residents' ratings")},
      {"satisfaction", N_("satisfaction (mean of 1..5)")},
      {"votes_held", N_("votes held")},
      {"votes_passed", N_("votes passed")},
      {"fund_income", N_("fund income (yuan)")},
      {"fund_expense", N_("fund expenses (yuan)")}};
  return k;
}

std::string label_of(const std::string& key, int older) {
  if (key == "open_older") return i18n::tr(N_("open issues older than {} days"), older);
  for (const auto& [k, label] : figure_labels())
    if (key == k) return _(label);
  return key;
}

/// The headline figures, one per column, of a row per community, month, …
std::vector<std::pair<const char*, const char*>> headline(reports::Groups groups) {
  switch (groups) {
  case reports::Groups::issues:
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
  case reports::Groups::meetings:
    return {{"meetings_held", N_("MEETINGS")},
            {"meetings_cancelled", N_("CANCELLED")},
            {"attendance_rate", N_("ATTENDANCE")},
            {"votes_held", N_("VOTES")},
            {"votes_passed", N_("PASSED")}};
  case reports::Groups::all:
    break;
  }
  return {{"meetings_held", N_("MEETINGS")},  {"issues_raised", N_("RAISED")},
          {"decided", N_("DECIDED")},         {"resolved", N_("RESOLVED")},
          {"resolution_rate", N_("RATE")},    {"median_days_to_resolve", N_("MEDIAN DAYS")},
          {"overdue_actions", N_("OVERDUE")}, {"satisfaction", N_("SATISFACTION")},
          {"votes_held", N_("VOTES")},        {"votes_passed", N_("PASSED")}};
}

/// The figures as JSON, with the council's overall attendance rate.
json figures_json(const reports::Figures& f) {
  auto j = reports::to_json(f);
  if (f.has_meetings()) {
    std::int64_t present = 0, due = 0;
    for (const auto& [seat, pd] : f.attendance) {
      present += pd.first;
      due += pd.second;
    }
    if (due == 0) {
      j["attendance_rate"] = nullptr;
    } else {
      const auto permille = (present * 2000 + due) / (2 * due);
      j["attendance_rate"] = fmt::format("{}.{}%", permille / 10, permille % 10);
    }
  }
  return j;
}

std::string or_dash(const json& v) {
  if (v.is_null()) return "-";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

/// A figure for a spreadsheet cell: "66.7%", "31.0" and "100.00" become numbers.
json as_number(const json& v) {
  if (!v.is_string()) return v;
  std::string s = v.get<std::string>();
  if (!s.empty() && s.back() == '%') s.pop_back();
  double d = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return v;
  return d;
}

/// The label of a channel, category, meeting kind or seat from the configuration.
std::string label_for(Context& c, const std::string& what, const std::string& key) {
  if (const auto* cfg = c.config_if_any())
    for (const auto& com : cfg->communities) {
      if (what == "seat") {
        if (const auto* seat = com.seat(key)) return seat->label;
        continue;
      }
      const config::Label* l = what == "channel"    ? com.channel(key)
                               : what == "category" ? com.category(key)
                                                    : com.meeting_kind(key);
      if (l) return l->label;
    }
  return key;
}

render::Table figures_table(const reports::Figures& f, int older, Context& c) {
  const auto j = figures_json(f);
  render::Table t({{_("FIGURE")}, {_("VALUE"), render::Align::right}});
  for (const auto& [key, label] : figure_labels()) {
    if (!j.contains(key)) continue;
    t.add_row({label_of(key, older), or_dash(j[key])});
    if (std::string_view(key) == "meetings_held")
      for (const auto& [kind, n] : f.meetings_by_kind)
        t.add_row({"  " + label_for(c, "kind", kind), std::to_string(n)});
    if (std::string_view(key) == "attendance_rate")
      for (const auto& [seat, pd] : f.attendance)
        t.add_row({"  " + i18n::tr(N_("attendance of {}"), label_for(c, "seat", seat)),
                   fmt::format("{}/{}", pd.first, pd.second)});
    if (std::string_view(key) == "issues_raised") {
      for (const auto& [ch, n] : f.raised_by_channel)
        t.add_row({"  " + i18n::tr(N_("via {}"), label_for(c, "channel", ch)), std::to_string(n)});
      for (const auto& [cat, n] : f.raised_by_category)
        t.add_row(
            {"  " + i18n::tr(N_("about {}"), label_for(c, "category", cat)), std::to_string(n)});
    }
  }
  return t;
}

std::string by_title(const std::string& by) {
  if (by == "community") return _("COMMUNITY");
  if (by == "month") return _("MONTH");
  if (by == "category") return _("CATEGORY");
  if (by == "channel") return _("CHANNEL");
  if (by == "kind") return _("MEETING KIND");
  return _("SELECTION");
}

std::string row_name(Context& c, const std::string& by, const std::string& key) {
  if (key.empty()) return _("all");
  if (by == "category" || by == "channel" || by == "kind") return label_for(c, by, key);
  return key;
}

/// The headline figures of each row, one per column.
reports::Sheet headline_sheet(const std::vector<Row>& rows, const std::string& by,
                              reports::Groups groups, Context& c) {
  reports::Sheet s;
  s.name = _("Figures");
  s.header = {by_title(by)};
  const auto cols = headline(groups);
  for (const auto& [key, label] : cols)
    s.header.push_back(_(label));
  for (const auto& r : rows) {
    const auto j = figures_json(r.f);
    std::vector<json> cells = {row_name(c, by, r.key)};
    for (const auto& [key, label] : cols)
      cells.push_back(j[key]);
    s.rows.push_back(std::move(cells));
  }
  return s;
}

/// Every scalar figure of every row (the workbook's first sheet): one row
/// per community, month, …; or, for the whole selection alone, one figure
/// per row.
reports::Sheet figures_sheet(const std::vector<Row>& rows, const std::string& by, int older,
                             Context& c) {
  reports::Sheet s;
  s.name = _("Figures");
  if (by.empty()) {
    s.header = {_("FIGURE"), _("VALUE")};
    const auto j = figures_json(rows.back().f);
    for (const auto& [key, label] : figure_labels())
      if (j.contains(key)) {
        std::string name = label_of(key, older);
        if (std::string_view(key).ends_with("_rate")) name += " (%)";
        s.rows.push_back({name, as_number(j[key])});
      }
    return s;
  }
  s.header = {by_title(by)};
  const auto probe = figures_json(rows.front().f);
  std::vector<const char*> keys;
  for (const auto& [key, label] : figure_labels())
    if (probe.contains(key)) {
      keys.push_back(key);
      std::string h = label_of(key, older);
      if (std::string_view(key).ends_with("_rate")) h += " (%)";
      s.header.push_back(h);
    }
  for (const auto& r : rows) {
    const auto j = figures_json(r.f);
    std::vector<json> cells = {row_name(c, by, r.key)};
    for (const char* key : keys)
      cells.push_back(as_number(j[key]));
    s.rows.push_back(std::move(cells));
  }
  return s;
}

/// The counts behind the figures: by kind, channel, category, seat, rating.
reports::Sheet breakdown_sheet(const std::vector<Row>& rows, const std::string& by, Context& c) {
  reports::Sheet s;
  s.name = _("Breakdown");
  s.header = {by_title(by), _("FIGURE"), _("KEY"), _("COUNT"), _("OF")};
  for (const auto& r : rows) {
    const auto name = row_name(c, by, r.key);
    for (const auto& [k, n] : r.f.meetings_by_kind)
      s.rows.push_back({name, _("meetings held by kind"), label_for(c, "kind", k), n, nullptr});
    for (const auto& [seat, pd] : r.f.attendance)
      s.rows.push_back({name, _("attendance by seat"), seat, pd.first, pd.second});
    for (const auto& [k, n] : r.f.raised_by_channel)
      s.rows.push_back(
          {name, _("issues raised by channel"), label_for(c, "channel", k), n, r.f.issues_raised});
    for (const auto& [k, n] : r.f.raised_by_category)
      s.rows.push_back({name, _("issues raised by category"), label_for(c, "category", k), n,
                        r.f.issues_raised});
    if (r.f.has_issues())
      for (int i = 0; i < 5; ++i)
        if (r.f.rating_counts[i])
          s.rows.push_back(
              {name, _("ratings"), std::to_string(i + 1), r.f.rating_counts[i], r.f.ratings});
  }
  return s;
}

/// The rows of a period, one per month (charts and --by month).
std::vector<Row> monthly(const std::vector<ledger::Ledger*>& ledgers, reports::Options opt) {
  using namespace std::chrono;
  const auto p = opt.period;
  std::vector<Row> rows;
  auto month = year_month{p.from.year(), p.from.month()};
  const auto last = year_month{p.to.year(), p.to.month()};
  for (; month <= last; month += months(1)) {
    opt.period.from = std::max(sys_days(month / 1), sys_days(p.from));
    opt.period.to = std::min(sys_days(month / std::chrono::last), sys_days(p.to));
    rows.push_back(
        {clock::format_date(opt.period.from).substr(0, 7), reports::compute(ledgers, opt).all});
  }
  return rows;
}

/// A chart of a month per bar group, the series' values taken from each month.
template <typename Values>
reports::Chart per_month(std::string title, std::vector<std::string> series,
                         const std::vector<Row>& months, Values values) {
  reports::Chart chart;
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

std::vector<reports::Chart> charts(const std::vector<ledger::Ledger*>& ledgers,
                                   const reports::Options& opt, const reports::Figures& total,
                                   Context& c) {
  std::vector<reports::Chart> out;
  const auto months = monthly(ledgers, opt);
  if (total.has_issues()) {
    out.push_back(per_month(_("Issues raised and resolved per month"), {_("raised"), _("resolved")},
                            months, [](const reports::Figures& f) {
                              return std::vector<std::int64_t>{f.issues_raised, f.resolved};
                            }));

    reports::Chart days;
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

    reports::Chart categories;
    categories.title = _("Issues raised by category");
    categories.series = {_("issues")};
    categories.horizontal = true;
    categories.values.resize(1);
    std::vector<std::pair<std::int64_t, std::string>> sorted;
    for (const auto& [k, n] : total.raised_by_category)
      sorted.emplace_back(-n, k);
    std::sort(sorted.begin(), sorted.end());
    for (const auto& [negative, k] : sorted) {
      categories.labels.push_back(label_for(c, "category", k));
      categories.values[0].push_back(-negative);
    }
    out.push_back(std::move(categories));
  }
  if (total.has_meetings()) {
    out.push_back(
        per_month(_("Meetings held per month"), {_("held"), _("cancelled")}, months,
                  [](const reports::Figures& f) {
                    return std::vector<std::int64_t>{f.meetings_held, f.meetings_cancelled};
                  }));
  }
  return out;
}

reports::Dimension dimension_of(const std::string& by) {
  if (by == "category") return reports::Dimension::category;
  if (by == "channel") return reports::Dimension::channel;
  if (by == "kind") return reports::Dimension::kind;
  return reports::Dimension::none;
}

} // namespace

void register_report(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "report", _("the figures officials ask for: meetings, issues, decisions, solved, "
                  "satisfaction, votes, the fund — per community or across them"));
  auto o = std::make_shared<ReportOptions>();
  auto* com =
      cmd->add_option("--community", o->communities, _("a community (repeat)"))->type_name("ID");
  cmd->add_flag("--all", o->all, _("every community in the ledger (the default)"))->excludes(com);
  cmd->add_option("--period", o->period,
                  _("2026 (default: this year), 2026-Q3, 2026-11 or FROM..TO"))
      ->type_name("PERIOD");
  cmd->add_option("--by", o->by,
                  _("one row per community, month, issue category, channel or meeting kind"))
      ->check(CLI::IsMember({"community", "month", "category", "channel", "kind"}));
  cmd->add_option("--format", o->format, _("table (default), json, csv, xlsx or html"))
      ->check(CLI::IsMember({"table", "json", "csv", "xlsx", "html"}));
  cmd->add_option("--out", o->out, _("the file to write (default: standard output)"))
      ->type_name("FILE");
  cmd->add_option("--older", o->older, _("\"open issues older than N days\" (default 30)"))
      ->type_name("N")
      ->check(CLI::Range(1, 3650));
  cmd->add_option("--ledger", o->ledgers,
                  _("read this ledger (repeat: one file per community, read together, "
                    "read-only)"))
      ->type_name("FILE");
  example(cmd, "  consult report --period 2026\n"
               "  consult report --all --period 2026-Q4 --by community\n"
               "  consult report --community heping --period 2026 --by month --format csv\n"
               "  consult report --period 2026 --format xlsx --out report-2026.xlsx\n"
               "  consult report --ledger heping.db --ledger anle.db --by community");
  on_run(cmd, ctx, NeedConfig::optional, NeedLedger::no, [o](Context& c) {
    // The ledgers: the command's own --ledger files, or the usual one.
    std::vector<std::unique_ptr<ledger::Ledger>> open;
    std::vector<ledger::Ledger*> ledgers;
    const auto paths = o->ledgers.empty() ? std::vector<std::string>{c.ledger_path()} : o->ledgers;
    for (const auto& path : paths) {
      open.push_back(std::make_unique<ledger::Ledger>(path, ledger::Access::read, c.session()));
      ledgers.push_back(open.back().get());
    }

    reports::Options opt;
    opt.communities = o->communities;
    opt.older_days = o->older;
    opt.dimension = dimension_of(o->by);
    std::string period = o->period;
    if (period.empty())
      period =
          clock::format_date(clock::local_date(c.session().clock.now(), c.zone())).substr(0, 4);
    const auto p = clock::parse_period(period);
    if (!p)
      throw Error(ErrorKind::usage, i18n::tr(N_("'{}' is not a period"), period), "--period",
                  _("write 2026, 2026-Q3, 2026-11 or 2026-11-01..2026-11-15"));
    opt.period = *p;
    const std::string format = c.out.json ? "json" : o->format;
    if (o->out.empty() && format == "xlsx" && c.out.stdout_tty())
      throw Error(ErrorKind::usage, _("a workbook is not for the terminal"), "--format xlsx",
                  _("write it to a file with --out report.xlsx, or redirect the output"));

    // The rows: the whole selection, or one per community, month or value.
    std::vector<Row> rows;
    const auto whole = reports::compute(ledgers, opt);
    if (o->by == "month") {
      rows = monthly(ledgers, opt);
    } else if (o->by == "community") {
      for (const auto& [id, f] : whole.communities)
        rows.push_back({id, f});
    } else if (opt.dimension != reports::Dimension::none) {
      for (const auto& [key, f] : whole.by_key)
        rows.push_back({key, f});
    }
    rows.push_back({"", whole.all});

    std::string bytes;
    if (format == "json") {
      for (const auto& r : rows) {
        auto j = figures_json(r.f);
        j["period"] = {{"text", p->text},
                       {"from", clock::format_date(p->from)},
                       {"to", clock::format_date(p->to)}};
        if (!o->by.empty()) j[o->by] = r.key.empty() ? json(nullptr) : json(r.key);
        bytes += j.dump() + "\n";
      }
    } else if (format == "xlsx" || format == "html") {
      std::vector<reports::Sheet> sheets = {figures_sheet(rows, o->by, o->older, c),
                                            breakdown_sheet(rows, o->by, c)};
      const auto title = i18n::tr(N_("Report {}"), p->text);
      if (format == "xlsx") {
        bytes = reports::xlsx(sheets, title,
                              std::chrono::system_clock::to_time_t(c.session().clock.now()));
      } else {
        std::string covered;
        for (const auto& [id, f] : whole.communities)
          covered += (covered.empty() ? "" : ", ") + id;
        std::vector<std::string> lines = {
            i18n::tr(N_("{} to {}"), clock::format_date(p->from), clock::format_date(p->to)),
            i18n::tr(N_("communities: {}"), covered.empty() ? std::string("-") : covered),
            i18n::tr(N_("figures as defined in docs/reports.md; generated {}"),
                     clock::format_local(c.session().clock.now(), c.zone()))};
        if (!o->by.empty()) // the headline columns: a page is narrower than a sheet
          sheets.front() = headline_sheet(rows, o->by, whole.all.groups, c);
        bytes = reports::html(title, lines, charts(ledgers, opt, whole.all, c), sheets, "zh-CN");
      }
    } else if (o->by.empty()) {
      auto t = figures_table(whole.all, o->older, c);
      bytes = format == "csv" ? t.to_csv() : t.to_text(c.out.width());
    } else {
      const auto sheet = headline_sheet(rows, o->by, whole.all.groups, c);
      std::vector<render::Column> cols;
      for (const auto& h : sheet.header)
        cols.push_back({h, cols.empty() ? render::Align::left : render::Align::right});
      render::Table t(cols);
      for (const auto& row : sheet.rows) {
        std::vector<std::string> cells;
        for (const auto& v : row)
          cells.push_back(or_dash(v));
        t.add_row(cells);
      }
      bytes = format == "csv" ? t.to_csv() : t.to_text(c.out.width());
    }
    if (!o->out.empty() || format == "xlsx")
      write_document(c.out, o->out, bytes);
    else
      c.out.write(bytes);
  });
}

} // namespace consult::cli
