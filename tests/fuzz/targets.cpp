#include "targets.hpp"

#include "consult/config.hpp"
#include "consult/error.hpp"
#include "consult/intake.hpp"
#include "consult/rules.hpp"
#include "consult/text.hpp"

#include <minizip/zip.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

namespace consult::fuzz {

namespace {

bool verbose = false;

/// An input the reader refused, as it should: said only with --verbose.
void refused(const char* target, const Error& e) {
  if (verbose) std::fprintf(stderr, "%s: refused: %s\n", target, e.what());
}

/// A broken promise: print what and abort, so that libFuzzer keeps the input.
[[noreturn]] void broken(const char* target, const std::string& what) {
  std::fprintf(stderr, "fuzz target %s: %s\n", target, what.c_str());
  std::abort();
}

std::string bytes_of(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

/// A scratch file of this process, removed at exit.
const std::string& scratch(const char* suffix) {
  static std::string path;
  if (path.empty()) {
    const char* dir = std::getenv("TMPDIR");
    path = std::string(dir && *dir ? dir : "/tmp") + "/consult-fuzz-" + std::to_string(::getpid()) +
           suffix;
    std::atexit([] { std::remove(path.c_str()); });
  }
  return path;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out.flush()) broken("xlsx", "cannot write " + path);
}

/// Reads every row; each cell must come out as valid UTF-8.
void drain(const char* target, intake::RowReader& reader) {
  intake::Record rec;
  std::int64_t rows = 0;
  std::size_t widest = 0;
  while (reader.next(rec)) {
    for (const auto& f : rec.fields)
      if (!text::valid_utf8(f)) broken(target, "a cell that is not UTF-8");
    if (rec.fields.size() > 20'000) broken(target, "a row wider than any spreadsheet");
    widest = std::max(widest, rec.fields.size());
    ++rows;
  }
  if (verbose)
    std::fprintf(stderr, "%s: %lld rows, the widest %zu cells\n", target,
                 static_cast<long long>(rows), widest);
}

// ---- CSV: the bytes as a file, any encoding, delimiter detected -----------

void csv(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(bytes_of(data, size));
  try {
    intake::CsvReader reader(in, intake::Encoding::automatic, "fuzz.csv");
    drain("csv", reader);
  } catch (const Error& e) {
    refused("csv", e);
  }
}

// ---- XLSX: the bytes as the archive ----------------------------------------

void read_xlsx(const char* target, const std::string& path) {
  try {
    intake::XlsxReader reader(path, "");
    drain(target, reader);
  } catch (const Error& e) {
    refused(target, e);
  }
}

void xlsx(const std::uint8_t* data, std::size_t size) {
  const auto& path = scratch(".xlsx");
  write_file(path, bytes_of(data, size));
  read_xlsx("xlsx", path);
}

// ---- XLSX parts: the XML inside a well-formed archive ----------------------
//
// Mutating a zip mostly breaks its checksums; this target lets the fuzzer
// reach the XML. The input is the archive's parts as text, each after a line
// "@@ NAME" (see tests/fuzz/corpus/xlsx-parts/); the harness stores them in a
// real zip and reads it.

void xlsx_parts(const std::uint8_t* data, std::size_t size) {
  const std::string in = bytes_of(data, size);
  std::vector<std::pair<std::string, std::string>> parts;
  std::size_t pos = 0;
  while (pos < in.size()) {
    const auto mark = in.find("@@ ", pos);
    if (mark != pos) {
      if (parts.empty()) break;
      parts.back().second.append(in, pos, mark == std::string::npos ? mark : mark - pos);
      if (mark == std::string::npos) break;
      pos = mark;
      continue;
    }
    const auto eol = in.find('\n', mark);
    if (eol == std::string::npos) break;
    parts.emplace_back(in.substr(mark + 3, eol - mark - 3), std::string());
    pos = eol + 1;
  }
  const auto& path = scratch(".xlsx");
  zipFile z = zipOpen(path.c_str(), APPEND_STATUS_CREATE);
  if (!z) broken("xlsx-parts", "cannot write " + path);
  for (auto& [name, body] : parts) {
    // The separator's line end belongs to the marker, not to the part.
    if (!body.empty() && body.back() == '\n') body.pop_back();
    zip_fileinfo info{};
    if (name.empty() || name.size() > 200 ||
        zipOpenNewFileInZip(z, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, 0, 0) !=
            ZIP_OK)
      continue;
    zipWriteInFileInZip(z, body.data(), static_cast<unsigned>(body.size()));
    zipCloseFileInZip(z);
  }
  zipClose(z, nullptr);
  read_xlsx("xlsx-parts", path);
}

// ---- TOML: a community file ------------------------------------------------

void toml(const std::uint8_t* data, std::size_t size) {
  try {
    const auto c = config::parse_community(bytes_of(data, size), "fuzz.toml");
    const auto json = config::to_json(c).dump();
    if (!text::valid_utf8(json)) broken("toml", "a community whose JSON is not UTF-8");
  } catch (const Error& e) {
    refused("toml", e);
  }
}

// ---- Dates as people type them ----------------------------------------------

void check_date(const std::string& text, bool date1904) {
  std::string why;
  const auto d = intake::parse_human_date(text, why, date1904);
  if (!d) {
    if (why.empty()) broken("date", "refused '" + text + "' without a reason");
    return;
  }
  if (!d->date.ok()) broken("date", "'" + text + "' gave an impossible date");
  const int year = static_cast<int>(d->date.year());
  if (year < 1900 || year > 9999)
    broken("date", "'" + text + "' gave year " + std::to_string(year));
  if (d->time) {
    const auto& t = *d->time;
    if (t.size() != 5 || t[2] != ':' || t.substr(0, 2) > "23" || t.substr(3) > "59")
      broken("date", "'" + text + "' gave time '" + t + "'");
  }
}

void date(const std::uint8_t* data, std::size_t size) {
  const std::string text = bytes_of(data, size);
  check_date(text, false);
  check_date(text, true);
  if (size >= sizeof(double)) {
    double serial;
    std::memcpy(&serial, data, sizeof serial);
    if (const auto d = intake::excel_serial_date(serial, size % 2 == 1); d && !d->ok())
      broken("date", "an Excel serial gave an impossible date");
  }
}

// ---- Rule profiles: defined in TOML, then decided on ------------------------
//
// The input is the rules part of a community file; every profile it defines
// and every built-in one decides votes whose counts come from the input's
// bytes. Checked: a vote is never approved without a quorum, and the count a
// threshold needs is the least count that meets it.

constexpr const char* kCommunity = R"(id = "fuzz"
name = "Fuzz"
[council]
name = "Council"
[[council.seats]]
key = "residents"
label = "Residents"
count = 3
members = [{ name = "A" }, { name = "B" }, { name = "C" }]
[[council.seats]]
key = "women"
label = "Women"
count = 1
members = [{ name = "D" }]
)";

/// A small deterministic generator seeded by the input.
struct Bytes {
  const std::uint8_t* p;
  std::size_t n, i = 0;
  std::uint64_t next() {
    std::uint64_t v = 0;
    for (int k = 0; k < 8; ++k)
      v = (v << 8) | (n ? p[(i++) % n] : 0);
    return v;
  }
  std::int64_t upto(std::int64_t most) {
    if (most <= 0) return 0;
    return static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(most + 1));
  }
};

void check_threshold(const rules::Threshold& t, std::int64_t base) {
  const auto need = rules::needed(base, t);
  if (base > 0 && (need < 0 || need > base + 1))
    broken("profile", "needed() out of 0..base+1 for base " + std::to_string(base));
  if (base > 0 && need <= base && !rules::meets(need, base, t))
    broken("profile", "the count needed does not meet " + t.str());
  if (base > 0 && need > 0 && rules::meets(need - 1, base, t))
    broken("profile", "one less than the count needed meets " + t.str());
}

void decide_all(const config::Community& c, Bytes& in) {
  std::vector<config::Profile> profiles = c.rules.profiles;
  for (const auto& key : config::builtin_profiles())
    if (const auto p = config::find_profile(c, key)) profiles.push_back(*p);
  static constexpr std::int64_t kScale[] = {1, 11, 1000, 1'000'000, 4'000'000'000'000};
  for (int round = 0; round < 8; ++round) {
    rules::Count n;
    n.members = in.upto(kScale[in.next() % 5]);
    n.present = in.upto(n.members);
    n.yes = in.upto(n.present);
    n.no = in.upto(n.present - n.yes);
    n.abstain = in.upto(n.present - n.yes - n.no);
    n.objection = in.next() % 2 == 1;
    n.area_total = in.upto(kScale[in.next() % 5] * 100);
    n.area_participating = in.upto(n.area_total);
    n.area_yes = in.upto(n.area_participating);
    const int matter = static_cast<int>(in.next() % 11);
    for (const auto& p : profiles) {
      const auto d = rules::decide(p, n, matter);
      if (d.approved && !d.quorate) broken("profile", p.key + ": approved without a quorum");
      if (d.reason.empty() || !text::valid_utf8(d.reason))
        broken("profile", p.key + ": a decision without a readable reason");
      check_threshold(
          {p.quorum, p.quorum_inclusive ? rules::Bound::at_least : rules::Bound::more_than},
          n.members);
      check_threshold(
          {p.threshold, p.threshold_inclusive ? rules::Bound::at_least : rules::Bound::more_than},
          n.present);
    }
    config::composition_shortfalls(
        c, {{"residents", static_cast<int>(in.upto(3))}, {"women", static_cast<int>(in.upto(1))}});
  }
}

void profile(const std::uint8_t* data, std::size_t size) {
  const std::string text = std::string(kCommunity) + bytes_of(data, size);
  config::Community c;
  try {
    c = config::parse_community(text, "fuzz.toml");
  } catch (const Error& e) {
    refused("profile", e);
    return;
  }
  Bytes in{data, size};
  decide_all(c, in);
}

} // namespace

const std::vector<Target>& targets() {
  static const std::vector<Target> all{
      {"csv", "CSV reader: encodings, quoting, delimiters (intake::CsvReader)", csv},
      {"xlsx", "XLSX reader on raw archive bytes (intake::XlsxReader)", xlsx},
      {"xlsx-parts", "XLSX reader on the XML parts of a well-formed archive", xlsx_parts},
      {"toml", "community configuration loader (config::parse_community)", toml},
      {"date", "dates as people type them and Excel serials (intake::parse_human_date)", date},
      {"profile", "rule profiles from TOML, then decided on (rules::decide)", profile},
  };
  return all;
}

void set_verbose(bool on) {
  verbose = on;
}

const Target* find(std::string_view name) {
  for (const auto& t : targets())
    if (name == t.name) return &t;
  return nullptr;
}

} // namespace consult::fuzz
