// The projector's part for the owners' roster: owners.import replaces a
// community's owner_unit rows with the event's items.

#include "projection.hpp"

#include "consult/events_owners.hpp"

namespace consult::events {

namespace {

using nlohmann::json;
using ledger::canonical;

void owners_import(SQLite::Database& db, const ledger::Event& e, const json& p, SQLite::Database& items) {
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

} // namespace

const std::vector<Kind>& owners_kinds() {
  static const std::vector<Kind> kKinds = {
      {kOwnersImport, "owners", 4, [](const Apply& a) { owners_import(a.db, a.event, a.payload, a.items); }, true},
  };
  return kKinds;
}

} // namespace consult::events
