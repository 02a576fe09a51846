// consult issue …: record residents' issues by hand, list and show them, and
// take them through "three up, three down".

#include "commands.hpp"
#include "prompt.hpp"

#include "consult/actions.hpp"
#include "consult/decisions.hpp"
#include "consult/error.hpp"
#include "consult/i18n.hpp"
#include "consult/issues.hpp"
#include "consult/meetings.hpp"
#include "consult/people.hpp"
#include "consult/personal.hpp"
#include "consult/ledger_info.hpp"
#include "consult/render.hpp"
#include "consult/text.hpp"
#include "consult/votes.hpp"

#include <memory>

namespace consult::cli {

namespace {

using model::Issue;

/// Labels for keys, from the configuration when there is one.
struct Labels {
  const config::Config* cfg = nullptr;
  const config::Community* community(const std::string& id) const {
    return cfg ? cfg->find(id) : nullptr;
  }
  std::string channel(const Issue& i) const {
    if (!i.channel_text.empty()) return i.channel_text;
    const auto* c = community(i.community);
    const auto* l = c ? c->channel(i.channel) : nullptr;
    return l ? l->label : i.channel;
  }
  std::string category(const Issue& i) const {
    if (!i.category_text.empty()) return i.category_text;
    const auto* c = community(i.community);
    const auto* l = c ? c->category(i.category) : nullptr;
    return l ? l->label : i.category;
  }
};

std::string person(const std::string& name, bool reveal) {
  return reveal ? name : personal::mask_name(name);
}
std::string phone(const std::string& p, bool reveal) {
  return reveal || p.empty() ? p : personal::mask_phone(p);
}

/// One line for an event in an issue's history.
std::string event_summary(const ledger::Event& e, bool reveal) {
  const auto p = nlohmann::json::parse(e.payload, nullptr, false);
  if (p.is_discarded()) return e.kind;
  auto s = [&](const char* k) {
    return p.contains(k) && p[k].is_string() ? p[k].get<std::string>() : std::string();
  };
  if (e.kind == events::kIssueAdd)
    return i18n::tr(N_("raised ({} via {})"),
                    person(s("raised_by"), reveal).empty() ? _("anonymous")
                                                           : person(s("raised_by"), reveal),
                    s("channel"));
  if (e.kind == events::kIssueImport)
    return i18n::tr(N_("imported from {} (sha256 {}…)"), s("file"), s("sha256").substr(0, 12));
  if (e.kind == events::kIssueComment)
    return i18n::tr(N_("opinion of {} (round {}): {}"), person(s("author"), reveal),
                    p.value("round", 0),
                    s("body"));
  if (e.kind == events::kIssueFeedback)
    return i18n::tr(N_("residents' rating {}/5{}"), p.value("satisfaction", 0),
                    s("comment").empty() ? std::string() : ": " + s("comment"));
  std::string out = i18n::key_label(s("from")) + " → " + i18n::key_label(s("to"));
  if (p.contains("round")) out += i18n::tr(N_(" (round {})"), p["round"].get<int>());
  if (p.contains("into")) out += i18n::tr(N_(" (into issue {})"), p["into"].get<std::int64_t>());
  if (p.contains("level"))
    out += " (" + issues::authority_words(s("level"), s("to_level"), s("to_name")) + ")";
  if (!s("by_name").empty()) out += i18n::tr(N_(" (answered by {})"), s("by_name"));
  if (p.contains("meeting"))
    out += i18n::tr(N_(" at meeting {}"), p["meeting"].get<std::int64_t>());
  if (p.contains("vote")) out += i18n::tr(N_(" by vote {}"), p["vote"].get<std::int64_t>());
  if (p.contains("decision"))
    out += i18n::tr(N_(" (decision {})"), p["decision"].get<std::int64_t>());
  if (p.contains("action")) out += i18n::tr(N_(" by action {}"), p["action"].get<std::int64_t>());
  if (!s("reason").empty()) out += ": " + s("reason");
  if (!s("answer").empty()) out += ": " + s("answer");
  return out;
}

struct AddOptions {
  std::string community, raised_on;
  issues::NewIssue issue;
  const CLI::Option* title = nullptr; ///< given or not: asked for at a terminal
};

struct ListOptions {
  std::string community, category, channel, from, to, search, format = "table";
  std::vector<std::string> statuses;
  std::int64_t limit = 0;
  bool open = false;
  bool reveal = false;
};

struct ChangeOptions {
  model::IssueAction action = model::IssueAction::accept;
  std::string id, into, level, reason;
};

/// `consult issue accept|reject|merge|…`: one step of the life cycle.
/// The configured community of `issue`, if the configuration has it: the
/// authorities an issue is referred to are named there.
const config::Community* community_of(Context& c, const model::Issue& issue) {
  const auto* cfg = c.config_if_any();
  return cfg ? cfg->find(issue.community) : nullptr;
}

void issue_change(Context& c, const ChangeOptions& o) {
  issues::Change change{o.action, o.reason, std::nullopt, o.level};
  if (!o.into.empty()) change.into = parse_id(o.into, _("an issue"));
  const auto id = parse_id(o.id, _("an issue"));
  const auto current = issues::get(c.ledger(), id);
  const auto before = current.status;
  change.community = community_of(c, current);
  const auto issue = issues::change(c.ledger(), id, change);
  if (c.out.json) {
    c.out.json_line(issues::to_json(issue, false, false));
    return;
  }
  std::string line = i18n::tr(N_("issue {}: {} → {}"), issue.id, model::status_label(before),
                              model::status_label(issue.status));
  if (o.action == model::IssueAction::consult) line += i18n::tr(N_(" (round {})"), issue.rounds);
  c.out.say(line);
}

/// Adds the life-cycle step `action` to `group` as a verb: the issue's ID,
/// the options that step takes, and issue_change() as its handler.
void add_change_verb(CLI::App& group, Context& ctx, model::IssueAction action, const char* help,
                     const char* example_text) {
  auto* cmd = group.add_subcommand(std::string(model::to_string(action)), help);
  auto o = std::make_shared<ChangeOptions>();
  o->action = action;
  cmd->add_option("ID", o->id, _("issue id"))->required();
  using A = model::IssueAction;
  if (action == A::merge)
    cmd->add_option("--into", o->into, _("the twin issue that stays open"))->required();
  if (action == A::escalate)
    cmd->add_option("--to", o->level,
                    _("who takes it over: street, district, or an authority the community file "
                      "names ([[authorities]]: a town, 供电所, 住建局)"))
        ->required();
  auto* reason = cmd->add_option("--reason", o->reason,
                                 action == A::reject || action == A::escalate
                                     ? _("why (residents will read it)")
                                     : _("a note kept with this step"));
  if (action == A::reject || action == A::escalate) reason->required();
  example(cmd, example_text);
  on_run(cmd, ctx, NeedConfig::optional, NeedLedger::write,
         [o](Context& c) { issue_change(c, *o); });
}

/// A key of `labels` from what was typed: the key, or its label; "" keeps the default.
std::optional<std::string> key_typed(const std::vector<config::Label>& labels,
                                     const std::string& typed) {
  if (typed.empty()) return std::string();
  for (const auto& l : labels)
    if (typed == l.key || typed == l.label) return l.key;
  return std::nullopt;
}

/// `consult issue add` at a terminal without --title: asks for the fields
/// not given on the command line, with line editing. Ctrl-D gives up.
void ask_issue(const config::Community& community, issues::NewIssue& issue) {
  auto line = [](const std::string& prompt) {
    auto text = ask_line(prompt + ": ");
    if (!text)
      throw Error(ErrorKind::usage, _("cancelled; nothing was recorded"), {},
                  _("give the fields as options, e.g. --title, to add an issue without questions"));
    return std::string(text::trim(*text));
  };
  std::fprintf(stderr, "%s\n",
               i18n::tr(N_("A new issue for {} (Ctrl-D to cancel; Enter leaves a field empty)"),
                        community.name)
                   .c_str());
  while (issue.title.empty()) {
    issue.title = line(_("Title (required)"));
  }
  if (issue.body.empty()) issue.body = line(_("Details"));
  auto choose = [&](const char* what, const std::vector<config::Label>& labels, std::string& key) {
    if (!key.empty()) return;
    std::string keys;
    for (const auto& l : labels)
      keys += (keys.empty() ? "" : ", ") + l.key + " " + l.label;
    std::fprintf(stderr, "  %s\n", keys.c_str());
    for (;;) {
      const auto typed = line(what);
      if (const auto k = key_typed(labels, typed)) {
        key = *k;
        return;
      }
      std::fprintf(stderr, "%s\n",
                   i18n::tr(N_("'{}' is none of these"), text::quote_input(typed)).c_str());
    }
  };
  choose(_("Channel (Enter: the first)"), community.channels, issue.channel);
  choose(_("Category (Enter: other)"), community.categories, issue.category);
  if (issue.place.empty()) issue.place = line(_("Building, unit or zone"));
  if (issue.raised_by.empty()) issue.raised_by = line(_("Raised by (Enter: anonymous)"));
  if (issue.phone.empty()) issue.phone = line(_("Phone"));
}

void issue_add_options(CLI::App* cmd, AddOptions& o) {
  cmd->add_option("--community", o.community, _("community id (optional if there is one)"))
      ->type_name("ID");
  o.title =
      cmd->add_option("--title", o.issue.title,
                      _("what was raised, in a few words (asked for at a terminal if not given)"));
  cmd->add_option("--body", o.issue.body, _("details"));
  cmd->add_option("--channel", o.issue.channel,
                  _("how it came in: a channel key of the community (default: its first)"))
      ->type_name("KEY");
  cmd->add_option("--category", o.issue.category,
                  _("a category key of the community (default: other)"))
      ->type_name("KEY");
  cmd->add_option("--place", o.issue.place, _("building, unit or zone"));
  cmd->add_option("--raised-by", o.issue.raised_by, _("resident's name (omit if anonymous)"))
      ->type_name("NAME");
  cmd->add_option("--phone", o.issue.phone, _("resident's phone number"));
  cmd->add_option("--raised-on", o.raised_on, _("date raised (default: today)"))->type_name("DATE");
  cmd->add_option("--priority", o.issue.priority, _("urgent, high, normal (default) or low"))
      ->check(CLI::IsMember({"urgent", "high", "normal", "low"}));
  cmd->add_option("--stakeholder", o.issue.stakeholders,
                  _("a stakeholder (the \"X\" of 6+X) to invite; repeat for several"))
      ->type_name("NAME");
  example(cmd, "  consult issue add --community heping --title \"3号楼屋顶漏水\" \\\n"
               "      --channel suggestion-box --category facility-repair --place \"3号楼\" \\\n"
               "      --raised-by 张小明 --phone 13812341234 --stakeholder 物业公司");
  // Without a terminal to ask at, a missing title is a usage error before
  // the ledger is even opened.
  cmd->parse_complete_callback([title = o.title] {
    if (title->count() == 0 && !can_ask()) throw CLI::RequiredError("--title");
  });
}

void issue_add(Context& c, const AddOptions& o) {
  const auto& community = c.community(o.community);
  auto issue = o.issue;
  if (o.title->count() == 0) {
    if (!can_ask())
      throw Error(ErrorKind::usage, _("a title is required"), "--title",
                  _("consult asks for the fields only when standard input is a terminal"));
    ask_issue(community, issue);
  }
  if (!o.raised_on.empty()) issue.raised_on = parse_date_option(o.raised_on, "--raised-on");
  const auto id = issues::add(c.ledger(), community, issue);
  if (c.out.quiet) return;
  if (c.out.json)
    c.out.json_line({{"id", id}, {"community", community.id}});
  else
    c.out.write(std::to_string(id) + "\n");
}

void issue_list_options(CLI::App* cmd, ListOptions& o) {
  cmd->add_option("--community", o.community, _("only this community"))->type_name("ID");
  cmd->add_option("--status", o.statuses, _("only these statuses (repeat or separate with commas)"))
      ->delimiter(',')
      ->type_name("STATUS");
  cmd->add_flag("--open", o.open, _("only open issues (not rejected, merged or closed)"));
  cmd->add_option("--category", o.category, _("only this category"))->type_name("KEY");
  cmd->add_option("--channel", o.channel, _("only this channel"))->type_name("KEY");
  cmd->add_option("--from", o.from, _("raised on or after"))->type_name("DATE");
  cmd->add_option("--to", o.to, _("raised on or before"))->type_name("DATE");
  cmd->add_option("--search", o.search, _("text in the title, details or place"))
      ->type_name("TEXT");
  cmd->add_option("--limit", o.limit, _("at most N issues"))
      ->type_name("N")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--reveal", o.reveal, _("show residents' names and phones unmasked"));
  cmd->add_option("--format", o.format, _("table, json (JSON Lines) or csv"))
      ->check(CLI::IsMember({"table", "json", "csv"}));
  example(cmd, "  consult issue list --community heping --status collected,accepted --limit 20\n"
               "  consult issue list --search 漏水 --json");
}

void issue_list(Context& c, const ListOptions& o) {
  issues::Filter f;
  f.community = o.community;
  for (const auto& s : o.statuses) {
    const auto st = model::parse_status(s);
    if (!st) {
      std::string all;
      for (auto x : model::kAllStatuses)
        all += (all.empty() ? "" : ", ") + std::string(model::to_string(x));
      throw Error(ErrorKind::usage, i18n::tr(N_("unknown status '{}'"), text::quote_input(s)),
                  "--status", i18n::tr(N_("statuses: {}"), all));
    }
    f.statuses.push_back(*st);
  }
  f.open_only = o.open;
  f.category = o.category;
  f.channel = o.channel;
  if (!o.from.empty()) f.from = parse_date_option(o.from, "--from");
  if (!o.to.empty()) f.to = parse_date_option(o.to, "--to");
  f.text = o.search;
  f.reveal = o.reveal;
  f.limit = o.limit;
  const std::string format = c.out.json ? "json" : o.format;
  if (o.reveal) {
    // Which issues are about to be shown unmasked, recorded first.
    nlohmann::json ids = nlohmann::json::array();
    issues::each(c.ledger(), f, [&](const Issue& i) { ids.push_back(i.id); });
    if (!ids.empty()) c.record_reveal("issue list", o.community, {{"issues", ids}});
  }
  if (format == "json") {
    issues::each(c.ledger(), f,
                 [&](const Issue& i) { c.out.json_line(issues::to_json(i, o.reveal, false)); });
    return;
  }
  Labels labels{c.config_if_any()};
  render::Table t({{_("ID"), render::Align::right},
                   {_("STATUS")},
                   {_("RAISED")},
                   {_("CHANNEL")},
                   {_("CATEGORY")},
                   {_("TITLE"), render::Align::left, 40},
                   {_("PLACE"), render::Align::left, 16},
                   {_("RAISED BY")},
                   {_("PHONE")}});
  issues::each(c.ledger(), f, [&](const Issue& i) {
    t.add_row({std::to_string(i.id), model::status_label(i.status), i.raised_on, labels.channel(i),
               labels.category(i), issues::shown_text(i, i.title, o.reveal),
               o.reveal ? i.place : personal::mask_place(i.place),
               person(i.raised_by, o.reveal),
               phone(i.phone, o.reveal)});
  });
  if (format == "csv") {
    c.out.write(t.to_csv());
    return;
  }
  if (t.rows() == 0) {
    if (!c.out.quiet) std::fprintf(stderr, "%s\n", _("no issues match"));
    return;
  }
  c.out.write(t.to_text(c.out.width()));
}

struct IssueShowOptions {
  std::string id;
  bool reveal = false;
};

void issue_show_options(CLI::App* cmd, IssueShowOptions& o) {
  cmd->add_option("ID", o.id, _("issue id"))->required();
  cmd->add_flag("--reveal", o.reveal,
                _("show residents' names, phones and the columns an import kept unmasked"));
  example(cmd, "  consult issue show 12\n  consult issue show 12 --json");
}

void issue_show(Context& c, const IssueShowOptions& o) {
  const auto issue = issues::get(c.ledger(), parse_id(o.id, _("an issue")));
  if (o.reveal) c.record_reveal("issue show", issue.community, {{"issues", {issue.id}}});
  const auto opinions = issues::comments(c.ledger(), issue.id);
  const auto history = issues::history(c.ledger(), issue.id);
  const auto escalations = issues::escalations(c.ledger(), issue.id);
  const auto ratings = issues::feedbacks(c.ledger(), issue.id);
  const auto* cfg = c.config_if_any();
  const auto* community = cfg ? cfg->find(issue.community) : nullptr;
  const people::Directory who = community ? people::Directory(*community) : people::Directory();
  // Text typed about the issue, as staff see it (residents, phones, doors
  // masked unless revealed).
  auto typed = [&](const std::string& t) { return issues::shown_text(issue, t, o.reveal, &who); };
  decisions::Filter df;
  df.issue = issue.id;
  auto taken = decisions::list(c.ledger(), df);
  for (auto& d : taken)
    d = decisions::shown(c.ledger(), who, d, o.reveal,
                         meetings::residents(c.ledger(), who, d.meeting));
  actions::Filter af;
  af.issue = issue.id;
  auto actions = actions::list(c.ledger(), af);
  for (auto& a : actions)
    a = actions::shown(c.ledger(), who, a, o.reveal);
  auto escalations_shown = escalations;
  for (auto& x : escalations_shown) {
    x.reason = typed(x.reason);
    x.answer = typed(x.answer);
  }
  auto opinions_shown = opinions;
  for (auto& op : opinions_shown)
    op.body = typed(op.body);
  auto ratings_shown = ratings;
  for (auto& f : ratings_shown)
    f.comment = typed(f.comment);
  if (c.out.json) {
    auto j = issues::to_json(issue, o.reveal, true, &who);
    j["referrals"] = nlohmann::json::array();
    for (const auto& x : escalations_shown)
      j["referrals"].push_back(issues::to_json(x));
    j["decisions"] = nlohmann::json::array();
    for (const auto& d : taken)
      j["decisions"].push_back(decisions::to_json(d));
    j["actions"] = nlohmann::json::array();
    for (const auto& a : actions)
      j["actions"].push_back(actions::to_json(a));
    j["feedback"] = nlohmann::json::array();
    for (const auto& f : ratings_shown)
      j["feedback"].push_back(issues::to_json(f));
    j["opinions"] = nlohmann::json::array();
    for (const auto& op : opinions_shown)
      j["opinions"].push_back(issues::to_json(op, who, o.reveal));
    j["history"] = nlohmann::json::array();
    for (const auto& e : history)
      j["history"].push_back(ledger::summary_json(e));
    c.out.json_line(j);
    return;
  }
  Labels labels{c.config_if_any()};
  const auto* com = labels.community(issue.community);
  std::string status = model::status_label(issue.status);
  if (issue.rounds) status += i18n::tr(N_(" (round {})"), issue.rounds);
  std::vector<std::pair<std::string, std::string>> rows = {
      {_("Issue"), fmt::format("{} {}", issue.id, typed(issue.title))},
      {_("Community"), com ? fmt::format("{} ({})", com->name, issue.community) : issue.community},
      {_("Status"), status},
      {_("Raised on"), issue.raised_on},
      {_("Channel"), labels.channel(issue)},
      {_("Category"), labels.category(issue)},
      {_("Place"), o.reveal ? issue.place : personal::mask_place(issue.place)},
      {_("Raised by"),
       issue.raised_by.empty() ? _("anonymous") : person(issue.raised_by, o.reveal)},
      {_("Phone"), phone(issue.phone, o.reveal)},
      {_("Residents"), std::to_string(issue.raised_count)},
      {_("Priority"), i18n::key_label(issue.priority)},
  };
  rows.emplace_back(_("Stakeholders"), who.shown_all(issue.stakeholders, people::Field::resident, o.reveal));
  if (issue.merged_into) rows.emplace_back(_("Merged into"), std::to_string(*issue.merged_into));
  if (!issue.escalated_to.empty()) {
    // The referral's authority as it was named then.
    std::string to = issue.escalated_to;
    for (const auto& x : escalations_shown)
      if (x.level == issue.escalated_to) to = issues::authority_words(x.level, x.to_level, x.to_name);
    rows.emplace_back(_("Escalated to"), to);
  }
  if (!issue.reason.empty()) rows.emplace_back(_("Reason"), text::one_line(typed(issue.reason)));
  if (issue.import_seq)
    rows.emplace_back(_("Imported"), i18n::tr(N_("line {} of the file of event {}"),
                                              issue.source_row, *issue.import_seq));
  for (auto& [header, value] : issues::extra_columns(issue, o.reveal))
    rows.emplace_back(header, text::one_line(value));
  std::string out = render::key_values(rows);
  if (!issue.body.empty()) out += "\n" + typed(issue.body) + "\n";
  if (!escalations_shown.empty()) {
    out += "\n" + std::string(_("Referrals")) + ":\n";
    render::Table t({{_("#"), render::Align::right},
                     {_("AT")},
                     {_("TO")},
                     {_("WHY"), render::Align::left, 30},
                     {_("ANSWER"), render::Align::left, 40}});
    for (const auto& x : escalations_shown)
      t.add_row({std::to_string(x.n), render::short_time(x.at),
                 issues::authority_words(x.level, x.to_level, x.to_name),
                 x.meeting ? i18n::tr(N_("{} (meeting {})"), x.reason, *x.meeting) : x.reason,
                 x.answer.empty()               ? std::string(_("(none yet)"))
                 : x.answered_by_name.empty()   ? x.answer
                                                : i18n::tr(N_("{answer} (answered by {body})"),
                                                           fmt::arg("answer", x.answer),
                                                           fmt::arg("body", x.answered_by_name))});
    out += t.to_text(c.out.width());
  }
  if (!taken.empty()) {
    out += "\n" + std::string(_("Decisions")) + ":\n";
    render::Table t({{_("ID"), render::Align::right},
                     {_("DATE")},
                     {_("RESULT")},
                     {_("VOTE"), render::Align::right},
                     {_("DECISION"), render::Align::left, 50}});
    for (const auto& d : taken)
      t.add_row({std::to_string(d.id), d.on_date, d.result,
                 d.vote ? std::to_string(*d.vote) : std::string("-"), d.text});
    out += t.to_text(c.out.width());
  }
  if (!actions.empty()) {
    out += "\n" + std::string(_("Actions")) + ":\n";
    render::Table t({{_("ID"), render::Align::right},
                     {_("OWNER")},
                     {_("WHAT"), render::Align::left, 40},
                     {_("DUE")},
                     {_("DONE"), render::Align::right}});
    for (const auto& a : actions)
      t.add_row({std::to_string(a.id), a.owner, a.what, a.due, std::to_string(a.percent) + "%"});
    out += t.to_text(c.out.width());
  }
  if (!ratings_shown.empty()) {
    out += "\n" + std::string(_("Residents' feedback")) + ":\n";
    render::Table t({{_("AT")}, {_("RATING"), render::Align::right}, {_("COMMENT")}});
    for (const auto& f : ratings_shown)
      t.add_row({render::short_time(f.at), std::to_string(f.satisfaction) + "/5", f.comment});
    out += t.to_text(c.out.width());
  }
  if (!opinions.empty()) {
    out += "\n" + std::string(_("Opinions")) + ":\n";
    render::Table t({{_("ROUND"), render::Align::right}, {_("AT")}, {_("BY")}, {_("OPINION")}});
    for (const auto& op : opinions_shown)
      t.add_row({std::to_string(op.round), render::short_time(op.at),
                 who.shown(op.author, people::Field::proxy, o.reveal), op.body});
    out += t.to_text(c.out.width());
  }
  out += "\n" + std::string(_("History")) + ":\n";
  render::Table t({{_("SEQ"), render::Align::right}, {_("AT")}, {_("ACTOR")}, {_("WHAT")}});
  for (const auto& e : history)
    t.add_row({std::to_string(e.seq), render::short_time(e.at), e.actor,
               e.entity == fmt::format("issue:{}", issue.id) || e.kind == events::kIssueImport
                   ? typed(event_summary(e, o.reveal))
                   : i18n::tr(N_("{} merged into this issue"), e.entity)});
  out += t.to_text(c.out.width());
  c.out.write(out);
}

struct IssueAnswerOptions {
  std::string id, text, from;
  bool resolved = false;
};

void issue_answer_options(CLI::App* cmd, IssueAnswerOptions& o) {
  cmd->add_option("ID", o.id, _("issue id"))->required();
  cmd->add_option("--text", o.text, _("what the higher body answered"))->required();
  cmd->add_option("--from", o.from,
                  _("the authority that answered, when it is not the one the issue was referred "
                    "to (a key of street, district or [[authorities]])"));
  cmd->add_flag("--resolved", o.resolved,
                _("the higher body solved it (escalated → resolved); without it the issue "
                  "comes back for a new consultation round"));
  example(cmd, "  consult issue answer 12 --text \"街道同意列入明年管网改造计划，先行临时疏通\"\n"
               "  consult issue answer 12 --text \"区住建局已完成维修\" --resolved\n"
               "  consult issue answer 12 --from housing --text \"已列入老旧小区改造\"");
}

void issue_answer(Context& c, const IssueAnswerOptions& o) {
  issues::Change change;
  change.action = o.resolved ? model::IssueAction::resolve : model::IssueAction::answer;
  change.answer = o.text;
  change.by = o.from;
  const auto id = parse_id(o.id, _("an issue"));
  change.community = community_of(c, issues::get(c.ledger(), id));
  const auto issue = issues::change(c.ledger(), id, change);
  if (c.out.json) {
    c.out.json_line(issues::to_json(issue, false, false));
    return;
  }
  c.out.say(i18n::tr(N_("issue {}: answer recorded; issue is {}"), issue.id,
                     model::status_label(issue.status)));
}

struct IssueFeedbackOptions {
  std::string id, comment;
  int satisfaction = 0;
};

void issue_feedback_options(CLI::App* cmd, IssueFeedbackOptions& o) {
  cmd->add_option("ID", o.id, _("issue id"))->required();
  cmd->add_option("--satisfaction", o.satisfaction,
                  _("1 very dissatisfied, 2, 3, 4, 5 very satisfied"))
      ->required()
      ->type_name("1..5")
      ->check(CLI::Range(1, 5));
  cmd->add_option("--comment", o.comment, _("what residents said"));
  example(cmd, "  consult issue feedback 12 --satisfaction 5 --comment \"修好了，不再漏水\"");
}

void issue_feedback(Context& c, const IssueFeedbackOptions& o) {
  const auto f =
      issues::feedback(c.ledger(), parse_id(o.id, _("an issue")), o.satisfaction, o.comment);
  if (c.out.json) {
    c.out.json_line({{"issue", f.issue}, {"feedback", f.id}, {"satisfaction", f.satisfaction}});
    return;
  }
  c.out.say(i18n::tr(N_("issue {}: residents' rating {}/5 recorded"), f.issue, f.satisfaction));
}

struct IssuePriorityOptions {
  std::string id, level;
};

void issue_priority_options(CLI::App* cmd, IssuePriorityOptions& o) {
  cmd->add_option("ID", o.id, _("issue id"))->required();
  cmd->add_option("LEVEL", o.level, _("urgent, high, normal or low"))
      ->required()
      ->check(CLI::IsMember({"urgent", "high", "normal", "low"}));
  example(cmd, "  consult issue priority 12 urgent");
}

void issue_priority(Context& c, const IssuePriorityOptions& o) {
  const auto issue = issues::set_priority(c.ledger(), parse_id(o.id, _("an issue")), o.level);
  if (c.out.json)
    c.out.json_line({{"id", issue.id}, {"priority", issue.priority}});
  else
    c.out.say(i18n::tr(N_("issue {}: priority {}"), issue.id, issue.priority));
}

struct IssueCommentOptions {
  std::string id, text, by;
};

void issue_comment_options(CLI::App* cmd, IssueCommentOptions& o) {
  cmd->add_option("ID", o.id, _("issue id"))->required();
  cmd->add_option("TEXT", o.text, _("the opinion"))->required();
  cmd->add_option("--by", o.by, _("whose opinion (default: who is acting)"))->type_name("NAME");
  example(cmd, "  consult issue comment 12 \"建议先做防水再刷墙\" --by \"3号楼业主代表\"");
}

void issue_comment(Context& c, const IssueCommentOptions& o) {
  const auto by = o.by.empty() ? c.session().actor : o.by;
  const auto cm = issues::comment(c.ledger(), parse_id(o.id, _("an issue")), by, o.text);
  if (c.out.json) {
    c.out.json_line({{"issue", cm.issue}, {"comment", cm.id}, {"round", cm.round}});
    return;
  }
  c.out.say(i18n::tr(N_("issue {}: opinion recorded (round {})"), cm.issue, cm.round));
}

} // namespace

void register_issue(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand(
      "issue", _("issues residents raise, through collect → consult → decide → carry out"));
  group->require_subcommand(1);
  example(group, "  consult issue add --community heping --title \"儿童活动室\" "
                 "--channel reception-day\n  consult issue list --status collected\n"
                 "  consult issue accept 12");

  add_verb(*group, ctx, "add", _("record an issue raised by residents; prints its id"),
           issue_add_options, NeedConfig::yes, NeedLedger::write, issue_add);
  add_verb(*group, ctx, "list", _("list issues, newest first"), issue_list_options,
           NeedConfig::optional, NeedLedger::read, issue_list);
  add_verb(*group, ctx, "show", _("show an issue with its opinions and full history"),
           issue_show_options, NeedConfig::optional, NeedLedger::read, issue_show);
  using A = model::IssueAction;
  add_change_verb(*group, ctx, A::accept, _("take an issue up as a topic (collected → accepted)"),
                  "  consult issue accept 12");
  add_change_verb(*group, ctx, A::reject, _("decline an issue, with a reason residents will read"),
                  "  consult issue reject 12 --reason \"属于物业维修范围，已转物业\"");
  add_change_verb(*group, ctx, A::merge, _("fold an issue into its twin (residents counted there)"),
                  "  consult issue merge 14 --into 12");
  add_change_verb(*group, ctx, A::consult,
                  _("open a consultation round (accepted → consulting; again for a further round)"),
                  "  consult issue consult 12");
  add_change_verb(*group, ctx, A::escalate,
                  _("refer an issue beyond the community's power to the street, town, district or "
                    "a department"),
                  "  consult issue escalate 12 --to street --reason \"涉及市政管网\"");
  add_change_verb(*group, ctx, A::decide,
                  _("record that the council has decided (consulting → decided)"),
                  "  consult issue decide 12");
  add_change_verb(*group, ctx, A::implement,
                  _("start carrying out the decision (decided → implementing)"),
                  "  consult issue implement 12");
  add_change_verb(*group, ctx, A::resolve, _("record that the matter is solved"),
                  "  consult issue resolve 12");
  add_change_verb(*group, ctx, A::close,
                  _("close a resolved issue once residents' feedback is recorded"),
                  "  consult issue close 12");

  add_verb(*group, ctx, "answer",
           _("record the answer of the authority an issue was referred to: back to "
             "consultation, or --resolved"),
           issue_answer_options, NeedConfig::optional, NeedLedger::write, issue_answer);
  add_verb(*group, ctx, "feedback",
           _("record residents' satisfaction with how a resolved issue was solved"),
           issue_feedback_options, NeedConfig::optional, NeedLedger::write, issue_feedback);
  add_verb(*group, ctx, "priority",
           _("set how urgent an issue is (the first key of an automatic agenda)"),
           issue_priority_options, NeedConfig::optional, NeedLedger::write, issue_priority);
  add_verb(*group, ctx, "comment",
           _("record an opinion from a resident or party during consultation"),
           issue_comment_options, NeedConfig::optional, NeedLedger::write, issue_comment);
}

} // namespace consult::cli
