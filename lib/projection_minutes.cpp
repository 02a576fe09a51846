// The projector's part for minutes: minutes.approve keeps the record as
// approved; minutes.amend adds a correction. And the payload types of the
// minutes family (consult/events_minutes.hpp), which the writer uses too.

#include "projection.hpp"

#include "consult/events_minutes.hpp"

namespace consult::events {

using nlohmann::json;

namespace {

using ledger::canonical;

void project_approve(const Apply& a) {
  const auto m = MinutesApprove::from_json(a.payload);
  SQLite::Statement q(a.db, "INSERT INTO minutes (meeting, status, approved_by, document, "
                            "sha256, seq, at) VALUES (?, 'approved', ?, ?, ?, ?, ?)");
  q.bind(1, m.meeting);
  q.bind(2, canonical(json(m.by)));
  q.bind(3, canonical(m.document));
  q.bind(4, m.sha256);
  q.bind(5, a.event.seq);
  q.bind(6, a.event.at);
  q.exec();
}

void project_amend(const Apply& a) {
  const auto m = MinutesAmend::from_json(a.payload);
  SQLite::Statement q(a.db, "INSERT INTO minutes_amendment (meeting, n, text, by, seq, at) "
                            "VALUES (?, ?, ?, ?, ?, ?)");
  q.bind(1, m.meeting);
  q.bind(2, m.n);
  q.bind(3, m.text);
  q.bind(4, m.by);
  q.bind(5, a.event.seq);
  q.bind(6, a.event.at);
  q.exec();
}

} // namespace

std::string minutes_entity(std::int64_t meeting) {
  return fmt::format("meeting:{}", meeting);
}

std::string MinutesApprove::entity() const {
  return minutes_entity(meeting);
}

json MinutesApprove::to_json() const {
  return {{"meeting", meeting}, {"by", by}, {"document", document}, {"sha256", sha256}};
}

MinutesApprove MinutesApprove::from_json(const json& p) {
  MinutesApprove m;
  m.meeting = integer(p, "meeting");
  if (const auto it = p.find("by"); it != p.end() && !it->is_null())
    m.by = it->get<std::vector<std::string>>();
  m.document = p.at("document");
  m.sha256 = text(p, "sha256");
  return m;
}

std::string MinutesAmend::entity() const {
  return minutes_entity(meeting);
}

json MinutesAmend::to_json() const {
  return {{"meeting", meeting}, {"n", n}, {"text", text}, {"by", by}};
}

MinutesAmend MinutesAmend::from_json(const json& p) {
  MinutesAmend m;
  m.meeting = integer(p, "meeting");
  m.n = p.at("n").get<int>();
  m.text = events::text(p, "text");
  m.by = events::text(p, "by");
  return m;
}

const std::vector<Kind>& minutes_kinds() {
  static const std::vector<Kind> kKinds = {
      {kMinutesApprove, "minutes", 5, project_approve, false, payload_type<MinutesApprove>},
      {kMinutesAmend, "minutes", 5, project_amend, false, payload_type<MinutesAmend>},
  };
  return kKinds;
}

} // namespace consult::events
