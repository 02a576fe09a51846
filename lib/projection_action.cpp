// The projector's part for action items: action.add, action.progress and
// action.done; and the payload types of the action family
// (consult/events_action.hpp), which the writer uses too.

#include "projection.hpp"

#include "consult/events_action.hpp"

namespace consult::events {

using nlohmann::json;

namespace {

void project_add(const Apply& a) {
  const auto x = ActionAdd::from_json(a.payload);
  SQLite::Statement q(a.db, R"sql(
    INSERT INTO action (id, decision, issue, community, owner, what, due, percent, status,
      done_on, created_seq, created_at, updated_seq, updated_at)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, 'open', '', ?8, ?9, ?8, ?9))sql");
  q.bind(1, x.id);
  q.bind(2, x.decision);
  q.bind(3, x.issue);
  q.bind(4, x.community);
  q.bind(5, x.owner);
  q.bind(6, x.what);
  q.bind(7, x.due);
  q.bind(8, a.event.seq);
  q.bind(9, a.event.at);
  q.exec();
}

/// action.progress and action.done: a progress line, and the action's state.
void project_progress(const Apply& a) {
  const auto p = ActionProgress::from_json(a.payload);
  SQLite::Statement pr(a.db, "INSERT INTO action_progress (id, action, percent, note, seq, at) "
                             "VALUES (?, ?, ?, ?, ?, ?)");
  pr.bind(1, p.progress);
  pr.bind(2, p.id);
  pr.bind(3, p.percent);
  pr.bind(4, p.note);
  pr.bind(5, a.event.seq);
  pr.bind(6, a.event.at);
  pr.exec();
  SQLite::Statement q(a.db, "UPDATE action SET percent = ?, status = ?, done_on = ?, "
                            "updated_seq = ?, updated_at = ? WHERE id = ?");
  q.bind(1, p.percent);
  q.bind(2, p.status);
  q.bind(3, p.done_on);
  q.bind(4, a.event.seq);
  q.bind(5, a.event.at);
  q.bind(6, p.id);
  expect_one(q.exec(), a.event, "action", p.id);
}

} // namespace

std::string ActionAdd::entity() const {
  return fmt::format("action:{}", id);
}

json ActionAdd::to_json() const {
  return {{"id", id},       {"decision", decision}, {"issue", issue}, {"community", community},
          {"owner", owner}, {"what", what},         {"due", due}};
}

ActionAdd ActionAdd::from_json(const json& p) {
  ActionAdd x;
  x.id = integer(p, "id");
  x.decision = integer(p, "decision");
  x.issue = integer(p, "issue");
  x.community = text(p, "community");
  x.owner = text(p, "owner");
  x.what = text(p, "what");
  x.due = text(p, "due");
  return x;
}

std::string ActionProgress::entity() const {
  return fmt::format("action:{}", id);
}

json ActionProgress::to_json() const {
  return {{"id", id},     {"progress", progress}, {"percent", percent},
          {"note", note}, {"status", status},     {"done_on", done_on}};
}

ActionProgress ActionProgress::from_json(const json& p) {
  ActionProgress x;
  x.id = integer(p, "id");
  x.progress = integer(p, "progress");
  x.percent = p.at("percent").get<int>();
  x.note = text(p, "note");
  x.status = text(p, "status");
  x.done_on = text(p, "done_on");
  return x;
}

const std::vector<Kind>& action_kinds() {
  static const std::vector<Kind> kKinds = {
      {kActionAdd, "action", 4, project_add, false, payload_type<ActionAdd>},
      {kActionProgress, "action", 4, project_progress, false, payload_type<ActionProgress>},
      {kActionDone, "action", 4, project_progress, false, payload_type<ActionProgress>},
  };
  return kKinds;
}

} // namespace consult::events
