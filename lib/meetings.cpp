#include "consult/meetings.hpp"

#include "consult/calendar.hpp"
#include "consult/decisions.hpp"
#include "consult/error.hpp"
#include "consult/events_meeting.hpp"
#include "consult/i18n.hpp"
#include "consult/issues.hpp"
#include "consult/owners.hpp"
#include "consult/personal.hpp"
#include "consult/text.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace consult::meetings {

using nlohmann::json;

namespace {

constexpr const char* kMeetingColumns =
    "id, community, kind, title, starts_at, ends_at, starts_utc, ends_utc, local_date, venue, "
    "online, chair, recorder, profile, schedule, schedule_date, status, reason, created_at, "
    "updated_at, created_seq, updated_seq, entitled, headcount, body";

Meeting read_meeting(SQLite::Statement& q) {
  Meeting m;
  m.id = q.getColumn(0).getInt64();
  m.community = q.getColumn(1).getString();
  m.kind = q.getColumn(2).getString();
  m.title = q.getColumn(3).getString();
  m.starts_at = q.getColumn(4).getString();
  m.ends_at = q.getColumn(5).getString();
  m.starts_utc = q.getColumn(6).getInt64();
  m.ends_utc = q.getColumn(7).getInt64();
  m.local_date = q.getColumn(8).getString();
  m.venue = q.getColumn(9).getString();
  m.online = q.getColumn(10).getString();
  m.chair = q.getColumn(11).getString();
  m.recorder = q.getColumn(12).getString();
  m.profile = q.getColumn(13).getString();
  m.schedule = q.getColumn(14).getString();
  m.schedule_date = q.getColumn(15).getString();
  m.status = q.getColumn(16).getString();
  m.reason = q.getColumn(17).getString();
  m.created_at = q.getColumn(18).getString();
  m.updated_at = q.getColumn(19).getString();
  m.created_seq = q.getColumn(20).getInt64();
  m.updated_seq = q.getColumn(21).getInt64();
  m.entitled = q.getColumn(22).getInt64();
  if (!q.getColumn(23).isNull()) m.headcount = q.getColumn(23).getInt64();
  m.body = q.getColumn(24).getString();
  return m;
}

std::string clean(const std::string& value, const char* field, std::size_t max_bytes = 500,
                  bool multiline = false) {
  return issues::clean_field(value, field, max_bytes, multiline);
}

/// When a meeting starts and ends.
struct Times {
  clock::Instant starts;
  std::optional<clock::Instant> ends;
  clock::Date date;
};

Times parse_times(const config::Community& c, const std::string& at, const std::string& until) {
  const auto zone = c.timezone;
  const std::string at_text(text::trim(at));
  const auto starts = clock::parse_instant(at_text, zone);
  if (!starts || at_text.find(':') == std::string::npos)
    throw Error(ErrorKind::usage, i18n::tr(N_("'{}' is not a date and time"), at), "at",
                _("write it as \"2026-12-03 19:30\" (the community's local time)"));
  Times t{*starts, std::nullopt, clock::local_date(*starts, zone)};
  const std::string until_text(text::trim(until));
  if (!until_text.empty()) {
    std::optional<clock::Instant> ends;
    if (until_text.size() <= 5) // "21:00": the same day
      ends = clock::parse_instant(clock::format_date(t.date) + " " + until_text, zone);
    else
      ends = clock::parse_instant(until_text, zone);
    if (!ends || until_text.find(':') == std::string::npos)
      throw Error(ErrorKind::usage, i18n::tr(N_("'{}' is not a time"), until), "until",
                  _("write it as \"21:00\" or \"2026-12-03 21:00\""));
    if (*ends <= *starts)
      throw Error(ErrorKind::usage,
                  i18n::tr(N_("the meeting ends ({}) before it starts ({})"),
                           clock::format_local(*ends, zone), clock::format_local(*starts, zone)),
                  "until");
    t.ends = ends;
  }
  return t;
}

std::int64_t epoch(clock::Instant t) {
  return t.time_since_epoch().count();
}

events::MeetingTimes event_times(const config::Community& c, const Times& t) {
  events::MeetingTimes out;
  out.starts_at = clock::format_rfc3339(t.starts, c.timezone);
  out.ends_at = t.ends ? clock::format_rfc3339(*t.ends, c.timezone) : std::string();
  out.starts_utc = epoch(t.starts);
  out.ends_utc = t.ends ? epoch(*t.ends) : epoch(t.starts + std::chrono::hours(kDefaultHours));
  out.local_date = clock::format_date(t.date);
  return out;
}

/// Warnings (or, under notice_policy = "refuse", an error) about when and
/// where a meeting is planned.
std::vector<std::string> check_plan(ledger::Ledger& ledger, const config::Community& c,
                                    const events::MeetingTimes& t, const std::string& venue,
                                    std::int64_t self, bool scheduled) {
  std::vector<std::string> warnings;
  const auto now = ledger.session().clock.now();
  const auto starts = t.starts_utc;
  const auto date = *clock::parse_date(t.local_date);
  if (starts < epoch(now)) {
    warnings.push_back(
        i18n::tr(N_("the meeting on {} is in the past: recorded as held"), t.local_date));
  } else if (!scheduled) {
    const auto today = clock::local_date(now, c.timezone);
    if (calendar::inside_notice(today, date, c.rules.notice_days)) {
      const auto days = (std::chrono::sys_days(date) - std::chrono::sys_days(today)).count();
      const auto earliest =
          clock::format_date(std::chrono::sys_days(today) + std::chrono::days(c.rules.notice_days));
      const std::string message = i18n::tr(
          N_("the meeting on {} is {} day(s) away, inside the notice period: rules.notice_days "
             "= {} in {}"),
          t.local_date, days, c.rules.notice_days, c.source);
      if (c.rules.notice_policy == "refuse")
        throw Error(ErrorKind::data, message, "at",
                    i18n::tr(N_("plan it on {} or later; the rules (notice_policy = \"refuse\") "
                                "do not allow less notice"),
                             earliest));
      warnings.push_back(message);
    }
  }
  if (!venue.empty()) {
    SQLite::Statement q(ledger.db(), R"sql(
      SELECT id, title, starts_at FROM meeting
      WHERE community = ? AND venue = ? AND status <> 'cancelled' AND id <> ?
        AND starts_utc < ? AND ends_utc > ? ORDER BY starts_utc)sql");
    q.bind(1, c.id);
    q.bind(2, venue);
    q.bind(3, self);
    q.bind(4, t.ends_utc);
    q.bind(5, starts);
    while (q.executeStep())
      warnings.push_back(i18n::tr(N_("{} is also booked for meeting {} ({}, {})"), venue,
                                  q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                                  q.getColumn(2).getString()));
  }
  return warnings;
}

bool in_term(const config::Member& m, clock::Date date) {
  if (m.since && date < *m.since) return false;
  if (m.until && date > *m.until) return false;
  return true;
}

/// Who is due at a meeting of `body` on `date`: the council's members in
/// term by seat (the "6"), another body's members in term; then the
/// stakeholders of the agenda's issues (the "X"), invited to any meeting.
/// An informal meeting (no body) has no members due.
std::vector<events::MeetingPerson> invitees(const config::Community& c, const config::Body* body,
                                            clock::Date date,
                                            const std::vector<model::Issue>& agenda) {
  std::vector<events::MeetingPerson> people;
  std::set<std::string> names;
  if (body && body->type == "council") {
    for (const auto& seat : c.council.seats)
      for (const auto& m : seat.members)
        if (in_term(m, date) && names.insert(m.name).second)
          people.push_back({m.name, "member", seat.key, m.role, "invited", {}, {}});
  } else if (body) {
    for (const auto& m : body->members)
      if (in_term(m, date) && names.insert(m.name).second)
        people.push_back({m.name, "member", "", m.role, "invited", {}, {}});
  }
  std::map<std::string, std::string> issues_of;
  std::vector<std::string> order;
  for (const auto& issue : agenda)
    for (const auto& s : issue.stakeholders) {
      if (names.count(s)) continue;
      auto& d = issues_of[s];
      if (d.empty()) order.push_back(s);
      d += (d.empty() ? "#" : " #") + std::to_string(issue.id);
    }
  for (const auto& s : order)
    people.push_back({s, "stakeholder", "", issues_of[s], "invited", {}, {}});
  return people;
}

/// The body a member of the community belongs to, and their seat if it is
/// the council's: the first body listing `name` (the council first).
std::optional<std::pair<const config::Body*, std::string>>
member_of(const config::Community& c, const std::string& name) {
  for (const auto& seat : c.council.seats)
    for (const auto& m : seat.members)
      if (m.name == name) return std::pair{&c.council_body(), seat.key};
  for (const auto& b : c.bodies)
    for (const auto& m : b.members)
      if (m.name == name) return std::pair{&b, std::string()};
  return std::nullopt;
}

/// The profile a meeting of `kind` held by `body` decides by: the kind's
/// default ([rules.defaults]) when the body holds the kind, else the body's
/// own (a building group's bench meeting), else none.
std::optional<config::Profile> profile_for(const config::Community& c, const std::string& kind,
                                           const config::Body* body) {
  if (!body) return std::nullopt;
  const bool holds = std::find(body->kinds.begin(), body->kinds.end(), kind) != body->kinds.end();
  if (holds)
    if (auto p = config::kind_profile(c, kind)) return p;
  if (!body->profile.empty()) return config::find_profile(c, body->profile);
  if (!holds)
    for (const auto& k : body->kinds)
      if (auto p = config::kind_profile(c, k)) return p;
  return std::nullopt;
}

bool can_be_on_agenda(model::IssueStatus s) {
  return s == model::IssueStatus::accepted || s == model::IssueStatus::consulting;
}

std::optional<std::int64_t> planned_elsewhere(ledger::Ledger& ledger, std::int64_t issue,
                                              std::int64_t self) {
  SQLite::Statement q(ledger.db(), R"sql(
    SELECT m.id FROM meeting_item mi JOIN meeting m ON m.id = mi.meeting
    WHERE mi.issue = ? AND m.status = 'planned' AND m.id <> ? ORDER BY m.starts_utc LIMIT 1)sql");
  q.bind(1, issue);
  q.bind(2, self);
  if (q.executeStep()) return q.getColumn(0).getInt64();
  return std::nullopt;
}

void require_planned(const Meeting& m, const char* doing) {
  if (m.status != "planned")
    throw Error(ErrorKind::data,
                i18n::tr(N_("cannot {} meeting {}: it is {}"), _(doing), m.id, m.status), {},
                m.status == "closed" ? _("a closed meeting's record is final")
                                     : _("plan a new meeting with 'consult meeting plan'"));
}

/// A meeting is not closed or cancelled while a vote at it is open: the
/// vote would be left with nowhere to record its result.
void refuse_open_votes(ledger::Ledger& ledger, std::int64_t id) {
  SQLite::Statement v(ledger.db(), "SELECT id, issue FROM vote WHERE meeting = ? AND status = "
                                   "'open' ORDER BY id LIMIT 1");
  v.bind(1, id);
  if (v.executeStep())
    throw Error(ErrorKind::data,
                i18n::tr(N_("vote {} on issue {} is still open at meeting {}"),
                         v.getColumn(0).getInt64(), v.getColumn(1).getInt64(), id),
                {},
                i18n::tr(N_("close it first: consult vote close {}"), v.getColumn(0).getInt64()));
}

const Item& agenda_item(const Meeting& m, std::int64_t issue) {
  for (const auto& it : m.items)
    if (it.issue.id == issue) return it;
  throw Error(ErrorKind::data,
              i18n::tr(N_("issue {} is not on the agenda of meeting {}"), issue, m.id), "issue",
              _("see the agenda with 'consult meeting show'"));
}

/// Opens the item's consultation round if it is not open yet (the issue
/// moves to, or stays in, consulting with its round count up by one).
/// Returns the round.
int open_round(ledger::Ledger& ledger, const Meeting& m, const Item& item) {
  if (item.round > 0) return item.round;
  const auto issue = issues::get(ledger, item.issue.id);
  if (!model::next_status(issue.status, model::IssueAction::consult)) return issue.rounds;
  events::IssueTransition step;
  step.round = issue.rounds + 1;
  step.meeting = m.id;
  issues::transition(ledger, issue, model::IssueAction::consult, step);
  return *step.round;
}

/// "NAME=VALUE" → {NAME, VALUE}; "NAME" → {NAME, ""}.
std::pair<std::string, std::string> split_pair(const std::string& s, const char* field) {
  const auto eq = s.find('=');
  std::string name = clean(eq == std::string::npos ? s : s.substr(0, eq), field);
  std::string value = eq == std::string::npos ? std::string() : clean(s.substr(eq + 1), field);
  if (name.empty())
    throw Error(ErrorKind::usage, i18n::tr(N_("'{}' names nobody"), s), field,
                _("give a name, e.g. 王建国"));
  return {std::move(name), std::move(value)};
}

std::vector<Item> read_items(ledger::Ledger& ledger, std::int64_t id) {
  SQLite::Statement q(ledger.db(), "SELECT position, issue, carried, round, outcome, note "
                                   "FROM meeting_item WHERE meeting = ? ORDER BY position");
  q.bind(1, id);
  std::vector<Item> out;
  while (q.executeStep()) {
    Item it;
    it.position = q.getColumn(0).getInt();
    it.issue = issues::get(ledger, q.getColumn(1).getInt64());
    it.carried = q.getColumn(2).getInt() != 0;
    it.round = q.getColumn(3).getInt();
    it.outcome = q.getColumn(4).getString();
    it.note = q.getColumn(5).getString();
    out.push_back(std::move(it));
  }
  return out;
}

} // namespace

std::vector<Candidate> agenda_candidates(ledger::Ledger& ledger, const config::Community& community,
                                         clock::Date date, int max) {
  const auto cutoff = calendar::notice_cutoff(date, community.rules.notice_days);
  // Two index ranges of issue_by_status (accepted, consulting) up to the
  // cutoff date; each candidate's meetings through meeting_item_by_issue.
  SQLite::Statement q(ledger.db(), R"sql(
    SELECT i.id,
      EXISTS (SELECT 1 FROM meeting_item mi JOIN meeting m ON m.id = mi.meeting
              WHERE mi.issue = i.id AND m.status = 'closed') AS carried
    FROM issue i
    WHERE i.community = ?1 AND i.status IN ('accepted', 'consulting') AND i.raised_on <= ?2
      AND NOT EXISTS (SELECT 1 FROM meeting_item mi JOIN meeting m ON m.id = mi.meeting
                      WHERE mi.issue = i.id AND m.status = 'planned')
    ORDER BY carried DESC,
      CASE i.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END,
      i.raised_on, i.raised_count DESC, i.id
    LIMIT ?3)sql");
  q.bind(1, community.id);
  q.bind(2, clock::format_date(cutoff));
  q.bind(3, max);
  std::vector<Candidate> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt() != 0});
  return out;
}

Planned plan(ledger::Ledger& ledger, const config::Community& c, const PlanRequest& req) {
  const auto* kind = c.meeting_kind(req.kind);
  if (!kind) {
    std::string keys;
    for (const auto& k : c.meeting_kinds)
      keys += (keys.empty() ? "" : ", ") + k.key + " (" + k.label + ")";
    throw Error(ErrorKind::usage,
                i18n::tr(N_("unknown meeting kind '{}' for community '{}'"), req.kind, c.id),
                "kind", i18n::tr(N_("known kinds: {}"), keys));
  }
  const Times times = parse_times(c, req.at, req.until);
  const std::string title = clean(req.title, "title");
  const std::string venue = clean(req.venue, "venue");
  const std::string online = clean(req.online, "online", 2000);
  if (!online.empty() && online.find("://") == std::string::npos)
    throw Error(ErrorKind::usage, i18n::tr(N_("'{}' is not a link"), online), "online",
                _("give the meeting's link, e.g. https://meeting.example/123"));
  if (req.max < 0 || req.max > static_cast<int>(kMaxItems))
    throw Error(ErrorKind::usage,
                i18n::tr(N_("an agenda holds 1 to {} issues, not {}"), kMaxItems, req.max), "max");
  if (req.issues.size() > kMaxItems)
    throw Error(
        ErrorKind::usage,
        i18n::tr(N_("{} issues named; an agenda holds at most {}"), req.issues.size(), kMaxItems),
        "issue");
  // The body holding it: named, or the one that holds the kind, or none.
  const config::Body* body = c.body_of_kind(req.kind);
  if (!req.body.empty()) {
    const auto* named = c.body(req.body);
    if (!named) {
      std::string keys;
      for (const auto& b : c.bodies)
        keys += (keys.empty() ? "" : ", ") + b.key + " (" + b.name + ")";
      throw Error(ErrorKind::usage,
                  i18n::tr(N_("community '{}' has no body '{}'"), c.id, req.body), "body",
                  i18n::tr(N_("its bodies: {}"), keys));
    }
    if (body && body != named)
      throw Error(ErrorKind::usage,
                  i18n::tr(N_("meetings of kind '{}' are held by {} ({}), not by {}"), req.kind,
                           body->name, body->key, named->name),
                  "body", _("leave out --body, or choose a kind that body holds or an informal kind"));
    body = named;
  }
  const auto profile = profile_for(c, req.kind, body);
  if (req.entitled < 0 || req.entitled > kMaxEntitled)
    throw Error(
        ErrorKind::usage,
        i18n::tr(N_("{} people entitled is out of range (1 to {})"), req.entitled, kMaxEntitled),
        "entitled");
  const std::string who = body ? body->electorate : std::string();
  if (req.entitled > 0 && who == "members")
    throw Error(ErrorKind::usage,
                i18n::tr(N_("{} counts its members, not those entitled"), body->name), "entitled",
                _("--entitled is for meetings of residents or owners"));

  Planned out;
  ledger.write([&] {
    issues::sync_community(ledger, c);
    const auto id = ledger.next_id(ledger::Counter::meeting);
    events::MeetingPlan p;
    p.id = id;
    p.community = c.id;
    p.kind = req.kind;
    p.title = title.empty() ? kind->label : title;
    p.times = event_times(c, times);
    p.venue = venue;
    p.online = online;
    p.chair = clean(req.chair, "chair");
    p.recorder = clean(req.recorder, "recorder");
    p.profile = profile ? profile->key : std::string();
    p.body = body ? body->key : std::string();
    // Those entitled: as given; else the body's (a building group's
    // households); for the owners' assembly, the owners on the roster.
    std::int64_t entitled = req.entitled;
    if (entitled == 0 && who == "residents") entitled = body->entitled;
    if (entitled == 0 && who == "owners")
      entitled = static_cast<std::int64_t>(owners::roster(ledger, c.id).owners.size());
    if (entitled == 0 && (who == "residents" || who == "owners"))
      throw Error(ErrorKind::usage,
                  i18n::tr(N_("how many are entitled to attend this meeting of {}?"), body->name),
                  "entitled",
                  who == "owners"
                      ? _("import the owners' roster first (consult owners import), or give "
                          "--entitled N")
                      : i18n::tr(N_("give --entitled N, or set entitled = N for body '{}' in {}"),
                                 body->key, c.source.empty() ? c.id : c.source));
    p.entitled = entitled;
    p.schedule = req.schedule;
    p.schedule_date = req.schedule_date;
    out.warnings = check_plan(ledger, c, p.times, p.venue, id, !req.schedule.empty());

    std::vector<model::Issue> agenda;
    std::set<std::int64_t> seen;
    auto& items = p.items;
    for (const auto issue_id : req.issues) {
      if (!seen.insert(issue_id).second) continue;
      const auto issue = issues::get(ledger, issue_id);
      if (issue.community != c.id)
        throw Error(ErrorKind::data,
                    i18n::tr(N_("issue {} belongs to community '{}', not '{}'"), issue_id,
                             issue.community, c.id),
                    "issue");
      if (!can_be_on_agenda(issue.status))
        throw Error(ErrorKind::data,
                    i18n::tr(N_("issue {} cannot be put on an agenda: it is {}"), issue_id,
                             model::to_string(issue.status)),
                    "issue",
                    issue.status == model::IssueStatus::collected
                        ? _("accept it first with 'consult issue accept'")
                        : _("only accepted issues and issues in consultation go on an agenda"));
      if (const auto other = planned_elsewhere(ledger, issue_id, id))
        out.warnings.push_back(
            i18n::tr(N_("issue {} is also on the agenda of meeting {}"), issue_id, *other));
      SQLite::Statement closed(ledger.db(), R"sql(
        SELECT 1 FROM meeting_item mi JOIN meeting m ON m.id = mi.meeting
        WHERE mi.issue = ? AND m.status = 'closed' LIMIT 1)sql");
      closed.bind(1, issue_id);
      items.push_back({issue_id, closed.executeStep()});
      agenda.push_back(issue);
    }
    if (req.auto_agenda) {
      const int max = req.max > 0 ? req.max : c.rules.agenda_max;
      const int room = max - static_cast<int>(items.size());
      if (room > 0)
        for (const auto& cand :
             agenda_candidates(ledger, c, times.date, room + static_cast<int>(seen.size()))) {
          if (static_cast<int>(items.size()) >= max) break;
          if (!seen.insert(cand.issue).second) continue;
          items.push_back({cand.issue, cand.carried});
          agenda.push_back(issues::get(ledger, cand.issue));
        }
    }
    p.people = invitees(c, body, times.date, agenda);
    ledger.append(events::kMeetingPlan, p.entity(), p.to_json());
    out.meeting = get(ledger, id);
  });
  return out;
}

Planned change_agenda(ledger::Ledger& ledger, const config::Community& c, std::int64_t id,
                      const AgendaChange& ch) {
  if (ch.add.empty() && ch.remove.empty() && ch.move == 0)
    throw Error(ErrorKind::usage, _("no change of the agenda given"), {},
                _("give --add ISSUE, --remove ISSUE or --move ISSUE --to N"));
  if (ch.move != 0 && ch.to < 1)
    throw Error(ErrorKind::usage, _("where to? give --to N, the new position (1 is first)"), "to");
  if (ch.at < 0) throw Error(ErrorKind::usage, _("positions start at 1"), "at");
  const std::string reason = clean(ch.reason, "reason", 2000, true);
  Planned out;
  ledger.write([&] {
    const auto m = get(ledger, id);
    if (m.community != c.id)
      throw Error(ErrorKind::internal, "agenda changed with another community's rules");
    require_planned(m, N_("change the agenda of"));
    events::MeetingAgenda e;
    e.id = id;
    e.reason = reason;
    std::vector<events::MeetingItem> items;
    for (const auto& it : m.items)
      items.push_back({it.issue.id, it.carried});
    auto find = [&](std::int64_t issue) {
      return std::find_if(items.begin(), items.end(),
                          [&](const auto& it) { return it.issue == issue; });
    };
    for (const auto issue : ch.remove) {
      const auto it = find(issue);
      if (it == items.end())
        throw Error(ErrorKind::data,
                    i18n::tr(N_("issue {} is not on the agenda of meeting {}"), issue, id),
                    "remove");
      const auto& item = agenda_item(m, issue);
      SQLite::Statement v(ledger.db(), "SELECT 1 FROM vote WHERE meeting = ? AND issue = ?");
      v.bind(1, id);
      v.bind(2, issue);
      if (item.round > 0 || !item.outcome.empty() || v.executeStep())
        throw Error(ErrorKind::data,
                    i18n::tr(N_("issue {} has been taken up at meeting {}: it stays on the agenda"),
                             issue, id),
                    "remove",
                    _("record its outcome instead, e.g. consult meeting outcome … --result "
                      "next-round"));
      items.erase(it);
      e.removed.push_back(issue);
    }
    std::set<std::string> named;
    for (const auto& p : m.people)
      named.insert(p.name);
    std::vector<model::Issue> added;
    std::vector<events::MeetingItem> adding;
    for (const auto issue_id : ch.add) {
      if (find(issue_id) != items.end() ||
          std::any_of(adding.begin(), adding.end(),
                      [&](const auto& it) { return it.issue == issue_id; }))
        throw Error(ErrorKind::data,
                    i18n::tr(N_("issue {} is already on the agenda of meeting {}"), issue_id, id),
                    "add");
      const auto issue = issues::get(ledger, issue_id);
      if (issue.community != c.id)
        throw Error(ErrorKind::data,
                    i18n::tr(N_("issue {} belongs to community '{}', not '{}'"), issue_id,
                             issue.community, c.id),
                    "add");
      if (!can_be_on_agenda(issue.status))
        throw Error(ErrorKind::data,
                    i18n::tr(N_("issue {} cannot be put on an agenda: it is {}"), issue_id,
                             model::to_string(issue.status)),
                    "add",
                    issue.status == model::IssueStatus::collected
                        ? _("accept it first with 'consult issue accept'")
                        : _("only accepted issues and issues in consultation go on an agenda"));
      if (const auto other = planned_elsewhere(ledger, issue_id, id))
        out.warnings.push_back(
            i18n::tr(N_("issue {} is also on the agenda of meeting {}"), issue_id, *other));
      SQLite::Statement closed(ledger.db(), R"sql(
        SELECT 1 FROM meeting_item mi JOIN meeting m ON m.id = mi.meeting
        WHERE mi.issue = ? AND m.status = 'closed' LIMIT 1)sql");
      closed.bind(1, issue_id);
      adding.push_back({issue_id, closed.executeStep()});
      added.push_back(issue);
      e.added.push_back(issue_id);
    }
    if (items.size() + adding.size() > kMaxItems)
      throw Error(ErrorKind::data,
                  i18n::tr(N_("{} issues named; an agenda holds at most {}"),
                           items.size() + adding.size(), kMaxItems),
                  "add");
    if (ch.at > static_cast<int>(items.size()) + 1)
      throw Error(ErrorKind::usage,
                  i18n::tr(N_("position {} is past the end of the agenda ({} items)"), ch.at,
                           items.size()),
                  "at", i18n::tr(N_("use 1 to {}"), items.size() + 1));
    const auto at = ch.at > 0 ? static_cast<std::size_t>(ch.at) - 1 : items.size();
    items.insert(items.begin() + static_cast<std::ptrdiff_t>(at), adding.begin(), adding.end());
    if (ch.move != 0) {
      const auto it = find(ch.move);
      if (it == items.end())
        throw Error(ErrorKind::data,
                    i18n::tr(N_("issue {} is not on the agenda of meeting {}"), ch.move, id),
                    "move");
      if (ch.to > static_cast<int>(items.size()))
        throw Error(ErrorKind::usage,
                    i18n::tr(N_("position {} is past the end of the agenda ({} items)"), ch.to,
                             items.size()),
                    "to", i18n::tr(N_("use 1 to {}"), items.size()));
      const auto item = *it;
      items.erase(it);
      const auto to = static_cast<std::size_t>(ch.to) - 1;
      items.insert(items.begin() + static_cast<std::ptrdiff_t>(to), item);
      e.moved.push_back(ch.move);
    }
    // The stakeholders the added issues bring, invited once; those invited
    // only for removed issues, who had not come, no longer invited.
    for (auto& p : invitees(c, nullptr, clock::Date{}, added))
      if (named.insert(p.name).second) e.people.push_back(std::move(p));
    if (!e.removed.empty()) {
      std::set<std::string> still;
      for (const auto& it : items) {
        const auto kept = issues::get(ledger, it.issue);
        still.insert(kept.stakeholders.begin(), kept.stakeholders.end());
      }
      for (const auto& p : m.people)
        if (p.role == "stakeholder" && p.attendance == "invited" && !still.count(p.name))
          e.uninvited.push_back({p.name, p.role, p.seat, p.detail, p.attendance, p.proxy, p.reason});
    }
    e.items = std::move(items);
    ledger.append(events::kMeetingAgenda, e.entity(), e.to_json());
    out.meeting = get(ledger, id);
  });
  return out;
}

std::vector<Meeting> list(ledger::Ledger& ledger, const Filter& f) {
  std::string sql = fmt::format("SELECT {} FROM meeting WHERE 1", kMeetingColumns);
  if (!f.community.empty()) sql += " AND community = :community";
  if (!f.status.empty()) sql += " AND status = :status";
  if (!f.kind.empty()) sql += " AND kind = :kind";
  if (f.from_utc) sql += " AND starts_utc >= :from";
  if (f.to_utc) sql += " AND starts_utc < :to";
  sql += " ORDER BY starts_utc, id";
  if (f.limit > 0) sql += " LIMIT :limit";
  SQLite::Statement q(ledger.db(), sql);
  if (!f.community.empty()) q.bind(":community", f.community);
  if (!f.status.empty()) q.bind(":status", f.status);
  if (!f.kind.empty()) q.bind(":kind", f.kind);
  if (f.from_utc) q.bind(":from", *f.from_utc);
  if (f.to_utc) q.bind(":to", *f.to_utc);
  if (f.limit > 0) q.bind(":limit", f.limit);
  std::vector<Meeting> out;
  while (q.executeStep())
    out.push_back(read_meeting(q));
  return out;
}

std::optional<Meeting> find(ledger::Ledger& ledger, std::int64_t id) {
  SQLite::Statement q(ledger.db(),
                      fmt::format("SELECT {} FROM meeting WHERE id = ?", kMeetingColumns));
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  Meeting m = read_meeting(q);
  // The hash of the event the meeting was last changed by: what its agenda
  // carries, so that the agenda witnesses the ledger (consult/witness.hpp).
  SQLite::Statement h(ledger.db(), "SELECT hash FROM event WHERE seq = ?");
  h.bind(1, m.updated_seq);
  if (h.executeStep()) m.updated_hash = h.getColumn(0).getString();
  m.items = read_items(ledger, id);
  SQLite::Statement p(ledger.db(), "SELECT name, role, seat, detail, attendance, proxy, reason "
                                   "FROM meeting_person WHERE meeting = ? ORDER BY position");
  p.bind(1, id);
  while (p.executeStep())
    m.people.push_back({p.getColumn(0).getString(), p.getColumn(1).getString(),
                        p.getColumn(2).getString(), p.getColumn(3).getString(),
                        p.getColumn(4).getString(), p.getColumn(5).getString(),
                        p.getColumn(6).getString()});
  SQLite::Statement n(ledger.db(), "SELECT id, issue, round, speaker, position, body, at, seq "
                                   "FROM meeting_note WHERE meeting = ? ORDER BY id");
  n.bind(1, id);
  while (n.executeStep())
    m.notes.push_back({n.getColumn(0).getInt64(), n.getColumn(1).getInt64(),
                       n.getColumn(2).getInt(), n.getColumn(3).getString(),
                       n.getColumn(4).getString(), n.getColumn(5).getString(),
                       n.getColumn(6).getString(), n.getColumn(7).getInt64()});
  return m;
}

Meeting get(ledger::Ledger& ledger, std::int64_t id) {
  auto m = find(ledger, id);
  if (!m)
    throw Error(ErrorKind::data, i18n::tr(N_("meeting {} does not exist"), id), {},
                _("list meetings with 'consult meeting list'"));
  return std::move(*m);
}

std::optional<std::int64_t> scheduled(ledger::Ledger& ledger, const std::string& community,
                                      const std::string& schedule, const std::string& date) {
  SQLite::Statement q(ledger.db(), "SELECT id FROM meeting WHERE community = ? AND schedule = ? "
                                   "AND schedule_date = ?");
  q.bind(1, community);
  q.bind(2, schedule);
  q.bind(3, date);
  if (q.executeStep()) return q.getColumn(0).getInt64();
  return std::nullopt;
}

Meeting cancel(ledger::Ledger& ledger, std::int64_t id, const std::string& reason) {
  const std::string why = clean(reason, "reason", 2000, true);
  if (why.empty())
    throw Error(ErrorKind::usage, _("cancelling a meeting needs a reason"), "reason",
                _("add --reason \"…\"; the invitees will read it"));
  Meeting out;
  ledger.write([&] {
    const auto m = get(ledger, id);
    require_planned(m, N_("cancel"));
    refuse_open_votes(ledger, id);
    const events::MeetingCancel e{id, why};
    ledger.append(events::kMeetingCancel, e.entity(), e.to_json());
    out = get(ledger, id);
  });
  return out;
}

Planned reschedule(ledger::Ledger& ledger, const config::Community& c, std::int64_t id,
                   const Reschedule& req) {
  const Times times = parse_times(c, req.at, req.until);
  Planned out;
  ledger.write([&] {
    const auto m = get(ledger, id);
    require_planned(m, N_("reschedule"));
    if (m.community != c.id) throw Error(ErrorKind::internal, "meeting of another community");
    events::MeetingReschedule r;
    r.id = id;
    r.from = m.starts_at;
    r.times = event_times(c, times);
    r.venue = req.venue ? clean(*req.venue, "venue") : m.venue;
    r.online = req.online ? clean(*req.online, "online", 2000) : m.online;
    r.reason = clean(req.reason, "reason", 2000, true);
    out.warnings = check_plan(ledger, c, r.times, r.venue, id, false);
    ledger.append(events::kMeetingReschedule, r.entity(), r.to_json());
    out.meeting = get(ledger, id);
  });
  return out;
}

Meeting attend(ledger::Ledger& ledger, const config::Community& c, std::int64_t id,
               const Attendance& a) {
  Meeting out;
  ledger.write([&] {
    const auto m = get(ledger, id);
    require_planned(m, N_("record attendance at"));
    if (m.community != c.id)
      throw Error(ErrorKind::internal, "attendance recorded with another community's rules");
    const auto* body = body_of(c, m);
    std::map<std::string, const Person*> known;
    for (const auto& p : m.people)
      known[p.name] = &p;
    // Members of the community's bodies who are not due here: at an
    // informal meeting they take part as members; at another body's meeting
    // they are guests from their body (a councillor at a building group's).
    std::vector<Person> joining;
    joining.reserve(a.present.size());
    for (const auto& s : a.present) {
      const auto name = split_pair(s, "present").first;
      if (known.count(name)) continue;
      const auto of = member_of(c, name);
      if (!of) continue;
      const auto* role = [&]() -> const config::Member* {
        for (const auto& seat : c.council.seats)
          for (const auto& mm : seat.members)
            if (mm.name == name) return &mm;
        for (const auto& mm : of->first->members)
          if (mm.name == name) return &mm;
        return nullptr;
      }();
      // No seat: at an informal meeting no seat is due (a meeting planned
      // before bodies, which invited the council, keeps its seats).
      if (!body)
        joining.push_back({name, "member", "", role ? role->role : "", "invited", "", ""});
      else
        joining.push_back({name, "guest", "", of->first->name, "invited", "", ""});
    }
    for (const auto& p : joining)
      known[p.name] = &p;
    // by name, in name order for a stable payload
    std::map<std::string, events::MeetingPerson> changes;
    std::set<std::string> named;
    auto once = [&](const std::string& name, const char* field) {
      if (!named.insert(name).second)
        throw Error(ErrorKind::usage, i18n::tr(N_("{} is named twice"), name), field,
                    _("name each person once: present, absent, excused, proxy, guest or resident"));
    };
    auto invitee = [&](const std::string& name, const char* field) -> const Person& {
      const auto it = known.find(name);
      if (it == known.end())
        throw Error(ErrorKind::data, i18n::tr(N_("{} is not invited to meeting {}"), name, id),
                    field, _("record people from outside the invitees with --guest NAME[=BODY]"));
      return *it->second;
    };
    auto record = [&](const Person& p, const std::string& attendance, const std::string& proxy,
                      const std::string& reason) {
      changes[p.name] = {p.name, p.role, p.seat, p.detail, attendance, proxy, reason};
    };
    for (const auto& s : a.present) {
      const auto [name, rest] = split_pair(s, "present");
      once(name, "present");
      record(invitee(name, "present"), "present", "", "");
    }
    for (const auto& s : a.absent) {
      const auto [name, reason] = split_pair(s, "absent");
      once(name, "absent");
      record(invitee(name, "absent"), "absent", "", reason);
    }
    for (const auto& s : a.excused) {
      const auto [name, reason] = split_pair(s, "excused");
      once(name, "excused");
      record(invitee(name, "excused"), "excused", "", reason);
    }
    for (const auto& s : a.proxies) {
      const auto [proxy, whom] = split_pair(s, "proxy");
      if (whom.empty())
        throw Error(ErrorKind::usage, i18n::tr(N_("'{}' does not say for whom"), s), "proxy",
                    _("write --proxy NAME=FOR: NAME came in the place of FOR"));
      once(whom, "proxy");
      const auto& p = invitee(whom, "proxy");
      if (p.role != "member")
        throw Error(ErrorKind::data,
                    i18n::tr(N_("{} is not a council member; only members send proxies"), whom),
                    "proxy");
      record(p, "proxy", proxy, "");
    }
    for (const auto& s : a.guests) {
      const auto [name, from] = split_pair(s, "guest");
      once(name, "guest");
      if (const auto it = known.find(name); it != known.end() && it->second->role != "guest")
        throw Error(ErrorKind::usage, i18n::tr(N_("{} is invited; not a guest"), name), "guest",
                    _("record them with --present"));
      changes[name] = {name, "guest", "", from, "present", "", ""};
    }
    for (const auto& name : a.residents) {
      once(name, "resident");
      if (const auto it = known.find(name); it != known.end() && it->second->role != "resident")
        throw Error(ErrorKind::usage, i18n::tr(N_("{} is invited; not a resident who came"), name),
                    "resident", _("record them with --present"));
      changes[name] = {name, "resident", "", "", "present", "", ""};
    }
    if (a.headcount) {
      if (m.entitled == 0 || (body && body->electorate == "members"))
        throw Error(ErrorKind::usage,
                    i18n::tr(N_("meeting {} counts the council's seats, not a headcount"), id),
                    "headcount",
                    _("plan meetings of residents or owners with --entitled N to count heads"));
      if (*a.headcount < 0 || *a.headcount > m.entitled)
        throw Error(ErrorKind::data,
                    i18n::tr(N_("a headcount of {} for {} entitled"), *a.headcount, m.entitled),
                    "headcount", _("count those entitled who came"));
    }
    // Heads recorded by name can be no more than those entitled, and a
    // headcount no fewer than them.
    if (m.entitled > 0 && (!body || body->electorate != "members")) {
      std::vector<Person> after;
      for (const auto& p : m.people)
        if (!changes.count(p.name)) after.push_back(p);
      for (const auto& [name, p] : changes)
        after.push_back({p.name, p.role, p.seat, p.detail, p.attendance, p.proxy.value_or(""),
                         p.reason.value_or("")});
      const auto named_heads = heads_named(c, after);
      if (named_heads > m.entitled)
        throw Error(ErrorKind::data,
                    i18n::tr(N_("{} people recorded as present, but only {} are entitled to "
                                "attend meeting {}"),
                             named_heads, m.entitled, id),
                    "resident", _("check the names, or the number entitled"));
      const auto count = a.headcount ? a.headcount : m.headcount;
      if (count && *count < named_heads)
        throw Error(ErrorKind::data,
                    i18n::tr(N_("a headcount of {}, but {} are recorded as present by name"),
                             *count, named_heads),
                    "headcount", _("count everyone who came, those named included"));
    }
    if (changes.empty() && !a.headcount)
      throw Error(ErrorKind::usage, _("no attendance given"), {},
                  _("name people with --present, --absent, --excused, --proxy, --guest or "
                    "--resident, or give --headcount"));
    if (m.people.size() + a.guests.size() + a.residents.size() > kMaxPeople)
      throw Error(ErrorKind::data, i18n::tr(N_("a meeting holds at most {} people"), kMaxPeople),
                  "guest");
    events::MeetingAttend e;
    e.id = id;
    for (auto& [name, person] : changes)
      e.people.push_back(std::move(person));
    e.headcount = a.headcount;
    ledger.append(events::kMeetingAttend, e.entity(), e.to_json());
    out = get(ledger, id);
  });
  return out;
}

Note note(ledger::Ledger& ledger, std::int64_t id, std::int64_t issue, const std::string& body,
          const std::string& speaker, const std::string& position) {
  const std::string text = clean(body, "text", 20000, true);
  if (text.empty())
    throw Error(ErrorKind::usage, _("the opinion is empty"), "text",
                _("give it with --text \"…\""));
  if (!position.empty() && position != "for" && position != "against" && position != "neutral")
    throw Error(ErrorKind::usage, i18n::tr(N_("unknown position '{}'"), position), "position",
                _("use for, against or neutral"));
  const std::string who = clean(speaker, "speaker");
  Note out;
  ledger.write([&] {
    const auto m = get(ledger, id);
    require_planned(m, N_("record opinions at"));
    const auto& item = agenda_item(m, issue);
    const int round = open_round(ledger, m, item);
    const auto nid = ledger.next_id(ledger::Counter::note);
    const events::MeetingNote n{id, nid, issue, round, who, position, text};
    const auto e = ledger.append(events::kMeetingNote, n.entity(), n.to_json());
    out = {nid, issue, round, who, position, text, e.at, e.seq};
  });
  return out;
}

Meeting outcome(ledger::Ledger& ledger, const config::Community& c, std::int64_t id,
                const Outcome& o) {
  static const std::set<std::string> kResults = {"decided", "next-round", "site-inspection",
                                                 "escalated", "withdrawn"};
  if (!kResults.count(o.result))
    throw Error(ErrorKind::usage, i18n::tr(N_("unknown result '{}'"), o.result), "result",
                _("use decided, next-round, site-inspection, escalated or withdrawn"));
  std::optional<config::Authority> to;
  if (o.result == "escalated") to = issues::authority_of(&c, o.level, "to");
  const std::string note_text = clean(o.note, "note", 20000, true);
  Meeting out;
  ledger.write([&] {
    const auto m = get(ledger, id);
    require_planned(m, N_("record outcomes at"));
    const auto& item = agenda_item(m, o.issue);
    if (!item.outcome.empty())
      throw Error(ErrorKind::data,
                  i18n::tr(N_("the outcome of issue {} at meeting {} is already recorded: {}"),
                           o.issue, id, item.outcome),
                  "issue", _("a recorded outcome stands; record the next step at a later meeting"));
    if (o.vote == 0) {
      SQLite::Statement v(ledger.db(), "SELECT id FROM vote WHERE meeting = ? AND issue = ? "
                                       "AND status = 'open'");
      v.bind(1, id);
      v.bind(2, o.issue);
      if (v.executeStep())
        throw Error(ErrorKind::data,
                    i18n::tr(N_("vote {} on issue {} is open at meeting {}"),
                             v.getColumn(0).getInt64(), o.issue, id),
                    "issue", _("close the vote: its result is the item's outcome"));
    }
    if (o.result == "decided" && o.vote == 0) {
      const auto q = quorum(c, m);
      if (q.has_rule && !q.attendance_recorded)
        throw Error(ErrorKind::data,
                    i18n::tr(N_("meeting {} cannot decide before its attendance is recorded"), id),
                    "result", _("record who came with 'consult meeting attend'"));
      if (q.has_rule && !q.ok())
        throw Error(ErrorKind::data, i18n::tr(N_("meeting {} cannot decide: {}"), id, q.statement),
                    "result", _("record next-round: the issue is carried to the next meeting"));
    }
    const int round = open_round(ledger, m, item);
    const auto issue = issues::get(ledger, o.issue);
    events::IssueTransition step;
    step.meeting = id;
    if (o.result == "decided" && o.vote != 0) { // decided by the vote that closed
      step.vote = o.vote;
      step.decision = o.decision;
    }
    if (o.result == "decided" && o.vote == 0) {
      // Decided without a vote (by consensus at the meeting): the decision is
      // recorded all the same, so that actions can follow from it.
      const auto q = quorum(c, m);
      decisions::Decision d;
      d.community = c.id;
      d.issue = issue.id;
      d.meeting = id;
      d.result = "approved";
      d.text = note_text.empty() ? issue.title : note_text;
      d.profile = q.has_rule ? q.profile.key : std::string();
      d.reason = i18n::tr(N_("decided at meeting {} without a vote: {}"), id, q.statement);
      step.decision = decisions::record(ledger, c, d);
    }
    if (o.result == "decided") issues::transition(ledger, issue, model::IssueAction::decide, step);
    if (o.result == "escalated") {
      step.level = to->key;
      step.to_level = to->level;
      if (!to->name.empty()) step.to_name = to->name;
      step.reason = note_text.empty() ? i18n::tr(N_("referred by meeting {}"), id) : note_text;
      issues::transition(ledger, issue, model::IssueAction::escalate, step);
    }
    if (o.result == "withdrawn") {
      step.reason = note_text.empty() ? i18n::tr(N_("withdrawn at meeting {}"), id) : note_text;
      issues::transition(ledger, issue, model::IssueAction::reject, step);
    }
    events::MeetingOutcome e;
    e.id = id;
    e.issue = o.issue;
    e.outcome = o.result;
    e.note = note_text;
    e.round = round;
    if (o.vote != 0) {
      e.vote = o.vote;
      e.decision = o.decision;
    }
    ledger.append(events::kMeetingOutcome, e.entity(), e.to_json());
    out = get(ledger, id);
  });
  return out;
}

int open_item_round(ledger::Ledger& ledger, std::int64_t meeting, std::int64_t issue) {
  const auto m = get(ledger, meeting);
  return open_round(ledger, m, agenda_item(m, issue));
}

Planned close(ledger::Ledger& ledger, const config::Community& c, std::int64_t id) {
  Planned out;
  ledger.write([&] {
    const auto m = get(ledger, id);
    require_planned(m, N_("close"));
    refuse_open_votes(ledger, id);
    events::MeetingClose e;
    e.id = id;
    auto& not_reached = e.not_reached;
    for (const auto& it : m.items)
      if (it.outcome.empty()) not_reached.push_back(it.issue.id);
    const auto q = quorum(c, m);
    if (!q.attendance_recorded)
      out.warnings.push_back(i18n::tr(N_("no attendance was recorded for meeting {}"), id));
    if (!not_reached.empty())
      out.warnings.push_back(
          i18n::tr(N_("{} item(s) without an outcome carried over"), not_reached.size()));
    ledger.append(events::kMeetingClose, e.entity(), e.to_json());
    out.meeting = get(ledger, id);
  });
  return out;
}

bool counts_as_head(const config::Community& c, const Person& p) {
  if (p.role == "guest") return false;
  return std::find(c.organisations.begin(), c.organisations.end(), p.name) ==
         c.organisations.end();
}

const config::Body* body_of(const config::Community& c, const Meeting& m) {
  if (m.body.empty()) return nullptr;
  if (const auto* b = c.body(m.body)) return b;
  // Planned before bodies, or the body was renamed: the first of its type.
  for (const auto& b : c.bodies)
    if (b.type == m.body) return &b;
  return nullptr;
}

std::string electorate(const config::Community& c, const Meeting& m) {
  if (const auto* b = body_of(c, m)) return b->electorate;
  if (m.body == "owners-assembly") return "owners";
  if (m.body == "residents-meeting" || m.entitled > 0) return "residents";
  if (!m.body.empty()) return "members";
  return "";
}

std::int64_t heads_named(const config::Community& c, const std::vector<Person>& people) {
  std::int64_t n = 0;
  for (const auto& p : people)
    if ((p.attendance == "present" || p.attendance == "proxy") && counts_as_head(c, p)) ++n;
  return n;
}

QuorumReport quorum(const config::Community& c, const Meeting& m) {
  QuorumReport r;
  std::vector<std::pair<std::string, int>> by_seat;
  std::int64_t members = 0, present = 0, named = 0;
  for (const auto& p : m.people) {
    if (p.attendance != "invited") r.attendance_recorded = true;
    const bool here = p.attendance == "present" || p.attendance == "proxy";
    if (here && counts_as_head(c, p)) ++named;
    if (p.role != "member") continue;
    ++members;
    if (p.attendance == "proxy") ++r.by_proxy;
    if (here) {
      ++present;
      by_seat.emplace_back(p.seat, 1);
    }
  }
  const auto who = electorate(c, m);
  const bool council = m.body == "council";
  const auto profile = m.profile.empty() ? std::nullopt : config::find_profile(c, m.profile);
  if (!profile) {
    if (m.entitled > 0) {
      r.attendance_recorded = r.attendance_recorded || m.headcount.has_value();
      r.statement = i18n::tr(N_("{} of {} entitled present; no quorum rule for this meeting"),
                             m.headcount.value_or(named), m.entitled);
    } else if (who.empty()) {
      r.statement = i18n::tr(N_("{} took part; an informal meeting has no quorum"), named);
    } else {
      r.statement = i18n::tr(
          council ? N_("{} of {} seats present; no quorum rule for this kind of meeting")
                  : N_("{} of {} members present; no quorum rule for this kind of meeting"),
          present, members);
    }
    return r;
  }
  r.has_rule = true;
  r.profile = *profile;
  const rules::Threshold t{profile->quorum, profile->quorum_inclusive ? rules::Bound::at_least
                                                                      : rules::Bound::more_than};
  if (m.entitled > 0) {
    // A meeting of residents or owners: heads counted against those entitled
    // — the headcount if one was taken, else the residents and members
    // recorded by name; the council's composition rules do not apply.
    r.attendance_recorded = m.headcount.has_value() || (who == "residents" && named > 0);
    const auto heads = m.headcount.value_or(who == "residents" ? named : 0);
    r.quorum = rules::quorum(heads, m.entitled, t, rules::Counted::entitled);
    r.statement = r.attendance_recorded ? r.quorum.reason
                                        : i18n::tr(N_("needs {} of {} entitled = {} present"),
                                                   t.str(), m.entitled, r.quorum.needed);
    return r;
  }
  r.quorum = rules::quorum(present, members, t,
                           council ? rules::Counted::seats : rules::Counted::members);
  if (council) r.shortfall = config::composition_shortfalls(c, by_seat);
  if (!r.attendance_recorded) {
    // Before the meeting: what it will need.
    r.statement = i18n::tr(council ? N_("needs {} of {} seats = {} present")
                                   : N_("needs {} of {} members = {} present"),
                           t.str(), members, r.quorum.needed);
    if (council)
      for (const auto& req : c.rules.require_present) {
        const auto* seat = c.seat(req.seat);
        r.statement +=
            i18n::tr(N_(", at least {} {}"), req.min_present, seat ? seat->label : req.seat);
      }
    return r;
  }
  r.statement = r.quorum.reason;
  if (r.by_proxy > 0) r.statement += i18n::tr(N_(" ({} by proxy)"), r.by_proxy);
  for (const auto& s : r.shortfall)
    r.statement += i18n::tr(N_("; but rules.require_present asks for at least {} {}, {} came"),
                            s.required, s.label, s.present);
  if (!r.shortfall.empty() && r.quorum.quorate) r.statement += std::string("; ") + _("not quorate");
  return r;
}

std::vector<CompositionRow> composition(const config::Community& c, const Meeting& m) {
  std::vector<CompositionRow> rows;
  // The council's seats at a council meeting, and at one planned before
  // bodies that invited the council; another body's members in one row.
  bool seats = m.body == "council";
  for (const auto& p : m.people)
    if (p.role == "member" && c.seat(p.seat)) seats = true;
  if (seats)
    for (const auto& seat : c.council.seats)
      rows.push_back({seat.key, seat.label, 0, 0, {}});
  const auto* body = body_of(c, m);
  CompositionRow members{"members",
                         body && body->type != "council" ? body->name
                                                         : std::string(_("members who took part")),
                         0, 0, {}};
  CompositionRow x{"stakeholders", c.council.stakeholders.label, 0, 0, {}};
  CompositionRow guests{"guests", _("guests"), 0, 0, {}};
  CompositionRow residents{"residents", _("residents who took part"), 0, 0, {}};
  for (const auto& p : m.people) {
    CompositionRow* row = nullptr;
    if (p.role == "member") {
      for (auto& r : rows)
        if (r.key == p.seat) row = &r;
      if (!row) row = &members;
    } else {
      row = p.role == "stakeholder" ? &x : p.role == "resident" ? &residents : &guests;
    }
    if (!row) continue;
    // Members who took part in an informal meeting were not invited.
    const bool joined = row == &members && m.body.empty();
    if (p.role != "guest" && p.role != "resident" && !joined) ++row->invited;
    if (p.attendance == "present" || p.attendance == "proxy") ++row->present;
    row->names.push_back(p.name);
  }
  if (!members.names.empty()) rows.push_back(std::move(members));
  rows.push_back(std::move(x));
  if (!guests.names.empty()) rows.push_back(std::move(guests));
  if (!residents.names.empty()) rows.push_back(std::move(residents));
  return rows;
}

people::Directory directory(const config::Community& c, const Meeting& m) {
  return directory(people::Directory(c), m);
}

people::Directory directory(people::Directory who, const Meeting& m) {
  for (const auto& p : m.people) {
    if (p.role == "member") who.add(p.name, people::Kind::member);
    if (p.role == "guest") who.add(p.name, people::Kind::guest);
    // A guest's body is named in the guest's own row only: it is not an
    // organisation of the community, and a resident may bear the same text.
    if (p.role == "resident" || p.role == "stakeholder") who.add(p.name, people::Kind::resident);
  }
  return who;
}

std::string shown_name(const people::Directory& who, const Person& p, bool reveal) {
  // Members in their seats and guests act in a public role; a stakeholder or
  // a resident who took part is a resident unless listed as an organisation.
  if (p.role == "member" || p.role == "guest") return std::string(text::trim(p.name));
  return who.shown(p.name, people::Field::resident, reveal);
}

std::string shown_names(const people::Directory& who, const CompositionRow& row, bool reveal) {
  const bool residents = row.key == "stakeholders" || row.key == "residents";
  std::string out;
  for (const auto& n : row.names)
    out += (out.empty() ? "" : "、") +
           (residents ? who.shown(n, people::Field::resident, reveal) : std::string(text::trim(n)));
  return out;
}

std::vector<std::string> residents(const config::Community& c, const Meeting& m) {
  return residents(people::Directory(c), m);
}

std::vector<std::string> residents(ledger::Ledger& ledger, const people::Directory& base,
                                   std::optional<std::int64_t> id) {
  if (!id) return {};
  const auto m = find(ledger, *id);
  return m ? residents(base, *m) : std::vector<std::string>();
}

std::vector<std::string> residents(const people::Directory& base, const Meeting& m) {
  const auto who = directory(base, m);
  std::vector<std::string> out;
  for (const auto& it : m.items) {
    const auto of_issue = issues::residents(it.issue, &who);
    out.insert(out.end(), of_issue.begin(), of_issue.end());
  }
  auto resident = [&](const std::string& name, people::Field f) {
    if (!name.empty() && who.kind_of(name, f) == people::Kind::resident) out.push_back(name);
  };
  for (const auto& p : m.people) {
    if (p.role != "member" && p.role != "guest") resident(p.name, people::Field::resident);
    resident(p.proxy, people::Field::proxy);
  }
  for (const auto& n : m.notes)
    resident(n.speaker, people::Field::speaker);
  resident(m.chair, people::Field::proxy);
  resident(m.recorder, people::Field::proxy);
  std::set<std::string, std::less<>> seen;
  std::erase_if(out, [&](const std::string& n) { return !seen.insert(n).second; });
  return out;
}

Meeting shown(const config::Community& c, const Meeting& recorded, bool reveal) {
  if (reveal) return recorded;
  Meeting m = recorded;
  const auto names = residents(c, m);
  auto mask = [&](std::string& t) { t = personal::mask_in_text(t, names); };
  for (auto* t : {&m.title, &m.venue, &m.online, &m.reason})
    mask(*t);
  for (auto& it : m.items) {
    mask(it.issue.title);
    mask(it.issue.body);
    mask(it.note);
  }
  for (auto& p : m.people) {
    mask(p.detail);
    mask(p.reason);
  }
  for (auto& n : m.notes)
    mask(n.body);
  return m;
}

json to_json(const config::Community& c, const Meeting& recorded, bool reveal) {
  const auto m = shown(c, recorded, reveal);
  const auto* kind = c.meeting_kind(m.kind);
  // Council members and guests (officials of outside bodies) act in their
  // role and stay named; residents (stakeholders, speakers) are masked.
  const auto who = directory(c, m);
  auto shown = [&](const std::string& name, people::Field f) { return who.shown(name, f, reveal); };
  json items = json::array();
  for (const auto& it : m.items) {
    const auto* category = c.category(it.issue.category);
    const auto* channel = c.channel(it.issue.channel);
    items.push_back(
        {{"position", it.position},
         {"issue", it.issue.id},
         {"title", it.issue.title},
         {"category", it.issue.category},
         {"category_label",
          !it.issue.category_text.empty() || !category ? it.issue.category_text : category->label},
         {"channel", it.issue.channel},
         {"channel_label",
          !it.issue.channel_text.empty() || !channel ? it.issue.channel_text : channel->label},
         {"raised_on", it.issue.raised_on},
         {"raised_count", it.issue.raised_count},
         {"priority", it.issue.priority},
         {"status", model::to_string(it.issue.status)},
         {"carried", it.carried},
         {"round", it.round},
         {"outcome", it.outcome},
         {"note", it.note}});
  }
  json people = json::array();
  for (const auto& p : m.people)
    people.push_back({{"name", shown_name(who, p, reveal)},
                      {"role", p.role},
                      {"seat", p.seat},
                      {"detail", p.detail},
                      {"attendance", p.attendance},
                      {"proxy", p.proxy.empty() ? p.proxy : shown(p.proxy, people::Field::proxy)},
                      {"reason", p.reason}});
  json notes = json::array();
  for (const auto& n : m.notes)
    notes.push_back({{"id", n.id},
                     {"issue", n.issue},
                     {"round", n.round},
                     {"speaker", shown(n.speaker, people::Field::speaker)},
                     {"position", n.position},
                     {"body", n.body},
                     {"at", n.at}});
  json comp = json::array();
  for (const auto& r : composition(c, m))
    comp.push_back(
        {{"key", r.key}, {"label", r.label}, {"invited", r.invited}, {"present", r.present}});
  const auto q = quorum(c, m);
  json quorum_json = {{"rule", q.has_rule ? q.profile.key : std::string()},
                      {"statement", q.statement},
                      {"attendance_recorded", q.attendance_recorded}};
  if (q.has_rule) {
    quorum_json["quorate"] = q.quorum.quorate;
    quorum_json["present"] = q.quorum.present;
    quorum_json["seats"] = q.quorum.base;
    quorum_json["needed"] = q.quorum.needed;
    quorum_json["composition_ok"] = q.shortfall.empty();
  }
  return {{"id", m.id},
          {"community", m.community},
          {"community_name", c.name},
          {"kind", m.kind},
          {"kind_label", kind ? kind->label : m.kind},
          {"title", m.title},
          {"starts_at", m.starts_at},
          {"ends_at", m.ends_at},
          {"date", m.local_date},
          {"venue", m.venue},
          {"online", m.online},
          {"chair", shown(m.chair, people::Field::proxy)},
          {"recorder", shown(m.recorder, people::Field::proxy)},
          {"body", m.body},
          {"profile", m.profile},
          {"schedule", m.schedule},
          {"status", m.status},
          {"reason", m.reason},
          {"items", std::move(items)},
          {"people", std::move(people)},
          {"notes", std::move(notes)},
          {"composition", std::move(comp)},
          {"quorum", std::move(quorum_json)},
          {"entitled", m.entitled},
          {"headcount", m.headcount ? json(*m.headcount) : json(nullptr)},
          {"updated_seq", m.updated_seq},
          {"updated_hash", m.updated_hash}};
}

std::vector<std::pair<std::int64_t, std::string>> completion_candidates(ledger::Ledger& ledger) {
  SQLite::Statement q(ledger.db(), "SELECT id FROM meeting ORDER BY id DESC LIMIT 100");
  std::vector<std::pair<std::int64_t, std::string>> out;
  const config::Community none; // without the roster: every person but a guest is a resident
  while (q.executeStep()) {
    const auto m = shown(none, get(ledger, q.getColumn(0).getInt64()), false);
    out.emplace_back(m.id, m.title);
  }
  return out;
}

std::vector<std::pair<std::int64_t, std::string>>
decision_completion_candidates(ledger::Ledger& ledger) {
  SQLite::Statement q(ledger.db(),
                      "SELECT id, text, issue, meeting FROM decision ORDER BY id DESC LIMIT 100");
  std::vector<std::pair<std::int64_t, std::string>> out;
  const people::Directory none; // without the roster
  while (q.executeStep()) {
    auto names = issues::residents(ledger, q.getColumn(2).getInt64());
    if (!q.getColumn(3).isNull()) {
      const auto of_meeting = residents(ledger, none, q.getColumn(3).getInt64());
      names.insert(names.end(), of_meeting.begin(), of_meeting.end());
    }
    out.emplace_back(q.getColumn(0).getInt64(),
                     personal::mask_in_text(q.getColumn(1).getString(), names));
  }
  return out;
}

std::int64_t item_count(ledger::Ledger& ledger, std::int64_t id) {
  SQLite::Statement q(ledger.db(), "SELECT count(*) FROM meeting_item WHERE meeting = ?");
  q.bind(1, id);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

json summary_json(const Meeting& m, std::int64_t item_count) {
  return {{"id", m.id},
          {"community", m.community},
          {"kind", m.kind},
          {"body", m.body},
          {"title", m.title},
          {"starts_at", m.starts_at},
          {"ends_at", m.ends_at},
          {"venue", m.venue},
          {"online", m.online},
          {"status", m.status},
          {"schedule", m.schedule},
          {"item_count", item_count}};
}

} // namespace consult::meetings
