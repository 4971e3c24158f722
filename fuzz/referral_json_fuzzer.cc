// The referral as JSON, as POST /api/referrals and PATCH read it: parsed,
// read field by field into a Referral (every field required, the server's
// fields refused), validated, and written back. Whatever the bytes, each
// step answers or refuses with a field; and a referral that reads and
// validates writes back to JSON that reads to the same referral.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/json.h"
#include "domain/referral.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using carecoop::api::json;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  json body = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return 0;
  static const std::set<std::string> kServer = {"councilId", "status", "createdAt",
                                                "actualPlacement"};
  for (bool require_all : {true, false}) {
    carecoop::Referral r;
    carecoop::Status read = carecoop::api::FromJson(body, r, kServer, require_all);
    if (!read.ok()) {
      if (read.field().empty()) __builtin_trap();  // every refusal names its field
      continue;
    }
    if (!carecoop::Validate(r).ok()) continue;
    json again = carecoop::api::ToJson(r);
    for (const char* k : {"id", "version", "councilId", "status", "createdAt", "actualPlacement"})
      again.erase(k);
    carecoop::Referral back;
    if (!carecoop::api::FromJson(again, back, kServer, true).ok()) __builtin_trap();
    back.council = r.council;
    back.status = r.status;
    back.created_at = r.created_at;
    back.actual_placement = r.actual_placement;
    if (!(back == r)) __builtin_trap();  // the round trip keeps every field
  }
  return 0;
}
