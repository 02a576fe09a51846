// The projector's part for elections of persons: election.open inserts the
// election with its candidates, tellers and scrutineers; election.tally
// writes the count; election.close the result, and those elected join the
// body (body_member). Also the payload types of the election family
// (consult/events_election.hpp), which the writer uses too.

#include "projection.hpp"

#include "consult/events_election.hpp"

namespace consult::events {

using nlohmann::json;

namespace {

json names_json(const std::vector<std::string>& names) {
  json out = json::array();
  for (const auto& n : names)
    out.push_back({{"name", n}});
  return out;
}

std::vector<std::string> names_of(const json& p, const char* key) {
  std::vector<std::string> out;
  const auto it = p.find(key);
  if (it == p.end()) return out;
  for (const auto& x : *it)
    out.push_back(x.at("name").get<std::string>());
  return out;
}

void touch(const Apply& a, std::int64_t id, const char* status) {
  SQLite::Statement u(a.db, "UPDATE election SET status = ?, updated_seq = ?, updated_at = ? "
                            "WHERE id = ?");
  u.bind(1, status);
  u.bind(2, a.event.seq);
  u.bind(3, a.event.at);
  u.bind(4, id);
  expect_one(u.exec(), a.event, "election", id);
}

void project_open(const Apply& a) {
  const auto o = ElectionOpen::from_json(a.payload);
  SQLite::Statement q(a.db, R"sql(
    INSERT INTO election (id, community, body, seat, role, meeting, title, seats, method, rule,
      electorate, since, until, status, result, unfilled, reason, created_seq, created_at,
      updated_seq, updated_at)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'open', '', 0, '', ?14, ?15,
      ?14, ?15))sql");
  q.bind(1, o.id);
  q.bind(2, o.community);
  q.bind(3, o.body);
  q.bind(4, o.seat);
  q.bind(5, o.role);
  if (o.meeting)
    q.bind(6, *o.meeting);
  else
    q.bind(6);
  q.bind(7, o.title);
  q.bind(8, o.seats);
  q.bind(9, o.method);
  q.bind(10, o.rule);
  q.bind(11, o.electorate);
  q.bind(12, o.since);
  q.bind(13, o.until);
  q.bind(14, a.event.seq);
  q.bind(15, a.event.at);
  q.exec();
  SQLite::Statement c(a.db, "INSERT INTO election_person (election, n, part, name) "
                            "VALUES (?, ?, ?, ?)");
  int n = 0;
  const auto add = [&](const std::vector<std::string>& names, const char* part) {
    for (const auto& name : names) {
      c.reset();
      c.bind(1, o.id);
      c.bind(2, ++n);
      c.bind(3, part);
      c.bind(4, name);
      c.exec();
    }
  };
  add(o.candidates, "candidate");
  add(o.tellers, "teller");
  add(o.scrutineers, "scrutineer");
}

void project_tally(const Apply& a) {
  const auto t = ElectionTally::from_json(a.payload);
  SQLite::Statement u(a.db, "UPDATE election SET issued = ?, returned = ?, invalid = ? "
                            "WHERE id = ?");
  u.bind(1, t.issued);
  u.bind(2, t.returned);
  u.bind(3, t.invalid);
  u.bind(4, t.id);
  expect_one(u.exec(), a.event, "election", t.id);
  // A new count replaces the one before: names written in before go.
  SQLite::Statement clear(a.db, "DELETE FROM election_person WHERE election = ? AND "
                                "part = 'write-in'");
  clear.bind(1, t.id);
  clear.exec();
  SQLite::Statement reset(a.db, "UPDATE election_person SET votes = NULL WHERE election = ?");
  reset.bind(1, t.id);
  reset.exec();
  // The candidates' counts come in ballot order (the writer puts them so):
  // matched by place, not by name, so that a name forgotten since (sealed
  // apart, erased in each value on its own) still replays.
  int n = 0;
  for (const auto& c : t.counts) {
    if (c.write_in) {
      SQLite::Statement w(a.db, R"sql(
        INSERT INTO election_person (election, n, part, name, votes)
        VALUES (?1, (SELECT max(n) + 1 FROM election_person WHERE election = ?1), 'write-in',
          ?2, ?3))sql");
      w.bind(1, t.id);
      w.bind(2, c.name);
      w.bind(3, c.votes);
      w.exec();
      continue;
    }
    SQLite::Statement v(a.db, "UPDATE election_person SET votes = ? WHERE election = ? AND "
                              "part = 'candidate' AND n = ?");
    v.bind(1, c.votes);
    v.bind(2, t.id);
    v.bind(3, ++n);
    if (v.exec() != 1)
      throw Error(ErrorKind::data, fmt::format("event {}: election {} has no candidate {}",
                                               a.event.seq, t.id, n));
  }
  touch(a, t.id, "tallied");
}

void project_close(const Apply& a) {
  const auto c = ElectionClose::from_json(a.payload);
  SQLite::Statement u(a.db, "UPDATE election SET result = ?, unfilled = ?, reason = ? "
                            "WHERE id = ?");
  u.bind(1, c.result);
  u.bind(2, c.unfilled);
  u.bind(3, c.reason);
  u.bind(4, c.id);
  expect_one(u.exec(), a.event, "election", c.id);
  touch(a, c.id, "closed");
  SQLite::Statement mark(a.db, "UPDATE election_person SET outcome = ? WHERE election = ? AND "
                               "part IN ('candidate', 'write-in') AND name = ?");
  SQLite::Statement join(a.db, R"sql(
    INSERT INTO body_member (community, body, seat, name, role, since, until, election)
    SELECT community, body, seat, ?2, role, since, until, id FROM election WHERE id = ?1)sql");
  for (const auto& name : c.elected) {
    mark.reset();
    mark.bind(1, "elected");
    mark.bind(2, c.id);
    mark.bind(3, name);
    mark.exec();
    join.reset();
    join.bind(1, c.id);
    join.bind(2, name);
    join.exec();
  }
  for (const auto& name : c.tied) {
    mark.reset();
    mark.bind(1, "tied");
    mark.bind(2, c.id);
    mark.bind(3, name);
    mark.exec();
  }
}

} // namespace

std::string ElectionOpen::entity() const {
  return fmt::format("election:{}", id);
}

json ElectionOpen::to_json() const {
  return {{"id", id},
          {"community", community},
          {"body", body},
          {"seat", seat},
          {"role", role},
          {"meeting", id_or_null(meeting)},
          {"title", title},
          {"seats", seats},
          {"method", method},
          {"rule", rule},
          {"electorate", electorate},
          {"since", since},
          {"until", until},
          {"candidates", names_json(candidates)},
          {"tellers", names_json(tellers)},
          {"scrutineers", names_json(scrutineers)}};
}

ElectionOpen ElectionOpen::from_json(const json& p) {
  ElectionOpen o;
  o.id = integer(p, "id");
  o.community = text(p, "community");
  o.body = text(p, "body");
  o.seat = text(p, "seat");
  o.role = text(p, "role");
  o.meeting = optional<std::int64_t>(p, "meeting");
  o.title = text(p, "title");
  o.seats = p.at("seats").get<int>();
  o.method = text(p, "method");
  o.rule = text(p, "rule");
  o.electorate = integer(p, "electorate");
  o.since = text(p, "since");
  o.until = text(p, "until");
  o.candidates = names_of(p, "candidates");
  o.tellers = names_of(p, "tellers");
  o.scrutineers = names_of(p, "scrutineers");
  return o;
}

json ElectionTally::to_json() const {
  json counts_json = json::array();
  for (const auto& c : counts) {
    json one = {{"name", c.name}, {"votes", c.votes}};
    if (c.write_in) one["write_in"] = true;
    counts_json.push_back(std::move(one));
  }
  return {{"id", id},
          {"issued", issued},
          {"returned", returned},
          {"invalid", invalid},
          {"counts", std::move(counts_json)}};
}

ElectionTally ElectionTally::from_json(const json& p) {
  ElectionTally t;
  t.id = integer(p, "id");
  t.issued = integer(p, "issued");
  t.returned = integer(p, "returned");
  t.invalid = integer(p, "invalid");
  for (const auto& c : p.at("counts"))
    t.counts.push_back({c.at("name").get<std::string>(), c.at("votes").get<std::int64_t>(),
                        c.value("write_in", false)});
  return t;
}

json ElectionClose::to_json() const {
  return {{"id", id},
          {"result", result},
          {"elected", names_json(elected)},
          {"tied", names_json(tied)},
          {"unfilled", unfilled},
          {"reason", reason}};
}

ElectionClose ElectionClose::from_json(const json& p) {
  ElectionClose c;
  c.id = integer(p, "id");
  c.result = text(p, "result");
  c.elected = names_of(p, "elected");
  c.tied = names_of(p, "tied");
  c.unfilled = p.at("unfilled").get<int>();
  c.reason = text(p, "reason");
  return c;
}

const std::vector<Kind>& election_kinds() {
  static const std::vector<Kind> kKinds = {
      {kElectionOpen, "election", 13, project_open, false, payload_type<ElectionOpen>},
      {kElectionTally, "election", 13, project_tally, false, payload_type<ElectionTally>},
      {kElectionClose, "election", 13, project_close, false, payload_type<ElectionClose>},
  };
  return kKinds;
}

} // namespace consult::events
