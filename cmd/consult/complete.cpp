// `consult __complete WORD...`: what may stand in place of the last WORD of a
// command line — the shell completion scripts (completions/) call it. It
// walks the same CLI11 tree the commands are parsed with, so a new command
// or option completes without touching the scripts; community ids, channel
// and category keys come from the configuration, issue, meeting, vote,
// decision and action ids from the ledger (read only).
//
// Output: one candidate a line, "VALUE<TAB>DESCRIPTION"; or the single line
// ":files" when a file name is wanted. Nothing at all on any error: a
// completion never prints an error into the user's command line.

#include "commands.hpp"

#include "consult/actions.hpp"
#include "consult/config.hpp"
#include "consult/decisions.hpp"
#include "consult/issues.hpp"
#include "consult/meetings.hpp"
#include "consult/votes.hpp"

#include <cstdio>
#include <filesystem>

namespace consult::cli {

namespace {

/// What a value is, for completing it.
enum class Kind {
  none,
  files,
  community,
  channel,
  category,
  issue,
  meeting,
  vote,
  decision,
  action
};

Kind kind_of_option(const std::string& name) {
  if (name == "--community") return Kind::community;
  if (name == "--channel") return Kind::channel;
  if (name == "--category") return Kind::category;
  if (name == "--issue" || name == "--into") return Kind::issue;
  if (name == "--meeting") return Kind::meeting;
  if (name == "--vote") return Kind::vote;
  if (name == "--decision") return Kind::decision;
  if (name == "--ledger" || name == "--config" || name == "--map" || name == "--out" ||
      name == "--rejects" || name == "--export" || name == "--witness" || name == "--key")
    return Kind::files;
  return Kind::none;
}

/// A positional by its name, and by the command group it is in for "ID".
Kind kind_of_positional(const std::string& name, const std::string& group) {
  if (name == "FILE") return Kind::files;
  if (name == "MEETING") return Kind::meeting;
  if (name == "VOTE") return Kind::vote;
  if (name == "DECISION") return Kind::decision;
  if (name == "ID") {
    if (group == "issue") return Kind::issue;
    if (group == "meeting") return Kind::meeting;
    if (group == "action") return Kind::action;
    if (group == "community") return Kind::community;
    if (group == "decision" || group == "vote") return Kind::decision;
  }
  return Kind::none;
}

using Candidates = std::vector<std::pair<std::string, std::string>>;

void from_config(Context& ctx, Kind kind, Candidates& out) {
  const auto* cfg = ctx.config_if_any();
  if (!cfg) return;
  for (const auto& c : cfg->communities) {
    if (kind == Kind::community) out.emplace_back(c.id, c.name);
    const auto& labels = kind == Kind::channel ? c.channels : c.categories;
    if (kind == Kind::channel || kind == Kind::category)
      for (const auto& l : labels)
        out.emplace_back(l.key, l.label);
  }
}

void from_ledger(Context& ctx, Kind kind, Candidates& out) {
  using Lookup = std::vector<std::pair<std::int64_t, std::string>> (*)(ledger::Ledger&);
  Lookup lookup = nullptr;
  switch (kind) {
  case Kind::issue:
    lookup = issues::completion_candidates;
    break;
  case Kind::meeting:
    lookup = meetings::completion_candidates;
    break;
  case Kind::vote:
    lookup = votes::completion_candidates;
    break;
  case Kind::decision:
    lookup = meetings::decision_completion_candidates;
    break;
  case Kind::action:
    lookup = actions::completion_candidates;
    break;
  default:
    return;
  }
  const auto path = ctx.ledger_path();
  if (path.empty() || !std::filesystem::exists(path)) return;
  ledger::Session session;
  session.busy_timeout_ms = 1000;
  ledger::Ledger l(path, ledger::Access::read, session);
  for (const auto& [id, what] : lookup(l))
    out.emplace_back(std::to_string(id), what);
}

/// Options of `app` and of the commands above it (their options apply below).
std::vector<const CLI::Option*> options_in_reach(const CLI::App* app) {
  std::vector<const CLI::Option*> all;
  for (const CLI::App* a = app; a; a = a->get_parent())
    for (const auto* o : a->get_options())
      all.push_back(o);
  return all;
}

const CLI::Option* find_option(const CLI::App* app, const std::string& name) {
  for (const auto* o : options_in_reach(app)) {
    if (o->get_positional()) continue;
    for (const auto& l : o->get_lnames())
      if (name == "--" + l) return o;
    for (const auto& s : o->get_snames())
      if (name == "-" + s) return o;
  }
  return nullptr;
}

bool takes_value(const CLI::Option* o) {
  return o->get_items_expected_max() > 0; // a flag expects none
}

/// A description's first line, cut to a width a completion menu shows.
std::string brief(const std::string& text) {
  auto line = text.substr(0, text.find('\n'));
  if (line.size() > 80) line = line.substr(0, 77) + "...";
  return line;
}

int complete(CLI::App& app, Context& ctx, const std::vector<std::string>& words) {
  const std::string current = words.empty() ? std::string() : words.back();
  const CLI::App* at = &app;
  std::string group; // the top-level command group
  const CLI::Option* pending = nullptr;
  std::size_t positional = 0;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const auto& w = words[i];
    if (pending) {
      if (pending->get_lnames() == std::vector<std::string>{"config"}) ctx.opts.config = w;
      if (pending->get_lnames() == std::vector<std::string>{"ledger"}) ctx.opts.ledger = w;
      pending = nullptr;
      continue;
    }
    if (w.size() > 1 && w[0] == '-') {
      const auto eq = w.find('=');
      const auto* o = find_option(at, w.substr(0, eq));
      if (o && takes_value(o) && eq == std::string::npos) pending = o;
      if (o && eq != std::string::npos) {
        if (o->get_lnames() == std::vector<std::string>{"config"})
          ctx.opts.config = w.substr(eq + 1);
        if (o->get_lnames() == std::vector<std::string>{"ledger"})
          ctx.opts.ledger = w.substr(eq + 1);
      }
      continue;
    }
    const CLI::App* sub = nullptr;
    for (const auto* s : at->get_subcommands([](const CLI::App*) { return true; }))
      if (s->get_name() == w) sub = s;
    if (sub) {
      if (at == &app) group = w;
      at = sub;
      positional = 0;
    } else {
      ++positional;
    }
  }

  Candidates out;
  Kind kind = Kind::none;
  if (pending) {
    kind = kind_of_option(pending->get_lnames().empty() ? "" : "--" + pending->get_lnames()[0]);
  } else if (!current.empty() && current[0] == '-') {
    for (const auto* o : options_in_reach(at)) {
      if (o->get_positional()) continue;
      for (const auto& l : o->get_lnames())
        out.emplace_back("--" + l, brief(o->get_description()));
      for (const auto& s : o->get_snames())
        out.emplace_back("-" + s, brief(o->get_description()));
    }
  } else {
    for (const auto* s : at->get_subcommands([](const CLI::App*) { return true; }))
      if (!s->get_name().empty() && s->get_name().rfind("__", 0) != 0)
        out.emplace_back(s->get_name(), brief(s->get_description()));
    std::size_t n = 0;
    for (const auto* o : at->get_options()) {
      if (!o->get_positional()) continue;
      if (n++ == positional) kind = kind_of_positional(o->get_name(), group);
    }
  }

  if (kind == Kind::files) {
    std::printf(":files\n");
    return 0;
  }
  if (kind == Kind::community || kind == Kind::channel || kind == Kind::category)
    from_config(ctx, kind, out);
  else if (kind != Kind::none)
    from_ledger(ctx, kind, out);

  for (const auto& [value, what] : out)
    if (value.rfind(current, 0) == 0) std::printf("%s\t%s\n", value.c_str(), what.c_str());
  return 0;
}

} // namespace

int run_complete(CLI::App& app, Context& ctx, const std::vector<std::string>& words) {
  try {
    return complete(app, ctx, words);
  } catch (...) {
    return 0; // a completion never shows an error
  }
}

} // namespace consult::cli
