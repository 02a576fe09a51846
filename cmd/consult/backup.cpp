// consult backup / consult restore: a verified copy of the ledger taken
// while others write (SQLite's online backup API), and putting one back.

#include "commands.hpp"

#include "consult/backup.hpp"
#include "consult/i18n.hpp"

#include <memory>

namespace consult::cli {

void register_backup(CLI::App& app, Context& ctx) {
  {
    auto* cmd = app.add_subcommand(
        "backup", _("copy the ledger to a new file, consistently even while others write, and "
                    "verify the copy"));
    auto file = std::make_shared<std::string>();
    cmd->add_option("FILE", *file, _("the new file (never overwritten)"))
        ->required()
        ->type_name("FILE");
    example(cmd, "  consult backup /srv/backup/heping-2026-11-21.db\n"
                 "  consult --ledger heping.db backup \"heping-$(date +%F).db\"");
    on_run(cmd, ctx, NeedConfig::optional, NeedLedger::read, [file](Context& c) {
      const auto r = ledger::backup(c.ledger(), *file);
      if (c.out.json) {
        c.out.json_line({{"backup", *file}, {"events", r.events}, {"head", r.head}});
        return;
      }
      c.out.say(
          i18n::tr(N_("backed up {} events to '{}' (verified; head {})"), r.events, *file, r.head));
    });
  }
  {
    auto* cmd = app.add_subcommand("restore", _("put a backup back as the ledger, if it verifies"));
    auto file = std::make_shared<std::string>();
    auto force = std::make_shared<bool>(false);
    cmd->add_option("FILE", *file, _("the backup"))->required()->type_name("FILE");
    cmd->add_flag("--force", *force,
                  _("replace an existing ledger (its events after the backup are lost)"));
    example(cmd, "  consult --ledger heping.db restore /srv/backup/heping-2026-11-21.db --force");
    on_run(cmd, ctx, NeedConfig::optional, NeedLedger::no, [file, force](Context& c) {
      const auto path = c.ledger_path();
      const auto r = ledger::restore(path, *file, *force, c.session());
      if (c.out.json) {
        c.out.json_line({{"ledger", path}, {"events", r.events}, {"head", r.head}});
        return;
      }
      c.out.say(i18n::tr(N_("restored '{}' from '{}': {} events, head {}"), path, *file, r.events,
                         r.head));
    });
  }
}

} // namespace consult::cli
