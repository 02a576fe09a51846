// consult fund …: the community's own account book, kept as entries that are
// never edited, and its public statement.

#include "commands.hpp"

#include "consult/document.hpp"
#include "consult/error.hpp"
#include "consult/fund.hpp"
#include "consult/i18n.hpp"
#include "consult/minutes.hpp"
#include "consult/render.hpp"
#include "consult/text.hpp"

#include <cstdio>
#include <memory>

namespace consult::cli {

namespace {

struct AddOptions {
  std::string community, kind, amount, party, purpose, issue, date;
  bool named = false;
};

struct ListOptions {
  std::string community, period;
  bool reveal = false;
};

struct NoticeOptions {
  std::string community, period, format = "md", out;
};

clock::Period period_option(const std::string& text) {
  const auto p = clock::parse_period(text);
  if (!p)
    throw Error(ErrorKind::usage, i18n::tr(N_("'{}' is not a period"), text::quote_input(text)),
                "--period", _("write 2026, 2026-Q3, 2026-11 or 2026-11-01..2026-11-15"));
  return *p;
}

void fund_add_options(CLI::App* cmd, AddOptions& o) {
  cmd->add_option("--community", o.community, _("community id (optional if there is one)"))
      ->type_name("ID");
  cmd->add_option("--kind", o.kind, _("income or expense"))
      ->required()
      ->check(CLI::IsMember({"income", "expense"}));
  cmd->add_option("--amount", o.amount, _("yuan, at most two decimals: 1234.50"))
      ->required()
      ->type_name("YUAN");
  cmd->add_option("--party", o.party, _("the donor, or who was paid"))->required();
  cmd->add_option("--purpose", o.purpose, _("what it was for"))->required();
  cmd->add_option("--issue", o.issue, _("the issue it is for"))->type_name("ID");
  cmd->add_option("--date", o.date, _("YYYY-MM-DD (default: today)"))->type_name("DATE");
  cmd->add_flag("--named", o.named,
                _("name the party in public statements: a body, a supplier, or a donor "
                  "who chose to be (else masked as a resident)"));
  example(cmd, "  consult fund add --kind income --amount 500 --party 张小明 "
               "--purpose \"儿童活动室众筹\" --issue 8\n"
               "  consult fund add --kind expense --amount 1,234.50 --party 某某建材店 --named "
               "--purpose \"防水材料\" --date 2026-11-20");
}

void fund_add(Context& c, const AddOptions& o) {
  const auto& com = c.community(o.community);
  fund::NewEntry n;
  n.kind = o.kind;
  n.amount = o.amount;
  n.party = o.party;
  n.purpose = o.purpose;
  n.named = o.named;
  if (!o.issue.empty()) n.issue = parse_id(o.issue, _("an issue"));
  if (!o.date.empty()) n.date = parse_date_option(o.date, "--date");
  const auto e = fund::add(c.ledger(), com, n);
  if (c.out.json) {
    c.out.json_line(fund::to_json(e, people::Directory(com), false));
    return;
  }
  const auto b = fund::balance(c.ledger(), com.id);
  c.out.say(i18n::tr(N_("entry {}: {} {} yuan; balance {} yuan"), e.id, e.kind,
                     fund::format_amount(e.amount), fund::format_amount(b.balance())));
}

struct FundReverseOptions {
  std::string entry, reason, community;
};

void fund_reverse_options(CLI::App* cmd, FundReverseOptions& o) {
  cmd->add_option("ENTRY", o.entry, _("the entry to cancel"))->required();
  cmd->add_option("--reason", o.reason, _("why"))->required();
  cmd->add_option("--community", o.community, _("community id (optional if there is one)"))
      ->type_name("ID");
  example(cmd, "  consult fund reverse 3 --reason \"金额录入错误，应为1200.00元\"");
}

void fund_reverse(Context& c, const FundReverseOptions& o) {
  const auto& com = c.community(o.community);
  const auto e = fund::reverse(c.ledger(), com, parse_id(o.entry, _("an entry")), o.reason);
  if (c.out.json) {
    c.out.json_line(fund::to_json(e, people::Directory(com), false));
    return;
  }
  const auto b = fund::balance(c.ledger(), com.id);
  c.out.say(i18n::tr(N_("entry {} reverses entry {}; balance {} yuan"), e.id, *e.reverses,
                     fund::format_amount(b.balance())));
}

void fund_list_options(CLI::App* cmd, ListOptions& o) {
  cmd->add_option("--community", o.community, _("community id (optional if there is one)"))
      ->type_name("ID");
  cmd->add_option("--period", o.period, _("2026, 2026-Q3, 2026-11 or FROM..TO"))
      ->type_name("PERIOD");
  cmd->add_flag("--reveal", o.reveal, _("show donors' names unmasked"));
  example(cmd, "  consult fund list --period 2026-11");
}

void fund_list(Context& c, const ListOptions& o) {
  const auto& com = c.community(o.community);
  std::optional<clock::Period> p;
  if (!o.period.empty()) p = period_option(o.period);
  const people::Directory who(com);
  const auto entries = fund::shown(c.ledger(), who, fund::list(c.ledger(), com.id, p), o.reveal);
  if (o.reveal && !entries.empty()) {
    nlohmann::json ids = nlohmann::json::array();
    for (const auto& e : entries)
      ids.push_back(e.id);
    c.record_reveal("fund list", com.id, {{"entries", ids}});
  }
  if (c.out.json) {
    for (const auto& e : entries)
      c.out.json_line(fund::to_json(e, who, o.reveal));
    return;
  }
  if (entries.empty()) {
    if (!c.out.quiet) std::fprintf(stderr, "%s\n", _("no entries"));
    return;
  }
  render::Table t({{_("ID"), render::Align::right},
                   {_("DATE")},
                   {_("KIND")},
                   {_("PARTY")},
                   {_("PURPOSE"), render::Align::left, 36},
                   {_("AMOUNT"), render::Align::right}});
  for (const auto& e : entries) {
    std::string purpose = e.purpose;
    if (e.reverses) purpose = i18n::tr(N_("correction of entry {}: {}"), *e.reverses, e.reason);
    t.add_row({std::to_string(e.id), e.on_date, e.kind,
               e.named ? e.party : who.shown(e.party, people::Field::resident, o.reveal), purpose,
               fund::format_amount(e.signed_amount())});
  }
  c.out.write(t.to_text(c.out.width()));
}

struct FundBalanceOptions {
  std::string community, on;
};

void fund_balance_options(CLI::App* cmd, FundBalanceOptions& o) {
  cmd->add_option("--community", o.community, _("community id (optional if there is one)"))
      ->type_name("ID");
  cmd->add_option("--on", o.on, _("as of this date (default: all)"))->type_name("DATE");
  example(cmd, "  consult fund balance\n  consult fund balance --on 2026-11-30 --json");
}

void fund_balance(Context& c, const FundBalanceOptions& o) {
  const auto& com = c.community(o.community);
  std::optional<clock::Date> on;
  if (!o.on.empty()) on = parse_date_option(o.on, "--on");
  const auto b = fund::balance(c.ledger(), com.id, on);
  if (c.out.json) {
    c.out.json_line({{"community", com.id},
                     {"income", fund::format_amount(b.income)},
                     {"expense", fund::format_amount(b.expense)},
                     {"balance", fund::format_amount(b.balance())}});
    return;
  }
  c.out.write(render::key_values({{_("Income"), fund::format_amount(b.income)},
                                  {_("Expenses"), fund::format_amount(b.expense)},
                                  {_("Balance"), fund::format_amount(b.balance())}}));
}

void fund_notice_options(CLI::App* cmd, NoticeOptions& o) {
  cmd->add_option("--community", o.community, _("community id (optional if there is one)"))
      ->type_name("ID");
  cmd->add_option("--period", o.period, _("2026, 2026-Q3, 2026-11 or FROM..TO"))
      ->required()
      ->type_name("PERIOD");
  cmd->add_option("--format", o.format, _("md (default), html, docx or json"))
      ->check(CLI::IsMember({"md", "html", "docx", "json"}));
  cmd->add_option("--out", o.out, _("the file to write (default: standard output)"))
      ->type_name("FILE");
  example(cmd, "  consult fund notice --period 2026-11 --format html --out 账目公示-2026-11.html");
}

void fund_notice(Context& c, const NoticeOptions& o) {
  const auto& com = c.community(o.community);
  const auto p = period_option(o.period);
  const auto stamp = minutes::stamp_now(c.ledger(), "fund-statement", com.id + " " + p.text,
                                        o.format, true, com.timezone);
  write_document(c, o.out, fund::render(c.ledger(), com, p, stamp), Audience::is_public);
  if (!o.out.empty())
    c.out.say(i18n::tr(N_("statement of {} written to {} ({})"), p.text, o.out, stamp.line()));
}

} // namespace

void register_fund(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand(
      "fund", _("the community's account book: income and expenses in fen, corrections by "
                "reversing entries, public statements"));
  group->require_subcommand(1);
  example(group,
          "  consult fund add --kind income --amount 500 --party 张小明 --purpose 活动室众筹\n"
          "  consult fund balance\n  consult fund notice --period 2026-11 --format html");

  add_verb(*group, ctx, "add", _("record income or an expense"), fund_add_options, NeedConfig::yes,
           NeedLedger::write, fund_add);
  add_verb(*group, ctx, "reverse",
           _("cancel a wrong entry with a reversing entry (entries are never edited)"),
           fund_reverse_options, NeedConfig::yes, NeedLedger::write, fund_reverse);
  add_verb(*group, ctx, "list", _("list the entries, by date"), fund_list_options, NeedConfig::yes,
           NeedLedger::read, fund_list);
  add_verb(*group, ctx, "balance", _("income, expenses and the balance"), fund_balance_options,
           NeedConfig::yes, NeedLedger::read, fund_balance);
  add_verb(*group, ctx, "notice",
           _("the public statement of a period: income, expenses, balance; donors masked "
             "unless named"),
           fund_notice_options, NeedConfig::yes, NeedLedger::read, fund_notice);
}

} // namespace consult::cli
