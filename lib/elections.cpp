#include "consult/elections.hpp"

#include "consult/error.hpp"
#include "consult/events_election.hpp"
#include "consult/i18n.hpp"
#include "consult/issues.hpp"
#include "consult/meetings.hpp"
#include "consult/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace consult::elections {

using nlohmann::json;

namespace {

constexpr const char* kMethods[] = {"secret", "written", "show-of-hands"};
constexpr const char* kRules[] = {"majority", "plurality"};

bool one_of(const std::string& v, const auto& list) {
  return std::any_of(std::begin(list), std::end(list), [&](const char* x) { return v == x; });
}

std::string name_field(const std::string& value, const char* field) {
  auto n = issues::clean_field(value, field, 200, false);
  if (n.empty())
    throw Error(ErrorKind::usage, i18n::tr(N_("a name in {} is empty"), field), field,
                _("give each person's name once"));
  return n;
}

std::vector<std::string> names(const std::vector<std::string>& list, const char* field) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& raw : list) {
    auto n = name_field(raw, field);
    if (!seen.insert(n).second)
      throw Error(ErrorKind::usage,
                  i18n::tr(N_("{name} is named twice in {field}"),
                           fmt::arg("name", text::quote_input(n)), fmt::arg("field", field)),
                  field, _("give each person's name once"));
    out.push_back(std::move(n));
  }
  return out;
}

/// Members of `body` in term on `date` (the council: by seat).
std::int64_t members_in_term(const config::Community& c, const config::Body& body,
                             clock::Date date) {
  const auto in_term = [&](const config::Member& m) {
    return (!m.since || date >= *m.since) && (!m.until || date <= *m.until);
  };
  std::set<std::string> names;
  if (body.type == "council") {
    for (const auto& s : c.council.seats)
      for (const auto& m : s.members)
        if (in_term(m)) names.insert(m.name);
  } else {
    for (const auto& m : body.members)
      if (in_term(m)) names.insert(m.name);
  }
  return static_cast<std::int64_t>(names.size());
}

Election read(SQLite::Database& db, SQLite::Statement& q) {
  Election e;
  e.id = q.getColumn(0).getInt64();
  e.community = q.getColumn(1).getString();
  e.body = q.getColumn(2).getString();
  e.seat = q.getColumn(3).getString();
  e.role = q.getColumn(4).getString();
  if (!q.getColumn(5).isNull()) e.meeting = q.getColumn(5).getInt64();
  e.title = q.getColumn(6).getString();
  e.seats = q.getColumn(7).getInt();
  e.method = q.getColumn(8).getString();
  e.rule = q.getColumn(9).getString();
  e.electorate = q.getColumn(10).getInt64();
  e.since = q.getColumn(11).getString();
  e.until = q.getColumn(12).getString();
  e.status = q.getColumn(13).getString();
  if (!q.getColumn(14).isNull()) e.issued = q.getColumn(14).getInt64();
  if (!q.getColumn(15).isNull()) e.returned = q.getColumn(15).getInt64();
  if (!q.getColumn(16).isNull()) e.invalid = q.getColumn(16).getInt64();
  e.result = q.getColumn(17).getString();
  e.unfilled = q.getColumn(18).getInt();
  e.reason = q.getColumn(19).getString();
  e.at = q.getColumn(20).getString();
  e.updated_at = q.getColumn(21).getString();
  SQLite::Statement p(db, "SELECT part, name, votes, outcome FROM election_person "
                          "WHERE election = ? ORDER BY n");
  p.bind(1, e.id);
  while (p.executeStep()) {
    const auto part = p.getColumn(0).getString();
    auto name = p.getColumn(1).getString();
    if (part == "teller")
      e.tellers.push_back(std::move(name));
    else if (part == "scrutineer")
      e.scrutineers.push_back(std::move(name));
    else {
      Candidate c;
      c.name = std::move(name);
      c.write_in = part == "write-in";
      if (!p.getColumn(2).isNull()) c.votes = p.getColumn(2).getInt64();
      c.elected = p.getColumn(3).getString() == "elected";
      c.tied = p.getColumn(3).getString() == "tied";
      e.candidates.push_back(std::move(c));
    }
  }
  return e;
}

constexpr const char* kColumns =
    "id, community, body, seat, role, meeting, title, seats, method, rule, electorate, since, "
    "until, status, issued, returned, invalid, result, unfilled, reason, created_at, updated_at";

} // namespace

bool Election::contested() const {
  return std::count_if(candidates.begin(), candidates.end(),
                       [](const Candidate& c) { return !c.write_in; }) > seats;
}

std::optional<Election> find(ledger::Ledger& ledger, std::int64_t id) {
  SQLite::Statement q(ledger.db(), fmt::format("SELECT {} FROM election WHERE id = ?", kColumns));
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  return read(ledger.db(), q);
}

Election get(ledger::Ledger& ledger, std::int64_t id) {
  auto e = find(ledger, id);
  if (!e)
    throw Error(ErrorKind::data, i18n::tr(N_("election {} does not exist"), id), {},
                _("see 'consult election list'"));
  return *e;
}

std::vector<Election> list(ledger::Ledger& ledger, const std::string& community) {
  std::vector<Election> out;
  SQLite::Statement q(ledger.db(),
                      fmt::format("SELECT {} FROM election WHERE ?1 = '' OR community = ?1 "
                                  "ORDER BY id",
                                  kColumns));
  q.bind(1, community);
  while (q.executeStep())
    out.push_back(read(ledger.db(), q));
  return out;
}

Election open(ledger::Ledger& ledger, const config::Community& c, const OpenRequest& r) {
  const auto* body = c.body(r.body);
  if (!body) {
    std::string keys;
    for (const auto& b : c.bodies)
      keys += (keys.empty() ? "" : ", ") + b.key;
    throw Error(ErrorKind::usage,
                i18n::tr(N_("community '{}' has no body '{}'"), c.id, text::quote_input(r.body)),
                "--body", i18n::tr(N_("bodies of the community: {}"), keys));
  }
  if (body->type == "owners-assembly" || body->type == "residents-meeting")
    throw Error(ErrorKind::usage,
                i18n::tr(N_("{} has no seats to elect: everyone entitled takes part in it"),
                         body->name),
                "--body", _("elect the owners' committee, a building group's head or the council"));
  if (body->type == "council" && !c.seat(r.seat))
    throw Error(ErrorKind::usage, _("an election to the council is to one of its seat categories"),
                "--seat", _("add --seat KEY (see 'consult community show')"));
  if (body->type != "council" && !r.seat.empty())
    throw Error(ErrorKind::usage, _("only the council has seat categories"), "--seat",
                _("leave --seat out"));
  if (r.seats < 1 || r.seats > 100)
    throw Error(ErrorKind::usage, _("the number of seats must be between 1 and 100"), "--seats");
  if (!one_of(r.method, kMethods))
    throw Error(ErrorKind::usage,
                i18n::tr(N_("unknown ballot '{}'"), text::quote_input(r.method)), "--method",
                _("use secret, written or show-of-hands"));
  if (!one_of(r.rule, kRules))
    throw Error(ErrorKind::usage, i18n::tr(N_("unknown rule '{}'"), text::quote_input(r.rule)),
                "--rule", _("use majority (more than half of the ballots cast) or plurality"));
  const auto candidates = names(r.candidates, "--candidate");
  if (static_cast<int>(candidates.size()) < r.seats)
    throw Error(ErrorKind::usage,
                i18n::tr(N_("{candidates} candidates for {seats} seats: an election needs at "
                            "least as many candidates as seats"),
                         fmt::arg("candidates", candidates.size()), fmt::arg("seats", r.seats)),
                "--candidate", _("name each candidate with --candidate"));
  const auto tellers = names(r.tellers, "--teller");
  const auto scrutineers = names(r.scrutineers, "--scrutineer");
  for (const auto& s : scrutineers)
    if (std::find(candidates.begin(), candidates.end(), s) != candidates.end())
      throw Error(ErrorKind::usage,
                  i18n::tr(N_("{} is a candidate and cannot be a scrutineer"),
                           text::quote_input(s)),
                  "--scrutineer", _("a candidate neither counts nor watches the count"));
  for (const auto& t : tellers)
    if (std::find(candidates.begin(), candidates.end(), t) != candidates.end())
      throw Error(ErrorKind::usage,
                  i18n::tr(N_("{} is a candidate and cannot be a teller"), text::quote_input(t)),
                  "--teller", _("a candidate neither counts nor watches the count"));
  const auto title = issues::clean_field(r.title, "title", 500, false);
  Election out;
  ledger.write([&] {
    issues::sync_community(ledger, c);
    clock::Date held = clock::local_date(ledger.session().clock.now(), c.timezone);
    if (r.meeting) {
      const auto m = meetings::get(ledger, *r.meeting);
      if (m.community != c.id)
        throw Error(ErrorKind::data,
                    i18n::tr(N_("meeting {} is not a meeting of community '{}'"), m.id, c.id),
                    "--meeting");
      if (m.body != body->key)
        throw Error(ErrorKind::data,
                    i18n::tr(N_("meeting {meeting} is not a meeting of {body}"),
                             fmt::arg("meeting", m.id), fmt::arg("body", body->name)),
                    "--meeting", _("hold the election at a meeting of the body it elects to"));
      if (m.status == "cancelled")
        throw Error(ErrorKind::data, i18n::tr(N_("meeting {} was cancelled"), m.id), "--meeting");
      if (auto d = clock::parse_date(m.local_date)) held = *d;
    }
    const auto since = r.since.value_or(
        clock::Date(std::chrono::sys_days(held) + std::chrono::days(1)));
    if (r.until && *r.until < since)
      throw Error(ErrorKind::usage, _("the term ends before it starts"), "--until");
    if (since < held)
      throw Error(ErrorKind::usage,
                  i18n::tr(N_("the term cannot start on {since}, before the election on {held}"),
                           fmt::arg("since", clock::format_date(since)),
                           fmt::arg("held", clock::format_date(held))),
                  "--since", _("those elected join the body on or after the day they are elected"));
    std::int64_t electorate = 0;
    if (r.electorate)
      electorate = *r.electorate;
    else if (body->type == "owners-committee")
      // The owners elect their committee (Civil Code art. 278): not its
      // members, whom the file lists.
      throw Error(ErrorKind::usage,
                  _("the owners elect their committee: how many owners are entitled to vote?"),
                  "--electorate", _("give the owners on the roster with --electorate N"));
    else if (body->electorate == "residents")
      electorate = body->entitled;
    else if (body->electorate == "members")
      electorate = members_in_term(c, *body, held);
    if (r.electorate && electorate < 1)
      throw Error(ErrorKind::usage, _("those entitled to vote must be at least 1"),
                  "--electorate", _("leave it out when it is not known"));
    if (r.electorate && body->electorate == "residents" && body->entitled > 0 &&
        electorate > body->entitled)
      throw Error(ErrorKind::usage,
                  i18n::tr(N_("{electorate} entitled to vote, but {body} has {entitled}"),
                           fmt::arg("electorate", electorate), fmt::arg("body", body->name),
                           fmt::arg("entitled", body->entitled)),
                  "--electorate", _("those entitled are the body's own"));
    events::ElectionOpen o;
    o.id = ledger.next_id(ledger::Counter::election);
    o.community = c.id;
    o.body = body->key;
    o.seat = r.seat;
    o.role = issues::clean_field(r.role, "role", 100, false);
    o.meeting = r.meeting;
    o.title = title.empty()
                  ? i18n::tr(N_("election to {body}"), fmt::arg("body", body->name))
                  : title;
    o.seats = r.seats;
    o.method = r.method;
    o.rule = r.rule;
    o.electorate = electorate;
    o.since = clock::format_date(since);
    o.until = r.until ? clock::format_date(*r.until) : std::string();
    o.candidates = candidates;
    o.tellers = tellers;
    o.scrutineers = scrutineers;
    ledger.append(events::kElectionOpen, o.entity(), o.to_json());
    out = get(ledger, o.id);
  });
  return out;
}

Election tally(ledger::Ledger& ledger, std::int64_t id, const TallyRequest& r) {
  Election out;
  ledger.write([&] {
    const auto e = get(ledger, id);
    if (e.status == "closed")
      throw Error(ErrorKind::data, i18n::tr(N_("election {} is closed"), id), {},
                  _("a closed election's count stands"));
    if (e.status == "tallied")
      throw Error(ErrorKind::data, i18n::tr(N_("election {} is counted already"), id), {},
                  _("the tellers' count is recorded once; a wrong count is a matter for a new "
                    "election"));
    if (e.meeting) {
      const auto m = meetings::get(ledger, *e.meeting);
      if (m.starts_utc > ledger.session().clock.now().time_since_epoch().count())
        throw Error(ErrorKind::data,
                    i18n::tr(N_("meeting {meeting} has not begun: the ballots of election {id} "
                                "are counted there"),
                             fmt::arg("meeting", m.id), fmt::arg("id", id)),
                    {}, _("record the count when the meeting has voted"));
    }
    if (r.returned < 1)
      throw Error(ErrorKind::usage, _("no ballots were cast"), "--cast",
                  _("give the number of ballots cast (or hands raised in all) with --cast N"));
    const auto issued = r.issued.value_or(r.returned);
    if (r.returned > issued)
      throw Error(ErrorKind::data,
                  i18n::tr(N_("{cast} ballots cast but only {issued} handed out"),
                           fmt::arg("cast", r.returned), fmt::arg("issued", issued)),
                  "--cast", _("the tellers count again: more ballots came back than went out"));
    if (e.electorate > 0 && issued > e.electorate)
      throw Error(ErrorKind::data,
                  i18n::tr(N_("{issued} ballots handed out but only {electorate} are entitled to "
                              "vote"),
                           fmt::arg("issued", issued), fmt::arg("electorate", e.electorate)),
                  "--issued");
    if (r.invalid < 0 || r.invalid > r.returned)
      throw Error(ErrorKind::data,
                  i18n::tr(N_("{invalid} spoilt ballots among {cast} cast"),
                           fmt::arg("invalid", r.invalid), fmt::arg("cast", r.returned)),
                  "--invalid");
    const auto valid = r.returned - r.invalid;
    events::ElectionTally t;
    t.id = id;
    t.issued = issued;
    t.returned = r.returned;
    t.invalid = r.invalid;
    std::map<std::string, std::int64_t> given;
    std::int64_t marks = 0;
    for (const auto& [raw, votes] : r.counts) {
      const auto name = name_field(raw, "--count");
      if (!given.emplace(name, votes).second)
        throw Error(ErrorKind::usage,
                    i18n::tr(N_("{} is counted twice"), text::quote_input(name)), "--count");
      if (votes < 0 || votes > valid)
        throw Error(ErrorKind::data,
                    i18n::tr(N_("{name} has {votes} votes, but only {valid} ballots are valid"),
                             fmt::arg("name", text::quote_input(name)), fmt::arg("votes", votes),
                             fmt::arg("valid", valid)),
                    "--count", _("each valid ballot gives a candidate at most one vote"));
      marks += votes;
    }
    for (const auto& c : e.candidates) {
      if (c.write_in) continue;
      const auto it = given.find(c.name);
      if (it == given.end())
        throw Error(ErrorKind::usage,
                    i18n::tr(N_("the count of candidate {} is missing"),
                             text::quote_input(c.name)),
                    "--count", _("give every candidate's votes, 0 for none"));
      t.counts.push_back({c.name, it->second, false});
      given.erase(it);
    }
    for (const auto& [name, votes] : given)
      t.counts.push_back({name, votes, true}); // written in (另选他人)
    if (marks > valid * e.seats)
      throw Error(ErrorKind::data,
                  i18n::tr(N_("{marks} votes in all, but {valid} valid ballots for {seats} "
                              "seats give at most {most}"),
                           fmt::arg("marks", marks), fmt::arg("valid", valid),
                           fmt::arg("seats", e.seats), fmt::arg("most", valid * e.seats)),
                  "--count", _("a ballot with more names than seats is spoilt: count it invalid"));
    ledger.append(events::kElectionTally, fmt::format("election:{}", id), t.to_json());
    out = get(ledger, id);
  });
  return out;
}

Outcome count(const Election& e) {
  Outcome o;
  const auto returned = e.returned.value_or(0);
  // Valid only when more than half of those entitled voted (when it is known
  // who is: a building's households, the committee's members).
  if (e.electorate > 0 && returned * 2 <= e.electorate) {
    o.result = "failed";
    o.unfilled = e.seats;
    o.reason = i18n::tr(N_("not valid: {cast} of {electorate} entitled voted, not more than "
                           "half; no one is elected"),
                        fmt::arg("cast", returned), fmt::arg("electorate", e.electorate));
    return o;
  }
  // Who may win: more than half of the ballots cast (spoilt ones included:
  // they were cast), or, by plurality, anyone with a vote.
  const std::int64_t needed = e.rule == "majority" ? returned / 2 + 1 : 1;
  std::vector<const Candidate*> qualified;
  for (const auto& c : e.candidates)
    if (c.votes && *c.votes >= needed) qualified.push_back(&c);
  std::stable_sort(qualified.begin(), qualified.end(),
                   [](const Candidate* a, const Candidate* b) { return *a->votes > *b->votes; });
  std::size_t seats = static_cast<std::size_t>(e.seats);
  if (qualified.size() <= seats) {
    for (const auto* c : qualified)
      o.elected.push_back(c->name);
  } else {
    // The votes of the last seat: all with exactly that many tie for it
    // when they do not all fit.
    const auto last = *qualified[seats - 1]->votes;
    std::size_t above = 0, at = 0;
    for (const auto* c : qualified) {
      if (*c->votes > last) ++above;
      if (*c->votes == last) ++at;
    }
    for (const auto* c : qualified) {
      if (*c->votes > last || (*c->votes == last && above + at <= seats))
        o.elected.push_back(c->name);
      else if (*c->votes == last)
        o.tied.push_back(c->name);
    }
  }
  o.unfilled = e.seats - static_cast<int>(o.elected.size());
  o.result = o.unfilled == 0 ? "elected" : o.elected.empty() ? "failed" : "partly";
  std::string rule = e.rule == "majority"
                         ? i18n::tr(N_("more than half of the {cast} ballots cast: at least "
                                       "{needed} votes"),
                                    fmt::arg("cast", returned), fmt::arg("needed", needed))
                         : std::string(_("the most votes"));
  o.reason = i18n::tr(N_("{seats} seats, {candidates} candidates ({kind}); elected by {rule}"),
                      fmt::arg("seats", e.seats),
                      fmt::arg("candidates", std::count_if(e.candidates.begin(),
                                                           e.candidates.end(),
                                                           [](const Candidate& c) {
                                                             return !c.write_in;
                                                           })),
                      fmt::arg("kind", e.contested() ? _("contested") : _("uncontested")),
                      fmt::arg("rule", rule));
  if (!o.tied.empty())
    o.reason += "; " + i18n::tr(N_("{count} candidates tie with {votes} votes for the last "
                                   "{left} seats: none of them is elected, and a further "
                                   "ballot between them decides"),
                                fmt::arg("count", o.tied.size()),
                                fmt::arg("votes", [&] {
                                  for (const auto& c : e.candidates)
                                    if (c.name == o.tied.front()) return *c.votes;
                                  return std::int64_t{0};
                                }()),
                                fmt::arg("left", o.unfilled));
  else if (o.unfilled > 0)
    o.reason += "; " + i18n::tr(N_("{left} seats stay empty: a further election fills them"),
                                fmt::arg("left", o.unfilled));
  return o;
}

Election close(ledger::Ledger& ledger, std::int64_t id) {
  Election out;
  ledger.write([&] {
    const auto e = get(ledger, id);
    if (e.status == "closed")
      throw Error(ErrorKind::data, i18n::tr(N_("election {} is closed"), id));
    if (e.status != "tallied")
      throw Error(ErrorKind::data, i18n::tr(N_("election {} has not been counted"), id), {},
                  i18n::tr(N_("record the count first: consult election tally {} --cast N "
                              "--count 姓名=票数,…"),
                           id));
    const auto o = count(e);
    events::ElectionClose c;
    c.id = id;
    c.result = o.result;
    c.elected = o.elected;
    c.tied = o.tied;
    c.unfilled = o.unfilled;
    c.reason = o.reason;
    ledger.append(events::kElectionClose, fmt::format("election:{}", id), c.to_json());
    out = get(ledger, id);
  });
  return out;
}

void add_members(ledger::Ledger& ledger, config::Community& c) {
  if (ledger.db().execAndGet("SELECT count(*) FROM sqlite_schema WHERE name = 'body_member'")
          .getInt() == 0)
    return; // a ledger of an older schema, opened to be read: no elections
  SQLite::Statement q(ledger.db(), "SELECT body, seat, name, role, since, until, election "
                                   "FROM body_member WHERE community = ? ORDER BY election, name");
  q.bind(1, c.id);
  while (q.executeStep()) {
    config::Member m;
    m.election = q.getColumn(6).getInt64();
    m.name = q.getColumn(2).getString();
    m.role = q.getColumn(3).getString();
    m.since = clock::parse_date(q.getColumn(4).getString());
    const auto until = q.getColumn(5).getString();
    if (!until.empty()) m.until = clock::parse_date(until);
    const auto body = q.getColumn(0).getString();
    const auto seat = q.getColumn(1).getString();
    if (body == "council") {
      for (auto& s : c.council.seats)
        if (s.key == seat) s.members.push_back(m);
      for (auto& b : c.bodies)
        if (b.type == "council") b.members.push_back(m);
    } else {
      for (auto& b : c.bodies)
        if (b.key == body) b.members.push_back(m);
    }
  }
}

json to_json(const Election& e) {
  json candidates = json::array();
  for (const auto& c : e.candidates)
    candidates.push_back({{"name", c.name},
                          {"write_in", c.write_in},
                          {"votes", c.votes ? json(*c.votes) : json(nullptr)},
                          {"elected", c.elected},
                          {"tied", c.tied}});
  const auto opt = [](const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); };
  return {{"id", e.id},
          {"community", e.community},
          {"body", e.body},
          {"seat", e.seat},
          {"role", e.role},
          {"meeting", opt(e.meeting)},
          {"title", e.title},
          {"seats", e.seats},
          {"contested", e.contested()},
          {"method", e.method},
          {"rule", e.rule},
          {"electorate", e.electorate},
          {"since", e.since},
          {"until", e.until},
          {"candidates", std::move(candidates)},
          {"tellers", e.tellers},
          {"scrutineers", e.scrutineers},
          {"status", e.status},
          {"issued", opt(e.issued)},
          {"cast", opt(e.returned)},
          {"invalid", opt(e.invalid)},
          {"result", e.result},
          {"unfilled", e.unfilled},
          {"reason", e.reason},
          {"at", e.at},
          {"updated_at", e.updated_at}};
}

} // namespace consult::elections
