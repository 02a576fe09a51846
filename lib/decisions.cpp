#include "consult/decisions.hpp"

#include "consult/error.hpp"
#include "consult/events_decision.hpp"
#include "consult/i18n.hpp"
#include "consult/issues.hpp"
#include "consult/personal.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace consult::decisions {

namespace {

using nlohmann::json;

constexpr const char* kColumns =
    "id, community, issue, vote, meeting, result, text, profile, reason, on_date, seq, at";

Decision read(SQLite::Statement& q) {
  Decision d;
  d.id = q.getColumn(0).getInt64();
  d.community = q.getColumn(1).getString();
  d.issue = q.getColumn(2).getInt64();
  if (!q.getColumn(3).isNull()) d.vote = q.getColumn(3).getInt64();
  if (!q.getColumn(4).isNull()) d.meeting = q.getColumn(4).getInt64();
  d.result = q.getColumn(5).getString();
  d.text = q.getColumn(6).getString();
  d.profile = q.getColumn(7).getString();
  d.reason = q.getColumn(8).getString();
  d.on_date = q.getColumn(9).getString();
  d.seq = q.getColumn(10).getInt64();
  d.at = q.getColumn(11).getString();
  return d;
}

} // namespace

std::int64_t record(ledger::Ledger& ledger, const config::Community& c, const Decision& d) {
  events::DecisionRecord r;
  r.id = ledger.next_id(ledger::Counter::decision);
  r.community = c.id;
  r.issue = d.issue;
  r.vote = d.vote;
  r.meeting = d.meeting;
  r.result = d.result;
  r.text = d.text;
  r.profile = d.profile;
  r.reason = d.reason;
  r.on_date = clock::format_date(clock::local_date(ledger.session().clock.now(), c.timezone));
  ledger.append(events::kDecisionRecord, r.entity(), r.to_json());
  return r.id;
}

std::vector<Decision> list(ledger::Ledger& ledger, const Filter& f) {
  std::string sql = fmt::format("SELECT {} FROM decision WHERE 1", kColumns);
  if (!f.community.empty()) sql += " AND community = :community";
  if (f.issue) sql += " AND issue = :issue";
  if (!f.result.empty()) sql += " AND result = :result";
  sql += " ORDER BY id";
  if (f.limit > 0) sql += fmt::format(" LIMIT {}", f.limit);
  SQLite::Statement q(ledger.db(), sql);
  if (!f.community.empty()) q.bind(":community", f.community);
  if (f.issue) q.bind(":issue", *f.issue);
  if (!f.result.empty()) q.bind(":result", f.result);
  std::vector<Decision> out;
  while (q.executeStep())
    out.push_back(read(q));
  return out;
}

std::optional<Decision> find(ledger::Ledger& ledger, std::int64_t id) {
  SQLite::Statement q(ledger.db(), fmt::format("SELECT {} FROM decision WHERE id = ?", kColumns));
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  return read(q);
}

Decision get(ledger::Ledger& ledger, std::int64_t id) {
  auto d = find(ledger, id);
  if (!d)
    throw Error(ErrorKind::data, i18n::tr(N_("decision {} does not exist"), id), {},
                _("'consult decision list' shows the decisions"));
  return *d;
}

json to_json(const Decision& d) {
  return {{"id", d.id},
          {"community", d.community},
          {"issue", d.issue},
          {"vote", d.vote ? json(*d.vote) : json(nullptr)},
          {"meeting", d.meeting ? json(*d.meeting) : json(nullptr)},
          {"result", d.result},
          {"text", d.text},
          {"rule", d.profile},
          {"reason", d.reason},
          {"date", d.on_date},
          {"seq", d.seq},
          {"at", d.at}};
}

Decision shown(ledger::Ledger& ledger, const people::Directory& who, const Decision& recorded,
               bool reveal, const std::vector<std::string>& more) {
  if (reveal) return recorded;
  Decision d = recorded;
  auto names = issues::residents(issues::get(ledger, d.issue), &who);
  names.insert(names.end(), more.begin(), more.end());
  d.text = personal::mask_in_text(d.text, names);
  d.reason = personal::mask_in_text(d.reason, names);
  return d;
}

} // namespace consult::decisions
