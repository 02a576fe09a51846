#include "consult/votes.hpp"

#include "consult/error.hpp"
#include "consult/events_vote.hpp"
#include "consult/i18n.hpp"
#include "consult/issues.hpp"
#include "consult/meetings.hpp"
#include "consult/owners.hpp"
#include "consult/personal.hpp"
#include "consult/text.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace consult::votes {

using nlohmann::json;

namespace {

constexpr const char* kColumns =
    "id, community, meeting, issue, question, options, method, profile, matter, electorate, "
    "members, eligible, area_total, closes_at, status, counts, result, reason, created_at, "
    "updated_at, voters";

Vote read_vote(SQLite::Statement& q) {
  Vote v;
  v.id = q.getColumn(0).getInt64();
  v.community = q.getColumn(1).getString();
  if (!q.getColumn(2).isNull()) v.meeting = q.getColumn(2).getInt64();
  v.issue = q.getColumn(3).getInt64();
  v.question = q.getColumn(4).getString();
  v.options = json::parse(q.getColumn(5).getString()).get<std::vector<std::string>>();
  v.method = q.getColumn(6).getString();
  v.profile = q.getColumn(7).getString();
  v.matter = q.getColumn(8).getInt();
  v.electorate = q.getColumn(9).getString();
  v.members = q.getColumn(10).getInt64();
  v.eligible = q.getColumn(11).getInt64();
  v.area_total = q.getColumn(12).getInt64();
  v.closes_at = q.getColumn(13).getString();
  v.status = q.getColumn(14).getString();
  const auto counts = json::parse(q.getColumn(15).getString());
  v.tallied = !counts.empty();
  for (const auto& o : v.options)
    v.counts.emplace_back(o, counts.value(o, std::int64_t{0}));
  v.result = q.getColumn(16).getString();
  v.reason = q.getColumn(17).getString();
  v.created_at = q.getColumn(18).getString();
  v.updated_at = q.getColumn(19).getString();
  for (const auto& p : json::parse(q.getColumn(20).getString()))
    v.voters.push_back(p.value("name", std::string()));
  return v;
}

bool one_of(const std::string& s, std::initializer_list<const char*> words) {
  for (const char* w : words)
    if (s == w) return true;
  return false;
}

bool is_yes(const std::string& o) {
  return one_of(o, {"yes", "同意", "赞成"});
}
bool is_abstain(const std::string& o) {
  return one_of(o, {"abstain", "弃权"});
}

bool named_ballots(const std::string& method) {
  return method == "roll-call" || method == "written";
}

/// "2026-12-20" (to the end of that day) or "2026-12-20 18:00" in the
/// community's zone.
clock::Instant parse_closing(const config::Community& c, const std::string& text,
                             const char* field) {
  const std::string t(text::trim(text));
  const auto at = clock::parse_instant(t, c.timezone);
  if (!at)
    throw Error(ErrorKind::usage, i18n::tr(N_("'{}' is not a date or a date and time"), text),
                field,
                _("write it as 2026-12-20 (to the end of that day) or \"2026-12-20 18:00\""));
  if (t.find(':') == std::string::npos)
    return *at + std::chrono::hours(24) - std::chrono::seconds(1);
  return *at;
}

clock::Instant instant_of(const std::string& rfc3339) {
  const auto t = clock::parse_instant(rfc3339, "UTC");
  if (!t) throw Error(ErrorKind::internal, "unreadable time in the ledger: " + rfc3339);
  return *t;
}

config::Profile profile_of(const config::Community& c, const std::string& key) {
  const auto p = config::find_profile(c, key);
  if (!p) {
    std::string names;
    for (const auto& n : config::builtin_profiles())
      names += (names.empty() ? "" : ", ") + n;
    for (const auto& n : c.rules.profiles)
      names += ", " + n.key;
    throw Error(ErrorKind::usage, i18n::tr(N_("unknown rule profile '{}'"), key), "rule",
                i18n::tr(N_("profiles: {}"), names));
  }
  return *p;
}

/// A vote the ledger may still change: open, and its meeting still planned.
void require_open(ledger::Ledger& ledger, const Vote& v, const char* doing) {
  if (v.status != "open")
    throw Error(
        ErrorKind::data, i18n::tr(N_("vote {} is closed"), v.id), {},
        i18n::tr(N_("{} an open vote; 'consult vote show {}' has its result"), _(doing), v.id));
  if (v.meeting) {
    const auto m = meetings::get(ledger, *v.meeting);
    if (m.status != "planned")
      throw Error(ErrorKind::data, i18n::tr(N_("meeting {} is {}"), m.id, m.status), {},
                  _("nothing more can be recorded at a closed or cancelled meeting"));
  }
}

std::vector<Ballot> read_ballots(ledger::Ledger& ledger, std::int64_t id) {
  std::vector<Ballot> out;
  SQLite::Statement q(ledger.db(), "SELECT voter, units, area, choice, at, seq FROM vote_ballot "
                                   "WHERE vote = ? ORDER BY seq");
  q.bind(1, id);
  while (q.executeStep())
    out.push_back({q.getColumn(0).getString(),
                   json::parse(q.getColumn(1).getString()).get<std::vector<std::string>>(),
                   q.getColumn(2).getInt64(), q.getColumn(3).getString(),
                   q.getColumn(4).getString(), q.getColumn(5).getInt64()});
  return out;
}

} // namespace

std::optional<Vote> find(ledger::Ledger& ledger, std::int64_t id) {
  SQLite::Statement q(ledger.db(), fmt::format("SELECT {} FROM vote WHERE id = ?", kColumns));
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  auto v = read_vote(q);
  v.ballots = read_ballots(ledger, id);
  SQLite::Statement x(ledger.db(), "SELECT n, closes_at, before, reason, at FROM vote_extension "
                                   "WHERE vote = ? ORDER BY n");
  x.bind(1, id);
  while (x.executeStep())
    v.extensions.push_back({x.getColumn(0).getInt(), x.getColumn(1).getString(),
                            x.getColumn(2).getString(), x.getColumn(3).getString(),
                            x.getColumn(4).getString()});
  return v;
}

Vote get(ledger::Ledger& ledger, std::int64_t id) {
  auto v = find(ledger, id);
  if (!v)
    throw Error(ErrorKind::data, i18n::tr(N_("vote {} does not exist"), id), {},
                _("'consult vote list' shows the votes"));
  return *v;
}

std::vector<Vote> list(ledger::Ledger& ledger, const Filter& f) {
  std::string sql = fmt::format("SELECT {} FROM vote WHERE 1", kColumns);
  if (!f.community.empty()) sql += " AND community = :community";
  if (f.issue) sql += " AND issue = :issue";
  if (f.meeting) sql += " AND meeting = :meeting";
  if (!f.status.empty()) sql += " AND status = :status";
  sql += " ORDER BY id";
  SQLite::Statement q(ledger.db(), sql);
  if (!f.community.empty()) q.bind(":community", f.community);
  if (f.issue) q.bind(":issue", *f.issue);
  if (f.meeting) q.bind(":meeting", *f.meeting);
  if (!f.status.empty()) q.bind(":status", f.status);
  std::vector<Vote> out;
  while (q.executeStep())
    out.push_back(read_vote(q));
  return out;
}

Vote open(ledger::Ledger& ledger, const config::Community& c, const OpenRequest& req) {
  if (std::find(std::begin(kMethods), std::end(kMethods), req.method) == std::end(kMethods))
    throw Error(ErrorKind::usage, i18n::tr(N_("unknown method '{}'"), req.method), "method",
                _("use show-of-hands, roll-call, secret or written"));
  const std::string question =
      issues::clean_field(req.question, "question", kMaxQuestionBytes, true);
  if (question.empty())
    throw Error(ErrorKind::usage, _("the question is empty"), "question",
                _("give the motion put to the vote with --question \"…\""));
  std::vector<std::string> options;
  for (const auto& o : req.options) {
    auto opt = issues::clean_field(o, "options", 100);
    if (opt.empty()) continue;
    if (std::find(options.begin(), options.end(), opt) != options.end())
      throw Error(ErrorKind::usage, i18n::tr(N_("option '{}' is given twice"), opt), "options");
    if (opt.find_first_of("=,") != std::string::npos)
      throw Error(ErrorKind::usage, i18n::tr(N_("option '{}' contains '=' or ','"), opt),
                  "options");
    options.push_back(std::move(opt));
  }
  if (options.empty()) options = {"yes", "no", "abstain"};
  if (options.size() < 2 || options.size() > kMaxOptions)
    throw Error(ErrorKind::usage,
                i18n::tr(N_("a vote offers 2 to {} options, not {}"), kMaxOptions, options.size()),
                "options", _("e.g. --options yes,no,abstain or --options A,B,C"));

  Vote out;
  ledger.write([&] {
    const auto issue = issues::get(ledger, req.issue);
    if (issue.community != c.id)
      throw Error(ErrorKind::internal, "vote opened with the community of another issue");
    if (issue.status != model::IssueStatus::consulting &&
        issue.status != model::IssueStatus::accepted)
      throw Error(ErrorKind::data,
                  i18n::tr(N_("cannot vote on issue {}: it is {}"), issue.id,
                           model::to_string(issue.status)),
                  "issue", _("an accepted issue, or one being consulted on, can be decided"));
    {
      SQLite::Statement q(ledger.db(),
                          "SELECT id FROM vote WHERE issue = ? AND status = 'open' LIMIT 1");
      q.bind(1, issue.id);
      if (q.executeStep())
        throw Error(
            ErrorKind::data,
            i18n::tr(N_("vote {} on issue {} is still open"), q.getColumn(0).getInt64(), issue.id),
            "issue", _("one question at a time: close that vote first"));
    }
    std::optional<meetings::Meeting> m;
    if (req.meeting) {
      m = meetings::get(ledger, *req.meeting);
      if (m->community != c.id)
        throw Error(ErrorKind::data,
                    i18n::tr(N_("meeting {} is of community '{}', issue {} of '{}'"), m->id,
                             m->community, issue.id, c.id),
                    "meeting");
      if (m->status != "planned")
        throw Error(ErrorKind::data, i18n::tr(N_("meeting {} is {}"), m->id, m->status), "meeting",
                    _("votes are taken at a meeting that is not closed or cancelled"));
      const auto it = std::find_if(m->items.begin(), m->items.end(),
                                   [&](const auto& i) { return i.issue.id == issue.id; });
      if (it == m->items.end())
        throw Error(ErrorKind::data,
                    i18n::tr(N_("issue {} is not on the agenda of meeting {}"), issue.id, m->id),
                    "issue", _("a meeting votes on the issues of its agenda"));
      if (!it->outcome.empty())
        throw Error(ErrorKind::data,
                    i18n::tr(N_("the outcome of issue {} at meeting {} is already recorded: {}"),
                             issue.id, m->id, it->outcome),
                    "issue");
    }
    std::string rule = std::string(text::trim(req.rule));
    if (rule.empty()) {
      // The rule the meeting was planned under: its body's for its kind.
      const auto p = m && !m->profile.empty() ? config::find_profile(c, m->profile)
                                              : std::nullopt;
      if (!p)
        throw Error(ErrorKind::usage, _("which rule decides this vote?"), "rule",
                    i18n::tr(N_("name a profile with --rule (e.g. majority-present), or set a "
                                "default for the meeting kind in [rules.defaults] of {}"),
                             c.source.empty() ? c.id : c.source));
      rule = p->key;
    }
    const auto profile = profile_of(c, rule);
    const bool owners_vote = profile.key == "civil-code-278";
    if (owners_vote && (req.matter < 1 || req.matter > rules::kCivilCodeMatters))
      throw Error(ErrorKind::usage,
                  req.matter == 0 ? std::string(_("a vote under civil-code-278 needs the matter"))
                                  : i18n::tr(N_("art. 278 names matters 1 to {}, not {}"),
                                             rules::kCivilCodeMatters, req.matter),
                  "matter",
                  _("--matter 1..9: 6 raising maintenance funds, 7 rebuilding or renovating, 8 "
                    "changing the use of common parts (3/4); the others more than half"));
    if (!owners_vote && req.matter != 0)
      throw Error(ErrorKind::usage, _("--matter is for votes under civil-code-278"), "matter");

    events::VoteOpen payload;
    payload.community = c.id;
    if (m) payload.meeting = m->id;
    payload.issue = issue.id;
    payload.question = question;
    payload.options = options;
    payload.method = req.method;
    payload.profile = profile.key;
    payload.matter = req.matter;
    payload.voters.emplace();
    if (owners_vote) {
      if (!named_ballots(req.method))
        throw Error(ErrorKind::usage,
                    i18n::tr(N_("a vote under civil-code-278 counts each owner's area, so it "
                                "cannot be taken by {}"),
                             req.method),
                    "method", _("use --method written (ballots over days) or roll-call"));
      const auto r = owners::roster(ledger, c.id);
      if (r.owners.empty())
        throw Error(ErrorKind::data, i18n::tr(N_("community '{}' has no owners' roster"), c.id),
                    "rule", _("import it first: consult owners import ROSTER.xlsx"));
      payload.electorate = "roster";
      payload.members = static_cast<std::int64_t>(r.owners.size());
      payload.eligible = static_cast<std::int64_t>(r.owners.size());
      payload.area_total = r.area_total;
    } else if (!m) {
      throw Error(ErrorKind::usage, _("which meeting takes this vote?"), "meeting",
                  _("give --meeting ID; only owners' votes (--rule civil-code-278) are taken "
                    "without one"));
    } else if (const auto who = meetings::electorate(c, *m); who.empty()) {
      // A bench meeting, a reception day: no one is due, so no one's vote
      // can stand for a body.
      throw Error(ErrorKind::data,
                  i18n::tr(N_("meeting {} is informal (no body holds it): it hears residents, it "
                              "does not vote"),
                              m->id),
                  "meeting",
                  _("put the issue to a meeting of a body (the council, a building group), or "
                    "plan the meeting with --body KEY"));
    } else if (who == "residents" && named_ballots(req.method) &&
               std::any_of(m->people.begin(), m->people.end(), [](const auto& p) {
                 return p.role != "guest" && (p.attendance == "present" || p.attendance == "proxy");
               })) {
      // A building group or residents' meeting voting by name: the members
      // and residents recorded as present.
      const auto q = meetings::quorum(c, *m);
      if (!q.attendance_recorded)
        throw Error(ErrorKind::data, i18n::tr(N_("meeting {} has no attendance recorded"), m->id),
                    "meeting",
                    _("who may vote is who came: record residents with 'consult meeting attend "
                      "--resident'"));
      std::vector<events::VoteOpen::Voter> voters;
      for (const auto& p : m->people) {
        if (!meetings::counts_as_head(c, p)) continue; // guests, organisations
        if (p.attendance == "present") voters.push_back({p.name, std::nullopt});
        if (p.attendance == "proxy") voters.push_back({p.name, p.proxy});
      }
      if (voters.empty())
        throw Error(ErrorKind::data,
                    i18n::tr(N_("no resident is recorded as present at meeting {}"), m->id),
                    "meeting", _("record them with 'consult meeting attend --resident NAME'"));
      // Heads counted against those entitled, as the meeting counts them;
      // the voters are who was recorded as present.
      payload.electorate = "headcount";
      payload.members = m->entitled;
      payload.eligible = static_cast<std::int64_t>(voters.size());
      payload.voters = std::move(voters);
    } else if (m->entitled > 0) {
      // Heads: the headcount, or the residents and members recorded by name.
      const auto q = meetings::quorum(c, *m);
      if (!m->headcount && !(who == "residents" && q.attendance_recorded))
        throw Error(
            ErrorKind::data, i18n::tr(N_("meeting {} has no headcount yet"), m->id), "meeting",
            i18n::tr(N_("record it first: consult meeting attend {} --headcount N"), m->id));
      if (named_ballots(req.method))
        throw Error(ErrorKind::usage,
                    i18n::tr(N_("meeting {} counts heads, not names: a {} needs a list of voters"),
                             m->id, req.method),
                    "method", _("use show-of-hands or secret, with consult vote tally"));
      payload.electorate = "headcount";
      payload.members = m->entitled;
      payload.eligible = m->headcount ? *m->headcount : q.quorum.present;
    } else {
      const auto q = meetings::quorum(c, *m);
      if (!q.attendance_recorded)
        throw Error(ErrorKind::data, i18n::tr(N_("meeting {} has no attendance recorded"), m->id),
                    "meeting",
                    _("who may vote is who came: record it with 'consult meeting attend'"));
      std::vector<events::VoteOpen::Voter> voters;
      std::int64_t members = 0;
      for (const auto& p : m->people) {
        if (p.role != "member") continue;
        ++members;
        if (p.attendance == "present") voters.push_back({p.name, std::nullopt});
        if (p.attendance == "proxy") voters.push_back({p.name, p.proxy});
      }
      if (voters.empty())
        throw Error(ErrorKind::data, i18n::tr(N_("no member is present at meeting {}"), m->id),
                    "meeting");
      payload.electorate = "attendance";
      payload.members = members;
      payload.eligible = static_cast<std::int64_t>(voters.size());
      payload.voters = std::move(voters);
    }
    std::string closes;
    if (!text::trim(req.closes).empty()) {
      const auto t = parse_closing(c, req.closes, "closes");
      if (t <= ledger.session().clock.now())
        throw Error(
            ErrorKind::usage,
            i18n::tr(N_("the closing time {} has passed"), clock::format_local(t, c.timezone)),
            "closes");
      closes = clock::format_rfc3339(t, c.timezone);
    }
    payload.closes_at = closes;
    // Putting an issue to the vote is consultation: its round opens now.
    if (m) {
      payload.round = meetings::open_item_round(ledger, m->id, issue.id);
    } else if (issue.status == model::IssueStatus::accepted) {
      events::IssueTransition step;
      step.round = issue.rounds + 1;
      issues::transition(ledger, issue, model::IssueAction::consult, step);
    }
    payload.id = ledger.next_id(ledger::Counter::vote);
    ledger.append(events::kVoteOpen, payload.entity(), payload.to_json());
    out = get(ledger, payload.id);
  });
  return out;
}

Vote cast(ledger::Ledger& ledger, std::int64_t id, const std::string& voter,
          const std::string& choice) {
  const std::string who = issues::clean_field(voter, "voter", 500);
  const std::string what(text::trim(choice));
  if (who.empty()) throw Error(ErrorKind::usage, _("who votes?"), "voter", _("give --voter NAME"));
  Vote out;
  ledger.write([&] {
    const auto v = get(ledger, id);
    require_open(ledger, v, N_("ballots are cast in"));
    if (!named_ballots(v.method))
      throw Error(ErrorKind::usage,
                  i18n::tr(N_("vote {} is by {}: it keeps counts only, no ballot per person"), id,
                           v.method),
                  "voter", i18n::tr(N_("record the counts: consult vote tally {} --count …"), id));
    if (!v.closes_at.empty() && ledger.session().clock.now() > instant_of(v.closes_at))
      throw Error(ErrorKind::data,
                  i18n::tr(N_("ballots for vote {} closed at {}"), id, v.closes_at), {},
                  i18n::tr(N_("give more time with consult vote extend {} --closes DATE "
                              "--reason …, or close it"),
                           id));
    if (std::find(v.options.begin(), v.options.end(), what) == v.options.end()) {
      std::string list;
      for (const auto& o : v.options)
        list += (list.empty() ? "" : ", ") + o;
      throw Error(ErrorKind::usage, i18n::tr(N_("'{}' is not an option of vote {}"), what, id),
                  "choice", i18n::tr(N_("options: {}"), list));
    }
    events::VoteCast payload;
    payload.id = id;
    payload.choice = what;
    std::string name;
    // Names in messages as staff see them: members and guests of the
    // meeting named, residents masked.
    people::Directory at_meeting;
    auto said = [&](const std::string& n) {
      return at_meeting.shown(n, people::Field::speaker, false);
    };
    if (v.electorate == "roster") {
      const auto owner = owners::find_owner(ledger, v.community, who);
      if (!owner)
        throw Error(ErrorKind::data,
                    i18n::tr(N_("'{}' is neither a unit nor an owner on the roster of '{}'"),
                             personal::mask_name(who), v.community),
                    "voter", _("'consult owners list' shows the roster"));
      name = owner->name;
      payload.units = owner->units;
      payload.area = owner->area;
    } else {
      // A member present (or a resident, where residents vote), or the
      // proxy who came in a member's place: one of the voters the vote
      // listed when it opened.
      const auto m = meetings::get(ledger, *v.meeting);
      at_meeting = meetings::directory(people::Directory(), m);
      for (const auto& p : m.people)
        if (p.role != "guest" &&
            std::find(v.voters.begin(), v.voters.end(), p.name) != v.voters.end())
          if (p.name == who || (p.attendance == "proxy" && p.proxy == who)) name = p.name;
      if (name.empty())
        for (const auto& p : m.people)
          if (p.name == who && p.role == "guest")
            throw Error(ErrorKind::data,
                        i18n::tr(N_("{} came to meeting {} as a guest: guests speak, they do not "
                                    "vote"),
                                 said(who), *v.meeting),
                        "voter");
      if (name.empty())
        throw Error(
            ErrorKind::data,
            i18n::tr(N_("{} may not vote in vote {}: not recorded as present at meeting {}"),
                     personal::mask_name(who), id, *v.meeting),
            "voter",
            i18n::tr(N_("those who may vote: {}"),
                     at_meeting.shown_all(v.voters, people::Field::speaker, false)));
    }
    for (const auto& b : v.ballots)
      if (b.voter == name)
        throw Error(ErrorKind::data,
                    v.electorate == "roster"
                        ? i18n::tr(N_("owner {} (units {}) has already voted in vote {}"),
                                   personal::mask_name(name),
                                   fmt::format("{}", fmt::join(owners::shown_units(b.units, false),
                                                               ", ")),
                                   id)
                        : i18n::tr(N_("{} has already voted in vote {}"), said(name), id),
                    "voter", _("one ballot per voter; a ballot cannot be changed"));
    payload.voter = name;
    ledger.append(events::kVoteCast, payload.entity(), payload.to_json());
    out = get(ledger, id);
  });
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> parse_counts(const std::string& text) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    const std::string part(text::trim(std::string_view(text).substr(start, end - start)));
    start = end + 1;
    if (part.empty()) {
      if (end == text.size()) break;
      continue;
    }
    const auto eq = part.find('=');
    const std::string key(text::trim(part.substr(0, eq == std::string::npos ? 0 : eq)));
    const std::string num(text::trim(
        eq == std::string::npos ? std::string_view() : std::string_view(part).substr(eq + 1)));
    std::int64_t n = 0;
    bool ok = !key.empty() && !num.empty() && num.size() <= 12;
    for (char ch : num) {
      if (ch < '0' || ch > '9') {
        ok = false;
        break;
      }
      n = n * 10 + (ch - '0');
    }
    if (!ok)
      throw Error(ErrorKind::usage, i18n::tr(N_("'{}' is not OPTION=COUNT"), part), "count",
                  _("e.g. --count yes=9,no=1,abstain=2"));
    for (const auto& [k, _n] : out)
      if (k == key)
        throw Error(ErrorKind::usage, i18n::tr(N_("option '{}' is counted twice"), key), "count");
    out.emplace_back(key, n);
  }
  if (out.empty())
    throw Error(ErrorKind::usage, _("no counts given"), "count",
                _("e.g. --count yes=9,no=1,abstain=2"));
  return out;
}

Vote tally(ledger::Ledger& ledger, std::int64_t id,
           const std::vector<std::pair<std::string, std::int64_t>>& counts) {
  Vote out;
  ledger.write([&] {
    const auto v = get(ledger, id);
    require_open(ledger, v, N_("counts are recorded for"));
    if (named_ballots(v.method))
      throw Error(ErrorKind::usage,
                  i18n::tr(N_("vote {} is by {}: it is counted from its ballots"), id, v.method),
                  "count",
                  i18n::tr(N_("record each ballot: consult vote cast {} --voter NAME "
                              "--choice X"),
                           id));
    events::VoteTally t;
    t.id = id;
    std::int64_t sum = 0;
    for (const auto& [k, n] : counts) {
      if (std::find(v.options.begin(), v.options.end(), k) == v.options.end())
        throw Error(ErrorKind::usage, i18n::tr(N_("'{}' is not an option of vote {}"), k, id),
                    "count",
                    i18n::tr(N_("options: {}"), fmt::format("{}", fmt::join(v.options, ", "))));
      t.counts[k] = n;
      sum += n;
    }
    for (const auto& o : v.options)
      t.counts.try_emplace(o, 0);
    if (sum != v.eligible)
      throw Error(ErrorKind::data,
                  v.electorate == "headcount"
                      ? i18n::tr(N_("the counts add up to {}, but {} are present (the headcount "
                                    "of meeting {})"),
                                 sum, v.eligible, *v.meeting)
                      : i18n::tr(N_("the counts add up to {}, but {} members may vote (present "
                                    "at meeting {})"),
                                 sum, v.eligible, *v.meeting),
                  "count", _("count every one present; a blank ballot is an abstention"));
    ledger.append(events::kVoteTally, t.entity(), t.to_json());
    out = get(ledger, id);
  });
  return out;
}

Vote extend(ledger::Ledger& ledger, const config::Community& c, std::int64_t id,
            const std::string& closes, const std::string& reason) {
  const std::string why = issues::clean_field(reason, "reason", 2000, true);
  if (why.empty())
    throw Error(ErrorKind::usage, _("an extension needs a reason"), "reason",
                _("e.g. --reason \"收回书面意见不足三分之二，延长征集\""));
  const auto t = parse_closing(c, closes, "closes");
  Vote out;
  ledger.write([&] {
    const auto v = get(ledger, id);
    require_open(ledger, v, N_("only"));
    if (t <= ledger.session().clock.now())
      throw Error(
          ErrorKind::usage,
          i18n::tr(N_("the new closing time {} has passed"), clock::format_local(t, c.timezone)),
          "closes");
    if (!v.closes_at.empty() && t <= instant_of(v.closes_at))
      throw Error(
          ErrorKind::usage,
          i18n::tr(N_("vote {} already closes at {}; an extension ends later"), id, v.closes_at),
          "closes");
    events::VoteExtend x;
    x.id = id;
    x.closes_at = clock::format_rfc3339(t, c.timezone);
    x.before = v.closes_at;
    x.reason = why;
    ledger.append(events::kVoteExtend, x.entity(), x.to_json());
    out = get(ledger, id);
  });
  return out;
}

Evaluation evaluate(const config::Community& c, const Vote& v) {
  Evaluation ev;
  auto& n = ev.count;
  n.members = v.members;
  n.present = v.eligible;
  n.area_total = v.area_total;
  std::map<std::string, std::int64_t> votes, area;
  if (named_ballots(v.method)) {
    for (const auto& b : v.ballots) {
      ++votes[b.choice];
      area[b.choice] += b.area;
      n.area_participating += b.area;
    }
    // Owners count by who took part: a ballot returned, whatever it says.
    if (v.electorate == "roster") n.present = static_cast<std::int64_t>(v.ballots.size());
  } else {
    for (const auto& [k, cnt] : v.counts)
      votes[k] = cnt;
  }
  const bool yes_no = std::any_of(v.options.begin(), v.options.end(), is_yes);
  std::string winner;
  bool tie = false;
  std::int64_t best = -1;
  for (const auto& o : v.options) {
    if (is_abstain(o)) {
      n.abstain += votes[o];
      continue;
    }
    if (yes_no) {
      if (is_yes(o)) {
        n.yes += votes[o];
        n.area_yes += area[o];
      } else {
        n.no += votes[o];
      }
      continue;
    }
    if (votes[o] > best) {
      best = votes[o];
      winner = o;
      tie = false;
    } else if (votes[o] == best) {
      tie = true;
    }
  }
  if (!yes_no) {
    // Choosing between alternatives: the one with most votes is put to the
    // rule as "for", all other alternatives as "against". A tie fails.
    for (const auto& o : v.options)
      if (!is_abstain(o)) {
        if (o == winner) {
          n.yes = votes[o];
          n.area_yes = area[o];
        } else {
          n.no += votes[o];
        }
      }
  }
  n.objection = n.no > 0;
  const auto profile = profile_of(c, v.profile);
  // A meeting that counts heads states its quorum against those entitled.
  ev.decision = rules::decide(profile, n, v.matter,
                              v.electorate == "headcount"
                                  ? std::optional<rules::Counted>(rules::Counted::entitled)
                                  : std::nullopt);
  if (!yes_no && tie && best > 0) {
    std::vector<std::string> tied;
    for (const auto& o : v.options)
      if (!is_abstain(o) && votes[o] == best) tied.push_back(o);
    ev.decision.approved = false;
    ev.decision.reason = i18n::tr(N_("{}: a tie between {} ({} each)"), _("rejected"),
                                  fmt::format("{}", fmt::join(tied, ", ")), best);
    winner.clear();
  }
  if (yes_no) winner = ev.decision.approved ? "yes" : "";
  if (!yes_no && !ev.decision.approved) winner.clear();
  if (!yes_no && ev.decision.approved) ev.decision.reason += " — " + winner;
  ev.winner = winner;
  return ev;
}

Closed close(ledger::Ledger& ledger, const config::Community& c, std::int64_t id) {
  Closed out;
  ledger.write([&] {
    const auto v = get(ledger, id);
    require_open(ledger, v, N_("only"));
    if (!named_ballots(v.method) && !v.tallied)
      throw Error(
          ErrorKind::data, i18n::tr(N_("vote {} has no counts yet"), id), {},
          i18n::tr(N_("record them first: consult vote tally {} --count yes=N,no=N,…"), id));
    if (named_ballots(v.method) && v.ballots.empty())
      throw Error(ErrorKind::data, i18n::tr(N_("vote {} has no ballots"), id), {},
                  i18n::tr(N_("record them with consult vote cast {} --voter … --choice …"), id));
    const auto now = ledger.session().clock.now();
    if (!v.closes_at.empty() && now < instant_of(v.closes_at))
      out.warnings.push_back(
          i18n::tr(N_("vote {} is closed before its closing time {}"), id, v.closes_at));
    const auto ev = evaluate(c, v);
    bool approved = ev.decision.approved;
    std::string reason = ev.decision.reason;
    std::optional<meetings::Meeting> m;
    if (v.meeting) {
      m = meetings::get(ledger, *v.meeting);
      const auto q = meetings::quorum(c, *m);
      // An owners' vote counts the owners on the roster by head and area
      // (art. 278): its own participation is the assembly's quorum, never
      // the attendance of the meeting it was announced at.
      if (approved && q.has_rule && !q.ok() && v.electorate != "roster") {
        approved = false;
        reason = i18n::tr(N_("{}: meeting {} is not quorate: {} (the vote itself: {})"),
                          _("rejected"), m->id, q.statement, reason);
      }
    }
    events::VoteClose closing;
    closing.id = id;
    if (named_ballots(v.method)) {
      for (const auto& o : v.options)
        closing.counts[o] = 0;
      for (const auto& b : v.ballots)
        ++closing.counts[b.choice];
    } else {
      for (const auto& [k, cnt] : v.counts)
        closing.counts[k] = cnt;
    }
    closing.result = approved ? "approved" : "rejected";
    closing.reason = reason;
    const auto did = ledger.next_id(ledger::Counter::decision);
    closing.decision = did;
    ledger.append(events::kVoteClose, closing.entity(), closing.to_json());
    decisions::Decision d;
    d.community = c.id;
    d.issue = v.issue;
    d.vote = id;
    d.meeting = v.meeting;
    d.result = approved ? "approved" : "rejected";
    d.text = ev.winner.empty() || ev.winner == "yes" ? v.question : v.question + " — " + ev.winner;
    d.profile = v.profile;
    d.reason = reason;
    if (decisions::record(ledger, c, d) != did)
      throw Error(ErrorKind::internal, "decision got another id than its vote says");

    // The issue's step: decided, or back to consultation.
    const auto issue = issues::get(ledger, v.issue);
    const auto action = approved ? model::IssueAction::decide : model::IssueAction::consult;
    const auto next = model::next_status(issue.status, action);
    if (m) {
      const auto it = std::find_if(m->items.begin(), m->items.end(),
                                   [&](const auto& i) { return i.issue.id == v.issue; });
      if (it != m->items.end() && it->outcome.empty() && next) {
        meetings::Outcome o;
        o.issue = v.issue;
        o.result = approved ? "decided" : "next-round";
        o.note = reason;
        o.vote = id;
        o.decision = did;
        meetings::outcome(ledger, c, *v.meeting, o);
      } else {
        out.warnings.push_back(i18n::tr(N_("issue {} is {}: the vote did not change it"), issue.id,
                                        model::to_string(issue.status)));
      }
    } else if (next) {
      events::IssueTransition step;
      step.vote = id;
      step.decision = did;
      if (!approved) step.round = issue.rounds + 1;
      issues::transition(ledger, issue, action, step);
    } else {
      out.warnings.push_back(i18n::tr(N_("issue {} is {}: the vote did not change it"), issue.id,
                                      model::to_string(issue.status)));
    }
    out.vote = get(ledger, id);
    out.decision = decisions::get(ledger, did);
  });
  return out;
}

json to_json(const Vote& v, bool reveal) {
  json counts = json::object();
  for (const auto& [k, n] : v.counts)
    counts[k] = n;
  json ballots = json::array();
  for (const auto& b : v.ballots) {
    json j = {{"voter", v.electorate == "roster" && !reveal ? personal::mask_name(b.voter) : b.voter},
              {"choice", b.choice},
              {"at", b.at}};
    if (v.electorate == "roster") {
      j["units"] = owners::shown_units(b.units, reveal);
      j["area"] = rules::format_area(b.area);
    }
    ballots.push_back(std::move(j));
  }
  json ext = json::array();
  for (const auto& x : v.extensions)
    ext.push_back(
        {{"closes_at", x.closes_at}, {"before", x.before}, {"reason", x.reason}, {"at", x.at}});
  json j = {{"id", v.id},
            {"community", v.community},
            {"meeting", v.meeting ? json(*v.meeting) : json(nullptr)},
            {"issue", v.issue},
            {"question", v.question},
            {"options", v.options},
            {"method", v.method},
            {"rule", v.profile},
            {"electorate", v.electorate},
            {"members", v.members},
            {"eligible", v.eligible},
            {"closes_at", v.closes_at},
            {"status", v.status},
            {"counts", v.tallied || v.status == "closed" ? counts : json(nullptr)},
            {"ballots", ballots},
            {"extensions", ext},
            {"result", v.result},
            {"reason", v.reason},
            {"opened_at", v.created_at}};
  if (v.matter) j["matter"] = v.matter;
  if (v.electorate == "roster") j["area_total"] = rules::format_area(v.area_total);
  if (v.electorate == "attendance" || !v.voters.empty()) j["voters"] = v.voters;
  return j;
}

Vote shown(ledger::Ledger& ledger, const people::Directory& who, const Vote& recorded,
           bool reveal) {
  if (reveal) return recorded;
  Vote v = recorded;
  auto names = issues::residents(issues::get(ledger, v.issue), &who);
  const auto of_meeting = meetings::residents(ledger, who, v.meeting);
  names.insert(names.end(), of_meeting.begin(), of_meeting.end());
  // Owners who voted are residents, as the public notice masks them; so
  // are the residents who voted at a building group's or residents'
  // meeting (members and guests of the meeting stay named).
  const auto at = v.meeting ? meetings::find(ledger, *v.meeting) : std::nullopt;
  const auto people_of = at ? meetings::directory(who, *at) : who;
  auto resident = [&](const std::string& name) {
    return v.electorate == "roster" ||
           people_of.kind_of(name, people::Field::speaker) == people::Kind::resident;
  };
  for (const auto& b : v.ballots)
    if (resident(b.voter)) names.push_back(b.voter);
  // An owner's name is masked where it is shown (to_json, the table).
  if (v.electorate != "roster") {
    for (auto& b : v.ballots)
      if (resident(b.voter)) b.voter = personal::mask_name(b.voter);
    for (auto& n : v.voters)
      if (resident(n)) n = personal::mask_name(n);
  }
  auto mask = [&](std::string& t) { t = personal::mask_in_text(t, names); };
  mask(v.question);
  mask(v.reason);
  // Options, counts and ballots' choices alike, so that they still match;
  // two options that mask alike (张立华方案, 张秀华方案) are told apart by
  // their place: 张*华方案（2）.
  std::map<std::string, std::string> shown_option;
  std::set<std::string> used;
  for (std::size_t k = 0; k < v.options.size(); ++k) {
    auto masked = personal::mask_in_text(v.options[k], names);
    if (!used.insert(masked).second) {
      masked += fmt::format("（{}）", k + 1);
      used.insert(masked);
    }
    shown_option.emplace(v.options[k], masked);
  }
  auto option = [&](std::string& o) {
    const auto it = shown_option.find(o);
    o = it != shown_option.end() ? it->second : personal::mask_in_text(o, names);
  };
  for (auto& o : v.options)
    option(o);
  for (auto& [o, n] : v.counts)
    option(o);
  for (auto& b : v.ballots)
    option(b.choice);
  for (auto& x : v.extensions)
    mask(x.reason);
  return v;
}

std::vector<std::pair<std::int64_t, std::string>> completion_candidates(ledger::Ledger& ledger) {
  SQLite::Statement q(ledger.db(),
                      "SELECT id, question, issue, meeting FROM vote ORDER BY id DESC LIMIT 100");
  std::vector<std::pair<std::int64_t, std::string>> out;
  const people::Directory none; // without the roster
  while (q.executeStep()) {
    auto names = issues::residents(ledger, q.getColumn(2).getInt64());
    if (!q.getColumn(3).isNull()) {
      const auto of_meeting = meetings::residents(ledger, none, q.getColumn(3).getInt64());
      names.insert(names.end(), of_meeting.begin(), of_meeting.end());
    }
    out.emplace_back(q.getColumn(0).getInt64(),
                     personal::mask_in_text(q.getColumn(1).getString(), names));
  }
  return out;
}

} // namespace consult::votes
