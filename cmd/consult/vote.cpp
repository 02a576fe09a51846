// consult vote … and consult decision …: votes under the rules of procedure
// or the law, and the decisions they record.

#include "commands.hpp"

#include "consult/decisions.hpp"
#include "consult/error.hpp"
#include "consult/i18n.hpp"
#include "consult/issues.hpp"
#include "consult/meetings.hpp"
#include "consult/owners.hpp"
#include "consult/personal.hpp"
#include "consult/render.hpp"
#include "consult/rules.hpp"
#include "consult/text.hpp"
#include "consult/votes.hpp"

#include <cstdio>
#include <map>
#include <memory>

namespace consult::cli {

namespace {

struct OpenOptions {
  std::string meeting, issue, question, method, rule, closes;
  std::vector<std::string> options;
  int matter = 0;
};

struct CastOptions {
  std::string id, voter, choice;
};

struct ExtendOptions {
  std::string id, closes, reason;
};

struct ListOptions {
  std::string community, issue, meeting, status;
};

std::string counts_text(const votes::Vote& v) {
  std::string s;
  for (const auto& [k, n] : v.counts)
    s += (s.empty() ? "" : ", ") + fmt::format("{} {}", k, n);
  return s;
}

/// The vote's community, from the configuration.
const config::Community& community_of(Context& c, const votes::Vote& v) {
  return c.community(v.community);
}

std::string electorate_text(const votes::Vote& v) {
  if (v.electorate == "roster")
    return i18n::tr(N_("owners' roster: {} owners by head, {} m²"), v.members,
                    rules::format_area(v.area_total));
  if (v.electorate == "headcount")
    return i18n::tr(N_("{} present of {} entitled (meeting {})"), v.eligible, v.members,
                    *v.meeting);
  return i18n::tr(N_("{} members present of {} (meeting {})"), v.eligible, v.members, *v.meeting);
}

void print_vote(Context& c, const config::Community& com, const votes::Vote& recorded,
                bool reveal) {
  const auto v = votes::shown(c.ledger(), people::Directory(com), recorded, reveal);
  if (c.out.json) {
    auto j = votes::to_json(v, reveal);
    const auto ev = votes::evaluate(com, v);
    j["so_far"] = ev.decision.reason;
    c.out.json_line(j);
    return;
  }
  const auto profile = config::find_profile(com, v.profile);
  std::string rule = profile ? fmt::format("{} ({})", profile->label, v.profile) : v.profile;
  if (v.matter) rule += i18n::tr(N_(", matter {} of art. 278"), v.matter);
  std::vector<std::pair<std::string, std::string>> rows = {
      {_("Vote"), fmt::format("{} {}", v.id, v.question)},
      {_("Issue"), std::to_string(v.issue)},
      {_("Meeting"), v.meeting ? std::to_string(*v.meeting) : std::string()},
      {_("Method"), i18n::key_label(v.method)},
      {_("Rule"), rule},
      {_("Options"), fmt::format("{}", fmt::join(v.options, ", "))},
      {_("Electorate"), electorate_text(v)},
      {_("Opened"), render::short_time(v.created_at)},
      {_("Closes"), v.closes_at.empty() ? std::string() : render::short_time(v.closes_at)},
      {_("Status"), i18n::key_label(v.status)},
  };
  if (v.tallied || !v.ballots.empty() || v.status == "closed") {
    if (v.method == "roll-call" || v.method == "written") {
      std::map<std::string, int> n;
      for (const auto& b : v.ballots)
        ++n[b.choice];
      std::string s;
      for (const auto& o : v.options)
        s += (s.empty() ? "" : ", ") + fmt::format("{} {}", o, n[o]);
      rows.emplace_back(_("Ballots"),
                        i18n::tr(N_("{} of {}: {}"), v.ballots.size(), v.eligible, s));
    } else {
      rows.emplace_back(_("Counts"), counts_text(v));
    }
  }
  if (v.status == "closed") {
    rows.emplace_back(_("Result"), v.result);
    rows.emplace_back(_("Reasoning"), v.reason);
  } else if (v.tallied || !v.ballots.empty()) {
    rows.emplace_back(_("So far"), votes::evaluate(com, v).decision.reason);
  }
  std::erase_if(rows, [](const auto& r) { return r.second.empty(); });
  std::string out = render::key_values(rows);
  if (!v.extensions.empty()) {
    render::Table t({{_("AT")}, {_("BEFORE")}, {_("NOW CLOSES")}, {_("REASON")}});
    for (const auto& x : v.extensions)
      t.add_row({render::short_time(x.at), render::short_time(x.before),
                 render::short_time(x.closes_at), x.reason});
    out += "\n" + std::string(_("Extensions")) + ":\n" + t.to_text(c.out.width());
  }
  if (!v.ballots.empty()) {
    const bool owners = v.electorate == "roster";
    std::vector<render::Column> cols = {{_("AT")}, {_("VOTER")}};
    if (owners) {
      cols.push_back({_("UNITS"), render::Align::left, 30});
      cols.push_back({_("AREA M²"), render::Align::right});
    }
    cols.push_back({_("CHOICE")});
    render::Table t(cols);
    for (const auto& b : v.ballots) {
      std::vector<std::string> row = {render::short_time(b.at),
                                      owners && !reveal ? personal::mask_name(b.voter) : b.voter};
      if (owners) {
        row.push_back(fmt::format("{}", fmt::join(owners::shown_units(b.units, reveal), ", ")));
        row.push_back(rules::format_area(b.area));
      }
      row.push_back(b.choice);
      t.add_row(row);
    }
    out += "\n" + std::string(_("Ballots")) + ":\n" + t.to_text(c.out.width());
  }
  c.out.write(out);
}

void vote_open_options(CLI::App* cmd, OpenOptions& o) {
  cmd->add_option("--meeting", o.meeting,
                  _("the meeting taking the vote (its attendance says who may vote)"))
      ->type_name("ID");
  cmd->add_option("--issue", o.issue, _("the issue decided"))->required()->type_name("ID");
  cmd->add_option("--question", o.question, _("the motion put to the vote"))->required();
  cmd->add_option("--options", o.options,
                  _("the choices: yes,no,abstain (default) or alternatives such as A,B,C"))
      ->delimiter(',')
      ->type_name("LIST");
  cmd->add_option("--method", o.method, _("show-of-hands, roll-call, secret or written"))
      ->required()
      ->check(CLI::IsMember({"show-of-hands", "roll-call", "secret", "written"}));
  cmd->add_option("--rule", o.rule,
                  _("the rule profile (default: the meeting kind's), e.g. majority-present, "
                    "two-thirds, civil-code-278"))
      ->type_name("PROFILE");
  cmd->add_option("--matter", o.matter,
                  _("civil-code-278: the matter of art. 278, 1..9 (6-8 need 3/4)"))
      ->type_name("N")
      ->check(CLI::Range(1, rules::kCivilCodeMatters));
  cmd->add_option("--closes", o.closes,
                  _("when ballots stop: 2026-12-20 (end of that day) or \"2026-12-20 18:00\""))
      ->type_name("DATE");
  example(cmd, "  consult vote open --meeting 3 --issue 12 --question \"同意由物业维修屋面\" \\\n"
               "      --method show-of-hands --rule majority-present\n"
               "  consult vote open --issue 15 --question \"使用维修资金更换电梯\" \\\n"
               "      --method written --rule civil-code-278 --matter 6 --closes 2026-12-20");
}

void vote_open(Context& c, const OpenOptions& o) {
  votes::OpenRequest req;
  if (!o.meeting.empty()) req.meeting = parse_id(o.meeting, _("a meeting"));
  req.issue = parse_id(o.issue, _("an issue"));
  req.question = o.question;
  req.options = o.options;
  req.method = o.method;
  req.rule = o.rule;
  req.matter = o.matter;
  req.closes = o.closes;
  const auto issue = issues::get(c.ledger(), req.issue);
  const auto& com = c.community(issue.community);
  // Printed back as staff see it: the residents named in the question
  // and the options masked, with phones and doors.
  const auto v = votes::shown(c.ledger(), people::Directory(com), votes::open(c.ledger(), com, req),
                              false);
  if (c.out.json) {
    c.out.json_line(votes::to_json(v, false));
    return;
  }
  c.out.say(i18n::tr(N_("vote {} open on issue {}: {} by {} under {}; {}"), v.id, v.issue,
                     v.question, v.method, v.profile, electorate_text(v)));
}

void vote_cast_options(CLI::App* cmd, CastOptions& o) {
  cmd->add_option("VOTE", o.id, _("vote id"))->required();
  cmd->add_option("--voter", o.voter,
                  _("a member present, or for owners' votes a unit (房号) or an owner"))
      ->required()
      ->type_name("NAME");
  cmd->add_option("--choice", o.choice, _("one of the vote's options"))->required();
  example(cmd, "  consult vote cast 2 --voter 王建国 --choice yes\n"
               "  consult vote cast 4 --voter 3-2-301 --choice yes");
}

void vote_cast(Context& c, const CastOptions& o) {
  const auto v = votes::cast(c.ledger(), parse_id(o.id, _("a vote")), o.voter, o.choice);
  if (c.out.json) {
    c.out.json_line({{"vote", v.id},
                     {"ballots", v.ballots.size()},
                     {"eligible", v.eligible},
                     {"units", owners::shown_units(v.ballots.back().units, false)}});
    return;
  }
  // As staff see it: a resident who voted at a building group's meeting masked.
  const auto* cfg = c.config_if_any();
  const auto* com = cfg ? cfg->find(v.community) : nullptr;
  const auto seen = votes::shown(c.ledger(), com ? people::Directory(*com) : people::Directory(),
                                 v, false);
  const auto& b = seen.ballots.back();
  const std::string who =
      v.electorate == "roster"
          ? i18n::tr(N_("{} (units {}, {} m²)"), personal::mask_name(b.voter),
                     fmt::format("{}", fmt::join(owners::shown_units(b.units, false), ", ")),
                     rules::format_area(b.area))
          : b.voter;
  c.out.say(i18n::tr(N_("vote {}: ballot of {} recorded ({} of {})"), v.id, who, v.ballots.size(),
                     v.eligible));
}

struct VoteTallyOptions {
  std::string id, counts;
};

void vote_tally_options(CLI::App* cmd, VoteTallyOptions& o) {
  cmd->add_option("VOTE", o.id, _("vote id"))->required();
  cmd->add_option("--count", o.counts, _("OPTION=N for each option, e.g. yes=9,no=1,abstain=2"))
      ->required()
      ->type_name("COUNTS");
  example(cmd, "  consult vote tally 1 --count yes=9,no=1,abstain=1");
}

void vote_tally(Context& c, const VoteTallyOptions& o) {
  const auto id = parse_id(o.id, _("a vote"));
  const auto counts = votes::parse_counts(o.counts);
  const auto recorded = votes::tally(c.ledger(), id, counts);
  const auto& com = community_of(c, recorded);
  const auto v = votes::shown(c.ledger(), people::Directory(com), recorded, false);
  const auto ev = votes::evaluate(com, v);
  if (c.out.json) {
    c.out.json_line({{"vote", v.id},
                     {"counts", votes::to_json(v, false)["counts"]},
                     {"so_far", ev.decision.reason}});
    return;
  }
  c.out.say(i18n::tr(N_("vote {}: {} ({})"), v.id, counts_text(v), ev.decision.reason));
}

void vote_extend_options(CLI::App* cmd, ExtendOptions& o) {
  cmd->add_option("VOTE", o.id, _("vote id"))->required();
  cmd->add_option("--closes", o.closes, _("the new closing date or time"))
      ->required()
      ->type_name("DATE");
  cmd->add_option("--reason", o.reason, _("why (kept in the record)"))->required();
  example(cmd, "  consult vote extend 4 --closes 2026-12-27 --reason \"参与表决面积不足三分之二\"");
}

void vote_extend(Context& c, const ExtendOptions& o) {
  const auto id = parse_id(o.id, _("a vote"));
  const auto& com = community_of(c, votes::get(c.ledger(), id));
  const auto v = votes::extend(c.ledger(), com, id, o.closes, o.reason);
  if (c.out.json) {
    c.out.json_line({{"vote", v.id}, {"closes_at", v.closes_at}});
    return;
  }
  c.out.say(
      i18n::tr(N_("vote {}: ballots now close at {}"), v.id, render::short_time(v.closes_at)));
}

struct VoteCloseOptions {
  std::string id;
};

void vote_close_options(CLI::App* cmd, VoteCloseOptions& o) {
  cmd->add_option("VOTE", o.id, _("vote id"))->required();
  example(cmd, "  consult vote close 1");
}

void vote_close(Context& c, const VoteCloseOptions& o) {
  const auto vid = parse_id(o.id, _("a vote"));
  const auto& com = community_of(c, votes::get(c.ledger(), vid));
  auto closed = votes::close(c.ledger(), com, vid);
  closed.vote = votes::shown(c.ledger(), people::Directory(com), closed.vote, false);
  for (const auto& w : closed.warnings)
    c.out.warn(w);
  const auto issue = issues::get(c.ledger(), closed.vote.issue);
  if (c.out.json) {
    auto j = votes::to_json(closed.vote, false);
    j["decision"] = closed.decision.id;
    j["issue_status"] = model::to_string(issue.status);
    c.out.json_line(j);
    return;
  }
  c.out.say(i18n::tr(N_("vote {}: {}"), closed.vote.id, closed.vote.reason));
  c.out.say(i18n::tr(N_("decision {} recorded; issue {} is {}"), closed.decision.id, issue.id,
                     model::status_label(issue.status)));
}

struct VoteShowOptions {
  std::string id;
  bool reveal = false;
};

void vote_show_options(CLI::App* cmd, VoteShowOptions& o) {
  cmd->add_option("VOTE", o.id, _("vote id"))->required();
  cmd->add_flag("--reveal", o.reveal, _("show owners' names unmasked"));
  example(cmd, "  consult vote show 4\n  consult vote show 4 --json");
}

void vote_show(Context& c, const VoteShowOptions& o) {
  const auto v = votes::get(c.ledger(), parse_id(o.id, _("a vote")));
  if (o.reveal) c.record_reveal("vote show", v.community, {{"votes", {v.id}}});
  print_vote(c, community_of(c, v), v, o.reveal);
}

void vote_list_options(CLI::App* cmd, ListOptions& o) {
  cmd->add_option("--community", o.community, _("only this community"))->type_name("ID");
  cmd->add_option("--issue", o.issue, _("only votes on this issue"))->type_name("ID");
  cmd->add_option("--meeting", o.meeting, _("only votes at this meeting"))->type_name("ID");
  cmd->add_option("--status", o.status, _("open or closed"))
      ->check(CLI::IsMember({"open", "closed"}));
  example(cmd, "  consult vote list --status open");
}

void vote_list(Context& c, const ListOptions& o) {
  votes::Filter f;
  f.community = o.community;
  if (!o.issue.empty()) f.issue = parse_id(o.issue, _("an issue"));
  if (!o.meeting.empty()) f.meeting = parse_id(o.meeting, _("a meeting"));
  f.status = o.status;
  auto list = votes::list(c.ledger(), f);
  for (auto& v : list)
    v = votes::shown(c.ledger(), people::Directory(community_of(c, v)), v, false);
  if (c.out.json) {
    for (const auto& v : list)
      c.out.json_line(votes::to_json(v, false));
    return;
  }
  if (list.empty()) {
    if (!c.out.quiet) std::fprintf(stderr, "%s\n", _("no votes match"));
    return;
  }
  render::Table t({{_("ID"), render::Align::right},
                   {_("ISSUE"), render::Align::right},
                   {_("MEETING"), render::Align::right},
                   {_("QUESTION"), render::Align::left, 30},
                   {_("METHOD")},
                   {_("RULE")},
                   {_("STATUS")},
                   {_("RESULT")}});
  for (const auto& v : list)
    t.add_row({std::to_string(v.id), std::to_string(v.issue),
               v.meeting ? std::to_string(*v.meeting) : "-", v.question, v.method, v.profile,
               v.status, v.result});
  c.out.write(t.to_text(c.out.width()));
}

struct DecisionListOptions {
  std::string community, issue, result;
  bool reveal = false;
};

void decision_list_options(CLI::App* cmd, DecisionListOptions& o) {
  cmd->add_option("--community", o.community, _("only this community"))->type_name("ID");
  cmd->add_option("--issue", o.issue, _("only decisions on this issue"))->type_name("ID");
  cmd->add_option("--result", o.result, _("approved or rejected"))
      ->check(CLI::IsMember({"approved", "rejected"}));
  cmd->add_flag("--reveal", o.reveal, _("show residents named in the decisions unmasked"));
  example(cmd, "  consult decision list --community heping --result approved");
}

void decision_list(Context& c, const DecisionListOptions& o) {
  decisions::Filter f;
  f.community = o.community;
  if (!o.issue.empty()) f.issue = parse_id(o.issue, _("an issue"));
  f.result = o.result;
  auto list = decisions::list(c.ledger(), f);
  if (o.reveal && !list.empty()) {
    nlohmann::json ids = nlohmann::json::array();
    for (const auto& d : list)
      ids.push_back(d.id);
    c.record_reveal("decision list", o.community, {{"decisions", ids}});
  }
  for (auto& d : list) {
    const people::Directory who(c.community(d.community));
    d = decisions::shown(c.ledger(), who, d, o.reveal,
                         meetings::residents(c.ledger(), who, d.meeting));
  }
  if (c.out.json) {
    for (const auto& d : list)
      c.out.json_line(decisions::to_json(d));
    return;
  }
  if (list.empty()) {
    if (!c.out.quiet) std::fprintf(stderr, "%s\n", _("no decisions match"));
    return;
  }
  render::Table t({{_("ID"), render::Align::right},
                   {_("DATE")},
                   {_("ISSUE"), render::Align::right},
                   {_("VOTE"), render::Align::right},
                   {_("RESULT")},
                   {_("DECISION"), render::Align::left, 40}});
  for (const auto& d : list)
    t.add_row({std::to_string(d.id), d.on_date, std::to_string(d.issue),
               d.vote ? std::to_string(*d.vote) : "-", d.result, d.text});
  c.out.write(t.to_text(c.out.width()));
}

struct DecisionShowOptions {
  std::string id;
  bool reveal = false;
};

void decision_show_options(CLI::App* cmd, DecisionShowOptions& o) {
  cmd->add_option("ID", o.id, _("decision id"))->required();
  cmd->add_flag("--reveal", o.reveal, _("show residents named in the decision unmasked"));
  example(cmd, "  consult decision show 3");
}

void decision_show(Context& c, const DecisionShowOptions& o) {
  const auto recorded = decisions::get(c.ledger(), parse_id(o.id, _("a decision")));
  const auto& com = c.community(recorded.community);
  if (o.reveal) c.record_reveal("decision show", com.id, {{"decisions", {recorded.id}}});
  const people::Directory who(com);
  const auto d = decisions::shown(c.ledger(), who, recorded, o.reveal,
                                  meetings::residents(c.ledger(), who, recorded.meeting));
  if (c.out.json) {
    c.out.json_line(decisions::to_json(d));
    return;
  }
  const auto issue = issues::get(c.ledger(), d.issue);
  std::vector<std::pair<std::string, std::string>> rows = {
      {_("Decision"), fmt::format("{} {}", d.id, d.text)},
      {_("Issue"),
       fmt::format("{} {} ({})", issue.id, issues::shown_text(issue, issue.title, o.reveal, &who),
                   model::status_label(issue.status))},
      {_("Date"), d.on_date},
      {_("Meeting"), d.meeting ? std::to_string(*d.meeting) : std::string()},
      {_("Vote"), d.vote ? std::to_string(*d.vote) : std::string()},
      {_("Rule"), d.profile},
      {_("Result"), d.result},
      {_("Reasoning"), d.reason},
      {_("Event"), std::to_string(d.seq)},
  };
  std::erase_if(rows, [](const auto& r) { return r.second.empty(); });
  c.out.write(render::key_values(rows));
}

} // namespace

void register_vote(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand(
      "vote", _("votes on an issue under a rule profile: show of hands, roll call, secret or "
                "written ballots"));
  group->require_subcommand(1);
  example(group, "  consult vote open --meeting 3 --issue 12 --question \"同意维修方案\" "
                 "--method show-of-hands --rule majority-present\n"
                 "  consult vote tally 1 --count yes=9,no=1,abstain=1\n"
                 "  consult vote close 1");

  add_verb(*group, ctx, "open", _("open a vote on an issue"), vote_open_options, NeedConfig::yes,
           NeedLedger::write, vote_open);
  add_verb(*group, ctx, "cast", _("record one named ballot (roll call, written ballot)"),
           vote_cast_options, NeedConfig::optional, NeedLedger::write, vote_cast);
  add_verb(*group, ctx, "tally",
           _("record the counts of a show of hands or a secret ballot (counts only)"),
           vote_tally_options, NeedConfig::yes, NeedLedger::write, vote_tally);
  add_verb(*group, ctx, "extend",
           _("give written ballots more time because too few came in (logged)"),
           vote_extend_options, NeedConfig::yes, NeedLedger::write, vote_extend);
  add_verb(*group, ctx, "close",
           _("close a vote: the rule decides, the decision is recorded, the issue moves on"),
           vote_close_options, NeedConfig::yes, NeedLedger::write, vote_close);
  add_verb(*group, ctx, "show",
           _("show a vote: rule, electorate, ballots or counts, extensions, result"),
           vote_show_options, NeedConfig::yes, NeedLedger::read, vote_show);
  add_verb(*group, ctx, "list", _("list votes"), vote_list_options, NeedConfig::optional,
           NeedLedger::read, vote_list);
}

void register_decision(CLI::App& app, Context& ctx) {
  auto* group =
      app.add_subcommand("decision", _("decisions on issues: by vote, or by a meeting's outcome"));
  group->require_subcommand(1);
  example(group, "  consult decision list --community heping\n  consult decision show 3");

  add_verb(*group, ctx, "list", _("list decisions, oldest first"), decision_list_options,
           NeedConfig::optional, NeedLedger::read, decision_list);
  add_verb(*group, ctx, "show", _("show a decision with its reasoning"), decision_show_options,
           NeedConfig::optional, NeedLedger::read, decision_show);
}

} // namespace consult::cli
