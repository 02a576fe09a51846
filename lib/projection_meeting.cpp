// The projector's part for meetings: how each meeting.* event changes the
// meeting tables.

#include "projection.hpp"

#include "consult/events_meeting.hpp"

namespace consult::events {

namespace {

using nlohmann::json;

void touch(SQLite::Database& db, const ledger::Event& e, std::int64_t id) {
  SQLite::Statement u(db, "UPDATE meeting SET updated_seq = ?, updated_at = ? WHERE id = ?");
  u.bind(1, e.seq);
  u.bind(2, e.at);
  u.bind(3, id);
  if (u.exec() != 1)
    throw Error(ErrorKind::data, fmt::format("event {}: meeting {} does not exist", e.seq, id));
}

void upsert_person(SQLite::Database& db, std::int64_t meeting, const json& person) {
  SQLite::Statement q(db, R"sql(
    INSERT INTO meeting_person (meeting, position, name, role, seat, detail, attendance, proxy,
      reason)
    VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM meeting_person WHERE meeting = ?1),
      ?2, ?3, ?4, ?5, ?6, ?7, ?8)
    ON CONFLICT (meeting, name) DO UPDATE SET attendance = ?6, proxy = ?7, reason = ?8)sql");
  q.bind(1, meeting);
  q.bind(2, text(person, "name"));
  q.bind(3, text(person, "role"));
  q.bind(4, text(person, "seat"));
  q.bind(5, text(person, "detail"));
  q.bind(6, person.value("attendance", std::string("invited")));
  q.bind(7, text(person, "proxy"));
  q.bind(8, text(person, "reason"));
  q.exec();
}

void plan(SQLite::Database& db, const ledger::Event& e, const json& p) {
  const auto id = p.at("id").get<std::int64_t>();
  SQLite::Statement q(db, R"sql(
    INSERT INTO meeting (id, community, kind, title, starts_at, ends_at, starts_utc, ends_utc,
      local_date, venue, online, chair, recorder, profile, schedule, schedule_date, status,
      reason, created_seq, created_at, updated_seq, updated_at, entitled, headcount)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 'planned',
      '', ?17, ?18, ?17, ?18, ?19, NULL))sql");
  q.bind(1, id);
  q.bind(2, text(p, "community"));
  q.bind(3, text(p, "kind"));
  q.bind(4, text(p, "title"));
  q.bind(5, text(p, "starts_at"));
  q.bind(6, text(p, "ends_at"));
  q.bind(7, p.at("starts_utc").get<std::int64_t>());
  q.bind(8, p.at("ends_utc").get<std::int64_t>());
  q.bind(9, text(p, "local_date"));
  q.bind(10, text(p, "venue"));
  q.bind(11, text(p, "online"));
  q.bind(12, text(p, "chair"));
  q.bind(13, text(p, "recorder"));
  q.bind(14, text(p, "profile"));
  q.bind(15, text(p, "schedule"));
  q.bind(16, text(p, "schedule_date"));
  q.bind(17, e.seq);
  q.bind(18, e.at);
  q.bind(19, p.value("entitled", std::int64_t{0}));
  q.exec();
  SQLite::Statement item(db, "INSERT INTO meeting_item (meeting, position, issue, carried, round, "
                             "outcome, note) VALUES (?, ?, ?, ?, 0, '', '')");
  int position = 0;
  for (const auto& it : p.at("items")) {
    item.reset();
    item.bind(1, id);
    item.bind(2, ++position);
    item.bind(3, it.at("issue").get<std::int64_t>());
    item.bind(4, it.value("carried", false) ? 1 : 0);
    item.exec();
  }
  for (const auto& person : p.at("people"))
    upsert_person(db, id, person);
}

void reschedule(SQLite::Database& db, const ledger::Event& e, const json& p) {
  const auto id = p.at("id").get<std::int64_t>();
  SQLite::Statement q(db, R"sql(
    UPDATE meeting SET starts_at = ?, ends_at = ?, starts_utc = ?, ends_utc = ?, local_date = ?,
      venue = ?, online = ?, reason = ? WHERE id = ?)sql");
  q.bind(1, text(p, "starts_at"));
  q.bind(2, text(p, "ends_at"));
  q.bind(3, p.at("starts_utc").get<std::int64_t>());
  q.bind(4, p.at("ends_utc").get<std::int64_t>());
  q.bind(5, text(p, "local_date"));
  q.bind(6, text(p, "venue"));
  q.bind(7, text(p, "online"));
  q.bind(8, text(p, "reason"));
  q.bind(9, id);
  q.exec();
  touch(db, e, id);
}

void set_status(SQLite::Database& db, const ledger::Event& e, const json& p, const char* status) {
  const auto id = p.at("id").get<std::int64_t>();
  SQLite::Statement q(db, "UPDATE meeting SET status = ?, reason = ? WHERE id = ?");
  q.bind(1, status);
  q.bind(2, text(p, "reason"));
  q.bind(3, id);
  q.exec();
  touch(db, e, id);
}

void item_update(SQLite::Database& db, std::int64_t meeting, const json& p) {
  SQLite::Statement q(db, "UPDATE meeting_item SET round = ? WHERE meeting = ? AND issue = ?");
  q.bind(1, p.at("round").get<int>());
  q.bind(2, meeting);
  q.bind(3, p.at("issue").get<std::int64_t>());
  q.exec();
}

void note(SQLite::Database& db, const ledger::Event& e, const json& p) {
  const auto id = p.at("id").get<std::int64_t>();
  SQLite::Statement q(db, "INSERT INTO meeting_note (id, meeting, issue, round, speaker, "
                          "position, body, seq, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, p.at("note").get<std::int64_t>());
  q.bind(2, id);
  q.bind(3, p.at("issue").get<std::int64_t>());
  q.bind(4, p.at("round").get<int>());
  q.bind(5, text(p, "speaker"));
  q.bind(6, text(p, "position"));
  q.bind(7, text(p, "body"));
  q.bind(8, e.seq);
  q.bind(9, e.at);
  q.exec();
  item_update(db, id, p);
  touch(db, e, id);
}

void outcome(SQLite::Database& db, const ledger::Event& e, const json& p) {
  const auto id = p.at("id").get<std::int64_t>();
  SQLite::Statement q(
      db, "UPDATE meeting_item SET outcome = ?, note = ? WHERE meeting = ? AND issue = ?");
  q.bind(1, text(p, "outcome"));
  q.bind(2, text(p, "note"));
  q.bind(3, id);
  q.bind(4, p.at("issue").get<std::int64_t>());
  q.exec();
  item_update(db, id, p);
  touch(db, e, id);
}

void close(SQLite::Database& db, const ledger::Event& e, const json& p) {
  const auto id = p.at("id").get<std::int64_t>();
  SQLite::Statement q(db, "UPDATE meeting_item SET outcome = 'not-reached' "
                          "WHERE meeting = ? AND issue = ?");
  for (const auto& issue : p.at("not_reached")) {
    q.reset();
    q.bind(1, id);
    q.bind(2, issue.get<std::int64_t>());
    q.exec();
  }
  set_status(db, e, p, "closed");
  // The monthly tallies: a meeting held, and who of the council came.
  SQLite::Statement m(db, "SELECT community, local_date, kind FROM meeting WHERE id = ?");
  m.bind(1, id);
  m.executeStep();
  tally(db, m.getColumn(0).getString(), m.getColumn(1).getString(), "held",
        m.getColumn(2).getString());
  SQLite::Statement seats(db, R"sql(
    SELECT seat, sum(attendance IN ('present', 'proxy')), count(*) FROM meeting_person
    WHERE meeting = ? AND role = 'member' GROUP BY seat)sql");
  seats.bind(1, id);
  while (seats.executeStep()) {
    tally(db, m.getColumn(0).getString(), m.getColumn(1).getString(), "present",
          seats.getColumn(0).getString(), seats.getColumn(1).getInt64());
    tally(db, m.getColumn(0).getString(), m.getColumn(1).getString(), "due",
          seats.getColumn(0).getString(), seats.getColumn(2).getInt64());
  }
}

void cancel(SQLite::Database& db, const ledger::Event& e, const json& p) {
  set_status(db, e, p, "cancelled");
  SQLite::Statement m(db, "SELECT community, local_date FROM meeting WHERE id = ?");
  m.bind(1, p.at("id").get<std::int64_t>());
  m.executeStep();
  tally(db, m.getColumn(0).getString(), m.getColumn(1).getString(), "cancelled", "");
}

/// meeting.attend: who came, by proxy, excused; the headcount.
void attend(SQLite::Database& db, const ledger::Event& e, const json& p) {
  const auto id = p.at("id").get<std::int64_t>();
  for (const auto& person : p.at("people"))
    upsert_person(db, id, person);
  if (const auto it = p.find("headcount"); it != p.end()) {
    SQLite::Statement h(db, "UPDATE meeting SET headcount = ? WHERE id = ?");
    h.bind(1, it->get<std::int64_t>());
    h.bind(2, id);
    h.exec();
  }
  touch(db, e, id);
}

} // namespace

const std::vector<Kind>& meeting_kinds() {
  static const std::vector<Kind> kKinds = {
      {kMeetingPlan, "meeting", 3, [](const Apply& a) { plan(a.db, a.event, a.payload); }},
      {kMeetingReschedule, "meeting", 3, [](const Apply& a) { reschedule(a.db, a.event, a.payload); }},
      {kMeetingCancel, "meeting", 3, [](const Apply& a) { cancel(a.db, a.event, a.payload); }},
      {kMeetingAttend, "meeting", 3, [](const Apply& a) { attend(a.db, a.event, a.payload); }},
      {kMeetingNote, "meeting", 3, [](const Apply& a) { note(a.db, a.event, a.payload); }},
      {kMeetingOutcome, "meeting", 3, [](const Apply& a) { outcome(a.db, a.event, a.payload); }},
      {kMeetingClose, "meeting", 3, [](const Apply& a) { close(a.db, a.event, a.payload); }},
  };
  return kKinds;
}

} // namespace consult::events
