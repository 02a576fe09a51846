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
    throw Error(ErrorKind::usage, i18n::tr(N_("'{}' is not a period"), text), "--period",
                _("write 2026, 2026-Q3, 2026-11 or 2026-11-01..2026-11-15"));
  return *p;
}

nlohmann::json entry_json(const fund::Entry& e, bool reveal) {
  return {{"id", e.id},
          {"date", e.on_date},
          {"kind", e.kind},
          {"amount", fund::format_amount(e.amount)},
          {"signed_amount", fund::format_amount(e.signed_amount())},
          {"party", reveal || e.named ? e.party : text::mask_person(e.party)},
          {"named", e.named},
          {"purpose", e.purpose},
          {"issue", e.issue ? nlohmann::json(*e.issue) : nlohmann::json(nullptr)},
          {"reverses", e.reverses ? nlohmann::json(*e.reverses) : nlohmann::json(nullptr)},
          {"reason", e.reason}};
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

  // add
  {
    auto* cmd = group->add_subcommand("add", _("record income or an expense"));
    auto o = std::make_shared<AddOptions>();
    cmd->add_option("--community", o->community, _("community id (optional if there is one)"))
        ->type_name("ID");
    cmd->add_option("--kind", o->kind, _("income or expense"))
        ->required()
        ->check(CLI::IsMember({"income", "expense"}));
    cmd->add_option("--amount", o->amount, _("yuan, at most two decimals: 1234.50"))
        ->required()
        ->type_name("YUAN");
    cmd->add_option("--party", o->party, _("the donor, or who was paid"))->required();
    cmd->add_option("--purpose", o->purpose, _("what it was for"))->required();
    cmd->add_option("--issue", o->issue, _("the issue it is for"))->type_name("ID");
    cmd->add_option("--date", o->date, _("YYYY-MM-DD (default: today)"))->type_name("DATE");
    cmd->add_flag("--named", o->named,
                  _("the donor chose to be named in public statements (else masked)"));
    example(cmd, "  consult fund add --kind income --amount 500 --party 张小明 "
                 "--purpose \"儿童活动室众筹\" --issue 8\n"
                 "  consult fund add --kind expense --amount 1,234.50 --party 某某建材店 "
                 "--purpose \"防水材料\" --date 2026-11-20");
    on_run(cmd, ctx, NeedConfig::yes, NeedLedger::write, [o](Context& c) {
      const auto& com = c.community(o->community);
      fund::NewEntry n;
      n.kind = o->kind;
      n.amount = o->amount;
      n.party = o->party;
      n.purpose = o->purpose;
      n.named = o->named;
      if (!o->issue.empty()) n.issue = parse_id(o->issue, _("an issue"));
      if (!o->date.empty()) n.date = parse_date_option(o->date, "--date");
      const auto e = fund::add(c.ledger(), com, n);
      if (c.out.json) {
        c.out.json_line(entry_json(e, true));
        return;
      }
      const auto b = fund::balance(c.ledger(), com.id);
      c.out.say(i18n::tr(N_("entry {}: {} {} yuan; balance {} yuan"), e.id, e.kind,
                         fund::format_amount(e.amount), fund::format_amount(b.balance())));
    });
  }

  // reverse
  {
    auto* cmd = group->add_subcommand(
        "reverse", _("cancel a wrong entry with a reversing entry (entries are never edited)"));
    auto o = std::make_shared<std::tuple<std::string, std::string, std::string>>();
    cmd->add_option("ENTRY", std::get<0>(*o), _("the entry to cancel"))->required();
    cmd->add_option("--reason", std::get<1>(*o), _("why"))->required();
    cmd->add_option("--community", std::get<2>(*o), _("community id (optional if there is one)"))
        ->type_name("ID");
    example(cmd, "  consult fund reverse 3 --reason \"金额录入错误，应为1200.00元\"");
    on_run(cmd, ctx, NeedConfig::yes, NeedLedger::write, [o](Context& c) {
      const auto& com = c.community(std::get<2>(*o));
      const auto e =
          fund::reverse(c.ledger(), com, parse_id(std::get<0>(*o), _("an entry")), std::get<1>(*o));
      if (c.out.json) {
        c.out.json_line(entry_json(e, true));
        return;
      }
      const auto b = fund::balance(c.ledger(), com.id);
      c.out.say(i18n::tr(N_("entry {} reverses entry {}; balance {} yuan"), e.id, *e.reverses,
                         fund::format_amount(b.balance())));
    });
  }

  // list
  {
    auto* cmd = group->add_subcommand("list", _("list the entries, by date"));
    auto o = std::make_shared<ListOptions>();
    cmd->add_option("--community", o->community, _("community id (optional if there is one)"))
        ->type_name("ID");
    cmd->add_option("--period", o->period, _("2026, 2026-Q3, 2026-11 or FROM..TO"))
        ->type_name("PERIOD");
    cmd->add_flag("--reveal", o->reveal, _("show donors' names unmasked"));
    example(cmd, "  consult fund list --period 2026-11");
    on_run(cmd, ctx, NeedConfig::yes, NeedLedger::read, [o](Context& c) {
      const auto& com = c.community(o->community);
      std::optional<clock::Period> p;
      if (!o->period.empty()) p = period_option(o->period);
      const auto entries = fund::list(c.ledger(), com.id, p);
      if (c.out.json) {
        for (const auto& e : entries)
          c.out.json_line(entry_json(e, o->reveal));
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
                   o->reveal || e.named ? e.party : text::mask_person(e.party), purpose,
                   fund::format_amount(e.signed_amount())});
      }
      c.out.write(t.to_text(c.out.width()));
    });
  }

  // balance
  {
    auto* cmd = group->add_subcommand("balance", _("income, expenses and the balance"));
    auto o = std::make_shared<std::pair<std::string, std::string>>();
    cmd->add_option("--community", o->first, _("community id (optional if there is one)"))
        ->type_name("ID");
    cmd->add_option("--on", o->second, _("as of this date (default: all)"))->type_name("DATE");
    example(cmd, "  consult fund balance\n  consult fund balance --on 2026-11-30 --json");
    on_run(cmd, ctx, NeedConfig::yes, NeedLedger::read, [o](Context& c) {
      const auto& com = c.community(o->first);
      std::optional<clock::Date> on;
      if (!o->second.empty()) on = parse_date_option(o->second, "--on");
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
    });
  }

  // notice
  {
    auto* cmd = group->add_subcommand(
        "notice", _("the public statement of a period: income, expenses, balance; donors masked "
                    "unless named"));
    auto o = std::make_shared<NoticeOptions>();
    cmd->add_option("--community", o->community, _("community id (optional if there is one)"))
        ->type_name("ID");
    cmd->add_option("--period", o->period, _("2026, 2026-Q3, 2026-11 or FROM..TO"))
        ->required()
        ->type_name("PERIOD");
    cmd->add_option("--format", o->format, _("md (default), html, docx or json"))
        ->check(CLI::IsMember({"md", "html", "docx", "json"}));
    cmd->add_option("--out", o->out, _("the file to write (default: standard output)"))
        ->type_name("FILE");
    example(cmd,
            "  consult fund notice --period 2026-11 --format html --out 账目公示-2026-11.html");
    on_run(cmd, ctx, NeedConfig::yes, NeedLedger::read, [o](Context& c) {
      const auto& com = c.community(o->community);
      const auto p = period_option(o->period);
      const auto stamp = minutes::stamp_now(c.ledger(), "fund-statement", com.id + " " + p.text,
                                            o->format, true, com.timezone);
      write_document(c.out, o->out, fund::render(c.ledger(), com, p, stamp));
      if (!o->out.empty())
        c.out.say(i18n::tr(N_("statement of {} written to {} ({})"), p.text, o->out, stamp.line()));
    });
  }
}

} // namespace consult::cli
