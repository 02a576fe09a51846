// consult report: the figures officials ask for, per community or across a
// street, as a table, JSON or CSV. Each figure is defined in docs/reports.md.

#include "commands.hpp"

#include "consult/document.hpp"
#include "consult/error.hpp"
#include "consult/fund.hpp"
#include "consult/i18n.hpp"
#include "consult/render.hpp"
#include "consult/reports.hpp"

#include <memory>

namespace consult::cli {

namespace {

struct ReportOptions {
  std::vector<std::string> communities;
  bool all = false;
  std::string period, by, format = "table", out;
  int older = 30;
};

std::string or_dash(const nlohmann::json& v) {
  if (v.is_null()) return "-";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

/// The headline figures, one per column, for --by community and month.
const std::vector<std::pair<const char*, const char*>>& headline() {
  static const std::vector<std::pair<const char*, const char*>> k = {
      {"meetings_held", N_("MEETINGS")},  {"issues_raised", N_("RAISED")},
      {"decided", N_("DECIDED")},         {"resolved", N_("RESOLVED")},
      {"resolution_rate", N_("RATE")},    {"median_days_to_resolve", N_("MEDIAN DAYS")},
      {"overdue_actions", N_("OVERDUE")}, {"satisfaction", N_("SATISFACTION")},
      {"votes_held", N_("VOTES")},        {"votes_passed", N_("PASSED")}};
  return k;
}

render::Table figures_table(const reports::Figures& f, int older) {
  const auto j = reports::to_json(f);
  render::Table t({{_("FIGURE")}, {_("VALUE"), render::Align::right}});
  auto row = [&](const std::string& label, const nlohmann::json& v) {
    t.add_row({label, or_dash(v)});
  };
  row(_("meetings held"), j["meetings_held"]);
  for (const auto& [kind, n] : f.meetings_by_kind)
    row("  " + kind, n);
  row(_("meetings cancelled"), j["meetings_cancelled"]);
  row(_("issues raised"), j["issues_raised"]);
  for (const auto& [ch, n] : f.raised_by_channel)
    row("  " + i18n::tr(N_("via {}"), ch), n);
  for (const auto& [cat, n] : f.raised_by_category)
    row("  " + i18n::tr(N_("about {}"), cat), n);
  row(_("accepted"), j["accepted"]);
  row(_("rejected"), j["rejected"]);
  row(_("merged"), j["merged"]);
  row(_("escalated"), j["escalated"]);
  row(_("decided"), j["decided"]);
  row(_("resolved"), j["resolved"]);
  row(_("closed"), j["closed"]);
  row(_("resolution rate (raised in the period, solved by its end)"), j["resolution_rate"]);
  row(_("median days raised → resolved"), j["median_days_to_resolve"]);
  row(_("90th percentile days raised → resolved"), j["p90_days_to_resolve"]);
  row(_("rounds per decided issue"), j["rounds_per_decided"]);
  row(i18n::tr(N_("open issues older than {} days"), older), j["open_older"]);
  row(_("overdue actions"), j["overdue_actions"]);
  for (const auto& [seat, pd] : f.attendance)
    row(i18n::tr(N_("attendance of {}"), seat), fmt::format("{}/{}", pd.first, pd.second));
  row(_("residents' ratings"), j["ratings"]);
  row(_("satisfaction (mean of 1..5)"), j["satisfaction"]);
  row(_("votes held"), j["votes_held"]);
  row(_("votes passed"), j["votes_passed"]);
  row(_("fund income (yuan)"), j["fund_income"]);
  row(_("fund expenses (yuan)"), j["fund_expense"]);
  return t;
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
  cmd->add_option("--by", o->by, _("one row per community, or per month"))
      ->check(CLI::IsMember({"community", "month"}));
  cmd->add_option("--format", o->format, _("table (default), json or csv"))
      ->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->add_option("--out", o->out, _("the file to write (default: standard output)"))
      ->type_name("FILE");
  cmd->add_option("--older", o->older, _("\"open issues older than N days\" (default 30)"))
      ->type_name("N")
      ->check(CLI::Range(1, 3650));
  example(cmd, "  consult report --period 2026\n"
               "  consult report --all --period 2026-Q4 --by community\n"
               "  consult report --community heping --period 2026 --by month --format csv");
  on_run(cmd, ctx, NeedConfig::optional, NeedLedger::read, [o](Context& c) {
    reports::Options opt;
    opt.communities = o->communities;
    opt.older_days = o->older;
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

    // The rows: the whole selection, or one per community or month.
    std::vector<std::pair<std::string, reports::Figures>> rows;
    if (o->by == "month") {
      using namespace std::chrono;
      auto month = year_month{p->from.year(), p->from.month()};
      const auto last = year_month{p->to.year(), p->to.month()};
      for (; month <= last; month += months(1)) {
        auto slice = opt;
        slice.period.from = std::max(sys_days(month / 1), sys_days(p->from));
        slice.period.to = std::min(sys_days(month / std::chrono::last), sys_days(p->to));
        rows.emplace_back(clock::format_date(slice.period.from).substr(0, 7),
                          reports::compute(c.ledger(), slice).at(""));
      }
    } else {
      auto all = reports::compute(c.ledger(), opt);
      if (o->by == "community") {
        for (auto& [id, f] : all)
          if (!id.empty()) rows.emplace_back(id, f);
      }
      rows.emplace_back(o->by.empty() ? "" : _("all"), all.at(""));
    }

    std::string text;
    if (format == "json") {
      for (const auto& [key, f] : rows) {
        auto j = reports::to_json(f);
        j["period"] = {{"text", p->text},
                       {"from", clock::format_date(p->from)},
                       {"to", clock::format_date(p->to)}};
        if (!o->by.empty()) j[o->by] = key;
        text += j.dump() + "\n";
      }
    } else if (o->by.empty()) {
      auto t = figures_table(rows.front().second, o->older);
      text = format == "csv" ? t.to_csv() : t.to_text(c.out.width());
    } else {
      std::vector<render::Column> cols = {{o->by == "month" ? _("MONTH") : _("COMMUNITY")}};
      for (const auto& [key, label] : headline())
        cols.push_back({_(label), render::Align::right});
      render::Table t(cols);
      for (const auto& [key, f] : rows) {
        const auto j = reports::to_json(f);
        std::vector<std::string> cells = {key};
        for (const auto& [field, label] : headline())
          cells.push_back(or_dash(j[field]));
        t.add_row(cells);
      }
      text = format == "csv" ? t.to_csv() : t.to_text(c.out.width());
    }
    if (o->out.empty())
      c.out.write(text);
    else
      document::write_file(o->out, text);
  });
}

} // namespace consult::cli
