// `consult __man DIR`: writes the manual pages consult(1) and
// consult-GROUP(1), one per command group, from the same CLI11 tree that
// `--help` prints — one source, so the two cannot drift. The build runs it
// (cmd/CMakeLists.txt); `cmake --install` puts the pages in man1.

#include "commands.hpp"

#include "consult/files.hpp"
#include "consult/i18n.hpp"

#include <fmt/format.h>

#include <filesystem>

namespace consult::cli {

namespace {

/// Text made safe for roff: backslashes, and a leading '.' or '\''.
std::string roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else
      out += c;
    line_start = c == '\n';
  }
  return out;
}

/// "--title TEXT" / "-q, --quiet" in bold with the value in italics.
std::string option_heading(const CLI::Option* o) {
  std::string names;
  for (const auto& s : o->get_snames())
    names += (names.empty() ? "" : ", ") + std::string("\\fB\\-") + roff(s) + "\\fR";
  for (const auto& l : o->get_lnames())
    names += (names.empty() ? "" : ", ") + std::string("\\fB\\-\\-") + roff(l) + "\\fR";
  if (o->get_items_expected_max() > 0) {
    auto type = o->get_type_name();
    if (type.empty()) type = "VALUE";
    names += " \\fI" + roff(type) + "\\fR";
  }
  return names;
}

std::string positionals(const CLI::App* app) {
  std::string out;
  for (const auto* o : app->get_options())
    if (o->get_positional())
      out += (o->get_required() ? " \\fI" : " [\\fI") + roff(o->get_name()) +
             (o->get_required() ? "\\fR" : "\\fR]");
  return out;
}

void options(std::string& page, const CLI::App* app) {
  for (const auto* o : app->get_options()) {
    if (o->get_lnames() == std::vector<std::string>{"help"}) continue;
    page += ".TP\n";
    if (o->get_positional())
      page += "\\fI" + roff(o->get_name()) + "\\fR\n";
    else
      page += option_heading(o) + "\n";
    auto what = o->get_description();
    if (o->get_required() && !o->get_positional()) what += std::string(" (") + _("required") + ")";
    page += roff(what) + "\n";
  }
}

/// The footer's text after "Example:" (every group and command has one).
std::string examples(const CLI::App* app) {
  const auto footer = app->get_footer();
  const auto nl = footer.find('\n');
  return nl == std::string::npos ? std::string() : footer.substr(nl + 1);
}

std::string header(const std::string& name, const std::string& what) {
  std::string upper;
  for (char c : name)
    upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return fmt::format(".TH {} 1 \"\" \"consult {}\" \"{}\"\n.SH {}\n{} \\- {}\n", upper,
                     CONSULT_VERSION, _("consult manual"), _("NAME"), roff(name), roff(what));
}

/// One page, written the one way consult writes a file (the generator runs
/// at build time, but `consult __man DIR` is in every binary).
void write_page(const std::filesystem::path& file, const std::string& text) {
  files::write_file(file.string(), text, {{}, files::kPublic});
}

} // namespace

int write_manual(CLI::App& app, const std::string& dir) {
  std::filesystem::create_directories(dir);
  const auto groups = app.get_subcommands([](const CLI::App*) { return true; });

  // consult(1): what it is, the global options, the command groups.
  std::string page = header("consult", _("records of community democratic consultation"));
  page += fmt::format(".SH {}\n.B consult\n[\\fI{}\\fR] \\fI{}\\fR ...\n", _("SYNOPSIS"),
                      _("GLOBAL OPTIONS"), _("COMMAND"));
  page += fmt::format(".SH {}\n{}\n", _("DESCRIPTION"), roff(app.get_description()));
  page += fmt::format(".SH {}\n", _("GLOBAL OPTIONS"));
  options(page, &app);
  page += fmt::format(".SH {}\n", _("COMMANDS"));
  for (const auto* g : groups) {
    page += fmt::format(".TP\n.BR consult\\-{} (1)\n{}\n", roff(g->get_name()),
                        roff(g->get_description()));
  }
  const auto footer = app.get_footer();
  const auto status = footer.find("\n\n");
  page += fmt::format(".SH {}\n.nf\n{}\n.fi\n", _("EXAMPLES"),
                      roff(examples(&app).substr(0, examples(&app).find("\n\n"))));
  if (status != std::string::npos)
    page += fmt::format(".SH {}\n{}\n", _("EXIT STATUS"), roff(footer.substr(status + 2)));
  page += fmt::format(".SH {}\n", _("SEE ALSO"));
  for (const auto* g : groups)
    page += fmt::format(".BR consult\\-{} (1),\n", roff(g->get_name()));
  page += ".BR consult.toml (5)\n";
  write_page(std::filesystem::path(dir) / "consult.1", page);

  // consult-GROUP(1): each command of the group, its arguments and options.
  for (const auto* g : groups) {
    const std::string name = "consult-" + g->get_name();
    std::string p = header(name, g->get_description());
    const auto subs = g->get_subcommands([](const CLI::App*) { return true; });
    p += fmt::format(".SH {}\n", _("SYNOPSIS"));
    if (subs.empty()) {
      p += fmt::format(".B consult {}\n[\\fI{}\\fR]{}\n", roff(g->get_name()), _("OPTIONS"),
                       positionals(g));
    } else {
      for (const auto* s : subs)
        p += fmt::format(".B consult {} {}\n[\\fI{}\\fR]{}\n.br\n", roff(g->get_name()),
                         roff(s->get_name()), _("OPTIONS"), positionals(s));
    }
    p += fmt::format(".SH {}\n{}\n", _("DESCRIPTION"), roff(g->get_description()));
    if (subs.empty()) {
      p += fmt::format(".SH {}\n", _("OPTIONS"));
      options(p, g);
    } else {
      p += fmt::format(".SH {}\n", _("COMMANDS"));
      for (const auto* s : subs) {
        p += fmt::format(".SS \"consult {} {}\"\n{}\n", roff(g->get_name()), roff(s->get_name()),
                         roff(s->get_description()));
        options(p, s);
        if (const auto ex = examples(s); !ex.empty())
          p += fmt::format(".PP\n{}\n.nf\n{}\n.fi\n", _("Example:"), roff(ex));
      }
    }
    if (const auto ex = examples(g); !ex.empty())
      p += fmt::format(".SH {}\n.nf\n{}\n.fi\n", _("EXAMPLES"), roff(ex));
    p += fmt::format(".SH {}\n.BR consult (1),\n.BR consult.toml (5)\n", _("SEE ALSO"));
    write_page(std::filesystem::path(dir) / (name + ".1"), p);
  }
  return 0;
}

} // namespace consult::cli
