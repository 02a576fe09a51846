// consult report: the figures officials ask for, per community or across a
// street, as a table, JSON, CSV, an XLSX workbook or an HTML page with
// charts. Each figure is defined in docs/reports.md.

#include "commands.hpp"

#include "consult/document.hpp"
#include "consult/error.hpp"
#include "consult/files.hpp"
#include "consult/fund.hpp"
#include "consult/i18n.hpp"
#include "consult/render.hpp"
#include "consult/report_files.hpp"
#include "consult/reports.hpp"
#include "consult/text.hpp"

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

std::string or_dash(const reports::Cell& cell) {
  return cell.blank() ? "-" : cell.text();
}

/// A sheet as a table: the first column left, the figures right.
render::Table table_of(const reports::Sheet& sheet) {
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
  return t;
}

/// `consult report`: the figures of the selection in the format asked for.
void report(Context& c, const ReportOptions& o) {
  // The ledgers: the command's own --ledger files, or the usual one.
  std::vector<std::unique_ptr<ledger::Ledger>> open;
  std::vector<ledger::Ledger*> ledgers;
  const auto paths = o.ledgers.empty() ? std::vector<std::string>{c.ledger_path()} : o.ledgers;
  for (const auto& path : paths) {
    open.push_back(std::make_unique<ledger::Ledger>(path, ledger::Access::read, c.session()));
    ledgers.push_back(open.back().get());
  }

  reports::Options opt;
  opt.communities = o.communities;
  opt.older_days = o.older;
  opt.dimension = reports::dimension_of(o.by);
  std::string period = o.period;
  if (period.empty())
    period = clock::format_date(clock::local_date(c.session().clock.now(), c.zone())).substr(0, 4);
  const auto p = clock::parse_period(period);
  if (!p)
    throw Error(ErrorKind::usage, i18n::tr(N_("'{}' is not a period"), text::quote_input(period)),
                "--period", _("write 2026, 2026-Q3, 2026-11 or 2026-11-01..2026-11-15"));
  opt.period = *p;
  opt.today = clock::local_date(c.session().clock.now(), c.zone());
  const std::string format = c.out.json ? "json" : o.format;
  if (o.out.empty() && format == "xlsx" && c.out.stdout_tty())
    throw Error(ErrorKind::usage, _("a workbook is not for the terminal"), "--format xlsx",
                _("write it to a file with --out report.xlsx, or redirect the output"));

  // The rows: the whole selection, or one per community, month or value.
  const auto whole = reports::compute(ledgers, opt);
  const auto rows = reports::rows(ledgers, opt, o.by, whole);
  // The communities' names as their ledgers keep them, beside the files'
  // (a street office reports on ledgers sent in, without their files).
  config::Config named = c.config_if_any() ? *c.config_if_any() : config::Config{};
  const auto names = reports::community_names(ledgers);
  for (const auto& [id, name] : names)
    if (!named.find(id)) {
      config::Community com;
      com.id = id;
      com.name = name;
      named.communities.push_back(std::move(com));
    }
  const auto* cfg = &named;

  std::string bytes;
  if (format == "json") {
    for (const auto& r : rows) {
      auto j = reports::to_json(r, *p, o.by);
      if (o.by == "community")
        if (const auto it = names.find(r.key); it != names.end()) j["community_name"] = it->second;
      bytes += j.dump() + "\n";
    }
  } else if (format == "xlsx" || format == "html") {
    std::vector<reports::Sheet> sheets = {reports::figures_sheet(rows, o.by, o.older, cfg),
                                          reports::breakdown_sheet(rows, o.by, cfg)};
    const auto title = i18n::tr(N_("Report {}"), p->text);
    if (format == "xlsx") {
      bytes = reports::xlsx(sheets, title,
                            std::chrono::system_clock::to_time_t(c.session().clock.now()));
    } else {
      std::string covered;
      for (const auto& [id, f] : whole.communities) {
        const auto it = names.find(id);
        covered += (covered.empty() ? "" : ", ") +
                   (it != names.end() && !it->second.empty() ? it->second + " (" + id + ")" : id);
      }
      std::vector<std::string> lines = {
          i18n::tr(N_("{} to {}"), clock::format_date(p->from), clock::format_date(p->to)),
          i18n::tr(N_("communities: {}"), covered.empty() ? std::string("-") : covered),
          i18n::tr(N_("figures as defined in docs/reports.md; generated {}"),
                   clock::format_local(c.session().clock.now(), c.zone()))};
      if (!o.by.empty()) // the headline columns: a page is narrower than a sheet
        sheets.front() = reports::headline_sheet(rows, o.by, whole.all.groups, cfg);
      bytes = reports::html(title, lines, reports::charts(ledgers, opt, whole.all, cfg), sheets,
                            "zh-CN");
    }
  } else {
    const auto t =
        table_of(o.by.empty() ? reports::figures_list(whole.all, o.older, cfg)
                              : reports::headline_sheet(rows, o.by, whole.all.groups, cfg));
    bytes = format == "csv" ? t.to_csv() : t.to_text(c.out.width());
  }
  if (!o.out.empty() || format == "xlsx") {
    std::vector<files::Protected> read;
    for (const auto& path : paths) {
      const auto companions = files::ledger_files(path);
      read.insert(read.end(), companions.begin(), companions.end());
    }
    write_document(c, o.out, bytes, Audience::is_public, read);
  } else {
    c.out.write(bytes);
  }
}

void report_options(CLI::App* cmd, ReportOptions& o) {
  auto* com =
      cmd->add_option("--community", o.communities, _("a community (repeat)"))->type_name("ID");
  cmd->add_flag("--all", o.all, _("every community in the ledger (the default)"))->excludes(com);
  cmd->add_option("--period", o.period,
                  _("2026 (default: this year), 2026-Q3, 2026-11 or FROM..TO"))
      ->type_name("PERIOD");
  cmd->add_option("--by", o.by,
                  _("one row per community, month, issue category, channel or meeting kind"))
      ->check(CLI::IsMember({"community", "month", "category", "channel", "kind"}));
  cmd->add_option("--format", o.format, _("table (default), json, csv, xlsx or html"))
      ->check(CLI::IsMember({"table", "json", "csv", "xlsx", "html"}));
  cmd->add_option("--out", o.out, _("the file to write (default: standard output)"))
      ->type_name("FILE");
  cmd->add_option("--older", o.older, _("\"open issues older than N days\" (default 30)"))
      ->type_name("N")
      ->check(CLI::Range(1, 3650));
  cmd->add_option("--ledger", o.ledgers,
                  _("read this ledger (repeat: one file per community, read together, "
                    "read-only)"))
      ->type_name("FILE");
  example(cmd, "  consult report --period 2026\n"
               "  consult report --all --period 2026-Q4 --by community\n"
               "  consult report --community heping --period 2026 --by month --format csv\n"
               "  consult report --period 2026 --format xlsx --out report-2026.xlsx\n"
               "  consult report --ledger heping.db --ledger anle.db --by community");
}

} // namespace

void register_report(CLI::App& app, Context& ctx) {
  add_verb(app, ctx, "report",
           _("the figures officials ask for: meetings, issues, decisions, solved, "
             "satisfaction, votes, the fund — per community or across them"),
           report_options, NeedConfig::optional, NeedLedger::no, report);
}

} // namespace consult::cli
