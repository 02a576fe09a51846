// Dates as people type them in registers and spreadsheets, and Excel's
// serial day numbers (declared in consult/intake.hpp). A file of its own so
// that the date fuzz target's coverage is measured on it alone.

#include "consult/i18n.hpp"
#include "consult/intake.hpp"
#include "consult/text.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

namespace consult::intake {

std::optional<clock::Date> excel_serial_date(double serial, bool date1904) {
  if (!(serial >= 1 && serial < 2958466)) return std::nullopt;
  auto days = static_cast<long>(std::floor(serial));
  using namespace std::chrono;
  sys_days base;
  if (date1904) {
    base = sys_days{year{1904} / 1 / 1};
  } else {
    // Excel counts 1900-02-29, which did not exist: day 60. Serial 1 is 1900-01-01.
    if (days == 60) return std::nullopt;
    if (days > 60) --days;
    base = sys_days{year{1899} / 12 / 31};
  }
  return year_month_day{base + std::chrono::days{days}};
}

std::optional<HumanDate> parse_human_date(std::string_view input, std::string& why, bool date1904) {
  const std::string text(text::trim(input));
  why.clear();
  if (text.empty()) {
    why = _("no date given");
    return std::nullopt;
  }
  // Split into runs of digits; remember the separators between them.
  std::vector<long> nums;
  std::vector<std::size_t> widths;
  std::vector<std::string> seps;
  std::string sep;
  std::size_t i = 0;
  bool bad = false;
  while (i < text.size()) {
    if (std::isdigit(static_cast<unsigned char>(text[i]))) {
      std::size_t j = i;
      while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j])))
        ++j;
      if (j - i > 9) {
        bad = true;
        break;
      }
      seps.push_back(sep);
      sep.clear();
      nums.push_back(std::strtol(text.substr(i, j - i).c_str(), nullptr, 10));
      widths.push_back(j - i);
      i = j;
    } else {
      sep += text[i++];
    }
  }
  seps.push_back(sep);
  if (bad || nums.empty()) {
    why = _("not a date");
    return std::nullopt;
  }

  // An Excel serial number: digits, optionally with a fraction for the time.
  if ((nums.size() == 1 || (nums.size() == 2 && seps[1] == ".")) && widths[0] <= 6 &&
      seps[0].empty() && seps.back().empty()) {
    if (nums.size() == 1 && widths[0] == 8) {
      // 20240516
    } else {
      const double serial = std::strtod(text.c_str(), nullptr);
      if (auto d = excel_serial_date(serial, date1904)) return HumanDate{*d, std::nullopt};
      why = _("not a date");
      return std::nullopt;
    }
  }
  long y = 0, m = 0, d = 0;
  std::size_t used = 0;
  if (nums.size() >= 1 && widths[0] == 8 && seps[0].empty()) {
    y = nums[0] / 10000;
    m = nums[0] / 100 % 100;
    d = nums[0] % 100;
    used = 1;
  } else if (nums.size() >= 3 && widths[0] == 4) {
    const auto s1 = seps[1], s2 = seps[2];
    const bool cjk = s1 == "年" && s2 == "月";
    if (!cjk && !(s1 == s2 && (s1 == "-" || s1 == "/" || s1 == "."))) {
      why = _("not a date in a form consult reads");
      return std::nullopt;
    }
    y = nums[0];
    m = nums[1];
    d = nums[2];
    used = 3;
  } else if (nums.size() >= 3 && widths[2] == 4 && widths[0] <= 2 && widths[1] <= 2) {
    why = _("ambiguous date: day and month order is unclear");
    if (nums[0] > 12 && nums[1] > 12) why = _("not a date: no month above 12 exists");
    return std::nullopt;
  } else {
    why = _("not a date in a form consult reads");
    return std::nullopt;
  }
  const clock::Date date{std::chrono::year{static_cast<int>(y)},
                         std::chrono::month{static_cast<unsigned>(m)},
                         std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok() || y < 1900 || y > 2200) {
    why = _("no such date");
    return std::nullopt;
  }
  HumanDate out{date, std::nullopt};
  // After the date: "日" and an optional time HH:MM[:SS].
  std::string after = seps[used];
  if (after == "日" || after == "号") after.clear();
  const auto rest_nums = nums.size() - used;
  if (rest_nums == 0) {
    const auto t = std::string(text::trim(after));
    if (!t.empty() && t != "日" && t != "号") {
      why = _("unexpected text after the date");
      return std::nullopt;
    }
    return out;
  }
  if (rest_nums >= 2 && rest_nums <= 3 && nums[used] < 24 && nums[used + 1] < 60 &&
      (rest_nums == 2 || nums[used + 2] < 61)) {
    const auto between = std::string(text::trim(seps[used]));
    const bool ok_sep = between.empty() || between == "T" || between == "日";
    bool colons = seps[used + 1] == ":" || seps[used + 1] == "时" || seps[used + 1] == "点";
    if (rest_nums == 3) colons = colons && (seps[used + 2] == ":" || seps[used + 2] == "分");
    if (ok_sep && colons) {
      out.time = fmt::format("{:02}:{:02}", nums[used], nums[used + 1]);
      return out;
    }
  }
  why = _("unexpected text after the date");
  return std::nullopt;
}

} // namespace consult::intake
