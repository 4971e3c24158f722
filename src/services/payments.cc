// The weekly payments run and remittance advice (services/workflow.h).
//
// A run pays, for the seven days from `week_from`, the payment week of every
// placement of the RCC's councils in force that starts in them
// (market/payments_run.h): a payment already scheduled for that week is
// paid at what is due, one not yet scheduled is made and paid, each line by
// line (core fee, extra staffing, education, transport). Block contracts in
// force are measured for the week (market/contract_terms.h) and their empty
// places paid as voids (a national block's: the whole block measured, this
// RCC's share of its void cost paid, services/national_contracts.h);
// overpayments recovered after a backdated end and not yet deducted are
// deducted. The run is one transaction: all of it or none.
// It is idempotent: the run row is written first, and UNIQUE (rcc_id,
// week_from) makes a second run of the week, even one started at the same
// moment, fail; it then answers with the run already made.
//
// O(placements of the RCC + payments of the week + block contracts + the
// placements under the national blocks it calls off).
#include <algorithm>
#include <map>

#include "market/budget.h"
#include "market/contract_terms.h"
#include "market/payments_run.h"
#include "services/step.h"
#include "services/workflow.h"

namespace carecoop::services {
namespace {

market::CarePackage PackageOf(const Placement& p) {
  const std::int64_t extras =
      p.staffing_fee.value() + p.education_fee.value() + p.transport_fee.value();
  return {Pence(p.weekly_fee.value() - extras), p.staffing_fee, p.education_fee, p.transport_fee};
}

// Whether a contract is in force in the week from `week_from`.
bool InForceIn(const Contract& c, Date week_from) {
  return c.status == ContractStatus::kInForce && c.start <= week_from &&
         (!c.end || week_from <= *c.end);
}

// The week of a national block as call-off `c`'s RCC pays it: the whole
// block measured (placements under every RCC's call-off in force in the
// week), and the void cost this RCC pays: the block's void cost divided
// among the call-offs in force by their void shares, by the largest
// remainder (market::Apportion), so that the RCCs' parts add up to it to
// the penny (equally if the call-offs in force all have share 0).
// O(call-offs + placements under them).
Result<market::BlockWeek> NationalBlockWeekOf(store::Tx& tx, const Contract& c, Date week_from,
                                              Pence fee) {
  const Date week_to = week_from.AddDays(7);
  CC_ASSIGN_OR_RETURN(auto call_offs, tx.NationalCallOffs(c.reference));
  int used = 0;
  std::vector<std::int64_t> shares;
  std::size_t mine = call_offs.size();
  for (const Contract& other : call_offs) {
    CC_ASSIGN_OR_RETURN(auto placements, tx.ListBy<Placement>(other.id));
    for (const Placement& p : placements)
      if (p.start < week_to && (!p.end || week_from < *p.end)) ++used;
    if (!InForceIn(other, week_from)) continue;
    if (other.id == c.id) mine = shares.size();
    shares.push_back(other.void_share_bp);
  }
  CC_ASSIGN_OR_RETURN(market::BlockWeek w, market::MeasureBlockWeek(c.block_places, used, fee));
  if (mine == call_offs.size()) return InvalidArgument("contract", "is not in force this week");
  if (std::all_of(shares.begin(), shares.end(), [](std::int64_t s) { return s == 0; }))
    std::fill(shares.begin(), shares.end(), 1);
  CC_ASSIGN_OR_RETURN(auto parts, market::Apportion(w.void_cost, shares, "voidShareBp"));
  w.void_cost = parts[mine];
  return w;
}

}  // namespace

Result<PaymentRunOutcome> Workflow::RunPayments(const Principal& who, RccId rcc, Date week_from) {
  PaymentRunOutcome out;
  Step step = Step::OnRecord(policy_, who, Now(), "payment_run", "create");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  const Date week_to = week_from.AddDays(7);
  Status ran = step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Rcc r, step.Fetch(tx, rcc));
    PaymentRun run{
        .rcc = r.id, .week_from = week_from, .created_at = step.now(), .created_by = who.username};
    // First, so that a second run of the week stops here (Conflict).
    CC_ASSIGN_OR_RETURN(run.id, tx.Create(run));
    run.version = 1;
    CC_ASSIGN_OR_RETURN(auto existing, tx.PaymentsStartingIn(r.id, week_from, week_to));
    std::map<std::pair<std::int64_t, std::int64_t>, Payment*> scheduled;  // placement, week day
    for (Payment& p : existing)
      scheduled[{p.placement.value(), p.week_start.days_since_epoch()}] = &p;
    CC_ASSIGN_OR_RETURN(auto contracts, tx.List<Contract>(store::Scope::Of(r.id)));
    std::map<ContractId, int> block_used;
    for (const Contract& c : contracts)
      if (c.type == ContractType::kBlock) block_used[c.id] = 0;
    std::int64_t paid = 0;
    for (CouncilId council : r.member_councils) {
      CC_ASSIGN_OR_RETURN(auto placements, tx.List<Placement>(store::Scope::Of(council)));
      for (const Placement& p : placements) {
        // A block place counts as used if its placement is in force on any day of the week.
        if (p.contract && block_used.count(*p.contract) && p.start < week_to &&
            (!p.end || week_from < *p.end))
          ++block_used[*p.contract];
        auto week = market::PaymentWeekIn(p.start, week_from);
        if (!week || (p.end && *p.end <= *week)) continue;
        const market::CarePackage due = market::DueForWeek(PackageOf(p), *week, p.end);
        auto found = scheduled.find({p.id.value(), week->days_since_epoch()});
        if (found != scheduled.end()) {
          Payment& pay = *found->second;
          if (pay.status != PaymentStatus::kScheduled) continue;
          market::SetLines(pay, due);
          pay.status = PaymentStatus::kPaid;
          pay.run = run.id;
          CC_RETURN_IF_ERROR(tx.Update(pay));
          paid += pay.amount.value();
        } else {
          Payment pay{.placement = p.id,
                      .rcc = r.id,
                      .council = p.council,
                      .week_start = *week,
                      .status = PaymentStatus::kPaid,
                      .run = run.id};
          market::SetLines(pay, due);
          if (pay.amount.value() == 0) continue;  // no fee (placed with parents, adoption)
          CC_RETURN_IF_ERROR(tx.Create(pay).status());
          paid += pay.amount.value();
        }
        ++run.placements_paid;
      }
    }
    std::int64_t voids = 0;
    for (const Contract& c : contracts) {
      if (c.type != ContractType::kBlock || !InForceIn(c, week_from) || c.fees.empty()) continue;
      CC_ASSIGN_OR_RETURN(Pence fee, market::UpliftedFee(c.fees.front().weekly_fee, c.start,
                                                         week_from, c.uplift_cap_bp));
      market::BlockWeek w;
      if (c.national) {
        CC_ASSIGN_OR_RETURN(w, NationalBlockWeekOf(tx, c, week_from, fee));
      } else {
        CC_ASSIGN_OR_RETURN(w, market::MeasureBlockWeek(c.block_places, block_used[c.id], fee));
      }
      BlockUtilisation u{.contract = c.id,
                         .rcc = r.id,
                         .week_from = week_from,
                         .reserved = w.reserved,
                         .used = w.used,
                         .voids = w.voids,
                         .void_cost = w.void_cost};
      CC_RETURN_IF_ERROR(tx.Create(u).status());
      voids += w.void_cost.value();
      out.blocks.push_back(u);
    }
    std::int64_t recovered = 0;
    CC_ASSIGN_OR_RETURN(auto owed, tx.PaymentsOwedBack(r.id));
    for (Payment& pay : owed) {
      pay.recovered_in = week_from;
      CC_RETURN_IF_ERROR(tx.Update(pay));
      recovered += pay.recovered.value();
    }
    run.paid = Pence(paid);
    run.voids = Pence(voids);
    run.recovered = Pence(recovered);
    CC_RETURN_IF_ERROR(tx.Update(run));
    out.run = run;
    return step.Audit(tx, "payment_run", run.id.value(), "",
                      std::to_string(run.placements_paid) + " placements, " + std::to_string(paid) +
                          "p paid, " + std::to_string(voids) + "p voids, " +
                          std::to_string(recovered) + "p recovered");
  });
  if (ran.ok()) return out;
  if (ran.code() != StatusCode::kConflict) return ran;
  // The week was run already (perhaps at this very moment): answer with that run.
  out = {};
  out.already_run = true;
  CC_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(auto runs, tx.List<PaymentRun>(store::Scope::Of(rcc)));
    for (const PaymentRun& r : runs)
      if (r.week_from == week_from) out.run = r;
    if (!out.run.id.valid()) return ran;
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<PaymentRun>> Workflow::PaymentRuns(const Principal& who, RccId rcc) {
  std::vector<PaymentRun> out;
  Step step = Step::OnRecord(policy_, who, Now(), "payment_run", "list");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Rcc r, step.Fetch(tx, rcc));
    CC_ASSIGN_OR_RETURN(out, tx.List<PaymentRun>(store::Scope::Of(r.id)));
    std::reverse(out.begin(), out.end());
    return step.Audit(tx, "rcc", r.id.value(), "", DigestOfIds(out));
  }));
  return out;
}

Result<Invoices> Workflow::InvoicesOf(const Principal& who, RccId rcc, Date from, Date to) {
  Invoices out{from, to, Pence(0), {}};
  if (to <= from) return InvalidArgument("to", "must be after from");
  if (from.AddDays(3660) < to) return InvalidArgument("to", "a period of at most ten years");
  Step step = Step::OnRecord(policy_, who, Now(), "invoice", "list");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    out.invoices.clear();
    out.total = Pence(0);
    CC_ASSIGN_OR_RETURN(Rcc r, step.Fetch(tx, rcc));
    CC_ASSIGN_OR_RETURN(auto payments, tx.PaymentsStartingIn(r.id, from, to));
    std::map<PlacementId, market::FundingShares> shares;
    std::map<CouncilId, std::string> names;
    for (CouncilId c : r.member_councils) {
      CC_ASSIGN_OR_RETURN(Council council, tx.Get<Council>(c));
      names[c] = council.name;
      CC_ASSIGN_OR_RETURN(auto placements, tx.List<Placement>(store::Scope::Of(c)));
      for (const Placement& p : placements)
        if (p.health_share_bp || p.education_share_bp)
          shares[p.id] = {10'000 - p.health_share_bp - p.education_share_bp, p.health_share_bp,
                          p.education_share_bp};
    }
    CC_ASSIGN_OR_RETURN(auto invoices, market::InvoicesFor(payments, shares));
    for (market::Invoice& inv : invoices) {
      const std::string& council = names[inv.council];
      CC_ASSIGN_OR_RETURN(out.total, Add(out.total, inv.total));
      std::string payer =
          council +
          (inv.payer == market::Payer::kHealth ? " ICB share" : " education (high needs)");
      out.invoices.push_back({std::move(inv), council, std::move(payer)});
    }
    return step.Audit(tx, "rcc", r.id.value(), "", DigestOfIds(payments));
  }));
  return out;
}

Result<std::vector<Remittance>> Workflow::Remittances(const Principal& who) {
  std::vector<Remittance> out;
  Step step = Step::OnCollection(policy_, who, Now(), "remittance", "list");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    out.clear();
    if (!who.provider) return PermissionDenied("only a provider's users see their remittances");
    std::map<std::int64_t, Remittance> by_run;  // by run id
    auto remittance = [&](PaymentRunId id) -> Result<Remittance*> {
      auto it = by_run.find(id.value());
      if (it != by_run.end()) return &it->second;
      CC_ASSIGN_OR_RETURN(PaymentRun run, tx.Get<PaymentRun>(id));
      Remittance& rem = by_run[id.value()];
      rem.run = run.id;
      rem.week_from = run.week_from;
      rem.paid_on = Date::FromTimestamp(run.created_at);
      return &rem;
    };
    // Each RCC's runs by week, read once: a recovery or a void belongs to
    // the run of the week it was deducted or measured in.
    std::map<std::int64_t, std::map<Date, PaymentRunId>> runs_of;  // by RCC id
    auto run_in = [&](RccId rcc, Date week) -> Result<std::optional<PaymentRunId>> {
      auto it = runs_of.find(rcc.value());
      if (it == runs_of.end()) {
        CC_ASSIGN_OR_RETURN(auto runs, tx.List<PaymentRun>(store::Scope::Of(rcc)));
        it = runs_of.emplace(rcc.value(), std::map<Date, PaymentRunId>()).first;
        for (const PaymentRun& r : runs) it->second[r.week_from] = r.id;
      }
      auto run = it->second.find(week);
      if (run == it->second.end()) return std::optional<PaymentRunId>();
      return std::optional<PaymentRunId>(run->second);
    };
    auto add = [&](PaymentRunId run, RemittanceLine line) -> Status {
      CC_ASSIGN_OR_RETURN(Remittance * rem, remittance(run));
      rem->total = Pence(rem->total.value() + line.amount.value());
      rem->lines.push_back(std::move(line));
      return Status::Ok();
    };
    CC_ASSIGN_OR_RETURN(auto homes, tx.ListBy<Home>(*who.provider));
    for (const Home& h : homes) {
      CC_ASSIGN_OR_RETURN(auto placements, tx.ListBy<Placement>(h.id));
      for (const Placement& p : placements) {
        CC_ASSIGN_OR_RETURN(auto payments, tx.ListBy<Payment>(p.id));
        for (const Payment& pay : payments) {
          if (pay.run && pay.status == PaymentStatus::kPaid)
            CC_RETURN_IF_ERROR(
                add(*pay.run, {pay.id, p.id, h.name, pay.week_start, pay.core, pay.staffing,
                               pay.education, pay.transport, pay.amount, "payment"}));
          if (pay.recovered.value() <= 0 || !pay.recovered_in) continue;
          CC_ASSIGN_OR_RETURN(auto run, run_in(pay.rcc, *pay.recovered_in));
          RemittanceLine back{.payment = pay.id,
                              .placement = p.id,
                              .home = h.name,
                              .week_start = pay.week_start,
                              .amount = Pence(-pay.recovered.value()),
                              .kind = "recovery"};
          if (run) CC_RETURN_IF_ERROR(add(*run, std::move(back)));
        }
      }
    }
    CC_ASSIGN_OR_RETURN(auto contracts, tx.List<Contract>());
    for (const Contract& c : contracts) {
      if (c.provider != *who.provider || c.type != ContractType::kBlock) continue;
      CC_ASSIGN_OR_RETURN(auto weeks, tx.ListBy<BlockUtilisation>(c.id));
      for (const BlockUtilisation& w : weeks) {
        if (w.void_cost.value() == 0) continue;
        CC_ASSIGN_OR_RETURN(auto run, run_in(c.rcc, w.week_from));
        RemittanceLine voids{
            .home = c.reference + " (" + std::to_string(w.voids) + " empty reserved places)",
            .week_start = w.week_from,
            .core = w.void_cost,
            .amount = w.void_cost,
            .kind = "void"};
        if (run) CC_RETURN_IF_ERROR(add(*run, std::move(voids)));
      }
    }
    for (auto it = by_run.rbegin(); it != by_run.rend(); ++it) out.push_back(std::move(it->second));
    return step.Audit(tx, "provider", who.provider->value(), "",
                      std::to_string(out.size()) + " remittances");
  }));
  return out;
}

}  // namespace carecoop::services
