// The projector's part for the owners' roster: owners.import replaces a
// community's owner_unit rows with the event's items; and the payload types
// of the owners family (consult/events_owners.hpp), which the writer uses too.

#include "projection.hpp"

#include "consult/events_owners.hpp"

namespace consult::events {

using nlohmann::json;

json OwnerUnit::to_json() const {
  return {{"unit", unit}, {"owner", owner}, {"area", area}, {"row", row}};
}

OwnerUnit OwnerUnit::from_json(const json& p) {
  return {text(p, "unit"), text(p, "owner"), integer(p, "area"), integer(p, "row")};
}

std::string OwnersImport::entity() const {
  return "community:" + community;
}

json OwnersImport::to_json() const {
  return {{"community", community},   {"file", file},   {"sha256", sha256},
          {"format", format},         {"units", units}, {"owners", owners},
          {"area_total", area_total}, {"items", items}, {"items_sha256", items_sha256}};
}

OwnersImport OwnersImport::from_json(const json& p) {
  OwnersImport o;
  o.community = text(p, "community");
  o.file = text(p, "file");
  o.sha256 = text(p, "sha256");
  o.format = text(p, "format");
  o.units = integer(p, "units");
  o.owners = integer(p, "owners");
  o.area_total = integer(p, "area_total");
  o.items = integer(p, "items");
  o.items_sha256 = text(p, "items_sha256");
  return o;
}

namespace {

void project_import(const Apply& a) {
  const auto roster = OwnersImport::from_json(a.payload);
  SQLite::Statement del(a.db, "DELETE FROM owner_unit WHERE community = ?");
  del.bind(1, roster.community);
  del.exec();
  SQLite::Statement rows(a.items, "SELECT data FROM event_item WHERE seq = ? ORDER BY n");
  rows.bind(1, a.event.seq);
  SQLite::Statement ins(a.db, "INSERT INTO owner_unit (community, unit, owner, area, row, seq) "
                              "VALUES (?, ?, ?, ?, ?, ?)");
  while (rows.executeStep()) {
    const auto u = OwnerUnit::from_json(a.unseal.unseal_text(rows.getColumn(0).getString(), a.event.seq));
    ins.reset();
    ins.bind(1, roster.community);
    ins.bind(2, u.unit);
    ins.bind(3, u.owner);
    ins.bind(4, u.area);
    ins.bind(5, u.row);
    ins.bind(6, a.event.seq);
    ins.exec();
  }
}

} // namespace

const std::vector<Kind>& owners_kinds() {
  static const std::vector<Kind> kKinds = {
      {kOwnersImport, "owners", 4, project_import, true, payload_type<OwnersImport>},
  };
  return kKinds;
}

} // namespace consult::events
