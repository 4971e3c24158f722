// The commissioner's pooled budget and the RCC's own foster carers.
//
// Budget: each member council's line for a financial year beside its spend
// so far and its forecast to the year's end, with the variance (forecast -
// budget), as a chart and the table of the same numbers. Served by
// GET /api/rccs/{id}/budget (services/budget.cc).
//
// Fostering: the recruitment funnel (enquiry, application, assessment,
// approval) with each stage's conversion and median days, and the Ofsted
// fostering fields. Served by GET /api/rccs/{id}/fostering
// (services/recruitment.cc).
import * as Plot from "@observablehq/plot";
import { api, pounds, type User } from "../api";
import { Chart, DataTable, Empty, Select, Show, SummaryList, useData } from "../components";
import { setQuery, useRoute } from "../router";

interface BudgetRow {
  councilId: number | null;
  name: string;
  budget: number;
  spendToDate: number;
  forecast: number;
  variance: number;
  forecastMethod: string;
}
interface BudgetAnswer {
  year: number;
  day: string;
  set: boolean;
  basis: string;
  councils: BudgetRow[];
  total: BudgetRow;
}

const basisLabel: Record<string, string> = {
  children_in_care: "share of children in care",
  past_spend: "share of past spend",
  fixed_split: "a fixed split",
};

export function BudgetView({ user }: { user: User }) {
  const { query } = useRoute();
  const year = query.get("year") ?? "";
  const loaded = useData(() => api.get<BudgetAnswer>(`/api/rccs/${user.rccId}/budget${year ? `?year=${year}` : ""}`), [user.rccId, year]);
  return (
    <>
      <h1 class="govuk-heading-l">Budget</h1>
      <p class="govuk-body">
        The pooled placement budget: each council's line, its spend so far (the placements' weekly fees for their days in the year) and the forecast to the year's end (placements in force to the year's end, and the placements expected to start).
      </p>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third">
          <Select
            id="year"
            label="Financial year"
            value={year}
            onChange={(v) => setQuery({ year: v || null })}
            errors={[]}
            choices={[
              ["", "This year"],
              ...[2023, 2024, 2025, 2026].map((y): [string, string] => [String(y), `April ${y} to March ${y + 1}`]),
            ]}
          />
        </div>
      </div>
      <Show loaded={loaded}>
        {(b) => {
          const points = b.councils.flatMap((c) => [
            { council: c.name, measure: "Budget", pounds: c.budget / 100 },
            { council: c.name, measure: "Spend to date", pounds: c.spendToDate / 100 },
            { council: c.name, measure: "Forecast", pounds: c.forecast / 100 },
          ]);
          return (
            <>
              <p class="govuk-body" data-testid="budget-total">
                April {b.year} to March {b.year + 1}, on {b.day}: budget {pounds(b.total.budget)}
                {b.set ? ` (divided by ${basisLabel[b.basis] ?? b.basis})` : " (not set)"}, spent {pounds(b.total.spendToDate)}, forecast {pounds(b.total.forecast)}, variance {pounds(b.total.variance)}.
              </p>
              <Chart
                label={`Budget, spend to date and forecast by council: ${b.councils.map((c) => `${c.name} budget ${pounds(c.budget)}, spent ${pounds(c.spendToDate)}, forecast ${pounds(c.forecast)}`).join("; ")}`}
                make={() =>
                  Plot.plot({
                    className: "cc-chart",
                    width: 900,
                    height: 60 + 66 * b.councils.length,
                    marginLeft: 200,
                    x: { label: "£", grid: true },
                    y: { label: null, axis: null, domain: ["Budget", "Spend to date", "Forecast"] },
                    fy: { label: null, domain: b.councils.map((c) => c.name) },
                    color: { legend: true, domain: ["Budget", "Spend to date", "Forecast"], range: ["#505a5f", "#1d70b8", "#f47738"] },
                    marks: [Plot.barX(points, { x: "pounds", y: "measure", fy: "council", fill: "measure" }), Plot.ruleX([0])],
                  })
                }
              />
              <DataTable
                name="budget"
                caption="Budget by council"
                rows={[...b.councils, b.total]}
                columns={[
                  { key: "council", label: "Council", value: (r) => (r.councilId ? r.name : `${r.name} (all)`) },
                  { key: "budget", label: "Budget", value: (r) => r.budget, render: (r) => pounds(r.budget), numeric: true },
                  { key: "spend", label: "Spend to date", value: (r) => r.spendToDate, render: (r) => pounds(r.spendToDate), numeric: true },
                  { key: "forecast", label: "Forecast to year end", value: (r) => r.forecast, render: (r) => pounds(r.forecast), numeric: true },
                  { key: "variance", label: "Variance", value: (r) => r.variance, render: (r) => pounds(r.variance), numeric: true },
                  {
                    key: "method",
                    label: "Forecast from",
                    value: (r) => (r.forecastMethod === "demand model" ? "Demand forecast" : r.forecastMethod === "past starts" ? "Last year's starts" : ""),
                  },
                ]}
                empty={<Empty title="Nothing matches">Clear the filter.</Empty>}
              />
            </>
          );
        }}
      </Show>
    </>
  );
}

interface Stage {
  stage: string;
  reached: number;
  conversion: number;
  medianDaysToNext: number | null;
}
interface FosteringAnswer {
  from: string;
  to: string;
  day: string;
  funnel: Stage[];
  resignations: number;
  households: number;
  approvedPlaces: number;
  filled: number;
  vacant: number;
  unavailable: number;
}
const stageLabel: Record<string, string> = { enquiry: "Enquiries", application: "Applications", assessment: "Assessments", approval: "Approvals" };

export function FosteringView({ user }: { user: User }) {
  const loaded = useData(() => api.get<FosteringAnswer>(`/api/rccs/${user.rccId}/fostering`), [user.rccId]);
  return (
    <>
      <h1 class="govuk-heading-l">Foster carers</h1>
      <p class="govuk-body">The councils' own fostering services: households recruited over the last year, stage by stage, and the places they hold today.</p>
      <Show loaded={loaded}>
        {(f) => {
          const points = f.funnel.map((s) => ({ stage: stageLabel[s.stage] ?? s.stage, households: s.reached }));
          return (
            <>
              <h2 class="govuk-heading-m">Recruitment, {f.from} to {f.to}</h2>
              <Chart
                label={`Recruitment funnel: ${points.map((p) => `${p.stage} ${p.households}`).join(", ")}; ${f.resignations} resigned`}
                make={() =>
                  Plot.plot({
                    className: "cc-chart",
                    width: 900,
                    height: 200,
                    marginLeft: 120,
                    x: { label: "households", grid: true },
                    y: { label: null, domain: points.map((p) => p.stage) },
                    marks: [Plot.barX(points, { x: "households", y: "stage", fill: "#1d70b8" }), Plot.ruleX([0])],
                  })
                }
              />
              <DataTable
                name="funnel"
                caption="Recruitment funnel"
                rows={f.funnel}
                columns={[
                  { key: "stage", label: "Stage", value: (s) => stageLabel[s.stage] ?? s.stage },
                  { key: "reached", label: "Households", value: (s) => s.reached, numeric: true },
                  { key: "conversion", label: "Of the stage before", value: (s) => s.conversion, render: (s) => `${Math.round(s.conversion * 100)}%`, numeric: true },
                  { key: "days", label: "Median days to the next stage", value: (s) => s.medianDaysToNext ?? "", render: (s) => (s.medianDaysToNext == null ? "—" : String(Math.round(s.medianDaysToNext))), numeric: true },
                ]}
                empty={<Empty title="No enquiries">No household enquired in this period.</Empty>}
              />
              <h2 class="govuk-heading-m">Places on {f.day}</h2>
              <SummaryList
                rows={[
                  ["Fostering households", <span data-testid="households">{f.households}</span>],
                  ["Approved places", f.approvedPlaces],
                  ["Filled", f.filled],
                  ["Vacant", f.vacant],
                  ["Not available (carer on hold, place kept)", f.unavailable],
                  ["Households that resigned in the period", f.resignations],
                ]}
              />
            </>
          );
        }}
      </Show>
    </>
  );
}
