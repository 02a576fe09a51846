#include "consult/personal.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace consult::personal {

namespace {

// ------------------------------------------------------------ characters

using U32 = std::u32string;
using U32View = std::u32string_view;

/// The code points of `s`; a byte that is not UTF-8 becomes U+FFFD.
U32 decode(std::string_view s) {
  U32 out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                    static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (n <= 0) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(static_cast<char32_t>(cp));
    i += static_cast<std::size_t>(n);
  }
  return out;
}

std::string encode(U32View s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (const char32_t c : s) {
    std::array<utf8proc_uint8_t, 4> buf{};
    const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(c), buf.data());
    out.append(reinterpret_cast<const char*>(buf.data()), static_cast<std::size_t>(n));
  }
  return out;
}

/// A full-width form (１, Ａ, －, （, the ideographic space) as its ASCII
/// character; anything else as it is.
char32_t narrow(char32_t c) noexcept {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
  if (c == 0x3000) return U' ';
  return c;
}

bool is_space(char32_t c) noexcept {
  c = narrow(c);
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\f' || c == U'\v' ||
         c == 0xA0;
}

bool is_digit(char32_t c) noexcept {
  c = narrow(c);
  return c >= U'0' && c <= U'9';
}

bool is_letter(char32_t c) noexcept {
  c = narrow(c);
  return (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
}

/// Chinese numerals as addresses write them (三单元五〇二室, 十二栋), the
/// financial forms included.
bool is_chinese_numeral(char32_t c) noexcept {
  static constexpr U32View kNumerals = U"〇零一二三四五六七八九十百千两壹贰叁肆伍陆柒捌玖拾佰";
  return kNumerals.find(c) != U32View::npos;
}

/// What numbers a building, a group or a door: a digit in any script, a
/// Chinese numeral, a letter (A座, Ｂ区).
bool is_designator(char32_t c) noexcept {
  return is_digit(c) || is_chinese_numeral(c) || is_letter(c);
}

U32View trim(U32View s) noexcept {
  while (!s.empty() && is_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_space(s.back()))
    s.remove_suffix(1);
  return s;
}

bool starts_with(U32View s, std::size_t at, U32View what) noexcept {
  return at <= s.size() && s.substr(at).substr(0, what.size()) == what;
}

/// The ASCII digits of `s` (full-width ones narrowed), in order.
std::string digits_of(U32View s) {
  std::string out;
  for (const char32_t c : s)
    if (is_digit(c)) out.push_back(static_cast<char>(narrow(c)));
  return out;
}

// ------------------------------------------------------------ names

/// Two-character surnames (复姓): a name that starts with one keeps both
/// characters. The common ones, from the lists household registers use.
constexpr U32View kCompoundSurnames[] = {
    U"欧阳", U"司马", U"上官", U"诸葛", U"东方", U"皇甫", U"尉迟", U"公孙", U"慕容", U"令狐",
    U"长孙", U"宇文", U"司徒", U"夏侯", U"轩辕", U"端木", U"独孤", U"南宫", U"西门", U"百里",
    U"呼延", U"澹台", U"公冶", U"太史", U"申屠", U"闻人", U"万俟", U"钟离", U"赫连", U"淳于",
    U"单于", U"濮阳", U"公羊", U"司空", U"亓官", U"司寇", U"子车", U"巫马", U"鲜于", U"闾丘",
    U"东郭", U"拓跋", U"完颜", U"段干", U"左丘", U"东门", U"梁丘", U"谷梁"};

/// What separates joint owners in one cell: 马淑芬、杜永强, 张三/李四.
bool is_name_separator(char32_t c) noexcept {
  static constexpr U32View kSeparators = U"、，,/／；;|｜";
  return kSeparators.find(c) != U32View::npos;
}

/// A name in a script without spaces (Chinese): its surname, then stars,
/// then its last character. 张三 -> 张*, 张小明 -> 张*明, 欧阳立方 -> 欧阳*方,
/// 欧阳立 -> 欧阳*, 王欧阳丽 -> 王**丽.
U32 mask_han_name(const U32& n) {
  if (n.size() <= 1) return n.empty() ? n : U32(U"*");
  std::size_t keep = 1;
  if (n.size() >= 3)
    for (const auto s : kCompoundSurnames)
      if (starts_with(n, 0, s)) keep = 2;
  U32 out = n.substr(0, keep);
  const std::size_t rest = n.size() - keep;
  if (rest == 1) return out + U"*";
  out.append(rest - 1, U'*');
  out.push_back(n.back());
  return out;
}

/// A name written in letters: each word its first letter and a star
/// ("Li Ming" -> "L* M*").
U32 mask_latin_name(U32View n) {
  U32 out;
  bool in_word = false;
  for (const char32_t c : n) {
    if (is_space(c)) {
      if (in_word) out.push_back(U'*');
      in_word = false;
      out.push_back(U' ');
      continue;
    }
    if (!in_word) out.push_back(c);
    in_word = true;
  }
  if (in_word) out.push_back(U'*');
  return out;
}

/// One person's name, trimmed and not empty.
U32 mask_one_name(U32View n) {
  const bool latin = std::any_of(n.begin(), n.end(), is_letter);
  if (latin) {
    if (n.size() <= 1) return U32(U"*");
    return mask_latin_name(n);
  }
  U32 compact;
  for (const char32_t c : n)
    if (!is_space(c)) compact.push_back(c);
  // 张三 李四: two names separated by a space, each of two characters or more.
  if (compact.size() != n.size()) {
    bool several = true;
    std::size_t word = 0;
    for (const char32_t c : n) {
      if (is_space(c)) {
        if (word == 1) several = false;
        word = 0;
      } else {
        ++word;
      }
    }
    if (word == 1) several = false;
    if (several) {
      U32 out, cur;
      for (const char32_t c : n) {
        if (is_space(c)) {
          if (!cur.empty()) out += mask_han_name(cur);
          cur.clear();
          out.push_back(c);
        } else {
          cur.push_back(c);
        }
      }
      if (!cur.empty()) out += mask_han_name(cur);
      return out;
    }
  }
  // One character may be a surname or a given name: hidden either way.
  if (compact.size() == 1) return U32(U"*");
  return mask_han_name(compact);
}

// ------------------------------------------------------------ phones

std::string stars(std::size_t n) {
  return std::string(n, '*');
}

/// 13812341234 -> 138****1234.
std::string mask_mobile(const std::string& d) {
  return d.substr(0, 3) + "****" + d.substr(7);
}

/// The last four digits shown, the rest hidden.
std::string keep_last4(const std::string& d) {
  return d.size() <= 4 ? stars(d.size()) : stars(d.size() - 4) + d.substr(d.size() - 4);
}

/// Digits of any length: at least seven, the last four shown (and the first
/// three of eleven or more, as on a mobile); fewer — an extension, a
/// fragment — hidden whole.
std::string mask_digits(const std::string& d) {
  if (d.size() < 7) return stars(d.size());
  if (d.size() >= 11) return d.substr(0, 3) + stars(d.size() - 7) + d.substr(d.size() - 4);
  return keep_last4(d);
}

bool is_mobile(const std::string& d) {
  return d.size() == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

/// A landline with its area code (010, 028, 0755): 10 to 12 digits from a 0.
bool is_landline(const std::string& d) {
  return d.size() >= 10 && d.size() <= 12 && d[0] == '0' && d[1] != '0';
}

/// The country code a number starts with ("+86", "86", "0086") and the
/// number after it; none: "".
std::pair<std::string, std::string> split_country(U32View span, const std::string& d) {
  if (!span.empty() && narrow(span.front()) == U'+' && d.size() > 2 && d.compare(0, 2, "86") == 0)
    return {"+86", d.substr(2)};
  if (d.size() == 13 && d.compare(0, 2, "86") == 0 && d[2] == '1') return {"86", d.substr(2)};
  if (d.size() == 15 && d.compare(0, 4, "0086") == 0) return {"0086", d.substr(4)};
  return {};
}

bool is_phone_format(char32_t c) noexcept {
  c = narrow(c);
  return c == U' ' || c == U'-' || c == U'(' || c == U')' || c == U'+' || c == U'\t';
}

/// One run of digits and their formatting (spaces, hyphens, brackets, +).
std::string mask_span(U32View span) {
  const auto d = digits_of(span);
  if (d.size() < 7) return stars(d.size());
  if (const auto [country, rest] = split_country(span, d); !country.empty()) {
    if (is_mobile(rest)) return country + " " + mask_mobile(rest);
    return country + " " + mask_digits(rest);
  }
  if (is_mobile(d)) return mask_mobile(d);
  if (is_landline(d)) {
    // The area code as written: (028)…, 028-…, 028 …; else by the plan:
    // 010 and 02x are three digits, the others four.
    const bool bracket = narrow(span.front()) == U'(';
    std::size_t lead = 0, i = bracket ? 1 : 0;
    while (i < span.size() && is_digit(span[i]))
      ++lead, ++i;
    std::size_t area = (d[1] == '1' || d[1] == '2') ? 3 : 4;
    if ((lead == 3 || lead == 4) && lead < d.size()) area = lead;
    std::string sep;
    if (bracket && i < span.size() && narrow(span[i]) == U')') {
      const auto local = d.substr(area);
      return "(" + d.substr(0, area) + ")" + keep_last4(local);
    }
    if (lead == area && i < span.size() && (narrow(span[i]) == U'-' || is_space(span[i])))
      sep = narrow(span[i]) == U'-' ? "-" : " ";
    return d.substr(0, area) + sep + keep_last4(d.substr(area));
  }
  // Two numbers separated by a space: 13900001234 13900005678.
  if (d.size() >= 14) {
    std::vector<U32View> words;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= span.size(); ++i)
      if (i == span.size() || is_space(span[i])) {
        if (i > start) words.push_back(span.substr(start, i - start));
        start = i + 1;
      }
    const bool each_a_number =
        words.size() > 1 &&
        std::all_of(words.begin(), words.end(), [](U32View w) { return digits_of(w).size() >= 7; });
    if (each_a_number) {
      std::string out;
      for (const auto w : words)
        out += (out.empty() ? "" : " ") + mask_span(w);
      return out;
    }
  }
  return mask_digits(d);
}

/// Where the number that starts at `s[i]` ends (past its last digit), or `i`
/// when none starts there.
std::size_t number_end(U32View s, std::size_t i) {
  const char32_t c = narrow(s[i]);
  const bool opens =
      is_digit(c) || ((c == U'+' || c == U'(') && i + 1 < s.size() && is_digit(s[i + 1]));
  if (!opens) return i;
  std::size_t end = i, j = i;
  while (j < s.size() && (is_digit(s[j]) || is_phone_format(s[j]))) {
    ++j;
    if (is_digit(s[j - 1])) end = j;
  }
  return end;
}

// ------------------------------------------------------------ places

/// Marks that end a building or a village group when a number or a letter
/// comes before them: 3号楼, 十二栋, 5幢, A座, 2号院, 3#楼, 3组.
constexpr U32View kBuildingMarks[] = {U"号楼", U"号院", U"#楼", U"＃楼", U"#",
                                      U"＃",   U"栋",   U"幢",  U"座",   U"组"};

/// Marks that end a door or a floor: 2单元, 502室, 12号, 3层, 5楼, 户.
constexpr U32View kDoorMarks[] = {U"单元", U"室", U"号", U"层", U"楼", U"户"};

/// The building mark at `s[i]` preceded by a number or a letter: its length, or 0.
std::size_t building_mark_at(U32View s, std::size_t i) {
  if (i == 0 || !is_designator(s[i - 1])) return 0;
  for (const auto m : kBuildingMarks)
    if (starts_with(s, i, m)) return m.size();
  return 0;
}

/// Where the first door number starts: a digit (with letters right before
/// it, B1203), or Chinese numerals or letters followed by a door mark
/// (三单元, 五〇二室); npos when there is none.
std::size_t first_door(U32View s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (is_digit(s[i])) {
      std::size_t at = i;
      while (at > 0 && is_letter(s[at - 1]))
        --at;
      return at;
    }
    if (is_chinese_numeral(s[i]) || is_letter(s[i])) {
      std::size_t j = i;
      while (j < s.size() && (is_chinese_numeral(s[j]) || is_letter(s[j]) || is_digit(s[j])))
        ++j;
      for (const auto m : kDoorMarks)
        if (starts_with(s, j, m)) return i > 0 && s[i - 1] == U'第' ? i - 1 : i;
      i = j - 1;
    }
  }
  return U32View::npos;
}

/// What may end the part of a place kept before a door number.
bool is_trailing_punct(char32_t c) noexcept {
  static constexpr U32View kPunct = U"-－—,，、;；:：/／(（#＃";
  return is_space(c) || kPunct.find(c) != U32View::npos;
}

// ------------------------------------------------------------ IP addresses

bool parse_ipv4(U32View s, std::array<unsigned, 4>& parts) {
  std::size_t n = 0, i = 0;
  while (n < 4) {
    unsigned v = 0;
    std::size_t len = 0;
    while (i < s.size() && is_digit(s[i]) && len < 4) {
      v = v * 10 + static_cast<unsigned>(narrow(s[i]) - U'0');
      ++i, ++len;
    }
    if (len == 0 || len > 3 || v > 255) return false;
    parts[n++] = v;
    if (n < 4) {
      if (i >= s.size() || narrow(s[i]) != U'.') return false;
      ++i;
    }
  }
  return i == s.size();
}

bool is_hex(char32_t c) noexcept {
  c = narrow(c);
  return is_digit(c) || (c >= U'a' && c <= U'f') || (c >= U'A' && c <= U'F');
}

/// An IPv6 address's eight groups (an IPv4 tail counts as two); false when
/// `s` is not one.
bool parse_ipv6(U32View s, std::vector<std::string>& groups) {
  groups.clear();
  if (s.find(U':') == U32View::npos) return false;
  auto split = [](U32View part, std::vector<std::string>& out) {
    if (part.empty()) return true;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= part.size(); ++i)
      if (i == part.size() || part[i] == U':') {
        const auto g = part.substr(start, i - start);
        std::array<unsigned, 4> v4{};
        if (i == part.size() && g.find(U'.') != U32View::npos && parse_ipv4(g, v4)) {
          out.push_back("v4");
          out.push_back("v4");
        } else {
          if (g.empty() || g.size() > 4 || !std::all_of(g.begin(), g.end(), is_hex)) return false;
          std::string h;
          for (const char32_t c : g)
            h.push_back(static_cast<char>(narrow(c)));
          out.push_back(h);
        }
        start = i + 1;
      }
    return true;
  };
  const auto gap = s.find(U"::");
  std::vector<std::string> head, tail;
  if (gap == U32View::npos) {
    if (!split(s, head) || head.size() != 8) return false;
    groups = head;
    return true;
  }
  if (s.find(U"::", gap + 1) != U32View::npos) return false;
  if (!split(s.substr(0, gap), head) || !split(s.substr(gap + 2), tail)) return false;
  if (head.size() + tail.size() > 7) return false;
  groups = head;
  groups.resize(8 - tail.size(), "0");
  groups.insert(groups.end(), tail.begin(), tail.end());
  return true;
}

/// One address: a.b.*.* or its first two IPv6 groups; "***" for anything else.
std::string mask_one_ip(U32View s) {
  std::array<unsigned, 4> v4{};
  if (parse_ipv4(s, v4)) return std::to_string(v4[0]) + "." + std::to_string(v4[1]) + ".*.*";
  std::vector<std::string> groups;
  if (parse_ipv6(s, groups) && groups[0] != "v4" && groups[1] != "v4")
    return groups[0] + ":" + groups[1] + ":*:*:*:*:*:*";
  return "***";
}

bool is_ip(U32View s) {
  std::array<unsigned, 4> v4{};
  std::vector<std::string> groups;
  return parse_ipv4(s, v4) || parse_ipv6(s, groups);
}

/// The address part of a questionnaire's cell "203.0.113.7(四川-成都)", and
/// whether a place followed it.
std::pair<U32View, bool> ip_and_place(U32View s) {
  const auto open = s.find_first_of(U"(（");
  if (open == U32View::npos) return {trim(s), false};
  return {trim(s.substr(0, open)), true};
}

// ------------------------------------------------------------ classification

/// A date part of an ID number: yyyymmdd from 1900 on, a day the month has.
bool valid_date(int y, int m, int d) {
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1) return false;
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d > kDays[static_cast<std::size_t>(m - 1)]) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

int number(const std::string& s, std::size_t at, std::size_t len) {
  int v = 0;
  for (std::size_t i = at; i < at + len; ++i)
    v = v * 10 + (s[i] - '0');
  return v;
}

/// True if `value` reads as an ID number: 18 characters (17 digits and a
/// digit or X) or 15 digits, with a date of birth that exists. The check
/// digit is not required: a number mistyped by one digit is still one.
bool id_number_like(std::string_view value) {
  std::string s;
  for (const char32_t c : decode(value)) {
    const char32_t n = narrow(c);
    if (is_space(n) || n == U'-') continue;
    if (n > 0x7F) return false;
    s.push_back(static_cast<char>(n));
  }
  const auto all_digits = [&](std::size_t len) {
    return std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(len),
                       [](char c) { return c >= '0' && c <= '9'; });
  };
  if (s.size() == 18 && all_digits(17) &&
      ((s[17] >= '0' && s[17] <= '9') || s[17] == 'X' || s[17] == 'x'))
    return s[0] != '0' && valid_date(number(s, 6, 4), number(s, 10, 2), number(s, 12, 2));
  if (s.size() == 15 && all_digits(15))
    return s[0] != '0' && valid_date(1900 + number(s, 6, 2), number(s, 8, 2), number(s, 10, 2));
  return false;
}

/// True if `value` holds phone numbers and nothing else but separators and
/// extensions: 13812341234, +86 138-1234-1234, (028)85551234转801,
/// 13900001234 / 13900005678.
bool phone_like(std::string_view value) {
  const auto s = decode(value);
  bool any = false;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto end = number_end(s, i);
    if (end > i) {
      const auto span = U32View(s).substr(i, end - i);
      const auto d = digits_of(span);
      const auto [country, rest] = split_country(span, d);
      if (is_mobile(d) || is_landline(d) || (!country.empty() && rest.size() >= 7))
        any = true;
      else if (d.size() >= 14) {
        // Two numbers with a space between: each must be one.
        std::size_t words = 0;
        bool each = true;
        std::string cur;
        for (std::size_t k = 0; k <= span.size(); ++k) {
          if (k == span.size() || is_space(span[k])) {
            if (!cur.empty()) {
              ++words;
              each = each && (is_mobile(cur) || is_landline(cur));
            }
            cur.clear();
          } else if (is_digit(span[k])) {
            cur.push_back(static_cast<char>(narrow(span[k])));
          }
        }
        if (!(each && words > 1)) return false;
        any = true;
      } else if (d.size() > 6) {
        return false; // a number of no phone's shape
      }
      i = end;
      continue;
    }
    const char32_t c = narrow(s[i]);
    if (is_space(c) || is_name_separator(c) || c == U'转' || c == U'-' || c == U'(' || c == U')') {
      ++i;
      continue;
    }
    if (starts_with(s, i, U"分机")) {
      i += 2;
      continue;
    }
    if (starts_with(s, i, U"ext") || starts_with(s, i, U"EXT") || starts_with(s, i, U"Ext")) {
      i += 3;
      continue;
    }
    if (c == U'x' || c == U'X' || c == U'.') {
      ++i;
      continue;
    }
    return false;
  }
  return any;
}

bool ip_like(std::string_view value) {
  const auto s = decode(value);
  return is_ip(ip_and_place(s).first);
}

/// A header as compared: lower case, full-width forms narrowed, without
/// the marks forms add (：, *, _); spaces kept as one (`spaced`) or dropped.
std::string normalize_header(std::string_view header, bool spaced) {
  U32 out;
  for (const char32_t raw : decode(header)) {
    char32_t c = narrow(raw);
    if (c == U':' || c == U'*') continue;
    if (is_space(c) || c == U'_' || c == U'-') {
      if (spaced && !out.empty() && out.back() != U' ') out.push_back(U' ');
      continue;
    }
    if (c >= U'A' && c <= U'Z') c = c - U'A' + U'a';
    out.push_back(c);
  }
  return encode(trim(out));
}

struct HeaderWord {
  std::string_view word; ///< normalized: lower case, no spaces
  Field field;
};

/// Headers and the field they name. Questionnaire platforms (问卷星, 腾讯问卷)
/// add 序号, 提交答卷时间, 所用时间, 来源, 来源详情, 来自IP; the place they derive
/// from the IP (来源地区, IP属地) is as precise as the address behind it and
/// hidden whole.
constexpr HeaderWord kHeaderWords[] = {
    {"手机", Field::phone},        {"手机号", Field::phone},       {"手机号码", Field::phone},
    {"电话", Field::phone},        {"电话号码", Field::phone},     {"联系电话", Field::phone},
    {"联系方式", Field::phone},    {"座机", Field::phone},         {"phone", Field::phone},
    {"mobile", Field::phone},      {"tel", Field::phone},          {"telephone", Field::phone},
    {"身份证", Field::id_number},  {"身份证号", Field::id_number}, {"身份证号码", Field::id_number},
    {"证件号", Field::id_number},  {"证件号码", Field::id_number}, {"id", Field::id_number},
    {"姓名", Field::name},         {"联系人", Field::name},        {"户主", Field::name},
    {"业主", Field::name},         {"业主姓名", Field::name},      {"填写人", Field::name},
    {"提出人", Field::name},       {"反映人", Field::name},        {"申请人", Field::name},
    {"居民姓名", Field::name},     {"name", Field::name},          {"住址", Field::place},
    {"地址", Field::place},        {"家庭住址", Field::place},     {"居住地址", Field::place},
    {"门牌", Field::place},        {"门牌号", Field::place},       {"房号", Field::place},
    {"房间号", Field::place},      {"楼栋", Field::place},         {"address", Field::place},
    {"来自ip", Field::ip_address}, {"ip", Field::ip_address},      {"ip地址", Field::ip_address},
    {"来源ip", Field::ip_address}, {"填写ip", Field::ip_address},  {"来源地区", Field::other},
    {"地理位置", Field::other},    {"ip属地", Field::other},       {"ip来源", Field::other},
    {"来源详情", Field::other},    {"序号", Field::none},          {"编号", Field::none},
    {"提交答卷时间", Field::none}, {"答题时间", Field::none},      {"所用时间", Field::none},
    {"答题时长", Field::none},     {"来源", Field::none},
};

bool ascii_letter_byte(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// The field a header names: the word it holds that ends last (Chinese puts
/// the head noun last: 联系人电话 is a phone, 业主姓名 a name), the longest
/// on a tie. English words count only as words (tel is not in hotel).
std::optional<Field> field_of_header_words(std::string_view header) {
  const auto compact = normalize_header(header, false);
  const auto spaced = normalize_header(header, true);
  if (compact.empty()) return std::nullopt;
  std::optional<Field> best;
  std::size_t best_tail = 0, best_len = 0; // bytes after the word; its length
  for (const auto& w : kHeaderWords) {
    const bool ascii = std::all_of(w.word.begin(), w.word.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    // English words in the header with its spaces (phone number), Chinese
    // ones without (联系 电话).
    const auto& h = ascii ? spaced : compact;
    for (auto at = h.find(w.word); at != std::string::npos; at = h.find(w.word, at + 1)) {
      const auto end = at + w.word.size();
      if (ascii && ((at > 0 && ascii_letter_byte(h[at - 1])) ||
                    (end < h.size() && ascii_letter_byte(h[end]))))
        continue;
      const auto tail = h.size() - end;
      if (!best || tail < best_tail || (tail == best_tail && w.word.size() > best_len)) {
        best = w.field;
        best_tail = tail;
        best_len = w.word.size();
      }
    }
  }
  return best;
}

/// The kind most of the values have (more than half of those not empty).
std::optional<Field> field_of_values(const std::vector<std::string>& values) {
  std::size_t filled = 0, ids = 0, phones = 0, ips = 0;
  for (const auto& v : values) {
    if (trim(decode(v)).empty()) continue;
    ++filled;
    if (id_number_like(v))
      ++ids;
    else if (ip_like(v))
      ++ips;
    else if (phone_like(v))
      ++phones;
  }
  if (filled == 0) return std::nullopt;
  if (ids * 2 > filled) return Field::id_number;
  if (ips * 2 > filled) return Field::ip_address;
  if (phones * 2 > filled) return Field::phone;
  return std::nullopt;
}

} // namespace

std::string_view to_string(Field f) noexcept {
  switch (f) {
  case Field::name:
    return "name";
  case Field::phone:
    return "phone";
  case Field::id_number:
    return "id_number";
  case Field::place:
    return "place";
  case Field::ip_address:
    return "ip_address";
  case Field::other:
    return "other";
  case Field::none:
    return "none";
  }
  return "other";
}

bool erased_mark(std::string_view text) {
  constexpr std::string_view kOpen = "〔已删除", kClose = "〕";
  return text.size() > kOpen.size() + kClose.size() && text.substr(0, kOpen.size()) == kOpen &&
         text.substr(text.size() - kClose.size()) == kClose;
}

std::string mask_name(std::string_view name) {
  if (erased_mark(name)) return std::string(name);
  const auto all = decode(name);
  const auto s = trim(all);
  // Parts between separators, each masked; the separators and the spaces
  // around them kept.
  std::vector<std::pair<std::size_t, std::size_t>> parts; // [begin, end)
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || is_name_separator(s[i])) {
      parts.emplace_back(start, i);
      start = i + 1;
    }
  U32 out;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const auto [b, e] = parts[k];
    const auto part = s.substr(b, e - b);
    const auto t = trim(part);
    if (t.empty()) {
      out += part;
    } else {
      const auto lead = static_cast<std::size_t>(t.data() - part.data());
      out += part.substr(0, lead);
      out += mask_one_name(t);
      out += part.substr(lead + t.size());
    }
    if (e < s.size()) out.push_back(s[e]);
  }
  return encode(out);
}

std::string mask_phone(std::string_view phone) {
  const auto all = decode(phone);
  const auto s = trim(all);
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto end = number_end(s, i);
    if (end > i) {
      out += mask_span(s.substr(i, end - i));
      i = end;
      continue;
    }
    // Separators, 转 and words such as 白天 or 手机 as written; a full-width
    // bracket or hyphen as its ASCII form, like the digits.
    const char32_t n = narrow(s[i]);
    out += encode(U32View(&n, 1));
    ++i;
  }
  return out;
}

std::string mask_id_number(std::string_view id) {
  const auto all = decode(id);
  U32 out;
  for (const char32_t c : trim(all))
    out.push_back(is_space(c) || narrow(c) == U'-' ? c : U'*');
  return encode(out);
}

std::string mask_place(std::string_view place) {
  const auto all = decode(place);
  const auto s = trim(all);
  // To the building or the village group, with a courtyard or a building
  // that follows (5号院3号楼).
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto len = building_mark_at(s, i);
    if (!len) continue;
    std::size_t cut = i + len;
    for (;;) {
      std::size_t j = cut;
      if (j < s.size() && s[j] == U'第') ++j;
      const std::size_t run = j;
      while (j < s.size() && is_designator(s[j]))
        ++j;
      const auto next = j > run ? building_mark_at(s, j) : 0;
      if (!next) break;
      cut = j + next;
    }
    return encode(s.substr(0, cut));
  }
  // No building: a door number is hidden, the named area before it kept
  // (和平小区1203室 -> 和平小区, Ｂ区１２－３０１ -> Ｂ区); a place that names no
  // door is not personal.
  const auto door = first_door(s);
  if (door == U32View::npos) return encode(s);
  auto kept = s.substr(0, door);
  while (!kept.empty() && is_trailing_punct(kept.back()))
    kept.remove_suffix(1);
  return kept.empty() ? std::string("***") : encode(kept);
}

namespace {

/// A separator inside a number as people write one: 138-1234-1234,
/// 138 1234 1234, 138.1234.1234, full-width forms.
bool is_number_separator(char32_t c, bool writer2 = false) noexcept {
  const auto n = narrow(c);
  return n == U'-' || n == U' ' || n == U'.' || n == U'/' || n == U'~' || n == U'(' ||
         (n == U'_' && !writer2) ||
         n == U')' || n == U',' || c == U'\u3000' || c == U'\u00a0' || c == U'\u2014' ||
         c == U'\u2013' || c == U'\uff0c';
}

/// The end of a number written with separators from `i` (a digit, or a
/// "+" before one), and its digits; `i` when there is none.
std::size_t written_number(U32View s, std::size_t i, std::string& digits, bool writer2 = false) {
  digits.clear();
  std::size_t j = i;
  if (j < s.size() && narrow(s[j]) == U'+') ++j;
  if (j >= s.size() || !is_digit(s[j])) return i;
  std::size_t end = j;
  while (end < s.size()) {
    if (is_digit(s[end])) {
      digits.push_back(static_cast<char>(narrow(s[end])));
      ++end;
    } else if (is_number_separator(s[end], writer2) && !digits.empty() &&
               ((end + 1 < s.size() && is_digit(s[end + 1])) ||
                (end + 2 < s.size() && is_number_separator(s[end + 1], writer2) &&
                 is_digit(s[end + 2])))) {
      end += is_digit(s[end + 1]) ? std::size_t{1} : std::size_t{2};
    } else {
      break;
    }
  }
  // An ID card's check character.
  if (digits.size() == 17 && end < s.size() && (narrow(s[end]) == U'X' || narrow(s[end]) == U'x')) {
    digits.push_back('X');
    ++end;
  }
  return end;
}

/// Whether `digits` are a phone or an ID-card number: a mobile (11 digits
/// from 1, with 86 before it or not), a landline with its area code (10 to
/// 12 digits from 0), an ID card (15 or 18 characters).
bool personal_number(const std::string& d) {
  if (d.size() == 11 && d[0] == '1') return true;
  if (d.size() == 13 && d.rfind("861", 0) == 0) return true;
  if (d.size() >= 10 && d.size() <= 12 && d[0] == '0') return true;
  return d.size() == 15 || d.size() == 18;
}

/// The number from `i` to `end` with its digits hidden but the first three
/// and the last four (an ID card's: all of them); separators kept.
U32 hide_number(U32View s, std::size_t i, std::size_t end, std::size_t count, bool id) {
  U32 out;
  std::size_t k = 0;
  for (std::size_t p = i; p < end; ++p) {
    const bool digit = is_digit(s[p]) || narrow(s[p]) == U'X' || narrow(s[p]) == U'x';
    if (!digit) {
      out.push_back(s[p]);
      continue;
    }
    out.push_back(!id && (k < 3 || k + 4 >= count) ? s[p] : U'*');
    ++k;
  }
  return out;
}

/// Marks that join the parts of an address up to its door: 5号楼2单元502室,
/// 7栋3单元201, 三单元五〇二室, 幸福里12号院3排5号.
constexpr U32View kAddressMarks[] = {U"号楼", U"号院", U"#楼", U"＃楼", U"单元", U"栋",
                                     U"幢",   U"座",   U"门",  U"组",   U"排",   U"层",
                                     U"楼",   U"区",   U"号",  U"室",   U"房"};

/// A run like 5-2-502 or 12-301: a building, perhaps a unit, and a door of
/// three or four digits (not a date, not a range like 3-5).
bool hyphenated_door(U32View run) {
  std::vector<std::size_t> groups;
  std::size_t n = 0;
  for (const char32_t c : run) {
    if (narrow(c) == U'-') {
      groups.push_back(n);
      n = 0;
    } else if (is_digit(c)) {
      ++n;
    } else {
      return false;
    }
  }
  groups.push_back(n);
  if (groups.size() < 2 || groups.size() > 3) return false;
  std::size_t digits = 0;
  for (const auto g : groups) {
    if (g == 0) return false;
    digits += g;
  }
  // 138-1234-1234 is a phone.
  return digits <= 9 && groups.front() <= 3 && groups.back() >= 3 && groups.back() <= 4;
}

/// A door-level address starting at `i` in free text: its end, or `i`. A
/// door is a number ending in 室 or 房 (of three characters or more, or
/// after a building: 2室1厅 is a flat's plan), a number after a building,
/// a unit or a gate that ends the address or ends in 号 (5号楼502,
/// 7栋3单元201, 12栋1201号, 3号楼2门301), or 5-2-502. 5号楼12户 is a count of
/// households, 5号楼2层 a floor: neither is a door.
std::size_t door_address(U32View s, std::size_t i, bool writer2 = false) {
  std::size_t j = i, door_end = i;
  bool after_building = false, in_unit = false;
  while (j < s.size() && is_designator(s[j])) {
    std::size_t k = j;
    while (k < s.size() && (is_designator(s[k]) || narrow(s[k]) == U'-'))
      ++k;
    const auto run = s.substr(j, k - j);
    if (j == i && hyphenated_door(run)) return k;
    const bool number = std::any_of(run.begin(), run.end(), [](char32_t c) {
      return is_digit(c) || is_chinese_numeral(c);
    });
    U32View mark;
    for (const auto m : kAddressMarks)
      if ((!writer2 || (m != U"#楼" && m != U"＃楼")) && s.compare(k, m.size(), m) == 0) {
        mark = m;
        break;
      }
    if (number && (mark == U"室" || mark == U"房") && (after_building || run.size() >= 3))
      return k + mark.size();
    // A measure word after the number makes it a count: 12户, 3辆, 20人;
    // but after a unit or a gate a number is a door (2单元502户), and so
    // is a number of three digits or more before 家 (5号楼502家).
    static constexpr U32View kCounted = U"户人个家元层辆位名次天年月日米平块台棵盏处间套根条项件只把";
    const bool counted = mark.empty() && k < s.size() && kCounted.find(s[k]) != U32View::npos &&
                         (writer2 || (!in_unit && !(s[k] == U'家' && run.size() >= 3)));
    if (number && after_building && (mark.empty() || mark == U"号") && !counted)
      return k + mark.size();
    // A door before 门口, 门外, 楼下, 楼上 (5号楼502门口): the gate or the
    // floor mark is not followed by a number of its own.
    if (!writer2 && number && after_building && (mark == U"门" || mark == U"楼") &&
        (k + 1 >= s.size() || !is_designator(s[k + 1])))
      return k;
    if (mark.empty()) break;
    // A floor between the unit and the door (2单元5楼502) keeps the door
    // after a building.
    const bool floor = mark == U"层" || mark == U"楼";
    in_unit = mark == U"单元" || mark == U"门" || (floor && in_unit);
    after_building = writer2 ? mark == U"号楼" || mark == U"栋" || mark == U"幢" ||
                                   mark == U"座" || mark == U"单元" || mark == U"门"
                             : mark == U"号楼" || mark == U"栋" || mark == U"幢" || mark == U"座" ||
                                   mark == U"#楼" || mark == U"＃楼" || mark == U"号院" ||
                                   mark == U"组" || in_unit || (floor && after_building);
    j = k + mark.size();
  }
  return door_end;
}

/// The length of the longest part of a written number `run` that ends
/// before one of its separators and is a phone or an ID-card number; 0 if
/// none is.
std::size_t personal_prefix(U32View run) {
  std::string digits;
  for (std::size_t p = run.size(); p-- > 1;) {
    if (!is_number_separator(run[p]) || is_number_separator(run[p - 1])) continue;
    if (written_number(run.substr(0, p), 0, digits) == p && personal_number(digits)) return p;
  }
  return 0;
}

/// Text rewritten: each name of `known` (longest first) replaced by its
/// mask, each door-level address cut to the building (if `doors`), and each
/// written number (digits, perhaps with separators and a country code)
/// replaced by what `number` makes of it (its text and its digits);
/// everything else as it was. One scanner for masking and for erasing, so
/// that both find the same numbers and doors.
template <class Number>
U32 rewrite(U32View v, const std::vector<std::pair<U32, U32>>& known, bool doors,
            const Number& number, bool writer2 = false) {
  U32 out;
  std::string digits;
  std::size_t i = 0;
  while (i < v.size()) {
    bool replaced = false;
    for (const auto& [name, masked] : known)
      if (v.substr(i, name.size()) == U32View(name)) {
        out += masked;
        i += name.size();
        replaced = true;
        break;
      }
    if (replaced) continue;
    const bool starts = i == 0 || !is_designator(v[i - 1]);
    if (doors && starts && is_designator(v[i])) {
      if (const auto end = door_address(v, i, writer2); end > i) {
        out += decode(mask_place(encode(v.substr(i, end - i))));
        i = end;
        continue;
      }
    }
    if (starts || narrow(v[i]) == U'+' || (is_digit(v[i]) && is_letter(v[i - 1]))) {
      if (auto end = written_number(v, i, digits, writer2); end > i) {
        // A phone run on into the next number by a separator
        // (13812341234，7栋, 138 1234 1234 5号楼): its longest first part
        // that is a phone or an ID number, and the rest scanned again.
        if (!writer2 && !personal_number(digits))
          if (const auto cut = personal_prefix(v.substr(i, end - i)); cut > 0) {
            end = i + cut;
            written_number(v.substr(0, end), i, digits);
          }
        out += number(v.substr(i, end - i), digits);
        i = end;
        continue;
      }
    }
    out.push_back(v[i++]);
  }
  return out;
}

} // namespace

std::string mask_in_text(std::string_view text, const std::vector<std::string>& names,
                         TextRules rules) {
  std::vector<std::pair<U32, U32>> known; // name, masked
  for (const auto& joint : names) {
    // Joint owners or raisers (马淑芬、杜永强): each name looked for.
    const auto all = decode(joint);
    std::size_t start = 0;
    for (std::size_t k = 0; k <= all.size(); ++k) {
      if (k < all.size() && !is_name_separator(all[k])) continue;
      const auto t = U32(trim(U32View(all).substr(start, k - start)));
      // A name is letters: Han characters, Latin letters, a middle dot, a
      // space (markup typed as a name, <b>张三</b>, is not looked for).
      const bool name = std::all_of(t.begin(), t.end(), [](char32_t c) {
        return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || c >= 0x20000 ||
               is_letter(c) || is_space(c) || c == U'·' || c == U'•';
      });
      if (t.size() >= 2 && name) known.emplace_back(t, decode(mask_name(encode(t))));
      start = k + 1;
    }
  }
  std::sort(known.begin(), known.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  const auto s = decode(text);
  return encode(rewrite(U32View(s), known, true, [](U32View written, const std::string& digits) {
    const bool id = digits.size() == 15 || digits.size() == 18;
    return personal_number(digits) ? hide_number(written, 0, written.size(), digits.size(), id)
                                   : U32(written);
  }, rules == TextRules::writer2));
}

std::string erase_numbers_in_text(std::string_view text, const std::vector<std::string>& only,
                                  bool doors) {
  static const U32 kErased = decode("〔已删除〕");
  auto wanted = [&](const std::string& digits) {
    if (only.empty()) return personal_number(digits);
    return std::any_of(only.begin(), only.end(), [&](const std::string& d) {
      return !d.empty() && digits.size() >= d.size() &&
             digits.compare(digits.size() - d.size(), d.size(), d) == 0;
    });
  };
  const auto s = decode(text);
  return encode(rewrite(U32View(s), {}, doors, [&](U32View written, const std::string& digits) {
    return wanted(digits) ? kErased : U32(written);
  }));
}

std::string mask_ip(std::string_view ip) {
  const auto all = decode(ip);
  const auto [address, placed] = ip_and_place(trim(all));
  // Several addresses (a proxy's list): each masked.
  std::string out;
  std::size_t start = 0;
  bool any = false;
  for (std::size_t i = 0; i <= address.size(); ++i) {
    const bool sep = i == address.size() || address[i] == U',' || address[i] == U'，' ||
                     address[i] == U';' || address[i] == U'；' || is_space(address[i]);
    if (!sep) continue;
    if (i > start) {
      const auto one = mask_one_ip(address.substr(start, i - start));
      if (one == "***") return one; // not an address: nothing of it shown
      out += (any ? ", " : "") + one;
      any = true;
    }
    start = i + 1;
  }
  if (!any) return "***";
  // The place a platform derived from the address is as precise as the
  // address: hidden whole.
  if (placed) out += "(***)";
  return out;
}

std::string mask(Field f, std::string_view value) {
  switch (f) {
  case Field::name:
    return mask_name(value);
  case Field::phone:
    return mask_phone(value);
  case Field::id_number:
    return mask_id_number(value);
  case Field::place:
    return mask_place(value);
  case Field::ip_address:
    return mask_ip(value);
  case Field::none:
    return std::string(value);
  case Field::other:
    break;
  }
  return trim(decode(value)).empty() ? std::string() : std::string("***");
}

Field classify_column(std::string_view header, const std::vector<std::string>& values) {
  const auto by_header = field_of_header_words(header);
  const auto by_values = field_of_values(values);
  // A column whose header says it holds nothing personal is still checked
  // for phone numbers, ID numbers and addresses.
  if (by_header == Field::phone) {
    // 电话回访情况 over 已回访: a header that names a phone over values that
    // hold none is a remark, hidden whole.
    const bool none_is = std::none_of(values.begin(), values.end(),
                                      [](const std::string& v) { return phone_like(v); });
    const bool any_filled = std::any_of(values.begin(), values.end(), [](const std::string& v) {
      return !trim(decode(v)).empty();
    });
    return none_is && any_filled ? Field::other : Field::phone;
  }
  if (by_header && *by_header != Field::none) return *by_header;
  if (by_values) return *by_values;
  if (by_header) return *by_header;
  return Field::other;
}

std::optional<Field> header_kind(std::string_view header) {
  return field_of_header_words(header);
}

std::string mask_column(std::string_view header, std::string_view value) {
  return mask(classify_column(header, {std::string(value)}), value);
}

} // namespace consult::personal
