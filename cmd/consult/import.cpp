// consult import: suggestion-box spreadsheets into the ledger, all or nothing.

#include "commands.hpp"

#include "consult/error.hpp"
#include "consult/files.hpp"
#include "consult/i18n.hpp"
#include "consult/importer.hpp"
#include "consult/render.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace consult::cli {

namespace {

struct ImportOptions {
  std::string file, community, map, encoding = "auto", channel, rejects, sheet;
  bool dry_run = false, skip_bad = false;
};

/// Runs `fn`, naming --rejects in the error it throws.
template <typename Fn> auto named(Fn fn) {
  try {
    return fn();
  } catch (const Error& e) {
    throw Error(e.kind(), e.what(), "--rejects", e.hint());
  }
}

/// Rejected rows, as a CSV the user can fix and import again, written
/// through files::Writer: made durable inside the import's transaction
/// (`finish`), put in place once the import has committed (`keep`), and
/// removed otherwise, so a failed import leaves no half file behind.
class RejectsFile {
public:
  RejectsFile(std::string path, files::Options options)
      : out_(named([&] { return std::make_unique<files::Writer>(std::move(path), options); })) {
    write("\xEF\xBB\xBF"); // a BOM, so that Excel reads the UTF-8 correctly
  }
  void add(const std::vector<std::string>& header, const intake::Record& row,
           const std::string& reason) {
    if (!header_written_) {
      line(header, _("line"), _("reason"));
      header_written_ = true;
    }
    line(row.fields, std::to_string(row.line), reason);
  }
  void finish() {
    named([&] { out_->finish(); });
  }
  void keep() {
    named([&] { out_->commit(); });
  }
  void discard() noexcept { out_->discard(); }

private:
  void write(std::string_view s) {
    named([&] { out_->write(s); });
  }
  void line(const std::vector<std::string>& cells, const std::string& a, const std::string& b) {
    std::string s;
    for (const auto& c : cells)
      s += render::csv_field(c) + ",";
    s += render::csv_field(a) + "," + render::csv_field(b) + "\r\n";
    write(s);
  }
  std::unique_ptr<files::Writer> out_;
  bool header_written_ = false;
};

void import_options(CLI::App* cmd, ImportOptions& o) {
  cmd->add_option("FILE", o.file, _("the XLSX or CSV file, or - for CSV on standard input"))
      ->required();
  cmd->add_option("--community", o.community, _("community id (optional if there is one)"))
      ->type_name("ID");
  cmd->add_option("--map", o.map, _("mapping file for headers and values (see docs/import.md)"))
      ->type_name("MAP.toml");
  cmd->add_option("--sheet", o.sheet,
                  _("XLSX: the sheet to read, by name or number (default: the first visible)"))
      ->type_name("NAME|N");
  cmd->add_option("--encoding", o.encoding, _("CSV: auto (default), utf-8, gb18030 or utf-16"))
      ->type_name("ENC");
  cmd->add_option("--channel", o.channel,
                  _("channel of rows that do not name one (e.g. suggestion-box)"))
      ->type_name("KEY");
  cmd->add_flag("--dry-run", o.dry_run, _("show what would happen; change nothing"));
  cmd->add_flag("--skip-bad", o.skip_bad,
                _("import the good rows and set the bad ones aside in --rejects"));
  cmd->add_option("--rejects", o.rejects, _("CSV file for the rows set aside by --skip-bad"))
      ->type_name("FILE");
  example(cmd, "  consult import examples/suggestion-box.xlsx --community heping "
               "--channel suggestion-box\n"
               "  consult import register.xlsx --sheet 11月\n"
               "  consult import box-2026-11.csv --skip-bad --rejects box-2026-11.rejects.csv\n"
               "  iconv -f gbk -t utf-8 box.csv | consult import - --dry-run");
}

void import_file(Context& c, const ImportOptions& o) {
  const auto& community = c.community(o.community);
  importer::Options opt;
  opt.name = o.file == "-" ? "stdin" : o.file;
  opt.encoding = encoding_option(o.encoding);
  opt.default_channel = o.channel;
  opt.dry_run = o.dry_run;
  opt.skip_bad = o.skip_bad;
  if (o.skip_bad && o.rejects.empty())
    throw Error(ErrorKind::usage, _("--skip-bad needs --rejects FILE"), "--skip-bad",
                _("the rows set aside are written there, to be fixed and imported again"));
  if (!o.rejects.empty() && !o.skip_bad)
    throw Error(ErrorKind::usage, _("--rejects is only used with --skip-bad"), "--rejects");
  if (!o.map.empty()) opt.map = config::load_import_map(o.map, community);

  std::ifstream file;
  std::istream* in = &std::cin;
  std::uintmax_t size = 0;
  bool xlsx = false;
  if (o.file != "-") {
    std::error_code ec;
    if (!std::filesystem::exists(o.file, ec))
      throw Error(ErrorKind::no_input, i18n::tr(N_("'{}' does not exist"), o.file));
    size = std::filesystem::file_size(o.file, ec);
    file.open(o.file, std::ios::binary);
    if (!file)
      throw Error(ErrorKind::no_input,
                  i18n::tr(N_("cannot open '{}': {}"), o.file, std::strerror(errno)));
    // By content, not by name: an XLSX is a zip archive.
    xlsx = intake::looks_like_zip(o.file);
    const auto ext = std::filesystem::path(o.file).extension().string();
    if (!xlsx && (ext == ".xlsx" || ext == ".XLSX"))
      throw Error(ErrorKind::data,
                  i18n::tr(N_("'{}' is named .xlsx but is not an XLSX file"), o.file), {},
                  _("if it is a CSV renamed .xlsx, give it its real name and import it as CSV"));
    if (!xlsx && (ext == ".xls" || ext == ".XLS"))
      throw Error(ErrorKind::data,
                  i18n::tr(N_("'{}' is an old Excel 97-2003 workbook (.xls)"), o.file), {},
                  _("save it as .xlsx or as CSV UTF-8, then import that"));
    in = &file;
  }
  if (!o.sheet.empty() && !xlsx)
    throw Error(ErrorKind::usage, _("--sheet is for XLSX files"), "--sheet");
  opt.sheet = o.sheet;

  // The rejects file is never the ledger, the configuration, the spreadsheet
  // being imported or its mapping file.
  std::unique_ptr<RejectsFile> rejects;
  if (!o.rejects.empty()) {
    auto protect = c.protected_files();
    if (o.file != "-") protect.push_back({o.file, files::Role::input});
    if (!o.map.empty()) protect.push_back({o.map, files::Role::input});
    rejects = std::make_unique<RejectsFile>(o.rejects, files::Options{protect, files::kPrivate});
  }
  const bool bar = ::isatty(STDERR_FILENO) == 1 && !c.out.quiet && size > 0;
  importer::Summary sum;
  opt.before_commit = [&] {
    if (rejects && sum.rejected > 0) rejects->finish();
  };
  try {
    const auto sink = rejects
                          ? importer::RejectSink([&](const auto& h, const auto& r,
                                                     const auto& why) { rejects->add(h, r, why); })
                          : importer::RejectSink{};
    const auto meter = bar ? importer::Progress([&](std::uint64_t done, std::uint64_t total) {
      if (!total) total = size;
      const double share =
          std::min(1.0, static_cast<double>(done) / static_cast<double>(total ? total : 1));
      constexpr int kWidth = 30;
      const int filled = static_cast<int>(share * kWidth);
      std::fprintf(stderr, "\r%s [%s%s] %3d%%", _("importing"),
                   std::string(static_cast<std::size_t>(filled), '#').c_str(),
                   std::string(static_cast<std::size_t>(kWidth - filled), ' ').c_str(),
                   static_cast<int>(share * 100));
    })
                           : importer::Progress{};
    if (xlsx) {
      file.close();
      importer::import_xlsx(c.ledger(), community, o.file, opt, sum, sink, meter);
    } else {
      importer::import_csv(c.ledger(), community, *in, opt, sum, sink, meter);
    }
    if (bar) std::fprintf(stderr, "\r\033[K");
  } catch (const Error& e) {
    if (bar) std::fprintf(stderr, "\r\033[K");
    if (rejects) rejects->discard();
    // Every bad row first, then the one error that says nothing was written.
    print_row_errors(opt.name, sum.errors, sum.rejected);
    throw;
  }
  if (rejects) {
    if (!opt.dry_run && sum.rejected > 0)
      rejects->keep();
    else
      rejects->discard();
  }

  if (c.out.json) {
    nlohmann::json j = {{"file", opt.name},
                        {"format", sum.format},
                        {"sheet", sum.sheet},
                        {"sha256", sum.sha256},
                        {"encoding", intake::to_string(sum.encoding)},
                        {"header_line", sum.header_row},
                        {"rows", sum.rows},
                        {"added", sum.added},
                        {"duplicates", sum.duplicates},
                        {"rejected", sum.rejected},
                        {"dry_run", opt.dry_run},
                        {"event", sum.event_seq ? nlohmann::json(sum.event_seq) : nullptr},
                        {"first_id", sum.first_id ? nlohmann::json(sum.first_id) : nullptr},
                        {"last_id", sum.last_id ? nlohmann::json(sum.last_id) : nullptr},
                        {"unmapped_channels", sum.unmapped_channels},
                        {"unmapped_categories", sum.unmapped_categories},
                        {"kept_columns", sum.kept_columns}};
    c.out.json_line(j);
    return;
  }
  if (opt.dry_run) {
    c.out.say(i18n::tr(N_("dry run: {} rows: {} would be added, {} already present, {} "
                          "bad; nothing was written"),
                       sum.rows, sum.added, sum.duplicates, sum.rejected));
  } else {
    std::string line = i18n::tr(N_("imported {}: {} rows: {} added, {} already present, {} "
                                   "set aside"),
                                opt.name, sum.rows, sum.added, sum.duplicates, sum.rejected);
    if (sum.added) line += i18n::tr(N_(" (issues {}–{})"), sum.first_id, sum.last_id);
    line += i18n::tr(N_("; event {}"), sum.event_seq);
    c.out.say(line);
    if (sum.rejected) c.out.say(i18n::tr(N_("bad rows written to {}"), o.rejects));
  }
  // How many rows went to `other`, and with which words (docs/import.md).
  auto counts = [](const std::map<std::string, std::int64_t>& m) {
    std::string s;
    for (const auto& [k, v] : m)
      s += (s.empty() ? "" : ", ") + fmt::format("{} ({})", k, v);
    return s;
  };
  auto rows = [](const std::map<std::string, std::int64_t>& m) {
    std::int64_t n = 0;
    for (const auto& [k, v] : m)
      n += v;
    return n;
  };
  if (!sum.unmapped_channels.empty())
    c.out.say(i18n::tr(N_("channels no key matches (rows: {0}), counted under other and "
                          "kept as written: {1}"),
                       rows(sum.unmapped_channels), counts(sum.unmapped_channels)));
  if (!sum.unmapped_categories.empty())
    c.out.say(i18n::tr(N_("categories no key matches (rows: {0}), counted under other and "
                          "kept as written: {1}"),
                       rows(sum.unmapped_categories), counts(sum.unmapped_categories)));
  if (!sum.kept_columns.empty()) {
    std::string cols;
    for (const auto& k : sum.kept_columns)
      cols += (cols.empty() ? "" : ", ") + k;
    c.out.say(i18n::tr(N_("other columns kept with each issue: {}"), cols));
  }
}

} // namespace

void register_import(CLI::App& app, Context& ctx) {
  add_verb(app, ctx, "import",
           _("import a suggestion-box spreadsheet (XLSX or CSV) as issues: all or "
             "nothing, idempotent, one event per import"),
           import_options, NeedConfig::yes, NeedLedger::write, import_file);
}

} // namespace consult::cli
