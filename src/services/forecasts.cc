#include "services/forecasts.h"

#include <map>

#include "services/ssda903_store.h"

namespace carecoop::services {

Result<ssda903::Return> AreaReturns(store::Store& store, std::string_view council,
                                    std::string_view rcc) {
  ssda903::Return r;
  CC_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    std::vector<Council> councils;
    if (!council.empty()) {
      CC_ASSIGN_OR_RETURN(Council c, ResolveCouncil(tx, council));
      councils.push_back(c);
    } else if (!rcc.empty()) {
      CC_ASSIGN_OR_RETURN(auto found, tx.FindRcc(rcc));
      if (!found)
        return InvalidArgument("rcc", "'" + std::string(rcc) + "' is not an RCC in the store");
      for (CouncilId id : found->member_councils) {
        CC_ASSIGN_OR_RETURN(Council c, tx.Get(id));
        councils.push_back(c);
      }
    } else {
      CC_ASSIGN_OR_RETURN(councils, tx.List<Council>());
    }
    CC_ASSIGN_OR_RETURN(r, LoadReturns(tx, councils));
    return Status::Ok();
  }));
  return r;
}

Result<std::vector<AreaForecast>> ForecastEveryArea(store::Store& store,
                                                    const forecast::AreaOptions& options) {
  std::vector<ssda903::Return> returns;
  std::vector<forecast::Area> areas;
  CC_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(auto councils, tx.List<Council>());
    CC_ASSIGN_OR_RETURN(auto rccs, tx.List<Rcc>());
    std::map<std::int64_t, std::size_t> index;
    forecast::Area england{"england", "E92000001", "England", {}};
    for (const Council& c : councils) {
      index[c.id.value()] = returns.size();
      england.councils.push_back(returns.size());
      areas.push_back({"council", c.ons_code, c.name, {returns.size()}});
      CC_ASSIGN_OR_RETURN(ssda903::Return r, LoadReturns(tx, {c}));
      returns.push_back(std::move(r));
    }
    for (const Rcc& r : rccs) {
      forecast::Area area{"rcc", r.code, r.name, {}};
      for (CouncilId c : r.member_councils) area.councils.push_back(index.at(c.value()));
      areas.push_back(std::move(area));
    }
    areas.push_back(std::move(england));
    return Status::Ok();
  }));
  auto forecasts = forecast::ForecastAreas(returns, areas, options);
  std::vector<AreaForecast> out;
  out.reserve(areas.size());
  for (std::size_t a = 0; a < areas.size(); ++a)
    out.push_back({std::move(areas[a]), std::move(forecasts[a])});
  return out;
}

}  // namespace carecoop::services
