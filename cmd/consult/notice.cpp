// consult notice …: public notices (公示) of a decision, and of a period's
// results, with residents' personal data masked.

#include "commands.hpp"

#include "consult/decisions.hpp"
#include "consult/document.hpp"
#include "consult/error.hpp"
#include "consult/i18n.hpp"
#include "consult/minutes.hpp"
#include "consult/notices.hpp"
#include "consult/text.hpp"
#include "consult/votes.hpp"

#include <memory>

namespace consult::cli {

namespace {

struct NoticeOptions {
  std::string id, community, period, format = "md", out;
  int days = 7;
};

void add_output_options(CLI::App* cmd, NoticeOptions& o) {
  cmd->add_option("--format", o.format, _("md (default), html or docx"))
      ->check(CLI::IsMember({"md", "html", "docx"}));
  cmd->add_option("--out", o.out, _("the file to write (default: standard output)"))
      ->type_name("FILE");
}

void write_notice(Context& c, const NoticeOptions& o, const config::Community& com,
                  const std::string& kind, const std::string& subject) {
  if (o.format == "docx" && o.out.empty() && c.out.stdout_tty())
    throw Error(ErrorKind::usage, _("a DOCX file is not for the terminal"), "--out",
                _("give --out FILE.docx, or redirect standard output to a file"));
  const auto stamp = minutes::stamp_now(c.ledger(), kind, subject, o.format, true, com.timezone);
  write_document(c, o.out, notices::render(c.ledger(), c.config(), stamp), Audience::is_public);
  if (!o.out.empty()) c.out.say(i18n::tr(N_("notice written to {} ({})"), o.out, stamp.line()));
}

void notice_decision_options(CLI::App* cmd, NoticeOptions& o) {
  cmd->add_option("DECISION", o.id, _("decision id"))->required();
  cmd->add_option("--days", o.days, _("disclosure period in days from today (default 7)"))
      ->type_name("N")
      ->check(CLI::Range(1, notices::kMaxDays));
  add_output_options(cmd, o);
  example(cmd, "  consult notice decision 3 --days 7 --format html --out 公示-决定3.html");
}

void notice_decision(Context& c, const NoticeOptions& o) {
  const auto id = parse_id(o.id, _("a decision"));
  const auto d = decisions::get(c.ledger(), id);
  write_notice(c, o, c.community(d.community), "decision-notice", fmt::format("{} {}", id, o.days));
}

void notice_results_options(CLI::App* cmd, NoticeOptions& o) {
  cmd->add_option("--community", o.community, _("community id (optional if there is one)"))
      ->type_name("ID");
  cmd->add_option("--period", o.period, _("2026, 2026-Q3, 2026-11 or FROM..TO"))
      ->required()
      ->type_name("PERIOD");
  add_output_options(cmd, o);
  example(cmd, "  consult notice results --period 2026-12 --format html --out 公示-2026-12.html");
}

void notice_results(Context& c, const NoticeOptions& o) {
  const auto& com = c.community(o.community);
  const auto p = clock::parse_period(o.period);
  if (!p)
    throw Error(ErrorKind::usage, i18n::tr(N_("'{}' is not a period"), text::quote_input(o.period)),
                "--period", _("write 2026, 2026-Q3, 2026-11 or 2026-11-01..2026-11-15"));
  write_notice(c, o, com, "results-notice", com.id + " " + p->text);
}

} // namespace

void register_notice(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand(
      "notice", _("public notices (公示): a decision, or a period's results; residents masked"));
  group->require_subcommand(1);
  example(group, "  consult notice decision 3 --format html --out 公示-决定3.html\n"
                 "  consult notice results --period 2026-11 --format docx --out 公示-2026-11.docx");

  add_verb(*group, ctx, "decision",
           _("the notice of a decision: the matter, the vote, the actions, the period"),
           notice_decision_options, NeedConfig::yes, NeedLedger::read, notice_decision);
  add_verb(*group, ctx, "results",
           _("the results of a period: meetings held, decisions, matters solved"),
           notice_results_options, NeedConfig::yes, NeedLedger::read, notice_results);
}

} // namespace consult::cli
