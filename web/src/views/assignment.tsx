// Region-wide assignment (the hub officer's and the commissioner's): every
// open referral of the RCC placed at once by the matching engine
// (`match assign`), shown as a list of proposed homes the hub accepts one
// by one (accepting sends the referral to providers, the first step to an
// offer from that home), and the comparison of needs-led sourcing with
// cheapest-first (sequential) sourcing on the same referrals and homes.
import { useState } from "preact/hooks";
import { api, label, pounds, type User } from "../api";
import { Button, DataTable, Empty, ErrorSummary, errorsOf, Notice, Show, Tag, useData, type FieldError } from "../components";
import { neededByText } from "./referrals";

interface PlanHome {
  id: number;
  name: string;
  setting: string;
  council: string;
}
interface PlanRow {
  referral: number;
  child_council: string;
  children: number;
  needed_by: string;
  status: string;
  home: PlanHome | null;
  explanation?: string;
  unplaced_reason?: string;
}
interface Metrics {
  referrals: number;
  children: number;
  children_placed: number;
  mean_distance_from_family_km: number;
  p90_distance_from_family_km: number;
  share_over_20_miles: number;
  share_outside_council: number;
  share_needs_fully_met: number;
  weekly_cost_pence: number;
}
interface Plan {
  rcc: string;
  policy: string;
  outcome: string;
  metrics: Metrics;
  referrals: PlanRow[];
}
interface Comparison {
  rcc: string;
  referrals: number;
  needsLed: Metrics;
  sequential: Metrics;
}

const pct = (v: number) => `${(100 * v).toFixed(0)}%`;
const km = (v: number) => `${v.toFixed(1)} km`;

export function Assignment({ user }: { user: User }) {
  const loaded = useData(
    () => Promise.all([api.get<Plan>("/api/assignment?policy=needs-led"), api.get<Comparison>("/api/assignment/comparison")]),
    [],
  );
  const [accepted, setAccepted] = useState<Record<number, string>>({});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const accept = async (row: PlanRow) => {
    try {
      await api.post(`/api/referrals/${row.referral}/send`, {});
      setAccepted({ ...accepted, [row.referral]: "sent" });
      setErrors([]);
    } catch (e) {
      setErrors(errorsOf(e, { providerSummary: `Referral ${row.referral}'s summary for providers (open the referral to check it)` }));
    }
  };
  return (
    <>
      <h1 class="govuk-heading-l">Region-wide assignment</h1>
      <p class="govuk-body">
        Every open referral of the RCC placed at once, so that no child's home is taken by a search that could have gone elsewhere. Working it out
        takes a few seconds for a whole region.
      </p>
      <Show loaded={loaded} working="working out the region-wide assignment and the comparison">
        {([plan, cmp]) => (
          <>
            <h2 class="govuk-heading-m">Needs-led against cheapest-first sourcing</h2>
            <p class="govuk-body">
              The same {cmp.referrals} referrals and the same homes, placed by the needs-led assignment and by taking each referral in turn and giving
              it the cheapest home that meets its needs.
            </p>
            <Compare cmp={cmp} />
            <h2 class="govuk-heading-m">Proposed homes ({plan.outcome})</h2>
            {user.role === "hub_officer" && (
              <p class="govuk-body">Accept a proposal to send that referral to providers: the proposed home's provider is among them.</p>
            )}
            <ErrorSummary errors={errors} />
            {Object.keys(accepted).length > 0 && <Notice success>{Object.keys(accepted).length} accepted and sent to providers.</Notice>}
            <DataTable
              name="assignment"
              caption="One proposed home per referral"
              rows={plan.referrals}
              columns={[
                { key: "referral", label: "Referral", value: (r) => r.referral, render: (r) => <a class="govuk-link" href={`/referrals/${r.referral}`}>Referral {r.referral}</a> },
                { key: "council", label: "Council", value: (r) => r.child_council },
                { key: "needed", label: "Needed by", value: (r) => r.needed_by, render: (r) => <Tag code={r.needed_by} text={neededByText[r.needed_by]} /> },
                { key: "children", label: "Children", value: (r) => r.children, numeric: true },
                { key: "home", label: "Proposed home", value: (r) => r.home?.name ?? "", render: (r) => (r.home ? `${r.home.name} (${label(r.home.setting)}, ${r.home.council})` : "Not placed") },
                { key: "why", label: "Why", value: (r) => r.explanation ?? r.unplaced_reason ?? "" },
                {
                  key: "accept",
                  label: "Accept",
                  value: (r) => accepted[r.referral] ?? r.status,
                  render: (r) =>
                    accepted[r.referral] || r.status !== "open" ? (
                      <Tag code="sent_to_providers" />
                    ) : user.role === "hub_officer" && r.home ? (
                      <Button secondary onClick={() => accept(r)}>
                        Accept<span class="govuk-visually-hidden"> the proposal for referral {r.referral}</span>
                      </Button>
                    ) : (
                      <Tag code={r.status} />
                    ),
                },
              ]}
              empty={<Empty title="No open referrals">The RCC has no referral waiting for a home. Submitted referrals appear here.</Empty>}
            />
          </>
        )}
      </Show>
    </>
  );
}

function Compare({ cmp }: { cmp: Comparison }) {
  const measures: [string, (m: Metrics) => number, (v: number) => string][] = [
    ["Children placed", (m) => m.children_placed, (v) => `${v} of ${cmp.needsLed.children}`],
    ["Mean distance from family", (m) => m.mean_distance_from_family_km, km],
    ["90th percentile distance", (m) => m.p90_distance_from_family_km, km],
    ["Placed more than 20 miles away", (m) => m.share_over_20_miles, pct],
    ["Placed outside their council", (m) => m.share_outside_council, pct],
    ["Needs fully met", (m) => m.share_needs_fully_met, pct],
    ["Weekly cost of the places", (m) => m.weekly_cost_pence, pounds],
  ];
  const rows = measures.map(([name, get, show]) => ({ name, a: get(cmp.needsLed), b: get(cmp.sequential), show }));
  return (
    <DataTable
      name="comparison"
      caption="Both sourcing policies on the same referrals"
      rows={rows}
      columns={[
        { key: "measure", label: "Measure", value: (r) => r.name },
        { key: "needsLed", label: "Needs-led", value: (r) => r.a, render: (r) => r.show(r.a), numeric: true },
        { key: "sequential", label: "Cheapest-first", value: (r) => r.b, render: (r) => r.show(r.b), numeric: true },
      ]}
      empty={<Empty title="No measures match">Clear the filter.</Empty>}
    />
  );
}
