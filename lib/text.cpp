#include "consult/text.hpp"

#include <fmt/format.h>
#include <utf8proc.h>

#include <algorithm>
#include <cstdint>

#include <vector>

namespace consult::text {

namespace {

/// Decodes the code point at `s[i]`; returns its byte length, or -1 if invalid.
utf8proc_ssize_t next_cp(std::string_view s, std::size_t i, utf8proc_int32_t& cp) noexcept {
  return utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                          static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
}

std::size_t cp_width(utf8proc_int32_t cp) noexcept {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  const int w = utf8proc_charwidth(cp);
  return w < 0 ? 0 : static_cast<std::size_t>(w);
}

/// The code points of `s` with their byte offsets; invalid bytes as U+FFFD.
struct Piece {
  std::size_t offset;
  std::size_t length;
  std::size_t width;
};

std::vector<Piece> pieces(std::string_view s) {
  std::vector<Piece> out;
  std::size_t i = 0;
  while (i < s.size()) {
    utf8proc_int32_t cp = 0;
    const auto n = next_cp(s, i, cp);
    if (n <= 0) {
      out.push_back({i, 1, 1});
      ++i;
      continue;
    }
    out.push_back({i, static_cast<std::size_t>(n), cp_width(cp)});
    i += static_cast<std::size_t>(n);
  }
  return out;
}

} // namespace

bool valid_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    utf8proc_int32_t cp = 0;
    const auto n = next_cp(s, i, cp);
    if (n <= 0) return false;
    i += static_cast<std::size_t>(n);
  }
  return true;
}

std::size_t display_width(std::string_view s) noexcept {
  std::size_t width = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    utf8proc_int32_t cp = 0;
    const auto n = next_cp(s, i, cp);
    if (n <= 0) {
      ++width;
      ++i;
      continue;
    }
    width += cp_width(cp);
    i += static_cast<std::size_t>(n);
  }
  return width;
}

std::string truncate_to_width(std::string_view s, std::size_t width) {
  if (display_width(s) <= width) return std::string(s);
  if (width == 0) return {};
  std::string out;
  std::size_t used = 0;
  for (const auto& p : pieces(s)) {
    if (used + p.width > width - 1) break;
    out.append(s.substr(p.offset, p.length));
    used += p.width;
  }
  out += "…";
  return out;
}

std::string pad_right(std::string_view s, std::size_t width) {
  std::string out(s);
  const auto w = display_width(s);
  if (w < width) out.append(width - w, ' ');
  return out;
}

std::string pad_left(std::string_view s, std::size_t width) {
  const auto w = display_width(s);
  std::string out;
  if (w < width) out.append(width - w, ' ');
  out.append(s);
  return out;
}

std::string_view trim(std::string_view s) noexcept {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!s.empty() && is_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_space(s.back()))
    s.remove_suffix(1);
  return s;
}


bool plausible_phone(std::string_view phone) noexcept {
  phone = trim(phone);
  std::size_t digits = 0;
  for (std::size_t i = 0; i < phone.size(); ++i) {
    const char c = phone[i];
    if (c >= '0' && c <= '9')
      ++digits;
    else if (c == '+' && i == 0)
      continue;
    else if (c != ' ' && c != '-')
      return false;
  }
  return digits >= 5 && digits <= 20;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string one_line(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return out;
}

namespace {

/// Appends how terminal_safe() shows the character at `s[i]`; returns how
/// many bytes of `s` it took.
std::size_t append_safe(std::string_view s, std::size_t i, std::string& out) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
      out += fmt::format("\\x{:02x}", c);
    else
      out += static_cast<char>(c);
    return 1;
  }
  const std::size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
  if (len == 1 || i + len > s.size() || !valid_utf8(s.substr(i, len))) {
    out += fmt::format("\\x{:02x}", c);
    return 1;
  }
  std::uint32_t cp = c & (0xff >> (len + 1));
  for (std::size_t k = 1; k < len; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
  if ((cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
      (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029)
    out += fmt::format("<U+{:04X}>", cp);
  else
    out.append(s.substr(i, len));
  return len;
}

} // namespace

std::string terminal_safe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();)
    i += append_safe(s, i, out);
  return out;
}

std::string quote_input(std::string_view s, std::size_t max_columns) {
  max_columns = std::max<std::size_t>(max_columns, 1);
  std::string out, piece;
  std::size_t used = 0;
  for (std::size_t i = 0; i < s.size();) {
    piece.clear();
    std::size_t taken = 1;
    switch (s[i]) {
    case '\n':
      piece = "\\n";
      break;
    case '\r':
      piece = "\\r";
      break;
    case '\t':
      piece = "\\t";
      break;
    default:
      taken = append_safe(s, i, piece);
    }
    const auto width = display_width(piece);
    // The last character may take the column "…" would have needed.
    const std::size_t room = i + taken == s.size() ? max_columns : max_columns - 1;
    if (used + width > room) return out + "…";
    out += piece;
    used += width;
    i += taken;
  }
  return out;
}

} // namespace consult::text
