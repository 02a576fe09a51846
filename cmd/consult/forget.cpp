// consult forget: residents' personal data erased on request or when kept
// long enough (consult/forget.hpp, docs/privacy.md "Forgetting").

#include "commands.hpp"

#include "consult/clock.hpp"
#include "consult/error.hpp"
#include "consult/forget.hpp"
#include "consult/i18n.hpp"
#include "consult/people.hpp"

#include <pwd.h>
#include <unistd.h>

namespace consult::cli {

namespace {

struct ForgetOptions {
  std::vector<std::string> residents;
  std::vector<std::string> issues;
  bool expired = false;
  std::string reason;
  bool dry_run = false;
};

void forget_options(CLI::App* cmd, ForgetOptions& o) {
  cmd->add_option("--resident", o.residents,
                  _("a resident whose personal data is erased from every record (repeatable)"))
      ->type_name("NAME");
  cmd->add_option("--issue", o.issues,
                  _("an issue whose records' personal data is erased (repeatable)"))
      ->type_name("ID");
  cmd->add_flag("--expired", o.expired,
                _("erase the personal data of issues closed, rejected or merged longer ago than "
                  "[privacy] retain_years (for cron)"));
  cmd->add_option("--reason", o.reason, _("why (recorded with the erasure)"))->type_name("TEXT");
  cmd->add_flag("--dry-run", o.dry_run, _("say what would be erased; erase nothing"));
  example(cmd, "  consult forget --resident 王立方 --reason \"本人申请删除（个人信息保护法第四十七条）\"\n"
               "  consult forget --issue 12 --reason \"反映人撤回并申请删除\"\n"
               "  consult forget --expired");
}

void run_forget(Context& c, const ForgetOptions& o) {
  forget::Request r;
  r.residents = o.residents;
  for (const auto& id : o.issues)
    r.issues.push_back(parse_id(id, _("an issue")));
  if (o.expired) {
    const auto& cfg = c.config();
    if (!cfg.retain_years)
      throw Error(ErrorKind::config,
                  _("--expired needs a retention period: the configuration sets no [privacy] "
                    "retain_years"),
                  cfg.path, _("add [privacy] retain_years = 3 (for example) to the configuration"));
    r.expired_years = cfg.retain_years;
  }
  r.reason = o.reason;
  if (r.reason.empty() && o.expired)
    r.reason = i18n::tr(N_("retention period of {} years over"), *r.expired_years);
  const passwd* pw = ::getpwuid(::geteuid());
  r.login = pw && pw->pw_name ? pw->pw_name : "uid " + std::to_string(::geteuid());
  r.dry_run = o.dry_run;
  // Councillors, guests and the bodies a community lists keep their names
  // in an issue's records: only residents' data is erased.
  std::vector<people::Directory> directories;
  for (const auto& community : c.config().communities)
    directories.emplace_back(community);
  r.spare = [directories](const std::string& name, const std::string& key) {
    const auto field = key == "author" || key == "proxy" || key == "for"
                           ? people::Field::proxy
                       : key == "speaker" || key == "chair" || key == "recorder" || key == "by"
                           ? people::Field::speaker
                           : people::Field::resident;
    for (const auto& d : directories)
      if (d.kind_of(name, field) != people::Kind::resident) return true;
    return false;
  };
  const auto today = clock::local_date(c.session().clock.now(), c.zone());
  // A dry run writes nothing, an upgrade of an older ledger included: opened
  // to read first, such a ledger is refused with the way to upgrade it.
  if (o.dry_run) ledger::Ledger(c.ledger_path(), ledger::Access::read, c.session());
  ledger::Ledger ledger(c.ledger_path(), ledger::Access::write, c.session());
  const auto result = forget::forget(ledger, r, today);

  if (result.values == 0 && !r.residents.empty() && r.issues.empty() && !r.expired_years)
    throw Error(ErrorKind::data,
                r.residents.size() == 1
                    ? _("no record holds the name given with --resident; nothing was erased")
                    : _("no record holds the names given with --resident; nothing was erased"),
                {}, _("give the name exactly as it was recorded (consult issue list --search NAME "
                      "--reveal)"));
  if (c.out.json) {
    c.out.json_line({{"event", result.event_seq},
                     {"values", result.values},
                     {"issues", result.issues},
                     {"dry_run", o.dry_run},
                     {"compacted", result.compacted}});
    return;
  }
  if (o.dry_run) {
    c.out.say(i18n::tr(N_("would erase personal data from {} records; nothing was erased"),
                       result.values));
    return;
  }
  if (!result.compacted)
    c.out.warn(_("another program was reading the ledger, so its file could not be rewritten: "
                 "erased bytes may still be in it. Run 'consult forget --expired' (or any "
                 "'consult forget') again when no one else uses the ledger: it finishes the job"));
  if (result.event_seq == 0) {
    c.out.say(_("nothing to erase"));
    return;
  }
  c.out.say(i18n::tr(N_("erased personal data from {} records; recorded as event {}"),
                     result.values, result.event_seq));
  if (!result.issues.empty()) {
    std::string ids;
    for (const auto id : result.issues)
      ids += (ids.empty() ? "" : ", ") + std::to_string(id);
    c.out.say(i18n::tr(N_("issues whose own records were erased: {}"), ids));
  }
  c.out.say(_("backups made before still hold the erased data: make a new backup and delete the "
              "old ones"));
}

} // namespace

void register_forget(CLI::App& app, Context& ctx) {
  add_verb(app, ctx, "forget",
           _("erase residents' personal data on request or after the retention period, keeping "
             "the ledger verifiable"),
           forget_options, NeedConfig::yes, NeedLedger::no, run_forget);
}

} // namespace consult::cli
