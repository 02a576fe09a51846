#pragma once
/// \file SHA-256 digests (OpenSSL libcrypto).

#include <string>
#include <string_view>

namespace consult::hash {

/// The SHA-256 digest of `data` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

/// SHA-256 over data given piece by piece (files, streams of rows).
class Sha256 {
public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view data);
  /// The digest as 64 lowercase hex digits; call once.
  std::string hex();

private:
  struct State;
  State* state_;
};

} // namespace consult::hash
