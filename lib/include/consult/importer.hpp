#pragma once
/// \file
/// Batch import of suggestion-box spreadsheets: columns found by header,
/// values mapped through the community's keys, every row validated, all or
/// nothing (or bad rows set aside), idempotent, one event per import.

#include "consult/config.hpp"
#include "consult/intake.hpp"
#include "consult/ledger.hpp"

#include <functional>
#include <istream>
#include <map>
#include <string>
#include <vector>

namespace consult::importer {

struct Options {
  std::string name; ///< file name as given (for messages and the event)
  intake::Encoding encoding = intake::Encoding::automatic;
  std::string default_channel; ///< --channel: for rows without one
  bool dry_run = false;
  bool skip_bad = false;
  config::ImportMap map;
  std::string sheet; ///< XLSX: sheet name or 1-based number; "" for the first visible
  /// Called last inside the import's transaction, once everything is written
  /// and before it commits; what it throws rolls the import back. (The
  /// rejects file is made durable here, so that a full disk cannot lose it
  /// after the rows set aside are recorded as such.)
  std::function<void()> before_commit{};
};

/// One bad row: where, what, why.
struct RowError {
  std::int64_t row = 0; ///< line or row number as the spreadsheet shows it
  std::string column;   ///< header of the column at fault ('' for the row), quoted
  std::string value;    ///< the cell as a message quotes it (text::quote_input)
  std::string reason;
};

struct Summary {
  std::int64_t rows = 0;        ///< data rows read
  std::int64_t added = 0;       ///< new issues
  std::int64_t duplicates = 0;  ///< already in the ledger (or twice in the file)
  std::int64_t rejected = 0;    ///< bad rows
  std::vector<RowError> errors; ///< the first kMaxErrors bad rows
  std::map<std::string, std::int64_t> unmapped_channels;   ///< value -> rows
  std::map<std::string, std::int64_t> unmapped_categories; ///< value -> rows
  std::vector<std::string> kept_columns;                   ///< headers kept as extra data
  std::int64_t header_row = 0;
  std::string sha256;         ///< of the file's bytes
  std::string format = "csv"; ///< csv | xlsx
  std::string sheet;          ///< the XLSX sheet read
  intake::Encoding encoding = intake::Encoding::automatic;
  char delimiter = ',';
  std::int64_t event_seq = 0; ///< the issue.import event (0: nothing written)
  std::int64_t first_id = 0;
  std::int64_t last_id = 0;
  bool written = false;
};

inline constexpr std::size_t kMaxErrors = 1000;

/// Called with each rejected row: the header, the row's fields, the reason.
using RejectSink = std::function<void(const std::vector<std::string>& header,
                                      const intake::Record& row, const std::string& reason)>;

/// Called now and then with the input read so far and its size (0: unknown).
using Progress = std::function<void(std::uint64_t done, std::uint64_t total)>;

/// Imports a CSV stream into `community`. Without skip_bad, any bad row means
/// nothing is written and Error(data) is thrown after every bad row has been
/// collected (they are in `summary.errors`, filled before the throw). With
/// dry_run nothing is written either. Returns the summary.
Summary import_csv(ledger::Ledger& ledger, const config::Community& community, std::istream& in,
                   const Options& options, Summary& summary, const RejectSink& rejects = {},
                   const Progress& progress = {});

/// Imports the first visible sheet (or options.sheet) of an XLSX file, as
/// import_csv does a CSV stream.
Summary import_xlsx(ledger::Ledger& ledger, const config::Community& community,
                    const std::string& path, const Options& options, Summary& summary,
                    const RejectSink& rejects = {}, const Progress& progress = {});

/// Imports rows from any reader; `file_sha256` is called once all rows are
/// read. Used by import_csv and import_xlsx.
Summary import_rows(ledger::Ledger& ledger, const config::Community& community,
                    intake::RowReader& reader, const std::function<std::string()>& file_sha256,
                    const Options& options, Summary& summary, const RejectSink& rejects,
                    const Progress& progress);

/// A header as compared: trimmed, lower-case ASCII, without spaces,
/// underscores, colons or asterisks (required-field marks), half- or full-width.
std::string normalize_header(const std::string& header);

/// The field a header names ("date", "content", …), or "" if none.
std::string field_for_header(const std::string& header, const config::ImportMap& map);

} // namespace consult::importer
