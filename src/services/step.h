// One use case's skeleton. Every step of the workflow is a Step: who asks to
// do what (the access matrix's resource and action), at what time, run as one
// transaction that fetches records in the person's scope and writes its audit
// record beside its change. A new use case goes in the file of its stage
// (docs/architecture.md, "Where a new use case goes") and is written as:
//
//   Step step = Step::OnRecord(policy_, who, Now(), "referral", "submit");
//   CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
//     CC_ASSIGN_OR_RETURN(Referral r, step.Fetch(tx, id));   // scope checked
//     ...change...
//     return step.Audit(tx, "referral", id.value(), before, after);
//   }));
//
// What the skeleton guarantees, so that no use case can forget it:
//   - a role that may never do the action is refused (PermissionDenied)
//     before any record is looked up, so the answer says nothing about
//     whether the record exists;
//   - Fetch answers NotFound worded exactly as for a missing record when the
//     record is outside the person's scope (docs/api.md);
//   - an audited step that returns OK without having written its audit
//     record fails with Internal and changes nothing;
//   - every refusal is on the record: a role refused (403) or a record out
//     of the person's scope (404) writes an audit record
//     "<resource>.<action>.denied" or "...out_of_scope" naming the record,
//     in a transaction of its own (the refused one is rolled back), and a
//     JSON log line on standard error.
#ifndef CARECOOP_SERVICES_STEP_H_
#define CARECOOP_SERVICES_STEP_H_

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/access.h"
#include "services/audit.h"
#include "store/store.h"

namespace carecoop::services {

// How a record stands to the person, for the access matrix.
// An RCC, or a record of one of its councils:
Relation ToRcc(const Principal& who, std::optional<RccId> rcc);
// A record of `council`:
Result<Relation> ToCouncil(store::Tx& tx, const Principal& who, CouncilId council);
// A referral: its council's, or for a provider, whether it was sent to them.
Result<Relation> ToReferral(store::Tx& tx, const Principal& who, const Referral& referral);

// The records a person may list: their council's or their RCC's, or all.
// PermissionDenied for a role that lists none (a provider).
Result<store::Scope> ListScope(const Principal& who);

// How each record type a step fetches stands to the person.
Result<Relation> RelationOf(store::Tx& tx, const Principal& who, const Referral& r);
Result<Relation> RelationOf(store::Tx& tx, const Principal& who,
                            const Proposal& p);  // its referral's
Result<Relation> RelationOf(store::Tx& tx, const Principal& who,
                            const Placement& p);  // its council's
Result<Relation> RelationOf(store::Tx& tx, const Principal& who, const Rcc& r);
// An offer: for a provider, whether it is from one of its homes; for others,
// its referral's.
Result<Relation> RelationOf(store::Tx& tx, const Principal& who, const Offer& o);
// A home: for a provider, whether it is theirs; for others, its council's.
Result<Relation> RelationOf(store::Tx& tx, const Principal& who, const Home& h);
Result<Relation> RelationOf(store::Tx& tx, const Principal& who,
                            const Vacancy& v);  // its home's

// A provider group: for a provider, whether its own provider belongs to the
// group or to a group under it; whole-system roles own every group.
Result<Relation> RelationOf(store::Tx& tx, const Principal& who, const ProviderGroup& g);
// A secure welfare referral: its child's council's.
Result<Relation> RelationOf(store::Tx& tx, const Principal& who, const SecureReferral& r);
// A child, and the registers of liberty's entries: the child's council's.
Result<Relation> RelationOf(store::Tx& tx, const Principal& who, const Child& c);
Result<Relation> RelationOf(store::Tx& tx, const Principal& who, const DolOrder& o);
Result<Relation> RelationOf(store::Tx& tx, const Principal& who, const UnregisteredPlacement& u);

// A digest of several records' digests, for a change that writes more than one.
std::string Combined(std::initializer_list<std::string> digests);
// A digest of the ids of the records a list returned.
template <class Records>
std::string DigestOfIds(const Records& records) {
  store::SqlParams ids;
  for (const auto& r : records) ids.emplace_back(r.id.value());
  return DigestOfParams(ids);
}

class Step {
 public:
  enum class Mode {
    kRead,     // a read-only transaction; nothing is audited
    kAudited,  // a read-write transaction that must write its audit record
    kBooking,  // kAudited, tried again when it lost a race for a place
  };

  // A step on one record (the matrix's own and other cells).
  static Step OnRecord(const AccessPolicy& policy, const Principal& who, Timestamp now,
                       std::string_view resource, std::string_view action);
  // A step on a collection, or on the whole system (the matrix's any cell).
  static Step OnCollection(const AccessPolicy& policy, const Principal& who, Timestamp now,
                           std::string_view resource, std::string_view action);

  // Refuses a role that may never do this (PermissionDenied, audited), before
  // anything is looked up. Run does it first; a use case that validates its
  // arguments before running calls it earlier, so a refusal comes first.
  Status Admit(store::Store& store);

  // Refuses a role that may never do this, then runs fn in one transaction,
  // committed when fn returns OK and rolled back otherwise. kBooking runs fn
  // again (up to 20 times) when a concurrent booking took the place it chose
  // (Conflict naming "vacancyId"), so the next try books another free place
  // or answers Conflict when none is left.
  Status Run(store::Store& store, Mode mode, const std::function<Status(store::Tx&)>& fn);

  // Record `id` when the person may do this step's action on it; NotFound
  // "no <type> <id>" when it is missing or outside their scope alike.
  template <class T>
  Result<T> Fetch(store::Tx& tx, Id<T> id);

  // This step's action on a record that stands to the person as `relation`
  // (`what` names it in a NotFound, as "referral 12"). A refusal is recorded
  // against record `id` of `type`, and audited when the step ends with it.
  Status Allow(Relation relation, std::string_view what, std::string_view type = {},
               std::int64_t id = 0);

  // Appends the step's audit record: action "<resource>.<action>" of this
  // step, on record `id` of `audited` ("referral"), with digests before and after.
  Status Audit(store::Tx& tx, std::string_view audited, std::int64_t id, std::string before,
               std::string after);

  Timestamp now() const { return now_; }

 private:
  Step(const AccessPolicy& policy, const Principal& who, Timestamp now, std::string_view resource,
       std::string_view action, bool per_record);
  Status RunTransaction(store::Store& store, Mode mode,
                        const std::function<Status(store::Tx&)>& fn);
  // Audits the refusal recorded by Admit or Allow, and logs it; `refused` is what the caller gets.
  Status RecordRefusal(store::Store& store, const Status& refused);

  struct Refusal {
    std::string type;  // the record's type, or the step's resource
    std::int64_t id = 0;
    bool out_of_scope = false;  // answered as missing (404), else denied (403)
  };

  const AccessPolicy& policy_;
  const Principal& who_;
  Timestamp now_;
  std::string resource_, action_;
  bool per_record_;
  bool admitted_ = false;  // the role passed Admit: Run need not ask again
  bool audited_ = false;
  std::optional<Refusal> refusal_;
};

template <class T>
Result<T> Step::Fetch(store::Tx& tx, Id<T> id) {
  const std::string what =
      std::string(store::Mapping<T>::kTable) + " " + std::to_string(id.value());
  auto record = tx.Get<T>(id);
  if (!record.ok()) {
    if (record.status().code() == StatusCode::kNotFound) return NotFound("no " + what);
    return record.status();
  }
  CC_ASSIGN_OR_RETURN(Relation relation, RelationOf(tx, who_, *record));
  CC_RETURN_IF_ERROR(Allow(relation, what, store::Mapping<T>::kTable, id.value()));
  return record;
}

// Record `id` of type T, read in the person's scope and audited as one read:
// the step "<type>.read" (a referral, a proposal, a placement).
template <class T>
Result<T> ReadInScope(store::Store& store, const AccessPolicy& policy, const Principal& who,
                      Timestamp now, Id<T> id) {
  constexpr std::string_view kType = store::Mapping<T>::kTable;
  T out;
  Step step = Step::OnRecord(policy, who, now, kType, "read");
  CC_RETURN_IF_ERROR(step.Run(store, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(out, step.Fetch(tx, id));
    return step.Audit(tx, kType, id.value(), "", RecordDigest(out));
  }));
  return out;
}

// The records of type T that belong to record `parent` (a referral's
// offers, a placement's payments), when the person may see the parent: the
// step "<resource>.list", read-only.
template <class T, class P>
Result<std::vector<T>> ListUnder(store::Store& store, const AccessPolicy& policy,
                                 const Principal& who, Timestamp now, std::string_view resource,
                                 Id<P> parent) {
  std::vector<T> out;
  Step step = Step::OnRecord(policy, who, now, resource, "list");
  CC_RETURN_IF_ERROR(step.Run(store, Step::Mode::kRead, [&](store::Tx& tx) -> Status {
    CC_RETURN_IF_ERROR(step.Fetch(tx, parent).status());
    CC_ASSIGN_OR_RETURN(out, (tx.ListBy<T>(parent)));
    return Status::Ok();
  }));
  return out;
}

// The records of type T in the person's scope that `keep` accepts: the step
// "<resource>.list", audited as one read of the records listed.
template <class T>
Result<std::vector<T>> ListInScope(store::Store& store, const AccessPolicy& policy,
                                   const Principal& who, Timestamp now, const std::string& resource,
                                   const std::function<bool(const T&)>& keep) {
  std::vector<T> out;
  Step step = Step::OnCollection(policy, who, now, resource, "list");
  CC_RETURN_IF_ERROR(step.Run(store, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    out.clear();
    CC_ASSIGN_OR_RETURN(store::Scope scope, ListScope(who));
    CC_ASSIGN_OR_RETURN(auto all, tx.List<T>(scope));
    for (T& x : all)
      if (keep(x)) out.push_back(std::move(x));
    return step.Audit(tx, resource, 0, "", DigestOfIds(out));
  }));
  return out;
}

}  // namespace carecoop::services

#endif  // CARECOOP_SERVICES_STEP_H_
