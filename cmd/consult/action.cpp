// consult action …: carrying out a decision, who does what by when, until
// it is done; and the overdue list cron mails every morning.

#include "commands.hpp"

#include "consult/actions.hpp"
#include "consult/decisions.hpp"
#include "consult/error.hpp"
#include "consult/i18n.hpp"
#include "consult/issues.hpp"
#include "consult/render.hpp"
#include "consult/votes.hpp"

#include <cstdio>
#include <memory>

namespace consult::cli {

namespace {

struct AddOptions {
  std::string decision, owner, what, due;
};

struct ProgressOptions {
  std::string id, note;
  int percent = -1;
};

struct ListOptions {
  std::string community, issue, decision;
  bool pending = false, all = false, reveal = false;
};

/// The actions as staff see them: owners who are residents and the
/// residents named in the text masked unless `reveal`, which is recorded.
std::vector<actions::Action> shown(Context& c, std::vector<actions::Action> list, bool reveal,
                                   const char* command) {
  if (reveal && !list.empty()) {
    nlohmann::json ids = nlohmann::json::array();
    for (const auto& a : list)
      ids.push_back(a.id);
    c.record_reveal(command, list.front().community, {{"actions", ids}});
  }
  for (auto& a : list)
    a = actions::shown(c.ledger(), people::Directory(c.community(a.community)), a, reveal);
  return list;
}

actions::Action shown(Context& c, const actions::Action& a) {
  return actions::shown(c.ledger(), people::Directory(c.community(a.community)), a, false);
}

void print_table(Context& c, const std::vector<actions::Action>& list) {
  render::Table t({{_("ID"), render::Align::right},
                   {_("ISSUE"), render::Align::right},
                   {_("OWNER")},
                   {_("WHAT"), render::Align::left, 40},
                   {_("DUE")},
                   {_("DONE"), render::Align::right},
                   {_("STATUS")}});
  for (const auto& a : list)
    t.add_row({std::to_string(a.id), std::to_string(a.issue), a.owner, a.what, a.due,
               std::to_string(a.percent) + "%", a.status});
  c.out.write(t.to_text(c.out.width()));
}

/// What `progress` and `done` print: the action, and the issue it moved.
void print_step(Context& c, const actions::Action& recorded) {
  const auto a = shown(c, recorded);
  const auto issue = issues::get(c.ledger(), a.issue);
  if (c.out.json) {
    auto j = actions::to_json(a);
    j["issue_status"] = model::to_string(issue.status);
    c.out.json_line(j);
    return;
  }
  c.out.say(i18n::tr(N_("action {}: {}% ({}); issue {} is {}"), a.id, a.percent, a.status, issue.id,
                     model::status_label(issue.status)));
}

void action_add_options(CLI::App* cmd, AddOptions& o) {
  cmd->add_option("--decision", o.decision, _("the decision carried out"))
      ->required()
      ->type_name("ID");
  cmd->add_option("--owner", o.owner, _("who is responsible (a body or a person in a role)"))
      ->required()
      ->type_name("PARTY");
  cmd->add_option("--what", o.what, _("what is to be done"))->required();
  cmd->add_option("--due", o.due, _("by when (YYYY-MM-DD)"))->required()->type_name("DATE");
  example(cmd, "  consult action add --decision 3 --owner 物业公司 --what \"屋面防水维修\" "
               "--due 2026-12-31");
}

void action_add(Context& c, const AddOptions& o) {
  const auto did = parse_id(o.decision, _("a decision"));
  const auto due = parse_date_option(o.due, "--due");
  const auto d = decisions::get(c.ledger(), did);
  const auto a =
      shown(c, actions::add(c.ledger(), c.community(d.community), did, o.owner, o.what, due));
  if (c.out.json) {
    c.out.json_line(actions::to_json(a));
    return;
  }
  c.out.say(i18n::tr(N_("action {} added to decision {} (issue {}): {} by {}"), a.id, a.decision,
                     a.issue, a.owner, a.due));
}

void action_progress_options(CLI::App* cmd, ProgressOptions& o) {
  cmd->add_option("ID", o.id, _("action id"))->required();
  cmd->add_option("--percent", o.percent, _("how far it is, 0..99"))
      ->required()
      ->type_name("N")
      ->check(CLI::Range(0, 99));
  cmd->add_option("--note", o.note, _("what was done"));
  example(cmd, "  consult action progress 5 --percent 40 --note \"防水材料已进场\"");
}

void action_progress(Context& c, const ProgressOptions& o) {
  const auto id = parse_id(o.id, _("an action"));
  const auto& com = c.community(actions::get(c.ledger(), id).community);
  print_step(c, actions::progress(c.ledger(), com, id, o.percent, o.note));
}

void action_done_options(CLI::App* cmd, ProgressOptions& o) {
  cmd->add_option("ID", o.id, _("action id"))->required();
  cmd->add_option("--note", o.note, _("how it ended"));
  example(cmd, "  consult action done 5 --note \"已完工，业主代表验收\"");
}

void action_done(Context& c, const ProgressOptions& o) {
  const auto id = parse_id(o.id, _("an action"));
  const auto& com = c.community(actions::get(c.ledger(), id).community);
  print_step(c, actions::done(c.ledger(), com, id, o.note));
}

struct ActionShowOptions {
  std::string id;
  bool reveal = false;
};

void action_show_options(CLI::App* cmd, ActionShowOptions& o) {
  cmd->add_option("ID", o.id, _("action id"))->required();
  cmd->add_flag("--reveal", o.reveal, _("show residents' names unmasked"));
  example(cmd, "  consult action show 5");
}

void action_show(Context& c, const ActionShowOptions& o) {
  const auto a =
      shown(c, {actions::get(c.ledger(), parse_id(o.id, _("an action")))}, o.reveal, "action show")
          .front();
  if (c.out.json) {
    c.out.json_line(actions::to_json(a));
    return;
  }
  std::vector<std::pair<std::string, std::string>> rows = {
      {_("Action"), fmt::format("{} {}", a.id, a.what)},
      {_("Decision"), std::to_string(a.decision)},
      {_("Issue"), std::to_string(a.issue)},
      {_("Owner"), a.owner},
      {_("Due"), a.due},
      {_("Done"), fmt::format("{}% ({})", a.percent, a.status)},
      {_("Finished on"), a.done_on},
  };
  std::erase_if(rows, [](const auto& r) { return r.second.empty(); });
  std::string out = render::key_values(rows);
  if (!a.progress.empty()) {
    render::Table t({{_("AT")}, {_("DONE"), render::Align::right}, {_("NOTE")}});
    for (const auto& p : a.progress)
      t.add_row({p.at.substr(0, 16), std::to_string(p.percent) + "%", p.note});
    out += "\n" + std::string(_("Progress")) + ":\n" + t.to_text(c.out.width());
  }
  c.out.write(out);
}

void action_list_options(CLI::App* cmd, ListOptions& o) {
  cmd->add_option("--community", o.community, _("only this community"))->type_name("ID");
  cmd->add_option("--issue", o.issue, _("only this issue's"))->type_name("ID");
  cmd->add_option("--decision", o.decision, _("only this decision's"))->type_name("ID");
  cmd->add_flag("--pending", o.pending, _("only those not done"));
  cmd->add_flag("--reveal", o.reveal, _("show residents' names unmasked"));
  example(cmd, "  consult action list --community heping --pending");
}

void action_list(Context& c, const ListOptions& o) {
  actions::Filter f;
  f.community = o.community;
  if (!o.issue.empty()) f.issue = parse_id(o.issue, _("an issue"));
  if (!o.decision.empty()) f.decision = parse_id(o.decision, _("a decision"));
  f.pending = o.pending;
  const auto list = shown(c, actions::list(c.ledger(), f), o.reveal, "action list");
  if (c.out.json) {
    for (const auto& a : list)
      c.out.json_line(actions::to_json(a));
    return;
  }
  if (list.empty()) {
    if (!c.out.quiet) std::fprintf(stderr, "%s\n", _("no actions match"));
    return;
  }
  print_table(c, list);
}

void action_overdue_options(CLI::App* cmd, ListOptions& o) {
  auto* com = cmd->add_option("--community", o.community, _("this community"))->type_name("ID");
  cmd->add_flag("--all", o.all, _("every community in the ledger"))->excludes(com);
  example(cmd, "  consult action overdue --community heping\n"
               "  consult action overdue --all -q    # in a crontab: mail only when some are");
}

void action_overdue(Context& c, const ListOptions& o) {
  std::string community = o.community;
  if (community.empty() && !o.all) {
    const auto* cfg = c.config_if_any();
    if (cfg && cfg->communities.size() == 1)
      community = cfg->communities.front().id;
    else
      throw Error(ErrorKind::usage, _("which community?"), "--community",
                  _("give --community ID, or --all for every community in the ledger"));
  }
  const auto list = shown(c, actions::overdue(c.ledger(), community), false, "action overdue");
  if (c.out.json) {
    for (const auto& a : list)
      c.out.json_line(actions::to_json(a));
    return;
  }
  if (list.empty()) {
    if (!c.out.quiet) c.out.say(_("no overdue actions"));
    return;
  }
  // The list is the result: printed under -q too, so that cron mails it.
  print_table(c, list);
}

} // namespace

void register_action(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand(
      "action", _("actions carrying out a decision: who, what, by when, until done"));
  group->require_subcommand(1);
  example(group, "  consult action add --decision 3 --owner 物业公司 --what \"屋面防水维修\" "
                 "--due 2026-12-31\n"
                 "  consult action overdue --all -q");

  add_verb(*group, ctx, "add", _("add an action to an approved decision"), action_add_options,
           NeedConfig::yes, NeedLedger::write, action_add);
  add_verb(*group, ctx, "progress",
           _("report progress on an action; the issue is being carried out from the first"),
           action_progress_options, NeedConfig::yes, NeedLedger::write, action_progress);
  add_verb(*group, ctx, "done",
           _("mark an action done; when all of an issue's actions are, it is resolved"),
           action_done_options, NeedConfig::yes, NeedLedger::write, action_done);
  add_verb(*group, ctx, "show", _("show an action with its progress"), action_show_options,
           NeedConfig::optional, NeedLedger::read, action_show);
  add_verb(*group, ctx, "list", _("list actions by due date"), action_list_options,
           NeedConfig::optional, NeedLedger::read, action_list);
  add_verb(*group, ctx, "overdue",
           _("actions past their due date and not done (silent under -q when none: "
             "for cron)"),
           action_overdue_options, NeedConfig::optional, NeedLedger::read, action_overdue);
}

} // namespace consult::cli
