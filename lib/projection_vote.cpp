// The projector's part for votes: how vote.open, vote.cast, vote.tally,
// vote.extend and vote.close change the vote tables.

#include "projection.hpp"

#include "consult/events_vote.hpp"

namespace consult::events {

namespace {

using nlohmann::json;
using ledger::canonical;

void touch_vote(SQLite::Database& db, const ledger::Event& e, std::int64_t id) {
  SQLite::Statement u(db, "UPDATE vote SET updated_seq = ?, updated_at = ? WHERE id = ?");
  u.bind(1, e.seq);
  u.bind(2, e.at);
  u.bind(3, id);
  expect_one(u.exec(), e, "vote", id);
}
void vote_open(SQLite::Database& db, const ledger::Event& e, const json& p) {
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
void vote_cast(SQLite::Database& db, const ledger::Event& e, const json& p) {
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
void vote_tally(SQLite::Database& db, const ledger::Event& e, const json& p) {
  const auto id = integer(p, "id");
  SQLite::Statement q(db, "UPDATE vote SET counts = ? WHERE id = ?");
  q.bind(1, canonical(p.at("counts")));
  q.bind(2, id);
  expect_one(q.exec(), e, "vote", id);
  touch_vote(db, e, id);
}
void vote_extend(SQLite::Database& db, const ledger::Event& e, const json& p) {
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
void vote_close(SQLite::Database& db, const ledger::Event& e, const json& p) {
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

} // namespace

const std::vector<Kind>& vote_kinds() {
  static const std::vector<Kind> kKinds = {
      {kVoteOpen, "vote", 4, [](const Apply& a) { vote_open(a.db, a.event, a.payload); }},
      {kVoteCast, "vote", 4, [](const Apply& a) { vote_cast(a.db, a.event, a.payload); }},
      {kVoteTally, "vote", 4, [](const Apply& a) { vote_tally(a.db, a.event, a.payload); }},
      {kVoteExtend, "vote", 4, [](const Apply& a) { vote_extend(a.db, a.event, a.payload); }},
      {kVoteClose, "vote", 4, [](const Apply& a) { vote_close(a.db, a.event, a.payload); }},
  };
  return kKinds;
}

} // namespace consult::events
