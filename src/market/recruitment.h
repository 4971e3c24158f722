// Foster-carer recruitment as a funnel: enquiry, application, assessment,
// approval, with resignations of approved carers, for a region's own
// fostering service.
//
// Model. Each prospective household has the date of each stage it reached
// (an enquiry always; application, assessment start and approval when
// reached) and, once approved, the date it resigned, if it has. Over a
// period [from, to), the funnel counts the households whose enquiry fell in
// the period and, of those, how many reached each later stage (by `to`);
// the conversion of a stage is reached(stage) / reached(stage before). The
// time in a stage is the median of the days from entering it to entering
// the next, over the households that moved on. Resignations count the
// approved households (any cohort) that resigned in the period.
//
// Complexity: O(n log n) for n households (the medians).
//
// References: Ofsted, Fostering in England (annual): enquiries,
// applications, approvals and deregistrations; docs/market.md.
#ifndef CARECOOP_MARKET_RECRUITMENT_H_
#define CARECOOP_MARKET_RECRUITMENT_H_

#include <array>
#include <optional>
#include <span>
#include <string_view>

#include "core/date.h"
#include "core/status.h"

namespace carecoop::market {

struct CarerJourney {
  Date enquiry;
  std::optional<Date> application, assessment, approval, resignation;
};

// InvalidArgument naming the stage whose date is before the one it follows,
// or that is set without the stage before it.
Status Validate(const CarerJourney& journey);

inline constexpr std::array<std::string_view, 4> kFunnelStages = {"enquiry", "application",
                                                                  "assessment", "approval"};

struct FunnelStage {
  std::string_view stage;
  int reached = 0;
  double conversion = 0;  // reached / reached by the stage before (1 for enquiries)
  std::optional<double> median_days_to_next;  // none for the last stage or with no one moved on
};

struct Funnel {
  std::array<FunnelStage, 4> stages;
  int resignations = 0;  // approved households that resigned in the period
};

// The funnel over [from, to). InvalidArgument naming "to" when to <= from.
Result<Funnel> MeasureFunnel(std::span<const CarerJourney> journeys, Date from, Date to);

}  // namespace carecoop::market

#endif  // CARECOOP_MARKET_RECRUITMENT_H_
