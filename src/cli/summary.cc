#include "cli/summary.h"

#include <cstdio>

namespace carecoop::cli {
namespace {

Result<std::int64_t> ScalarQuery(store::Tx& tx, const std::string& sql) {
  std::int64_t value = 0;
  CC_RETURN_IF_ERROR(tx.connection().Query(sql, {}, [&](const store::SqlRow& row) {
    value = row.IsNull(0) ? 0 : row.Int(0);
    return Status::Ok();
  }));
  return value;
}

}  // namespace

Result<StoreSummary> Summarise(store::Store& store) {
  StoreSummary s;
  CC_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(s.councils, tx.Count<Council>());
    CC_ASSIGN_OR_RETURN(auto rccs, tx.List<Rcc>());
    s.rccs = static_cast<std::int64_t>(rccs.size());
    s.rcc_names = rccs.size() == 1 ? rccs[0].name : std::to_string(rccs.size()) + " RCCs";
    CC_ASSIGN_OR_RETURN(s.providers, tx.Count<Provider>());
    CC_ASSIGN_OR_RETURN(s.homes, tx.Count<Home>());
    CC_ASSIGN_OR_RETURN(s.places, ScalarQuery(tx, "SELECT SUM(registered_places) FROM home"));
    CC_ASSIGN_OR_RETURN(s.vacancies, ScalarQuery(tx, "SELECT COUNT(*) FROM vacancy WHERE status = 'open'"));
    CC_ASSIGN_OR_RETURN(s.children_in_care, ScalarQuery(tx, "SELECT COUNT(*) FROM child WHERE care_ended IS NULL"));
    CC_ASSIGN_OR_RETURN(s.open_referrals,
                        ScalarQuery(tx, "SELECT COUNT(*) FROM referral WHERE status IN "
                                        "('open', 'sent_to_providers', 'proposed', 'approved')"));
    return Status::Ok();
  }));
  return s;
}

std::string FormatSummary(const StoreSummary& s) {
  char buf[1024];
  std::snprintf(buf, sizeof buf,
                "%s\n"
                "  councils          %lld (in %lld RCC%s)\n"
                "  providers         %lld\n"
                "  homes             %lld\n"
                "  places            %lld (%lld vacancies open)\n"
                "  children in care  %lld\n"
                "  open referrals    %lld\n",
                s.rcc_names.c_str(), static_cast<long long>(s.councils), static_cast<long long>(s.rccs),
                s.rccs == 1 ? "" : "s", static_cast<long long>(s.providers), static_cast<long long>(s.homes),
                static_cast<long long>(s.places), static_cast<long long>(s.vacancies),
                static_cast<long long>(s.children_in_care), static_cast<long long>(s.open_referrals));
  return buf;
}

}  // namespace carecoop::cli
