#pragma once
/// \file
/// The owners' roster (业主名册): units, their owners and exclusive areas,
/// read from the spreadsheets property offices keep, for owners' joint
/// decisions under Civil Code art. 278. One `owners.import` event replaces a
/// community's roster, its rows attached as event items. See docs/voting.md.
///
/// Owners are counted by head: several units of one owner are one owner, and
/// their areas add up. Two units belong to the same owner when the owner
/// cells read the same after trimming and collapsing white space (NFC); joint
/// owners written in one cell ("张三、李四") are one owner.

#include "consult/config.hpp"
#include "consult/importer.hpp"
#include "consult/intake.hpp"
#include "consult/ledger.hpp"
#include "consult/people.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace consult::owners {

/// One unit of the roster.
struct Unit {
  std::string unit;      ///< 房号
  std::string owner;     ///< 业主
  std::int64_t area = 0; ///< exclusive area, hundredths of m²
  std::int64_t row = 0;  ///< its line in the imported file
};

/// One owner by head, with all their units.
struct Owner {
  std::string name;
  std::vector<std::string> units;
  std::int64_t area = 0; ///< hundredths of m², the sum over the units
};

/// A community's roster, owners in the order their first unit was listed.
struct Roster {
  std::vector<Owner> owners;
  std::int64_t units = 0;
  std::int64_t area_total = 0; ///< hundredths of m²
  std::int64_t seq = 0;        ///< the owners.import event (0: no roster)
};

struct Options {
  std::string name; ///< file name as given, for messages and the event
  intake::Encoding encoding = intake::Encoding::automatic;
  std::string sheet; ///< XLSX sheet name or number, "" for the first visible
  bool dry_run = false;
};

struct Summary {
  std::int64_t rows = 0;
  std::int64_t units = 0;
  std::int64_t owners = 0;
  std::int64_t area_total = 0; ///< hundredths of m²
  std::int64_t replaced = 0;   ///< units of the roster it replaced
  std::int64_t header_row = 0;
  std::vector<importer::RowError> errors; ///< every bad row (up to importer::kMaxErrors)
  std::int64_t rejected = 0;
  std::string sha256;
  std::string format = "csv";
  std::int64_t event_seq = 0; ///< 0: nothing written
};

/// Largest roster accepted.
inline constexpr std::int64_t kMaxUnits = 200'000;
/// Largest exclusive area of one unit: 100,000 m².
inline constexpr std::int64_t kMaxUnitArea = 10'000'000;

/// Reads the roster from `reader` (a CSV or a worksheet) and, unless
/// `options.dry_run`, replaces the community's roster with it in one
/// transaction. The header (in the first 20 rows) names a unit (房号), an
/// owner (业主) and an area (面积) column. All or nothing: any bad row (a
/// missing cell, an area that is not a number of m² with at most two
/// decimals, a unit listed twice) means nothing is written; every bad row is
/// in `summary.errors` and Error(data) is thrown. Refused while an owners'
/// vote on the current roster is open.
void import_rows(ledger::Ledger& ledger, const config::Community& community,
                 intake::RowReader& reader, const std::function<std::string()>& file_sha256,
                 const Options& options, Summary& summary);

/// A CSV or XLSX file (by content), or "-" for CSV on standard input.
void import_file(ledger::Ledger& ledger, const config::Community& community,
                 const std::string& path, const Options& options, Summary& summary);

/// The community's roster as the ledger holds it.
Roster roster(ledger::Ledger& ledger, const std::string& community);

/// The units, by unit.
std::vector<Unit> units(ledger::Ledger& ledger, const std::string& community);

/// The owner a voter names: a unit (房号) or an owner's name. nullopt if it
/// names neither.
std::optional<Owner> find_owner(ledger::Ledger& ledger, const std::string& community,
                                const std::string& unit_or_owner);

/// An owner cell as compared: NFC, trimmed, inner white space collapsed.
std::string owner_key(const std::string& cell);

/// Which field a roster header names: "unit", "owner", "area" or "".
std::string roster_field(const std::string& header);

/// A unit as it may be shown: its door number is the owner's address, cut
/// to the building (personal::mask_place) unless `reveal`.
std::string shown_unit(const std::string& unit, bool reveal);
/// Each of `units` as shown_unit() shows it.
std::vector<std::string> shown_units(const std::vector<std::string>& units, bool reveal);

/// A unit of the roster as JSON (area in m²); the owner and the unit's door
/// masked unless `reveal`.
nlohmann::json to_json(const Unit& unit, const people::Directory& who, bool reveal);

/// An owner by head as JSON (area in m²); the name and the units' doors
/// masked unless `reveal`.
nlohmann::json to_json(const Owner& owner, const people::Directory& who, bool reveal);

} // namespace consult::owners
