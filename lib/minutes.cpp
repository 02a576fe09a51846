#include "consult/minutes.hpp"

#include "consult/actions.hpp"
#include "consult/decisions.hpp"
#include "consult/error.hpp"
#include "consult/events_minutes.hpp"
#include "consult/hash.hpp"
#include "consult/i18n.hpp"
#include "consult/issues.hpp"
#include "consult/meetings.hpp"
#include "consult/personal.hpp"
#include "consult/render.hpp"
#include "consult/rules.hpp"
#include "consult/text.hpp"
#include "consult/votes.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <map>
#include <set>

namespace consult::minutes {

using document::Block;
using nlohmann::json;
using Kind = Block::Kind;

namespace {

/// A person with the role recorded for them: council members, guests
/// (officials of other bodies) and bodies act in their role and stay named;
/// everyone else is a resident, a stakeholder, a proxy or an owner.
json person(const std::string& name, const std::string& role) {
  return {{"name", name}, {"role", role}};
}

/// Masks the residents in a minutes record, in place, for its public JSON:
/// every person object whose role is not a member's, a guest's or a body's,
/// and every place. `typed` false: as writer 1 masked (people::legacy), by
/// the guess from the ending, for verifying its documents.
/// The residents a typed minutes record names: every person object whose
/// role is not a member's, a guest's or a body's, and the stakeholders and
/// proxies recorded without a role (writer 2 writes it only for others).
std::vector<std::string> resident_names(const json& minutes) {
  std::vector<std::string> out;
  std::function<void(const json&)> walk = [&](const json& v) {
    if (v.is_object()) {
      const auto role = v.find("role");
      const auto name = v.find("name");
      if (role != v.end() && name != v.end() && role->is_string() && name->is_string() &&
          *role != "member" && *role != "guest" && *role != "body")
        out.push_back(name->get<std::string>());
      for (const auto& [k, x] : v.items())
        walk(x);
    } else if (v.is_array()) {
      for (const auto& x : v)
        walk(x);
    }
  };
  walk(minutes);
  const auto& att = minutes.contains("attendance") ? minutes.at("attendance") : json::object();
  for (const auto& s : att.value("stakeholders", json::array()))
    if (!s.contains("role")) out.push_back(s.value("name", ""));
  for (const auto& seat : att.value("seats", json::array()))
    for (const auto& p : seat.value("proxies", json::array()))
      if (!p.contains("role")) out.push_back(p.value("name", ""));
  return out;
}

/// Who the record names in fields for people that are not its attendance —
/// the chair, the recorder, those who carry out actions — and those who
/// approved or amended the minutes: the residents among them (not members
/// or bodies as `who` records them), to be masked in free text too.
std::vector<std::string> other_residents(const json& minutes, const State& st,
                                         const people::Directory& who) {
  std::vector<std::string> names;
  if (minutes.contains("meeting"))
    for (const char* k : {"chair", "recorder"})
      if (const auto it = minutes["meeting"].find(k);
          it != minutes["meeting"].end() && it->is_string())
        names.push_back(it->get<std::string>());
  if (minutes.contains("items"))
    for (const auto& item : minutes["items"])
      if (item.contains("actions"))
        for (const auto& a : item["actions"])
          names.push_back(a.value("owner", ""));
  names.insert(names.end(), st.approved_by.begin(), st.approved_by.end());
  for (const auto& a : st.amendments)
    names.push_back(a.by);
  std::vector<std::string> out;
  for (const auto& n : names)
    if (!n.empty() && who.kind_of(n, people::Field::proxy) == people::Kind::resident)
      out.push_back(n);
  return out;
}

/// Free text of a public record — titles, opinions, notes, questions,
/// decisions, actions, reasons — with the residents the record names and
/// any mobile or ID-card number masked (personal::mask_in_text).
void mask_free_text(json& v, const std::vector<std::string>& names, personal::TextRules rules) {
  static const std::set<std::string, std::less<>> kFree = {
      "title",  "venue", "online", "outcome_note", "question", "matter", "reason",
      "text",   "what",  "option", "choice",       "channel",  "category"};
  if (v.is_array()) {
    for (auto& x : v)
      mask_free_text(x, names, rules);
    return;
  }
  if (!v.is_object()) return;
  const bool opinion = v.contains("speaker");
  for (auto& [k, x] : v.items()) {
    if (x.is_string() && (kFree.contains(k) || (opinion && k == "body")))
      x = personal::mask_in_text(x.get<std::string>(), names, rules);
    else if (x.is_structured())
      mask_free_text(x, names, rules);
  }
}

void mask_public(json& minutes, bool typed, personal::TextRules rules,
                 const people::Directory* who = nullptr,
                 const std::vector<std::string>& more = {}) {
  auto residents = typed ? resident_names(minutes) : std::vector<std::string>();
  residents.insert(residents.end(), more.begin(), more.end());
  std::function<void(json&)> mask = [&](json& v) {
    if (v.is_object()) {
      if (v.contains("role") && v.contains("name") && v["name"].is_string()) {
        const auto role = v["role"].get<std::string>();
        const auto name = v["name"].get<std::string>();
        if (typed && role != "member" && role != "guest" && role != "body")
          v["name"] = personal::mask_name(name);
        if (!typed && (role == "resident" || role == "owner"))
          v["name"] = people::legacy::mask_name(name);
        if (!typed && role == "stakeholder") v["name"] = people::legacy::mask_person(name);
      }
      if (v.contains("place") && v["place"].is_string()) {
        const auto place = v["place"].get<std::string>();
        v["place"] = typed ? personal::mask_place(place) : people::legacy::mask_place(place);
      }
      for (auto& [k, x] : v.items())
        mask(x);
    } else if (v.is_array()) {
      for (auto& x : v)
        mask(x);
    }
  };
  mask(minutes);
  // Stakeholders and proxies carry a role only when it is not a resident's;
  // writer 1 guessed for stakeholders and named proxies.
  for (auto& s : minutes["attendance"]["stakeholders"])
    if (!typed)
      s["name"] = people::legacy::mask_person(s.value("name", ""));
    else if (!s.contains("role"))
      s["name"] = personal::mask_name(s.value("name", ""));
  if (!typed) return;
  // An owner's units are their address: cut to the building.
  for (auto& item : minutes["items"])
    for (auto& vote : item["votes"])
      for (auto& b : vote["ballots"])
        if (b["voter"].value("role", "") == "owner")
          for (auto& u : b["units"])
            u = personal::mask_place(u.get<std::string>());
  for (auto& seat : minutes["attendance"]["seats"])
    for (auto& p : seat["proxies"])
      if (!p.contains("role")) p["name"] = personal::mask_name(p.value("name", ""));
  mask_free_text(minutes, residents, rules);
  // A guest's body is free text as recorded ("张小明的律师"); the chair, the
  // recorder and those who carry out an action are members or bodies as
  // recorded, else residents.
  // (Found, never added: a record approved long ago stays as it was.)
  auto each = [](json& parent, const char* key, const std::function<void(json&)>& fn) {
    if (parent.is_object())
      if (const auto it = parent.find(key); it != parent.end() && it->is_array())
        for (auto& x : *it)
          fn(x);
  };
  auto text = [](json& parent, const char* key, const std::function<std::string(std::string)>& fn) {
    if (parent.is_object())
      if (const auto it = parent.find(key); it != parent.end() && it->is_string())
        *it = fn(it->get<std::string>());
  };
  if (minutes.contains("attendance"))
    each(minutes["attendance"], "guests", [&](json& g) {
      text(g, "body", [&](const std::string& b) { return personal::mask_in_text(b, residents, rules); });
    });
  if (!who) return;
  auto shown = [&](const std::string& n) { return who->shown(n, people::Field::proxy); };
  if (minutes.contains("meeting")) {
    text(minutes["meeting"], "chair", shown);
    text(minutes["meeting"], "recorder", shown);
  }
  each(minutes, "items", [&](json& item) {
    each(item, "actions", [&](json& a) { text(a, "owner", shown); });
  });
}

/// Amendments of public minutes: their text masked like the record's.
std::vector<Amendment> public_amendments(const std::vector<Amendment>& all,
                                         const std::vector<std::string>& residents,
                                         const people::Directory& who, personal::TextRules rules) {
  auto out = all;
  for (auto& a : out) {
    a.text = personal::mask_in_text(a.text, residents, rules);
    a.by = who.shown(a.by, people::Field::proxy);
  }
  return out;
}

std::string percent(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return "-";
  const auto tenths = (part * 2000 + whole) / (2 * whole);
  return fmt::format("{}.{}%", tenths / 10, tenths % 10);
}

} // namespace

json record(ledger::Ledger& ledger, const config::Community& c, std::int64_t id, bool typed) {
  const auto m = meetings::get(ledger, id);
  if (m.community != c.id) throw Error(ErrorKind::internal, "minutes of another community");
  // Each person with the role recorded for them: members and guests as the
  // meeting has them, the community's organisations as bodies, everyone
  // else (stakeholders, speakers, whoever raised an issue) a resident.
  const auto who = meetings::directory(c, m);
  std::map<std::string, std::string> roles;
  for (const auto& p : m.people)
    roles[p.name] = p.role;
  // The field decides what a name is (people::Field), never its text.
  // Writer 1 took everyone for what the attendance recorded, else a resident.
  auto role_of = [&](const std::string& name, people::Field f) -> std::string {
    const auto it = roles.find(name);
    if (!typed) return it != roles.end() ? it->second : std::string("resident");
    const auto kind = who.kind_of(name, f);
    if (kind == people::Kind::resident && it != roles.end() && it->second == "stakeholder")
      return "stakeholder";
    return std::string(people::to_string(kind));
  };

  json j;
  const auto* kind = c.meeting_kind(m.kind);
  j["meeting"] = {
      {"id", m.id},
      {"title", m.title},
      {"kind", m.kind},
      {"kind_label", config::label_or_key(kind, m.kind)},
      {"community",
       {{"id", c.id}, {"name", c.name}, {"street", c.street}, {"district", c.district}}},
      {"starts_at", m.starts_at},
      {"ends_at", m.ends_at},
      {"venue", m.venue},
      {"online", m.online},
      {"chair", m.chair},
      {"recorder", m.recorder},
      {"status", m.status},
      {"reason", m.reason}};

  // Attendance by seat category: due, present, absent with reasons, proxies.
  json seats = json::array();
  // The council's seats; the members of another body (or members who took
  // part in an informal meeting) have no seat and make one row after them.
  std::vector<config::Seat> categories = c.council.seats;
  {
    const auto* body = meetings::body_of(c, m);
    config::Seat others;
    others.label = body && body->type != "council" ? body->name
                                                    : std::string(_("members who took part"));
    categories.push_back(std::move(others));
  }
  for (const auto& seat : categories) {
    json row = {{"key", seat.key.empty() ? std::string("members") : seat.key},
                {"label", seat.label},
                {"due", 0},
                {"present", 0},
                {"names", json::array()},
                {"absent", json::array()},
                {"proxies", json::array()}};
    for (const auto& p : m.people) {
      if (p.role != "member" || p.seat != seat.key) continue;
      row["due"] = row["due"].get<int>() + 1;
      if (p.attendance == "present" || p.attendance == "proxy") {
        row["present"] = row["present"].get<int>() + 1;
        row["names"].push_back(p.name);
      }
      if (p.attendance == "proxy") {
        // A proxy is a resident unless recorded as a member or a body (the
        // role is written only then, so records stay as they were).
        json proxy = {{"name", p.proxy}, {"for", p.name}};
        const auto role = role_of(p.proxy, people::Field::proxy);
        if (typed && role != "resident") proxy["role"] = role;
        row["proxies"].push_back(std::move(proxy));
      }
      if (p.attendance == "absent" || p.attendance == "excused" || p.attendance == "invited")
        row["absent"].push_back(
            {{"name", p.name}, {"reason", p.reason}, {"attendance", p.attendance}});
    }
    if (row["due"].get<int>() > 0) seats.push_back(std::move(row));
  }
  json stakeholders = json::array(), guests = json::array(), residents = json::array();
  for (const auto& p : m.people) {
    if (p.role == "stakeholder") {
      json x = {{"name", p.name}, {"issues", p.detail}, {"attendance", p.attendance}};
      // A stakeholder is a resident unless the community lists it as an
      // organisation (the role is written only then).
      if (typed && role_of(p.name, people::Field::resident) == "body") x["role"] = "body";
      stakeholders.push_back(std::move(x));
    }
    if (p.role == "guest") guests.push_back({{"name", p.name}, {"body", p.detail}});
    if (typed && p.role == "resident")
      residents.push_back({{"name", p.name}, {"role", "resident"}});
  }
  const auto q = meetings::quorum(c, m);
  j["attendance"] = {{"seats", seats},
                     {"stakeholders", stakeholders},
                     {"guests", guests},
                     {"entitled", m.entitled},
                     {"headcount", m.headcount ? json(*m.headcount) : json(nullptr)},
                     {"recorded", q.attendance_recorded}};
  // Only when there are any: the record of minutes made before residents
  // could be recorded stays as it was, byte for byte.
  if (!residents.empty()) j["attendance"]["residents"] = residents;
  j["quorum"] = {{"rule", q.has_rule ? q.profile.key : std::string()},
                 {"rule_label", q.has_rule ? q.profile.label : std::string()},
                 {"statement", q.statement},
                 {"ok", q.ok()}};

  votes::Filter vf;
  vf.meeting = m.id;
  const auto held = votes::list(ledger, vf);
  json items = json::array();
  for (const auto& it : m.items) {
    const auto& is = it.issue;
    json item = {{"position", it.position},
                 {"carried", it.carried},
                 {"round", it.round},
                 {"outcome", it.outcome},
                 {"outcome_note", it.note}};
    item["issue"] = {{"id", is.id},
                     {"title", is.title},
                     {"channel", config::label_or_key(c.channel(is.channel), is.channel)},
                     {"category", config::label_or_key(c.category(is.category), is.category)},
                     {"raised_on", is.raised_on},
                     {"residents", is.raised_count},
                     {"raised_by", person(is.raised_by,
                                      typed ? role_of(is.raised_by, people::Field::resident)
                                            : "resident")},
                     {"place", is.place}};
    json opinions = json::array();
    for (const auto& n : m.notes)
      if (n.issue == is.id)
        opinions.push_back({{"speaker", person(n.speaker, role_of(n.speaker, people::Field::speaker))},
                            {"position", n.position},
                            {"round", n.round},
                            {"body", n.body}});
    item["opinions"] = std::move(opinions);
    json vs = json::array();
    for (const auto& brief : held) {
      if (brief.issue != is.id) continue;
      const auto v = votes::get(ledger, brief.id);
      const auto profile = config::find_profile(c, v.profile);
      json counts = json::array();
      for (const auto& [k, n] : v.counts)
        counts.push_back({{"option", k}, {"count", n}});
      json ballots = json::array();
      // A ballot at a meeting: a member's, named; a resident's (a building
      // group's roll call), masked like every resident the meeting records.
      auto voter_role = [&](const std::string& name) {
        return typed && who.kind_of(name, people::Field::speaker) == people::Kind::resident
                   ? "resident"
                   : "member";
      };
      for (const auto& b : v.ballots)
        ballots.push_back(
            {{"voter", person(b.voter, v.electorate != "roster" ? voter_role(b.voter)
                                       : typed && who.kind_of(b.voter, people::Field::resident) ==
                                                        people::Kind::body
                                           ? "body"
                                           : "owner")},
             {"units", b.units},
             {"area", v.electorate == "roster" ? rules::format_area(b.area) : ""},
             {"choice", b.choice}});
      vs.push_back({{"id", v.id},
                    {"question", v.question},
                    {"method", v.method},
                    {"rule", v.profile},
                    {"rule_label", profile ? profile->label : v.profile},
                    {"matter", v.matter},
                    {"status", v.status},
                    {"counts", v.status == "closed" || v.tallied ? counts : json::array()},
                    {"ballots", ballots},
                    {"result", v.result},
                    {"reason", v.reason}});
    }
    item["votes"] = std::move(vs);
    decisions::Filter df;
    df.issue = is.id;
    json decision = nullptr;
    json acts = json::array();
    for (const auto& d : decisions::list(ledger, df)) {
      if (!d.meeting || *d.meeting != m.id) continue;
      decision = {{"id", d.id}, {"result", d.result}, {"text", d.text}, {"reason", d.reason}};
      actions::Filter af;
      af.decision = d.id;
      for (const auto& a : actions::list(ledger, af))
        acts.push_back({{"id", a.id}, {"owner", a.owner}, {"what", a.what}, {"due", a.due}});
    }
    item["decision"] = decision;
    item["actions"] = std::move(acts);
    items.push_back(std::move(item));
  }
  j["items"] = std::move(items);
  return j;
}

State state(ledger::Ledger& ledger, std::int64_t meeting) {
  State s;
  SQLite::Statement q(ledger.db(), "SELECT approved_by, document, seq, at FROM minutes "
                                   "WHERE meeting = ?");
  q.bind(1, meeting);
  if (q.executeStep()) {
    s.approved = true;
    s.approved_by = json::parse(q.getColumn(0).getString()).get<std::vector<std::string>>();
    s.document = json::parse(q.getColumn(1).getString());
    s.seq = q.getColumn(2).getInt64();
    s.approved_at = q.getColumn(3).getString();
  }
  SQLite::Statement a(ledger.db(), "SELECT n, text, by, at, seq FROM minutes_amendment "
                                   "WHERE meeting = ? ORDER BY n");
  a.bind(1, meeting);
  while (a.executeStep())
    s.amendments.push_back({a.getColumn(0).getInt(), a.getColumn(1).getString(),
                            a.getColumn(2).getString(), a.getColumn(3).getString(),
                            a.getColumn(4).getInt64()});
  return s;
}

State approve(ledger::Ledger& ledger, const config::Community& c, std::int64_t meeting,
              const std::vector<std::string>& by) {
  std::vector<std::string> names;
  for (const auto& n : by) {
    auto name = issues::clean_field(n, "by", issues::kMaxFieldBytes);
    if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end())
      names.push_back(std::move(name));
  }
  State out;
  ledger.write([&] {
    const auto m = meetings::get(ledger, meeting);
    if (m.status != "closed")
      throw Error(ErrorKind::data,
                  i18n::tr(N_("meeting {} is {}: minutes are approved once it is closed"), meeting,
                           m.status),
                  {}, i18n::tr(N_("close it first: consult meeting close {}"), meeting));
    const auto before = state(ledger, meeting);
    if (before.approved)
      throw Error(ErrorKind::data,
                  i18n::tr(N_("the minutes of meeting {} were approved on {}"), meeting,
                           render::short_time(before.approved_at)),
                  {},
                  i18n::tr(N_("approved minutes are locked; correct them with consult minutes "
                              "amend {} --text …"),
                           meeting));
    events::MinutesApprove a;
    a.meeting = meeting;
    a.by = names;
    a.document = record(ledger, c, meeting, true);
    a.sha256 = hash::sha256_hex(ledger::canonical(a.document));
    ledger.append(events::kMinutesApprove, a.entity(), a.to_json());
    out = state(ledger, meeting);
  });
  return out;
}

State amend(ledger::Ledger& ledger, std::int64_t meeting, const std::string& text,
            const std::string& by) {
  const auto body = issues::clean_field(text, "text", issues::kMaxBodyBytes, true);
  const auto who = issues::clean_field(by, "by", issues::kMaxFieldBytes);
  if (body.empty())
    throw Error(ErrorKind::usage, _("the amendment is empty"), "text",
                _("give the correction with --text \"…\""));
  State out;
  ledger.write([&] {
    meetings::get(ledger, meeting);
    const auto s = state(ledger, meeting);
    if (!s.approved)
      throw Error(ErrorKind::data, i18n::tr(N_("the minutes of meeting {} are a draft"), meeting),
                  {},
                  _("a draft follows the ledger: record the correction itself (an opinion, an "
                    "outcome, attendance); amendments are for approved minutes"));
    events::MinutesAmend a;
    a.meeting = meeting;
    a.n = static_cast<int>(s.amendments.size()) + 1;
    a.text = body;
    a.by = who;
    ledger.append(events::kMinutesAmend, a.entity(), a.to_json());
    out = state(ledger, meeting);
  });
  return out;
}

std::vector<Block> blocks(const json& rec, const State& st, bool is_public, std::int64_t upto_seq,
                          bool typed, int writer) {
  if (writer == 0) writer = document::renderer_version("md");
  const json& r = st.approved ? st.document : rec;
  auto name = [&](const json& p) {
    const auto n = p.value("name", std::string());
    const auto role = p.value("role", std::string());
    if (!is_public || role == "member" || role == "guest" || role == "body") return n;
    if (!typed) // documents stamped before people were recorded by kind
      return role == "stakeholder" ? people::legacy::mask_person(n)
             : role == "proxy"     ? n
                                   : people::legacy::mask_name(n);
    return personal::mask_name(n); // residents, stakeholders, proxies and owners
  };
  auto place = [&](const std::string& p) {
    return typed ? personal::mask_place(p) : people::legacy::mask_place(p);
  };
  std::vector<Block> out;
  const auto& m = r.at("meeting");
  const auto& com = m.at("community");
  out.push_back(
      {Kind::title, i18n::tr(N_("{} {}: minutes"), com.value("name", ""), m.value("title", ""))});
  if (st.approved) {
    std::string by;
    for (const auto& n : st.approved_by)
      by += (by.empty() ? "" : "、") + n;
    out.push_back(
        {Kind::note,
         by.empty() ? i18n::tr(N_("Approved {}."), render::short_time(st.approved_at))
                    : i18n::tr(N_("Approved {} by {}."), render::short_time(st.approved_at), by)});
  } else {
    out.push_back({Kind::note, _("Draft: not yet approved.")});
  }
  std::string when = render::short_time(m.value("starts_at", ""));
  if (!m.value("ends_at", "").empty())
    when += "–" + render::short_time(m.value("ends_at", "")).substr(11);
  Block f{Kind::fields};
  f.rows = {{_("Community"), fmt::format("{} ({}, {})", com.value("name", ""),
                                         com.value("street", ""), com.value("district", ""))},
            {_("Meeting"), fmt::format("{} ({})", m.value("id", 0), m.value("kind_label", ""))},
            {_("Date and time"), when}};
  if (!m.value("venue", "").empty()) f.rows.push_back({_("Venue"), m.value("venue", "")});
  if (!m.value("online", "").empty()) f.rows.push_back({_("Online"), m.value("online", "")});
  f.rows.push_back({_("Chair"), m.value("chair", "")});
  f.rows.push_back({_("Recorder"), m.value("recorder", "")});
  out.push_back(f);

  // Attendance.
  const auto& att = r.at("attendance");
  out.push_back({Kind::heading, _("Attendance")});
  const bool heads = att.value("entitled", std::int64_t{0}) > 0;
  if (heads) {
    const auto& hc = att.at("headcount");
    const auto entitled = att.value("entitled", std::int64_t{0});
    // Writer 4: without a headcount, the heads recorded by name — the
    // body's members, the residents and the stakeholders who came.
    std::int64_t named = 0;
    for (const auto& s : att.at("seats"))
      named += s.value("present", 0);
    if (att.contains("residents")) named += static_cast<std::int64_t>(att.at("residents").size());
    for (const auto& s : att.at("stakeholders"))
      if (s.value("attendance", "") == "present" && s.value("role", "") != "body") ++named;
    if (!hc.is_null())
      out.push_back({Kind::paragraph,
                     i18n::tr(N_("{} of {} entitled present ({})."), hc.get<std::int64_t>(),
                              entitled, percent(hc.get<std::int64_t>(), entitled))});
    else if (writer >= 4 && named > 0)
      out.push_back({Kind::paragraph,
                     i18n::tr(N_("{named} of {entitled} entitled present, by name ({share})."),
                              fmt::arg("named", named), fmt::arg("entitled", entitled),
                              fmt::arg("share", percent(named, entitled)))});
    else
      out.push_back({Kind::paragraph,
                     i18n::tr(N_("{} entitled to attend; not counted."), att.value("entitled", 0))});
  }
  // The members due, by seat or body: at a meeting of residents too from
  // writer 4 on (a building group's head), never at one before.
  if (!heads || (writer >= 4 && !att.at("seats").empty())) {
    Block t{Kind::table};
    t.header = {_("Category"),        _("Due"),    _("Present"), _("Ratio"), _("Present (names)"),
                _("Absent (reason)"), _("Proxies")};
    int due = 0, present = 0;
    for (const auto& s : att.at("seats")) {
      std::string names, absent, proxies;
      for (const auto& n : s.at("names"))
        names += (names.empty() ? "" : "、") + n.get<std::string>();
      for (const auto& a : s.at("absent")) {
        std::string why = a.value("reason", "");
        if (a.value("attendance", "") == "excused")
          why = why.empty() ? _("excused") : std::string(_("excused")) + ": " + why;
        absent += (absent.empty() ? "" : "、") + a.value("name", "") +
                  (why.empty() ? "" : "（" + why + "）");
      }
      for (const auto& p : s.at("proxies"))
        proxies += (proxies.empty() ? "" : "、") +
                   i18n::tr(N_("{} for {}"),
                            name(person(p.value("name", ""), p.value("role", typed ? "resident"
                                                                                    : "proxy"))),
                            p.value("for", ""));
      due += s.value("due", 0);
      present += s.value("present", 0);
      t.rows.push_back({s.value("label", ""), std::to_string(s.value("due", 0)),
                        std::to_string(s.value("present", 0)),
                        percent(s.value("present", 0), s.value("due", 0)), names, absent, proxies});
    }
    t.rows.push_back({_("Total"), std::to_string(due), std::to_string(present),
                      percent(present, due), "", "", ""});
    out.push_back(t);
  }
  const json no_one = json::array();
  const json& residents = att.contains("residents") ? att.at("residents") : no_one;
  if (!att.at("stakeholders").empty() || !att.at("guests").empty() || !residents.empty()) {
    Block t{Kind::table};
    t.header = {_("Stakeholders and guests"), _("Role"), _("Attendance")};
    for (const auto& s : att.at("stakeholders"))
      t.rows.push_back({name(person(s.value("name", ""), s.value("role", "stakeholder"))),
                        i18n::tr(N_("stakeholder of {}"), s.value("issues", "")),
                        i18n::key_label(s.value("attendance", ""))});
    for (const auto& g : att.at("guests"))
      t.rows.push_back({g.value("name", ""), g.value("body", ""), _("present")});
    for (const auto& p : residents)
      t.rows.push_back({name(person(p.value("name", ""), "resident")),
                        _("resident who took part"), _("present")});
    out.push_back(t);
  }
  const auto& qu = r.at("quorum");
  out.push_back({Kind::paragraph, qu.value("rule", "").empty()
                                      ? i18n::tr(N_("Quorum: {}"), qu.value("statement", ""))
                                      : i18n::tr(N_("Quorum ({}): {}"), qu.value("rule_label", ""),
                                                 qu.value("statement", ""))});

  // The agenda, item by item.
  out.push_back({Kind::heading, _("Agenda, opinions and decisions")});
  for (const auto& it : r.at("items")) {
    const auto& is = it.at("issue");
    out.push_back({Kind::subheading, i18n::tr(N_("{}. Issue {}: {}"), it.value("position", 0),
                                              is.value("id", 0), is.value("title", ""))});
    Block fi{Kind::fields};
    std::string origin = i18n::tr(N_("{}, raised {}, {} resident(s)"), is.value("channel", ""),
                                  is.value("raised_on", ""), is.value("residents", 0));
    const auto who = name(is.at("raised_by"));
    if (!who.empty()) origin += i18n::tr(N_(", by {}"), who);
    fi.rows.push_back({_("Origin"), origin});
    if (!is.value("place", "").empty())
      fi.rows.push_back(
          {_("Place"), is_public ? place(is.value("place", "")) : is.value("place", "")});
    fi.rows.push_back({_("Category"), is.value("category", "")});
    std::string round = it.value("round", 0) > 0 ? std::to_string(it.value("round", 0)) : "-";
    if (it.value("carried", false)) round += i18n::tr(N_(" (carried over)"));
    fi.rows.push_back({_("Round"), round});
    std::string outcome = i18n::key_label(it.value("outcome", ""));
    if (!it.value("outcome_note", "").empty()) outcome += ": " + it.value("outcome_note", "");
    fi.rows.push_back({_("Outcome"), outcome.empty() ? std::string(_("not recorded")) : outcome});
    out.push_back(fi);
    if (!it.at("opinions").empty()) {
      Block t{Kind::table};
      t.header = {_("Speaker"), _("Position"), _("Opinion")};
      for (const auto& o : it.at("opinions"))
        t.rows.push_back({name(o.at("speaker")), o.value("position", ""), o.value("body", "")});
      out.push_back(t);
    }
    for (const auto& v : it.at("votes")) {
      Block vf{Kind::fields};
      std::string rule = fmt::format("{} ({})", v.value("rule_label", ""), v.value("rule", ""));
      if (v.value("matter", 0) > 0)
        rule += i18n::tr(N_(", matter {} of art. 278"), v.value("matter", 0));
      std::string counts;
      for (const auto& cnt : v.at("counts"))
        counts += (counts.empty() ? "" : ", ") +
                  fmt::format("{} {}", cnt.value("option", ""), cnt.value("count", 0));
      vf.rows = {{_("Vote"), fmt::format("{}: {}", v.value("id", 0), v.value("question", ""))},
                 {_("Method"), i18n::key_label(v.value("method", ""))},
                 {_("Rule"), rule},
                 {_("Counts"), counts.empty() ? std::string("-") : counts},
                 {_("Result"), v.value("status", "") == "open"
                                   ? std::string(_("open"))
                                   : i18n::key_label(v.value("result", ""))},
                 {_("Reasoning"), v.value("reason", "")}};
      out.push_back(vf);
      if (v.value("method", "") == "secret") {
        out.push_back({Kind::paragraph, _("Secret ballot: only the counts are kept.")});
      } else if (!v.at("ballots").empty()) {
        Block t{Kind::table};
        t.header = {_("Voter"), _("Units"), _("Area m²"), _("Choice")};
        for (const auto& b : v.at("ballots")) {
          std::string units;
          for (const auto& u : b.at("units"))
            units += (units.empty() ? "" : ", ") + u.get<std::string>();
          t.rows.push_back(
              {name(b.at("voter")), units, b.value("area", ""), b.value("choice", "")});
        }
        out.push_back(t);
      }
    }
    if (!it.at("decision").is_null()) {
      const auto& d = it.at("decision");
      out.push_back(
          {Kind::paragraph, i18n::tr(N_("Decision {} ({}): {}"), d.value("id", 0),
                                     i18n::key_label(d.value("result", "")), d.value("text", ""))});
    }
    if (!it.at("actions").empty()) {
      Block t{Kind::table};
      t.header = {_("Action"), _("Who"), _("What"), _("By")};
      for (const auto& a : it.at("actions"))
        t.rows.push_back({std::to_string(a.value("id", 0)), a.value("owner", ""),
                          a.value("what", ""), a.value("due", "")});
      out.push_back(t);
    }
  }
  if (r.at("items").empty()) out.push_back({Kind::paragraph, _("No issues were on the agenda.")});

  // Corrections after approval, as appended.
  std::vector<const Amendment*> shown;
  for (const auto& a : st.amendments)
    if (a.seq <= upto_seq) shown.push_back(&a);
  if (!shown.empty()) {
    out.push_back({Kind::heading, _("Amendments")});
    for (const auto* a : shown)
      out.push_back(
          {Kind::note, i18n::tr(N_("Amendment {} ({}{}): {}"), a->n, render::short_time(a->at),
                                a->by.empty() ? std::string() : ", " + a->by, a->text)});
  }
  Block sig{Kind::signatures};
  sig.rows = {{_("Chair"), _("Recorder"), _("Members present")}};
  out.push_back(sig);
  return out;
}

document::Stamp stamp_now(ledger::Ledger& ledger, const std::string& kind,
                          const std::string& subject, const std::string& format, bool is_public,
                          const std::string& zone) {
  document::Stamp s;
  s.kind = kind;
  s.subject = subject;
  s.format = format;
  s.is_public = is_public;
  s.at = clock::format_rfc3339(ledger.session().clock.now(), zone);
  if (const auto head = ledger.head()) {
    s.seq = head->seq;
    s.hash = head->hash;
  }
  return s;
}

std::string render(ledger::Ledger& ledger, const config::Community& c, std::int64_t meeting,
                   const document::Stamp& stamp) {
  const auto st = state(ledger, meeting);
  const bool typed = document::typed_persons(stamp);
  const auto rules = document::text_rules(stamp);
  const json rec = st.approved ? json() : record(ledger, c, meeting, typed);
  if (stamp.format == "json") {
    // Everything, for other programs; residents masked when public.
    json j = {{"minutes", st.approved ? st.document : rec},
              {"status", st.approved ? "approved" : "draft"},
              {"approved_by", st.approved_by},
              {"approved_at", st.approved_at},
              {"export", stamp.to_json()}};
    json amendments = json::array();
    for (const auto& a : st.amendments)
      if (a.seq <= stamp.seq)
        amendments.push_back({{"n", a.n}, {"text", a.text}, {"by", a.by}, {"at", a.at}});
    const auto who = meetings::directory(c, meetings::get(ledger, meeting));
    std::vector<std::string> others;
    if (stamp.is_public && typed) {
      others = other_residents(j["minutes"], st, who);
      auto residents = resident_names(j["minutes"]);
      residents.insert(residents.end(), others.begin(), others.end());
      for (auto& a : amendments) {
        a["text"] = personal::mask_in_text(a.value("text", ""), residents, rules);
        a["by"] = who.shown(a.value("by", ""), people::Field::proxy);
      }
      for (auto& n : j["approved_by"])
        n = who.shown(n.get<std::string>(), people::Field::proxy);
    }
    j["amendments"] = amendments;
    if (stamp.is_public) mask_public(j["minutes"], typed, rules, &who, others);
    return j.dump(2) + "\n";
  }
  if (stamp.is_public && typed) {
    // Writer 2: the names and the free text masked once, in the record the
    // document is made of (blocks() leaves masked names as they are).
    State shown = st;
    json masked = rec;
    json& r = st.approved ? shown.document : masked;
    const auto who = meetings::directory(c, meetings::get(ledger, meeting));
    const auto others = other_residents(r, st, who);
    auto residents = resident_names(r);
    residents.insert(residents.end(), others.begin(), others.end());
    mask_public(r, true, rules, &who, others);
    shown.amendments = public_amendments(st.amendments, residents, who, rules);
    for (auto& n : shown.approved_by)
      n = who.shown(n, people::Field::proxy);
    const auto b = blocks(masked, shown, true, stamp.seq, true, document::writer_of(stamp));
    if (stamp.format == "md") return document::markdown(b, stamp);
    if (stamp.format == "html") return document::html(b, stamp, "zh-CN");
    if (stamp.format == "docx") return document::docx(b, stamp, "zh");
  }
  const auto b = blocks(rec, st, stamp.is_public, stamp.seq, typed, document::writer_of(stamp));
  if (stamp.format == "md") return document::markdown(b, stamp);
  if (stamp.format == "html") return document::html(b, stamp, "zh-CN");
  if (stamp.format == "docx") return document::docx(b, stamp, "zh");
  throw Error(ErrorKind::usage,
              i18n::tr(N_("unknown format '{}'"), text::quote_input(stamp.format)), "format",
              _("use md, html, docx or json"));
}

State shown(ledger::Ledger& ledger, const config::Community& c, std::int64_t meeting,
            const State& st, bool reveal) {
  if (reveal) return st;
  const auto m = meetings::get(ledger, meeting);
  const auto who = meetings::directory(c, m);
  auto residents = meetings::residents(c, m);
  for (const auto& n : st.approved_by)
    if (who.kind_of(n, people::Field::proxy) == people::Kind::resident) residents.push_back(n);
  for (const auto& a : st.amendments)
    if (who.kind_of(a.by, people::Field::proxy) == people::Kind::resident) residents.push_back(a.by);
  State out = st;
  out.amendments = public_amendments(st.amendments, residents, who, personal::TextRules::current);
  for (auto& n : out.approved_by)
    n = who.shown(n, people::Field::proxy);
  return out;
}

} // namespace consult::minutes
