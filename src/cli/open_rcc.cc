#include "cli/open_rcc.h"

#include "services/matching.h"

namespace carecoop::cli {

Result<RccStore> OpenRccStore(const std::string& url, const std::string& code_or_id) {
  RccStore out;
  CC_ASSIGN_OR_RETURN(out.store, store::Store::Open(url));
  CC_RETURN_IF_ERROR(out.store->Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(out.rcc, services::FindRcc(tx, code_or_id));
    return Status::Ok();
  }));
  return out;
}

}  // namespace carecoop::cli
