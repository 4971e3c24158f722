// Market oversight (docs/oversight.md): prices and concentration (an RCC's
// for its commissioner, England's for market oversight and the national
// analyst), the provider groups register with the oversight regime's entry
// test, stages and quality, a group's page (returns, the regulated profit
// with each adjustment, homes by URN, cases, the failure scenario), the
// profit cap's what-if, the warnings that concern an RCC, the published
// prices, and a provider's own financial returns. Every chart has the table
// of its numbers beside it.
import * as Plot from "@observablehq/plot";
import { useState } from "preact/hooks";
import { api, label, pounds, type User } from "../api";
import { Button, Chart, DataTable, Empty, ErrorSummary, errorsOf, Notice, Select, Show, SummaryList, TextInput, useData, type FieldError } from "../components";

const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? "–" : `${(x * 100).toFixed(digits)}%`);
const settingLabel: Record<string, string> = {
  fostering_household: "Fostering household",
  childrens_home: "Children's home",
  secure_childrens_home: "Secure children's home",
  supported_accommodation: "Supported accommodation",
};
const bandLabel: Record<string, string> = { standard: "Standard", enhanced: "Enhanced", complex: "Complex", specialist: "Specialist" };
const landingLabel: [string, string][] = [
  ["within_20_miles", "Within 20 miles of family"],
  ["within_rcc", "Further, within the RCC"],
  ["elsewhere", "Elsewhere in England"],
  ["nowhere", "No home meets their needs"],
];

interface Quartiles {
  count: number;
  q1: number | null;
  median: number | null;
  q3: number | null;
}
interface PriceCell {
  setting: string;
  band: string;
  fees: Quartiles;
  spotSharePlacements: number;
  spotShareSpend: number;
  medianFeeToFairPrice: number | null;
  byRoute: { route: string; fees: Quartiles }[];
}
interface Firm {
  firm: string;
  places: number;
  spend: number;
  placesShare: number;
  spendShare: number;
}
interface Concentration {
  places: number;
  spend: number;
  firms: number;
  hhiPlaces: number;
  hhiSpend: number;
  bandPlaces: string;
  largest: Firm[];
}
interface MarketAnswer {
  scope: string;
  asAt: string;
  placements: number;
  spotSharePlacements: number;
  spotShareSpend: number;
  prices: PriceCell[];
  concentration: Concentration;
  bySetting: { setting: string; concentration: Concentration }[];
  scarce: { market: string; label: string; concentration: Concentration }[];
  byRcc: { code: string; name: string; concentration: Concentration }[];
}

export function Market({ user }: { user: User }) {
  const path = user.role === "commissioner" ? `/api/rccs/${user.rccId}/market` : "/api/oversight/market";
  const loaded = useData(() => api.get<MarketAnswer>(path), [path]);
  return (
    <>
      <h1 class="govuk-heading-l">Market</h1>
      <Show loaded={loaded}>
        {(m) => (
          <>
            <p class="govuk-body" data-testid="market-scope">
              {m.scope}: {m.placements} children placed in homes now; spot {pct(m.spotSharePlacements)} of placements and {pct(m.spotShareSpend)} of weekly spend.
            </p>
            <h2 class="govuk-heading-m">Prices paid</h2>
            <p class="govuk-body">Weekly fees of current placements by setting and need band: the median with the middle half of fees (lower to upper quartile), and the median fee as a share of its fair-price estimate.</p>
            <Chart
              label={`Median weekly fee by setting and band: ${m.prices.map((p) => `${settingLabel[p.setting]} ${bandLabel[p.band]} ${pounds(p.fees.median ?? 0)}`).join("; ")}`}
              make={() =>
                Plot.plot({
                  className: "cc-chart",
                  width: 900,
                  height: 40 + 24 * m.prices.length,
                  marginLeft: 260,
                  x: { label: "£ a week", grid: true },
                  y: { label: null },
                  marks: [
                    Plot.ruleY(m.prices, { y: (p: PriceCell) => `${settingLabel[p.setting]}, ${bandLabel[p.band]}`, x1: (p: PriceCell) => (p.fees.q1 ?? 0) / 100, x2: (p: PriceCell) => (p.fees.q3 ?? 0) / 100, stroke: "#505a5f", strokeWidth: 6 }),
                    Plot.dot(m.prices, { y: (p: PriceCell) => `${settingLabel[p.setting]}, ${bandLabel[p.band]}`, x: (p: PriceCell) => (p.fees.median ?? 0) / 100, fill: "#1d70b8", r: 5 }),
                  ],
                })
              }
            />
            <DataTable
              name="prices"
              caption="Prices paid by setting and need band"
              rows={m.prices}
              columns={[
                { key: "setting", label: "Setting", value: (p) => settingLabel[p.setting] ?? p.setting },
                { key: "band", label: "Need band", value: (p) => bandLabel[p.band] ?? p.band },
                { key: "n", label: "Placements", value: (p) => p.fees.count, numeric: true },
                { key: "q1", label: "Lower quartile", value: (p) => p.fees.q1 ?? 0, render: (p) => pounds(p.fees.q1 ?? 0), numeric: true },
                { key: "median", label: "Median", value: (p) => p.fees.median ?? 0, render: (p) => pounds(p.fees.median ?? 0), numeric: true },
                { key: "q3", label: "Upper quartile", value: (p) => p.fees.q3 ?? 0, render: (p) => pounds(p.fees.q3 ?? 0), numeric: true },
                { key: "spot", label: "Spot share", value: (p) => p.spotSharePlacements, render: (p) => pct(p.spotSharePlacements), numeric: true },
                { key: "fair", label: "Fee / fair price", value: (p) => p.medianFeeToFairPrice ?? 0, render: (p) => pct(p.medianFeeToFairPrice, 0), numeric: true },
              ]}
              empty={<Empty title="No placements">No child is placed in a home now.</Empty>}
            />
            <h2 class="govuk-heading-m">Concentration</h2>
            <p class="govuk-body">
              The Herfindahl-Hirschman index (HHI, 0 to 10,000) of places and of weekly spend, counting every provider under one ultimate owner as one firm. Below 1,000 is unconcentrated; above 1,800 highly concentrated.
            </p>
            <ConcentrationChart rows={[["All homes", m.concentration], ...m.bySetting.map((s) => [settingLabel[s.setting], s.concentration] as [string, Concentration]), ...m.scarce.map((s) => [s.label, s.concentration] as [string, Concentration])]} />
            <h3 class="govuk-heading-s">Largest owners</h3>
            <DataTable
              name="largest"
              caption="Largest owners by places"
              rows={m.concentration.largest}
              columns={[
                { key: "firm", label: "Owner", value: (f) => f.firm },
                { key: "places", label: "Places", value: (f) => f.places, numeric: true },
                { key: "share", label: "Share of places", value: (f) => f.placesShare, render: (f) => pct(f.placesShare), numeric: true },
                { key: "spend", label: "Share of spend", value: (f) => f.spendShare, render: (f) => pct(f.spendShare), numeric: true },
              ]}
              empty={<Empty title="No homes">No home is in this area.</Empty>}
            />
            {m.byRcc.length > 0 && (
              <>
                <h3 class="govuk-heading-s">By RCC</h3>
                <DataTable
                  name="by-rcc"
                  caption="Concentration by RCC"
                  rows={m.byRcc}
                  columns={[
                    { key: "rcc", label: "RCC", value: (r) => r.name },
                    { key: "hhi", label: "HHI of places", value: (r) => r.concentration.hhiPlaces, numeric: true },
                    { key: "spend", label: "HHI of spend", value: (r) => r.concentration.hhiSpend, numeric: true },
                    { key: "top", label: "Largest owner", value: (r) => r.concentration.largest[0]?.firm ?? "" },
                    { key: "share", label: "Its share", value: (r) => r.concentration.largest[0]?.placesShare ?? 0, render: (r) => pct(r.concentration.largest[0]?.placesShare), numeric: true },
                  ]}
                  empty={<Empty title="No RCC">No RCC has homes.</Empty>}
                />
              </>
            )}
          </>
        )}
      </Show>
    </>
  );
}

function ConcentrationChart({ rows }: { rows: [string, Concentration][] }) {
  const points = rows.flatMap(([name, c]) => [
    { name, measure: "Places", hhi: c.hhiPlaces },
    { name, measure: "Spend", hhi: c.hhiSpend },
  ]);
  return (
    <>
      <Chart
        label={`HHI by market: ${rows.map(([n, c]) => `${n} places ${c.hhiPlaces}, spend ${c.hhiSpend}`).join("; ")}`}
        make={() =>
          Plot.plot({
            className: "cc-chart",
            width: 900,
            height: 60 + 40 * rows.length,
            marginLeft: 300,
            x: { label: "HHI", grid: true, domain: [0, Math.max(2000, ...points.map((p) => p.hhi))] },
            y: { label: null, domain: rows.map(([n]) => n) },
            color: { domain: ["Places", "Spend"], range: ["#1d70b8", "#f47738"], legend: true },
            marks: [Plot.barX(points, { x: "hhi", y: "name", fill: "measure", fy: undefined, dy: 0, insetTop: 2, insetBottom: 2 }), Plot.ruleX([1000, 1800], { stroke: "#505a5f", strokeDasharray: "4 3" })],
          })
        }
      />
      <DataTable
        name="concentration"
        caption="Concentration by market"
        rows={rows}
        columns={[
          { key: "market", label: "Market", value: (r) => r[0] },
          { key: "hhiPlaces", label: "HHI of places", value: (r) => r[1].hhiPlaces, numeric: true },
          { key: "hhiSpend", label: "HHI of spend", value: (r) => r[1].hhiSpend, numeric: true },
          { key: "firms", label: "Owners", value: (r) => r[1].firms, numeric: true },
          { key: "band", label: "Band", value: (r) => r[1].bandPlaces },
        ]}
        empty={<Empty title="No market">Nothing to measure.</Empty>}
      />
    </>
  );
}

interface Risk {
  stage: string;
  label: string;
  concerns: string[];
  severe: string[];
}
interface Standing {
  id: number;
  name: string;
  companyNumber: string;
  parent: string;
  ultimateOwner: string;
  homes: number;
  places: number;
  children: number;
  homesInRcc: number;
  inScope: boolean;
  scopeReasons: string[];
  risk: Risk | null;
  quality: { homes: number; belowGood: number; improvementTrigger: boolean; goodOrBetterShare: number; oldestInspection: string | null; byRating: Record<string, number> };
  openCases: number;
  improvementPlanOpen: boolean;
}

function StageTag({ risk }: { risk: Risk | null }) {
  if (!risk) return <span class="govuk-tag govuk-tag--grey">No return</span>;
  const colour = { "1": "green", "2": "yellow", "3": "orange", "4": "red" }[risk.stage] ?? "grey";
  return <strong class={`govuk-tag govuk-tag--${colour}`}>Stage {risk.stage}</strong>;
}

export function Groups({ user }: { user: User }) {
  const path = user.role === "commissioner" ? `/api/rccs/${user.rccId}/provider-groups` : "/api/oversight/groups";
  const loaded = useData(() => api.get<{ groups: Standing[] }>(path), [path]);
  const linked = user.role === "market_oversight";
  return (
    <>
      <h1 class="govuk-heading-l">Provider groups</h1>
      <p class="govuk-body">
        {user.role === "commissioner"
          ? "The groups with homes in your RCC: their size, whether they are in scope of the financial oversight regime and why, and the quality of their homes. A group's stage is shown when councils are warned (stage 4)."
          : "Every provider group with its parent undertaking: the financial oversight regime's entry test and the reason a group is in scope, its risk stage from its latest return with the reasons, and the Ofsted grades of its homes."}
      </p>
      <Show loaded={loaded}>
        {(d) => (
          <DataTable
            name="groups"
            caption="Provider groups"
            rows={d.groups}
            columns={[
              { key: "name", label: "Group", value: (g) => g.name, render: (g) => (linked ? <a class="govuk-link" href={`/oversight/groups/${g.id}`}>{g.name}</a> : g.name) },
              { key: "owner", label: "Ultimate owner", value: (g) => (g.ultimateOwner === g.name ? "" : g.ultimateOwner) },
              { key: "homes", label: user.role === "commissioner" ? "Homes here" : "Homes", value: (g) => (user.role === "commissioner" ? g.homesInRcc : g.homes), numeric: true },
              { key: "places", label: "Places", value: (g) => g.places, numeric: true },
              { key: "scope", label: "In scope", value: (g) => (g.inScope ? 1 : 0), render: (g) => (g.inScope ? <span title={g.scopeReasons.join("; ")}>Yes: {g.scopeReasons[0]}</span> : "No") },
              { key: "stage", label: "Stage", value: (g) => Number(g.risk?.stage ?? 0), render: (g) => <StageTag risk={g.risk} /> },
              { key: "reasons", label: "Reasons", value: (g) => [...(g.risk?.severe ?? []), ...(g.risk?.concerns ?? [])].join("; ") },
              { key: "below", label: "Homes below good", value: (g) => g.quality.belowGood, render: (g) => `${g.quality.belowGood}${g.quality.improvementTrigger ? " (improvement plan due)" : ""}`, numeric: true },
            ]}
            empty={<Empty title="No provider groups">No group has homes here.</Empty>}
          />
        )}
      </Show>
    </>
  );
}

interface ImpactRow {
  rcc: string;
  name: string;
  homesClosing: number;
  placesLeaving: number;
  children: number;
  landing: Record<string, number>;
  weeklyCostChange: number;
}
interface Impact {
  homesClosing: number;
  placesLeaving: number;
  children: number;
  landing: Record<string, number>;
  weeklyFeeBefore: number;
  weeklyFeeAfter: number;
  weeklyCostChange: number;
  byRcc: ImpactRow[];
}

function ImpactTable({ name, impact }: { name: string; impact: Impact }) {
  return (
    <DataTable
      name={name}
      caption="By RCC"
      rows={impact.byRcc}
      columns={[
        { key: "rcc", label: "RCC", value: (r) => r.name || "(no RCC)" },
        { key: "places", label: "Places leaving", value: (r) => r.placesLeaving, numeric: true },
        { key: "children", label: "Children to move", value: (r) => r.children, numeric: true },
        ...landingLabel.map(([k, l]) => ({ key: k, label: l, value: (r: ImpactRow) => r.landing[k], numeric: true })),
        { key: "cost", label: "Weekly cost change", value: (r) => r.weeklyCostChange, render: (r) => pounds(r.weeklyCostChange), numeric: true },
      ]}
      empty={<Empty title="No children affected">No child lives in the homes that close.</Empty>}
    />
  );
}

interface Adjustment {
  what: string;
  amount: number;
}
interface OversightCase {
  id: number;
  version: number;
  kind: string;
  reason: string;
  opened: string;
  closed: string | null;
  outcome: string;
  entries: { kind: string; title: string; due: string; completed: string | null }[];
}
interface GroupDetail extends Standing {
  homesList: { id: number; name: string; urn: string; provider: string; council: string; setting: string; rating: string; lastInspected: string | null; places: number; children: number }[];
  returns: Record<string, number | string>[];
  profit: { operatingProfit: number; interest: number; profitBeforeTax: number; adjustments: Adjustment[]; profit: number; margin: number; revenue: number } | null;
  cases: OversightCase[];
  groupsUnder: string[];
  consolidated: boolean;
}
const caseKinds: [string, string][] = [
  ["business_review", "Independent business review"],
  ["recovery_plan", "Recovery and resolution plan"],
  ["improvement_plan", "Quality improvement plan"],
];

export function GroupPage({ params }: { user: User; params: Record<string, string> }) {
  const [version, setVersion] = useState(0);
  const loaded = useData(() => api.get<GroupDetail>(`/api/oversight/groups/${params.id}`), [params.id, version]);
  const [failure, setFailure] = useState<Impact | null>(null);
  const [running, setRunning] = useState(false);
  const [kind, setKind] = useState("business_review");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState("");
  const runFailure = async () => {
    setRunning(true);
    try {
      const f = await api.get<{ impact: Impact }>(`/api/oversight/groups/${params.id}/failure`);
      setFailure(f.impact);
    } catch (e) {
      setErrors(errorsOf(e));
    } finally {
      setRunning(false);
    }
  };
  const open = async () => {
    setErrors([]);
    try {
      await api.post(`/api/oversight/groups/${params.id}/cases`, { kind, reason });
      setDone("Case opened.");
      setReason("");
      setVersion(version + 1);
    } catch (e) {
      setErrors(errorsOf(e, { kind: "Kind of case", reason: "Why it is opened" }));
    }
  };
  const close = async (c: OversightCase) => {
    try {
      await api.patch(`/api/oversight/cases/${c.id}`, { version: c.version, outcome: "Closed: see the documents recorded" });
      setDone("Case closed.");
      setVersion(version + 1);
    } catch (e) {
      setErrors(errorsOf(e));
    }
  };
  const milestone = async (c: OversightCase) => {
    try {
      await api.patch(`/api/oversight/cases/${c.id}`, { version: c.version, entry: { kind: "milestone", title: "Review report received", due: new Date().toISOString().slice(0, 10), completed: new Date().toISOString().slice(0, 10) } });
      setDone("Milestone recorded.");
      setVersion(version + 1);
    } catch (e) {
      setErrors(errorsOf(e));
    }
  };
  return (
    <Show loaded={loaded}>
      {(g) => (
        <>
          <h1 class="govuk-heading-l">{g.name}</h1>
          <ErrorSummary errors={errors} />
          {done && <Notice success>{done}</Notice>}
          <SummaryList
            rows={[
              ["Company number", g.companyNumber],
              ["Parent undertaking", g.parent || "None: the ultimate owner"],
              ["Groups under it", g.groupsUnder.join(", ") || "None"],
              ["Homes and places", `${g.homes} homes, ${g.places} places, ${g.children} children living there`],
              ["Oversight regime", g.inScope ? `In scope: ${g.scopeReasons.join("; ")}` : "Not in scope"],
              ["Risk stage", <span data-testid="stage"><StageTag risk={g.risk} /> {g.risk?.label ?? ""}</span>],
              ["Reasons", <ul class="govuk-list govuk-list--bullet" data-testid="stage-reasons">{[...(g.risk?.severe ?? []).map((r) => `Severe: ${r}`), ...(g.risk?.concerns ?? [])].map((r) => <li>{r}</li>)}</ul>],
              ["Quality", `${g.quality.belowGood} of ${g.quality.homes} homes below good; ${pct(g.quality.goodOrBetterShare)} of those inspected good or better${g.quality.improvementTrigger ? " (two or more below good: an improvement plan is due)" : ""}`],
            ]}
          />
          <h2 class="govuk-heading-m">Profit as the regulations would measure it</h2>
          {g.profit ? (
            <table class="govuk-table" data-testid="profit">
              <caption class="govuk-table__caption govuk-table__caption--s">Latest return{g.consolidated ? " (the groups under it, summed)" : ""}</caption>
              <tbody class="govuk-table__body">
                <tr class="govuk-table__row"><th scope="row" class="govuk-table__header">Operating profit</th><td class="govuk-table__cell govuk-table__cell--numeric">{pounds(g.profit.operatingProfit)}</td></tr>
                <tr class="govuk-table__row"><th scope="row" class="govuk-table__header">Less interest</th><td class="govuk-table__cell govuk-table__cell--numeric">{pounds(-g.profit.interest)}</td></tr>
                {g.profit.adjustments.map((a) => (
                  <tr class="govuk-table__row"><th scope="row" class="govuk-table__header">Add back: {a.what}</th><td class="govuk-table__cell govuk-table__cell--numeric">{pounds(a.amount)}</td></tr>
                ))}
                <tr class="govuk-table__row"><th scope="row" class="govuk-table__header">Regulated profit</th><td class="govuk-table__cell govuk-table__cell--numeric" data-testid="regulated-profit">{pounds(g.profit.profit)} ({pct(g.profit.margin)} of revenue)</td></tr>
              </tbody>
            </table>
          ) : (
            <Empty title="No return">The group has filed no financial return.</Empty>
          )}
          <h2 class="govuk-heading-m">If the group failed</h2>
          <p class="govuk-body">Every home of the group (and of the groups under it) closes; the children living there are placed again by the region-wide assignment in the free places left in England.</p>
          <Button onClick={runFailure} disabled={running}>{running ? "Working it out…" : "Run the failure scenario"}</Button>
          {failure && (
            <div data-testid="failure">
              <p class="govuk-body">
                {failure.homesClosing} homes close with {failure.placesLeaving} places; {failure.children} children need another home:{" "}
                {landingLabel.map(([k, l]) => `${failure.landing[k]} ${l.toLowerCase()}`).join(", ")}. Weekly cost of those placed again: {pounds(failure.weeklyFeeBefore)} now, {pounds(failure.weeklyFeeAfter)} after.
              </p>
              <ImpactTable name="failure-by-rcc" impact={failure} />
            </div>
          )}
          <h2 class="govuk-heading-m">Oversight cases</h2>
          <DataTable
            name="cases"
            caption="Business reviews, recovery plans and improvement plans"
            rows={g.cases}
            columns={[
              { key: "kind", label: "Case", value: (c) => caseKinds.find(([k]) => k === c.kind)?.[1] ?? c.kind },
              { key: "opened", label: "Opened", value: (c) => c.opened },
              { key: "reason", label: "Reason", value: (c) => c.reason },
              { key: "entries", label: "Documents and milestones", value: (c) => c.entries.map((e) => `${e.title} (${e.completed ?? "due " + e.due})`).join("; ") },
              { key: "state", label: "State", value: (c) => (c.closed ? `Closed ${c.closed}: ${c.outcome}` : "Open"), render: (c) => (c.closed ? `Closed ${c.closed}: ${c.outcome}` : <><Button secondary onClick={() => milestone(c)}>Record a milestone</Button> <Button secondary onClick={() => close(c)}>Close</Button></>) },
            ]}
            empty={<Empty title="No case">No case has been opened on this group.</Empty>}
          />
          <h3 class="govuk-heading-s">Open a case</h3>
          <Select id="kind" label="Kind of case" value={kind} onChange={setKind} choices={caseKinds} errors={errors} />
          <TextInput id="reason" label="Why it is opened" value={reason} onInput={setReason} errors={errors} />
          <Button onClick={open}>Open the case</Button>
          <h2 class="govuk-heading-m">Homes</h2>
          <DataTable
            name="group-homes"
            caption="Every home by Ofsted URN"
            rows={g.homesList}
            columns={[
              { key: "urn", label: "URN", value: (h) => h.urn },
              { key: "name", label: "Home", value: (h) => h.name },
              { key: "setting", label: "Setting", value: (h) => settingLabel[h.setting] ?? h.setting },
              { key: "council", label: "Council", value: (h) => h.council },
              { key: "rating", label: "Ofsted grade", value: (h) => label(h.rating) },
              { key: "inspected", label: "Last inspected", value: (h) => h.lastInspected ?? "" },
              { key: "places", label: "Places", value: (h) => h.places, numeric: true },
              { key: "children", label: "Children", value: (h) => h.children, numeric: true },
            ]}
            empty={<Empty title="No homes">The group runs no home.</Empty>}
          />
          <h2 class="govuk-heading-m">Financial returns</h2>
          <DataTable
            name="returns"
            caption="Annual financial returns"
            rows={g.returns}
            columns={[
              { key: "year", label: "Year to March", value: (r) => Number(r.year) },
              { key: "revenue", label: "Revenue", value: (r) => Number(r.revenue), render: (r) => pounds(Number(r.revenue)), numeric: true },
              { key: "op", label: "Operating profit", value: (r) => Number(r.operatingProfit), render: (r) => pounds(Number(r.operatingProfit)), numeric: true },
              { key: "debt", label: "Debt", value: (r) => Number(r.debt), render: (r) => pounds(Number(r.debt)), numeric: true },
              { key: "cash", label: "Cash", value: (r) => Number(r.cash), render: (r) => pounds(Number(r.cash)), numeric: true },
            ]}
            empty={<Empty title="No return">{g.consolidated ? "The group files none itself: its groups' returns are summed above." : "The group has filed no return."}</Empty>}
          />
        </>
      )}
    </Show>
  );
}

interface WhatIfLevel {
  cap: number;
  repaid: number;
  breaches: number;
  groupsShrinking: number;
  impact: Impact;
}

export function ProfitCap() {
  const loaded = useData(() => api.get<{ levels: WhatIfLevel[] }>("/api/oversight/profit-cap/what-if"), []);
  return (
    <>
      <h1 class="govuk-heading-l">Profit cap</h1>
      <p class="govuk-body">
        For a cap on regulated profit from 0% to 25% of revenue: what groups would repay, and by the exit rule (a group whose capped margin falls below its cost of capital closes that share of its places, emptiest homes first) how many places would leave each RCC and where the children living in them could go.
      </p>
      <Show loaded={loaded}>
        {(d) => (
          <>
            <Chart
              label={`Profit cap what-if: ${d.levels.map((l) => `${Math.round(l.cap * 100)}%: repaid ${pounds(l.repaid)}, ${l.impact.placesLeaving} places leave`).join("; ")}`}
              make={() =>
                Plot.plot({
                  className: "cc-chart",
                  width: 900,
                  height: 320,
                  x: { label: "Cap (% of revenue)", grid: true },
                  y: { label: "Places leaving / £m repaid", grid: true },
                  color: { legend: true, domain: ["Places leaving", "Children to move", "£m repaid"], range: ["#d4351c", "#f47738", "#1d70b8"] },
                  marks: [
                    Plot.lineY(d.levels, { x: (l: WhatIfLevel) => l.cap * 100, y: (l: WhatIfLevel) => l.impact.placesLeaving, stroke: () => "Places leaving" }),
                    Plot.lineY(d.levels, { x: (l: WhatIfLevel) => l.cap * 100, y: (l: WhatIfLevel) => l.impact.children, stroke: () => "Children to move" }),
                    Plot.lineY(d.levels, { x: (l: WhatIfLevel) => l.cap * 100, y: (l: WhatIfLevel) => l.repaid / 1e8, stroke: () => "£m repaid" }),
                    Plot.ruleY([0]),
                  ],
                })
              }
            />
            <DataTable
              name="what-if"
              caption="The cap at each level"
              rows={d.levels}
              columns={[
                { key: "cap", label: "Cap", value: (l) => l.cap, render: (l) => pct(l.cap, 0), numeric: true },
                { key: "repaid", label: "Repaid", value: (l) => l.repaid, render: (l) => pounds(l.repaid), numeric: true },
                { key: "breaches", label: "Groups over the cap", value: (l) => l.breaches, numeric: true },
                { key: "shrinking", label: "Groups closing homes", value: (l) => l.groupsShrinking, numeric: true },
                { key: "places", label: "Places leaving", value: (l) => l.impact.placesLeaving, numeric: true },
                { key: "children", label: "Children to move", value: (l) => l.impact.children, numeric: true },
                { key: "nowhere", label: "No home found", value: (l) => l.impact.landing.nowhere, numeric: true },
                { key: "cost", label: "Weekly cost change", value: (l) => l.impact.weeklyCostChange, render: (l) => pounds(l.impact.weeklyCostChange), numeric: true },
              ]}
              empty={<Empty title="No return">No group has filed a return.</Empty>}
            />
          </>
        )}
      </Show>
    </>
  );
}

interface Warning {
  groupId: number;
  group: string;
  risk: Risk;
  children: number;
  councils: { council: string; children: number }[];
  homes: { name: string; urn: string; council: string; children: number }[];
}

export function Warnings({ user }: { user: User }) {
  const loaded = useData(() => api.get<{ warnings: Warning[] }>(`/api/rccs/${user.rccId}/oversight-warnings`), [user.rccId]);
  return (
    <>
      <h1 class="govuk-heading-l">Provider warnings</h1>
      <p class="govuk-body">Provider groups at stage 4 (a real possibility of failure) with your councils' children in their homes: how many children, and which homes.</p>
      <Show loaded={loaded}>
        {(d) =>
          d.warnings.length === 0 ? (
            <Empty title="No warnings">No group at stage 4 looks after your councils' children.</Empty>
          ) : (
            <>
              {d.warnings.map((w) => (
                <div class="govuk-warning-text" data-testid="warning">
                  <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
                  <strong class="govuk-warning-text__text">
                    {w.group}: {w.children} of your children live in its homes. {w.risk.severe.join("; ")}.
                  </strong>
                </div>
              ))}
              <DataTable
                name="warning-homes"
                caption="Homes of groups at stage 4 with your children"
                rows={d.warnings.flatMap((w) => w.homes.map((h) => ({ ...h, group: w.group })))}
                columns={[
                  { key: "group", label: "Group", value: (h) => h.group },
                  { key: "name", label: "Home", value: (h) => h.name },
                  { key: "urn", label: "URN", value: (h) => h.urn },
                  { key: "council", label: "Council", value: (h) => h.council },
                  { key: "children", label: "Your children there", value: (h) => h.children, numeric: true },
                ]}
                empty={<Empty title="No homes">None.</Empty>}
              />
            </>
          )
        }
      </Show>
    </>
  );
}

interface Published {
  suppressBelow: number;
  cells: { rcc: string; rccName: string; setting: string; band: string; suppressed: boolean; fees: Quartiles | null }[];
}

export function PublishedPrices() {
  const loaded = useData(() => api.get<Published>("/api/oversight/prices/published"), []);
  return (
    <>
      <h1 class="govuk-heading-l">Prices paid</h1>
      <p class="govuk-body">
        The price transparency publication: what each RCC's councils pay a week for a place, by setting and need band. Cells of fewer than 5 placements are suppressed and no totals are given, so none can be worked back. <a class="govuk-link" href="/api/oversight/prices/published?format=csv" download>Download as CSV</a>
      </p>
      <Show loaded={loaded}>
        {(d) => (
          <DataTable
            name="published"
            caption="Prices paid by RCC, setting and need band"
            rows={d.cells}
            columns={[
              { key: "rcc", label: "RCC", value: (c) => c.rccName },
              { key: "setting", label: "Setting", value: (c) => settingLabel[c.setting] ?? c.setting },
              { key: "band", label: "Need band", value: (c) => bandLabel[c.band] ?? c.band },
              { key: "n", label: "Placements", value: (c) => (c.suppressed ? 0 : c.fees?.count ?? 0), render: (c) => (c.suppressed ? "fewer than 5" : String(c.fees?.count)), numeric: true },
              { key: "median", label: "Median a week", value: (c) => c.fees?.median ?? 0, render: (c) => (c.suppressed ? "suppressed" : pounds(c.fees?.median ?? 0)), numeric: true },
              { key: "range", label: "Middle half", value: (c) => c.fees?.q1 ?? 0, render: (c) => (c.suppressed ? "suppressed" : `${pounds(c.fees?.q1 ?? 0)} to ${pounds(c.fees?.q3 ?? 0)}`) },
            ]}
            empty={<Empty title="Nothing published">No placement to publish.</Empty>}
          />
        )}
      </Show>
    </>
  );
}

const returnFields: [string, string][] = [
  ["revenue", "Revenue"],
  ["staffCosts", "Staff costs"],
  ["propertyCosts", "Property costs (paid to others)"],
  ["relatedPartyRent", "Rent paid to related parties"],
  ["managementCharges", "Management charges to group companies"],
  ["otherCosts", "Other costs"],
  ["operatingProfit", "Operating profit (a loss is negative)"],
  ["marketRent", "Market rent of the related-party property"],
  ["debt", "Debt at year end"],
  ["connectedDebt", "Of it, owed to connected parties"],
  ["interest", "Interest payable"],
  ["connectedInterest", "Of it, to connected parties"],
  ["cash", "Cash at year end"],
  ["capitalEmployed", "Capital employed"],
];

export function ProviderReturns() {
  const [version, setVersion] = useState(0);
  const loaded = useData(() => api.get<{ group: { id: number; name: string; companyNumber: string } | null; returns: Record<string, number | string>[] }>("/api/provider/returns"), [version]);
  const [year, setYear] = useState("");
  const [parent, setParent] = useState("");
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState("");
  const labels = Object.fromEntries([["year", "Year"], ["parentCompanyNumber", "Parent company number"], ...returnFields].flatMap(([k, l]) => [[k, l], [`returns[0].${k}`, l]]));
  const submit = async (groupId: number) => {
    setErrors([]);
    setDone("");
    const r: Record<string, unknown> = { year: Number(year), parentCompanyNumber: parent };
    for (const [k, l] of returnFields) {
      const pounds = Number((values[k] ?? "").replace(/[£,]/g, ""));
      if (values[k] === undefined || values[k] === "" || Number.isNaN(pounds)) {
        setErrors([{ field: k, message: `Enter ${l.toLowerCase()} in pounds` }]);
        return;
      }
      r[k] = Math.round(pounds * 100);
    }
    try {
      await api.post(`/api/oversight/groups/${groupId}/returns`, { returns: [r] });
      setDone(`The return for the year to March ${year} is filed.`);
      setVersion(version + 1);
    } catch (e) {
      setErrors(errorsOf(e, labels).map((x) => ({ ...x, field: x.field.replace(/^returns\[0\]\./, "") })));
    }
  };
  return (
    <>
      <h1 class="govuk-heading-l">Financial returns</h1>
      <Show loaded={loaded}>
        {(d) =>
          !d.group ? (
            <Empty title="No provider group">Your organisation belongs to no provider group, so it files no group return.</Empty>
          ) : (
            <>
              <p class="govuk-body">
                {d.group.name} (company {d.group.companyNumber}) files an annual financial return for the financial oversight regime. Costs and operating profit must add up to revenue, to the penny.
              </p>
              <DataTable
                name="own-returns"
                caption="Returns filed"
                rows={d.returns}
                columns={[
                  { key: "year", label: "Year to March", value: (r) => Number(r.year) },
                  { key: "revenue", label: "Revenue", value: (r) => Number(r.revenue), render: (r) => pounds(Number(r.revenue)), numeric: true },
                  { key: "op", label: "Operating profit", value: (r) => Number(r.operatingProfit), render: (r) => pounds(Number(r.operatingProfit)), numeric: true },
                  { key: "submitted", label: "Filed", value: (r) => String(r.submitted) },
                ]}
                empty={<Empty title="No return yet">File the first below.</Empty>}
              />
              <h2 class="govuk-heading-m">File a return</h2>
              <ErrorSummary errors={errors} />
              {done && <Notice success>{done}</Notice>}
              <TextInput id="year" label="Year to 31 March" value={year} onInput={setYear} errors={errors} />
              <TextInput id="parentCompanyNumber" label="Parent company number (blank if none)" value={parent} onInput={setParent} errors={errors} />
              {returnFields.map(([k, l]) => (
                <TextInput id={k} label={`${l} (£)`} value={values[k] ?? ""} onInput={(v) => setValues({ ...values, [k]: v })} errors={errors} />
              ))}
              <Button onClick={() => submit(d.group!.id)}>File the return</Button>
            </>
          )
        }
      </Show>
    </>
  );
}
