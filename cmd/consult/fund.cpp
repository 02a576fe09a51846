// consult fund …: the account books — the community's own and each body's
// (--book) — kept as entries that are never edited, and their public
// statements.

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
  std::string community, book, kind, amount, quantity, unit, value, party, purpose, issue, date;
  bool named = false, advance = false;
};

struct ListOptions {
  std::string community, book, period;
  bool reveal = false;
};

struct NoticeOptions {
  std::string community, book, period, format = "md", out;
};

void book_option(CLI::App* cmd, std::string& book) {
  cmd->add_option("--book", book,
                  _("the account book: a body of the community, e.g. building-7 (default: the "
                    "community's own)"))
      ->type_name("KEY");
}

/// "" for the community's own book, else the body's key; refused naming
/// the books there are.
std::string book_of(const config::Community& com, const std::string& book) {
  return fund::book_key(com, book);
}

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
  book_option(cmd, o.book);
  cmd->add_option("--amount", o.amount, _("yuan, at most two decimals: 1234.50"))
      ->type_name("YUAN");
  cmd->add_option("--in-kind", o.quantity,
                  _("a donation or expense in kind (实物): the quantity, e.g. 30; it does not "
                    "change the cash balance"))
      ->type_name("QUANTITY");
  cmd->add_option("--unit", o.unit, _("the unit of an entry in kind, e.g. 本, 箱, 套"))
      ->type_name("UNIT");
  cmd->add_option("--value", o.value,
                  _("the estimated value of an entry in kind, in yuan (optional)"))
      ->type_name("YUAN");
  cmd->add_flag("--advance", o.advance,
                _("an expense advanced by the party (垫付): recorded even if the book's "
                  "balance goes below zero"));
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
               "--purpose \"防水材料\" --date 2026-11-20\n"
               "  consult fund add --book building-7 --kind income --in-kind 30 --unit 本 "
               "--value 300 --party 某某书店 --named --purpose 儿童图书角\n"
               "  consult fund add --book building-7 --kind expense --amount 120 --advance "
               "--party 赵德明 --purpose \"花箱（楼组长垫付）\"");
}

void fund_add(Context& c, const AddOptions& o) {
  const auto& com = c.community(o.community);
  fund::NewEntry n;
  n.kind = o.kind;
  n.amount = o.amount;
  n.book = book_of(com, o.book);
  n.quantity = o.quantity;
  n.unit = o.unit;
  n.value = o.value;
  n.advance = o.advance;
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
  const auto b = fund::balance(c.ledger(), com.id, std::nullopt, e.book);
  if (e.in_kind())
    c.out.say(i18n::tr(N_("entry {id}: {kind} in kind, {quantity} {unit}; cash balance of {book} "
                          "{balance} yuan"),
                       fmt::arg("id", e.id), fmt::arg("kind", e.kind),
                       fmt::arg("quantity", *e.quantity), fmt::arg("unit", e.unit),
                       fmt::arg("book", fund::book_name(com, e.book)),
                       fmt::arg("balance", fund::format_amount(b.balance()))));
  else if (e.book.empty())
    c.out.say(i18n::tr(N_("entry {}: {} {} yuan; balance {} yuan"), e.id, e.kind,
                       fund::format_amount(e.amount), fund::format_amount(b.balance())));
  else
    c.out.say(i18n::tr(N_("entry {id}: {kind} {amount} yuan; balance of {book} {balance} yuan"),
                       fmt::arg("id", e.id), fmt::arg("kind", e.kind),
                       fmt::arg("amount", fund::format_amount(e.amount)),
                       fmt::arg("book", fund::book_name(com, e.book)),
                       fmt::arg("balance", fund::format_amount(b.balance()))));
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
  const auto b = fund::balance(c.ledger(), com.id, std::nullopt, e.book);
  c.out.say(i18n::tr(N_("entry {} reverses entry {}; balance {} yuan"), e.id, *e.reverses,
                     fund::format_amount(b.balance())));
}

void fund_list_options(CLI::App* cmd, ListOptions& o) {
  cmd->add_option("--community", o.community, _("community id (optional if there is one)"))
      ->type_name("ID");
  cmd->add_option("--period", o.period, _("2026, 2026-Q3, 2026-11 or FROM..TO"))
      ->type_name("PERIOD");
  book_option(cmd, o.book);
  cmd->add_flag("--reveal", o.reveal, _("show donors' names unmasked"));
  example(cmd, "  consult fund list --period 2026-11\n  consult fund list --book building-7");
}

void fund_list(Context& c, const ListOptions& o) {
  const auto& com = c.community(o.community);
  std::optional<clock::Period> p;
  if (!o.period.empty()) p = period_option(o.period);
  const people::Directory who(com);
  const auto book = book_of(com, o.book);
  const auto entries =
      fund::shown(c.ledger(), who, fund::list(c.ledger(), com.id, p, book), o.reveal);
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
    if (e.advance) purpose += _(" (advanced)");
    // An entry in kind shows its quantity and unit, and its estimated
    // value if it has one: it is not cash.
    std::string amount = fund::format_amount(e.signed_amount());
    if (e.in_kind())
      amount = e.amount > 0 ? i18n::tr(N_("{quantity} {unit} (about {value})"),
                                       fmt::arg("quantity", *e.quantity), fmt::arg("unit", e.unit),
                                       fmt::arg("value", fund::format_amount(e.signed_value())))
                            : fmt::format("{} {}", *e.quantity, e.unit);
    t.add_row({std::to_string(e.id), e.on_date, e.kind,
               e.named ? e.party : who.shown(e.party, people::Field::resident, o.reveal), purpose,
               amount});
  }
  c.out.write(t.to_text(c.out.width()));
}

struct FundBalanceOptions {
  std::string community, book, on;
};

void fund_balance_options(CLI::App* cmd, FundBalanceOptions& o) {
  cmd->add_option("--community", o.community, _("community id (optional if there is one)"))
      ->type_name("ID");
  book_option(cmd, o.book);
  cmd->add_option("--on", o.on, _("as of this date (default: all)"))->type_name("DATE");
  example(cmd, "  consult fund balance\n  consult fund balance --on 2026-11-30 --json\n"
               "  consult fund balance --book building-7");
}

void fund_balance(Context& c, const FundBalanceOptions& o) {
  const auto& com = c.community(o.community);
  std::optional<clock::Date> on;
  if (!o.on.empty()) on = parse_date_option(o.on, "--on");
  const auto book = book_of(com, o.book);
  const auto b = fund::balance(c.ledger(), com.id, on, book);
  if (c.out.json) {
    c.out.json_line({{"community", com.id},
                     {"book", book.empty() ? com.id : book},
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
  book_option(cmd, o.book);
  cmd->add_option("--period", o.period, _("2026, 2026-Q3, 2026-11 or FROM..TO"))
      ->required()
      ->type_name("PERIOD");
  cmd->add_option("--format", o.format, _("md (default), html, docx or json"))
      ->check(CLI::IsMember({"md", "html", "docx", "json"}));
  cmd->add_option("--out", o.out, _("the file to write (default: standard output)"))
      ->type_name("FILE");
  example(cmd, "  consult fund notice --period 2026-11 --format html --out 账目公示-2026-11.html\n"
               "  consult fund notice --book building-7 --period 2026-11 --out 7号楼账目.md");
}

void fund_notice(Context& c, const NoticeOptions& o) {
  const auto& com = c.community(o.community);
  const auto p = period_option(o.period);
  const auto book = book_of(com, o.book);
  const auto stamp = minutes::stamp_now(c.ledger(), "fund-statement",
                                        com.id + " " + p.text + (book.empty() ? "" : " " + book),
                                        o.format, true, com.timezone);
  write_document(c, o.out, fund::render(c.ledger(), com, p, stamp, book), Audience::is_public);
  if (!o.out.empty())
    c.out.say(i18n::tr(N_("statement of {} written to {} ({})"), p.text, o.out, stamp.line()));
}

} // namespace

void register_fund(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand(
      "fund", _("the account books, the community's own and each body's (--book): income and "
                "expenses in fen, donations in kind, advances, corrections by reversing "
                "entries, public statements"));
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
