// The national secure welfare queue (services/secure_welfare.h,
// docs/national.md "Secure welfare").
#include "services/secure_welfare.h"

#include <algorithm>
#include <map>

#include "domain/child.h"
#include "domain/council.h"
#include "match/rank.h"
#include "match/snapshot.h"
#include "national/secure_welfare.h"
#include "services/matching.h"
#include "services/step.h"
#include "services/workflow.h"

namespace carecoop::services {
namespace {

bool Open(ReferralStatus s) {
  return s != ReferralStatus::kDraft && s != ReferralStatus::kWithdrawn &&
         s != ReferralStatus::kPlaced;
}

// Today's free beds of every secure children's home: its open places free
// on or before today (snapshot index -> beds).
std::map<std::size_t, int> BedsToday(const match::Snapshot& s, Date today) {
  std::map<std::size_t, int> out;
  const auto day = static_cast<std::int32_t>(today.days_since_epoch());
  for (std::size_t h = 0; h < s.size(); ++h) {
    if (s.setting[h] != Setting::kSecureChildrensHome) continue;
    int beds = 0;
    for (std::int32_t k = s.free_begin[h]; k < s.free_begin[h + 1]; ++k)
      if (s.free_from[static_cast<std::size_t>(k)] <= day) ++beds;
    out[h] = beds;
  }
  return out;
}

std::int64_t DaysWaiting(const SecureReferral& r, Date today) {
  const Date from = Date::FromTimestamp(r.referred_at);
  const Date to = r.placed_at ? Date::FromTimestamp(*r.placed_at) : today;
  return std::max<std::int64_t>(0, to.DaysSince(from));
}

}  // namespace

Result<SecureReferral> Workflow::ReferToSecureWelfare(const Principal& who, ReferralId id,
                                                      bool order_made) {
  SecureReferral out;
  Step step = Step::OnRecord(policy_, who, Now(), "secure_referral", "create");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Referral referral, step.Fetch(tx, id));
    if (!Open(referral.status))
      return InvalidArgument("referralId", "referral " + std::to_string(id.value()) + " is " +
                                               std::string(EnumLabel(referral.status)) +
                                               ": only an open referral can wait for a bed");
    if (!referral.deprivation_of_liberty.value_or(false))
      return InvalidArgument("referralId",
                             "the referral does not ask for a deprivation of liberty: a secure "
                             "children's home is only for a child who must be kept secure");
    CC_ASSIGN_OR_RETURN(auto all, tx.List<SecureReferral>());
    for (const SecureReferral& r : all)
      if (r.referral == id && r.status == SecureStatus::kWaiting)
        return Conflict("referral " + std::to_string(id.value()) +
                            " is already waiting on the secure welfare queue (secure referral " +
                            std::to_string(r.id.value()) + ")",
                        "referralId");
    CC_ASSIGN_OR_RETURN(auto rcc, tx.RccOfCouncil(referral.council));
    if (!rcc) return InvalidArgument("referralId", "the referral's council is in no RCC");
    out.referral = id;
    out.council = referral.council;
    out.rcc = *rcc;
    out.order_made = order_made;
    out.referred_at = step.now();
    out.referred_by = who.username.empty() ? "unknown" : who.username;
    out.history.push_back({step.now(),
                           std::string("referred; secure accommodation order ") +
                               (order_made ? "made" : "applied for"),
                           out.referred_by});
    CC_RETURN_IF_ERROR(Validate(out));
    CC_ASSIGN_OR_RETURN(out.id, tx.Create(out));
    out.version = 1;
    return step.Audit(tx, "secure_referral", out.id.value(), "", RecordDigest(out));
  }));
  return out;
}

Result<SecureQueue> Workflow::SecureWelfareQueue(const Principal& who) {
  SecureQueue out;
  Step step = Step::OnCollection(policy_, who, Now(), "secure_queue", "read");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  out.today = Today();
  CC_ASSIGN_OR_RETURN(auto world, worlds_.Get(store_, out.today));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kRead, [&](store::Tx& tx) -> Status {
    out.waiting.clear();
    out.settled.clear();
    out.beds.clear();
    CC_ASSIGN_OR_RETURN(auto all, tx.List<SecureReferral>());
    std::map<std::int64_t, std::string> home_name;
    for (const auto& [h, beds] : BedsToday(world->snapshot, out.today)) {
      SecureBeds b;
      b.home = world->snapshot.id[h];
      b.name = world->snapshot.name[h];
      b.council = world->CouncilName(world->snapshot.council[h]);
      b.beds_free = beds;
      b.min_age = world->snapshot.min_age[h];
      b.max_age = world->snapshot.max_age[h];
      out.beds_free += beds;
      home_name[b.home.value()] = b.name;
      out.beds.push_back(std::move(b));
    }
    for (SecureReferral& r : all) {
      SecureQueueEntry e;
      CC_ASSIGN_OR_RETURN(Referral referral, tx.Get(r.referral));
      CC_ASSIGN_OR_RETURN(Child child, tx.Get(referral.child));
      e.age = std::max(0, AgeInYears(child.date_of_birth, out.today));
      e.sex = std::string(EnumLabel(child.sex));
      e.council = world->CouncilName(r.council);
      for (const Rcc& x : world->rccs)
        if (x.id == r.rcc) e.rcc = x.code;
      e.days_waiting = DaysWaiting(r, out.today);
      for (const SecureSending& s : r.sendings) {
        auto name = home_name.find(s.home.value());
        if (name == home_name.end()) {
          CC_ASSIGN_OR_RETURN(Home h, tx.Get(s.home));
          name = home_name.emplace(s.home.value(), h.name).first;
        }
        e.home_names.push_back(name->second);
      }
      if (r.status == SecureStatus::kPlaced) ++out.placed_in_england;
      if (r.status == SecureStatus::kPlacedAcrossBorder) ++out.placed_across_border;
      e.record = std::move(r);
      (e.record.status == SecureStatus::kWaiting ? out.waiting : out.settled)
          .push_back(std::move(e));
    }
    std::stable_sort(out.waiting.begin(), out.waiting.end(), [](const auto& a, const auto& b) {
      return a.record.referred_at < b.record.referred_at;
    });
    std::stable_sort(out.settled.begin(), out.settled.end(), [](const auto& a, const auto& b) {
      return a.record.history.back().at > b.record.history.back().at;
    });
    return Status::Ok();
  }));
  return out;
}

Result<SecureDailyMatch> Workflow::SecureWelfareMatch(const Principal& who) {
  SecureDailyMatch out;
  CC_ASSIGN_OR_RETURN(SecureQueue queue, SecureWelfareQueue(who));
  out.today = queue.today;
  CC_ASSIGN_OR_RETURN(auto world, worlds_.Get(store_, out.today));
  const match::Snapshot& s = world->snapshot;
  const auto beds = BedsToday(s, out.today);
  std::vector<std::size_t> homes;  // match index -> snapshot index
  std::map<std::size_t, int> index_of;
  national::BedMatchInput in;
  for (const auto& [h, n] : beds) {
    if (n <= 0) continue;
    index_of[h] = static_cast<int>(homes.size());
    homes.push_back(h);
    in.beds.push_back(n);
    out.beds_free += n;
  }
  std::vector<std::map<std::size_t, match::Option>> options(queue.waiting.size());
  std::vector<std::string> no_bed(queue.waiting.size());
  CC_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    for (std::size_t i = 0; i < queue.waiting.size(); ++i) {
      const SecureReferral& r = queue.waiting[i].record;
      in.days_waiting.push_back(queue.waiting[i].days_waiting);
      CC_ASSIGN_OR_RETURN(Referral referral, tx.Get(r.referral));
      CC_ASSIGN_OR_RETURN(Child child, tx.Get(referral.child));
      auto needs = match::MakeNeeds(referral, child, world->RccOf(referral.council), s);
      if (!needs.ok()) {
        no_bed[i] = "its needs cannot be read: " + needs.status().message();
        continue;
      }
      needs->deprivation_of_liberty = true;
      needs->latest_start_day = static_cast<std::int32_t>(out.today.days_since_epoch());
      const match::Ranking ranking =
          match::Rank(*needs, s, options_.match_policy, static_cast<int>(s.size()));
      int declined = 0;
      for (const match::Option& o : ranking.options) {
        auto at = index_of.find(o.home);
        if (at == index_of.end()) continue;
        const bool refused = std::any_of(r.sendings.begin(), r.sendings.end(), [&](const auto& x) {
          return x.home == o.home_id && x.decision == SecureDecision::kDeclined;
        });
        if (refused) {
          ++declined;
          continue;
        }
        in.pairs.push_back({static_cast<int>(i), at->second, o.cost});
        options[i][o.home] = o;
      }
      if (options[i].empty())
        no_bed[i] = homes.empty() ? "no secure children's home has a bed free today"
                    : declined    ? "the homes with a bed today that meet every need declined"
                                    " the child"
                                  : "no home with a bed today meets every need (age, risks, "
                                    "support ratio)";
    }
    return Status::Ok();
  }));
  const national::BedMatch m = national::MatchBeds(in);
  if (!m.error.empty()) return Internal("the daily match: " + m.error);
  out.waiting = static_cast<int>(queue.waiting.size());
  out.matched = m.placed;
  for (std::size_t i = 0; i < queue.waiting.size(); ++i) {
    SecureMatchRow row;
    row.referral = queue.waiting[i].record.id;
    row.days_waiting = queue.waiting[i].days_waiting;
    const int j = m.home_of[i];
    if (j >= 0) {
      const std::size_t h = homes[static_cast<std::size_t>(j)];
      const match::Option& o = options[i].at(h);
      row.home = s.id[h];
      row.home_name = s.name[h];
      row.family_miles = o.family_km < 0 ? -1 : KmToMiles(o.family_km);
      row.explanation = o.explanation;
    } else {
      row.explanation =
          no_bed[i].empty() ? "the beds it could use went to children waiting longer" : no_bed[i];
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

Result<SecureReferral> Workflow::ActOnSecureReferral(const Principal& who, SecureReferralId id,
                                                     const SecureAction& a) {
  SecureReferral out;
  Step step = Step::OnRecord(policy_, who, Now(), "secure_referral", "update");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  const std::string actions = "send, accept, decline, across_border or withdraw";
  if (a.action != "send" && a.action != "accept" && a.action != "decline" &&
      a.action != "across_border" && a.action != "withdraw")
    return InvalidArgument("action", "must be " + actions + ", not '" + a.action + "'");
  const bool needs_home = a.action == "send" || a.action == "accept" || a.action == "decline";
  if (needs_home && !a.home) return InvalidArgument("homeId", "is required to " + a.action);
  if ((a.action == "decline" || a.action == "withdraw") && a.reason.empty())
    return InvalidArgument("reason", "is required to " + a.action);
  if (a.action == "across_border" && a.where.empty())
    return InvalidArgument("where", "is required: where the child was placed (e.g. Scotland)");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(out, step.Fetch(tx, id));
    const std::string before = RecordDigest(out);
    if (out.version != a.version)
      return Conflict("the secure referral was changed since it was read (version " +
                          std::to_string(out.version) + ")",
                      "version");
    if (out.status != SecureStatus::kWaiting)
      return InvalidArgument(
          "status", "the child is no longer waiting (" + std::string(EnumLabel(out.status)) + ")");
    const std::string by = who.username.empty() ? "unknown" : who.username;
    std::string home_name;
    if (needs_home) {
      auto home = tx.Get(*a.home);
      if (!home.ok())
        return InvalidArgument("homeId", "no home " + std::to_string(a.home->value()));
      if (home->setting != Setting::kSecureChildrensHome)
        return InvalidArgument("homeId", home->name + " is not a secure children's home");
      home_name = home->name;
    }
    auto sending = std::find_if(out.sendings.begin(), out.sendings.end(), [&](const auto& s) {
      return a.home && s.home == *a.home && s.decision == SecureDecision::kPending;
    });
    if (a.action == "send") {
      for (const SecureSending& s : out.sendings)
        if (s.home == *a.home && s.decision != SecureDecision::kAccepted)
          return Conflict(
              home_name + " already has the referral (" + std::string(EnumLabel(s.decision)) + ")",
              "homeId");
      out.sendings.push_back({*a.home, step.now(), SecureDecision::kPending, "", std::nullopt});
      out.history.push_back({step.now(), "sent to " + home_name, by});
    } else if (a.action == "accept" || a.action == "decline") {
      if (sending == out.sendings.end())
        return InvalidArgument("homeId", home_name + " has no referral awaiting its answer");
      sending->decided_at = step.now();
      sending->reason = a.reason;
      if (a.action == "accept") {
        sending->decision = SecureDecision::kAccepted;
        out.status = SecureStatus::kPlaced;
        out.placed_home = *a.home;
        out.placed_at = step.now();
        out.history.push_back({step.now(), "accepted by " + home_name + "; placed", by});
      } else {
        sending->decision = SecureDecision::kDeclined;
        out.history.push_back({step.now(), "declined by " + home_name + ": " + a.reason, by});
      }
    } else if (a.action == "across_border") {
      out.status = SecureStatus::kPlacedAcrossBorder;
      out.across_border = a.where;
      out.placed_at = step.now();
      out.history.push_back({step.now(), "placed across the border: " + a.where, by});
    } else {
      out.status = SecureStatus::kWithdrawn;
      out.withdrawn_reason = a.reason;
      out.history.push_back({step.now(), "withdrawn: " + a.reason, by});
    }
    CC_RETURN_IF_ERROR(Validate(out));
    CC_RETURN_IF_ERROR(tx.Update(out));
    return step.Audit(tx, "secure_referral", out.id.value(), before, RecordDigest(out));
  }));
  return out;
}

}  // namespace carecoop::services
