#include "synth/published.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace carecoop::synth {

// Shares of placement changes by reason use the exact England 2024 counts
// of data/codes/ssda903_reason_placement_change.csv (which the calibration
// row rounds to whole percents).
const std::vector<PublishedFigure>& PublishedFigures() {
  using U = Unit;
  static const std::vector<PublishedFigure> kFigures = {
      {"councils", "councils with children's services", 153, U::kCount, true, "Councils",
       "153 LAs with CSC duties"},
      {"cla", "children looked after on 31 March", 81770, U::kCount, true, "CLA on 31 March 2025",
       "81,770"},
      {"uasc", "unaccompanied asylum-seeking children looked after", 6540, U::kCount, true,
       "UASC looked after 31 Mar 2025", "6,540"},
      {"age_under1", "share aged under 1", 3970.0 / 82170, U::kShare, true,
       "Age at 31 Mar 2022 (latest exact figures found)", "under1 ~3,970"},
      {"age_1_4", "share aged 1-4", 11350.0 / 82170, U::kShare, true,
       "Age at 31 Mar 2022 (latest exact figures found)", "1-4 11,350"},
      {"age_5_9", "share aged 5-9", 14890.0 / 82170, U::kShare, true,
       "Age at 31 Mar 2022 (latest exact figures found)", "5-9 14,890"},
      {"age_10_15", "share aged 10-15", 31700.0 / 82170, U::kShare, true,
       "Age at 31 Mar 2022 (latest exact figures found)", "10-15 31,700"},
      {"age_16_plus", "share aged 16 and over", 20260.0 / 82170, U::kShare, true,
       "Age at 31 Mar 2022 (latest exact figures found)", "16+ 20,260"},
      {"male", "share male", 0.56, U::kShare, true, "Sex", "56% male"},
      {"eth_white", "share White", 0.71, U::kShare, true, "Ethnicity 2025", "White 71%"},
      {"eth_mixed", "share Mixed", 0.11, U::kShare, true, "Ethnicity 2025", "Mixed 11%"},
      {"eth_black", "share Black", 0.08, U::kShare, true, "Ethnicity 2025", "Black 8%"},
      {"eth_asian", "share Asian", 0.05, U::kShare, true, "Ethnicity 2025", "Asian 5%"},
      {"eth_other", "share Other ethnic group", 0.04, U::kShare, true, "Ethnicity 2025",
       "Other 4%"},
      {"foster", "share in foster care (incl. kinship)", 0.68, U::kShare, true,
       "Placement type mix at 31 March (approx.)", "foster ~68%"},
      {"kinship", "share in kinship foster care", 0.16, U::kShare, true,
       "Kinship (relative/friend) foster care share of CLA 2024", "16%"},
      {"residential", "share in children's homes incl. secure", 0.12, U::kShare, true,
       "Placement type mix at 31 March (approx.)", "secure + children's homes ~11-13%"},
      {"supported", "share in supported/independent living", 0.07, U::kShare, true,
       "Placement type mix at 31 March (approx.)", "supported/independent ~6-8%"},
      {"with_parents", "share placed with parents", 0.065, U::kShare, true,
       "Placement type mix at 31 March (approx.)", "placed with parents ~6-7%"},
      {"adoption", "share placed for adoption", 0.02, U::kShare, true,
       "Placement type mix at 31 March (approx.)", "placed for adoption ~2%"},
      {"other_residential", "share in other residential settings", 0.02, U::kShare, true,
       "Placement type mix at 31 March (approx.)", "other residential ~2%"},
      {"started", "children starting to be looked after in the year", 33050, U::kCount, true,
       "Children starting to be looked after 2023-24", "33,050"},
      {"ceased", "children ceasing to be looked after in the year", 34450, U::kCount, true,
       "Children ceasing 2024-25", "34,450"},
      {"adopted", "children adopted in the year", 3040, U::kCount, true, "Adopted 2024-25",
       "3,040"},
      {"changes", "placement changes in the year", 66070, U::kCount, true,
       "Placement changes during 2023-24", "66,070"},
      {"change_carpl", "share of changes: care plan (CARPL)", 20700.0 / 66070, U::kShare, true,
       "Placement changes during 2023-24", "CARPL 31%"},
      {"change_place", "share of changes: status of placement only (PLACE)", 16110.0 / 66070,
       U::kShare, true, "Placement changes during 2023-24", "PLACE 24%"},
      {"change_other", "share of changes: other (OTHER)", 14790.0 / 66070, U::kShare, true,
       "Placement changes during 2023-24", "OTHER 22%"},
      {"change_creqb", "share of changes: carer request, behaviour (CREQB)", 5310.0 / 66070,
       U::kShare, true, "Placement changes during 2023-24", "CREQB 8%"},
      {"change_creqo", "share of changes: carer request, other (CREQO)", 4190.0 / 66070, U::kShare,
       true, "Placement changes during 2023-24", "CREQO 6%"},
      {"change_child", "share of changes: child's request (CHILD)", 2030.0 / 66070, U::kShare, true,
       "Placement changes during 2023-24", "CHILD 3%"},
      {"new_over_20mi", "new placements over 20 miles from home (of known distance)", 0.24,
       U::kShare, true, "New placements during 2024-25 by location (n~90,900)",
       "24% of those with known distance"},
      {"new_outside_la", "new placements outside the council (of known distance)", 36.0 / 87.0,
       U::kShare, true, "New placements during 2024-25 by location (n~90,900)",
       "36% outside LA boundary"},
      {"stock_outside_la", "children placed outside their council at 31 March", 0.48, U::kShare,
       true, "CLA at 31 March placed outside LA boundary", "'almost half' (2024)"},
      {"childrens_homes", "children's homes (all types)", 4009, U::kCount, true,
       "Children's homes (all types) 31 Mar 2025", "4,009"},
      {"ch_places", "mainstream children's home places", 14259, U::kCount, true,
       "Children's homes (all types) 31 Mar 2025", "14,259 mainstream places"},
      {"ch_private", "share of children's homes privately owned", 0.84, U::kShare, true,
       "Children's homes (all types) 31 Mar 2025", "84% private"},
      {"ch_nw_homes", "share of children's homes in the North West", 0.26, U::kShare, true,
       "Children's homes (all types) 31 Mar 2025", "North West 26% of homes"},
      {"ch_nw_places", "share of children's home places in the North West", 0.22, U::kShare, true,
       "Children's homes (all types) 31 Mar 2025", "22% places"},
      {"secure_homes", "secure children's homes", 14, U::kCount, true,
       "Secure children's homes (England & Wales) Mar 2023", "14 homes"},
      {"secure_places", "secure children's home places", 230, U::kCount, true,
       "Secure children's homes (England & Wales) Mar 2023", "230 approved places"},
      {"sa_providers", "supported accommodation providers", 890, U::kCount, true,
       "Active children's social care providers 31 Mar 2025",
       "890 supported accommodation providers"},
      {"foster_households", "fostering households", 42615, U::kCount, true,
       "Fostering households 31 Mar 2024", "42,615"},
      {"foster_places", "approved mainstream foster places", 70465, U::kCount, true,
       "Fostering households 31 Mar 2024", "70,465 approved places"},
      {"foster_filled", "share of mainstream foster places filled", 0.60, U::kShare, true,
       "Foster places occupancy 2024", "filled ~60%"},
      {"foster_vacant", "share of mainstream foster places vacant", 0.16, U::kShare, true,
       "Foster places occupancy 2024", "vacant 16%"},
      {"kinship_households", "kinship share of fostering households", 0.21, U::kShare, true,
       "New foster approvals split 2023-24", "kinship = 21% of households"},
      {"fee_residential", "mean weekly fee, children's homes (£)", 6108, U::kPounds, true,
       "Average residential placement cost (county councils)", "£6,108/wk (2024)"},
      {"fee_ifa", "mean weekly fee, agency foster care (£)", 820, U::kPounds, true,
       "IFA price 2019-20", "~£820/week avg"},
      {"fee_la_foster", "mean weekly fee, council foster care (£, 2018)", 396, U::kPounds, true,
       "LA vs IFA foster cost (2018 report)", "council carers £396/wk"},
      {"high_cost", "placements costing £10,000 a week or more", 1510, U::kCount, true,
       "High-cost placements >= £10k/week", "1,510 (2022-23)"},
      {"spend", "annual spend on placements (£, weekly fees x 52)", 5.4e9, U::kPounds, true,
       "LA spend on placements", "£5.4bn projected 2023-24"},
      // £4.1bn budgeted of £4.7bn spent in 2022-23.
      {"budget_share", "placement budgets as a share of spend", 4.1 / 4.7, U::kShare, true,
       "LA spend on placements", "2022-23, budget £4.1bn"},
      // 1,815 approved of 8,485 applications in 2023-24. The generator's
      // stage rates aim at it, but only councils' own recruitment is
      // generated, so few applications a year: between seeds it moves
      // about 10% either way, and it is shown, not held within 5%.
      {"foster_approval", "foster applications approved in the year", 1815.0 / 8485.0, U::kShare,
       false, "Fostering households 31 Mar 2024", "8,485 applications, 1,815 approved"},
      // Provider groups' financial returns (market/oversight.h): operating
      // profit over revenue, weighted by revenue, of the groups whose homes
      // are mostly children's homes, and of the fostering agencies' groups.
      {"margin_ch", "operating margin, children's home groups", 0.226, U::kShare, true,
       "Children's home price (largest providers) 2019-20", "15 largest: 22.6%"},
      {"margin_ifa", "operating margin, fostering agency groups", 0.19, U::kShare, true,
       "IFA price 2019-20", "19% operating margin"},
  };
  return kFigures;
}

const PublishedFigure& Published(std::string_view key) {
  for (const auto& f : PublishedFigures())
    if (f.key == key) return f;
  std::fprintf(stderr, "carecoop: no published figure '%s'\n", std::string(key).c_str());
  std::abort();
}

}  // namespace carecoop::synth
