#include "cli/sufficiency_commands.h"

#include <chrono>
#include <iomanip>
#include <sstream>

#include "cli/fail.h"
#include "core/env.h"
#include "core/geo.h"
#include "forecast/json.h"
#include "national/sufficiency_strategy.h"
#include "services/sufficiency.h"
#include "services/workflow.h"
#include "store/store.h"

namespace carecoop::cli {
namespace {

std::string Fixed(double v, int precision = 1) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(precision) << v;
  return s.str();
}

std::string BandText(const std::optional<forecast::Banded>& b, bool with_band) {
  if (!b) return "-";
  if (!with_band || b->lower == b->upper) return Fixed(b->value);
  return Fixed(b->value) + " (" + Fixed(b->lower) + " to " + Fixed(b->upper) + ")";
}

void PrintTable(const forecast::Sufficiency& s, std::ostream& out) {
  out << "Sufficiency of " << s.rcc_name << " (" << s.rcc_code << ") as of " << s.as_of.ToIso()
      << "\n";
  if (!s.no_forecast_reason.empty())
    out << "No forecast: " << s.no_forecast_reason << "; need is the children placed now.\n";
  out << "Places in the RCC's homes; need is its children; gap = need - (places its children hold "
         "+ vacancies).\n\n";
  out << std::left << std::setw(26) << "state" << std::right << std::setw(8) << "places"
      << std::setw(10) << "occupied" << std::setw(6) << "own" << std::setw(8) << "vacant"
      << std::setw(10) << "need now" << std::setw(9) << "gap now"
      << "  " << std::left << std::setw(26) << "gap at 12 months (95%)"
      << "gap at 24 months (95%)\n";
  for (const auto& r : s.rows) {
    bool empty = r.registered_places == 0 && r.occupied == 0 &&
                 (!r.need[0] || r.need[0]->value == 0) && (!r.need[2] || r.need[2]->value < 0.05);
    if (empty) continue;
    out << std::left << std::setw(26) << forecast::StateLabel(forecast::StateOf(r.band, r.category))
        << std::right << std::setw(8) << Fixed(r.registered_places) << std::setw(10) << r.occupied
        << std::setw(6) << r.occupied_by_own << std::setw(8) << Fixed(r.vacant) << std::setw(10)
        << BandText(r.need[0], false) << std::setw(9) << BandText(r.gap[0], false) << "  "
        << std::left << std::setw(26) << BandText(r.gap[1], true) << BandText(r.gap[2], true)
        << "\n";
  }
  out << "\nWhere children are placed more than " << Fixed(KmToMiles(forecast::kFarKm), 0)
      << " miles from family (councils by share placed far):\n";
  out << std::left << std::setw(24) << "council" << std::right << std::setw(8) << "placed"
      << std::setw(6) << "far" << std::setw(7) << "far %" << std::setw(9) << "outside"
      << std::setw(14) << "median miles" << std::setw(10) << "none near" << std::setw(11)
      << "near full" << std::setw(13) << "near vacant"
      << "  most placed far\n";
  for (const auto& c : s.councils) {
    std::string top =
        c.states.empty()
            ? "-"
            : forecast::StateLabel(forecast::StateOf(c.states[0].band, c.states[0].category)) +
                  " (" + std::to_string(c.states[0].children) + ")";
    out << std::left << std::setw(24) << c.council << std::right << std::setw(8) << c.placed
        << std::setw(6) << c.placed_far << std::setw(7)
        << (c.placed ? Fixed(100.0 * c.placed_far / c.placed, 0) : "-") << std::setw(9)
        << c.outside_rcc << std::setw(14) << Fixed(KmToMiles(c.median_km)) << std::setw(10)
        << c.reasons.no_home_nearby << std::setw(11) << c.reasons.nearby_homes_full << std::setw(13)
        << c.reasons.nearby_vacancy << "  " << top << "\n";
  }
  out << "none near: no home of that kind for the child's age within that distance; near full: "
         "such homes, no "
         "vacancy; near vacant: a vacancy near, placed far for other reasons.\n";
}

}  // namespace

int Sufficiency(const SufficiencyArgs& args, std::ostream& out, std::ostream& err) {
  auto store = store::Store::Open(args.store_url);
  if (!store.ok()) return Fail(err, store.status());
  forecast::Sufficiency s;
  Status st = (*store)->Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(auto rcc, tx.FindRcc(args.rcc));
    if (!rcc)
      return InvalidArgument(
          "rcc", "'" + args.rcc + "' is not an RCC in the store (carecoop rccs lists them)");
    auto today = Date::FromTimestamp(Env::Default().Now());
    CC_ASSIGN_OR_RETURN(s, services::LoadSufficiency(tx, *rcc, today));
    return Status::Ok();
  });
  if (!st.ok()) return Fail(err, st);
  if (!args.strategy.empty()) {
    s.suppress_below = static_cast<int>(services::kSmallNumber);
    const nlohmann::json published = forecast::SufficiencyJson(s);
    const bool csv =
        args.strategy.size() > 4 && args.strategy.compare(args.strategy.size() - 4, 4, ".csv") == 0;
    const Date today = Date::FromTimestamp(Env::Default().Now());
    Status w = Env::Default().WriteFile(args.strategy,
                                        csv ? national::SufficiencyStrategyCsv(published)
                                            : national::SufficiencyStrategyHtml(published, today));
    if (!w.ok()) return Fail(err, w);
    out << "Wrote the published sufficiency strategy of " << s.rcc_name << " ("
        << (csv ? "CSV" : "HTML") << ", counts under " << services::kSmallNumber
        << " suppressed) to " << args.strategy << "\n";
    return 0;
  }
  if (args.json) {
    out << forecast::SufficiencyJson(s).dump(2) << "\n";
  } else {
    PrintTable(s, out);
  }
  return 0;
}

}  // namespace carecoop::cli
