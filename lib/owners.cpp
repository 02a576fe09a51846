#include "consult/owners.hpp"
#include "consult/sealing.hpp"

#include "consult/error.hpp"
#include "consult/events_owners.hpp"
#include "consult/hash.hpp"
#include "consult/i18n.hpp"
#include "consult/issues.hpp"
#include "consult/personal.hpp"
#include "consult/rules.hpp"
#include "consult/text.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

namespace consult::owners {

using nlohmann::json;

namespace {

struct Synonyms {
  const char* field;
  std::vector<std::string> words;
};

const std::vector<Synonyms>& synonyms() {
  static const std::vector<Synonyms> kSynonyms = {
      {"unit", {"房号", "房屋", "房间号", "户号", "门牌号", "房屋编号", "房产", "unit", "room"}},
      {"owner", {"业主", "业主姓名", "产权人", "所有权人", "姓名", "owner", "name"}},
      {"area",
       {"面积", "专有面积", "专有部分面积", "建筑面积", "产权面积", "面积(㎡)", "面积(m²)",
        "面积（㎡）", "面积（m²）", "area"}},
  };
  return kSynonyms;
}

/// "89.50", "89.5 ㎡", "1,089.5" → hundredths; nullopt otherwise.
std::optional<std::int64_t> read_area(std::string_view cell) {
  std::string s(text::trim(cell));
  for (const char* unit : {"平方米", "㎡", "m²", "m2", "M2"})
    if (s.size() > std::strlen(unit) && s.ends_with(unit)) {
      s.resize(s.size() - std::strlen(unit));
      s = std::string(text::trim(s));
      break;
    }
  std::erase(s, ',');
  if (auto area = rules::parse_area(s)) return area;
  // A number cell is a binary double: some writers store 81.57 as
  // 81.56999999999999. Read at the 15 significant digits spreadsheets show;
  // a typed 89.505 still has three decimals there, and is refused.
  std::size_t digits = 0;
  for (char ch : s) {
    if (ch >= '0' && ch <= '9')
      ++digits;
    else if (ch != '.')
      return std::nullopt;
  }
  if (digits < 16) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return rules::parse_area(fmt::format("{:.15g}", v));
}

bool open_owners_vote(ledger::Ledger& ledger, const std::string& community, std::int64_t& id) {
  SQLite::Statement q(ledger.db(), "SELECT id FROM vote WHERE community = ? AND status = 'open' "
                                   "AND electorate = 'roster' ORDER BY id LIMIT 1");
  q.bind(1, community);
  if (!q.executeStep()) return false;
  id = q.getColumn(0).getInt64();
  return true;
}

} // namespace

std::string owner_key(const std::string& cell) {
  const std::string s = intake::nfc(text::one_line(text::trim(cell)));
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string roster_field(const std::string& header) {
  const auto n = importer::normalize_header(header);
  if (n.empty()) return {};
  for (const auto& s : synonyms())
    for (const auto& w : s.words)
      if (n == importer::normalize_header(w)) return s.field;
  // 房号（室） or 建筑面积（平方米）: the longest synonym the header starts with.
  std::string best;
  std::size_t best_len = 0;
  for (const auto& s : synonyms())
    for (const auto& w : s.words) {
      const auto nw = importer::normalize_header(w);
      if (nw.size() >= 4 && nw.size() > best_len && n.rfind(nw, 0) == 0) {
        best = s.field;
        best_len = nw.size();
      }
    }
  return best;
}

void import_rows(ledger::Ledger& ledger, const config::Community& community,
                 intake::RowReader& reader, const std::function<std::string()>& file_sha256,
                 const Options& opt, Summary& sum) {
  intake::Record record;
  int unit_col = -1, owner_col = -1, area_col = -1;
  std::vector<std::string> header;
  for (int tries = 0; tries < 20 && reader.next(record); ++tries) {
    int u = -1, o = -1, a = -1;
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
      const auto f = roster_field(record.fields[i]);
      const int col = static_cast<int>(i);
      if (f == "unit" && u < 0) u = col;
      if (f == "owner" && o < 0) o = col;
      if (f == "area" && a < 0) a = col;
    }
    if (u >= 0 && o >= 0 && a >= 0) {
      unit_col = u;
      owner_col = o;
      area_col = a;
      header = record.fields;
      sum.header_row = record.line;
      break;
    }
  }
  if (unit_col < 0)
    throw Error(ErrorKind::data,
                _("no header row naming a unit, an owner and an area column in the first 20 rows"),
                opt.name, _("name the columns 房号, 业主 and 面积 (see docs/voting.md)"));

  std::vector<Unit> rows;
  std::map<std::string, std::int64_t> seen; // unit -> line
  auto bad = [&](const std::string& column, const std::string& value, std::string reason) {
    ++sum.rejected;
    if (sum.errors.size() < importer::kMaxErrors)
      sum.errors.push_back({record.line, column, value, std::move(reason)});
  };
  auto cell = [&](int col) -> std::string {
    const auto i = static_cast<std::size_t>(col);
    return i < record.fields.size() ? std::string(text::trim(record.fields[i])) : std::string();
  };
  const auto name_of = [&](int col) {
    return std::string(text::trim(header[static_cast<std::size_t>(col)]));
  };
  while (reader.next(record)) {
    ++sum.rows;
    if (sum.rows > kMaxUnits)
      throw Error(ErrorKind::data, i18n::tr(N_("the roster has more than {} units"), kMaxUnits),
                  opt.name, _("split the community's roster, or ask for a larger limit"));
    const std::int64_t rejected_before = sum.rejected;
    Unit u;
    u.row = record.line;
    u.unit = text::one_line(cell(unit_col));
    u.owner = owner_key(cell(owner_col));
    const auto area_text = cell(area_col);
    if (u.unit.empty()) bad(name_of(unit_col), {}, _("the unit is empty"));
    if (u.owner.empty()) bad(name_of(owner_col), {}, _("the owner is empty"));
    if (!text::valid_utf8(u.unit) || u.unit.size() > 100)
      bad(name_of(unit_col), u.unit, _("a unit is at most 100 bytes of text"));
    if (u.owner.size() > 500) bad(name_of(owner_col), {}, _("an owner is at most 500 bytes"));
    const auto area = read_area(area_text);
    if (!area)
      bad(name_of(area_col), area_text,
          _("not an area in m² with at most two decimals (e.g. 89.50)"));
    else if (*area > kMaxUnitArea)
      bad(name_of(area_col), area_text, _("larger than 100,000 m² for one unit"));
    else
      u.area = *area;
    if (!u.unit.empty()) {
      const auto [it, fresh] = seen.emplace(u.unit, record.line);
      if (!fresh)
        bad(name_of(unit_col), u.unit,
            i18n::tr(N_("unit listed twice (first on line {})"), it->second));
    }
    if (sum.rejected == rejected_before) rows.push_back(std::move(u));
  }
  sum.sha256 = file_sha256();
  if (sum.rejected > 0)
    throw Error(ErrorKind::data,
                i18n::tr(N_("{} bad row(s) in the roster; nothing was imported"), sum.rejected),
                opt.name, _("fix the rows listed above and import the file again"));
  if (rows.empty())
    throw Error(ErrorKind::data, _("the roster lists no units"), opt.name,
                _("a roster has one row per unit under its header"));

  std::set<std::string> heads;
  for (const auto& u : rows) {
    heads.insert(u.owner);
    sum.area_total += u.area;
  }
  sum.units = static_cast<std::int64_t>(rows.size());
  sum.owners = static_cast<std::int64_t>(heads.size());

  struct DryRun {};
  try {
    ledger.write([&] {
      std::int64_t vote = 0;
      if (open_owners_vote(ledger, community.id, vote))
        throw Error(ErrorKind::data,
                    i18n::tr(N_("owners' vote {} is open on the current roster"), vote), {},
                    _("close it first (consult vote close), then import the new roster"));
      issues::sync_community(ledger, community);
      {
        SQLite::Statement q(ledger.db(), "SELECT count(*) FROM owner_unit WHERE community = ?");
        q.bind(1, community.id);
        q.executeStep();
        sum.replaced = q.getColumn(0).getInt64();
      }
      const std::int64_t seq = ledger.next_seq();
      hash::Sha256 digest;
      std::int64_t n = 0;
      std::vector<ledger::Sealed> personal;
      for (const auto& u : rows) {
        // The owner's name and unit sealed apart (consult/sealing.hpp).
        const auto data = ledger::canonical(
            ledger::split(events::OwnerUnit{u.unit, u.owner, u.area, u.row}.to_json(), personal));
        ledger.add_item(seq, ++n, {}, data);
        digest.update(ledger::item_line(n, {}, data));
      }
      ledger::store_sealed(ledger.db(), seq, personal);
      events::OwnersImport roster;
      roster.community = community.id;
      roster.file = std::filesystem::path(opt.name).filename().string();
      roster.sha256 = sum.sha256;
      roster.format = sum.format;
      roster.units = sum.units;
      roster.owners = sum.owners;
      roster.area_total = sum.area_total;
      roster.items = n;
      roster.items_sha256 = digest.hex();
      const auto e = ledger.append(events::kOwnersImport, roster.entity(), roster.to_json());
      if (e.seq != seq)
        throw Error(ErrorKind::internal, "roster event got another sequence number than its rows");
      sum.event_seq = e.seq;
      if (opt.dry_run) throw DryRun{};
    });
  } catch (const DryRun&) {
    sum.event_seq = 0;
  }
}

void import_file(ledger::Ledger& ledger, const config::Community& community,
                 const std::string& path, const Options& opt, Summary& sum) {
  sum = Summary{};
  hash::Sha256 digest;
  if (path == "-") {
    intake::CsvReader reader(std::cin, opt.encoding, opt.name, 0, &digest);
    return import_rows(
        ledger, community, reader, [&] { return digest.hex(); }, opt, sum);
  }
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw Error(ErrorKind::no_input, i18n::tr(N_("'{}' does not exist"), path));
  if (intake::looks_like_zip(path)) {
    {
      std::ifstream in(path, std::ios::binary);
      std::string buf(1 << 16, '\0');
      while (in.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in.gcount() > 0)
        digest.update(std::string_view(buf.data(), static_cast<std::size_t>(in.gcount())));
    }
    intake::XlsxReader reader(path, opt.sheet);
    sum.format = "xlsx";
    return import_rows(
        ledger, community, reader, [&] { return digest.hex(); }, opt, sum);
  }
  const auto ext = std::filesystem::path(path).extension().string();
  if (ext == ".xlsx" || ext == ".XLSX")
    throw Error(ErrorKind::data, i18n::tr(N_("'{}' is named .xlsx but is not an XLSX file"), path),
                {}, _("if it is a CSV renamed .xlsx, give it its real name"));
  if (!opt.sheet.empty()) throw Error(ErrorKind::usage, _("--sheet is for XLSX files"), "--sheet");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::no_input, i18n::tr(N_("cannot open '{}'"), path));
  intake::CsvReader reader(in, opt.encoding, opt.name, 0, &digest);
  import_rows(
      ledger, community, reader, [&] { return digest.hex(); }, opt, sum);
}

std::vector<Unit> units(ledger::Ledger& ledger, const std::string& community) {
  std::vector<Unit> out;
  SQLite::Statement q(ledger.db(), "SELECT unit, owner, area, row FROM owner_unit "
                                   "WHERE community = ? ORDER BY row, unit");
  q.bind(1, community);
  while (q.executeStep())
    out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                   q.getColumn(2).getInt64(), q.getColumn(3).getInt64()});
  return out;
}

Roster roster(ledger::Ledger& ledger, const std::string& community) {
  Roster r;
  std::map<std::string, std::size_t> index;
  for (const auto& u : units(ledger, community)) {
    auto [it, fresh] = index.emplace(u.owner, r.owners.size());
    if (fresh) r.owners.push_back({u.owner, {}, 0});
    auto& o = r.owners[it->second];
    o.units.push_back(u.unit);
    o.area += u.area;
    ++r.units;
    r.area_total += u.area;
  }
  SQLite::Statement q(ledger.db(), "SELECT coalesce(max(seq), 0) FROM owner_unit "
                                   "WHERE community = ?");
  q.bind(1, community);
  q.executeStep();
  r.seq = q.getColumn(0).getInt64();
  return r;
}

std::optional<Owner> find_owner(ledger::Ledger& ledger, const std::string& community,
                                const std::string& unit_or_owner) {
  const std::string wanted(text::trim(unit_or_owner));
  std::string owner;
  {
    SQLite::Statement q(ledger.db(),
                        "SELECT owner FROM owner_unit WHERE community = ? AND unit = ?");
    q.bind(1, community);
    q.bind(2, wanted);
    if (q.executeStep()) owner = q.getColumn(0).getString();
  }
  if (owner.empty()) owner = owner_key(wanted);
  Owner o{owner, {}, 0};
  SQLite::Statement q(ledger.db(), "SELECT unit, area FROM owner_unit WHERE community = ? "
                                   "AND owner = ? ORDER BY row, unit");
  q.bind(1, community);
  q.bind(2, owner);
  while (q.executeStep()) {
    o.units.push_back(q.getColumn(0).getString());
    o.area += q.getColumn(1).getInt64();
  }
  if (o.units.empty()) return std::nullopt;
  return o;
}

std::string shown_unit(const std::string& unit, bool reveal) {
  return reveal ? unit : personal::mask_place(unit);
}

std::vector<std::string> shown_units(const std::vector<std::string>& units, bool reveal) {
  std::vector<std::string> out;
  for (const auto& u : units)
    out.push_back(shown_unit(u, reveal));
  return out;
}

nlohmann::json to_json(const Unit& u, const people::Directory& who, bool reveal) {
  return {{"unit", shown_unit(u.unit, reveal)},
          {"owner", who.shown(u.owner, people::Field::resident, reveal)},
          {"area", rules::format_area(u.area)}};
}

nlohmann::json to_json(const Owner& o, const people::Directory& who, bool reveal) {
  return {{"owner", who.shown(o.name, people::Field::resident, reveal)},
          {"units", shown_units(o.units, reveal)},
          {"area", rules::format_area(o.area)}};
}

} // namespace consult::owners
