// The projector's part for minutes: minutes.approve keeps the record as
// approved; minutes.amend adds a correction.

#include "projection.hpp"

#include "consult/events_minutes.hpp"

namespace consult::events {

namespace {

using nlohmann::json;
using ledger::canonical;

void minutes_approve(SQLite::Database& db, const ledger::Event& e, const json& p) {
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
void minutes_amend(SQLite::Database& db, const ledger::Event& e, const json& p) {
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

} // namespace

const std::vector<Kind>& minutes_kinds() {
  static const std::vector<Kind> kKinds = {
      {kMinutesApprove, "minutes", 5, [](const Apply& a) { minutes_approve(a.db, a.event, a.payload); }},
      {kMinutesAmend, "minutes", 5, [](const Apply& a) { minutes_amend(a.db, a.event, a.payload); }},
  };
  return kKinds;
}

} // namespace consult::events
