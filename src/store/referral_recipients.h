// Which providers a referral was sent to, and the deadline for their offers:
// the referral_recipient table as typed accessors. A provider sees a
// referral, anonymised, only when it is a recipient.
#ifndef CARECOOP_STORE_REFERRAL_RECIPIENTS_H_
#define CARECOOP_STORE_REFERRAL_RECIPIENTS_H_

#include <optional>
#include <utility>
#include <vector>

#include "store/store.h"

namespace carecoop::store {

// Records that `referral` was sent to `provider` at `sent`, with offers due by `deadline`.
Status AddRecipient(Tx& tx, ReferralId referral, ProviderId provider, Timestamp sent,
                    Timestamp deadline);

// The deadline for offers when `provider` was sent `referral`, if it was.
Result<std::optional<Timestamp>> RecipientDeadline(Tx& tx, ReferralId referral,
                                                   ProviderId provider);

// Every referral sent to `provider`, with its deadline, in referral id order.
Result<std::vector<std::pair<ReferralId, Timestamp>>> ReferralsSentTo(Tx& tx, ProviderId provider);

}  // namespace carecoop::store

#endif  // CARECOOP_STORE_REFERRAL_RECIPIENTS_H_
