// consult election …: elections of persons to a body — candidates for its
// seats, the tellers' count, those elected (docs/bodies.md, "Elections").

#include "commands.hpp"

#include "consult/elections.hpp"
#include "consult/error.hpp"
#include "consult/i18n.hpp"
#include "consult/render.hpp"
#include "consult/text.hpp"

#include <memory>

namespace consult::cli {

namespace {

struct OpenOptions {
  std::string community, body, seat, role, meeting, title, method = "secret", rule = "majority",
                                                          since, until;
  int seats = 1;
  std::optional<std::int64_t> electorate;
  std::vector<std::string> candidates, tellers, scrutineers;
};

struct TallyOptions {
  std::string id, counts;
  std::optional<std::int64_t> issued;
  std::int64_t cast = 0, invalid = 0;
};

struct IdOptions {
  std::string id;
};

struct ListOptions {
  std::string community;
};

/// The body's name, and the office if one is elected (楼组长).
std::string office(const config::Community* com, const elections::Election& e) {
  const auto* b = com ? com->body(e.body) : nullptr;
  std::string out = b ? b->name : e.body;
  if (!e.seat.empty() && com)
    if (const auto* s = com->seat(e.seat)) out += " · " + s->label;
  if (!e.role.empty()) out += " · " + e.role;
  return out;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names)
    out += (out.empty() ? "" : "、") + n;
  return out;
}

std::string method_words(const std::string& m) {
  if (m == "secret") return _("secret ballot");
  if (m == "written") return _("written ballot");
  if (m == "show-of-hands") return _("show of hands");
  return m;
}

std::string result_words(const std::string& r) {
  if (r == "elected") return _("all seats filled");
  if (r == "partly") return _("some seats filled");
  if (r == "failed") return _("no one elected");
  return _("not yet closed");
}

void show(Context& c, const elections::Election& e) {
  if (c.out.json) {
    c.out.json_line(elections::to_json(e));
    return;
  }
  const auto* cfg = c.config_if_any();
  const auto* com = cfg ? cfg->find(e.community) : nullptr;
  std::vector<std::pair<std::string, std::string>> rows = {
      {_("Election"), std::to_string(e.id) + " · " + e.title},
      {_("Body"), office(com, e)},
      {_("Seats"),
       i18n::tr(N_("{seats} ({kind})"), fmt::arg("seats", e.seats),
                fmt::arg("kind", e.contested() ? _("contested: more candidates than seats")
                                               : _("uncontested: as many candidates as seats")))},
      {_("Ballot"), method_words(e.method)},
      {_("Rule"), e.rule == "majority" ? _("more than half of the ballots cast")
                                       : _("the most votes")},
      {_("Term"), e.until.empty() ? i18n::tr(N_("from {}"), e.since)
                                  : i18n::tr(N_("{from} to {to}"), fmt::arg("from", e.since),
                                             fmt::arg("to", e.until))},
  };
  if (e.meeting) rows.emplace_back(_("Meeting"), std::to_string(*e.meeting));
  if (e.electorate > 0) rows.emplace_back(_("Entitled to vote"), std::to_string(e.electorate));
  if (!e.tellers.empty()) rows.emplace_back(_("Tellers"), joined(e.tellers));
  if (!e.scrutineers.empty())
    rows.emplace_back(_("Scrutineers"), joined(e.scrutineers));
  if (e.returned)
    rows.emplace_back(_("Ballots"),
                      i18n::tr(N_("{issued} handed out, {cast} cast, {invalid} spoilt"),
                               fmt::arg("issued", e.issued.value_or(0)),
                               fmt::arg("cast", *e.returned),
                               fmt::arg("invalid", e.invalid.value_or(0))));
  rows.emplace_back(_("Result"), result_words(e.result));
  if (!e.reason.empty()) rows.emplace_back(_("Reasoning"), e.reason);
  std::string out = render::key_values(rows);
  render::Table t({{_("CANDIDATE")}, {_("VOTES RECEIVED"), render::Align::right}, {_("OUTCOME")}});
  for (const auto& cand : e.candidates)
    t.add_row({cand.write_in ? i18n::tr(N_("{} (written in)"), cand.name) : cand.name,
               cand.votes ? std::to_string(*cand.votes) : "-",
               cand.elected ? _("elected") : cand.tied ? _("tied: not elected") : ""});
  out += "\n" + t.to_text(c.out.width());
  c.out.write(out);
}

void open_options(CLI::App* cmd, OpenOptions& o) {
  cmd->add_option("--community", o.community, _("community id (optional if there is one)"))
      ->type_name("ID");
  cmd->add_option("--body", o.body, _("the body the winners join (a key of [[bodies]])"))
      ->required();
  cmd->add_option("--seat", o.seat, _("an election to the council: its seat category"));
  cmd->add_option("--role", o.role, _("the office elected to, e.g. 楼组长 (default: member)"));
  cmd->add_option("--seats", o.seats, _("how many are elected (default 1)"));
  cmd->add_option("--candidate", o.candidates,
                  _("a candidate, in ballot order; repeat for each (at least as many as seats)"))
      ->required();
  cmd->add_option("--meeting", o.meeting, _("the meeting of the body that holds it"))
      ->type_name("ID");
  cmd->add_option("--title", o.title, _("what the ballot paper says"));
  cmd->add_option("--method", o.method, _("secret (default), written or show-of-hands"))
      ->check(CLI::IsMember({"secret", "written", "show-of-hands"}));
  cmd->add_option("--rule", o.rule,
                  _("majority (default: more than half of the ballots cast) or plurality"))
      ->check(CLI::IsMember({"majority", "plurality"}));
  cmd->add_option("--electorate", o.electorate,
                  _("those entitled to vote (default: the body's entitled, or its members); "
                    "the election is valid when more than half of them vote"))
      ->type_name("N");
  cmd->add_option("--teller", o.tellers, _("who counts the ballots (计票人); repeat"));
  cmd->add_option("--scrutineer", o.scrutineers, _("who watches the count (监票人); repeat"));
  cmd->add_option("--since", o.since,
                  _("first day of the winners' term (default: the day after the election)"))
      ->type_name("DATE");
  cmd->add_option("--until", o.until, _("last day of their term"))->type_name("DATE");
  example(cmd, "  consult election open --body building-7 --role 楼组长 --seats 2 \\\n"
               "      --candidate 赵德明 --candidate 孙丽 --candidate 周建国 --meeting 5 \\\n"
               "      --teller 吴敏 --scrutineer 郑海 --since 2027-01-01 --until 2029-12-31");
}

void open(Context& c, const OpenOptions& o) {
  const auto& com = c.community(o.community);
  elections::OpenRequest r;
  r.body = o.body;
  r.seat = o.seat;
  r.role = o.role;
  r.seats = o.seats;
  r.candidates = o.candidates;
  if (!o.meeting.empty()) r.meeting = parse_id(o.meeting, _("a meeting"));
  r.title = o.title;
  r.method = o.method;
  r.rule = o.rule;
  r.electorate = o.electorate;
  r.tellers = o.tellers;
  r.scrutineers = o.scrutineers;
  if (!o.since.empty()) r.since = parse_date_option(o.since, "--since");
  if (!o.until.empty()) r.until = parse_date_option(o.until, "--until");
  const auto e = elections::open(c.ledger(), com, r);
  if (c.out.json) {
    c.out.json_line(elections::to_json(e));
    return;
  }
  c.out.say(i18n::tr(N_("election {id}: {seats} seats of {body}, {candidates} candidates ({kind})"),
                     fmt::arg("id", e.id), fmt::arg("seats", e.seats),
                     fmt::arg("body", office(&com, e)),
                     fmt::arg("candidates", e.candidates.size()),
                     fmt::arg("kind", e.contested() ? _("contested") : _("uncontested"))));
}

/// "赵德明=18,孙丽=15" (also ， and ：) → pairs, in the order given.
std::vector<std::pair<std::string, std::int64_t>> parse_counts(const std::string& text) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  std::string s = text;
  for (const auto* wide : {"，", "、"})
    for (auto at = s.find(wide); at != std::string::npos; at = s.find(wide))
      s.replace(at, std::string(wide).size(), ",");
  for (auto at = s.find("＝"); at != std::string::npos; at = s.find("＝"))
    s.replace(at, std::string("＝").size(), "=");
  std::size_t start = 0;
  while (start <= s.size()) {
    auto end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    const auto part = std::string(text::trim(s.substr(start, end - start)));
    start = end + 1;
    if (part.empty()) {
      if (end == s.size()) break;
      continue;
    }
    const auto eq = part.rfind('=');
    std::int64_t votes = -1;
    if (eq != std::string::npos) {
      const auto digits = std::string(text::trim(part.substr(eq + 1)));
      if (!digits.empty() && digits.size() < 10 &&
          digits.find_first_not_of("0123456789") == std::string::npos)
        votes = std::stoll(digits);
    }
    if (eq == std::string::npos || votes < 0)
      throw Error(ErrorKind::usage,
                  i18n::tr(N_("'{}' is not a count"), text::quote_input(part)), "--count",
                  _("write each as name=votes: --count 赵德明=18,孙丽=15,周建国=9"));
    out.emplace_back(std::string(text::trim(part.substr(0, eq))), votes);
  }
  return out;
}

void tally_options(CLI::App* cmd, TallyOptions& o) {
  cmd->add_option("ID", o.id, _("election id"))->required();
  cmd->add_option("--cast", o.cast, _("ballots cast (a show of hands: those who voted)"))
      ->required()
      ->type_name("N");
  cmd->add_option("--issued", o.issued, _("ballots handed out (default: as many as cast)"))
      ->type_name("N");
  cmd->add_option("--invalid", o.invalid, _("spoilt ballots among those cast (default 0)"))
      ->type_name("N");
  cmd->add_option("--count", o.counts,
                  _("each candidate's votes, name=votes, commas between; a name not on the "
                    "list was written in"))
      ->required();
  example(cmd, "  consult election tally 1 --issued 24 --cast 22 --invalid 1 \\\n"
               "      --count 赵德明=18,孙丽=15,周建国=9");
}

void tally(Context& c, const TallyOptions& o) {
  elections::TallyRequest r;
  r.issued = o.issued;
  r.returned = o.cast;
  r.invalid = o.invalid;
  r.counts = parse_counts(o.counts);
  show(c, elections::tally(c.ledger(), parse_id(o.id, _("an election")), r));
}

void id_options(CLI::App* cmd, IdOptions& o) {
  cmd->add_option("ID", o.id, _("election id"))->required();
}

void close(Context& c, const IdOptions& o) {
  const auto e = elections::close(c.ledger(), parse_id(o.id, _("an election")));
  show(c, e);
}

void show_verb(Context& c, const IdOptions& o) {
  show(c, elections::get(c.ledger(), parse_id(o.id, _("an election"))));
}

void list_options(CLI::App* cmd, ListOptions& o) {
  cmd->add_option("--community", o.community, _("only this community"))->type_name("ID");
}

void list(Context& c, const ListOptions& o) {
  const auto all = elections::list(c.ledger(), o.community);
  if (c.out.json) {
    auto j = nlohmann::json::array();
    for (const auto& e : all)
      j.push_back(elections::to_json(e));
    c.out.json_line(j);
    return;
  }
  const auto* cfg = c.config_if_any();
  render::Table t({{_("ID"), render::Align::right},
                   {_("BODY")},
                   {_("SEATS"), render::Align::right},
                   {_("TITLE")},
                   {_("RESULT")}});
  for (const auto& e : all)
    t.add_row({std::to_string(e.id), office(cfg ? cfg->find(e.community) : nullptr, e),
               std::to_string(e.seats), e.title, result_words(e.result)});
  c.out.write(t.to_text(c.out.width()));
}

} // namespace

void register_election(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand(
      "election", _("elections of persons to a body: candidates, the tellers' count, those "
                    "elected join the body"));
  group->require_subcommand(1);
  example(group, "  consult election open --body building-7 --role 楼组长 --seats 2 "
                 "--candidate 赵德明 --candidate 孙丽 --candidate 周建国\n"
                 "  consult election tally 1 --cast 22 --count 赵德明=18,孙丽=15,周建国=9\n"
                 "  consult election close 1");
  add_verb(*group, ctx, "open", _("name the candidates for a body's seats"), open_options,
           NeedConfig::yes, NeedLedger::write, open);
  add_verb(*group, ctx, "tally", _("record the tellers' count of the ballots"), tally_options,
           NeedConfig::optional, NeedLedger::write, tally);
  add_verb(*group, ctx, "close",
           _("apply the rule: who is elected, ties stated; those elected join the body"),
           id_options, NeedConfig::optional, NeedLedger::write, close);
  add_verb(*group, ctx, "show", _("an election: candidates, count, result"), id_options,
           NeedConfig::optional, NeedLedger::read, show_verb);
  add_verb(*group, ctx, "list", _("the elections recorded"), list_options, NeedConfig::optional,
           NeedLedger::read, list);
}

} // namespace consult::cli
