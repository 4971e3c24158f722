// A provider manages its own homes (services/workflow.h): what each can
// meet, its registered places and age range, and the vacancies it publishes
// to the hubs. A published vacancy is in the next search of every hub (the
// matching world is reloaded before it: WorldCache::Reset); a withdrawn one
// leaves it.
#include <algorithm>

#include "domain/validate.h"
#include "services/step.h"
#include "services/workflow.h"

namespace carecoop::services {
namespace {

// The home with its open vacancies and the children living there on `today`
// or booked to arrive (each holds a place).
Result<ManagedHome> Managed(store::Tx& tx, Home home, Date today) {
  ManagedHome m;
  CC_ASSIGN_OR_RETURN(auto vacancies, tx.ListBy<Vacancy>(home.id));
  for (Vacancy& v : vacancies)
    if (v.status == VacancyStatus::kOpen) m.vacancies.push_back(std::move(v));
  std::sort(m.vacancies.begin(), m.vacancies.end(), [](const Vacancy& a, const Vacancy& b) {
    return a.available_from != b.available_from ? a.available_from < b.available_from : a.id < b.id;
  });
  CC_ASSIGN_OR_RETURN(auto placements, tx.ListBy<Placement>(home.id));
  for (const Placement& p : placements)
    if (!p.end || *p.end > today) ++m.current_placements;  // living there, or booked to arrive
  m.home = std::move(home);
  return m;
}

}  // namespace

Result<std::vector<ManagedHome>> Workflow::ProviderHomes(const Principal& who) {
  std::vector<ManagedHome> out;
  Step step = Step::OnCollection(policy_, who, Now(), "home", "list");
  const Date today = Date::FromTimestamp(step.now());
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kRead, [&](store::Tx& tx) -> Status {
    out.clear();
    if (!who.provider) return PermissionDenied("only a provider's users manage its homes");
    CC_ASSIGN_OR_RETURN(auto homes, tx.ListBy<Home>(*who.provider));
    for (Home& h : homes) {
      if (h.connected_person) continue;  // kinship households are not the provider's to publish
      CC_ASSIGN_OR_RETURN(auto m, Managed(tx, std::move(h), today));
      out.push_back(std::move(m));
    }
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Placement>> Workflow::ProviderPlacements(const Principal& who) {
  std::vector<Placement> out;
  Step step = Step::OnCollection(policy_, who, Now(), "provider_placement", "list");
  const Date today = Date::FromTimestamp(step.now());
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    out.clear();
    if (!who.provider) return PermissionDenied("only a provider's users see their placements");
    CC_ASSIGN_OR_RETURN(auto homes, tx.ListBy<Home>(*who.provider));
    for (const Home& h : homes) {
      CC_ASSIGN_OR_RETURN(auto placements, tx.ListBy<Placement>(h.id));
      for (Placement& p : placements)
        if (!p.end || *p.end > today) out.push_back(std::move(p));
    }
    std::sort(out.begin(), out.end(), [](const Placement& a, const Placement& b) {
      return a.start != b.start ? b.start < a.start : b.id < a.id;
    });
    return step.Audit(tx, "placement", 0, "", DigestOfIds(out));
  }));
  return out;
}

Result<ManagedHome> Workflow::EditHome(const Principal& who, HomeId id, std::int64_t version,
                                       const HomeEdit& edit) {
  ManagedHome out;
  Step step = Step::OnRecord(policy_, who, Now(), "home", "update");
  const Date today = Date::FromTimestamp(step.now());
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Home before, step.Fetch(tx, id));
    Home after = before;
    if (edit.registered_places) after.registered_places = *edit.registered_places;
    if (edit.min_age) after.min_age = *edit.min_age;
    if (edit.max_age) after.max_age = *edit.max_age;
    if (edit.needs_met) after.needs_met = *edit.needs_met;
    if (edit.risks_managed) after.risks_managed = *edit.risks_managed;
    if (edit.max_siblings) after.max_siblings = *edit.max_siblings;
    if (edit.has_pets) after.has_pets = *edit.has_pets;
    if (edit.parent_and_child) after.parent_and_child = *edit.parent_and_child;
    after.version = version;  // Tx::Update refuses a stale version (Conflict naming "version")
    CC_RETURN_IF_ERROR(Validate(after));
    CC_ASSIGN_OR_RETURN(auto current, Managed(tx, before, today));
    const int taken = current.current_placements + static_cast<int>(current.vacancies.size());
    if (after.registered_places < taken)
      return InvalidArgument("registeredPlaces",
                             "must be at least " + std::to_string(taken) + ": " +
                                 std::to_string(current.current_placements) +
                                 " children live there and " +
                                 std::to_string(current.vacancies.size()) +
                                 " vacancies are published (withdraw one first)");
    CC_RETURN_IF_ERROR(tx.Update(after));
    CC_ASSIGN_OR_RETURN(Home stored, tx.Get<Home>(id));
    out = std::move(current);  // its vacancies and placements are as they were
    out.home = stored;
    return step.Audit(tx, "home", id.value(), RecordDigest(before), RecordDigest(stored));
  }));
  worlds_.Reset();
  return out;
}

Result<Vacancy> Workflow::PublishVacancy(const Principal& who, HomeId home_id,
                                         Date available_from) {
  Vacancy out;
  Step step = Step::OnRecord(policy_, who, Now(), "vacancy", "publish");
  const Date today = Date::FromTimestamp(step.now());
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Home home, step.Fetch(tx, home_id));  // theirs, or "no home N"
    if (home.connected_person)
      return InvalidArgument("homeId",
                             home.name + " is a kinship household: not open to referrals");
    if (available_from < today)
      return InvalidArgument("availableFrom", "must be today (" + today.ToIso() + ") or later");
    if (available_from > today.AddDays(366))
      return InvalidArgument("availableFrom", "must be within a year of today");
    CC_ASSIGN_OR_RETURN(auto current, Managed(tx, home, today));
    const int taken = current.current_placements + static_cast<int>(current.vacancies.size());
    if (taken >= home.registered_places)
      return Conflict(home.name + " has " + std::to_string(home.registered_places) +
                          " registered places: " + std::to_string(current.current_placements) +
                          " children live there and " + std::to_string(current.vacancies.size()) +
                          " vacancies are published",
                      "homeId");
    Vacancy v;
    v.home = home_id;
    v.available_from = available_from;
    v.status = VacancyStatus::kOpen;
    CC_ASSIGN_OR_RETURN(VacancyId id, tx.Create(v));
    CC_ASSIGN_OR_RETURN(out, tx.Get<Vacancy>(id));
    return step.Audit(tx, "vacancy", id.value(), "", RecordDigest(out));
  }));
  worlds_.Reset();
  return out;
}

Result<Vacancy> Workflow::WithdrawVacancy(const Principal& who, VacancyId id) {
  Vacancy out;
  Step step = Step::OnRecord(policy_, who, Now(), "vacancy", "withdraw");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Vacancy v, step.Fetch(tx, id));
    if (v.status != VacancyStatus::kOpen)
      return Conflict("vacancy " + std::to_string(id.value()) + " is " +
                          std::string(EnumLabel(v.status)) + ": only an open one is withdrawn",
                      "status");
    std::string before = RecordDigest(v);
    v.status = VacancyStatus::kWithdrawn;
    CC_RETURN_IF_ERROR(tx.Update(v));
    out = v;
    return step.Audit(tx, "vacancy", id.value(), before, RecordDigest(v));
  }));
  worlds_.Reset();
  return out;
}

}  // namespace carecoop::services
