// consult log: the event log; consult verify: is the ledger what its events say?

#include "commands.hpp"

#include "consult/document.hpp"
#include "consult/error.hpp"
#include "consult/events.hpp"
#include "consult/exports.hpp"
#include "consult/history.hpp"
#include "consult/i18n.hpp"
#include "consult/ledger_info.hpp"
#include "consult/meetings.hpp"
#include "consult/render.hpp"
#include "consult/reveal.hpp"
#include "consult/witness.hpp"

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <sys/stat.h>

namespace consult::cli {

namespace {

/// consult verify --export FILE: regenerate the file from the ledger and compare.
void verify_export(Context& c, const std::string& path) {
  // Only a regular file: a device such as /dev/zero would never end.
  if (struct stat st {}; ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
    throw Error(ErrorKind::no_input, i18n::tr(N_("'{}' is not a regular file"), path), {},
                _("give the exported file itself (minutes, notice, statement)"));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::no_input, i18n::tr(N_("cannot open '{}'"), path));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  // Full minutes are compared with every resident's name: that is a reveal,
  // recorded first like any other (docs/privacy.md).
  if (const auto stamp = document::read_stamp(bytes.str());
      stamp && !stamp->is_public && stamp->kind == "minutes") {
    // (A stamp naming no meeting of this ledger is refused below without
    // anything being compared: nothing to record.)
    char* end = nullptr;
    const auto id = std::strtoll(stamp->subject.c_str(), &end, 10);
    if (!stamp->subject.empty() && *end == '\0' && id > 0)
      if (const auto m = meetings::find(c.ledger(), id))
        c.record_reveal("verify --export", m->community,
                        {{"meetings", nlohmann::json::array({id})}});
  }
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

/// "issues 12, 14" for a reveal's records of kind `what`.
std::string reveal_records_label(const std::string& what, const std::string& list) {
  if (what == "issues") return i18n::tr(N_("issues {}"), list);
  if (what == "meetings") return i18n::tr(N_("meetings {}"), list);
  if (what == "votes") return i18n::tr(N_("votes {}"), list);
  if (what == "entries") return i18n::tr(N_("account book entries {}"), list);
  if (what == "events") return i18n::tr(N_("events {}"), list);
  if (what == "owners") return i18n::tr(N_("owners' roster ({} owners)"), list);
  return what + " " + list;
}

struct LogOptions {
  std::string entity, issue;
  std::int64_t after = 0, limit = 0;
  bool head = false, payload = false, reveal = false, reveals = false;
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
  cmd->add_flag("--reveal", o.reveal,
                _("show residents' names, phones and doors unmasked (the reveal is recorded)"));
  cmd->add_flag("--reveals", o.reveals,
                _("list who was shown personal data unmasked, when, and which records"));
  example(cmd, "  consult log --issue 12\n  consult log --head\n  consult log --after 100 --json\n"
               "  consult log --reveals");
}

/// consult log --reveals: the recorded reveals of personal data.
void log_reveals(Context& c) {
  const auto all = reveal::list(c.ledger());
  if (c.out.json) {
    for (const auto& r : all)
      c.out.json_line(reveal::to_json(r));
    return;
  }
  if (all.empty()) {
    c.out.say(_("no reveals of personal data are recorded"));
    return;
  }
  render::Table t({{_("SEQ"), render::Align::right},
                   {_("AT")},
                   {_("WHO")},
                   {_("LOGIN")},
                   {_("COMMAND")},
                   {_("RECORDS"), render::Align::left, 50}});
  for (const auto& r : all) {
    std::string records;
    for (const auto& [what, ids] : r.records.items()) {
      std::string list;
      for (const auto& id : ids)
        list += (list.empty() ? "" : ", ") + id.dump();
      if (what == "events" && ids.size() == 2)
        list = fmt::format("{}–{}", ids[0].dump(), ids[1].dump());
      records += (records.empty() ? "" : "; ") + reveal_records_label(what, list);
    }
    if (!r.community.empty()) records = r.community + (records.empty() ? "" : ": " + records);
    t.add_row({std::to_string(r.seq), r.at, r.actor, r.login, r.command, records});
  }
  c.out.write(t.to_text(c.out.width()));
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
  if (o.reveals) {
    log_reveals(c);
    return;
  }
  std::string entity = o.entity;
  if (!o.issue.empty()) entity = fmt::format("issue:{}", parse_id(o.issue, _("an issue")));
  auto events = l.events(entity, o.after, o.limit);
  if (o.reveal && !events.empty())
    c.record_reveal("log", "",
                    {{"events", nlohmann::json::array({events.front().seq, events.back().seq})}});
  // Shown with their personal data unsealed, masked unless revealed; the
  // hashes stay those of the events as stored, and stored_payload is what
  // they cover (personal data as sealed references: anyone may recompute
  // the chain from it without seeing any).
  const auto shown_events = history::shown(l, std::move(events), o.reveal, c.config_if_any());
  if (c.out.json) {
    for (const auto& s : shown_events) {
      auto j = ledger::to_json(s.event);
      j["stored_payload"] = nlohmann::json::parse(s.stored_payload, nullptr, false);
      c.out.json_line(j);
    }
    return;
  }
  std::vector<ledger::Event> shown;
  shown.reserve(shown_events.size());
  for (const auto& s : shown_events)
    shown.push_back(s.event);
  render::Table t({{_("SEQ"), render::Align::right},
                   {_("AT")},
                   {_("ACTOR")},
                   {_("KIND")},
                   {_("ENTITY")},
                   {_("HASH")},
                   {_("PAYLOAD"), render::Align::left, o.payload ? 0u : 60u}});
  for (const auto& e : shown)
    t.add_row(
        {std::to_string(e.seq), e.at, e.actor, e.kind, e.entity, e.hash.substr(0, 12), e.payload});
  c.out.write(t.to_text(o.payload ? 0 : c.out.width()));
}

struct VerifyOptions {
  std::string exported;
  std::vector<std::string> witnesses;
};

void verify_options(CLI::App* cmd, VerifyOptions& o) {
  auto* exported =
      cmd->add_option("--export", o.exported,
                      _("check an exported file (minutes, notice, statement) against the ledger "
                        "instead"))
          ->type_name("FILE");
  cmd->add_option("--witness", o.witnesses,
                  _("then check that the ledger still has each event these files witness: "
                    "checkpoints, exports and notices, agendas, backups, lists of 'SEQ HASH' "
                    "lines"))
      ->type_name("FILE")
      ->expected(1, -1)
      ->excludes(exported);
  example(cmd, "  consult verify\n  consult --ledger backup.db verify --json\n"
               "  consult verify --export 会议记录-3.docx\n"
               "  consult verify --witness checkpoint-2026-11-21.txt 公示-决定3.docx "
               "/srv/backup/consult-2026-11-20.db");
}

/// One line for a witnessed point, for people.
std::string finding_line(const witness::Finding& f) {
  if (f.status == witness::Status::bad_signature)
    return i18n::tr(N_("fails: '{}' ({}): {}"), f.file, f.what, f.problem);
  if (!f.ok()) {
    if (!f.point.where.empty())
      return i18n::tr(N_("fails: '{}', {} ({}), witnesses event {}: {}"), f.file, f.point.where,
                      f.what, f.point.seq, f.problem);
    return i18n::tr(N_("fails: '{}' ({}) witnesses event {}: {}"), f.file, f.what, f.point.seq,
                    f.problem);
  }
  if (f.source == witness::Source::checkpoint)
    return i18n::tr(N_("ok: '{}' ({}; signed with its community's key) witnesses event {}: the "
                       "ledger agrees"),
                    f.file, f.what, f.point.seq);
  if (!f.point.where.empty())
    return i18n::tr(N_("ok: '{}', {} ({}), witnesses event {}: the ledger agrees"), f.file,
                    f.point.where, f.what, f.point.seq);
  return i18n::tr(N_("ok: '{}' ({}) witnesses event {}: the ledger agrees"), f.file, f.what,
                  f.point.seq);
}

void verify_ledger(Context& c, const VerifyOptions& o) {
  if (!o.exported.empty()) return verify_export(c, o.exported);
  // Witnesses are read before any work: a file that is missing or witnesses
  // nothing is the command line's mistake, not a finding.
  std::vector<witness::Witness> witnesses;
  for (const auto& file : o.witnesses)
    witnesses.push_back(witness::read(file, c.ledger().path()));
  const auto r = ledger::verify(c.ledger());
  // The object `verify --json` prints, with the witnesses' findings added.
  nlohmann::json j;
  j["ok"] = r.ok;
  j["events"] = r.events;
  j["head"] = r.head_hash;
  j["bad_event"] = r.bad_seq ? nlohmann::json(r.bad_seq) : nullptr;
  j["table"] = r.table;
  j["row"] = r.row;
  j["problem"] = r.problem;
  if (!witnesses.empty()) {
    j["witnesses"] = nlohmann::json::array();
    j["witness"] = nullptr;
  }
  if (!r.ok) {
    if (c.out.json) c.out.json_line(j);
    throw Error(ErrorKind::data,
                i18n::tr(N_("ledger '{}' does not verify: {}"), c.ledger().path(), r.problem), {},
                _("the ledger was changed outside consult; restore it from a backup and "
                  "compare with the head hash posted publicly ('consult log --head')"));
  }
  const auto chain_ok = i18n::tr(
      N_("ok: {} events, chain intact, tables match the events; head {}"), r.events, r.head_hash);
  if (witnesses.empty()) {
    if (c.out.json)
      c.out.json_line(j);
    else
      c.out.say(chain_ok);
    return;
  }
  const auto w = witness::check(c.ledger(), c.config_if_any(), witnesses);
  const auto* bad = w.first_failure();
  if (c.out.json) {
    for (const auto& f : w.findings)
      j["witnesses"].push_back(f.to_json());
    if (bad) {
      j["ok"] = false;
      j["bad_event"] = bad->point.seq;
      j["witness"] = bad->file;
      j["problem"] = w.failure_message();
    }
    c.out.json_line(j);
  } else {
    c.out.say(chain_ok);
    for (const auto& f : w.findings)
      c.out.say(finding_line(f));
  }
  if (!bad) return;
  if (bad->status == witness::Status::bad_signature)
    throw Error(ErrorKind::data, w.failure_message(), {},
                _("compare it with the copy filed at the street office: a checkpoint whose "
                  "signature fails witnesses nothing"));
  throw Error(ErrorKind::data, w.failure_message(), {},
              _("whoever could write the ledger's file rewrote its chain; keep the file as "
                "evidence, and restore the latest backup that agrees with every witness "
                "('consult --ledger BACKUP verify --witness …')"));
}

} // namespace

void register_log(CLI::App& app, Context& ctx) {
  add_verb(app, ctx, "log", _("list the events of the ledger, oldest first"), log_options,
           NeedConfig::optional, NeedLedger::read, log_events);
  add_verb(app, ctx, "verify",
           _("recompute the event chain and check that every table matches the events, and "
             "that the ledger still has the events its witnesses hold"),
           verify_options, NeedConfig::optional, NeedLedger::read, verify_ledger);
}

} // namespace consult::cli
