// consult community list|show: the communities of the configuration and the
// composition of their councils.

#include "commands.hpp"

#include "consult/i18n.hpp"
#include "consult/render.hpp"

namespace consult::cli {

namespace {

std::string term(const config::Member& m) {
  if (!m.since && !m.until) return {};
  return fmt::format("{}–{}", m.since ? clock::format_date(*m.since) : "",
                     m.until ? clock::format_date(*m.until) : "");
}

std::string seats_text(const config::Seat& s) {
  return s.min == s.max ? std::to_string(s.max) : fmt::format("{}–{}", s.min, s.max);
}

void show(Context& c, const config::Community& com) {
  if (c.out.json) {
    c.out.json_line(config::to_json(com));
    return;
  }
  std::string out;
  out += render::key_values({{_("Community"), fmt::format("{} ({})", com.name, com.id)},
                             {_("Street"), com.street},
                             {_("District"), com.district},
                             {_("Residents"), com.population ? std::to_string(com.population) : ""},
                             {_("Time zone"), com.timezone},
                             {_("Council"), com.council.name},
                             {_("Source"), com.source}});
  out += "\n";
  render::Table seats({{_("SEAT")},
                       {_("CATEGORY")},
                       {_("SEATS"), render::Align::right},
                       {_("FILLED"), render::Align::right},
                       {_("MEMBERS")}});
  int total_min = 0, total_max = 0;
  for (const auto& s : com.council.seats) {
    std::string members;
    for (const auto& m : s.members) {
      if (!members.empty()) members += "、";
      members += m.name;
      if (!m.role.empty()) members += "(" + m.role + ")";
    }
    seats.add_row({s.key, s.label, seats_text(s), std::to_string(s.members.size()), members});
    total_min += s.min;
    total_max += s.max;
  }
  seats.add_row({"x", com.council.stakeholders.label,
                 fmt::format("{}–{}", com.council.stakeholders.min, com.council.stakeholders.max),
                 "", _("invited per issue")});
  out += seats.to_text(c.out.width());
  out += i18n::tr(N_("{} seat categories + X: {} members seated ({}–{} seats)"),
                  com.council.seats.size(), com.council.seat_count(), total_min, total_max);
  out += "\n\n";
  render::Table members({{_("MEMBER")}, {_("CATEGORY")}, {_("ROLE")}, {_("TERM")}});
  for (const auto& s : com.council.seats)
    for (const auto& m : s.members)
      members.add_row({m.name, s.label, m.role, term(m)});
  if (members.rows()) out += members.to_text(c.out.width()) + "\n";
  // The bodies that meet and decide: who takes part, by which rule, the
  // kinds of meeting each holds (docs/bodies.md).
  render::Table bodies({{_("BODY")},
                        {_("NAME")},
                        {_("TAKES PART")},
                        {_("RULE")},
                        {_("MEETING KINDS")},
                        {_("MEMBERS")}});
  for (const auto& b : com.bodies) {
    std::string kinds, who;
    for (const auto& k : b.kinds)
      kinds += (kinds.empty() ? "" : ", ") + config::label_or_key(com.meeting_kind(k), k);
    for (const auto& m : b.members)
      if (b.type != "council")
        who += (who.empty() ? "" : "、") + (m.role.empty() ? m.name : m.name + "(" + m.role + ")");
    if (b.type == "council") who = i18n::tr(N_("{} seated (above)"), com.council.seat_count());
    std::string takes = b.electorate == "members"     ? std::string(_("its members"))
                        : b.electorate == "owners"    ? std::string(_("the owners on the roster"))
                        : b.entitled > 0 ? i18n::tr(N_("residents: {} entitled"), b.entitled)
                                         : std::string(_("residents: entitled given per meeting"));
    std::string rule = b.profile;
    if (rule.empty())
      for (const auto& k : b.kinds)
        for (const auto& [kind, profile] : com.rules.defaults)
          if (kind == k && rule.empty()) rule = profile;
    bodies.add_row({b.key, b.name, takes, rule.empty() ? "-" : rule, kinds, who});
  }
  out += bodies.to_text(c.out.width()) + "\n";
  std::vector<std::pair<std::string, std::string>> rules = {
      {_("Notice"), i18n::tr(N_("{} days ({})"), com.rules.notice_days,
                             com.rules.notice_policy == "refuse" ? _("refuse inside it")
                                                                 : _("warn inside it"))}};
  for (const auto& [kind, profile] : com.rules.defaults)
    rules.emplace_back(i18n::tr(N_("Rule for {}"), com.meeting_kind(kind)->label), profile);
  for (const auto& p : com.rules.profiles)
    rules.emplace_back(i18n::tr(N_("Profile {}"), p.key),
                       i18n::tr(N_("{}: present {} {} of members; agree {} {} of {}"), p.label,
                                p.quorum_inclusive ? "≥" : ">", p.quorum.str(),
                                p.threshold_inclusive ? "≥" : ">", p.threshold.str(),
                                p.threshold_of));
  for (const auto& q : com.rules.require_present)
    rules.emplace_back(_("Required present"),
                       fmt::format("{} × {}", q.min_present, com.seat(q.seat)->label));
  auto labels = [](const std::vector<config::Label>& v) {
    std::string s;
    for (const auto& l : v)
      s += (s.empty() ? "" : ", ") + l.key + "=" + l.label;
    return s;
  };
  rules.emplace_back(_("Channels"), labels(com.channels));
  rules.emplace_back(_("Categories"), labels(com.categories));
  rules.emplace_back(_("Meeting kinds"), labels(com.meeting_kinds));
  for (const auto& s : com.schedules) {
    std::string when;
    if (!s.days_of_month.empty()) {
      for (int d : s.days_of_month)
        when += (when.empty() ? "" : ", ") + std::to_string(d);
      when = i18n::tr(N_("days {} of each month"), when);
    } else {
      static const char* const kDays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
      for (int d : s.weekdays)
        when += (when.empty() ? "" : ", ") + std::string(kDays[d]);
      when = i18n::tr(N_("every {}"), when);
    }
    rules.emplace_back(i18n::tr(N_("Schedule {}"), com.meeting_kind(s.kind)->label),
                       fmt::format("{} {}{}{}", when, s.at, s.until.empty() ? "" : "–" + s.until,
                                   s.venue.empty() ? "" : ", " + s.venue));
  }
  out += render::key_values(rules);
  c.out.write(out);
}

void community_list_options(CLI::App* cmd) {
  example(cmd, "  consult community list --json");
}

void community_list(Context& c) {
  const auto& cfg = c.config();
  if (c.out.json) {
    for (const auto& com : cfg.communities)
      c.out.json_line(config::summary_json(com));
    return;
  }
  render::Table t({{_("ID")},
                   {_("NAME")},
                   {_("STREET")},
                   {_("DISTRICT")},
                   {_("COUNCIL")},
                   {_("MEMBERS"), render::Align::right}});
  for (const auto& com : cfg.communities)
    t.add_row({com.id, com.name, com.street, com.district, com.council.name,
               std::to_string(com.council.seat_count())});
  c.out.write(t.to_text(c.out.width()));
}

struct ShowOptions {
  std::string id;
};

void community_show_options(CLI::App* cmd, ShowOptions& o) {
  cmd->add_option("ID", o.id, _("community id"))->required();
  example(cmd, "  consult community show heping");
}

void community_show(Context& c, const ShowOptions& o) {
  show(c, c.community(o.id));
}

} // namespace

void register_community(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand("community", _("the communities in the configuration"));
  group->require_subcommand(1);
  example(group, "  consult community list\n  consult community show heping");

  add_verb(*group, ctx, "list", _("list the configured communities"), community_list_options,
           NeedConfig::yes, NeedLedger::no, community_list);
  add_verb(*group, ctx, "show",
           _("show a community: its council's composition by seat category, rules, "
             "channels, categories and schedules"),
           community_show_options, NeedConfig::yes, NeedLedger::no, community_show);
}

} // namespace consult::cli
