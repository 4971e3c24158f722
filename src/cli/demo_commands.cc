#include "cli/demo_commands.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "cli/fail.h"
#include "cli/open_rcc.h"
#include "core/env.h"
#include "services/matching.h"
#include "services/workflow.h"
#include "store/store.h"

namespace carecoop::cli {

namespace {

// The national secure welfare queue in the demo (docs/national.md, "Secure
// welfare"). A region's synthetic data has no secure children's home
// (England's 14 lie elsewhere) and no referral asking for a deprivation of
// liberty, so the demo adds, as synthetic data: one council-run secure
// children's home in the RCC with two beds free, and a deprivation of
// liberty on three open referrals of children aged 12 to 17; then the hub
// refers them to the queue and the national commissioner records one
// placed across the border, leaving two for the daily match.
int SecureWelfareDemo(store::Store& store, services::Workflow& wf, const Rcc& rcc,
                      const std::function<void()>& step, std::ostream& out, std::ostream& err) {
  std::vector<ReferralId> cases;
  Status made = store.Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(auto homes, tx.List<Home>());
    const bool have_secure = std::any_of(homes.begin(), homes.end(), [](const Home& h) {
      return h.setting == Setting::kSecureChildrensHome;
    });
    if (!have_secure && !rcc.member_councils.empty()) {
      CC_ASSIGN_OR_RETURN(auto providers, tx.List<Provider>());
      std::optional<ProviderId> council_run;
      CouncilId where = rcc.member_councils.front();
      for (const Provider& p : providers)
        if (p.ownership == Ownership::kCouncil && p.council &&
            std::find(rcc.member_councils.begin(), rcc.member_councils.end(), *p.council) !=
                rcc.member_councils.end()) {
          council_run = p.id;
          where = *p.council;
          break;
        }
      if (council_run) {
        CC_ASSIGN_OR_RETURN(Council council, tx.Get(where));
        Home h;
        h.provider = *council_run;
        h.name = "Synthetic Secure Centre";
        h.setting = Setting::kSecureChildrensHome;
        h.ofsted_urn = "SC900001";
        h.ofsted_rating = OfstedRating::kGood;
        h.council = where;
        h.location = council.location;
        h.registered_places = 8;
        h.min_age = 10;
        h.max_age = 17;
        h.needs_met = {Need::kTherapeuticSupport, Need::kAdditionalSupervision};
        h.risks_managed = {
            Risk::kSelfHarm,           Risk::kMissing,     Risk::kCriminalExploitation,
            Risk::kSexualExploitation, Risk::kDrugAlcohol, Risk::kToOthersPhysical};
        h.max_support_ratio = SupportRatio::kTwoToOne;
        h.max_siblings = 0;
        CC_ASSIGN_OR_RETURN(HomeId id, tx.Create(h));
        for (int i = 0; i < 2; ++i)
          CC_RETURN_IF_ERROR(
              tx.Create(Vacancy{.home = id, .available_from = Date(2025, 3, 1)}).status());
      }
    }
    CC_ASSIGN_OR_RETURN(auto referrals, tx.List<Referral>(store::Scope::Of(rcc.id)));
    for (Referral& r : referrals) {
      if (cases.size() == 3) break;
      if (r.status != ReferralStatus::kOpen || r.deprivation_of_liberty.value_or(false)) continue;
      CC_ASSIGN_OR_RETURN(Child c, tx.Get(r.child));
      const int age = AgeInYears(c.date_of_birth, r.referral_date);
      if (age < 12 || age > 17) continue;
      r.deprivation_of_liberty = true;
      CC_RETURN_IF_ERROR(tx.Update(r));
      cases.push_back(r.id);
    }
    return Status::Ok();
  });
  if (!made.ok()) return Fail(err, made);
  const services::Principal hub{0, "demo.hub", Role::kHubOfficer, {}, rcc.id, {}};
  const services::Principal secure{0, "demo.secure", Role::kNationalCommissioner, {}, {}, {}};
  std::vector<SecureReferral> referred;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    step();
    auto r = wf.ReferToSecureWelfare(hub, cases[i], i != 1);
    if (!r.ok()) return Fail(err, r.status());
    referred.push_back(*r);
  }
  if (!referred.empty()) {
    step();
    auto scotland = wf.ActOnSecureReferral(
        secure, referred.back().id,
        {"across_border", referred.back().version, std::nullopt, "", "a secure unit in Scotland"});
    if (!scotland.ok()) return Fail(err, scotland.status());
  }
  out << "Secure welfare: " << referred.size()
      << " children referred to the national queue (one placed across the border)\n";
  return 0;
}

// The national body lets a national framework for a rare need
// (docs/national.md, "National contracts"): children's homes for young
// people 10 to 17 who need two-to-one care (the specialist band), with the
// first private provider running children's homes; and a national block of
// four places for young people 12 to 17 stepping down from secure care
// (complex band) in the children's homes of the next private provider that
// has them, its voids shared by the RCCs in proportion to their children
// placed. Every RCC calls both off.
int NationalContractDemo(store::Store& store, services::Workflow& wf, Date today,
                         const std::function<void()>& step, std::ostream& out, std::ostream& err) {
  std::vector<ProviderId> providers;  // private providers of children's homes, in home order
  std::map<ProviderId, std::vector<HomeId>> homes_of;
  std::map<ProviderId, int> places_of;
  Status read = store.Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(auto homes, tx.List<Home>());
    CC_ASSIGN_OR_RETURN(auto all, tx.List<Provider>());
    std::set<std::int64_t> private_providers;
    for (const Provider& p : all)
      if (p.ownership != Ownership::kCouncil) private_providers.insert(p.id.value());
    for (const Home& h : homes)
      if (h.setting == Setting::kChildrensHome && private_providers.count(h.provider.value())) {
        if (!homes_of.count(h.provider)) providers.push_back(h.provider);
        homes_of[h.provider].push_back(h.id);
        places_of[h.provider] += h.registered_places;
      }
    return Status::Ok();
  });
  if (!read.ok()) return Fail(err, read);
  if (providers.empty()) {
    out << "National contracts: no private provider runs a children's home; none let\n";
    return 0;
  }
  const services::Principal national{0, "demo.secure", Role::kNationalCommissioner, {}, {}, {}};
  step();
  FeeBand lot{NeedBand::kSpecialist,
              Pence::FromPounds(9'200),
              "N-CH-2TO1",
              Setting::kChildrensHome,
              10,
              17};
  auto let = wf.LetNationalContract(national, {.provider = providers.front(),
                                               .reference = "NAT-RARE-CH-2TO1",
                                               .start = Date(today.year() - 1, 4, 1),
                                               .end = Date(today.year() + 2, 3, 31),
                                               .fees = {lot},
                                               .uplift_cap_bp = 300});
  if (!let.ok() && let.status().code() == StatusCode::kConflict) {
    out << "National contracts: NAT-RARE-CH-2TO1 is let already\n";  // a second run
    return 0;
  }
  if (!let.ok()) return Fail(err, let.status());
  out << "National contracts: " << let->reference << " let with " << let->provider_name
      << ", called off by " << let->call_offs.size() << " RCCs\n";
  auto block_provider = std::find_if(providers.begin() + 1, providers.end(),
                                     [&](ProviderId p) { return places_of[p] >= 4; });
  if (block_provider == providers.end()) {
    out << "National contracts: no second provider has four children's home places; no block\n";
    return 0;
  }
  FeeBand place{
      NeedBand::kComplex, Pence::FromPounds(7'800), "N-SD-1", Setting::kChildrensHome, 12, 17};
  auto block = wf.LetNationalContract(national, {.provider = *block_provider,
                                                 .reference = "NAT-BLOCK-STEP-DOWN",
                                                 .start = Date(today.year() - 1, 4, 1),
                                                 .end = Date(today.year() + 2, 3, 31),
                                                 .fees = {place},
                                                 .uplift_cap_bp = 300,
                                                 .type = ContractType::kBlock,
                                                 .block_places = 4,
                                                 .block_homes = homes_of[*block_provider],
                                                 .void_shares_bp = {}});
  if (!block.ok()) return Fail(err, block.status());
  out << "National contracts: " << block->reference << " (a block of 4 places) let with "
      << block->provider_name << ", its voids shared by " << block->call_offs.size() << " RCCs\n";
  return 0;
}

// The registers of liberty in the demo (docs/national.md, "Deprivation of
// liberty and unregistered settings"), as synthetic data: the hub records,
// for four of the RCC's children aged 12 to 17 in a children's home, a
// deprivation of liberty order in a registered home (review overdue), two
// orders with the child in an unregistered setting (one there five months
// at £14,500 a week, past its exit date; one three weeks), and a stay in an
// unregistered setting without an order that ended.
int LibertyRegisterDemo(store::Store& store, services::Workflow& wf, const Rcc& rcc, Date today,
                        const std::function<void()>& step, std::ostream& out, std::ostream& err) {
  std::vector<ChildId> children;
  Status read = store.Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(auto placements, tx.List<Placement>(store::Scope::Of(rcc.id)));
    CC_ASSIGN_OR_RETURN(auto homes, tx.List<Home>(store::Scope::Of(rcc.id)));
    std::set<std::int64_t> childrens_homes;
    for (const Home& h : homes)
      if (h.setting == Setting::kChildrensHome) childrens_homes.insert(h.id.value());
    std::set<std::int64_t> seen;
    for (const Placement& p : placements) {
      if (children.size() == 4) break;
      if (p.end || !p.home || !childrens_homes.count(p.home->value())) continue;
      if (!seen.insert(p.child.value()).second) continue;
      CC_ASSIGN_OR_RETURN(Child c, tx.Get(p.child));
      const int age = AgeInYears(c.date_of_birth, today);
      if (age >= 12 && age <= 17 && c.date_of_birth < today.AddDays(-400))
        children.push_back(p.child);
    }
    return Status::Ok();
  });
  if (!read.ok()) return Fail(err, read);
  if (children.size() < 4) {
    out << "Liberty register: too few children aged 12 to 17 in children's homes; none recorded\n";
    return 0;
  }
  const services::Principal hub{0, "demo.hub", Role::kHubOfficer, {}, rcc.id, {}};
  const std::string court = "High Court, Family Division";
  struct Case {
    int started_days_ago, review_in_days;
    bool registered;
    std::optional<int> stay_days_ago;  // in an unregistered setting since
  };
  const Case cases[] = {{200, -10, true, std::nullopt}, {150, 30, false, 150}, {21, 60, false, 21}};
  int orders = 0, stays = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    const Case& c = cases[i];
    step();
    auto o =
        wf.RecordDolOrder(hub, children[i],
                          {court, today.AddDays(-c.started_days_ago), std::nullopt,
                           today.AddDays(c.review_in_days), Setting::kChildrensHome, c.registered});
    if (!o.ok()) return Fail(err, o.status());
    ++orders;
    if (!c.stay_days_ago) continue;
    step();
    const Date start = today.AddDays(-*c.stay_days_ago);
    auto u = wf.RecordUnregistered(
        hub, children[i],
        {i == 1 ? "a rented house with agency staff, two to one"
                : "a holiday let with agency staff",
         start, std::nullopt, Pence::FromPounds(i == 1 ? 14'500 : 11'000),
         "a registered children's home with a bed for a child with these needs",
         i == 1 ? today.AddDays(-30) : today.AddDays(40), o->id});
    if (!u.ok()) return Fail(err, u.status());
    ++stays;
  }
  step();
  auto ended = wf.RecordUnregistered(
      hub, children[3],
      {"a flat with agency staff", today.AddDays(-120), today.AddDays(-60),
       Pence::FromPounds(9'500), "moved to a registered home", today.AddDays(-60), std::nullopt});
  if (!ended.ok()) return Fail(err, ended.status());
  ++stays;
  out << "Liberty register: " << orders << " deprivation of liberty orders and " << stays
      << " stays in unregistered settings recorded\n";
  return 0;
}

}  // namespace

int DemoActivity(const DemoActivityArgs& args, std::ostream& out, std::ostream& err) {
  auto day = Date::ParseIso(args.today, "today");
  if (!day.ok()) return Fail(err, day.status());
  if (args.referrals < 1 || args.referrals > 200)
    return Fail(err, InvalidArgument("referrals", "must be from 1 to 200"));
  auto opened = OpenRccStore(args.store_url, args.rcc);
  if (!opened.ok()) return Fail(err, opened.status());
  store::Store& store = *opened->store;
  const Rcc& rcc = opened->rcc;

  // The demo's clock: the day `today` at an hour before this time of day (as
  // `carecoop serve --today` runs it), each step 20 seconds after the last,
  // so offers made now stay open for the 48 hours of the demo's window.
  const Timestamp real = Env::Default().Now();
  const auto into_day = real - std::chrono::floor<std::chrono::days>(real);
  Timestamp now = day->sys_days() + std::max<std::chrono::seconds>(
                                        std::chrono::seconds(0),
                                        std::chrono::duration_cast<std::chrono::seconds>(into_day) -
                                            std::chrono::hours(1));
  services::WorkflowOptions options;
  options.clock = [&now] { return now; };
  services::Workflow wf(store, options);
  auto step = [&now] { now += std::chrono::seconds(20); };

  const services::Principal hub{0, "demo.hub", Role::kHubOfficer, {}, rcc.id, {}};
  const services::Principal scrutiny{0, "demo.scrutiny", Role::kScrutinyOfficer, {}, rcc.id, {}};
  auto provider_user = [&](ProviderId p) {
    return services::Principal{
        0,
        p.value() == args.provider ? "demo.provider" : "provider-" + std::to_string(p.value()),
        Role::kProvider,
        {},
        {},
        p};
  };

  auto queue = wf.Queue(hub);
  if (!queue.ok()) return Fail(err, queue.status());
  int sent = 0, offers = 0, awaiting_answer = 0, proposed = 0, placed = 0;
  for (const services::QueueEntry& q : *queue) {
    if (sent >= args.referrals) break;
    const Referral& r = q.referral;
    if (r.status != ReferralStatus::kOpen || r.needed_by == NeededBy::kToday) continue;
    auto ranked = wf.Options(hub, r.id, 5);
    if (!ranked.ok() || ranked->ranking.options.empty()) continue;
    services::Workflow::SendOptions send;
    send.confirm_identifiers = true;  // synthetic summaries hold no identifiers
    step();
    auto out_sent = wf.SendToProviders(hub, r.id, send);
    if (!out_sent.ok()) continue;
    ++sent;
    // One in four referrals sent to the demo provider waits for its answer.
    std::set<ProviderId> recipients;
    for (const auto& x : out_sent->recipients) recipients.insert(x.provider);
    const bool wait_for_demo = recipients.count(ProviderId(args.provider)) != 0 && sent % 4 == 1;
    if (wait_for_demo) ++awaiting_answer;
    // Offers from the providers of the top-ranked homes, at their contracted fee.
    std::vector<OfferId> made;
    std::set<ProviderId> answered;
    for (std::size_t i = 0; i < ranked->ranking.options.size() && made.size() < 2; ++i) {
      const match::Option& o = ranked->ranking.options[i];
      // The home is read in its own transaction; the offer goes through the workflow after it.
      Home h;
      if (!store
               .Read([&](store::Tx& tx) -> Status {
                 CC_ASSIGN_OR_RETURN(h, tx.Get<Home>(o.home_id));
                 return Status::Ok();
               })
               .ok())
        continue;
      if (answered.count(h.provider) || !recipients.count(h.provider) ||
          (wait_for_demo && h.provider == ProviderId(args.provider)))
        continue;
      answered.insert(h.provider);
      Offer offer;
      offer.home = h.id;
      offer.status = OfferStatus::kOffered;
      offer.core_fee = o.weekly_fee.value() > 0                    ? o.weekly_fee
                       : h.setting == Setting::kFosteringHousehold ? Pence::FromPounds(950)
                                                                   : Pence::FromPounds(4800);
      offer.start_date = std::max(Date::FromTimestamp(now), r.latest_start_date.AddDays(-3));
      offer.conditions = "An introductory visit first";
      step();
      auto answer = wf.Respond(provider_user(h.provider), r.id, offer);
      if (answer.ok()) made.push_back(answer->id);
    }
    offers += static_cast<int>(made.size());
    if (made.empty() || sent % 3 == 0) continue;  // a third keep their offers open
    const ChildView views[] = {ChildView::kWants, ChildView::kDoesNotMind};
    for (std::size_t i = 0; i < made.size(); ++i) {
      step();
      (void)wf.RecordChildView(hub, made[i], views[std::min<std::size_t>(i, 1)],
                               i == 0 ? "It is near my family and I can stay at my school"
                                      : "It looks fine but it is further away");
    }
    step();
    auto proposal = wf.Propose(hub, r.id, made[0], "", "Preferred by the child; meets the needs");
    if (!proposal.ok()) continue;
    ++proposed;
    if (proposal->placement) {
      ++placed;
      continue;
    }
    if (sent % 3 == 1) {  // some are decided; the rest await scrutiny
      step();
      auto decided = wf.Decide(scrutiny, proposal->proposal.id, ScrutinyOutcome::kApproved,
                               "Meets the assessed needs; the child's view is followed");
      if (decided.ok() && decided->placement) ++placed;
    }
  }
  out << "Demo activity in " << rcc.code << ": " << sent << " referrals sent to providers ("
      << awaiting_answer << " awaiting the demo provider's answer), " << offers << " offers, "
      << proposed << " proposed, " << placed << " booked\n";
  if (int rc = SecureWelfareDemo(store, wf, rcc, step, out, err); rc != 0) return rc;
  if (int rc = NationalContractDemo(store, wf, *day, step, out, err); rc != 0) return rc;
  return LibertyRegisterDemo(store, wf, rcc, *day, step, out, err);
}

}  // namespace carecoop::cli
