// The projector's part for action items: action.add, action.progress and
// action.done.

#include "projection.hpp"

#include "consult/events_action.hpp"

namespace consult::events {

namespace {

using nlohmann::json;
using ledger::canonical;

void action_add(SQLite::Database& db, const ledger::Event& e, const json& p) {
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
void action_progress(SQLite::Database& db, const ledger::Event& e, const json& p) {
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

} // namespace

const std::vector<Kind>& action_kinds() {
  static const std::vector<Kind> kKinds = {
      {kActionAdd, "action", 4, [](const Apply& a) { action_add(a.db, a.event, a.payload); }},
      {kActionProgress, "action", 4, [](const Apply& a) { action_progress(a.db, a.event, a.payload); }},
      {kActionDone, "action", 4, [](const Apply& a) { action_progress(a.db, a.event, a.payload); }},
  };
  return kKinds;
}

} // namespace consult::events
