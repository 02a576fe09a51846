#pragma once
/// \file
/// The owners family of the event catalogue: the owners' roster (房号, 业主, 面积)
/// of a community — the permanent name and payload types. The writer
/// (lib/owners.cpp) and the projector (lib/projection_owners.cpp) both go
/// through these types.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace consult::events {

inline constexpr std::string_view kOwnersImport = "owners.import";

/// A unit of the roster: an owners.import event's item.
struct OwnerUnit {
  std::string unit;      ///< 房号, as the file gives it
  std::string owner;     ///< the owner's name, spaces normalised (owners::owner_key)
  std::int64_t area = 0; ///< hundredths of m²
  std::int64_t row = 0;  ///< its line in the imported file

  nlohmann::json to_json() const;
  static OwnerUnit from_json(const nlohmann::json& p);
};

/// owners.import: a community's roster, replacing the one before; its units
/// are the event's items.
struct OwnersImport {
  std::string community;
  std::string file;   ///< the file's name, without its directory
  std::string sha256; ///< of the file's bytes
  std::string format; ///< csv | xlsx
  std::int64_t units = 0, owners = 0;
  std::int64_t area_total = 0; ///< hundredths of m²
  std::int64_t items = 0;      ///< the items attached (one per unit)
  std::string items_sha256;

  std::string entity() const; ///< "community:ID"
  nlohmann::json to_json() const;
  static OwnersImport from_json(const nlohmann::json& p);
};

} // namespace consult::events
