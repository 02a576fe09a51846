// consult log: the event log; consult verify: is the ledger what its events say?

#include "commands.hpp"

#include "consult/error.hpp"
#include "consult/exports.hpp"
#include "consult/i18n.hpp"
#include "consult/ledger_info.hpp"
#include "consult/render.hpp"

#include <fstream>
#include <memory>
#include <sstream>

namespace consult::cli {

namespace {

/// consult verify --export FILE: regenerate the file from the ledger and compare.
void verify_export(Context& c, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::no_input, i18n::tr(N_("cannot open '{}'"), path));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const auto r = exports::check(c.ledger(), c.config(), bytes.str());
  if (c.out.json)
    c.out.json_line({{"ok", r.ok}, {"export", r.stamp.to_json()}, {"problem", r.problem}});
  if (!r.ok)
    throw Error(ErrorKind::data,
                i18n::tr(N_("'{}' does not match the ledger: {}"), path, r.problem), {},
                _("export it again from the ledger"));
  if (!c.out.json)
    c.out.say(i18n::tr(N_("ok: '{}' is the {} {} of {} {}, as the ledger gives it at {}"), path,
                       r.stamp.is_public ? _("public") : _("full"), r.stamp.format, r.stamp.kind,
                       r.stamp.subject, r.stamp.line()));
}

struct LogOptions {
  std::string entity, issue;
  std::int64_t after = 0, limit = 0;
  bool head = false, payload = false;
};

void log_options(CLI::App* cmd, LogOptions& o) {
  cmd->add_option("--entity", o.entity, _("only events about this entity, e.g. issue:12"))
      ->type_name("ENTITY");
  cmd->add_option("--issue", o.issue, _("only events about this issue"))->type_name("ID");
  cmd->add_option("--after", o.after, _("only events after this sequence number"))
      ->type_name("SEQ");
  cmd->add_option("--limit", o.limit, _("at most N events"))->type_name("N");
  cmd->add_flag("--head", o.head,
                _("print only the last event's sequence number and hash (to post publicly)"));
  cmd->add_flag("--payload", o.payload, _("show each event's full payload"));
  example(cmd, "  consult log --issue 12\n  consult log --head\n  consult log --after 100 --json");
}

void log_events(Context& c, const LogOptions& o) {
  auto& l = c.ledger();
  if (o.head) {
    const auto h = l.head();
    if (!h) return;
    if (c.out.json)
      c.out.json_line({{"seq", h->seq}, {"hash", h->hash}, {"at", h->at}});
    else
      c.out.write(fmt::format("{} {}\n", h->seq, h->hash));
    return;
  }
  std::string entity = o.entity;
  if (!o.issue.empty()) entity = fmt::format("issue:{}", parse_id(o.issue, _("an issue")));
  const auto events = l.events(entity, o.after, o.limit);
  if (c.out.json) {
    for (const auto& e : events)
      c.out.json_line(ledger::to_json(e));
    return;
  }
  render::Table t({{_("SEQ"), render::Align::right},
                   {_("AT")},
                   {_("ACTOR")},
                   {_("KIND")},
                   {_("ENTITY")},
                   {_("HASH")},
                   {_("PAYLOAD"), render::Align::left, o.payload ? 0u : 60u}});
  for (const auto& e : events)
    t.add_row(
        {std::to_string(e.seq), e.at, e.actor, e.kind, e.entity, e.hash.substr(0, 12), e.payload});
  c.out.write(t.to_text(o.payload ? 0 : c.out.width()));
}

struct VerifyOptions {
  std::string exported;
};

void verify_options(CLI::App* cmd, VerifyOptions& o) {
  cmd->add_option("--export", o.exported,
                  _("check an exported file (minutes, notice, statement) against the ledger "
                    "instead"))
      ->type_name("FILE");
  example(cmd, "  consult verify\n  consult --ledger backup.db verify --json\n"
               "  consult verify --export 会议记录-3.docx");
}

void verify_ledger(Context& c, const VerifyOptions& o) {
  if (!o.exported.empty()) return verify_export(c, o.exported);
  const auto r = ledger::verify(c.ledger());
  if (c.out.json) {
    c.out.json_line({{"ok", r.ok},
                     {"events", r.events},
                     {"head", r.head_hash},
                     {"bad_event", r.bad_seq ? nlohmann::json(r.bad_seq) : nullptr},
                     {"table", r.table},
                     {"row", r.row},
                     {"problem", r.problem}});
  }
  if (!r.ok)
    throw Error(ErrorKind::data,
                i18n::tr(N_("ledger '{}' does not verify: {}"), c.ledger().path(), r.problem), {},
                _("the ledger was changed outside consult; restore it from a backup and "
                  "compare with the head hash posted publicly ('consult log --head')"));
  if (!c.out.json)
    c.out.say(i18n::tr(N_("ok: {} events, chain intact, tables match the events; head {}"),
                       r.events, r.head_hash));
}

} // namespace

void register_log(CLI::App& app, Context& ctx) {
  add_verb(app, ctx, "log", _("list the events of the ledger, oldest first"), log_options,
           NeedConfig::optional, NeedLedger::read, log_events);
  add_verb(app, ctx, "verify",
           _("recompute the event chain and check that every table matches the events"),
           verify_options, NeedConfig::optional, NeedLedger::read, verify_ledger);
}

} // namespace consult::cli
