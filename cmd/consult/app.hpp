#pragma once
// What every command shares: the global options, the output sink, and the
// resources a command declares it needs (config, ledger read or write),
// opened by main before the command runs.

#include "consult/config.hpp"

#include "consult/files.hpp"
#include "consult/importer.hpp"
#include "consult/ledger.hpp"
#include <cstdio>

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace consult::cli {

/// Options every command accepts, wherever they appear on the line.
struct GlobalOptions {
  std::string ledger;
  std::string config;
  std::string actor;
  std::string now;
  bool json = false;
  bool quiet = false;
};

/// Thrown when standard output is a closed pipe: exit quietly.
struct BrokenPipe {};

/// Where results go: knows the terminal, --json, -q and NO_COLOR.
class Output {
public:
  Output();
  bool stdout_tty() const noexcept { return stdout_tty_; }
  bool color() const noexcept { return color_; }
  bool quiet = false;
  bool json = false;

  /// Writes to standard output (even under -q: call it only for results).
  void write(std::string_view s);
  /// One line of a result; nothing under -q.
  void say(std::string_view s);
  /// One JSON value on its own line.
  void json_line(const nlohmann::json& j);
  /// A warning on standard error, even under -q.
  void warn(std::string_view s);
  /// Columns of the terminal, 0 when stdout is not a terminal.
  std::size_t width() const;
  /// From here on, results go through a pager when standard output is a
  /// terminal and neither -q nor --json is given: CONSULT_PAGER, else PAGER,
  /// else less (with LESS=FRX unless set: it quits at once when the text
  /// fits the screen). An empty value or "cat" means none.
  void start_pager();

  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  /// Waits for the pager, if there is one.
  ~Output();

private:
  bool stdout_tty_ = false;
  bool color_ = false;
  std::FILE* out_ = stdout;
  std::FILE* pager_ = nullptr;
};

enum class NeedConfig { no, optional, yes };
enum class NeedLedger { no, read, write };

/// The state a command runs with.
class Context {
public:
  GlobalOptions opts;
  Output out;

  /// The loaded configuration; throws Error(config) when none is found.
  const config::Config& config();
  /// The configuration if one was found (--config, CONSULT_CONFIG, ./consult.toml).
  const config::Config* config_if_any();
  /// The community with `id`, from the configuration; Error(usage) if unknown.
  const config::Community& community(const std::string& id);
  /// The ledger path: --ledger, CONSULT_LEDGER, the config's, ./consult.db.
  std::string ledger_path();
  /// Who writes and when now is.
  ledger::Session session();
  /// The open ledger (opened by main as the command declared).
  ledger::Ledger& ledger();
  /// Opens what a command needs.
  void prepare(NeedConfig config, NeedLedger ledger);
  /// The time zone for "now" and event times.
  std::string zone();
  /// The files no command writes over: the ledger with its -wal, -shm and
  /// -journal, and the configuration files read. A command adds its inputs.
  std::vector<files::Protected> protected_files();
  /// Records that residents' personal data is about to be shown unmasked
  /// (`--reveal`): who, when, `command` and which `records` (numbers only,
  /// {"issues": [12]}), as a privacy.reveal event. Call it before anything
  /// is shown: if the record cannot be written (a read-only ledger), the
  /// error stops the command and nothing is revealed.
  void record_reveal(const std::string& command, const std::string& community,
                     const nlohmann::json& records);

private:
  std::optional<std::string> config_path();
  bool config_loaded_ = false;
  std::optional<config::Config> config_;
  std::unique_ptr<ledger::Ledger> ledger_;
  std::optional<ledger::Session> session_;
};

/// A command's body, run after main has opened what it needs.
using Handler = std::function<void(Context&)>;

/// Registers the handler of `sub`, with what it needs opened beforehand.
void on_run(CLI::App* sub, Context& ctx, NeedConfig config, NeedLedger ledger, Handler handler);

/// Adds the verb `name` to `group`, a row of a command file's table: `declare`
/// adds its options and example to the new subcommand and binds them to one
/// Options value, and `run`, its handler, gets that value once main has
/// opened what the verb needs. Returns the subcommand.
template <typename Options>
CLI::App* add_verb(CLI::App& group, Context& ctx, const std::string& name, const std::string& help,
                   void (*declare)(CLI::App*, Options&), NeedConfig config, NeedLedger ledger,
                   void (*run)(Context&, const Options&)) {
  auto* cmd = group.add_subcommand(name, help);
  auto o = std::make_shared<Options>();
  declare(cmd, *o);
  on_run(cmd, ctx, config, ledger, [o, run](Context& c) { run(c, *o); });
  return cmd;
}

/// Adds the verb `name`, which takes no options, to `group`: `declare` adds
/// its example, `run` is its handler.
inline CLI::App* add_verb(CLI::App& group, Context& ctx, const std::string& name,
                          const std::string& help, void (*declare)(CLI::App*), NeedConfig config,
                          NeedLedger ledger, void (*run)(Context&)) {
  auto* cmd = group.add_subcommand(name, help);
  declare(cmd);
  on_run(cmd, ctx, config, ledger, run);
  return cmd;
}

/// Adds a help footer with an example to `sub`.
void example(CLI::App* sub, const std::string& text);

/// Who a written document is for: its file's mode follows (files.hpp).
enum class Audience {
  is_public, ///< posted or sent on (a notice, public minutes, an agenda): 0644
  staff,     ///< may hold personal data (full minutes, a staff export): 0600
};

/// Writes a document (an export, a notice, a statement) to the file `path`
/// through files::write_file, never over the ledger, the configuration or
/// `inputs`, with the mode its audience calls for; or to standard output
/// when `path` is empty or "-". `before_shown`, if given, runs once the
/// target is known to be writable and the file is written but not yet in
/// place (or before standard output gets anything): a reveal is recorded
/// there, so that a refused target records nothing and a failed record
/// shows nothing.
void write_document(Context& c, const std::string& path, const std::string& bytes,
                    Audience audience, const std::vector<files::Protected>& inputs = {},
                    const std::function<void()>& before_shown = {});

/// Parses a positive id ("42" or "#42"); Error(usage) otherwise.
std::int64_t parse_id(const std::string& text, const char* what);

/// The --encoding option of a spreadsheet import: auto, utf-8, gb18030 or
/// utf-16; Error(usage) otherwise.
intake::Encoding encoding_option(const std::string& text);

/// Prints every bad row of a refused import (file:line: column: 'value':
/// reason) on standard error, then how many more there were.
void print_row_errors(const std::string& file, const std::vector<importer::RowError>& errors,
                      std::int64_t rejected);

/// Parses a YYYY-MM-DD date; Error(usage) naming the option otherwise.
clock::Date parse_date_option(const std::string& text, const char* option);

/// The command selected by the command line, if any.
struct Selected {
  NeedConfig config = NeedConfig::no;
  NeedLedger ledger = NeedLedger::no;
  Handler handler;
};
Selected& selected();

} // namespace consult::cli
