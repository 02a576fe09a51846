// consult init: create the ledger (or bring it up to date) and record the
// configured communities in it.

#include "commands.hpp"

#include "consult/i18n.hpp"
#include "consult/issues.hpp"

namespace consult::cli {

namespace {

void init_options(CLI::App* cmd) {
  example(cmd, "  consult --config examples/consult.toml init\n"
               "  consult --ledger /srv/consult/heping.db init");
}

void init_ledger(Context& c) {
  const auto path = c.ledger_path();
  const bool created = ledger::Ledger::init(path, c.session());
  ledger::Ledger l(path, ledger::Access::write, c.session());
  std::vector<std::string> synced;
  if (const auto* cfg = c.config_if_any()) {
    l.write([&] {
      for (const auto& community : cfg->communities)
        if (issues::sync_community(l, community)) synced.push_back(community.id);
    });
  }
  if (c.out.json) {
    c.out.json_line({{"ledger", path},
                     {"created", created},
                     {"schema", l.schema_version()},
                     {"communities_synced", synced}});
    return;
  }
  c.out.say(created
                ? i18n::tr(N_("created ledger '{}' (schema {})"), path, l.schema_version())
                : i18n::tr(N_("ledger '{}' is up to date (schema {})"), path, l.schema_version()));
  for (const auto& id : synced)
    c.out.say(i18n::tr(N_("recorded community '{}'"), id));
}

} // namespace

void register_init(CLI::App& app, Context& ctx) {
  add_verb(app, ctx, "init",
           _("create the ledger (mode 0600) and record the configured communities in it"),
           init_options, NeedConfig::optional, NeedLedger::no, init_ledger);
}

} // namespace consult::cli
