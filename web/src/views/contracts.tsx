// The commissioner's contracts register: every contract the RCC holds, those
// its member councils brought with them and those it let, with the route,
// provider, status, places, spend over the last year, expiry, the fee after
// annual uplifts and the RCC's decision on each inherited one. Served by
// GET /api/rccs/{id}/contracts (services/contracts.cc).
import * as Plot from "@observablehq/plot";
import { api, label, pounds, type User } from "../api";
import { Chart, DataTable, Empty, Show, useData } from "../components";

interface ContractRow {
  id: number;
  reference: string;
  type: string;
  status: string;
  provider: string;
  inheritedFrom: string;
  decision: string;
  places: number;
  placementsInForce: number;
  spendLastYear: number;
  standardFeeNow: number;
  startDate: string;
  endDate: string | null;
  upliftCapBp: number;
}
interface Register {
  rccId: number;
  on: string;
  contracts: ContractRow[];
}

const routeLabel: Record<string, string> = {
  framework: "Framework",
  dps: "Dynamic purchasing system",
  block: "Block",
  spot: "Spot",
};
const decisionLabel: Record<string, string> = {
  undecided: "Not yet decided",
  keep: "Keep",
  fold_into_lot: "Fold into a regional lot",
  let_lapse: "Let lapse",
};

export function Contracts({ user }: { user: User }) {
  const loaded = useData(() => api.get<Register>(`/api/rccs/${user.rccId}/contracts`), [user.rccId]);
  return (
    <>
      <h1 class="govuk-heading-l">Contracts</h1>
      <p class="govuk-body">
        Every contract the RCC holds: those its councils brought with them, with the decision on each, and those it let. Spend is the weekly fees of the placements made under each over the last year.
      </p>
      <Show loaded={loaded}>
        {(d) => {
          const inherited = d.contracts.filter((c) => c.inheritedFrom);
          const byRoute = Object.keys(routeLabel).map((r) => ({
            route: routeLabel[r],
            pounds: d.contracts.filter((c) => c.type === r).reduce((s, c) => s + c.spendLastYear, 0) / 100,
          }));
          return (
            <>
              <p class="govuk-body" data-testid="contracts-summary">
                {d.contracts.length} contracts on {d.on}; {inherited.length} inherited from member councils, {inherited.filter((c) => c.decision === "undecided").length} awaiting a decision.
              </p>
              <Chart
                label={`Spend over the last year by route: ${byRoute.map((r) => `${r.route} £${Math.round(r.pounds).toLocaleString("en-GB")}`).join("; ")}`}
                make={() =>
                  Plot.plot({
                    className: "cc-chart",
                    width: 900,
                    height: 160,
                    marginLeft: 220,
                    x: { label: "£ over the last year", grid: true },
                    y: { label: null, domain: byRoute.map((r) => r.route) },
                    marks: [Plot.barX(byRoute, { x: "pounds", y: "route", fill: "#1d70b8" }), Plot.ruleX([0])],
                  })
                }
              />
              <DataTable
                name="contracts"
                caption="Contracts register"
                rows={d.contracts}
                defaultSort="spend"
                columns={[
                  { key: "reference", label: "Reference", value: (c) => c.reference },
                  { key: "route", label: "Route", value: (c) => routeLabel[c.type] ?? c.type },
                  { key: "provider", label: "Provider", value: (c) => c.provider },
                  { key: "status", label: "Status", value: (c) => label(c.status) },
                  { key: "from", label: "Inherited from", value: (c) => c.inheritedFrom || "Let by the RCC" },
                  { key: "decision", label: "Decision", value: (c) => (c.inheritedFrom ? decisionLabel[c.decision] ?? c.decision : "") },
                  { key: "places", label: "Places", value: (c) => c.places, numeric: true },
                  { key: "spend", label: "Spend, last year", value: (c) => c.spendLastYear, render: (c) => pounds(c.spendLastYear), numeric: true },
                  { key: "fee", label: "Standard fee now", value: (c) => c.standardFeeNow, render: (c) => pounds(c.standardFeeNow), numeric: true },
                  { key: "expires", label: "Expires", value: (c) => c.endDate ?? "" },
                ]}
                empty={<Empty title="No contracts match">Clear the filter.</Empty>}
              />
            </>
          );
        }}
      </Show>
    </>
  );
}
