// The referral-to-placement workflow of an RCC hub, step by step, each step
// one transaction that checks who is asking (AccessPolicy), validates, writes
// and appends its audit record together:
//
//   1. a social worker writes a referral for a child of their council and
//      submits it to the hub;
//   2. the hub sees its queue (most urgent, then longest waiting), ranks the
//      options (matching engine) and sends the referral to every provider
//      with an eligible home at once, with a deadline for offers;
//   3. a provider sees the referral anonymised and offers a home (a weekly
//      fee with its breakdown) or declines with a reason;
//   4. the hub proposes one offer, with the child's views and, when it is
//      not the top-ranked option, why;
//   5. an independent scrutiny officer approves or sends it back with
//      reasons. An emergency (needed today) is booked when proposed and must
//      be scrutinised within 72 hours; OverdueScrutinies lists the late ones;
//   6. approval books the place, once: the store's UNIQUE placement.vacancy_id
//      makes the loser of a race a Conflict (HTTP 409);
//   7. the placement is priced from the provider's contract and a weekly
//      payment schedule charged to the child's council's budget line is made;
//   8. ending a placement records the SSDA903 reason, frees the place and
//      closes the payments.
//
// The HTTP API (src/api/) is a thin layer over this class.
#ifndef CARECOOP_SERVICES_WORKFLOW_H_
#define CARECOOP_SERVICES_WORKFLOW_H_

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "forecast/sufficiency.h"
#include "market/admission.h"
#include "market/fair_price.h"
#include "market/invoices.h"
#include "market/oversight.h"
#include "market/recruitment.h"
#include "match/policy.h"
#include "services/access.h"
#include "services/liberty_register.h"
#include "services/matching.h"
#include "services/national_contracts.h"
#include "services/national_returns.h"
#include "services/oversight.h"
#include "services/secure_welfare.h"
#include "services/simulation_jobs.h"
#include "services/stability.h"
#include "store/store.h"

namespace carecoop::services {

using Clock = std::function<Timestamp()>;

struct WorkflowOptions {
  Clock clock;  // required
  match::MatchPolicy match_policy;
  std::chrono::hours default_offer_window{48};  // when the hub names no deadline
  std::chrono::hours scrutiny_window{72};       // for emergency placements
  int payment_weeks = 52;                       // weeks scheduled at booking
  double fair_price_threshold_percent = 10;     // a fee this far above its fair price is flagged
  std::chrono::seconds world_max_age{30};       // WorldCache
  // Market oversight's entry test and risk thresholds (docs/oversight.md).
  market::EntryConditions entry_conditions;
  market::RiskThresholds risk_thresholds;
};

struct QueueEntry {
  Referral referral;
  std::string council;
  std::int64_t waiting_days = 0;  // since it was created
};

struct Recipient {
  ProviderId provider;
  std::string name;
  int eligible_homes = 0;
};

struct SendResult {
  Referral referral;
  Timestamp deadline{};
  std::vector<Recipient> recipients;
};

// What a provider sees: the referral with the child's identity taken out
// (no child or council record, no officers' names, no points, only the
// places' labels), the child's age in years, and the provider's own homes
// that are eligible.
struct AnonymisedReferral {
  Referral referral;  // scrubbed: see AnonymisedReferral above
  int age_years = 0;
  Sex sex = Sex::kMale;
  std::string area;  // the child's council's name: where the child is from
  Timestamp offers_close{};
  std::vector<HomeId> eligible_homes;
};

struct ProposalOutcome {
  Proposal proposal;
  std::optional<Placement> placement;  // an emergency is booked at once
};

struct DecisionOutcome {
  Proposal proposal;
  ScrutinyDecision decision;
  std::optional<Placement> placement;
};

struct OverdueScrutiny {
  Proposal proposal;
  Placement placement;
  Timestamp due{};
};

struct EndRequest {
  Date end;
  std::string reason_place_change;  // SSDA903 REASON_PLACE_CHANGE (required)
  std::string reason_ceased;        // SSDA903 REC when care ends too, else ""
};

// One RCC's figures for the national layer: counts only, and counts under
// kSmallNumber are suppressed (null), as published statistics do.
inline constexpr std::int64_t kSmallNumber = 5;
struct NationalRow {
  RccId rcc;  // its number in the API (/api/rccs/{id}/...)
  std::string rcc_code;
  std::string rcc_name;
  std::optional<std::int64_t> open_referrals;
  std::optional<std::int64_t> current_placements;
  std::optional<std::int64_t> emergency_placements;
  std::optional<Pence> mean_weekly_fee;
};

// A child of the person's council in care on the day, with their referral
// still in progress (draft, open, sent, proposed or approved), if any.
struct ChildEntry {
  Child child;
  int age_years = 0;
  std::optional<Referral> referral;
};

// One step of a referral's story, from the audit trail: who did what, when,
// to the referral or to one of its offers, proposals or its placement.
struct TimelineEntry {
  std::string at;  // ISO 8601, as the trail holds it
  std::string actor;
  std::string action;    // "referral.submit", "offer.create", ...
  std::string resource;  // "referral", "offer", "proposal", "placement"
  std::int64_t resource_id = 0;
};

// A provider's home as the provider manages it: the home, its open
// vacancies (each published to the hubs), and the children living there.
struct ManagedHome {
  Home home;
  std::vector<Vacancy> vacancies;  // open ones, earliest first
  int current_placements = 0;      // living there, or booked to arrive
};

// What a provider may change about its home (docs/api.md).
struct HomeEdit {
  std::optional<int> registered_places;
  std::optional<int> min_age;
  std::optional<int> max_age;
  std::optional<NeedSet> needs_met;
  std::optional<RiskSet> risks_managed;
  std::optional<int> max_siblings;
  std::optional<bool> has_pets;
  std::optional<bool> parent_and_child;  // approved for a parent with their baby
};

// Spend from the payments: what an RCC pays (scheduled or paid, not
// cancelled) for weeks starting in [from, to), by the child's council and by
// the route that bought the place.
struct SpendLine {
  std::string key;  // council name, or contract route code ("framework", ..., "no_contract")
  std::string label;
  Pence amount;
  std::int64_t weeks = 0;  // payments counted
};
struct Spend {
  Date from, to;
  Pence total;
  std::vector<SpendLine> by_council;
  std::vector<SpendLine> by_route;
};

// One row of an RCC's contracts register (services/contracts.cc).
struct ContractRow {
  Contract contract;
  std::string provider;         // the provider's name
  std::string inherited_from;   // the member council's name, or "" (let by the RCC)
  int placements_in_force = 0;  // placements under it on the day
  int places = 0;               // reserved places (block), else placements in force
  Pence spend_last_year;        // weekly fees x days in force in the 365 days to the day / 7
  Pence standard_fee_now;       // the first band's fee on the day, after uplifts (0: none)
};

// An RCC's invoices to joint funders for payments in a period
// (services/payments.cc): each council's ICB and education budget.
struct InvoiceRow {
  market::Invoice invoice;
  std::string council;  // the council's name
  std::string payer;    // "<council> ICB share" or "<council> education (high needs)"
};
struct Invoices {
  Date from, to;
  Pence total;
  std::vector<InvoiceRow> invoices;
};

// An RCC's framework or DPS with its admissions (services/frameworks.cc).
struct FrameworkAdmission {
  Contract contract;     // the admission: one fee line per lot
  std::string provider;  // the provider's name
};
struct FrameworkRow {
  Framework framework;
  std::optional<Date> next_admission;  // the next day it admits a new provider (from the day)
  std::vector<FrameworkAdmission> admissions;
};

// One of a provider's own contracts, with whom (services/frameworks.cc).
struct ProviderContract {
  Contract contract;
  std::string rcc;         // the RCC's name
  std::string framework;   // the framework's title, or ""
  Pence standard_fee_now;  // the first line's fee on the day, after uplifts
};

// What a payments run did (services/payments.cc).
struct PaymentRunOutcome {
  PaymentRun run;
  bool already_run = false;  // the week had been run: this is that run, nothing was paid again
  std::vector<BlockUtilisation> blocks;  // each block contract's week (a new run only)
};

// One line of a provider's remittance advice.
struct RemittanceLine {
  PaymentId payment;  // none for a void
  PlacementId placement;
  std::string home;  // the home's name, or the block contract for a void
  Date week_start;
  Pence core, staffing, education, transport;
  Pence amount;      // negative for a recovery
  std::string kind;  // "payment", "void" or "recovery"
};

// What one payments run paid a provider, line by line.
struct Remittance {
  PaymentRunId run;
  Date week_from;
  Date paid_on;
  Pence total;
  std::vector<RemittanceLine> lines;
};

// One council's line of the pooled budget for a year, beside its spend so
// far and forecast to the year's end (services/budget.cc).
struct BudgetRow {
  CouncilId council;  // none for the RCC's total
  std::string name;
  Pence budget, spend_to_date, forecast, variance;  // variance = forecast - budget
  // How the rest of the year was forecast: "demand model" (the SSDA903
  // demand forecast at current unit costs) or "past starts" (the fallback:
  // placements in force plus last year's starts, pro rata); "" for the total.
  std::string forecast_method;
};
struct Budget {
  int year = 0;  // the financial year starting 1 April of it
  Date day;      // spend to this day; forecast from it
  bool set = false;
  ContributionBasis basis = ContributionBasis::kChildrenInCare;
  std::vector<BudgetRow> councils;
  BudgetRow total;
};

// The RCC's own foster carers (services/recruitment.cc): the recruitment
// funnel over [from, to) and the Ofsted fostering fields on `day`.
struct Fostering {
  Date from, to, day;
  market::Funnel funnel;
  int households = 0, approved_places = 0, filled = 0, vacant = 0;
  int unavailable = 0;  // approved - filled - vacant: carers on hold, places kept
};

// A placement beside its fair-price estimate (services/hub.cc).
struct PricedPlacement {
  Placement placement;
  std::optional<market::FeeAgainstFairPrice> fair;  // none when the home is not known
};

// An offer beside its fair-price estimate (market/fair_price.h), for the
// hub before proposing (services/hub.cc).
struct PricedOffer {
  Offer offer;
  std::optional<market::FeeAgainstFairPrice> fair;  // none when the fee or estimate is not known
};

class Workflow {
 public:
  Workflow(store::Store& store, WorkflowOptions options,
           const AccessPolicy& policy = AccessPolicy::Default());

  // 1. Referrals.
  // The children in care of the person's council (a social worker's), with
  // the referral in progress for each; audited as one read of them.
  Result<std::vector<ChildEntry>> Children(const Principal& who);
  Result<Referral> CreateReferral(const Principal& who, Referral draft);
  // Applies `edit` to the stored referral at `version` (Conflict when stale).
  // The child, council, status and creation time cannot be edited.
  Result<Referral> UpdateReferral(const Principal& who, ReferralId id, std::int64_t version,
                                  const std::function<Status(Referral&)>& edit);
  Result<Referral> SubmitReferral(const Principal& who, ReferralId id);
  Result<Referral> GetReferral(const Principal& who, ReferralId id);  // audited
  Result<std::vector<Referral>> ListReferrals(const Principal& who,
                                              std::optional<ReferralStatus> status);
  // Withdraws a referral no longer needed (draft, open or sent to providers),
  // with why; offers still open lapse with it.
  Result<Referral> WithdrawReferral(const Principal& who, ReferralId id, std::string reason);
  // Every step of the referral, its offers, proposals and placement, from the
  // audit trail, oldest first (the person must be able to read the referral).
  Result<std::vector<TimelineEntry>> Timeline(const Principal& who, ReferralId id);

  // 2. The hub.
  Result<std::vector<QueueEntry>> Queue(const Principal& who);
  Result<RankedReferral> Options(const Principal& who, ReferralId id, int top);
  // What the hub sends with a referral: a deadline for offers, an edited
  // provider summary (replacing the social worker's), and whether it
  // confirms the personal identifiers the checker found in the summary
  // (core/identifiers.h): without confirmation, a finding refuses the send
  // (InvalidArgument naming providerSummary and listing them).
  struct SendOptions {
    std::optional<Timestamp> deadline;
    std::optional<std::string> provider_summary;
    bool confirm_identifiers = false;
  };
  Result<SendResult> SendToProviders(const Principal& who, ReferralId id, SendOptions send);
  Result<std::vector<Offer>> ListOffers(const Principal& who, ReferralId id);
  // The same offers, each beside the fair price of a place in its home for
  // this child (setting, places, the child's ratio, band and age, the
  // home's region's pay), the difference and whether it is above the
  // threshold.
  Result<std::vector<PricedOffer>> ListOffersPriced(const Principal& who, ReferralId id);

  // 3. Providers.
  Result<std::vector<AnonymisedReferral>> ProviderReferrals(const Principal& who);
  Result<AnonymisedReferral> ProviderReferral(const Principal& who, ReferralId id);
  // An offer (status offered, fees and start date) or a decline (status
  // declined, decline_reason) for one of the provider's homes.
  Result<Offer> Respond(const Principal& who, ReferralId id, Offer response);
  // The provider withdraws its open offer, with why.
  Result<Offer> WithdrawOffer(const Principal& who, OfferId id, std::string reason);
  // The children placed in the provider's homes: living there or booked to
  // arrive (not ended), newest first; the API shows them without the
  // child's record.
  Result<std::vector<Placement>> ProviderPlacements(const Principal& who);
  // The offers made from the provider's homes, newest first.
  Result<std::vector<Offer>> ProviderOffers(const Principal& who);
  // The provider's homes with their open vacancies; edits to a home at
  // `version`; publishing a vacancy from a date; withdrawing an open one.
  Result<std::vector<ManagedHome>> ProviderHomes(const Principal& who);
  Result<ManagedHome> EditHome(const Principal& who, HomeId id, std::int64_t version,
                               const HomeEdit& edit);
  Result<Vacancy> PublishVacancy(const Principal& who, HomeId home, Date available_from);
  Result<Vacancy> WithdrawVacancy(const Principal& who, VacancyId id);

  // 4-6. Proposal, scrutiny, booking.
  // The hub records the child's view of an offered home (and why, in the
  // child's words) before proposing.
  Result<Offer> RecordChildView(const Principal& who, OfferId id, ChildView view, std::string why);
  // Proposes an open offer whose child's view is recorded. `child_views`,
  // when blank, is the recorded view of the offer. A proposal against the
  // child's view (they do not want this home, or want another offered one)
  // needs `reason_against_child_view`.
  Result<ProposalOutcome> Propose(const Principal& who, ReferralId id, OfferId offer,
                                  std::string child_views, std::string reason_not_top,
                                  std::string reason_against_child_view = "");
  Result<Proposal> GetProposal(const Principal& who, ProposalId id);
  Result<std::vector<Proposal>> ListProposals(const Principal& who,
                                              std::optional<ProposalStatus> status);
  Result<DecisionOutcome> Decide(const Principal& who, ProposalId id, ScrutinyOutcome outcome,
                                 std::string reasons);
  Result<std::vector<OverdueScrutiny>> OverdueScrutinies(const Principal& who);

  // 7-8. Placements and payments.
  Result<Placement> GetPlacement(const Principal& who, PlacementId id);
  Result<std::vector<Placement>> ListPlacements(const Principal& who, bool current_only);
  Result<Placement> EndPlacement(const Principal& who, PlacementId id, const EndRequest& request);
  Result<std::vector<Payment>> ListPayments(const Principal& who, PlacementId id);

  // Region-wide assignment of the RCC's open referrals (services/matching.h),
  // by one sourcing policy, or both side by side.
  Result<RegionPlan> Assignment(const Principal& who, SourcingPolicy policy);
  Result<PolicyComparison> CompareSourcing(const Principal& who);

  // What RCC `rcc` spent for weeks starting in [from, to) (services/spend.cc).
  Result<Spend> SpendOf(const Principal& who, RccId rcc, Date from, Date to);

  // RCC `rcc`'s contracts register on `day`: every contract, inherited or
  // let, with its route, provider, places, spend, expiry and the RCC's
  // decision (services/contracts.cc).
  Result<std::vector<ContractRow>> ContractRegister(const Principal& who, RccId rcc, Date day);
  // National contracts for rare needs (services/national_contracts.h): let
  // one (a framework's or a block's call-off for every RCC, in force; a
  // block's void shares set), and list them with the placements bought under
  // each on `day` (default today) and a block's ledger of weeks.
  Result<NationalContract> LetNationalContract(const Principal& who,
                                               const NationalContractInput& in);
  Result<NationalContractList> NationalContracts(const Principal& who, std::optional<Date> day);
  // The providers with homes (of `setting` when given), by name, each with
  // those homes: what a national contract is let with.
  Result<std::vector<DirectoryProvider>> ProviderDirectory(const Principal& who,
                                                           std::optional<Setting> setting);

  // The policy simulator as jobs (services/simulation_jobs.h). Start: the
  // request checked (InvalidArgument naming the field; its RCCs the
  // store's), the start audited, Conflict while another runs; the job
  // reads the world and runs in its own thread.
  Result<SimulationJob> StartSimulation(const Principal& who, SimulationRequest request);
  Result<SimulationJob> Simulation(const Principal& who, std::int64_t id);
  Result<std::vector<SimulationJob>> Simulations(const Principal& who);
  // A new contract of the RCC. Refused naming the field, nothing stored:
  // anything Validate(Contract) refuses (negative fees, a block over 10
  // years, ...), a block reserving more places than its homes have or
  // naming another provider's home, a term overlapping another live
  // contract of the same provider and route.
  Result<Contract> CreateContract(const Principal& who, RccId rcc, Contract contract);
  // Moves a contract along its lifecycle (CanMove) and/or records the RCC's
  // decision on an inherited one; `version` must be the stored one.
  Result<Contract> ChangeContract(const Principal& who, ContractId id, std::int64_t version,
                                  std::optional<ContractStatus> status,
                                  std::optional<RegisterDecision> decision);

  // RCC `rcc`'s frameworks and DPS with their lots and admissions, the
  // next admission day counted from `day` (services/frameworks.cc).
  Result<std::vector<FrameworkRow>> Frameworks(const Principal& who, RccId rcc, Date day);
  // A new framework or DPS of the RCC; anything Validate(Framework) refuses,
  // or a reference the RCC already uses, is refused naming the field.
  Result<Framework> CreateFramework(const Principal& who, RccId rcc, Framework framework);
  // Admits `provider` to `framework` on `on` at a fee per lot
  // (market/admission.h's rules): the admission contract, stored and audited.
  Result<Contract> Admit(const Principal& who, FrameworkId framework, ProviderId provider, Date on,
                         const std::vector<market::LotFee>& lots);
  // The signed-in provider's own contracts and admissions with every RCC.
  Result<std::vector<ProviderContract>> ProviderContracts(const Principal& who, Date day);

  // The weekly payments run of RCC `rcc` for the seven days from
  // `week_from` (services/payments.cc). Idempotent: a week already run
  // answers with that run, already_run set.
  Result<PaymentRunOutcome> RunPayments(const Principal& who, RccId rcc, Date week_from);
  // The RCC's payments runs, newest first.
  Result<std::vector<PaymentRun>> PaymentRuns(const Principal& who, RccId rcc);
  // ListPlacements with each placement's weekly fee beside its fair-price
  // estimate (the home's setting and size, the child's need band and age at
  // the start, the ratio the referral asked for), flagged above
  // WorkflowOptions::fair_price_threshold_percent.
  Result<std::vector<PricedPlacement>> ListPlacementsPriced(const Principal& who,
                                                            bool current_only);
  // RCC `rcc`'s invoices to health and education for what it paid for weeks
  // starting in [from, to): the jointly funded placements' shares
  // (market/invoices.h).
  Result<Invoices> InvoicesOf(const Principal& who, RccId rcc, Date from, Date to);
  // Records the agreed funding shares of a placement (basis points of its
  // cost paid by health and by education; the rest social care's). Invoices
  // read the shares when they are made, so a change applies to every invoice
  // made after it, for whatever weeks it covers.
  Result<Placement> SetFundingShares(const Principal& who, PlacementId id, std::int64_t version,
                                     int health_bp, int education_bp);
  // The signed-in provider's remittance advice, one per run, newest first.
  Result<std::vector<Remittance>> Remittances(const Principal& who);

  // RCC `rcc`'s pooled budget for financial year `year`, with each
  // council's spend to `day` and forecast to the year's end.
  Result<Budget> BudgetOf(const Principal& who, RccId rcc, int year, Date day);
  // Sets the year's budget: `total` divided between the member councils by
  // `basis` (with `shares_bp` per council for a fixed split, summing to
  // 10,000), replacing the year's lines in one transaction.
  Result<Budget> SetBudget(const Principal& who, RccId rcc, int year, Pence total,
                           ContributionBasis basis,
                           const std::map<CouncilId, std::int64_t>& shares_bp);

  // RCC `rcc`'s own foster carers: recruitment over [from, to), places on `day`.
  Result<Fostering> FosteringOf(const Principal& who, RccId rcc, Date from, Date to, Date day);

  // Market oversight (services/oversight.cc, docs/oversight.md).
  // Prices and concentration of RCC `rcc`, or of England when none.
  Result<MarketView> Market(const Principal& who, std::optional<RccId> rcc);
  // The groups register: every provider group (with its entry test, stage,
  // quality), or those with homes in RCC `rcc`; a commissioner's copy
  // carries no finances, and a stage only at 4.
  Result<std::vector<GroupStanding>> ProviderGroups(const Principal& who, std::optional<RccId> rcc);
  // One group: its providers, homes by URN, returns, profit measure, cases.
  Result<GroupDetail> ProviderGroupDetail(const Principal& who, ProviderGroupId id);
  // A group's financial returns, newest first (its provider, market oversight).
  Result<std::vector<FinancialReturn>> FinancialReturns(const Principal& who, ProviderGroupId id);
  // Stores returns, whole or not at all: each validated (a return that does
  // not add up is refused naming the field and the rule); a group's return
  // for a year it already filed replaces it.
  Result<std::vector<FinancialReturn>> SubmitFinancialReturns(const Principal& who,
                                                              std::vector<FinancialReturn> returns);
  // Opens a business review, recovery plan or improvement plan on a group
  // (Conflict when one of its kind is open).
  Result<OversightCase> OpenOversightCase(const Principal& who, ProviderGroupId group,
                                          OversightCaseKind kind, std::string reason);
  // Records a document or milestone on an open case, and/or closes it with
  // its outcome; `version` must be the stored one.
  Result<OversightCase> ChangeOversightCase(const Principal& who, OversightCaseId id,
                                            std::int64_t version, std::optional<CaseEntry> entry,
                                            std::optional<std::string> close_outcome);
  // The warnings that concern RCC `rcc`: every group at stage 4 with
  // children of its councils in its homes, as counts per council and home.
  Result<std::vector<RiskWarning>> RiskWarnings(const Principal& who, RccId rcc);
  // The price transparency publication (every signed-in role may read it).
  Result<std::vector<PublishedPriceCell>> PriceTransparency(const Principal& who);
  // The signed-in provider's group and its returns (none when it has no group).
  Result<std::pair<std::optional<ProviderGroup>, std::vector<FinancialReturn>>> ProviderReturns(
      const Principal& who);
  // Every group's regulated profit against `cap`.
  Result<ProfitCapReport> ProfitCapOf(const Principal& who, market::ProfitCap cap);
  // For each margin cap in `levels`: what would be repaid and, by the exit
  // rule, the places that leave and where their children could live.
  Result<ProfitCapWhatIf> ProfitCapWhatIfOf(const Principal& who,
                                            const std::vector<double>& levels);
  // Every home of group `id` (and the groups under it) closes: where its
  // children could live instead, per RCC.
  Result<FailureScenario> Failure(const Principal& who, ProviderGroupId id);

  // The national layer.
  Result<std::vector<NationalRow>> National(const Principal& who);
  // RCC returns (services/national_returns.cc, docs/national.md).
  // RCC `rcc`'s return for `quarter` (ended before today), from the store.
  Result<national::RccReturn> BuildRccReturn(const Principal& who, RccId rcc,
                                             national::Quarter quarter);
  // Checks RCC `rcc`'s return whole (national::Validate; its rcc_code must
  // be the RCC's) and keeps it; a return for a quarter the RCC already sent
  // replaces it in one transaction.
  Result<ReceivedRccReturn> ReceiveRccReturn(const Principal& who, RccId rcc,
                                             const national::RccReturn& r);
  // The returns received (of `quarter`, or all), bodies included.
  Result<std::vector<ReceivedRccReturn>> RccReturns(const Principal& who,
                                                    std::optional<national::Quarter> quarter);
  // England from the returns received, and nothing else; with `rcc_ids`,
  // also each RCC code's id (for links; no child's record is read).
  Result<national::Overview> NationalOverview(const Principal& who,
                                              std::map<std::string, RccId>* rcc_ids = nullptr);
  // The national secure welfare queue (services/secure_welfare.h).
  // An RCC's hub refers an open referral that asks for a deprivation of
  // liberty (one waiting entry per referral).
  Result<SecureReferral> ReferToSecureWelfare(const Principal& who, ReferralId referral,
                                              bool order_made);
  // The waiting list, those settled, and today's free beds.
  Result<SecureQueue> SecureWelfareQueue(const Principal& who);
  // Today's match of free beds to the children waiting (read only).
  Result<SecureDailyMatch> SecureWelfareMatch(const Principal& who);
  // Send, record a home's answer, a placement across the border, or a
  // withdrawal (audited; `a.version` must be the record's).
  Result<SecureReferral> ActOnSecureReferral(const Principal& who, SecureReferralId id,
                                             const SecureAction& a);
  // The registers of liberty (services/liberty_register.h): an RCC's hub
  // records a child's deprivation of liberty order or stay in an
  // unregistered setting, and changes it: `edit` changes the record read
  // (its child, council, RCC and who recorded it stay), whose version must be
  // `version`; the result is checked whole as a new entry is.
  Result<DolOrder> RecordDolOrder(const Principal& who, ChildId child, const DolOrderInput& in);
  Result<DolOrder> ChangeDolOrder(const Principal& who, DolOrderId id, std::int64_t version,
                                  const std::function<Status(DolOrder&)>& edit);
  Result<UnregisteredPlacement> RecordUnregistered(const Principal& who, ChildId child,
                                                   const UnregisteredInput& in);
  Result<UnregisteredPlacement> ChangeUnregistered(
      const Principal& who, UnregisteredPlacementId id, std::int64_t version,
      const std::function<Status(UnregisteredPlacement&)>& edit);
  // The register in the person's scope as at a day (default today), with its counts.
  Result<LibertyRegister> LibertyRegisterOf(const Principal& who,
                                            std::optional<Date> as_at = std::nullopt);
  // The rare needs (national/rare_needs.h) over the window of `rules`
  // ending with `last`, from the returns' restricted need-profile sections.
  Result<national::RareNeedsResult> RareNeeds(
      const Principal& who, national::Quarter last, const national::RareNeedRules& rules,
      national::RareNeedOrder order = national::RareNeedOrder::kChildren);

  // Sufficiency: an RCC's forecast need against its homes
  // (services/sufficiency.h). A national analyst's copy has counts of
  // children under kSmallNumber suppressed.
  Result<forecast::Sufficiency> Sufficiency(const Principal& who, RccId rcc);
  // The RCC's published sufficiency strategy (national/sufficiency_strategy.h):
  // the same figures with counts under kSmallNumber suppressed for every
  // reader; any signed-in role may read any RCC's.
  Result<forecast::Sufficiency> SufficiencyStrategy(const Principal& who, RccId rcc);
  // Every RCC (its id, code, name and councils): public facts, for choosing
  // whose published strategy to read.
  Result<std::vector<Rcc>> ListRccs(const Principal& who);
  // Placement stability of an RCC's children as at a day (default today),
  // by council, with the early-warning list (services/stability.cc).
  Result<RccStability> PlacementStability(const Principal& who, RccId rcc,
                                          std::optional<Date> as_at = std::nullopt);

  const WorkflowOptions& options() const { return options_; }
  const AccessPolicy& policy() const { return policy_; }

 private:
  // An RCC's sufficiency as `resource`.read allows, small numbers suppressed
  // when `suppressed` (Sufficiency, SufficiencyStrategy).
  Result<forecast::Sufficiency> ReadSufficiency(const Principal& who, RccId id,
                                                const char* resource, bool suppressed);
  // A block's named homes are the provider's and have at least the places it
  // reserves: InvalidArgument naming "blockHomes[i]" or "blockPlaces"
  // (CreateContract, LetNationalContract).
  static Status CheckBlockHomes(store::Tx& tx, const Contract& c);
  Timestamp Now() const { return options_.clock(); }
  Date Today() const;

  store::Store& store_;
  WorkflowOptions options_;
  const AccessPolicy& policy_;
  WorldCache worlds_;
  std::unique_ptr<SimulationJobs> simulations_;
};

}  // namespace carecoop::services

#endif  // CARECOOP_SERVICES_WORKFLOW_H_
