#include "store/referral_recipients.h"

#include "store/raw_access.h"

namespace carecoop::store {

Status AddRecipient(Tx& tx, ReferralId referral, ProviderId provider, Timestamp sent,
                    Timestamp deadline) {
  return RawConnection(tx)
      .Exec(
          "INSERT INTO referral_recipient (referral_id, provider_id, sent_at, deadline) VALUES "
          "($1, $2, $3, $4)",
          {referral.value(), provider.value(), FormatTimestamp(sent), FormatTimestamp(deadline)})
      .status();
}

Result<std::optional<Timestamp>> RecipientDeadline(Tx& tx, ReferralId referral,
                                                   ProviderId provider) {
  std::optional<Timestamp> deadline;
  CC_RETURN_IF_ERROR(RawConnection(tx).Query(
      "SELECT deadline FROM referral_recipient WHERE referral_id = $1 AND provider_id = $2",
      {referral.value(), provider.value()}, [&](const SqlRow& row) {
        auto t = ParseTimestamp(row.Text(0), "deadline");
        if (!t.ok()) return Internal("stored deadline is not a timestamp");
        deadline = *t;
        return Status::Ok();
      }));
  return deadline;
}

Result<std::vector<std::pair<ReferralId, Timestamp>>> ReferralsSentTo(Tx& tx, ProviderId provider) {
  std::vector<std::pair<ReferralId, Timestamp>> sent;
  CC_RETURN_IF_ERROR(
      RawConnection(tx).Query("SELECT referral_id, deadline FROM referral_recipient WHERE "
                              "provider_id = $1 ORDER BY referral_id",
                              {provider.value()}, [&](const SqlRow& row) {
                                auto t = ParseTimestamp(row.Text(1), "deadline");
                                if (!t.ok()) return Internal("stored deadline is not a timestamp");
                                sent.emplace_back(ReferralId(row.Int(0)), *t);
                                return Status::Ok();
                              }));
  return sent;
}

}  // namespace carecoop::store
