// The projector's part for the account book: fund.add and fund.reverse each
// insert an entry (a reversal points at the entry it undoes); and the payload
// type of the fund family (consult/events_fund.hpp), which the writer uses too.

#include "projection.hpp"

#include "consult/events_fund.hpp"

namespace consult::events {

using nlohmann::json;

namespace {

void bind_optional(SQLite::Statement& q, int index, const std::optional<std::int64_t>& id) {
  if (id)
    q.bind(index, *id);
  else
    q.bind(index);
}

void project_entry(const Apply& a) {
  const auto f = FundEntry::from_json(a.payload);
  SQLite::Statement q(a.db, R"sql(
    INSERT INTO fund_entry (id, community, kind, amount, party, named, purpose, issue, on_date,
      reverses, reason, seq, at, book, quantity, unit, advance)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql");
  q.bind(1, f.id);
  q.bind(2, f.community);
  q.bind(3, f.kind);
  q.bind(4, f.amount);
  q.bind(5, f.party);
  q.bind(6, f.named ? 1 : 0);
  q.bind(7, f.purpose);
  bind_optional(q, 8, f.issue);
  q.bind(9, f.date);
  bind_optional(q, 10, f.reverses);
  q.bind(11, f.reason);
  q.bind(12, a.event.seq);
  q.bind(13, a.event.at);
  q.bind(14, f.book.value_or(""));
  if (f.quantity)
    q.bind(15, *f.quantity);
  else
    q.bind(15);
  q.bind(16, f.unit.value_or(""));
  q.bind(17, f.advance.value_or(false) ? 1 : 0);
  q.exec();
}

} // namespace

std::string FundEntry::entity() const {
  return fmt::format("fund:{}", id);
}

json FundEntry::to_json() const {
  json p = {{"id", id},           {"community", community},
            {"kind", kind},       {"amount", amount},
            {"party", party},     {"named", named},
            {"purpose", purpose}, {"issue", id_or_null(issue)},
            {"date", date},       {"reverses", id_or_null(reverses)},
            {"reason", reason}};
  events::put(p, "book", book);
  events::put(p, "quantity", quantity);
  events::put(p, "unit", unit);
  events::put(p, "advance", advance);
  return p;
}

FundEntry FundEntry::from_json(const json& p) {
  FundEntry f;
  f.id = integer(p, "id");
  f.community = text(p, "community");
  f.kind = text(p, "kind");
  f.amount = integer(p, "amount");
  f.party = text(p, "party");
  f.named = p.value("named", false);
  f.purpose = text(p, "purpose");
  f.issue = optional<std::int64_t>(p, "issue");
  f.date = text(p, "date");
  f.reverses = optional<std::int64_t>(p, "reverses");
  f.reason = text(p, "reason");
  f.book = optional<std::string>(p, "book");
  f.quantity = optional<std::string>(p, "quantity");
  f.unit = optional<std::string>(p, "unit");
  f.advance = optional<bool>(p, "advance");
  return f;
}

const std::vector<Kind>& fund_kinds() {
  static const std::vector<Kind> kKinds = {
      {kFundAdd, "fund", 5, project_entry, false, payload_type<FundEntry>},
      {kFundReverse, "fund", 5, project_entry, false, payload_type<FundEntry>},
  };
  return kKinds;
}

} // namespace consult::events
