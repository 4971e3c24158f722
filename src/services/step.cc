#include "services/step.h"

#include <utility>

#include "services/log.h"
#include "store/referral_recipients.h"

namespace carecoop::services {

Relation ToRcc(const Principal& who, std::optional<RccId> rcc) {
  switch (who.role) {
    case Role::kHubOfficer:
    case Role::kScrutinyOfficer:
    case Role::kCommissioner:
      return rcc && who.rcc == *rcc ? Relation::kOwn : Relation::kOther;
    // Their scope is the whole system; what they may do is the role's.
    case Role::kNationalAnalyst:
    case Role::kMarketOversight:
    case Role::kNationalCommissioner:
    case Role::kAdmin:
      return Relation::kOwn;
    case Role::kSocialWorker:
    case Role::kProvider:
      return Relation::kOther;
  }
  return Relation::kOther;
}

Result<Relation> ToCouncil(store::Tx& tx, const Principal& who, CouncilId council) {
  if (who.role == Role::kSocialWorker)
    return who.council == council ? Relation::kOwn : Relation::kOther;
  bool rcc_scoped = who.role == Role::kHubOfficer || who.role == Role::kScrutinyOfficer ||
                    who.role == Role::kCommissioner;
  if (!rcc_scoped)
    return ToRcc(who, std::nullopt);  // whole system, or none: no need to look the RCC up
  CC_ASSIGN_OR_RETURN(auto rcc, tx.RccOfCouncil(council));
  return ToRcc(who, rcc);
}

Result<Relation> ToReferral(store::Tx& tx, const Principal& who, const Referral& r) {
  if (who.role == Role::kProvider) {
    if (!who.provider) return Relation::kOther;
    CC_ASSIGN_OR_RETURN(auto sent, store::RecipientDeadline(tx, r.id, *who.provider));
    return sent ? Relation::kOwn : Relation::kOther;
  }
  return ToCouncil(tx, who, r.council);
}

Result<store::Scope> ListScope(const Principal& who) {
  switch (who.role) {
    case Role::kSocialWorker:
      if (who.council) return store::Scope::Of(*who.council);
      break;
    case Role::kHubOfficer:
    case Role::kScrutinyOfficer:
    case Role::kCommissioner:
      if (who.rcc) return store::Scope::Of(*who.rcc);
      break;
    case Role::kNationalAnalyst:
    case Role::kMarketOversight:
    case Role::kNationalCommissioner:
    case Role::kAdmin:
      return store::Scope::All();
    case Role::kProvider:
      break;
  }
  return PermissionDenied("a " + std::string(EnumCode(who.role)) +
                          " has no records of this kind to list");
}

Result<Relation> RelationOf(store::Tx& tx, const Principal& who, const Referral& r) {
  return ToReferral(tx, who, r);
}

Result<Relation> RelationOf(store::Tx& tx, const Principal& who, const Proposal& p) {
  CC_ASSIGN_OR_RETURN(Referral r, tx.Get<Referral>(p.referral));
  return ToReferral(tx, who, r);
}

Result<Relation> RelationOf(store::Tx& tx, const Principal& who, const Placement& p) {
  return ToCouncil(tx, who, p.council);
}

Result<Relation> RelationOf(store::Tx&, const Principal& who, const Rcc& r) {
  return ToRcc(who, r.id);
}

Result<Relation> RelationOf(store::Tx& tx, const Principal& who, const Home& h) {
  if (who.role == Role::kProvider)
    return who.provider && h.provider == *who.provider ? Relation::kOwn : Relation::kOther;
  return ToCouncil(tx, who, h.council);
}

Result<Relation> RelationOf(store::Tx& tx, const Principal& who, const Offer& o) {
  if (who.role == Role::kProvider) {
    CC_ASSIGN_OR_RETURN(Home h, tx.Get<Home>(o.home));
    return RelationOf(tx, who, h);
  }
  CC_ASSIGN_OR_RETURN(Referral r, tx.Get<Referral>(o.referral));
  return ToReferral(tx, who, r);
}

Result<Relation> RelationOf(store::Tx& tx, const Principal& who, const Vacancy& v) {
  CC_ASSIGN_OR_RETURN(Home h, tx.Get<Home>(v.home));
  return RelationOf(tx, who, h);
}

Result<Relation> RelationOf(store::Tx& tx, const Principal& who, const ProviderGroup& g) {
  if (who.role == Role::kProvider) {
    if (!who.provider) return Relation::kOther;
    CC_ASSIGN_OR_RETURN(Provider p, tx.Get<Provider>(*who.provider));
    std::optional<ProviderGroupId> at = p.group;
    for (int depth = 0; at && depth < 64; ++depth) {
      if (*at == g.id) return Relation::kOwn;
      CC_ASSIGN_OR_RETURN(ProviderGroup up, tx.Get<ProviderGroup>(*at));
      at = up.parent;
    }
    return Relation::kOther;
  }
  return ToRcc(who, std::nullopt);
}

std::string Combined(std::initializer_list<std::string> digests) {
  store::SqlParams p;
  for (const auto& d : digests) p.emplace_back(d);
  return DigestOfParams(p);
}

Step::Step(const AccessPolicy& policy, const Principal& who, Timestamp now,
           std::string_view resource, std::string_view action, bool per_record)
    : policy_(policy),
      who_(who),
      now_(now),
      resource_(resource),
      action_(action),
      per_record_(per_record) {}

Step Step::OnRecord(const AccessPolicy& policy, const Principal& who, Timestamp now,
                    std::string_view resource, std::string_view action) {
  return Step(policy, who, now, resource, action, /*per_record=*/true);
}

Step Step::OnCollection(const AccessPolicy& policy, const Principal& who, Timestamp now,
                        std::string_view resource, std::string_view action) {
  return Step(policy, who, now, resource, action, /*per_record=*/false);
}

Status Step::Admit(store::Store& store) {
  if (admitted_) return Status::Ok();
  Status s = per_record_ ? policy_.Gate(who_, resource_, action_)
                         : policy_.Check(who_, Relation::kAny, resource_, action_, resource_ + "s");
  if (s.ok()) {
    admitted_ = true;
    return s;
  }
  refusal_ = Refusal{resource_, 0, false};
  CC_RETURN_IF_ERROR(RecordRefusal(store, s));
  return s;
}

Status Step::Allow(Relation relation, std::string_view what, std::string_view type,
                   std::int64_t id) {
  Status s = policy_.Check(who_, relation, resource_, action_, what);
  if (!s.ok())
    refusal_ = Refusal{type.empty() ? resource_ : std::string(type), id,
                       s.code() == StatusCode::kNotFound};
  return s;
}

Status Step::RecordRefusal(store::Store& store, const Status& refused) {
  if (!refusal_) return Status::Ok();
  Refusal r = *std::exchange(refusal_, std::nullopt);
  const std::string action =
      resource_ + "." + action_ + (r.out_of_scope ? ".out_of_scope" : ".denied");
  log::Event({{"event", "refused"},
              {"actor", who_.username},
              {"role", EnumCode(who_.role)},
              {"action", action},
              {"resource", r.type},
              {"id", r.id},
              {"status", refused.HttpStatus()}});
  return store.Write([&](store::Tx& tx) -> Status {
    return AppendAudit(tx, now_, {who_.username, action, r.type, r.id, "", ""});
  });
}

Status Step::Audit(store::Tx& tx, std::string_view audited, std::int64_t id, std::string before,
                   std::string after) {
  CC_RETURN_IF_ERROR(AppendAudit(tx, now_,
                                 {who_.username, resource_ + "." + action_, std::string(audited),
                                  id, std::move(before), std::move(after)}));
  audited_ = true;
  return Status::Ok();
}

Status Step::Run(store::Store& store, Mode mode, const std::function<Status(store::Tx&)>& fn) {
  CC_RETURN_IF_ERROR(Admit(store));
  Status s = RunTransaction(store, mode, fn);
  if (!s.ok() && (s.code() == StatusCode::kPermissionDenied || s.code() == StatusCode::kNotFound))
    CC_RETURN_IF_ERROR(RecordRefusal(store, s));
  return s;
}

Status Step::RunTransaction(store::Store& store, Mode mode,
                            const std::function<Status(store::Tx&)>& fn) {
  refusal_.reset();
  if (mode == Mode::kRead) return store.Read(fn);
  auto audited = [&](store::Tx& tx) -> Status {
    audited_ = false;
    refusal_.reset();
    CC_RETURN_IF_ERROR(fn(tx));
    if (!audited_)
      return Internal(resource_ + "." + action_ + " changed the store without its audit record");
    return Status::Ok();
  };
  if (mode == Mode::kAudited) return store.Write(audited);
  auto lost_race = [](const Status& s) {
    return s.code() == StatusCode::kConflict && s.field() == "vacancyId";
  };
  Status s;
  for (int attempt = 0; attempt < 20; ++attempt) {
    s = store.Write(audited);
    if (!lost_race(s)) return s;
  }
  return s;
}

Result<Relation> RelationOf(store::Tx& tx, const Principal& who, const SecureReferral& r) {
  return ToCouncil(tx, who, r.council);
}

Result<Relation> RelationOf(store::Tx& tx, const Principal& who, const Child& c) {
  return ToCouncil(tx, who, c.council);
}

Result<Relation> RelationOf(store::Tx& tx, const Principal& who, const DolOrder& o) {
  return ToCouncil(tx, who, o.council);
}

Result<Relation> RelationOf(store::Tx& tx, const Principal& who, const UnregisteredPlacement& u) {
  return ToCouncil(tx, who, u.council);
}

}  // namespace carecoop::services
