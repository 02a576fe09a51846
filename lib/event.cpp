#include "consult/event.hpp"

#include "consult/hash.hpp"

namespace consult::ledger {

std::string canonical(const nlohmann::json& j) {
  // nlohmann::json keeps object keys sorted; dump() without indent has no spaces.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
}

std::string event_hash(const Event& e) {
  const nlohmann::json fields =
      nlohmann::json::array({e.seq, e.at, e.actor, e.kind, e.entity, e.payload, e.prev_hash});
  return hash::sha256_hex(canonical(fields));
}

void put_json_string(std::string& out, std::string_view s) {
  // `"` and `\` escaped, the short escapes for \b \f \n \r \t, \u00xx for the
  // other control characters, everything else (UTF-8 included) as it is.
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0; // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0x0f];
    }
  }
  out.append(s.substr(run));
  out += '"';
}

void put_json_object(std::string& out, const std::map<std::string, std::string>& object) {
  out += '{';
  bool first = true;
  for (const auto& [k, v] : object) {
    if (!first) out += ',';
    first = false;
    put_json_string(out, k);
    out += ':';
    put_json_string(out, v);
  }
  out += '}';
}

} // namespace consult::ledger
