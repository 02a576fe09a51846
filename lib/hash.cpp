#include "consult/hash.hpp"

#include <sodium/crypto_hash_sha256.h>

#include <array>

namespace consult::hash {

// Why libsodium and not OpenSSL: OpenSSL 3 initialises its provider tables on
// first use, which cost about a millisecond per process — most of what a
// `consult issue add` spends on the CPU. libsodium's SHA-256 needs no set-up.
namespace {
std::string to_hex(const std::array<unsigned char, crypto_hash_sha256_BYTES>& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(digest.size() * 2);
  for (const unsigned char byte : digest) {
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 0x0f]);
  }
  return out;
}
} // namespace

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(data.data()),
                     data.size());
  return to_hex(digest);
}

struct Sha256::State {
  crypto_hash_sha256_state s;
};

Sha256::Sha256() : state_(new State) {
  crypto_hash_sha256_init(&state_->s);
}
Sha256::~Sha256() {
  delete state_;
}

void Sha256::update(std::string_view data) {
  crypto_hash_sha256_update(&state_->s, reinterpret_cast<const unsigned char*>(data.data()),
                            data.size());
}

std::string Sha256::hex() {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state_->s, digest.data());
  return to_hex(digest);
}

} // namespace consult::hash
