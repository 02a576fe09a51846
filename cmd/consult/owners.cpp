// consult owners …: the owners' roster (业主名册) that owners' votes under
// Civil Code art. 278 count by area and by head.

#include "commands.hpp"

#include "consult/error.hpp"
#include "consult/i18n.hpp"
#include "consult/owners.hpp"
#include "consult/render.hpp"
#include "consult/rules.hpp"
#include "consult/text.hpp"

#include <cstdio>
#include <memory>

namespace consult::cli {

namespace {

struct ImportOptions {
  std::string file, community, encoding = "auto", sheet;
  bool dry_run = false;
};

struct ListOptions {
  std::string community, format = "table";
  bool units = false, reveal = false;
};

void owners_import_options(CLI::App* cmd, ImportOptions& o) {
  cmd->add_option("FILE", o.file, _("the XLSX or CSV file, or - for CSV on standard input"))
      ->required();
  cmd->add_option("--community", o.community, _("community id (optional if there is one)"))
      ->type_name("ID");
  cmd->add_option("--sheet", o.sheet, _("XLSX: the sheet to read, by name or number"))
      ->type_name("NAME|N");
  cmd->add_option("--encoding", o.encoding, _("CSV: auto (default), utf-8, gb18030 or utf-16"))
      ->type_name("ENC");
  cmd->add_flag("--dry-run", o.dry_run, _("check the file; change nothing"));
  example(cmd, "  consult owners import examples/owners.csv --community heping\n"
               "  consult owners import 业主名册.xlsx --sheet 名册 --dry-run");
}

void owners_import(Context& c, const ImportOptions& o) {
  const auto& com = c.community(o.community);
  owners::Options opt;
  opt.name = o.file == "-" ? "stdin" : o.file;
  opt.encoding = encoding_option(o.encoding);
  opt.sheet = o.sheet;
  opt.dry_run = o.dry_run;
  owners::Summary sum;
  try {
    owners::import_file(c.ledger(), com, o.file, opt, sum);
  } catch (const Error&) {
    print_row_errors(opt.name, sum.errors, sum.rejected);
    throw;
  }
  if (c.out.json) {
    c.out.json_line({{"community", com.id},
                     {"units", sum.units},
                     {"owners", sum.owners},
                     {"area_total", rules::format_area(sum.area_total)},
                     {"replaced", sum.replaced},
                     {"sha256", sum.sha256},
                     {"event", sum.event_seq},
                     {"dry_run", o.dry_run}});
    return;
  }
  c.out.say(i18n::tr(N_("{}{} units, {} owners by head, {} m² of exclusive area{}"),
                     o.dry_run ? _("dry run: ") : "", sum.units, sum.owners,
                     rules::format_area(sum.area_total),
                     sum.replaced ? i18n::tr(N_(" (replacing a roster of {} units)"), sum.replaced)
                                  : std::string()));
}

void owners_list_options(CLI::App* cmd, ListOptions& o) {
  cmd->add_option("--community", o.community, _("community id (optional if there is one)"))
      ->type_name("ID");
  cmd->add_flag("--units", o.units, _("one line per unit instead of per owner"));
  cmd->add_flag("--reveal", o.reveal, _("show owners' names unmasked"));
  cmd->add_option("--format", o.format, _("table, json (JSON Lines) or csv"))
      ->check(CLI::IsMember({"table", "json", "csv"}));
  example(cmd, "  consult owners list --community heping\n"
               "  consult owners list --units --reveal --format csv > roster.csv");
}

void owners_list(Context& c, const ListOptions& o) {
  const auto& com = c.community(o.community);
  const auto r = owners::roster(c.ledger(), com.id);
  const std::string format = c.out.json ? "json" : o.format;
  const people::Directory who(com);
  auto name = [&](const std::string& n) { return who.shown(n, people::Field::resident, o.reveal); };
  if (o.reveal && !r.owners.empty())
    c.record_reveal("owners list", com.id,
                    {{"owners", {static_cast<std::int64_t>(r.owners.size())}}});
  if (r.owners.empty()) {
    if (format == "table" && !c.out.quiet)
      std::fprintf(stderr, "%s\n",
                   i18n::tr(N_("community '{}' has no owners' roster; import one with "
                               "'consult owners import'"),
                            com.id)
                       .c_str());
    return;
  }
  if (o.units) {
    render::Table t({{_("UNIT")}, {_("OWNER")}, {_("AREA M²"), render::Align::right}});
    for (const auto& u : owners::units(c.ledger(), com.id)) {
      if (format == "json") {
        c.out.json_line(owners::to_json(u, who, o.reveal));
        continue;
      }
      t.add_row({owners::shown_unit(u.unit, o.reveal), name(u.owner), rules::format_area(u.area)});
    }
    if (format == "csv") c.out.write(t.to_csv());
    if (format == "table") c.out.write(t.to_text(c.out.width()));
  } else {
    render::Table t({{_("OWNER")},
                     {_("UNITS"), render::Align::left, 40},
                     {_("AREA M²"), render::Align::right}});
    for (const auto& ow : r.owners) {
      if (format == "json") {
        c.out.json_line(owners::to_json(ow, who, o.reveal));
        continue;
      }
      std::string units;
      for (const auto& u : owners::shown_units(ow.units, o.reveal))
        units += (units.empty() ? "" : ", ") + u;
      t.add_row({name(ow.name), units, rules::format_area(ow.area)});
    }
    if (format == "csv") c.out.write(t.to_csv());
    if (format == "table") c.out.write(t.to_text(c.out.width()));
  }
  if (format == "table")
    c.out.say(i18n::tr(N_("{} units, {} owners by head, {} m² of exclusive area"), r.units,
                       r.owners.size(), rules::format_area(r.area_total)));
}

} // namespace

void register_owners(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand(
      "owners", _("the owners' roster: units, owners and exclusive areas, for owners' votes"));
  group->require_subcommand(1);
  example(group, "  consult owners import roster.xlsx --community heping\n"
                 "  consult owners list --community heping");

  add_verb(*group, ctx, "import",
           _("import the roster from XLSX or CSV (columns 房号, 业主, 面积), replacing "
             "the community's roster; all or nothing"),
           owners_import_options, NeedConfig::yes, NeedLedger::write, owners_import);
  add_verb(*group, ctx, "list",
           _("list the roster: owners by head with their units and areas, and the totals"),
           owners_list_options, NeedConfig::yes, NeedLedger::read, owners_list);
}

} // namespace consult::cli
