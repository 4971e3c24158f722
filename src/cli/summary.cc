#include "cli/summary.h"

#include <cstdio>

#include "store/aggregates.h"

namespace carecoop::cli {

Result<StoreSummary> Summarise(store::Store& store) {
  StoreSummary s;
  CC_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(s.councils, tx.Count<Council>());
    CC_ASSIGN_OR_RETURN(auto rccs, tx.List<Rcc>());
    s.rccs = static_cast<std::int64_t>(rccs.size());
    s.rcc_names = rccs.size() == 1 ? rccs[0].name : std::to_string(rccs.size()) + " RCCs";
    CC_ASSIGN_OR_RETURN(s.providers, tx.Count<Provider>());
    CC_ASSIGN_OR_RETURN(s.homes, tx.Count<Home>());
    CC_ASSIGN_OR_RETURN(store::StoreCounts counts, store::CountStore(tx));
    s.places = counts.registered_places;
    s.vacancies = counts.open_vacancies;
    s.children_in_care = counts.children_in_care;
    s.open_referrals = counts.open_referrals;
    return Status::Ok();
  }));
  return s;
}

std::string FormatSummary(const StoreSummary& s) {
  char buf[1024];
  std::snprintf(
      buf, sizeof buf,
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
