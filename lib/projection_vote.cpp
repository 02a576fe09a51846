// The projector's part for owners' rosters, votes, decisions, actions,
// minutes and the account book: how owners.import, vote.*, decision.record,
// action.*, minutes.* and fund.* events change their tables. Called from ledger::apply
// (projection.cpp), so it runs both when an event is appended and when `consult verify` replays the
// log.

#include "projection.hpp"

#include "consult/error.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace consult::ledger {

namespace {

using nlohmann::json;

std::int64_t integer(const json& p, const char* key) {
  return p.at(key).get<std::int64_t>();
}

/// Binds an optional id: NULL when absent or null.
void bind_id(SQLite::Statement& q, int index, const json& p, const char* key) {
  const auto it = p.find(key);
  if (it == p.end() || it->is_null())
    q.bind(index);
  else
    q.bind(index, it->get<std::int64_t>());
}

void expect_one(int changed, const Event& e, const char* what, std::int64_t id) {
  if (changed != 1)
    throw Error(ErrorKind::data, fmt::format("event {}: {} {} does not exist", e.seq, what, id));
}

void touch_vote(SQLite::Database& db, const Event& e, std::int64_t id) {
  SQLite::Statement u(db, "UPDATE vote SET updated_seq = ?, updated_at = ? WHERE id = ?");
  u.bind(1, e.seq);
  u.bind(2, e.at);
  u.bind(3, id);
  expect_one(u.exec(), e, "vote", id);
}

void owners_import(SQLite::Database& db, const Event& e, const json& p, SQLite::Database& items) {
  const auto community = text(p, "community");
  SQLite::Statement del(db, "DELETE FROM owner_unit WHERE community = ?");
  del.bind(1, community);
  del.exec();
  SQLite::Statement rows(items, "SELECT data FROM event_item WHERE seq = ? ORDER BY n");
  rows.bind(1, e.seq);
  SQLite::Statement ins(db, "INSERT INTO owner_unit (community, unit, owner, area, row, seq) "
                            "VALUES (?, ?, ?, ?, ?, ?)");
  while (rows.executeStep()) {
    const auto u = json::parse(rows.getColumn(0).getString());
    ins.reset();
    ins.bind(1, community);
    ins.bind(2, text(u, "unit"));
    ins.bind(3, text(u, "owner"));
    ins.bind(4, integer(u, "area"));
    ins.bind(5, integer(u, "row"));
    ins.bind(6, e.seq);
    ins.exec();
  }
}

void vote_open(SQLite::Database& db, const Event& e, const json& p) {
  SQLite::Statement q(db, R"sql(
    INSERT INTO vote (id, community, meeting, issue, question, options, method, profile, matter,
      electorate, members, eligible, area_total, voters, closes_at, status, counts, result,
      reason, created_seq, created_at, updated_seq, updated_at)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?17, ?14, 'open', '{}', '',
      '', ?15, ?16, ?15, ?16))sql");
  q.bind(1, integer(p, "id"));
  q.bind(2, text(p, "community"));
  bind_id(q, 3, p, "meeting");
  q.bind(4, integer(p, "issue"));
  q.bind(5, text(p, "question"));
  q.bind(6, canonical(p.at("options")));
  q.bind(7, text(p, "method"));
  q.bind(8, text(p, "profile"));
  q.bind(9, integer(p, "matter"));
  q.bind(10, text(p, "electorate"));
  q.bind(11, integer(p, "members"));
  q.bind(12, integer(p, "eligible"));
  q.bind(13, integer(p, "area_total"));
  q.bind(14, text(p, "closes_at"));
  q.bind(15, e.seq);
  q.bind(16, e.at);
  q.bind(17, canonical(p.value("voters", json::array())));
  q.exec();
  // A vote at a meeting holds the agenda item's consultation round.
  if (p.contains("round") && p.contains("meeting") && !p.at("meeting").is_null()) {
    SQLite::Statement r(db, "UPDATE meeting_item SET round = ? WHERE meeting = ? AND issue = ?");
    r.bind(1, p.at("round").get<int>());
    r.bind(2, integer(p, "meeting"));
    r.bind(3, integer(p, "issue"));
    r.exec();
  }
}

void vote_cast(SQLite::Database& db, const Event& e, const json& p) {
  const auto id = integer(p, "id");
  SQLite::Statement q(db, "INSERT INTO vote_ballot (vote, voter, units, area, choice, seq, at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, id);
  q.bind(2, text(p, "voter"));
  q.bind(3, canonical(p.value("units", json::array())));
  q.bind(4, p.value("area", std::int64_t{0}));
  q.bind(5, text(p, "choice"));
  q.bind(6, e.seq);
  q.bind(7, e.at);
  q.exec();
  touch_vote(db, e, id);
}

void vote_tally(SQLite::Database& db, const Event& e, const json& p) {
  const auto id = integer(p, "id");
  SQLite::Statement q(db, "UPDATE vote SET counts = ? WHERE id = ?");
  q.bind(1, canonical(p.at("counts")));
  q.bind(2, id);
  expect_one(q.exec(), e, "vote", id);
  touch_vote(db, e, id);
}

void vote_extend(SQLite::Database& db, const Event& e, const json& p) {
  const auto id = integer(p, "id");
  SQLite::Statement x(db, R"sql(
    INSERT INTO vote_extension (vote, n, closes_at, before, reason, seq, at)
    VALUES (?1, (SELECT coalesce(max(n), 0) + 1 FROM vote_extension WHERE vote = ?1),
      ?2, ?3, ?4, ?5, ?6))sql");
  x.bind(1, id);
  x.bind(2, text(p, "closes_at"));
  x.bind(3, text(p, "before"));
  x.bind(4, text(p, "reason"));
  x.bind(5, e.seq);
  x.bind(6, e.at);
  x.exec();
  SQLite::Statement q(db, "UPDATE vote SET closes_at = ? WHERE id = ?");
  q.bind(1, text(p, "closes_at"));
  q.bind(2, id);
  expect_one(q.exec(), e, "vote", id);
  touch_vote(db, e, id);
}

void vote_close(SQLite::Database& db, const Event& e, const json& p) {
  const auto id = integer(p, "id");
  SQLite::Statement q(
      db, "UPDATE vote SET status = 'closed', counts = ?, result = ?, reason = ?, closed_on = ? "
          "WHERE id = ?");
  q.bind(1, canonical(p.at("counts")));
  q.bind(2, text(p, "result"));
  q.bind(3, text(p, "reason"));
  q.bind(4, e.at.substr(0, 10));
  q.bind(5, id);
  expect_one(q.exec(), e, "vote", id);
  SQLite::Statement v(db, "SELECT community FROM vote WHERE id = ?");
  v.bind(1, id);
  v.executeStep();
  tally(db, v.getColumn(0).getString(), e.at, "votes", "");
  if (text(p, "result") == "approved") tally(db, v.getColumn(0).getString(), e.at, "passed", "");
  touch_vote(db, e, id);
}

void decision_record(SQLite::Database& db, const Event& e, const json& p) {
  SQLite::Statement q(db, R"sql(
    INSERT INTO decision (id, community, issue, vote, meeting, result, text, profile, reason,
      on_date, seq, at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql");
  q.bind(1, integer(p, "id"));
  q.bind(2, text(p, "community"));
  q.bind(3, integer(p, "issue"));
  bind_id(q, 4, p, "vote");
  bind_id(q, 5, p, "meeting");
  q.bind(6, text(p, "result"));
  q.bind(7, text(p, "text"));
  q.bind(8, text(p, "profile"));
  q.bind(9, text(p, "reason"));
  q.bind(10, text(p, "on_date"));
  q.bind(11, e.seq);
  q.bind(12, e.at);
  q.exec();
}

void action_add(SQLite::Database& db, const Event& e, const json& p) {
  SQLite::Statement q(db, R"sql(
    INSERT INTO action (id, decision, issue, community, owner, what, due, percent, status,
      done_on, created_seq, created_at, updated_seq, updated_at)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, 'open', '', ?8, ?9, ?8, ?9))sql");
  q.bind(1, integer(p, "id"));
  q.bind(2, integer(p, "decision"));
  q.bind(3, integer(p, "issue"));
  q.bind(4, text(p, "community"));
  q.bind(5, text(p, "owner"));
  q.bind(6, text(p, "what"));
  q.bind(7, text(p, "due"));
  q.bind(8, e.seq);
  q.bind(9, e.at);
  q.exec();
}

/// action.progress and action.done: a progress line, and the action's state.
void action_progress(SQLite::Database& db, const Event& e, const json& p) {
  const auto id = integer(p, "id");
  const auto percent = integer(p, "percent");
  SQLite::Statement pr(db, "INSERT INTO action_progress (id, action, percent, note, seq, at) "
                           "VALUES (?, ?, ?, ?, ?, ?)");
  pr.bind(1, integer(p, "progress"));
  pr.bind(2, id);
  pr.bind(3, percent);
  pr.bind(4, text(p, "note"));
  pr.bind(5, e.seq);
  pr.bind(6, e.at);
  pr.exec();
  SQLite::Statement q(db, "UPDATE action SET percent = ?, status = ?, done_on = ?, "
                          "updated_seq = ?, updated_at = ? WHERE id = ?");
  q.bind(1, percent);
  q.bind(2, text(p, "status"));
  q.bind(3, text(p, "done_on"));
  q.bind(4, e.seq);
  q.bind(5, e.at);
  q.bind(6, id);
  expect_one(q.exec(), e, "action", id);
}

void minutes_approve(SQLite::Database& db, const Event& e, const json& p) {
  SQLite::Statement q(db, "INSERT INTO minutes (meeting, status, approved_by, document, sha256, "
                          "seq, at) VALUES (?, 'approved', ?, ?, ?, ?, ?)");
  q.bind(1, integer(p, "meeting"));
  q.bind(2, canonical(p.value("by", json::array())));
  q.bind(3, canonical(p.at("document")));
  q.bind(4, text(p, "sha256"));
  q.bind(5, e.seq);
  q.bind(6, e.at);
  q.exec();
}

void minutes_amend(SQLite::Database& db, const Event& e, const json& p) {
  SQLite::Statement q(db, "INSERT INTO minutes_amendment (meeting, n, text, by, seq, at) "
                          "VALUES (?, ?, ?, ?, ?, ?)");
  q.bind(1, integer(p, "meeting"));
  q.bind(2, integer(p, "n"));
  q.bind(3, text(p, "text"));
  q.bind(4, text(p, "by"));
  q.bind(5, e.seq);
  q.bind(6, e.at);
  q.exec();
}

void fund_add(SQLite::Database& db, const Event& e, const json& p) {
  SQLite::Statement q(db, R"sql(
    INSERT INTO fund_entry (id, community, kind, amount, party, named, purpose, issue, on_date,
      reverses, reason, seq, at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql");
  q.bind(1, integer(p, "id"));
  q.bind(2, text(p, "community"));
  q.bind(3, text(p, "kind"));
  q.bind(4, integer(p, "amount"));
  q.bind(5, text(p, "party"));
  q.bind(6, p.value("named", false) ? 1 : 0);
  q.bind(7, text(p, "purpose"));
  bind_id(q, 8, p, "issue");
  q.bind(9, text(p, "date"));
  bind_id(q, 10, p, "reverses");
  q.bind(11, text(p, "reason"));
  q.bind(12, e.seq);
  q.bind(13, e.at);
  q.exec();
}

} // namespace

void apply_vote(SQLite::Database& db, const Event& e, const nlohmann::json& p,
                SQLite::Database& items) {
  if (e.kind == "owners.import") return owners_import(db, e, p, items);
  if (e.kind == "vote.open") return vote_open(db, e, p);
  if (e.kind == "vote.cast") return vote_cast(db, e, p);
  if (e.kind == "vote.tally") return vote_tally(db, e, p);
  if (e.kind == "vote.extend") return vote_extend(db, e, p);
  if (e.kind == "vote.close") return vote_close(db, e, p);
  if (e.kind == "decision.record") return decision_record(db, e, p);
  if (e.kind == "action.add") return action_add(db, e, p);
  if (e.kind == "action.progress" || e.kind == "action.done") return action_progress(db, e, p);
  if (e.kind == "minutes.approve") return minutes_approve(db, e, p);
  if (e.kind == "minutes.amend") return minutes_amend(db, e, p);
  if (e.kind == "fund.add" || e.kind == "fund.reverse") return fund_add(db, e, p);
  throw Error(ErrorKind::data, fmt::format("event {} has an unknown kind '{}'", e.seq, e.kind), {},
              "this ledger may have been written by a newer consult");
}

} // namespace consult::ledger
