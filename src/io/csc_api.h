// A council's SSDA903 return as the DfE's children's social care (CSC) API
// payload: the JSON a council posts each day to the department's CSC data
// collection (POST /children_social_care_data/{la_code}/children), so the
// data CareCoop keeps for the SSDA903 return can flow there too.
//
// Model. The payload is an array of children (specification 0.8; the
// structure is documented in Data to Insight's "dfe-csc-api-data-flows",
// docs/payload_structure.md, which follows the DfE's specification 0.7/0.8).
// Only the fields the SSDA903 return holds are written ("where its fields
// apply"); the others (names, CIN referrals, assessments, plans, SDQ, EHC
// plans, care leavers) are left out, never invented:
//   la_child_id                 CHILD
//   child_details               UPN, DOB, SEX (1 -> "M", 2 -> "F"),
//                               ETHNIC, uasc_flag and uasc_end_date (DUC)
//   social_care_episodes        one per period of care: from an episode
//                               with RNE S (or the child's first episode in
//                               the return) to the episode that ends it
//                               with REC other than X1; id CHILD/DECOM,
//                               closure_date that episode's DEC
//   child_looked_after_placements
//                               one per placement: an episode that is not a
//                               change of legal status only (RNE L) starts
//                               one, and L episodes after it continue it;
//                               start_date the first DECOM, start_reason its
//                               RNE, placement_type PLACE, postcode PL_POST,
//                               end_date, end_reason (REC) and change_reason
//                               (REASON_PLACE_CHANGE) from the last episode;
//                               id CHILD/DECOM.
// Every list is in date order; a child with no episode in the return is
// written with its details only.
//
// Method and complexity: group episodes by child and sort, one pass;
// O(E log E) for E episodes. Pure.
//
// References: DfE, "Children looked after return (SSDA903) guide"; DfE CSC
// API specification 0.8 as published by Data to Insight
// (github.com/data-to-insight/dfe-csc-api-data-flows).
#ifndef CARECOOP_IO_CSC_API_H_
#define CARECOOP_IO_CSC_API_H_

#include <nlohmann/json.hpp>

#include "io/ssda903_return.h"

namespace carecoop::ssda903 {

// The specification the payload follows.
inline constexpr const char* kCscApiSpecification = "0.8";

// The payload of `r`'s children, in the order of their header rows (then
// children with episodes but no header, by CHILD).
nlohmann::json CscApiChildren(const Return& r);

}  // namespace carecoop::ssda903

#endif  // CARECOOP_IO_CSC_API_H_
