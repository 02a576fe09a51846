// The projector's part for decisions: decision.record inserts a decision.

#include "projection.hpp"

#include "consult/events_decision.hpp"

namespace consult::events {

using nlohmann::json;

namespace {

void project_record(const Apply& a) {
  const auto d = DecisionRecord::from_json(a.payload);
  SQLite::Statement q(a.db, R"sql(
    INSERT INTO decision (id, community, issue, vote, meeting, result, text, profile, reason,
      on_date, seq, at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql");
  q.bind(1, d.id);
  q.bind(2, d.community);
  q.bind(3, d.issue);
  if (d.vote)
    q.bind(4, *d.vote);
  else
    q.bind(4);
  if (d.meeting)
    q.bind(5, *d.meeting);
  else
    q.bind(5);
  q.bind(6, d.result);
  q.bind(7, d.text);
  q.bind(8, d.profile);
  q.bind(9, d.reason);
  q.bind(10, d.on_date);
  q.bind(11, a.event.seq);
  q.bind(12, a.event.at);
  q.exec();
}

} // namespace

std::string DecisionRecord::entity() const {
  return fmt::format("decision:{}", id);
}

json DecisionRecord::to_json() const {
  return {{"id", id},
          {"community", community},
          {"issue", issue},
          {"vote", id_or_null(vote)},
          {"meeting", id_or_null(meeting)},
          {"result", result},
          {"text", text},
          {"profile", profile},
          {"reason", reason},
          {"on_date", on_date}};
}

DecisionRecord DecisionRecord::from_json(const json& p) {
  DecisionRecord d;
  d.id = integer(p, "id");
  d.community = events::text(p, "community");
  d.issue = integer(p, "issue");
  d.vote = optional<std::int64_t>(p, "vote");
  d.meeting = optional<std::int64_t>(p, "meeting");
  d.result = events::text(p, "result");
  d.text = events::text(p, "text");
  d.profile = events::text(p, "profile");
  d.reason = events::text(p, "reason");
  d.on_date = events::text(p, "on_date");
  return d;
}

const std::vector<Kind>& decision_kinds() {
  static const std::vector<Kind> kKinds = {
      {kDecisionRecord, "decision", 4, project_record, false, payload_type<DecisionRecord>},
  };
  return kKinds;
}

} // namespace consult::events
