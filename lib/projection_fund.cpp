// The projector's part for the account book: fund.add and fund.reverse each
// insert an entry (a reversal points at the entry it undoes).

#include "projection.hpp"

#include "consult/events_fund.hpp"

namespace consult::events {

namespace {

using nlohmann::json;
using ledger::canonical;

void fund_add(SQLite::Database& db, const ledger::Event& e, const json& p) {
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

const std::vector<Kind>& fund_kinds() {
  static const std::vector<Kind> kKinds = {
      {kFundAdd, "fund", 5, [](const Apply& a) { fund_add(a.db, a.event, a.payload); }},
      {kFundReverse, "fund", 5, [](const Apply& a) { fund_add(a.db, a.event, a.payload); }},
  };
  return kKinds;
}

} // namespace consult::events
