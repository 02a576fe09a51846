// consult: one binary, one command group per file (see commands.hpp).
// A command is: parse -> load config -> open ledger -> one transaction -> render.

#include "commands.hpp"

#include "consult/error.hpp"
#include "consult/i18n.hpp"
#include "consult/text.hpp"

#include <SQLiteCpp/Exception.h>

#include <clocale>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <libintl.h>
#include <string>
#include <string_view>
#include <unistd.h>

namespace {

using consult::Error;
using consult::ErrorKind;

void print_error(const std::string& message, const std::string& where, const std::string& hint) {
  const bool color = ::isatty(STDERR_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr;
  const char* label = _("error");
  std::string line = "consult: ";
  line += color ? std::string("\033[31m") + label + "\033[0m" : std::string(label);
  line += ": ";
  // On a terminal, quoted input cannot carry escape sequences or bidi controls.
  const bool tty = ::isatty(STDERR_FILENO) == 1;
  const auto shown = [tty](const std::string& s) { return tty ? consult::text::terminal_safe(s) : s; };
  if (!where.empty()) line += shown(where) + ": ";
  line += shown(message);
  std::fprintf(stderr, "%s\n", line.c_str());
  if (!hint.empty()) std::fprintf(stderr, "  %s: %s\n", _("hint"), shown(hint).c_str());
}

/// Where the message catalogues are: CONSULT_LOCALEDIR; else beside the
/// binary, as installed anywhere (BIN/../share/locale) or in the build tree
/// (build/locale); else the directory configured at build time.
std::string message_catalogues() {
  if (const char* dir = std::getenv("CONSULT_LOCALEDIR")) return dir;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const char* rel : {"../share/locale", "../locale"}) {
      const auto dir = exe.parent_path() / rel;
      if (std::filesystem::exists(dir / "zh_CN" / "LC_MESSAGES" / "consult.mo", ec))
        return dir.lexically_normal().string();
    }
  }
  return {};
}

/// The first of LC_ALL, LC_MESSAGES, LANG that is set.
std::string locale_asked() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"})
    if (const char* v = std::getenv(name); v && *v) return v;
  return {};
}

/// Applies the user's locale and binds consult's text domain to `localedir`
/// (empty: the directory configured at build time). Process-wide state, so
/// the program's to set, once, before anything is translated.
void set_up_translation(const std::string& localedir) {
  if (!std::setlocale(LC_ALL, "")) {
    // The locale asked for is not installed on this machine (a container, a
    // minimal system: only C.UTF-8). Its messages can still be had: UTF-8
    // for the characters, and LANGUAGE, which gettext honours outside "C",
    // for the catalogue.
    std::setlocale(LC_ALL, "C.UTF-8");
    const auto asked = locale_asked();
    const char* language = std::getenv("LANGUAGE");
    if ((!language || !*language) && asked.size() >= 2 && asked.compare(0, 2, "zh") == 0)
      ::setenv("LANGUAGE", "zh_CN", 1);
  }
  // Numbers in data files and in output are always written the C way.
  std::setlocale(LC_NUMERIC, "C");
  const auto dir = localedir.empty() ? consult::i18n::default_localedir() : localedir;
  bindtextdomain(consult::i18n::kTextDomain, dir.c_str());
  bind_textdomain_codeset(consult::i18n::kTextDomain, "UTF-8");
}

/// A CLI11 message, which quotes the value given whole, cut as consult
/// quotes input: each word at 80 columns, the whole at 200 (a value of
/// 100,000 characters, with or without spaces, is one short line).
std::string cut_parse_message(std::string_view message) {
  std::string words;
  std::size_t start = 0;
  while (start <= message.size()) {
    auto end = message.find(' ', start);
    if (end == std::string_view::npos) end = message.size();
    if (start > 0) words += ' ';
    words += consult::text::quote_input(message.substr(start, end - start));
    start = end + 1;
  }
  return consult::text::quote_input(words, 200);
}

int report(const Error& e) {
  print_error(e.what(), e.where(), e.hint());
  return consult::exit_status(e.kind());
}

} // namespace

int main(int argc, char** argv) {
  // A closed pipe shows up as EPIPE on write, handled by Output, not a signal.
  std::signal(SIGPIPE, SIG_IGN);
  // --lang is read before anything is translated: the help texts are
  // translated as the commands are registered.
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    std::string_view lang;
    if (a == "--lang" && i + 1 < argc) lang = argv[i + 1];
    if (a.rfind("--lang=", 0) == 0) lang = a.substr(7);
    if (lang.empty()) continue;
    ::setenv("LANGUAGE", lang.rfind("zh", 0) == 0 ? "zh_CN" : "en", 1);
    // gettext ignores LANGUAGE in the plain C locale; C.UTF-8 is always there.
    const char* now = std::setlocale(LC_ALL, "");
    if (!now || std::string_view(now) == "C" || std::string_view(now) == "POSIX")
      ::setenv("LC_ALL", "C.UTF-8", 1);
  }
  set_up_translation(message_catalogues());

  using namespace consult::cli;
  Context ctx;
  CLI::App app{_("consult: records of community democratic consultation — issues residents "
                 "raise, the councils and meetings that deliberate on them, votes, decisions, "
                 "follow-up and public disclosure, kept in one verifiable SQLite ledger.")};
  app.name("consult");
  app.fallthrough();
  app.require_subcommand(1);
  // CLI11's own words in the help, and the help flag every command inherits.
  app.option_defaults()->group(_("Options"));
  app.set_help_flag("-h,--help", _("print this help and exit"));
  app.set_version_flag("--version", std::string("consult ") + CONSULT_VERSION,
                       _("print the version and exit"));
  auto formatter = app.get_formatter();
  formatter->label("Usage", _("Usage"));
  formatter->label("OPTIONS", _("OPTIONS"));
  formatter->label("SUBCOMMAND", _("COMMAND"));
  formatter->label("SUBCOMMANDS", _("COMMANDS"));
  formatter->label("REQUIRED", _("REQUIRED"));
  formatter->label("Positionals", _("Arguments"));
  formatter->label("Subcommands", _("Commands"));
  formatter->label("Env", _("Env"));
  app.footer(_("Example:\n  consult --config examples/consult.toml init\n"
               "  consult issue add --community heping --title \"楼道灯不亮\" --channel "
               "suggestion-box\n  consult issue list --status collected\n\n"
               "Exit status: 0 success, 64 usage, 65 bad data, 66 missing input, 73 cannot "
               "create, 74 I/O error, 75 ledger busy (retry), 78 configuration error, "
               "70 internal error."));
  auto& o = ctx.opts;
  app.add_option("--ledger", o.ledger,
                 _("ledger file (default: CONSULT_LEDGER, the config's ledger, ./consult.db)"))
      ->type_name("FILE");
  app.add_option("--config", o.config,
                 _("configuration file (default: CONSULT_CONFIG, ./consult.toml)"))
      ->type_name("FILE");
  app.add_option("--as", o.actor, _("who is acting (default: CONSULT_ACTOR, the login name)"))
      ->type_name("NAME");
  app.add_option("--now", o.now,
                 _("fix the current time, e.g. \"2026-12-03 19:30\" "
                   "(default: CONSULT_NOW, the clock)"))
      ->type_name("TIME");
  app.add_flag("--json", o.json, _("print JSON (JSON Lines for lists) for scripts"));
  app.add_flag("-q,--quiet", o.quiet, _("print nothing on success"));
  std::string lang; // read before parsing, above
  app.add_option("--lang", lang,
                 _("language of messages and documents: zh (简体中文) or en "
                   "(default: from LANGUAGE and the locale, e.g. zh_CN.UTF-8)"))
      ->type_name("LANG");

  register_init(app, ctx);
  register_community(app, ctx);
  register_issue(app, ctx);
  register_import(app, ctx);
  register_meeting(app, ctx);
  register_owners(app, ctx);
  register_vote(app, ctx);
  register_decision(app, ctx);
  register_action(app, ctx);
  register_minutes(app, ctx);
  register_notice(app, ctx);
  register_fund(app, ctx);
  register_election(app, ctx);
  register_report(app, ctx);
  register_backup(app, ctx);
  register_witness(app, ctx);
  register_agenda(app, ctx);
  register_log(app, ctx);
  register_forget(app, ctx);
  register_doctor(app, ctx);
  // Every command's heading in the help, translated.
  const auto regroup = [](CLI::App* a, const auto& self) -> void {
    for (auto* sub : a->get_subcommands([](CLI::App*) { return true; })) {
      sub->group(_("Commands"));
      if (auto* help = sub->get_help_ptr()) help->group(_("Options"));
      self(sub, self);
    }
  };
  regroup(&app, regroup);

  // The manual pages, written by the build from this command tree (manpage.cpp).
  if (argc == 3 && std::string(argv[1]) == "__man") {
    try {
      return write_manual(app, argv[2]);
    } catch (const Error& e) {
      return report(e);
    }
  }
  // The shell completion scripts' helper (completions/; see complete.cpp).
  if (argc > 1 && std::string(argv[1]) == "__complete")
    return run_complete(app, ctx, std::vector<std::string>(argv + 2, argv + argc));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    print_error(cut_parse_message(e.what()), {},
                _("see 'consult --help' or 'consult COMMAND --help'"));
    return 64;
  }

  ctx.out.quiet = o.quiet;
  ctx.out.json = o.json;
  auto& sel = selected();
  if (!sel.handler) {
    print_error(_("no command given"), {}, _("see 'consult --help'"));
    return 64;
  }
  try {
    try {
      ctx.prepare(sel.config, sel.ledger);
      // What only reads (lists, shows, the log, reports) may be long: page it.
      if (sel.ledger == NeedLedger::read) ctx.out.start_pager();
      sel.handler(ctx);
    } catch (const SQLite::Exception& e) {
      consult::ledger::rethrow_sqlite(e, ctx.ledger_path());
    }
  } catch (const BrokenPipe&) {
    return 0;
  } catch (const Error& e) {
    return report(e);
  } catch (const std::exception& e) {
    print_error(e.what(), {},
                _("this is a bug in consult; please report it with the output "
                  "of 'consult doctor'"));
    return 70;
  }
  return 0;
}
