// The projector's part for meetings: how each meeting.* event changes the
// meeting tables; and the payload types of the meeting family
// (consult/events_meeting.hpp), which the writer uses too.

#include "projection.hpp"

#include "consult/events_meeting.hpp"

#include <map>

namespace consult::events {

using nlohmann::json;

namespace {

/// Reads an optional field: absent or null is "not set".
/// Writes an optional field only when it is set.
template <class T> std::vector<T> list_of(const json& p, const char* key) {
  std::vector<T> out;
  for (const auto& x : p.at(key))
    out.push_back(T::from_json(x));
  return out;
}

template <class T> json array_of(const std::vector<T>& v) {
  json out = json::array();
  for (const auto& x : v)
    out.push_back(x.to_json());
  return out;
}

} // namespace

std::string meeting_entity(std::int64_t id) {
  return fmt::format("meeting:{}", id);
}

void MeetingTimes::put(json& p) const {
  p["starts_at"] = starts_at;
  p["ends_at"] = ends_at;
  p["starts_utc"] = starts_utc;
  p["ends_utc"] = ends_utc;
  p["local_date"] = local_date;
}

MeetingTimes MeetingTimes::from_json(const json& p) {
  return {text(p, "starts_at"), text(p, "ends_at"), integer(p, "starts_utc"),
          integer(p, "ends_utc"), text(p, "local_date")};
}

json MeetingPerson::to_json() const {
  json p = {{"name", name},
            {"role", role},
            {"seat", seat},
            {"detail", detail},
            {"attendance", attendance}};
  events::put(p, "proxy", proxy);
  events::put(p, "reason", reason);
  return p;
}

MeetingPerson MeetingPerson::from_json(const json& p) {
  MeetingPerson m;
  m.name = text(p, "name");
  m.role = text(p, "role");
  m.seat = text(p, "seat");
  m.detail = text(p, "detail");
  m.attendance = p.value("attendance", std::string("invited"));
  m.proxy = optional<std::string>(p, "proxy");
  m.reason = optional<std::string>(p, "reason");
  return m;
}

json MeetingItem::to_json() const {
  return {{"issue", issue}, {"carried", carried}};
}

MeetingItem MeetingItem::from_json(const json& p) {
  return {integer(p, "issue"), p.value("carried", false)};
}

std::string MeetingPlan::entity() const {
  return meeting_entity(id);
}

json MeetingPlan::to_json() const {
  json p = {{"id", id},
            {"community", community},
            {"kind", kind},
            {"title", title},
            {"venue", venue},
            {"online", online},
            {"chair", chair},
            {"recorder", recorder},
            {"profile", profile},
            {"schedule", schedule},
            {"schedule_date", schedule_date},
            {"items", array_of(items)},
            {"people", array_of(people)}};
  times.put(p);
  events::put(p, "entitled", entitled);
  events::put(p, "body", body);
  return p;
}

std::string MeetingPlan::body_or_legacy() const {
  if (body) return *body;
  if (profile == "civil-code-278") return "owners-assembly";
  if (entitled.value_or(0) > 0 || profile == "residents-meeting") return "residents-meeting";
  if (!profile.empty() || kind == "council") return "council";
  return "";
}

MeetingPlan MeetingPlan::from_json(const json& p) {
  MeetingPlan m;
  m.id = integer(p, "id");
  m.community = text(p, "community");
  m.kind = text(p, "kind");
  m.title = text(p, "title");
  m.times = MeetingTimes::from_json(p);
  m.venue = text(p, "venue");
  m.online = text(p, "online");
  m.chair = text(p, "chair");
  m.recorder = text(p, "recorder");
  m.profile = text(p, "profile");
  m.entitled = optional<std::int64_t>(p, "entitled");
  m.body = optional<std::string>(p, "body");
  m.schedule = text(p, "schedule");
  m.schedule_date = text(p, "schedule_date");
  m.items = list_of<MeetingItem>(p, "items");
  m.people = list_of<MeetingPerson>(p, "people");
  return m;
}

std::string MeetingReschedule::entity() const {
  return meeting_entity(id);
}

json MeetingReschedule::to_json() const {
  json p = {{"id", id}, {"from", from}, {"venue", venue}, {"online", online}, {"reason", reason}};
  times.put(p);
  return p;
}

MeetingReschedule MeetingReschedule::from_json(const json& p) {
  MeetingReschedule r;
  r.id = integer(p, "id");
  r.from = text(p, "from");
  r.times = MeetingTimes::from_json(p);
  r.venue = text(p, "venue");
  r.online = text(p, "online");
  r.reason = text(p, "reason");
  return r;
}

std::string MeetingCancel::entity() const {
  return meeting_entity(id);
}

json MeetingCancel::to_json() const {
  return {{"id", id}, {"reason", reason}};
}

MeetingCancel MeetingCancel::from_json(const json& p) {
  return {integer(p, "id"), text(p, "reason")};
}

std::string MeetingAttend::entity() const {
  return meeting_entity(id);
}

json MeetingAttend::to_json() const {
  json p = {{"id", id}, {"people", array_of(people)}};
  events::put(p, "headcount", headcount);
  return p;
}

MeetingAttend MeetingAttend::from_json(const json& p) {
  MeetingAttend a;
  a.id = integer(p, "id");
  a.people = list_of<MeetingPerson>(p, "people");
  a.headcount = optional<std::int64_t>(p, "headcount");
  return a;
}

std::string MeetingNote::entity() const {
  return meeting_entity(id);
}

json MeetingNote::to_json() const {
  return {{"id", id},           {"note", note},         {"issue", issue}, {"round", round},
          {"speaker", speaker}, {"position", position}, {"body", body}};
}

MeetingNote MeetingNote::from_json(const json& p) {
  return {integer(p, "id"),   integer(p, "note"),  integer(p, "issue"), p.at("round").get<int>(),
          text(p, "speaker"), text(p, "position"), text(p, "body")};
}

std::string MeetingOutcome::entity() const {
  return meeting_entity(id);
}

json MeetingOutcome::to_json() const {
  json p = {{"id", id}, {"issue", issue}, {"outcome", outcome}, {"note", note}, {"round", round}};
  events::put(p, "vote", vote);
  events::put(p, "decision", decision);
  return p;
}

MeetingOutcome MeetingOutcome::from_json(const json& p) {
  MeetingOutcome o;
  o.id = integer(p, "id");
  o.issue = integer(p, "issue");
  o.outcome = text(p, "outcome");
  o.note = text(p, "note");
  o.round = p.at("round").get<int>();
  o.vote = optional<std::int64_t>(p, "vote");
  o.decision = optional<std::int64_t>(p, "decision");
  return o;
}

std::string MeetingClose::entity() const {
  return meeting_entity(id);
}

json MeetingClose::to_json() const {
  return {{"id", id}, {"not_reached", not_reached}};
}

MeetingClose MeetingClose::from_json(const json& p) {
  return {integer(p, "id"), p.at("not_reached").get<std::vector<std::int64_t>>()};
}

std::string MeetingAgenda::entity() const {
  return meeting_entity(id);
}

json MeetingAgenda::to_json() const {
  json p = {{"id", id},           {"items", array_of(items)}, {"added", added},
            {"removed", removed}, {"moved", moved},           {"people", array_of(people)},
            {"uninvited", array_of(uninvited)}};
  if (!reason.empty()) p["reason"] = reason;
  return p;
}

MeetingAgenda MeetingAgenda::from_json(const json& p) {
  MeetingAgenda a;
  a.id = integer(p, "id");
  a.items = list_of<MeetingItem>(p, "items");
  a.added = p.at("added").get<std::vector<std::int64_t>>();
  a.removed = p.at("removed").get<std::vector<std::int64_t>>();
  a.moved = p.at("moved").get<std::vector<std::int64_t>>();
  a.people = list_of<MeetingPerson>(p, "people");
  a.uninvited = list_of<MeetingPerson>(p, "uninvited");
  a.reason = p.value("reason", std::string());
  return a;
}

namespace {

void touch(SQLite::Database& db, const ledger::Event& e, std::int64_t id) {
  SQLite::Statement u(db, "UPDATE meeting SET updated_seq = ?, updated_at = ? WHERE id = ?");
  u.bind(1, e.seq);
  u.bind(2, e.at);
  u.bind(3, id);
  if (u.exec() != 1)
    throw Error(ErrorKind::data, fmt::format("event {}: meeting {} does not exist", e.seq, id));
}

void upsert_person(SQLite::Database& db, std::int64_t meeting, const MeetingPerson& person) {
  SQLite::Statement q(db, R"sql(
    INSERT INTO meeting_person (meeting, position, name, role, seat, detail, attendance, proxy,
      reason)
    VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM meeting_person WHERE meeting = ?1),
      ?2, ?3, ?4, ?5, ?6, ?7, ?8)
    ON CONFLICT (meeting, name) DO UPDATE SET attendance = ?6, proxy = ?7, reason = ?8)sql");
  q.bind(1, meeting);
  q.bind(2, person.name);
  q.bind(3, person.role);
  q.bind(4, person.seat);
  q.bind(5, person.detail);
  q.bind(6, person.attendance);
  q.bind(7, person.proxy.value_or(""));
  q.bind(8, person.reason.value_or(""));
  q.exec();
}

void project_plan(const Apply& a) {
  const auto p = MeetingPlan::from_json(a.payload);
  SQLite::Statement q(a.db, R"sql(
    INSERT INTO meeting (id, community, kind, title, starts_at, ends_at, starts_utc, ends_utc,
      local_date, venue, online, chair, recorder, profile, schedule, schedule_date, status,
      reason, created_seq, created_at, updated_seq, updated_at, entitled, headcount, body)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 'planned',
      '', ?17, ?18, ?17, ?18, ?19, NULL, ?20))sql");
  q.bind(1, p.id);
  q.bind(2, p.community);
  q.bind(3, p.kind);
  q.bind(4, p.title);
  q.bind(5, p.times.starts_at);
  q.bind(6, p.times.ends_at);
  q.bind(7, p.times.starts_utc);
  q.bind(8, p.times.ends_utc);
  q.bind(9, p.times.local_date);
  q.bind(10, p.venue);
  q.bind(11, p.online);
  q.bind(12, p.chair);
  q.bind(13, p.recorder);
  q.bind(14, p.profile);
  q.bind(15, p.schedule);
  q.bind(16, p.schedule_date);
  q.bind(17, a.event.seq);
  q.bind(18, a.event.at);
  q.bind(19, p.entitled.value_or(0));
  q.bind(20, p.body_or_legacy());
  q.exec();
  SQLite::Statement item(a.db, "INSERT INTO meeting_item (meeting, position, issue, carried, "
                               "round, outcome, note) VALUES (?, ?, ?, ?, 0, '', '')");
  int position = 0;
  for (const auto& it : p.items) {
    item.reset();
    item.bind(1, p.id);
    item.bind(2, ++position);
    item.bind(3, it.issue);
    item.bind(4, it.carried ? 1 : 0);
    item.exec();
  }
  for (const auto& person : p.people)
    upsert_person(a.db, p.id, person);
}

void project_reschedule(const Apply& a) {
  const auto r = MeetingReschedule::from_json(a.payload);
  SQLite::Statement q(a.db, R"sql(
    UPDATE meeting SET starts_at = ?, ends_at = ?, starts_utc = ?, ends_utc = ?, local_date = ?,
      venue = ?, online = ?, reason = ? WHERE id = ?)sql");
  q.bind(1, r.times.starts_at);
  q.bind(2, r.times.ends_at);
  q.bind(3, r.times.starts_utc);
  q.bind(4, r.times.ends_utc);
  q.bind(5, r.times.local_date);
  q.bind(6, r.venue);
  q.bind(7, r.online);
  q.bind(8, r.reason);
  q.bind(9, r.id);
  q.exec();
  touch(a.db, a.event, r.id);
}

void set_status(SQLite::Database& db, const ledger::Event& e, std::int64_t id,
                const std::string& reason, const char* status) {
  SQLite::Statement q(db, "UPDATE meeting SET status = ?, reason = ? WHERE id = ?");
  q.bind(1, status);
  q.bind(2, reason);
  q.bind(3, id);
  q.exec();
  touch(db, e, id);
}

void item_round(SQLite::Database& db, std::int64_t meeting, std::int64_t issue, int round) {
  SQLite::Statement q(db, "UPDATE meeting_item SET round = ? WHERE meeting = ? AND issue = ?");
  q.bind(1, round);
  q.bind(2, meeting);
  q.bind(3, issue);
  q.exec();
}

void project_note(const Apply& a) {
  const auto n = MeetingNote::from_json(a.payload);
  SQLite::Statement q(a.db, "INSERT INTO meeting_note (id, meeting, issue, round, speaker, "
                            "position, body, seq, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, n.note);
  q.bind(2, n.id);
  q.bind(3, n.issue);
  q.bind(4, n.round);
  q.bind(5, n.speaker);
  q.bind(6, n.position);
  q.bind(7, n.body);
  q.bind(8, a.event.seq);
  q.bind(9, a.event.at);
  q.exec();
  item_round(a.db, n.id, n.issue, n.round);
  touch(a.db, a.event, n.id);
}

void project_outcome(const Apply& a) {
  const auto o = MeetingOutcome::from_json(a.payload);
  SQLite::Statement q(
      a.db, "UPDATE meeting_item SET outcome = ?, note = ? WHERE meeting = ? AND issue = ?");
  q.bind(1, o.outcome);
  q.bind(2, o.note);
  q.bind(3, o.id);
  q.bind(4, o.issue);
  q.exec();
  item_round(a.db, o.id, o.issue, o.round);
  touch(a.db, a.event, o.id);
}

void project_close(const Apply& a) {
  const auto c = MeetingClose::from_json(a.payload);
  auto& db = a.db;
  SQLite::Statement q(db, "UPDATE meeting_item SET outcome = 'not-reached' "
                          "WHERE meeting = ? AND issue = ?");
  for (const auto issue : c.not_reached) {
    q.reset();
    q.bind(1, c.id);
    q.bind(2, issue);
    q.exec();
  }
  set_status(db, a.event, c.id, "", "closed"); // meeting.close has no reason
  const auto id = c.id;
  // The monthly tallies: a meeting held, and who of its body came — the
  // council's members by seat, every body's by body. An informal meeting
  // (no body) has no members due.
  SQLite::Statement m(db, "SELECT community, local_date, kind, body FROM meeting WHERE id = ?");
  m.bind(1, id);
  m.executeStep();
  const auto community = m.getColumn(0).getString(), date = m.getColumn(1).getString(),
             body = m.getColumn(3).getString();
  tally(db, community, date, "held", m.getColumn(2).getString());
  if (body.empty()) return;
  SQLite::Statement seats(db, R"sql(
    SELECT seat, sum(attendance IN ('present', 'proxy')), count(*) FROM meeting_person
    WHERE meeting = ? AND role = 'member' GROUP BY seat)sql");
  seats.bind(1, id);
  std::int64_t present = 0, due = 0;
  while (seats.executeStep()) {
    present += seats.getColumn(1).getInt64();
    due += seats.getColumn(2).getInt64();
    if (body != "council") continue;
    tally(db, community, date, "present", seats.getColumn(0).getString(),
          seats.getColumn(1).getInt64());
    tally(db, community, date, "due", seats.getColumn(0).getString(),
          seats.getColumn(2).getInt64());
  }
  if (due == 0) return;
  tally(db, community, date, "present.body", body, present);
  tally(db, community, date, "due.body", body, due);
}

void project_cancel(const Apply& a) {
  const auto c = MeetingCancel::from_json(a.payload);
  set_status(a.db, a.event, c.id, c.reason, "cancelled");
  SQLite::Statement m(a.db, "SELECT community, local_date FROM meeting WHERE id = ?");
  m.bind(1, c.id);
  m.executeStep();
  tally(a.db, m.getColumn(0).getString(), m.getColumn(1).getString(), "cancelled", "");
}

/// meeting.agenda: the agenda rewritten in its new order; an item kept
/// keeps what was recorded on it.
void project_agenda(const Apply& a) {
  const auto g = MeetingAgenda::from_json(a.payload);
  struct Kept {
    int round;
    std::string outcome, note;
  };
  std::map<std::int64_t, Kept> kept;
  {
    SQLite::Statement q(a.db, "SELECT issue, round, outcome, note FROM meeting_item "
                              "WHERE meeting = ?");
    q.bind(1, g.id);
    while (q.executeStep())
      kept[q.getColumn(0).getInt64()] = {q.getColumn(1).getInt(), q.getColumn(2).getString(),
                                         q.getColumn(3).getString()};
  }
  SQLite::Statement drop(a.db, "DELETE FROM meeting_item WHERE meeting = ?");
  drop.bind(1, g.id);
  drop.exec();
  SQLite::Statement item(a.db, "INSERT INTO meeting_item (meeting, position, issue, carried, "
                               "round, outcome, note) VALUES (?, ?, ?, ?, ?, ?, ?)");
  int position = 0;
  for (const auto& it : g.items) {
    const auto k = kept.find(it.issue);
    item.reset();
    item.bind(1, g.id);
    item.bind(2, ++position);
    item.bind(3, it.issue);
    item.bind(4, it.carried ? 1 : 0);
    item.bind(5, k == kept.end() ? 0 : k->second.round);
    item.bind(6, k == kept.end() ? std::string() : k->second.outcome);
    item.bind(7, k == kept.end() ? std::string() : k->second.note);
    item.exec();
  }
  for (const auto& person : g.people)
    upsert_person(a.db, g.id, person);
  SQLite::Statement gone(a.db, "DELETE FROM meeting_person WHERE meeting = ? AND name = ? "
                               "AND role = 'stakeholder' AND attendance = 'invited'");
  for (const auto& person : g.uninvited) {
    gone.reset();
    gone.bind(1, g.id);
    gone.bind(2, person.name);
    gone.exec();
  }
  touch(a.db, a.event, g.id);
}

/// meeting.attend: who came, by proxy, excused; the headcount.
void project_attend(const Apply& a) {
  const auto at = MeetingAttend::from_json(a.payload);
  for (const auto& person : at.people)
    upsert_person(a.db, at.id, person);
  if (at.headcount) {
    SQLite::Statement h(a.db, "UPDATE meeting SET headcount = ? WHERE id = ?");
    h.bind(1, *at.headcount);
    h.bind(2, at.id);
    h.exec();
  }
  touch(a.db, a.event, at.id);
}

} // namespace

const std::vector<Kind>& meeting_kinds() {
  static const std::vector<Kind> kKinds = {
      {kMeetingPlan, "meeting", 3, project_plan, false, payload_type<MeetingPlan>},
      {kMeetingReschedule, "meeting", 3, project_reschedule, false,
       payload_type<MeetingReschedule>},
      {kMeetingCancel, "meeting", 3, project_cancel, false, payload_type<MeetingCancel>},
      {kMeetingAttend, "meeting", 3, project_attend, false, payload_type<MeetingAttend>},
      {kMeetingNote, "meeting", 3, project_note, false, payload_type<MeetingNote>},
      {kMeetingOutcome, "meeting", 3, project_outcome, false, payload_type<MeetingOutcome>},
      {kMeetingClose, "meeting", 3, project_close, false, payload_type<MeetingClose>},
      {kMeetingAgenda, "meeting", 11, project_agenda, false, payload_type<MeetingAgenda>},
  };
  return kKinds;
}

} // namespace consult::events
