#include "consult/actions.hpp"

#include "consult/decisions.hpp"
#include "consult/error.hpp"
#include "consult/events_action.hpp"
#include "consult/i18n.hpp"
#include "consult/issues.hpp"
#include "consult/personal.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace consult::actions {

using nlohmann::json;

namespace {

constexpr const char* kColumns = "id, decision, issue, community, owner, what, due, percent, "
                                 "status, done_on, created_at, updated_at";

Action read_action(SQLite::Statement& q) {
  Action a;
  a.id = q.getColumn(0).getInt64();
  a.decision = q.getColumn(1).getInt64();
  a.issue = q.getColumn(2).getInt64();
  a.community = q.getColumn(3).getString();
  a.owner = q.getColumn(4).getString();
  a.what = q.getColumn(5).getString();
  a.due = q.getColumn(6).getString();
  a.percent = q.getColumn(7).getInt();
  a.status = q.getColumn(8).getString();
  a.done_on = q.getColumn(9).getString();
  a.created_at = q.getColumn(10).getString();
  a.updated_at = q.getColumn(11).getString();
  return a;
}

/// Moves the issue one step (implement or resolve) if the state machine
/// allows it, naming the action that caused it.
void step(ledger::Ledger& ledger, std::int64_t issue_id, model::IssueAction action,
          std::int64_t by) {
  const auto issue = issues::get(ledger, issue_id);
  if (!model::next_status(issue.status, action)) return; // already past that step
  events::IssueTransition t;
  t.action = by;
  issues::transition(ledger, issue, action, t);
}

Action report(ledger::Ledger& ledger, const config::Community& c, std::int64_t id, int percent,
              const std::string& note, std::string_view kind) {
  const std::string text = issues::clean_field(note, "note", issues::kMaxBodyBytes, true);
  Action out;
  ledger.write([&] {
    const auto a = get(ledger, id);
    if (a.community != c.id) throw Error(ErrorKind::internal, "action of another community");
    if (a.status == "done")
      throw Error(ErrorKind::data, i18n::tr(N_("action {} is done"), id), {},
                  _("a done action stays done; add a new action for further work"));
    if (percent < a.percent)
      throw Error(ErrorKind::usage,
                  i18n::tr(N_("action {} is already {}% done, not {}%"), id, a.percent, percent),
                  "percent", _("progress only goes forward"));
    const auto today =
        clock::format_date(clock::local_date(ledger.session().clock.now(), c.timezone));
    const bool finished = percent == 100;
    events::ActionProgress p;
    p.id = id;
    p.progress = ledger.next_id(ledger::Counter::progress);
    p.percent = percent;
    p.note = text;
    p.status = finished ? "done" : percent > 0 ? "started" : "open";
    p.done_on = finished ? today : std::string();
    ledger.append(kind, p.entity(), p.to_json());
    // The issue follows its actions: implementing once work starts,
    // resolved once every action is done.
    if (percent > 0) step(ledger, a.issue, model::IssueAction::implement, id);
    if (finished) {
      SQLite::Statement q(ledger.db(),
                          "SELECT count(*) FROM action WHERE issue = ? AND status <> 'done'");
      q.bind(1, a.issue);
      q.executeStep();
      if (q.getColumn(0).getInt64() == 0) step(ledger, a.issue, model::IssueAction::resolve, id);
    }
    out = get(ledger, id);
  });
  return out;
}

} // namespace

Action add(ledger::Ledger& ledger, const config::Community& c, std::int64_t decision,
           const std::string& owner, const std::string& what, clock::Date due) {
  const std::string who = issues::clean_field(owner, "owner", issues::kMaxFieldBytes);
  const std::string task = issues::clean_field(what, "what", issues::kMaxBodyBytes, true);
  if (who.empty())
    throw Error(ErrorKind::usage, _("who carries it out?"), "owner",
                _("give --owner, e.g. 物业公司 or 社区居委会"));
  if (task.empty())
    throw Error(ErrorKind::usage, _("what is to be done?"), "what", _("give --what \"…\""));
  Action out;
  ledger.write([&] {
    const auto d = decisions::get(ledger, decision);
    if (d.community != c.id) throw Error(ErrorKind::internal, "decision of another community");
    if (d.result != "approved")
      throw Error(
          ErrorKind::data,
          i18n::tr(N_("decision {} was not approved: there is nothing to carry out"), decision),
          "decision");
    const auto issue = issues::get(ledger, d.issue);
    if (issue.status != model::IssueStatus::decided &&
        issue.status != model::IssueStatus::implementing)
      throw Error(ErrorKind::data,
                  i18n::tr(N_("issue {} is {}: actions are added to a decided issue"), issue.id,
                           model::to_string(issue.status)),
                  "decision");
    events::ActionAdd x;
    x.id = ledger.next_id(ledger::Counter::action);
    x.decision = decision;
    x.issue = d.issue;
    x.community = c.id;
    x.owner = who;
    x.what = task;
    x.due = clock::format_date(due);
    ledger.append(events::kActionAdd, x.entity(), x.to_json());
    out = get(ledger, x.id);
  });
  return out;
}

Action progress(ledger::Ledger& ledger, const config::Community& c, std::int64_t id, int percent,
                const std::string& note) {
  if (percent < 0 || percent > 99)
    throw Error(ErrorKind::usage,
                // xgettext:no-c-format
                i18n::tr(N_("progress {}% is not between 0 and 99"), percent), "percent",
                i18n::tr(N_("when it is finished: consult action done {}"), id));
  return report(ledger, c, id, percent, note, events::kActionProgress);
}

Action done(ledger::Ledger& ledger, const config::Community& c, std::int64_t id,
            const std::string& note) {
  return report(ledger, c, id, 100, note, events::kActionDone);
}

std::optional<Action> find(ledger::Ledger& ledger, std::int64_t id) {
  SQLite::Statement q(ledger.db(), fmt::format("SELECT {} FROM action WHERE id = ?", kColumns));
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  auto a = read_action(q);
  SQLite::Statement p(ledger.db(), "SELECT id, percent, note, at FROM action_progress "
                                   "WHERE action = ? ORDER BY id");
  p.bind(1, id);
  while (p.executeStep())
    a.progress.push_back({p.getColumn(0).getInt64(), p.getColumn(1).getInt(),
                          p.getColumn(2).getString(), p.getColumn(3).getString()});
  return a;
}

Action get(ledger::Ledger& ledger, std::int64_t id) {
  auto a = find(ledger, id);
  if (!a)
    throw Error(ErrorKind::data, i18n::tr(N_("action {} does not exist"), id), {},
                _("'consult action list' shows the actions"));
  return *a;
}

std::vector<Action> list(ledger::Ledger& ledger, const Filter& f) {
  std::string sql = fmt::format("SELECT {} FROM action WHERE 1", kColumns);
  if (!f.community.empty()) sql += " AND community = :community";
  if (f.issue) sql += " AND issue = :issue";
  if (f.decision) sql += " AND decision = :decision";
  if (f.pending) sql += " AND status <> 'done'";
  if (!f.due_before.empty()) sql += " AND due < :before";
  sql += " ORDER BY due, id";
  SQLite::Statement q(ledger.db(), sql);
  if (!f.community.empty()) q.bind(":community", f.community);
  if (f.issue) q.bind(":issue", *f.issue);
  if (f.decision) q.bind(":decision", *f.decision);
  if (!f.due_before.empty()) q.bind(":before", f.due_before);
  std::vector<Action> out;
  while (q.executeStep())
    out.push_back(read_action(q));
  return out;
}

std::vector<Action> overdue(ledger::Ledger& ledger, const std::string& community) {
  // "Today" is each community's own local date.
  std::vector<std::pair<std::string, std::string>> zones;
  {
    SQLite::Statement q(ledger.db(), "SELECT id, timezone FROM community ORDER BY id");
    while (q.executeStep())
      zones.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
  }
  std::vector<Action> out;
  for (const auto& [id, zone] : zones) {
    if (!community.empty() && id != community) continue;
    Filter f;
    f.community = id;
    f.pending = true;
    f.due_before = clock::format_date(clock::local_date(ledger.session().clock.now(), zone));
    for (auto& a : list(ledger, f))
      out.push_back(std::move(a));
  }
  return out;
}

json to_json(const Action& a) {
  json progress = json::array();
  for (const auto& p : a.progress)
    progress.push_back({{"percent", p.percent}, {"note", p.note}, {"at", p.at}});
  return {{"id", a.id},          {"decision", a.decision},
          {"issue", a.issue},    {"community", a.community},
          {"owner", a.owner},    {"what", a.what},
          {"due", a.due},        {"percent", a.percent},
          {"status", a.status},  {"done_on", a.done_on},
          {"progress", progress}};
}

Action shown(ledger::Ledger& ledger, const people::Directory& who, const Action& recorded,
             bool reveal) {
  if (reveal) return recorded;
  Action a = recorded;
  auto names = issues::residents(issues::get(ledger, a.issue), &who);
  if (who.kind_of(a.owner, people::Field::proxy) == people::Kind::resident) names.push_back(a.owner);
  a.owner = who.shown(a.owner, people::Field::proxy);
  a.what = personal::mask_in_text(a.what, names);
  for (auto& p : a.progress)
    p.note = personal::mask_in_text(p.note, names);
  return a;
}

std::vector<std::pair<std::int64_t, std::string>> completion_candidates(ledger::Ledger& ledger) {
  SQLite::Statement q(
      ledger.db(),
      "SELECT id, what, issue, owner FROM action WHERE status <> 'done' ORDER BY id DESC LIMIT 100");
  std::vector<std::pair<std::int64_t, std::string>> out;
  while (q.executeStep()) {
    // Without the roster the owner may be a resident: masked in the text too.
    auto names = issues::residents(ledger, q.getColumn(2).getInt64());
    names.push_back(q.getColumn(3).getString());
    out.emplace_back(q.getColumn(0).getInt64(),
                     personal::mask_in_text(q.getColumn(1).getString(), names));
  }
  return out;
}

} // namespace consult::actions
