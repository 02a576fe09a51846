// consult agenda: the weekly job. Plans the week's scheduled meetings that do
// not exist yet, with their agendas, and writes one file per meeting and
// format plus an index. Silent on success; idempotent (byte-identical files).

#include "commands.hpp"

#include "consult/agenda.hpp"
#include "consult/error.hpp"
#include "consult/files.hpp"
#include "consult/i18n.hpp"
#include "consult/text.hpp"

#include <filesystem>
#include <memory>

namespace consult::cli {

namespace {

struct AgendaOptions {
  std::string week = "next";
  std::vector<std::string> communities;
  bool all = false;
  std::string out_dir;
  std::vector<std::string> formats = {"md", "html", "ics", "json"};
};

void agenda_options(CLI::App* cmd, AgendaOptions& o) {
  cmd->add_option("--week", o.week, _("next (default), this, last or YYYY-Www"))->type_name("WEEK");
  auto* community =
      cmd->add_option("--community", o.communities, _("only this community (repeat or commas)"))
          ->delimiter(',')
          ->type_name("ID");
  cmd->add_flag("--all", o.all, _("every community of the configuration (the default)"))
      ->excludes(community);
  cmd->add_option("--out-dir", o.out_dir,
                  _("write the files here (created if missing); without it, print the index"))
      ->type_name("DIR");
  cmd->add_option("--format", o.formats, _("formats to write: md, html, ics, json (commas)"))
      ->delimiter(',')
      ->check(CLI::IsMember({"md", "html", "ics", "json"}))
      ->type_name("LIST");
  example(cmd, "  consult agenda --week next --all --out-dir /srv/notice-board/agenda\n"
               "  consult agenda --week 2026-W50 --community heping --out-dir out --format md,ics\n"
               "  # crontab: every Friday at 17:00, next week's agendas\n"
               "  0 17 * * 5  consult -q agenda --week next --all --out-dir /srv/agenda");
}

void plan_agendas(Context& c, const AgendaOptions& o) {
  const auto& cfg = c.config();
  std::vector<const config::Community*> selected;
  if (o.communities.empty()) {
    for (const auto& com : cfg.communities)
      selected.push_back(&com);
  } else {
    for (const auto& id : o.communities)
      selected.push_back(&c.community(id));
  }
  const auto today = clock::local_date(c.session().clock.now(), c.zone());
  const auto week = calendar::parse_week(o.week, today);
  if (!week)
    throw Error(ErrorKind::usage, i18n::tr(N_("'{}' is not a week"), text::quote_input(o.week)),
                "--week", _("use next, this, last or an ISO week such as 2026-W50"));
  std::vector<agenda::Format> formats;
  for (const auto& f : o.formats) {
    const auto parsed = *agenda::parse_format(f);
    if (std::find(formats.begin(), formats.end(), parsed) == formats.end())
      formats.push_back(parsed);
  }

  // The output directory is checked before anything is planned: a cron job
  // pointed at a directory it cannot write must not record meetings whose
  // agendas it then fails to post.
  if (!o.out_dir.empty()) files::check_directory(o.out_dir);

  const auto plan = agenda::plan_week(c.ledger(), selected, *week);
  for (const auto& w : plan.warnings)
    c.out.warn(w);

  std::vector<agenda::Entry> entries;
  for (const auto id : plan.meetings) {
    auto m = meetings::get(c.ledger(), id);
    entries.push_back({&c.community(m.community), std::move(m)});
  }
  if (o.out_dir.empty()) {
    c.out.write(agenda::render_index(agenda::Format::md, *week, entries, formats));
    return;
  }
  const std::filesystem::path dir(o.out_dir);
  // Each file is rewritten only if its bytes change (idempotent: a second run
  // leaves every file as it was), never over the ledger or the configuration.
  const files::Options how{c.protected_files(), files::kPublic};
  auto write_file = [&](const std::filesystem::path& path, const std::string& text) {
    return files::write_if_changed(path.string(), text, how);
  };
  int changed = 0;
  std::vector<std::string> written;
  for (const auto f : formats) {
    for (const auto& e : entries) {
      written.push_back(agenda::file_name(e.meeting, f));
      changed +=
          write_file(dir / written.back(), agenda::render(c.ledger(), f, *e.community, e.meeting));
    }
    if (f == agenda::Format::ics) {
      for (const auto* com : selected)
        changed +=
            write_file(dir / (com->id + ".ics"), agenda::feed(c.ledger(), *com, plan.monday));
    } else {
      changed += write_file(dir / (std::string("index.") + agenda::extension(f)),
                            agenda::render_index(f, *week, entries, formats));
    }
  }
  // Files of earlier runs for meetings since moved or cancelled are
  // rewritten as the meetings now are, never left looking valid.
  for (const auto& r : agenda::stale_files(c.ledger(), selected, o.out_dir, written))
    changed += write_file(dir / r.name, r.text);
  if (c.out.json)
    c.out.json_line({{"week", week->str()},
                     {"created", plan.created},
                     {"meetings", plan.meetings},
                     {"files_changed", changed}});
}

} // namespace

void register_agenda(CLI::App& app, Context& ctx) {
  add_verb(app, ctx, "agenda",
           _("plan a week's scheduled meetings and write their agendas (for cron)"), agenda_options,
           NeedConfig::yes, NeedLedger::write, plan_agendas);
}

} // namespace consult::cli
