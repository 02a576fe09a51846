#include "consult/agenda.hpp"

#include "consult/document.hpp"
#include "consult/error.hpp"
#include "consult/events_ledger.hpp"
#include "consult/events_meeting.hpp"
#include "consult/i18n.hpp"
#include "consult/ics.hpp"
#include "consult/people.hpp"
#include "consult/personal.hpp"
#include "consult/text.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

namespace consult::agenda {

using meetings::Meeting;
using nlohmann::json;

namespace {

clock::Instant instant(const std::string& rfc3339) {
  const auto t = clock::parse_instant(rfc3339, "UTC");
  if (!t) throw Error(ErrorKind::internal, "unreadable time in the ledger: " + rfc3339);
  return *t;
}

clock::Instant from_epoch(std::int64_t s) {
  return clock::Instant(std::chrono::seconds(s));
}

/// "2026-12-09 19:30–21:00" in the community's zone.
std::string when(const config::Community& c, const Meeting& m) {
  const auto start = clock::format_local(instant(m.starts_at), c.timezone);
  if (m.ends_at.empty()) return start;
  const auto end = clock::format_local(instant(m.ends_at), c.timezone);
  return start + "–" + (end.substr(0, 10) == start.substr(0, 10) ? end.substr(11) : end);
}

std::string status_label(const std::string& status) {
  if (status == "planned") return _("planned");
  if (status == "closed") return _("held");
  if (status == "cancelled") return _("cancelled");
  return status;
}

std::string quorum_line(const config::Community& c, const Meeting& m) {
  const auto q = meetings::quorum(c, m);
  if (!q.has_rule) return _("none (informal meeting)");
  return q.profile.label + ": " + q.statement;
}

std::string item_line(const config::Community& c, const meetings::Item& it) {
  const auto* category = c.category(it.issue.category);
  const auto* channel = c.channel(it.issue.channel);
  std::string line = i18n::tr(
      N_("{} · {} · raised {} by {} resident(s)"),
      !it.issue.category_text.empty() || !category ? it.issue.category_text : category->label,
      !it.issue.channel_text.empty() || !channel ? it.issue.channel_text : channel->label,
      it.issue.raised_on, it.issue.raised_count);
  if (it.issue.priority != "normal") line += " · " + i18n::tr(N_("priority {}"), it.issue.priority);
  if (it.carried) line += " · " + std::string(_("carried over"));
  if (it.round > 0) line += " · " + i18n::tr(N_("round {}"), it.round);
  if (!it.outcome.empty()) line += " · " + i18n::tr(N_("outcome: {}"), it.outcome);
  return line;
}

/// Text as Markdown shows it, nothing a resident wrote made into markup.
std::string md_cell(const std::string& s) {
  return document::markdown_text(text::one_line(s));
}

/// A meeting as posted agendas and calendars show it: the chair and the
/// recorder named if members or bodies, else masked; in its title, venue,
/// reason, items' titles and notes, the residents its issues and attendance
/// record and any phone, ID number or door masked (personal::mask_in_text).
Meeting public_view(const config::Community& c, const Meeting& raw) {
  Meeting m = raw;
  const auto who = meetings::directory(c, raw);
  std::vector<std::string> residents;
  for (const auto& it : raw.items) {
    residents.push_back(it.issue.raised_by);
    for (const auto& s : it.issue.stakeholders)
      if (who.kind_of(s, people::Field::resident) == people::Kind::resident)
        residents.push_back(s);
  }
  for (const auto& p : raw.people)
    if (p.role == "resident" || p.role == "stakeholder") residents.push_back(p.name);
  for (const auto& x : {raw.chair, raw.recorder})
    if (!x.empty() && who.kind_of(x, people::Field::proxy) == people::Kind::resident)
      residents.push_back(x);
  auto free = [&](const std::string& t) { return personal::mask_in_text(t, residents); };
  m.title = free(m.title);
  m.venue = free(m.venue);
  m.online = free(m.online);
  m.reason = free(m.reason);
  m.chair = who.shown(m.chair, people::Field::proxy);
  m.recorder = who.shown(m.recorder, people::Field::proxy);
  for (auto& it : m.items) {
    it.issue.title = free(it.issue.title);
    it.issue.category_text = free(it.issue.category_text); // as an import wrote it
    it.issue.channel_text = free(it.issue.channel_text);
    it.note = free(it.note);
  }
  for (auto& n : m.notes)
    n.body = free(n.body);
  for (auto& p : m.people) {
    if (p.role == "guest") p.detail = free(p.detail); // a guest's body, as recorded
    p.reason = free(p.reason);
  }
  return m;
}

/// The names of a composition row, residents masked.
std::string names_of(const people::Directory& who, const meetings::CompositionRow& row) {
  return meetings::shown_names(who, row);
}

std::vector<std::pair<std::string, std::string>> facts(const config::Community& c,
                                                       const Meeting& m) {
  const auto* kind = c.meeting_kind(m.kind);
  std::vector<std::pair<std::string, std::string>> rows = {
      {_("Community"), c.name},
      {_("Kind"), kind ? kind->label : m.kind},
      {_("Date and time"), when(c, m)},
  };
  if (!m.venue.empty()) rows.emplace_back(_("Venue"), m.venue);
  if (!m.online.empty()) rows.emplace_back(_("Online"), m.online);
  if (!m.chair.empty()) rows.emplace_back(_("Chair"), m.chair);
  if (!m.recorder.empty()) rows.emplace_back(_("Recorder"), m.recorder);
  rows.emplace_back(_("Status"),
                    status_label(m.status) + (m.reason.empty() ? "" : " (" + m.reason + ")"));
  rows.emplace_back(_("Quorum"), quorum_line(c, m));
  return rows;
}

std::string footer(const Meeting& m) {
  return i18n::tr(N_("Meeting {} as recorded in ledger event {} (sha256 {})."), m.id, m.updated_seq,
                  m.updated_hash);
}

constexpr const char* kStampOpen = "<!-- consult-agenda: ";
constexpr const char* kStampClose = " -->";

/// The machine-readable twin of the footer, closing Markdown and HTML
/// agendas: what `consult verify --witness` reads.
std::string stamp_comment(const Meeting& m) {
  const json j = {{"meeting", m.id}, {"seq", m.updated_seq}, {"hash", m.updated_hash}};
  return kStampOpen + j.dump() + kStampClose + "\n";
}

/// A stamp's fields, if they are the right types and the hash looks like one.
std::optional<Stamp> stamp_from(const json& j) {
  if (!j.is_object()) return std::nullopt;
  const auto id = j.find("meeting") != j.end() ? j.find("meeting") : j.find("id");
  const auto seq = j.find("seq") != j.end() ? j.find("seq") : j.find("updated_seq");
  const auto hash = j.find("hash") != j.end() ? j.find("hash") : j.find("updated_hash");
  if (id == j.end() || seq == j.end() || hash == j.end() || !id->is_number_integer() ||
      !seq->is_number_integer() || !hash->is_string())
    return std::nullopt;
  return Stamp{id->get<std::int64_t>(), seq->get<std::int64_t>(), hash->get<std::string>()};
}

/// What a posted agenda says above all else when the meeting is not as
/// first announced: that it is cancelled, or (in a file that still bears its
/// former date) that it moved. '' when neither.
std::string banner(const config::Community& c, const Meeting& m, bool moved) {
  if (m.status == "cancelled") return _("This meeting is cancelled.");
  if (moved) return i18n::tr(N_("This meeting has moved to {}."), when(c, m));
  return {};
}

std::string render_md(const config::Community& c, const Meeting& m, bool moved) {
  std::string out = fmt::format("# {}\n\n", md_cell(m.title));
  if (const auto b = banner(c, m, moved); !b.empty()) out += "> **" + md_cell(b) + "**\n\n";
  out += "| | |\n|---|---|\n";
  for (const auto& [k, v] : facts(c, m))
    out += fmt::format("| {} | {} |\n", md_cell(k), md_cell(v));
  out += fmt::format("\n## {}\n\n", _("Agenda"));
  if (m.items.empty()) out += std::string(_("No issues on the agenda.")) + "\n";
  for (const auto& it : m.items)
    out += fmt::format("{}. **#{} {}**  \n   {}\n", it.position, it.issue.id,
                       md_cell(it.issue.title), md_cell(item_line(c, it)));
  out += fmt::format("\n## {}\n\n| {} | {} | {} | {} |\n|---|---:|---:|---|\n", _("Invited"),
                     _("Category"), _("Invited"), _("Present"), _("Names"));
  const auto who = meetings::directory(c, m);
  for (const auto& row : meetings::composition(c, m))
    out += fmt::format("| {} | {} | {} | {} |\n", md_cell(row.label), row.invited, row.present,
                       md_cell(names_of(who, row)));
  out += "\n_" + footer(m) + "_\n\n" + stamp_comment(m);
  return out;
}

constexpr const char* kStyle = R"css(
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
  "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 11pt; line-height: 1.5;
  color: #111; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 18pt; margin: 0 0 8pt; }
h2 { font-size: 13pt; margin: 14pt 0 6pt; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 3pt 6pt; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; }
table.facts th { width: 28%; background: #f2f2f2; }
ol li { margin-bottom: 4pt; }
.meta { color: #555; font-size: 9.5pt; }
footer { margin-top: 16pt; color: #555; font-size: 9pt; }
p.notice { border: 2pt solid #a00; padding: 4pt 8pt; font-weight: bold; font-size: 13pt; }
)css";

std::string html_page(const std::string& title, const std::string& body) {
  return fmt::format("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
                     document::escape_xml(title), kStyle, body);
}

std::string render_html(const config::Community& c, const Meeting& m, bool moved) {
  std::string b = fmt::format("<h1>{}</h1>\n", document::escape_xml(m.title));
  if (const auto notice = banner(c, m, moved); !notice.empty())
    b += fmt::format("<p class=\"notice\">{}</p>\n", document::escape_xml(notice));
  b += "<table class=\"facts\">\n";
  for (const auto& [k, v] : facts(c, m))
    b += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", document::escape_xml(k),
                     document::escape_xml(v));
  b += fmt::format("</table>\n<h2>{}</h2>\n", document::escape_xml(_("Agenda")));
  if (m.items.empty())
    b += fmt::format("<p>{}</p>\n", document::escape_xml(_("No issues on the agenda.")));
  else {
    b += "<ol>\n";
    for (const auto& it : m.items)
      b += fmt::format("<li><strong>#{} {}</strong><br><span class=\"meta\">{}</span></li>\n",
                       it.issue.id, document::escape_xml(it.issue.title),
                       document::escape_xml(item_line(c, it)));
    b += "</ol>\n";
  }
  b += fmt::format("<h2>{}</h2>\n<table>\n<tr><th>{}</th><th class=\"n\">{}</th>"
                   "<th class=\"n\">{}</th><th>{}</th></tr>\n",
                   document::escape_xml(_("Invited")), document::escape_xml(_("Category")),
                   document::escape_xml(_("Invited")), document::escape_xml(_("Present")),
                   document::escape_xml(_("Names")));
  const auto who = meetings::directory(c, m);
  for (const auto& row : meetings::composition(c, m))
    b += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                     "<td>{}</td></tr>\n",
                     document::escape_xml(row.label), row.invited, row.present,
                     document::escape_xml(names_of(who, row)));
  b += fmt::format("</table>\n<footer>{}</footer>\n{}", document::escape_xml(footer(m)),
                   stamp_comment(m));
  return html_page(m.title, b);
}

std::string description(const config::Community& c, const Meeting& m) {
  std::string d;
  if (!m.online.empty()) d += i18n::tr(N_("Online: {}"), m.online) + "\n";
  if (!m.items.empty()) d += std::string(_("Agenda")) + ":\n";
  for (const auto& it : m.items) {
    const auto* category = c.category(it.issue.category);
    d += fmt::format("{}. #{} {} ({})\n", it.position, it.issue.id,
                     text::one_line(it.issue.title),
                     !it.issue.category_text.empty() || !category ? it.issue.category_text
                                                                  : category->label);
  }
  if (m.status == "cancelled" && !m.reason.empty())
    d += i18n::tr(N_("Cancelled: {}"), m.reason) + "\n";
  if (!d.empty() && d.back() == '\n') d.pop_back();
  return d;
}

/// `meeting-heping-2-0123456789ab@consult`: unique to the community and
/// the installation (`tag`, ledger_tag()).
std::string uid(std::string_view what, const std::string& community, const std::string& key,
                const std::string& tag) {
  return fmt::format("{}-{}-{}{}{}@consult", what, community, key, tag.empty() ? "" : "-", tag);
}

/// A meeting as a calendar event. DTSTAMP is the meeting's latest event (a
/// new version of the entry whatever changed); SEQUENCE and LAST-MODIFIED
/// are its calendar revision, which attendance and notes do not move.
ics::Event meeting_event(const config::Community& c, const Meeting& raw, const std::string& tag,
                         const Revision& rev) {
  const auto m = public_view(c, raw);
  const auto* kind = c.meeting_kind(m.kind);
  ics::Event e;
  e.uid = uid("meeting", m.community, std::to_string(m.id), tag);
  e.stamp = instant(m.updated_at);
  e.sequence = rev.sequence;
  if (!rev.at.empty()) e.last_modified = instant(rev.at);
  if (e.last_modified && *e.last_modified > e.stamp) e.stamp = *e.last_modified;
  e.start = from_epoch(m.starts_utc);
  e.end = from_epoch(m.ends_utc);
  e.summary = m.title;
  e.location = m.venue.empty() && !m.online.empty() ? std::string(_("online")) : m.venue;
  e.description = description(c, m);
  e.url = m.online;
  e.categories = kind ? kind->label : m.kind;
  e.status = m.status == "cancelled" ? "CANCELLED" : "CONFIRMED";
  return e;
}

std::optional<clock::Instant> at_time(const config::Community& c, clock::Date d,
                                      const std::string& hhmm) {
  return clock::parse_instant(clock::format_date(d) + " " + hhmm, c.timezone);
}

clock::Date add_days(clock::Date d, int n) {
  return std::chrono::sys_days(d) + std::chrono::days(n);
}

} // namespace

std::optional<Format> parse_format(std::string_view text) {
  if (text == "md") return Format::md;
  if (text == "html") return Format::html;
  if (text == "ics") return Format::ics;
  if (text == "json") return Format::json;
  return std::nullopt;
}

const char* extension(Format f) {
  switch (f) {
  case Format::md:
    return "md";
  case Format::html:
    return "html";
  case Format::ics:
    return "ics";
  case Format::json:
    return "json";
  }
  return "txt";
}

Week plan_week(ledger::Ledger& ledger, const std::vector<const config::Community*>& communities,
               const calendar::Week& week) {
  const auto monday = calendar::monday_of(week);
  if (!monday)
    throw Error(ErrorKind::usage, i18n::tr(N_("{} has no such week"), week.str()), "week",
                _("ISO years have 52 or 53 weeks"));
  Week out{week, *monday, add_days(*monday, 6), {}, {}, {}};
  const auto now = ledger.session().clock.now();
  ledger.write([&] {
    for (const auto* c : communities) {
      for (const auto& s : c->schedules) {
        for (const auto date : calendar::occurrences(s, out.monday, out.sunday)) {
          const auto starts = at_time(*c, date, s.at);
          if (!starts || *starts < now) continue; // already begun: not planned after the fact
          const auto day = clock::format_date(date);
          if (meetings::scheduled(ledger, c->id, s.key, day)) continue;
          meetings::PlanRequest req;
          req.kind = s.kind;
          req.at = day + " " + s.at;
          req.until = s.until;
          req.venue = s.venue;
          req.online = s.online;
          req.title = s.title;
          req.auto_agenda = s.agenda;
          req.schedule = s.key;
          req.schedule_date = day;
          auto planned = meetings::plan(ledger, *c, req);
          out.created.push_back(planned.meeting.id);
          for (auto& w : planned.warnings)
            out.warnings.push_back(fmt::format("{}: {}", c->id, w));
        }
      }
    }
  });
  std::vector<std::pair<std::int64_t, std::int64_t>> found; // (start, id)
  for (const auto* c : communities) {
    meetings::Filter f;
    f.community = c->id;
    f.from_utc = at_time(*c, out.monday, "00:00")->time_since_epoch().count();
    f.to_utc = at_time(*c, add_days(out.sunday, 1), "00:00")->time_since_epoch().count();
    for (const auto& m : meetings::list(ledger, f))
      found.emplace_back(m.starts_utc, m.id);
  }
  std::sort(found.begin(), found.end());
  for (const auto& [start, id] : found)
    out.meetings.push_back(id);
  return out;
}

std::optional<Stamp> read_stamp(const std::string& bytes) {
  const auto first = bytes.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && bytes[first] == '{') {
    // The JSON agenda is the meeting as `meeting show --json` gives it.
    const auto j = json::parse(bytes, nullptr, false);
    if (!j.is_object() || !j.contains("updated_seq") || !j.contains("updated_hash"))
      return std::nullopt;
    return stamp_from(j);
  }
  const auto at = bytes.rfind(kStampOpen);
  if (at == std::string::npos) return std::nullopt;
  const auto start = at + std::string_view(kStampOpen).size();
  const auto end = bytes.find(kStampClose, start);
  if (end == std::string::npos) return std::nullopt;
  return stamp_from(json::parse(bytes.substr(start, end - start), nullptr, false));
}

std::string file_name(const Meeting& m, Format format) {
  return fmt::format("{}-{}-{}-{}.{}", m.local_date, m.community, m.kind, m.id, extension(format));
}

namespace {

/// A document of the meeting; `moved`: for a file that bears a date the
/// meeting no longer has.
std::string render_as(ledger::Ledger& ledger, Format format, const config::Community& c,
                      const Meeting& raw, bool moved) {
  const auto m = public_view(c, raw);
  switch (format) {
  case Format::md:
    return render_md(c, m, moved);
  case Format::html:
    return render_html(c, m, moved);
  case Format::json:
    return meetings::to_json(c, m, false).dump(2) + "\n";
  case Format::ics:
    return meeting_ics(ledger, c, m);
  }
  return {};
}

} // namespace

std::string render(ledger::Ledger& ledger, Format format, const config::Community& c,
                   const Meeting& raw) {
  return render_as(ledger, format, c, raw, false);
}

Revision revision(ledger::Ledger& ledger, std::int64_t meeting) {
  // The plan, then each reschedule and the cancellation: the entity's index
  // (event_by_entity) finds them without reading the rest of the log.
  SQLite::Statement q(ledger.db(), "SELECT kind, seq, at FROM event WHERE entity = ? "
                                   "AND kind IN (?, ?, ?) ORDER BY seq");
  q.bind(1, events::meeting_entity(meeting));
  q.bind(2, std::string(events::kMeetingPlan));
  q.bind(3, std::string(events::kMeetingReschedule));
  q.bind(4, std::string(events::kMeetingCancel));
  Revision r;
  while (q.executeStep()) {
    if (q.getColumn(0).getString() != events::kMeetingPlan) ++r.sequence;
    r.seq = q.getColumn(1).getInt64();
    r.at = q.getColumn(2).getString();
  }
  return r;
}

std::string ledger_tag(ledger::Ledger& ledger) {
  SQLite::Statement q(ledger.db(), "SELECT hash FROM event WHERE seq = 1");
  return q.executeStep() ? q.getColumn(0).getString().substr(0, 12) : std::string();
}

std::string meeting_ics(ledger::Ledger& ledger, const config::Community& c, const Meeting& m) {
  return ics::calendar(c.name, c.timezone,
                       {meeting_event(c, m, ledger_tag(ledger), revision(ledger, m.id))});
}

std::string render_index(Format format, const calendar::Week& week,
                         const std::vector<Entry>& posted, const std::vector<Format>& formats) {
  std::vector<Entry> entries;
  for (const auto& e : posted)
    entries.push_back({e.community, public_view(*e.community, e.meeting)});
  const auto monday = *calendar::monday_of(week);
  const auto sunday = add_days(monday, 6);
  const std::string title = i18n::tr(N_("Meetings of {} ({} – {})"), week.str(),
                                     clock::format_date(monday), clock::format_date(sunday));
  auto kind_label = [](const Entry& e) {
    const auto* k = e.community->meeting_kind(e.meeting.kind);
    return k ? k->label : e.meeting.kind;
  };
  if (format == Format::json) {
    json list = json::array();
    for (const auto& e : entries) {
      json files = json::object();
      for (auto f : formats)
        files[extension(f)] = file_name(e.meeting, f);
      list.push_back({{"id", e.meeting.id},
                      {"community", e.meeting.community},
                      {"community_name", e.community->name},
                      {"kind", e.meeting.kind},
                      {"kind_label", kind_label(e)},
                      {"title", e.meeting.title},
                      {"starts_at", e.meeting.starts_at},
                      {"ends_at", e.meeting.ends_at},
                      {"venue", e.meeting.venue},
                      {"online", e.meeting.online},
                      {"status", e.meeting.status},
                      {"items", e.meeting.items.size()},
                      {"files", std::move(files)}});
    }
    return json{{"week", week.str()},
                {"from", clock::format_date(monday)},
                {"to", clock::format_date(sunday)},
                {"meetings", std::move(list)}}
               .dump(2) +
           "\n";
  }
  const bool html = format == Format::html;
  std::string out = html ? fmt::format("<h1>{}</h1>\n", document::escape_xml(title))
                         : fmt::format("# {}\n\n", title);
  if (entries.empty()) {
    const char* none = _("No meetings this week.");
    out += html ? fmt::format("<p>{}</p>\n", document::escape_xml(none)) : std::string(none) + "\n";
    return html ? html_page(title, out) : out;
  }
  const std::vector<std::string> heads = {_("Date and time"), _("Community"), _("Kind"),
                                          _("Title"),         _("Venue"),     _("Items"),
                                          _("Status"),        _("Files")};
  if (html) {
    out += "<table>\n<tr>";
    for (const auto& h : heads)
      out += "<th>" + document::escape_xml(h) + "</th>";
    out += "</tr>\n";
  } else {
    for (const auto& h : heads)
      out += "| " + h + " ";
    out += "|\n" + std::string("|---|---|---|---|---|---:|---|---|\n");
  }
  for (const auto& e : entries) {
    const auto& m = e.meeting;
    std::string files;
    for (auto f : formats) {
      const auto name = file_name(m, f);
      if (html)
        files += fmt::format("{}<a href=\"{}\">{}</a>", files.empty() ? "" : " ",
                             document::escape_xml(name), extension(f));
      else
        files += fmt::format("{}[{}]({})", files.empty() ? "" : " ", extension(f), name);
    }
    const std::vector<std::string> cells = {when(*e.community, m),
                                            e.community->name,
                                            kind_label(e),
                                            m.title,
                                            m.venue.empty() ? m.online : m.venue,
                                            std::to_string(m.items.size()),
                                            status_label(m.status)};
    if (html) {
      out += "<tr>";
      for (const auto& cell : cells)
        out += "<td>" + document::escape_xml(cell) + "</td>";
      out += "<td>" + files + "</td></tr>\n";
    } else {
      for (const auto& cell : cells)
        out += "| " + md_cell(cell) + " ";
      out += "| " + files + " |\n";
    }
  }
  if (html) out += "</table>\n";
  return html ? html_page(title, out) : out;
}

std::string feed(ledger::Ledger& ledger, const config::Community& c, clock::Date from) {
  std::vector<ics::Event> events;
  // The configuration's time: when the schedules last changed.
  SQLite::Statement synced(ledger.db(), "SELECT e.at FROM community c JOIN event e "
                                        "ON e.seq = c.synced_seq WHERE c.id = ?");
  synced.bind(1, c.id);
  const auto synced_at =
      synced.executeStep() ? instant(synced.getColumn(0).getString()) : *at_time(c, from, "00:00");
  // How often the configuration changed: each change may move every series.
  SQLite::Statement syncs(ledger.db(), "SELECT count(*) FROM event WHERE entity = ? AND kind = ?");
  syncs.bind(1, events::CommunitySync{c.id, {}, {}, {}, {}, {}}.entity());
  syncs.bind(2, std::string(events::kCommunitySync));
  const int changes = syncs.executeStep() ? std::max(0, syncs.getColumn(0).getInt() - 1) : 0;
  const auto tag = ledger_tag(ledger);
  for (const auto& s : c.schedules) {
    const auto dates = calendar::occurrences(s, from, add_days(from, 62));
    if (dates.empty()) continue;
    const auto* kind = c.meeting_kind(s.kind);
    ics::Event e;
    e.uid = uid("schedule", c.id, s.key, tag);
    // The series changes when the configuration does and when one more of
    // its occurrences is planned as a meeting (one more EXDATE, and the
    // series starts later): both counts only grow, so SEQUENCE never goes down.
    SQLite::Statement planned(
        ledger.db(), "SELECT (SELECT count(*) FROM meeting WHERE community = ?1 AND schedule = ?2),"
                     " (SELECT at FROM event WHERE seq = (SELECT max(created_seq) FROM meeting "
                     "WHERE community = ?1 AND schedule = ?2))");
    planned.bind(1, c.id);
    planned.bind(2, s.key);
    planned.executeStep();
    e.sequence = changes + planned.getColumn(0).getInt();
    e.stamp = synced_at;
    if (!planned.getColumn(1).isNull())
      e.stamp = std::max(e.stamp, instant(planned.getColumn(1).getString()));
    e.last_modified = e.stamp;
    e.start = *at_time(c, dates.front(), s.at);
    e.end = s.until.empty() ? e.start + std::chrono::hours(meetings::kDefaultHours)
                            : *at_time(c, dates.front(), s.until);
    e.rrule = calendar::rrule(s);
    e.summary = s.title.empty() ? (kind ? kind->label : s.kind) : s.title;
    e.location = s.venue;
    e.url = s.online;
    e.categories = kind ? kind->label : s.kind;
    // Occurrences planned as meetings appear as those meetings instead.
    SQLite::Statement q(ledger.db(), "SELECT schedule_date FROM meeting WHERE community = ? "
                                     "AND schedule = ? AND schedule_date >= ? "
                                     "ORDER BY schedule_date");
    q.bind(1, c.id);
    q.bind(2, s.key);
    q.bind(3, clock::format_date(dates.front()));
    while (q.executeStep())
      if (const auto d = clock::parse_date(q.getColumn(0).getString()))
        e.exdates.push_back(*at_time(c, *d, s.at));
    events.push_back(std::move(e));
  }
  // Meetings stay in the feed for kFeedPastDays after the week they were
  // in, so a subscribed calendar keeps the recent past; cancelled ones stay
  // too, as CANCELLED, for the calendars that showed them.
  meetings::Filter f;
  f.community = c.id;
  f.from_utc = at_time(c, add_days(from, -kFeedPastDays), "00:00")->time_since_epoch().count();
  for (const auto& brief : meetings::list(ledger, f))
    events.push_back(
        meeting_event(c, meetings::get(ledger, brief.id), tag, revision(ledger, brief.id)));
  return ics::calendar(c.name, c.timezone, events);
}

namespace {

/// The bytes of a regular file of at most 1 MiB (an agenda is a few
/// kilobytes); nullopt for anything else, so that a symbolic link, a pipe
/// or a device in the folder is never followed or read.
std::optional<std::string> read_small(const std::filesystem::path& path) {
  std::error_code ec;
  const auto status = std::filesystem::symlink_status(path, ec);
  if (ec || !std::filesystem::is_regular_file(status)) return std::nullopt;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size > (std::uintmax_t{1} << 20)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return bytes;
}

/// The SEQUENCE of an ICS file if it is consult's calendar of meeting `m`
/// (its UID with this ledger's tag, or without a tag as before tags were
/// given), 0 when it has none; nullopt if the file is anything else.
std::optional<int> ics_sequence(const std::string& bytes, const Meeting& m,
                                const std::string& tag) {
  if (bytes.find("\r\nPRODID:-//consult//") == std::string::npos) return std::nullopt;
  const auto id = std::to_string(m.id);
  if (bytes.find("\r\nUID:" + uid("meeting", m.community, id, tag) + "\r\n") == std::string::npos &&
      bytes.find("\r\nUID:" + uid("meeting", m.community, id, "") + "\r\n") == std::string::npos)
    return std::nullopt;
  const std::string key = "\r\nSEQUENCE:";
  const auto at = bytes.find(key);
  if (at == std::string::npos) return 0;
  int n = 0;
  for (auto i = at + key.size(); i < bytes.size() && bytes[i] >= '0' && bytes[i] <= '9'; ++i)
    n = n * 10 + (bytes[i] - '0');
  return n;
}

/// The meeting an agenda file's name names: `2026-12-09-heping-council-3.md`
/// gives 3 (the rest of the name is checked against the meeting).
std::optional<std::int64_t> meeting_of_name(const std::string& name) {
  const auto dot = name.rfind('.');
  const auto dash = name.rfind('-', dot);
  if (dot == std::string::npos || dash == std::string::npos || dot - dash < 2 || dot - dash > 12)
    return std::nullopt;
  std::int64_t id = 0;
  for (auto i = dash + 1; i < dot; ++i) {
    if (name[i] < '0' || name[i] > '9') return std::nullopt;
    id = id * 10 + (name[i] - '0');
  }
  return id;
}

} // namespace

std::vector<Refresh> stale_files(ledger::Ledger& ledger,
                                 const std::vector<const config::Community*>& communities,
                                 const std::string& dir, const std::vector<std::string>& skip) {
  std::vector<std::string> names;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    names.push_back(it->path().filename().string());
  std::sort(names.begin(), names.end()); // deterministic, whatever the directory's order
  const auto tag = ledger_tag(ledger);
  std::map<std::int64_t, std::optional<std::pair<Meeting, Revision>>> seen;
  std::vector<Refresh> out;
  for (const auto& name : names) {
    if (std::find(skip.begin(), skip.end(), name) != skip.end()) continue;
    const auto id = meeting_of_name(name);
    const auto format = id ? parse_format(name.substr(name.rfind('.') + 1)) : std::nullopt;
    if (!format || name.size() < 11 || name[10] != '-') continue;
    const auto date = clock::parse_date(name.substr(0, 10));
    if (!date) continue;
    auto found = seen.find(*id);
    if (found == seen.end()) {
      std::optional<std::pair<Meeting, Revision>> entry;
      if (auto m = meetings::find(ledger, *id)) {
        auto rev = revision(ledger, *id);
        entry.emplace(std::move(*m), std::move(rev));
      }
      found = seen.emplace(*id, std::move(entry)).first;
    }
    if (!found->second) continue;
    const auto& m = found->second->first;
    const auto& rev = found->second->second;
    // Only a name this meeting could have had: its community (one of those
    // asked for), its kind, its number.
    const auto community = std::find_if(communities.begin(), communities.end(),
                                        [&](const auto* c) { return c->id == m.community; });
    if (community == communities.end() ||
        name != fmt::format("{}-{}-{}-{}.{}", clock::format_date(*date), m.community, m.kind, m.id,
                            extension(*format)))
      continue;
    if (rev.sequence == 0) continue; // never rescheduled nor cancelled: nothing went stale
    const auto bytes = read_small(std::filesystem::path(dir) / name);
    if (!bytes) continue;
    if (*format == Format::ics) {
      const auto sequence = ics_sequence(*bytes, m, tag);
      if (!sequence || *sequence >= rev.sequence) continue;
    } else {
      const auto stamp = read_stamp(*bytes);
      if (!stamp || stamp->meeting != m.id || stamp->seq >= rev.seq) continue;
    }
    out.push_back({name, render_as(ledger, *format, **community, m,
                                   clock::format_date(*date) != m.local_date)});
  }
  return out;
}

} // namespace consult::agenda
