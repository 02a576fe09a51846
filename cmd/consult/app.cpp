#include "app.hpp"

#include "consult/elections.hpp"
#include "consult/error.hpp"
#include "consult/files.hpp"
#include "consult/i18n.hpp"
#include "consult/reveal.hpp"
#include "consult/text.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <pwd.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace consult::cli {

namespace fs = std::filesystem;

namespace {
std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}
} // namespace

Output::Output() {
  stdout_tty_ = ::isatty(STDOUT_FILENO) == 1;
  color_ = ::isatty(STDERR_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr;
}

Output::~Output() {
  if (pager_) {
    std::fflush(pager_);
    ::pclose(pager_);
  }
}

namespace {
/// Whether `program` is an executable file somewhere on PATH.
bool on_path(const std::string& program) {
  const std::string path = env("PATH");
  std::size_t from = 0;
  while (from <= path.size()) {
    const auto to = std::min(path.find(':', from), path.size());
    const auto dir = path.substr(from, to - from);
    if (!dir.empty() && ::access((dir + "/" + program).c_str(), X_OK) == 0) return true;
    from = to + 1;
  }
  return false;
}
} // namespace

void Output::start_pager() {
  if (pager_ || !stdout_tty_ || quiet || json) return;
  const char* mine = std::getenv("CONSULT_PAGER");
  const char* theirs = std::getenv("PAGER");
  std::string pager = mine ? mine : theirs ? theirs : "";
  if (!mine && !theirs) {
    if (!on_path("less")) return;
    pager = "less";
  }
  if (pager.empty() || pager == "cat") return;
  // A lone program name that is not installed would swallow the output.
  if (pager.find_first_of(" /") == std::string::npos && !on_path(pager)) return;
  if (std::getenv("LESS") == nullptr) ::setenv("LESS", "FRX", 1);
  std::fflush(stdout);
  pager_ = ::popen(pager.c_str(), "w");
  if (pager_) out_ = pager_;
}

void Output::write(std::string_view text) {
  if (text.empty()) return;
  // On a terminal, what residents wrote cannot move the cursor, retitle the
  // window or reorder a line (text::terminal_safe); a pipe gets the bytes.
  const std::string safe = stdout_tty_ ? text::terminal_safe(text) : std::string();
  const std::string_view s = stdout_tty_ ? std::string_view(safe) : text;
  if (std::fwrite(s.data(), 1, s.size(), out_) != s.size() || std::fflush(out_) != 0) {
    if (errno == EPIPE) throw BrokenPipe{};
    throw Error(ErrorKind::io,
                i18n::tr(N_("cannot write to standard output: {}"), std::strerror(errno)));
  }
}

void Output::say(std::string_view s) {
  if (quiet) return;
  write(std::string(s) + "\n");
}

void Output::json_line(const nlohmann::json& j) {
  write(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

void Output::warn(std::string_view text) {
  const std::string safe = ::isatty(STDERR_FILENO) == 1 ? text::terminal_safe(text) : std::string(text);
  const std::string_view s = safe;
  const std::string label = color_ ? "\033[33mwarning\033[0m" : "warning";
  std::fprintf(stderr, "consult: %s: %.*s\n", label.c_str(), static_cast<int>(s.size()), s.data());
}

std::size_t Output::width() const {
  if (!stdout_tty_) return 0;
  if (const char* cols = std::getenv("COLUMNS")) {
    const long n = std::strtol(cols, nullptr, 10);
    if (n > 20) return static_cast<std::size_t>(n);
  }
  winsize ws{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) return ws.ws_col;
  return 80;
}

void write_document(Context& c, const std::string& path, const std::string& bytes,
                    Audience audience, const std::vector<files::Protected>& inputs,
                    const std::function<void()>& before_shown) {
  if (path.empty() || path == "-") {
    if (before_shown) before_shown();
    c.out.write(bytes);
    return;
  }
  auto protect = c.protected_files();
  protect.insert(protect.end(), inputs.begin(), inputs.end());
  files::Writer w(path, {protect, audience == Audience::staff ? files::kPrivate : files::kPublic});
  w.write(bytes);
  w.finish();
  if (before_shown) before_shown();
  w.commit();
}

std::optional<std::string> Context::config_path() {
  if (!opts.config.empty()) return opts.config;
  if (auto e = env("CONSULT_CONFIG"); !e.empty()) return e;
  std::error_code ec;
  if (fs::exists("consult.toml", ec)) return std::string("consult.toml");
  return std::nullopt;
}

const config::Config* Context::config_if_any() {
  if (!config_loaded_) {
    config_loaded_ = true;
    if (auto path = config_path()) config_ = config::load(*path);
  }
  return config_ ? &*config_ : nullptr;
}

const config::Config& Context::config() {
  if (const auto* c = config_if_any()) return *c;
  throw Error(ErrorKind::config, _("no configuration found"), {},
              _("pass --config FILE, set CONSULT_CONFIG, or create ./consult.toml "
                "(see examples/consult.toml)"));
}

const config::Community& Context::community(const std::string& id) {
  const auto& cfg = config();
  if (id.empty()) {
    if (cfg.communities.size() == 1) return cfg.communities.front();
    throw Error(ErrorKind::usage, _("which community? the configuration has several"),
                "--community", _("add --community ID (see 'consult community list')"));
  }
  if (const auto* c = cfg.find(id)) return *c;
  std::string ids;
  for (const auto& c : cfg.communities)
    ids += (ids.empty() ? "" : ", ") + c.id;
  throw Error(ErrorKind::usage, i18n::tr(N_("unknown community '{}'"), text::quote_input(id)),
              "--community", i18n::tr(N_("communities in {}: {}"), cfg.path, ids));
}

std::string Context::zone() {
  if (const auto* c = config_if_any()) return c->timezone;
  return clock::kDefaultZone;
}

std::vector<files::Protected> Context::protected_files() {
  auto kept = files::ledger_files(ledger_ ? ledger_->path() : ledger_path());
  if (config_) {
    if (!config_->path.empty()) kept.push_back({config_->path, files::Role::input});
    for (const auto& com : config_->communities)
      if (!com.source.empty()) kept.push_back({com.source, files::Role::input});
  }
  return kept;
}

std::string Context::ledger_path() {
  if (!opts.ledger.empty()) return opts.ledger;
  if (auto e = env("CONSULT_LEDGER"); !e.empty()) return e;
  if (const auto* c = config_if_any(); c && !c->ledger.empty()) return c->ledger;
  return "consult.db";
}

ledger::Session Context::session() {
  if (session_) return *session_;
  ledger::Session s;
  s.zone = zone();
  s.actor = opts.actor;
  if (s.actor.empty()) s.actor = env("CONSULT_ACTOR");
  if (s.actor.empty()) {
    if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name) s.actor = pw->pw_name;
  }
  if (s.actor.empty()) s.actor = env("USER");
  if (s.actor.empty()) s.actor = "unknown";
  if (auto ms = env("CONSULT_BUSY_TIMEOUT"); !ms.empty()) {
    char* end = nullptr;
    const long v = std::strtol(ms.c_str(), &end, 10);
    if (!end || *end || v < 0 || v > 3600000)
      throw Error(ErrorKind::usage,
                  i18n::tr(N_("'{}' is not a number of milliseconds"), text::quote_input(ms)),
                  "CONSULT_BUSY_TIMEOUT");
    s.busy_timeout_ms = static_cast<int>(v);
  }
  std::string now = opts.now;
  const char* where = "--now";
  if (now.empty()) {
    now = env("CONSULT_NOW");
    where = "CONSULT_NOW";
  }
  if (!now.empty()) {
    const auto t = clock::parse_instant(now, s.zone);
    if (!t)
      throw Error(ErrorKind::usage,
                  i18n::tr(N_("cannot read the time '{}'"), text::quote_input(now)), where,
                  _("write it as 2026-12-03, 2026-12-03 19:30 or 2026-12-03T19:30:00+08:00"));
    s.clock = clock::Clock(*t);
  }
  session_ = s;
  return s;
}

ledger::Ledger& Context::ledger() {
  if (!ledger_) throw Error(ErrorKind::internal, "the ledger was not opened for this command");
  return *ledger_;
}

void Context::prepare(NeedConfig need_config, NeedLedger need_ledger) {
  if (need_config == NeedConfig::yes) config();
  if (need_config == NeedConfig::optional) config_if_any();
  session();
  if (need_ledger != NeedLedger::no)
    ledger_ = std::make_unique<ledger::Ledger>(
        ledger_path(),
        need_ledger == NeedLedger::write ? ledger::Access::write : ledger::Access::read, session());
  // Those elected to a body are its members from their term's first day,
  // as if the community file listed them.
  if (ledger_ && config_)
    for (auto& c : config_->communities)
      elections::add_members(*ledger_, c);
}

void Context::record_reveal(const std::string& command, const std::string& community,
                            const nlohmann::json& records) {
  try {
    // Its own connection: a command that reads opened the ledger read-only.
    ledger::Ledger writer(ledger_ ? ledger_->path() : ledger_path(), ledger::Access::write,
                          session());
    // The account is the one the operating system says runs consult; the
    // actor may be any name typed after --as.
    const passwd* pw = ::getpwuid(::geteuid());
    const std::string login =
        pw && pw->pw_name ? pw->pw_name : "uid " + std::to_string(::geteuid());
    reveal::record(writer, command, community, records, login);
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::busy) throw;
    throw Error(e.kind(),
                i18n::tr(N_("personal data is shown unmasked only when the reveal is recorded, "
                            "and it could not be: {}"),
                         e.what()),
                {}, _("run it where the ledger can be written, or leave out --reveal"));
  }
}

Selected& selected() {
  static Selected s;
  return s;
}

void on_run(CLI::App* sub, Context&, NeedConfig config, NeedLedger ledger, Handler handler) {
  sub->callback([config, ledger, handler = std::move(handler)] {
    selected() = Selected{config, ledger, handler};
  });
}

void example(CLI::App* sub, const std::string& text) {
  sub->footer(std::string(_("Example:")) + "\n" + text);
}

intake::Encoding encoding_option(const std::string& text) {
  const auto enc = intake::parse_encoding(text);
  if (!enc)
    throw Error(ErrorKind::usage, i18n::tr(N_("unknown encoding '{}'"), text::quote_input(text)),
                "--encoding", _("use auto, utf-8, gb18030 or utf-16"));
  return *enc;
}

void print_row_errors(const std::string& file, const std::vector<importer::RowError>& errors,
                      std::int64_t rejected) {
  for (const auto& e : errors) {
    std::string what;
    if (!e.column.empty()) what += i18n::tr(N_("column '{}'"), text::quote_input(e.column)) + ": ";
    if (!e.value.empty()) what += "'" + text::quote_input(e.value) + "': ";
    std::fprintf(stderr, "consult: %s: %s:%lld: %s\n", _("error"), file.c_str(),
                 static_cast<long long>(e.row), (what + e.reason).c_str());
  }
  const auto shown = static_cast<std::int64_t>(errors.size());
  if (rejected > shown)
    std::fprintf(stderr, "consult: %s\n",
                 i18n::tr(N_("… and {} more bad rows"), rejected - shown).c_str());
}

std::int64_t parse_id(const std::string& text, const char* what) {
  std::string_view t = text;
  if (!t.empty() && t.front() == '#') t.remove_prefix(1);
  std::int64_t v = 0;
  bool ok = !t.empty() && t.size() <= 15;
  for (char c : t) {
    if (c < '0' || c > '9') {
      ok = false;
      break;
    }
    v = v * 10 + (c - '0');
  }
  if (!ok || v <= 0)
    throw Error(ErrorKind::usage, i18n::tr(N_("'{}' is not {} id"), text::quote_input(text), what),
                {}, _("ids are positive numbers, as 'consult issue list' shows them"));
  return v;
}

clock::Date parse_date_option(const std::string& text, const char* option) {
  if (auto d = clock::parse_date(text)) return *d;
  throw Error(ErrorKind::usage, i18n::tr(N_("'{}' is not a date"), text::quote_input(text)), option,
              _("write dates as YYYY-MM-DD, e.g. 2026-11-14"));
}

} // namespace consult::cli
