// consult minutes …: the record of a meeting, exported for printing, posting
// and filing; approved once, then locked and amended by appending.

#include "commands.hpp"

#include "consult/error.hpp"
#include "consult/i18n.hpp"
#include "consult/meetings.hpp"
#include "consult/minutes.hpp"
#include "consult/render.hpp"

#include <memory>

namespace consult::cli {

namespace {

struct ExportOptions {
  std::string id, format = "md", out;
  bool is_public = false;
};

struct ApproveOptions {
  std::string id;
  std::vector<std::string> by;
};

struct AmendOptions {
  std::string id, text, by;
};

void minutes_export_options(CLI::App* cmd, ExportOptions& o) {
  cmd->add_option("MEETING", o.id, _("meeting id"))->required();
  cmd->add_option("--format", o.format, _("md (default), html, docx or json"))
      ->check(CLI::IsMember({"md", "html", "docx", "json"}));
  cmd->add_option("--out", o.out, _("the file to write (default: standard output)"))
      ->type_name("FILE");
  cmd->add_flag("--public", o.is_public,
                _("the public version: residents' names, phones and house numbers masked"));
  example(cmd, "  consult minutes export 3 --format html --out 会议记录-3.html\n"
               "  consult minutes export 3 --public --format docx --out 公示-3.docx\n"
               "  consult minutes export 3 --format json | jq .minutes.quorum");
}

void minutes_export(Context& c, const ExportOptions& o) {
  const auto id = parse_id(o.id, _("a meeting"));
  const auto m = meetings::get(c.ledger(), id);
  const auto& com = c.community(m.community);
  if (o.format == "docx" && o.out.empty() && c.out.stdout_tty())
    throw Error(ErrorKind::usage, _("a DOCX file is not for the terminal"), "--out",
                _("give --out FILE.docx, or redirect standard output to a file"));
  const auto stamp = minutes::stamp_now(c.ledger(), "minutes", std::to_string(id), o.format,
                                        o.is_public, com.timezone);
  const auto bytes = minutes::render(c.ledger(), com, id, stamp);
  // The full minutes name every resident who took part, spoke or raised a
  // matter: shown only once that is recorded, like any --reveal.
  auto record = [&] {
    c.record_reveal("minutes export", m.community, {{"meetings", nlohmann::json::array({id})}});
  };
  write_document(c, o.out, bytes, o.is_public ? Audience::is_public : Audience::staff, {},
                 o.is_public ? std::function<void()>() : record);
  if (!o.out.empty())
    c.out.say(i18n::tr(N_("minutes of meeting {} written to {} ({})"), id, o.out, stamp.line()));
}

void minutes_approve_options(CLI::App* cmd, ApproveOptions& o) {
  cmd->add_option("MEETING", o.id, _("meeting id"))->required();
  cmd->add_option("--by", o.by, _("who approved them (repeat or commas)"))
      ->delimiter(',')
      ->type_name("NAME");
  example(cmd, "  consult minutes approve 3 --by 王建国,陈静");
}

void minutes_approve(Context& c, const ApproveOptions& o) {
  const auto id = parse_id(o.id, _("a meeting"));
  const auto& com = c.community(meetings::get(c.ledger(), id).community);
  const auto s = minutes::approve(c.ledger(), com, id, o.by);
  if (c.out.json) {
    c.out.json_line({{"meeting", id}, {"status", "approved"}, {"event", s.seq}});
    return;
  }
  c.out.say(i18n::tr(N_("minutes of meeting {} approved and locked (event {})"), id, s.seq));
}

void minutes_amend_options(CLI::App* cmd, AmendOptions& o) {
  cmd->add_option("MEETING", o.id, _("meeting id"))->required();
  cmd->add_option("--text", o.text, _("the correction"))->required();
  cmd->add_option("--by", o.by, _("who made it"))->type_name("NAME");
  example(cmd, "  consult minutes amend 3 --text \"第2项表决结果中弃权应为1票\" --by 陈静");
}

void minutes_amend(Context& c, const AmendOptions& o) {
  const auto id = parse_id(o.id, _("a meeting"));
  const auto s = minutes::amend(c.ledger(), id, o.text, o.by.empty() ? c.session().actor : o.by);
  if (c.out.json) {
    c.out.json_line({{"meeting", id}, {"amendment", s.amendments.back().n}});
    return;
  }
  c.out.say(
      i18n::tr(N_("minutes of meeting {}: amendment {} appended"), id, s.amendments.back().n));
}

struct MinutesShowOptions {
  std::string id;
  bool reveal = false;
};

void minutes_show_options(CLI::App* cmd, MinutesShowOptions& o) {
  cmd->add_option("MEETING", o.id, _("meeting id"))->required();
  cmd->add_flag("--reveal", o.reveal, _("show residents' names unmasked"));
  example(cmd, "  consult minutes show 3");
}

void minutes_show(Context& c, const MinutesShowOptions& o) {
  const auto mid = parse_id(o.id, _("a meeting"));
  const auto m = meetings::get(c.ledger(), mid);
  const auto* cfg = c.config_if_any();
  const auto* found = cfg ? cfg->find(m.community) : nullptr;
  const config::Community none; // without the roster: approvers masked as residents
  if (o.reveal) c.record_reveal("minutes show", m.community, {{"meetings", {mid}}});
  const auto s =
      minutes::shown(c.ledger(), found ? *found : none, mid, minutes::state(c.ledger(), mid), o.reveal);
  if (c.out.json) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& x : s.amendments)
      a.push_back({{"n", x.n}, {"text", x.text}, {"by", x.by}, {"at", x.at}});
    c.out.json_line({{"meeting", mid},
                     {"status", s.approved ? "approved" : "draft"},
                     {"approved_by", s.approved_by},
                     {"approved_at", s.approved_at},
                     {"amendments", a}});
    return;
  }
  std::string by;
  for (const auto& n : s.approved_by)
    by += (by.empty() ? "" : "、") + n;
  std::vector<std::pair<std::string, std::string>> rows = {
      {_("Minutes"), std::to_string(mid)},
      {_("Status"), s.approved ? std::string(_("approved (locked)")) : _("draft")},
      {_("Approved"), s.approved ? render::short_time(s.approved_at) : std::string()},
      {_("Approved by"), by},
      {_("Amendments"), std::to_string(s.amendments.size())}};
  std::erase_if(rows, [](const auto& r) { return r.second.empty(); });
  c.out.write(render::key_values(rows));
}

} // namespace

void register_minutes(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand(
      "minutes", _("minutes of a meeting: export (md, html, docx, json), approve, amend"));
  group->require_subcommand(1);
  example(group, "  consult minutes export 3 --format html --out 会议记录-3.html\n"
                 "  consult minutes approve 3 --by 王建国 --by 陈静\n"
                 "  consult minutes export 3 --public --format docx --out 公示-3.docx");

  add_verb(*group, ctx, "export",
           _("write the minutes: Markdown, printable A4 HTML, Word (DOCX) or JSON"),
           minutes_export_options, NeedConfig::yes, NeedLedger::read, minutes_export);
  add_verb(*group, ctx, "approve",
           _("approve the minutes of a closed meeting: they are locked from then on"),
           minutes_approve_options, NeedConfig::yes, NeedLedger::write, minutes_approve);
  add_verb(*group, ctx, "amend",
           _("append a correction to approved minutes (never an edit in place)"),
           minutes_amend_options, NeedConfig::optional, NeedLedger::write, minutes_amend);
  add_verb(*group, ctx, "show", _("show whether minutes are draft or approved"),
           minutes_show_options, NeedConfig::optional, NeedLedger::read, minutes_show);
}

} // namespace consult::cli
