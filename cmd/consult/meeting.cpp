// consult meeting …: plan meetings from the issues, record who came, what was
// said and what became of each item, and carry undecided issues over.

#include "commands.hpp"

#include "consult/agenda.hpp"
#include "consult/error.hpp"
#include "consult/i18n.hpp"
#include "consult/issues.hpp"
#include "consult/meetings.hpp"
#include "consult/render.hpp"
#include "consult/text.hpp"
#include "consult/votes.hpp"

#include <cstdio>
#include <memory>
#include <set>

namespace consult::cli {

namespace {

using meetings::Meeting;

std::string when(const Meeting& m) {
  std::string s = render::short_time(m.starts_at);
  if (!m.ends_at.empty()) {
    const auto end = render::short_time(m.ends_at);
    s += "–" + (end.substr(0, 10) == s.substr(0, 10) ? end.substr(11) : end);
  }
  return s;
}

std::string kind_label(const config::Community& c, const std::string& kind) {
  const auto* k = c.meeting_kind(kind);
  return k ? k->label : kind;
}

const char* attendance_label(const std::string& a) {
  if (a == "present") return _("present");
  if (a == "absent") return _("absent");
  if (a == "excused") return _("excused");
  if (a == "proxy") return _("by proxy");
  return _("not recorded");
}

const char* role_label(const std::string& r) {
  if (r == "member") return _("member");
  if (r == "stakeholder") return _("stakeholder");
  if (r == "resident") return _("resident who took part");
  return _("guest");
}

void print_warnings(Context& c, const std::vector<std::string>& warnings) {
  for (const auto& w : warnings)
    c.out.warn(w);
}

/// The meeting's community, from the configuration.
const config::Community& community_of(Context& c, const Meeting& m) {
  return c.community(m.community);
}

std::string agenda_text(const config::Community& com, const Meeting& m, std::size_t width) {
  if (m.items.empty()) return std::string(_("No issues on the agenda.")) + "\n";
  render::Table t({{_("#"), render::Align::right},
                   {_("ISSUE"), render::Align::right},
                   {_("TITLE"), render::Align::left, 36},
                   {_("CATEGORY")},
                   {_("RAISED")},
                   {_("RESIDENTS"), render::Align::right},
                   {_("ROUND"), render::Align::right},
                   {_("OUTCOME")}});
  for (const auto& it : m.items) {
    const auto* cat = com.category(it.issue.category);
    std::string round = it.round ? std::to_string(it.round) : "";
    if (it.carried) round += round.empty() ? _("carried") : std::string(" ") + _("carried");
    t.add_row({std::to_string(it.position), std::to_string(it.issue.id), it.issue.title,
               !it.issue.category_text.empty() || !cat ? it.issue.category_text : cat->label,
               it.issue.raised_on, std::to_string(it.issue.raised_count), round, it.outcome});
  }
  return t.to_text(width);
}

std::string composition_text(const config::Community& com, const Meeting& m, std::size_t width,
                             bool reveal = false) {
  render::Table t({{_("CATEGORY")},
                   {_("INVITED"), render::Align::right},
                   {_("PRESENT"), render::Align::right},
                   {_("NAMES"), render::Align::left, 48}});
  const auto who = meetings::directory(com, m);
  for (const auto& row : meetings::composition(com, m)) {
    const auto names = meetings::shown_names(who, row, reveal);
    t.add_row({row.label, std::to_string(row.invited), std::to_string(row.present), names});
  }
  return t.to_text(width);
}

/// What `meeting plan` and `meeting reschedule` print.
void print_planned(Context& c, const config::Community& com, const meetings::Planned& p) {
  print_warnings(c, p.warnings);
  const auto m = meetings::shown(com, p.meeting, false);
  if (c.out.quiet) return;
  if (c.out.json) {
    auto j = meetings::to_json(com, p.meeting, false);
    j["warnings"] = p.warnings;
    c.out.json_line(j);
    return;
  }
  const auto kind = kind_label(com, m.kind);
  std::string out = m.title == kind
                        ? i18n::tr(N_("meeting {}: {}, {}"), m.id, m.title, when(m))
                        : i18n::tr(N_("meeting {}: {} ({}), {}"), m.id, m.title, kind, when(m));
  if (!m.venue.empty()) out += ", " + m.venue;
  if (!m.online.empty()) out += ", " + m.online;
  out += "\n\n" + std::string(_("Agenda")) + ":\n" + agenda_text(com, m, c.out.width());
  out += "\n" + std::string(_("Invited")) + ":\n" + composition_text(com, m, c.out.width());
  out += "\n" + std::string(_("Quorum")) + ": " + meetings::quorum(com, m).statement + "\n";
  c.out.write(out);
}

struct PlanOptions {
  std::string community;
  meetings::PlanRequest req;
  std::vector<std::string> issues;
};

struct ListOptions {
  std::string community, status, kind, from, to, format = "table";
  std::int64_t limit = 0;
};

struct AttendOptions {
  std::string id;
  meetings::Attendance a;
  std::int64_t headcount = -1;
};

struct NoteOptions {
  std::string id, issue, text, speaker, position;
};

struct OutcomeOptions {
  std::string id, issue, result, note, level = "street";
};

struct RescheduleOptions {
  std::string id, at, until, venue, online, reason;
};

struct ExportOptions {
  std::string id, format = "md", out;
};

/// The first second of `date` (or of the day after, `days_after` = 1) in
/// the configuration's zone, as seconds since 1970.
std::int64_t day_start(Context& c, const std::string& date, const char* option,
                       int days_after = 0) {
  const auto d =
      std::chrono::sys_days(parse_date_option(date, option)) + std::chrono::days(days_after);
  const auto t = clock::parse_instant(clock::format_date(d), c.zone());
  return t->time_since_epoch().count();
}

void meeting_plan_options(CLI::App* cmd, PlanOptions& o) {
  cmd->add_option("--community", o.community, _("community id (optional if there is one)"))
      ->type_name("ID");
  cmd->add_option("--kind", o.req.kind, _("a meeting kind key of the community"))
      ->required()
      ->type_name("KIND");
  cmd->add_option("--at", o.req.at, _("when it starts, local time: \"2026-12-09 19:30\""))
      ->required()
      ->type_name("TIME");
  cmd->add_option("--until", o.req.until, _("when it ends: \"21:00\""))->type_name("TIME");
  auto* venue = cmd->add_option("--venue", o.req.venue, _("where"));
  cmd->add_option("--online", o.req.online, _("the link of an online meeting"))
      ->type_name("LINK")
      ->excludes(venue);
  cmd->add_option("--title", o.req.title, _("title (default: the kind's label)"));
  cmd->add_option("--chair", o.req.chair, _("who chairs it"))->type_name("NAME");
  cmd->add_option("--entitled", o.req.entitled,
                  _("a meeting of residents or owners: how many are entitled to attend "
                    "(the quorum counts them, not the council's seats)"))
      ->type_name("N")
      ->check(CLI::Range(std::int64_t{1}, meetings::kMaxEntitled));
  cmd->add_option("--body", o.req.body,
                  _("the body holding it (default: the body that holds the kind; none for an "
                    "informal kind): its members are due, its rules decide"))
      ->type_name("KEY");
  cmd->add_option("--recorder", o.req.recorder, _("who keeps the record"))->type_name("NAME");
  cmd->add_option("--issue", o.issues,
                  _("an issue for the agenda (repeat or separate with commas), in order"))
      ->delimiter(',')
      ->type_name("ID");
  auto* aa = cmd->add_flag(
      "--auto-agenda", o.req.auto_agenda,
      _("add open issues collected before the notice period: carried over first, then by "
        "priority, age and residents"));
  cmd->add_option("--max", o.req.max, _("at most N issues on the agenda (default: the rules')"))
      ->type_name("N")
      ->needs(aa)
      ->check(CLI::Range(1, static_cast<int>(meetings::kMaxItems)));
  example(cmd, "  consult meeting plan --community heping --kind council \\\n"
               "      --at \"2026-12-09 19:30\" --until 21:00 --venue 社区议事厅 \\\n"
               "      --chair 王建国 --recorder 陈静 --auto-agenda --max 5");
}

void meeting_plan(Context& c, const PlanOptions& o) {
  const auto& com = c.community(o.community);
  auto req = o.req;
  for (const auto& s : o.issues)
    req.issues.push_back(parse_id(s, _("an issue")));
  print_planned(c, com, meetings::plan(c.ledger(), com, req));
}

void meeting_list_options(CLI::App* cmd, ListOptions& o) {
  cmd->add_option("--community", o.community, _("only this community"))->type_name("ID");
  cmd->add_option("--status", o.status, _("planned, closed or cancelled"))
      ->check(CLI::IsMember({"planned", "closed", "cancelled"}));
  cmd->add_option("--kind", o.kind, _("only this kind"))->type_name("KIND");
  cmd->add_option("--from", o.from, _("starting on or after"))->type_name("DATE");
  cmd->add_option("--to", o.to, _("starting on or before"))->type_name("DATE");
  cmd->add_option("--limit", o.limit, _("at most N meetings"))
      ->type_name("N")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--format", o.format, _("table, json (JSON Lines) or csv"))
      ->check(CLI::IsMember({"table", "json", "csv"}));
  example(cmd, "  consult meeting list --community heping --from 2026-12-01\n"
               "  consult meeting list --status planned --json");
}

void meeting_list(Context& c, const ListOptions& o) {
  meetings::Filter f;
  f.community = o.community;
  f.status = o.status;
  f.kind = o.kind;
  if (!o.from.empty()) f.from_utc = day_start(c, o.from, "--from");
  if (!o.to.empty()) f.to_utc = day_start(c, o.to, "--to", 1);
  f.limit = o.limit;
  auto list = meetings::list(c.ledger(), f);
  const auto* cfg = c.config_if_any();
  // Titles, venues and links as staff see them: the residents each meeting
  // records masked, with any phone or door.
  const config::Community none;
  for (auto& m : list) {
    const auto* com = cfg ? cfg->find(m.community) : nullptr;
    m = meetings::shown(com ? *com : none, meetings::get(c.ledger(), m.id), false);
  }
  const std::string format = c.out.json ? "json" : o.format;
  if (format == "json") {
    for (const auto& m : list)
      c.out.json_line(meetings::summary_json(m, meetings::item_count(c.ledger(), m.id)));
    return;
  }
  render::Table t({{_("ID"), render::Align::right},
                   {_("WHEN")},
                   {_("COMMUNITY")},
                   {_("KIND")},
                   {_("TITLE"), render::Align::left, 30},
                   {_("VENUE"), render::Align::left, 20},
                   {_("STATUS")}});
  for (const auto& m : list) {
    const auto* com = cfg ? cfg->find(m.community) : nullptr;
    t.add_row({std::to_string(m.id), when(m), m.community, com ? kind_label(*com, m.kind) : m.kind,
               m.title, m.venue.empty() ? m.online : m.venue, m.status});
  }
  if (format == "csv") {
    c.out.write(t.to_csv());
    return;
  }
  if (t.rows() == 0) {
    if (!c.out.quiet) std::fprintf(stderr, "%s\n", _("no meetings match"));
    return;
  }
  c.out.write(t.to_text(c.out.width()));
}

struct MeetingShowOptions {
  std::string id;
  bool reveal = false;
};

void meeting_show_options(CLI::App* cmd, MeetingShowOptions& o) {
  cmd->add_option("ID", o.id, _("meeting id"))->required();
  cmd->add_flag("--reveal", o.reveal, _("show residents' names unmasked"));
  example(cmd, "  consult meeting show 3\n  consult meeting show 3 --json");
}

void meeting_show(Context& c, const MeetingShowOptions& o) {
  const auto recorded = meetings::get(c.ledger(), parse_id(o.id, _("a meeting")));
  const auto& com = community_of(c, recorded);
  const auto m = meetings::shown(com, recorded, o.reveal);
  votes::Filter vf;
  vf.meeting = m.id;
  auto held = votes::list(c.ledger(), vf);
  for (auto& v : held)
    v = votes::shown(c.ledger(), people::Directory(com), v, o.reveal);
  if (o.reveal) c.record_reveal("meeting show", com.id, {{"meetings", {m.id}}});
  if (c.out.json) {
    auto j = meetings::to_json(com, recorded, o.reveal);
    j["votes"] = nlohmann::json::array();
    for (const auto& v : held)
      j["votes"].push_back(votes::to_json(v, o.reveal));
    c.out.json_line(j);
    return;
  }
  const auto q = meetings::quorum(com, m);
  // The chair and the recorder: members or bodies named, residents masked.
  const auto people_of = meetings::directory(com, m);
  auto role_holder = [&](const std::string& n) {
    return people_of.shown(n, people::Field::proxy, o.reveal);
  };
  std::vector<std::pair<std::string, std::string>> rows = {
      {_("Meeting"), fmt::format("{} {}", m.id, m.title)},
      {_("Community"), fmt::format("{} ({})", com.name, com.id)},
      {_("Kind"), kind_label(com, m.kind)},
      {_("Body"), [&] {
         const auto* b = meetings::body_of(com, m);
         if (b) return fmt::format("{} ({})", b->name, b->key);
         if (!m.body.empty())
           return i18n::tr(N_("{} (no longer in the community file)"), m.body);
         return std::string(_("none (informal meeting)"));
       }()},
      {_("When"), when(m)},
      {_("Venue"), m.venue},
      {_("Online"), m.online},
      {_("Chair"), role_holder(m.chair)},
      {_("Recorder"), role_holder(m.recorder)},
      {_("Status"),
       m.reason.empty() ? i18n::key_label(m.status) : i18n::key_label(m.status) + ": " + m.reason},
      {_("Rule"), q.has_rule ? fmt::format("{} ({})", q.profile.label, q.profile.key)
                             : std::string(_("none (informal meeting)"))},
      {_("Quorum"), q.statement},
  };
  if (!m.schedule.empty())
    rows.emplace_back(_("Schedule"), fmt::format("{} ({})", m.schedule, m.schedule_date));
  std::erase_if(rows, [](const auto& r) { return r.second.empty(); });
  std::string out = render::key_values(rows);
  out += "\n" + std::string(_("Agenda")) + ":\n" + agenda_text(com, m, c.out.width());
  out += "\n" + std::string(_("Composition")) + ":\n" +
         composition_text(com, m, c.out.width(), o.reveal);
  const auto who = meetings::directory(com, m);
  if (q.attendance_recorded) {
    render::Table t({{_("NAME")}, {_("ROLE")}, {_("CATEGORY")}, {_("ATTENDANCE")}, {_("NOTE")}});
    // A member without a seat at this meeting (one who took part in an
    // informal meeting, another body's member) under their seat or body.
    const auto* held_by = meetings::body_of(com, m);
    auto category = [&](const meetings::Person& p) -> std::string {
      if (const auto* seat = com.seat(p.seat)) return seat->label;
      if (p.role != "member") return "";
      if (held_by)
        for (const auto& mm : held_by->members)
          if (mm.name == p.name) return held_by->name;
      for (const auto& s : com.council.seats)
        for (const auto& mm : s.members)
          if (mm.name == p.name) return s.label;
      for (const auto& b : com.bodies)
        for (const auto& mm : b.members)
          if (mm.name == p.name) return b.name;
      return "";
    };
    for (const auto& p : m.people) {
      std::string note = p.attendance == "proxy"
                             ? i18n::tr(N_("proxy: {}"),
                                        who.shown(p.proxy, people::Field::proxy, o.reveal))
                             : p.reason;
      if (p.role != "member" && !p.detail.empty())
        note = p.detail + (note.empty() ? "" : "; " + note);
      t.add_row({meetings::shown_name(who, p, o.reveal),
                 role_label(p.role), category(p), attendance_label(p.attendance),
                 note});
    }
    out += "\n" + std::string(_("Attendance")) + ":\n" + t.to_text(c.out.width());
  }
  if (!m.notes.empty()) {
    render::Table t({{_("ISSUE"), render::Align::right},
                     {_("ROUND"), render::Align::right},
                     {_("SPEAKER")},
                     {_("POSITION")},
                     {_("OPINION"), render::Align::left, 50}});
    for (const auto& n : m.notes)
      t.add_row({std::to_string(n.issue), std::to_string(n.round),
                 who.shown(n.speaker, people::Field::speaker, o.reveal),
                 n.position, n.body});
    out += "\n" + std::string(_("Opinions")) + ":\n" + t.to_text(c.out.width());
  }
  if (!held.empty()) {
    render::Table t({{_("VOTE"), render::Align::right},
                     {_("ISSUE"), render::Align::right},
                     {_("QUESTION"), render::Align::left, 30},
                     {_("METHOD")},
                     {_("RULE")},
                     {_("RESULT")}});
    for (const auto& v : held)
      t.add_row({std::to_string(v.id), std::to_string(v.issue), v.question, v.method, v.profile,
                 v.status == "open" ? std::string(_("open")) : v.result});
    out += "\n" + std::string(_("Votes")) + ":\n" + t.to_text(c.out.width());
  }
  c.out.write(out);
}

struct MeetingCancelOptions {
  std::string id, reason;
};

void meeting_cancel_options(CLI::App* cmd, MeetingCancelOptions& o) {
  cmd->add_option("ID", o.id, _("meeting id"))->required();
  cmd->add_option("--reason", o.reason, _("why (the invitees will read it)"))->required();
  example(cmd, "  consult meeting cancel 3 --reason \"暴雨预警，改期举行\"");
}

void meeting_cancel(Context& c, const MeetingCancelOptions& o) {
  const auto m = meetings::cancel(c.ledger(), parse_id(o.id, _("a meeting")), o.reason);
  if (c.out.json)
    c.out.json_line({{"id", m.id}, {"status", m.status}, {"reason", m.reason}});
  else
    c.out.say(i18n::tr(N_("meeting {}: cancelled"), m.id));
}

struct AgendaOptions {
  std::string id;
  std::vector<std::string> add, remove;
  std::string move;
  int at = 0, to = 0;
  std::string reason;
};

void meeting_agenda_options(CLI::App* cmd, AgendaOptions& o) {
  cmd->add_option("ID", o.id, _("meeting id"))->required();
  cmd->add_option("--add", o.add, _("put an issue on the agenda (repeat or commas)"))
      ->delimiter(',')
      ->type_name("ISSUE");
  cmd->add_option("--at", o.at, _("where the added issues go: position N (default: the end)"))
      ->type_name("N")
      ->check(CLI::Range(1, static_cast<int>(meetings::kMaxItems)));
  cmd->add_option("--remove", o.remove,
                  _("take an issue off the agenda (not one already taken up)"))
      ->delimiter(',')
      ->type_name("ISSUE");
  auto* move = cmd->add_option("--move", o.move, _("move an issue on the agenda"))
                   ->type_name("ISSUE");
  cmd->add_option("--to", o.to, _("the position it moves to (1 is first)"))
      ->type_name("N")
      ->needs(move)
      ->check(CLI::Range(1, static_cast<int>(meetings::kMaxItems)));
  cmd->add_option("--reason", o.reason, _("why (kept in the record)"));
  example(cmd, "  consult meeting agenda 2 --add 8 --reason \"上午接待日居民反映\"\n"
               "  consult meeting agenda 2 --move 8 --to 1\n"
               "  consult meeting agenda 2 --remove 5 --reason \"已另案处理\"");
}

void meeting_agenda(Context& c, const AgendaOptions& o) {
  const auto id = parse_id(o.id, _("a meeting"));
  const auto& com = community_of(c, meetings::get(c.ledger(), id));
  meetings::AgendaChange ch;
  for (const auto& s : o.add)
    ch.add.push_back(parse_id(s, _("an issue")));
  for (const auto& s : o.remove)
    ch.remove.push_back(parse_id(s, _("an issue")));
  if (!o.move.empty()) ch.move = parse_id(o.move, _("an issue"));
  ch.at = o.at;
  ch.to = o.to;
  ch.reason = o.reason;
  print_planned(c, com, meetings::change_agenda(c.ledger(), com, id, ch));
}

void meeting_reschedule_options(CLI::App* cmd, RescheduleOptions& o) {
  cmd->add_option("ID", o.id, _("meeting id"))->required();
  cmd->add_option("--at", o.at, _("when it starts now: \"2026-12-16 19:30\""))
      ->required()
      ->type_name("TIME");
  cmd->add_option("--until", o.until, _("when it ends: \"21:00\""))->type_name("TIME");
  cmd->add_option("--venue", o.venue, _("a new venue"));
  cmd->add_option("--online", o.online, _("a new link"))->type_name("LINK");
  cmd->add_option("--reason", o.reason, _("why"));
  example(cmd,
          "  consult meeting reschedule 3 --at \"2026-12-16 19:30\" --reason \"与街道会议冲突\"");
}

void meeting_reschedule(Context& c, const RescheduleOptions& o) {
  const auto id = parse_id(o.id, _("a meeting"));
  const auto before = meetings::get(c.ledger(), id);
  const auto& com = community_of(c, before);
  meetings::Reschedule r{o.at, o.until, std::nullopt, std::nullopt, o.reason};
  if (!o.venue.empty()) r.venue = o.venue;
  if (!o.online.empty()) r.online = o.online;
  print_planned(c, com, meetings::reschedule(c.ledger(), com, id, r));
}

void meeting_attend_options(CLI::App* cmd, AttendOptions& o) {
  cmd->add_option("ID", o.id, _("meeting id"))->required();
  cmd->add_option("--present", o.a.present, _("an invitee who came (repeat or commas)"))
      ->delimiter(',')
      ->type_name("NAME");
  cmd->add_option("--absent", o.a.absent, _("an invitee who did not come"))
      ->delimiter(',')
      ->type_name("NAME[=REASON]");
  cmd->add_option("--excused", o.a.excused, _("an invitee excused in advance"))
      ->delimiter(',')
      ->type_name("NAME[=REASON]");
  cmd->add_option("--proxy", o.a.proxies, _("NAME came in the place of member FOR"))
      ->delimiter(',')
      ->type_name("NAME=FOR");
  cmd->add_option("--headcount", o.headcount,
                  _("a meeting planned with --entitled: how many of them came"))
      ->type_name("N")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--guest", o.a.guests,
                  _("someone not invited who came for a body (an official), and the body"))
      ->delimiter(',')
      ->type_name("NAME[=BODY]");
  cmd->add_option("--resident", o.a.residents,
                  _("a resident who took part (who raised the matter, a visitor on a reception "
                    "day): masked in public minutes"))
      ->delimiter(',')
      ->type_name("NAME");
  example(cmd, "  consult meeting attend 3 --present 王建国,李秀英,赵德明 \\\n"
               "      --excused 孙桂兰=出差 --proxy 周晓=周志强 --guest 何工=区房管局 \\\n"
               "      --resident 李方");
}

void meeting_attend(Context& c, const AttendOptions& o) {
  auto a = o.a;
  if (o.headcount >= 0) a.headcount = o.headcount;
  const auto id = parse_id(o.id, _("a meeting"));
  const auto& community = community_of(c, meetings::get(c.ledger(), id));
  const auto m = meetings::attend(c.ledger(), community, id, a);
  const auto q = meetings::quorum(community, m);
  if (c.out.json) {
    c.out.json_line({{"id", m.id}, {"quorum", q.statement}, {"quorate", q.ok()}});
    return;
  }
  c.out.say(i18n::tr(N_("meeting {}: {}"), m.id, q.statement));
}

void meeting_note_options(CLI::App* cmd, NoteOptions& o) {
  cmd->add_option("ID", o.id, _("meeting id"))->required();
  cmd->add_option("--issue", o.issue, _("the agenda item's issue"))->required()->type_name("ID");
  cmd->add_option("--text", o.text, _("the opinion"))->required();
  cmd->add_option("--speaker", o.speaker, _("who said it"))->type_name("NAME");
  cmd->add_option("--position", o.position, _("for, against or neutral"))
      ->check(CLI::IsMember({"for", "against", "neutral"}));
  example(cmd, "  consult meeting note 3 --issue 12 --speaker 赵德明 --position for \\\n"
               "      --text \"建议先做防水再刷墙\"");
}

void meeting_note(Context& c, const NoteOptions& o) {
  const auto n = meetings::note(c.ledger(), parse_id(o.id, _("a meeting")),
                                parse_id(o.issue, _("an issue")), o.text, o.speaker, o.position);
  if (c.out.json) {
    c.out.json_line({{"note", n.id}, {"issue", n.issue}, {"round", n.round}});
    return;
  }
  c.out.say(i18n::tr(N_("issue {}: opinion recorded (round {})"), n.issue, n.round));
}

void meeting_outcome_options(CLI::App* cmd, OutcomeOptions& o) {
  cmd->add_option("ID", o.id, _("meeting id"))->required();
  cmd->add_option("--issue", o.issue, _("the agenda item's issue"))->required()->type_name("ID");
  cmd->add_option("--result", o.result,
                  _("decided, next-round, site-inspection, escalated or withdrawn"))
      ->required()
      ->check(
          CLI::IsMember({"decided", "next-round", "site-inspection", "escalated", "withdrawn"}));
  cmd->add_option("--note", o.note, _("what the meeting said (the reason, for escalated)"));
  cmd->add_option("--to", o.level,
                  _("escalated: street (default), district, or an authority of the community "
                    "file ([[authorities]])"));
  example(cmd, "  consult meeting outcome 3 --issue 12 --result decided \\\n"
               "      --note \"由物业牵头维修，维修资金列支\"\n"
               "  consult meeting outcome 3 --issue 14 --result site-inspection");
}

void meeting_outcome(Context& c, const OutcomeOptions& o) {
  const auto id = parse_id(o.id, _("a meeting"));
  const auto& com = community_of(c, meetings::get(c.ledger(), id));
  meetings::Outcome out{parse_id(o.issue, _("an issue")), o.result, o.note, o.level};
  const auto m = meetings::outcome(c.ledger(), com, id, out);
  const auto issue = issues::get(c.ledger(), out.issue);
  if (c.out.json) {
    c.out.json_line({{"id", m.id},
                     {"issue", issue.id},
                     {"outcome", out.result},
                     {"status", model::to_string(issue.status)},
                     {"rounds", issue.rounds}});
    return;
  }
  c.out.say(i18n::tr(N_("meeting {}: issue {} {} (issue is {}, round {})"), m.id, issue.id,
                     out.result, model::status_label(issue.status), issue.rounds));
}

struct MeetingCloseOptions {
  std::string id;
};

void meeting_close_options(CLI::App* cmd, MeetingCloseOptions& o) {
  cmd->add_option("ID", o.id, _("meeting id"))->required();
  example(cmd, "  consult meeting close 3");
}

void meeting_close(Context& c, const MeetingCloseOptions& o) {
  const auto mid = parse_id(o.id, _("a meeting"));
  const auto& com = community_of(c, meetings::get(c.ledger(), mid));
  const auto p = meetings::close(c.ledger(), com, mid);
  print_warnings(c, p.warnings);
  int carried = 0;
  for (const auto& it : p.meeting.items)
    if (it.outcome != "decided" && it.outcome != "escalated" && it.outcome != "withdrawn")
      ++carried;
  if (c.out.json) {
    c.out.json_line({{"id", mid}, {"status", p.meeting.status}, {"carried_over", carried}});
    return;
  }
  c.out.say(i18n::tr(N_("meeting {}: closed; {} item(s) carried over"), mid, carried));
}

void meeting_export_options(CLI::App* cmd, ExportOptions& o) {
  cmd->add_option("ID", o.id, _("meeting id"))->required();
  cmd->add_option("--format", o.format, _("ics, md, html or json"))
      ->check(CLI::IsMember({"ics", "md", "html", "json"}));
  cmd->add_option("--out", o.out, _("write to FILE instead of standard output"))->type_name("FILE");
  example(cmd, "  consult meeting export 3 --format ics --out meeting-3.ics");
}

void meeting_export(Context& c, const ExportOptions& o) {
  const auto m = meetings::get(c.ledger(), parse_id(o.id, _("a meeting")));
  const auto& com = community_of(c, m);
  const auto text = agenda::render(c.ledger(), *agenda::parse_format(o.format), com, m);
  write_document(c, o.out, text, Audience::is_public);
}

} // namespace

void register_meeting(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand(
      "meeting", _("meetings: plan from the issues, record attendance, opinions and outcomes"));
  group->require_subcommand(1);
  example(group, "  consult meeting plan --community heping --kind council "
                 "--at \"2026-12-09 19:30\" --auto-agenda\n"
                 "  consult meeting attend 3 --present 王建国 --present 李秀英\n"
                 "  consult meeting show 3");

  add_verb(*group, ctx, "plan",
           _("plan a meeting: agenda from the issues, invitees from the council (\"6+X\")"),
           meeting_plan_options, NeedConfig::yes, NeedLedger::write, meeting_plan);
  add_verb(*group, ctx, "list", _("list meetings by date"), meeting_list_options,
           NeedConfig::optional, NeedLedger::read, meeting_list);
  add_verb(*group, ctx, "show",
           _("show a meeting: agenda, invitees, attendance, quorum, opinions, outcomes"),
           meeting_show_options, NeedConfig::yes, NeedLedger::read, meeting_show);
  add_verb(*group, ctx, "cancel", _("cancel a planned meeting, with a reason"),
           meeting_cancel_options, NeedConfig::optional, NeedLedger::write, meeting_cancel);
  add_verb(*group, ctx, "reschedule", _("move a planned meeting"), meeting_reschedule_options,
           NeedConfig::yes, NeedLedger::write, meeting_reschedule);
  add_verb(*group, ctx, "agenda",
           _("change a planned meeting's agenda: add, remove or move issues"),
           meeting_agenda_options, NeedConfig::yes, NeedLedger::write, meeting_agenda);
  add_verb(*group, ctx, "attend",
           _("record who came (members by seat, stakeholders, guests) and who did not"),
           meeting_attend_options, NeedConfig::yes, NeedLedger::write, meeting_attend);
  add_verb(*group, ctx, "note", _("record an opinion on an agenda item"), meeting_note_options,
           NeedConfig::optional, NeedLedger::write, meeting_note);
  add_verb(*group, ctx, "outcome",
           _("record what became of an agenda item; undecided items are carried over"),
           meeting_outcome_options, NeedConfig::yes, NeedLedger::write, meeting_outcome);
  add_verb(*group, ctx, "close",
           _("close a held meeting; items without an outcome are carried over"),
           meeting_close_options, NeedConfig::yes, NeedLedger::write, meeting_close);
  add_verb(*group, ctx, "export",
           _("write a meeting's agenda as a calendar event (ics) or document"),
           meeting_export_options, NeedConfig::yes, NeedLedger::read, meeting_export);
}

} // namespace consult::cli
