// consult backup / consult restore: a verified copy of the ledger taken
// while others write (SQLite's online backup API), and putting one back.

#include "commands.hpp"

#include "consult/backup.hpp"
#include "consult/i18n.hpp"

#include <memory>

namespace consult::cli {

namespace {

struct BackupOptions {
  std::string file;
};

void backup_options(CLI::App* cmd, BackupOptions& o) {
  cmd->add_option("FILE", o.file, _("the new file (never overwritten)"))
      ->required()
      ->type_name("FILE");
  example(cmd, "  consult backup /srv/backup/heping-2026-11-21.db\n"
               "  consult --ledger heping.db backup \"heping-$(date +%F).db\"");
}

void backup_ledger(Context& c, const BackupOptions& o) {
  const auto r = ledger::backup(c.ledger(), o.file);
  if (c.out.json) {
    c.out.json_line({{"backup", o.file}, {"events", r.events}, {"head", r.head}});
    return;
  }
  c.out.say(
      i18n::tr(N_("backed up {} events to '{}' (verified; head {})"), r.events, o.file, r.head));
}

struct RestoreOptions {
  std::string file;
  bool force = false;
};

void restore_options(CLI::App* cmd, RestoreOptions& o) {
  cmd->add_option("FILE", o.file, _("the backup"))->required()->type_name("FILE");
  cmd->add_flag("--force", o.force,
                _("replace an existing ledger (its events after the backup are lost)"));
  example(cmd, "  consult --ledger heping.db restore /srv/backup/heping-2026-11-21.db --force");
}

void restore_ledger(Context& c, const RestoreOptions& o) {
  const auto path = c.ledger_path();
  const auto r = ledger::restore(path, o.file, o.force, c.session());
  if (c.out.json) {
    c.out.json_line({{"ledger", path}, {"events", r.events}, {"head", r.head}});
    return;
  }
  c.out.say(
      i18n::tr(N_("restored '{}' from '{}': {} events, head {}"), path, o.file, r.events, r.head));
}

} // namespace

void register_backup(CLI::App& app, Context& ctx) {
  add_verb(app, ctx, "backup",
           _("copy the ledger to a new file, consistently even while others write, and "
             "verify the copy"),
           backup_options, NeedConfig::optional, NeedLedger::read, backup_ledger);
  add_verb(app, ctx, "restore", _("put a backup back as the ledger, if it verifies"),
           restore_options, NeedConfig::optional, NeedLedger::no, restore_ledger);
}

} // namespace consult::cli
