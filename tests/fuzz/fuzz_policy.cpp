// libFuzzer target: a matching policy read from JSON text with
// atip::policy_from_json.
//
// Checks that malformed or invalid policies fail with invalid_argument or
// limit_exceeded and a message. An accepted policy must pass validate() and
// read back equal from its own to_json().
#include <cstdint>

#include "atip/error.hpp"
#include "atip/matching/policy.hpp"
#include "atip/model/dataset.hpp"
#include "fuzz_support.hpp"

namespace {

using atip_fuzz::require;

void check_accepted(const atip::Policy& policy) {
  try {
    atip::validate(policy);
  } catch (const atip::Error& error) {
    std::fprintf(stderr, "validate rejected an accepted policy: %s\n", error.what());
    require(false, "policy_from_json accepted a policy that validate rejects");
  }
  const nlohmann::json written = atip::to_json(policy);
  try {
    require(atip::policy_from_json(written) == policy, "to_json -> policy_from_json changed the policy");
  } catch (const atip::Error& error) {
    std::fprintf(stderr, "to_json wrote a policy that does not read back: %s\n", error.what());
    require(false, "to_json wrote a policy that policy_from_json rejects");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const nlohmann::json document = atip::parse_json_text(atip_fuzz::as_text(data, size));
    check_accepted(atip::policy_from_json(document));
  } catch (const atip::Error& error) {
    atip_fuzz::require_good_message(error.what());
    require(error.kind() == atip::ErrorKind::invalid_argument || error.kind() == atip::ErrorKind::limit_exceeded,
            "a policy was rejected with a kind other than invalid_argument or limit_exceeded");
  }
  return 0;
}
