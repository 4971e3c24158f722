// The commissioner's contracts register: every contract the RCC holds, those
// its member councils brought with them and those it let, with the route,
// provider, status, places, spend over the last year, expiry, the fee after
// annual uplifts and the RCC's decision on each inherited one. Served by
// GET /api/rccs/{id}/contracts (services/contracts.cc).
import * as Plot from "@observablehq/plot";
import { useState } from "preact/hooks";
import { api, label, pounds, type User } from "../api";
import { Button, Chart, DataTable, Empty, ErrorSummary, errorsOf, Notice, Radios, Select, Show, useData, type FieldError } from "../components";

interface ContractRow {
  id: number;
  version: number;
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

// Records the RCC's decision on a contract a member council brought with it
// (PATCH /api/contracts/{id}, version checked).
function DecisionForm({ contracts, onDone }: { contracts: ContractRow[]; onDone: () => void }) {
  const inherited = contracts.filter((c) => c.inheritedFrom).sort((a, b) => a.reference.localeCompare(b.reference));
  const [id, setId] = useState("");
  const [decision, setDecision] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState("");
  const save = async () => {
    setErrors([]);
    setDone("");
    const c = inherited.find((x) => String(x.id) === id);
    const missing: FieldError[] = [];
    if (!c) missing.push({ field: "contractId", message: "Choose the inherited contract" });
    if (!decision) missing.push({ field: "decision", message: "Choose the decision" });
    if (missing.length || !c) return setErrors(missing);
    try {
      await api.patch(`/api/contracts/${c.id}`, { version: c.version, decision });
      setDone(`Recorded for ${c.reference}: ${decisionLabel[decision]}.`);
      onDone();
    } catch (e) {
      setErrors(errorsOf(e, { decision: "Decision", version: "Contract" }));
    }
  };
  return (
    <details class="govuk-details">
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">Record a decision on an inherited contract</span>
      </summary>
      <div class="govuk-details__text">
        <ErrorSummary errors={errors} />
        {done && <Notice success>{done}</Notice>}
        <Select
          id="contractId"
          label="Inherited contract"
          value={id}
          onChange={setId}
          errors={errors}
          choices={[["", "Choose a contract"], ...inherited.map((c): [string, string] => [String(c.id), `${c.reference}: ${c.provider} (${c.inheritedFrom}; ${decisionLabel[c.decision] ?? c.decision})`])]}
        />
        <Radios
          id="decision"
          label="Decision"
          value={decision}
          onChange={setDecision}
          errors={errors}
          choices={(["keep", "fold_into_lot", "let_lapse", "undecided"] as const).map((k): [string, string] => [k, decisionLabel[k]])}
        />
        <Button onClick={save}>Record the decision</Button>
      </div>
    </details>
  );
}

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
              {user.role === "commissioner" && <DecisionForm contracts={d.contracts} onDone={loaded.reload} />}
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

export interface FeeLine {
  band: string;
  weeklyFee: number;
  lot?: string;
  setting?: string;
  minAge?: number;
  maxAge?: number;
}
interface Lot {
  code: string;
  name: string;
  setting: string;
  band: string;
  minAge: number;
  maxAge: number;
}
interface Admission {
  id: number;
  provider: string;
  startDate: string;
  fees: FeeLine[];
}
interface FrameworkRow {
  id: number;
  reference: string;
  title: string;
  route: string;
  status: string;
  startDate: string;
  endDate: string;
  lots: Lot[];
  reopenings: string[];
  criteria: { minRating: string; admitNotYetInspected: boolean; minHomes: number };
  upliftCapBp: number;
  nextAdmission: string | null;
  admissions: Admission[];
}

// The commissioner's frameworks and DPS: each agreement's lots, when it next
// admits providers, its published criteria, and who is admitted to each lot
// at what fee. Served by GET /api/rccs/{id}/frameworks (services/frameworks.cc).
export function Frameworks({ user }: { user: User }) {
  const loaded = useData(
    () => api.get<{ on: string; frameworks: FrameworkRow[] }>(`/api/rccs/${user.rccId}/frameworks`),
    [user.rccId],
  );
  return (
    <>
      <h1 class="govuk-heading-l">Frameworks and DPS</h1>
      <p class="govuk-body">
        The agreements providers are admitted to, lot by lot. A framework admits new providers on its start date and its reopening dates; a dynamic purchasing system on any day, against its published criteria.
      </p>
      <Show loaded={loaded}>
        {(d) =>
          d.frameworks.length === 0 ? (
            <Empty title="No frameworks yet">The RCC has let no framework or DPS.</Empty>
          ) : (
            <>
              {d.frameworks.map((f) => (
                <section class="govuk-!-margin-bottom-8" data-testid="framework" key={f.id}>
                  <h2 class="govuk-heading-m">
                    {f.title} <span class="govuk-caption-m">{f.reference}</span>
                  </h2>
                  <dl class="govuk-summary-list">
                    {[
                      ["Route", routeLabel[f.route] ?? f.route],
                      ["Status", label(f.status)],
                      ["Term", `${f.startDate} to ${f.endDate}`],
                      ["Next admission", f.nextAdmission ?? "It does not reopen"],
                      ["Reopening dates", f.reopenings.length ? f.reopenings.join(", ") : "Any day (DPS)"],
                      [
                        "Criteria",
                        `At least ${f.criteria.minHomes} home(s) of the lot's setting rated ${label(f.criteria.minRating).toLowerCase()} or better${f.criteria.admitNotYetInspected ? "; homes not yet inspected count" : ""}`,
                      ],
                      ["Annual uplift cap", `${(f.upliftCapBp / 100).toFixed(1)}%`],
                    ].map(([k, v]) => (
                      <div class="govuk-summary-list__row" key={k}>
                        <dt class="govuk-summary-list__key">{k}</dt>
                        <dd class="govuk-summary-list__value">{v}</dd>
                      </div>
                    ))}
                  </dl>
                  <DataTable
                    name={`lots-${f.id}`}
                    caption={`Lots of ${f.reference}`}
                    rows={f.lots}
                    defaultSort="code"
                    columns={[
                      { key: "code", label: "Lot", value: (l) => l.code },
                      { key: "name", label: "Places", value: (l) => l.name },
                      { key: "ages", label: "Ages", value: (l) => `${l.minAge} to ${l.maxAge}` },
                      {
                        key: "admitted",
                        label: "Providers admitted",
                        value: (l) => f.admissions.filter((a) => a.fees.some((x) => x.lot === l.code)).length,
                        numeric: true,
                      },
                      {
                        key: "median",
                        label: "Median fee",
                        value: (l) => medianFee(f.admissions, l.code),
                        render: (l) => (medianFee(f.admissions, l.code) ? pounds(medianFee(f.admissions, l.code)) : "None admitted"),
                        numeric: true,
                      },
                    ]}
                    empty={<Empty title="No lots match">Clear the filter.</Empty>}
                  />
                </section>
              ))}
            </>
          )
        }
      </Show>
    </>
  );
}

function medianFee(admissions: Admission[], lot: string): number {
  const fees = admissions
    .flatMap((a) => a.fees.filter((f) => f.lot === lot).map((f) => f.weeklyFee))
    .sort((a, b) => a - b);
  if (!fees.length) return 0;
  const m = Math.floor(fees.length / 2);
  return fees.length % 2 ? fees[m] : Math.round((fees[m - 1] + fees[m]) / 2);
}

interface ProviderContractRow {
  id: number;
  reference: string;
  type: string;
  status: string;
  rcc: string;
  framework: string;
  startDate: string;
  endDate: string | null;
  fees: FeeLine[];
  standardFeeNow: number;
}

// The provider's own contracts and framework admissions with every RCC, each
// lot's fee. Served by GET /api/provider/contracts (services/frameworks.cc).
export function ProviderContracts() {
  const loaded = useData(() => api.get<{ on: string; contracts: ProviderContractRow[] }>("/api/provider/contracts"), []);
  return (
    <>
      <h1 class="govuk-heading-l">Your contracts</h1>
      <p class="govuk-body">Your contracts with each RCC, and the frameworks and dynamic purchasing systems you are admitted to, with the fee for each lot.</p>
      <Show loaded={loaded}>
        {(d) => (
          <DataTable
            name="provider-contracts"
            caption={`Your contracts on ${d.on}`}
            rows={d.contracts}
            defaultSort="rcc"
            columns={[
              { key: "reference", label: "Reference", value: (c) => c.reference },
              { key: "rcc", label: "RCC", value: (c) => c.rcc },
              { key: "route", label: "Route", value: (c) => routeLabel[c.type] ?? c.type },
              { key: "framework", label: "Framework", value: (c) => c.framework || "None" },
              { key: "status", label: "Status", value: (c) => label(c.status) },
              {
                key: "fees",
                label: "Fees a week",
                value: (c) => c.fees.map((f) => `${f.lot || label(f.band)} ${pounds(f.weeklyFee)}`).join("; "),
              },
              { key: "now", label: "Standard fee now", value: (c) => c.standardFeeNow, render: (c) => pounds(c.standardFeeNow), numeric: true },
              { key: "expires", label: "Expires", value: (c) => c.endDate ?? "" },
            ]}
            empty={<Empty title="No contracts">You hold no contract with an RCC.</Empty>}
          />
        )}
      </Show>
    </>
  );
}
