// The commissioner's and the national analyst's views: an RCC's sufficiency
// (forecast need with its 95% band against the places it has, by age band
// and placement category, now, in 12 and in 24 months), where children are
// placed far from home, and the national overview by RCC. Every chart has a
// table of the same numbers beside it. Small numbers come suppressed from
// the API (null) and are shown as "suppressed", never worked back.
import * as Plot from "@observablehq/plot";
import { api, pounds, type User } from "../api";
import { Chart, DataTable, Empty, Select, Show, useData } from "../components";
import { setQuery, useRoute } from "../router";

interface Banded {
  value: number | null;
  lower95: number | null;
  upper95: number | null;
}
interface SufficiencyRow {
  ageBand: string;
  category: string;
  available: number | null;
  occupied: number | null;
  need: Record<Horizon, Banded>;
  gap: Record<Horizon, Banded>;
}
interface CouncilRow {
  council: string;
  placed: number | null;
  placedFar: number | null;
  medianKm: number | null;
  outsideRcc: number | null;
}
interface SufficiencyAnswer {
  rcc: { code: string; name: string };
  asOf: string;
  predictionStart: string;
  farKm: number;
  rows: SufficiencyRow[];
  councils: CouncilRow[];
  forecastUnavailable: string | null;
  smallNumbersSuppressedBelow: number | null;
}
interface NationalRow {
  rcc: string;
  rccId?: number;
  name: string;
  openReferrals: number | null;
  currentPlacements: number | null;
  emergencyPlacements: number | null;
  meanWeeklyFee: number | null;
}

type Horizon = "now" | "months12" | "months24";
const horizons: [Horizon, string][] = [
  ["now", "Now"],
  ["months12", "In 12 months"],
  ["months24", "In 24 months"],
];
const bands = ["Birth to 1", "1 to 5", "5 to 10", "10 to 16", "16 to 18+"];
const n1 = (v: number | null | undefined) => (v == null ? "suppressed" : v.toFixed(0));

export function Sufficiency({ user }: { user: User }) {
  const { query } = useRoute();
  const rcc = query.get("rcc") ?? (user.rccId ? String(user.rccId) : "");
  const horizon = (query.get("horizon") as Horizon) ?? "months12";
  const national = useData(
    () => (user.role === "national_analyst" ? api.get<{ rccs: NationalRow[] }>("/api/national/overview") : Promise.resolve({ rccs: [] })),
    [],
  );
  const loaded = useData(
    () => (rcc ? api.get<SufficiencyAnswer>(`/api/rccs/${encodeURIComponent(rcc)}/sufficiency`) : Promise.resolve(null as any)),
    [rcc],
  );
  return (
    <>
      <h1 class="govuk-heading-l">Sufficiency</h1>
      {user.role === "national_analyst" && (
        <Show loaded={national}>
          {(d) => (
            <Select
              id="rcc"
              label="Regional care co-operative"
              value={rcc}
              onChange={(v) => setQuery({ rcc: v })}
              errors={[]}
              choices={[["", "Choose an RCC"], ...d.rccs.filter((r) => r.rccId).map((r): [string, string] => [String(r.rccId), r.name])]}
            />
          )}
        </Show>
      )}
      {!rcc ? (
        <Empty title="Choose an RCC">Choose a regional care co-operative above to see its forecast need against its places.</Empty>
      ) : (
        <Show loaded={loaded}>{(d) => (d ? <SufficiencyBody d={d} horizon={horizon} /> : <></>)}</Show>
      )}
    </>
  );
}

function SufficiencyBody({ d, horizon }: { d: SufficiencyAnswer; horizon: Horizon }) {
  const rows = [...d.rows].sort(
    (a, b) => a.category.localeCompare(b.category) || bands.indexOf(a.ageBand) - bands.indexOf(b.ageBand),
  );
  const name = (r: SufficiencyRow) => `${r.category}, ${r.ageBand}`;
  const points = rows.map((r) => ({
    name: name(r),
    available: r.available,
    need: r.need[horizon]?.value,
    lower: r.need[horizon]?.lower95,
    upper: r.need[horizon]?.upper95,
  }));
  return (
    <>
      <p class="govuk-body">
        {d.rcc.name}: children's forecast need for homes against the places the region has, as at {d.asOf}.
        {d.smallNumbersSuppressedBelow ? ` Counts under ${d.smallNumbersSuppressedBelow} are suppressed.` : ""}
      </p>
      {d.forecastUnavailable && <div class="govuk-warning-text"><strong class="govuk-warning-text__text">{d.forecastUnavailable}</strong></div>}
      <Select id="horizon" label="When" value={horizon} onChange={(v) => setQuery({ horizon: v })} errors={[]} choices={horizons} />
      <h2 class="govuk-heading-m">Need against places, {horizons.find((h) => h[0] === horizon)?.[1].toLowerCase()}</h2>
      <p class="govuk-body-s">Bars: places (occupied and free). Dots: forecast need, with its 95% band as a line.</p>
      <Chart
        label={`Forecast need against places for ${d.rcc.name}: ${points.map((p) => `${p.name}: need ${n1(p.need)}, places ${n1(p.available)}`).join("; ")}`}
        make={() =>
          Plot.plot({
            className: "cc-chart",
            width: 900,
            height: 380,
            marginBottom: 120,
            marginLeft: 60,
            x: { label: null, tickRotate: -35, domain: points.map((p) => p.name) },
            y: { label: "children", grid: true },
            marks: [
              Plot.barY(points, { x: "name", y: "available", fill: "#b1b4b6" }),
              Plot.ruleX(points, { x: "name", y1: "lower", y2: "upper", stroke: "#0b0c0c", strokeWidth: 2 }),
              Plot.dot(points, { x: "name", y: "need", fill: "#1d70b8", r: 5 }),
              Plot.ruleY([0]),
            ],
          })
        }
      />
      <DataTable
        name="sufficiency"
        caption="Need against places"
        rows={rows}
        columns={[
          { key: "category", label: "Category", value: (r) => r.category },
          { key: "band", label: "Age band", value: (r) => bands.indexOf(r.ageBand), render: (r) => r.ageBand },
          { key: "places", label: "Places", value: (r) => r.available, render: (r) => n1(r.available), numeric: true },
          { key: "occupied", label: "Occupied", value: (r) => r.occupied, render: (r) => n1(r.occupied), numeric: true },
          { key: "need", label: "Need", value: (r) => r.need[horizon]?.value, render: (r) => n1(r.need[horizon]?.value), numeric: true },
          { key: "band95", label: "95% band", value: (r) => `${n1(r.need[horizon]?.lower95)}–${n1(r.need[horizon]?.upper95)}` },
          { key: "gap", label: "Places minus need", value: (r) => r.gap[horizon]?.value, render: (r) => n1(r.gap[horizon]?.value), numeric: true },
        ]}
        empty={<Empty title="No forecast">There is no forecast for this RCC yet: import its SSDA903 returns.</Empty>}
      />
      <h2 class="govuk-heading-m">Children placed far from home</h2>
      <p class="govuk-body">Placed more than {d.farKm.toFixed(0)} km (20 miles) from home, by council.</p>
      <DataTable
        name="far"
        caption="Placed far, by council"
        rows={d.councils}
        columns={[
          { key: "council", label: "Council", value: (c) => c.council },
          { key: "placed", label: "Placed", value: (c) => c.placed, render: (c) => n1(c.placed), numeric: true },
          { key: "far", label: "Placed far", value: (c) => c.placedFar, render: (c) => n1(c.placedFar), numeric: true },
          { key: "median", label: "Median distance (km)", value: (c) => (c.medianKm == null ? null : Number(c.medianKm.toFixed(1))), numeric: true },
          { key: "outside", label: "Outside the RCC", value: (c) => c.outsideRcc, render: (c) => n1(c.outsideRcc), numeric: true },
        ]}
        empty={<Empty title="No placements">No council in this RCC has a child placed.</Empty>}
      />
    </>
  );
}

export function National(_: { user: User }) {
  const loaded = useData(() => api.get<{ rccs: NationalRow[]; smallNumbersSuppressedBelow: number }>("/api/national/overview"), []);
  return (
    <>
      <h1 class="govuk-heading-l">National overview</h1>
      <Show loaded={loaded}>
        {(d) => (
          <>
            <p class="govuk-body">Pseudonymised aggregates by RCC. Counts under {d.smallNumbersSuppressedBelow} are suppressed.</p>
            <DataTable
              name="national"
              caption="RCCs"
              rows={d.rccs}
              columns={[
                { key: "name", label: "RCC", value: (r) => r.name, render: (r) => (r.rccId ? <a class="govuk-link" href={`/sufficiency?rcc=${r.rccId}`}>{r.name}</a> : r.name) },
                { key: "open", label: "Open referrals", value: (r) => r.openReferrals, render: (r) => n1(r.openReferrals), numeric: true },
                { key: "current", label: "Current placements", value: (r) => r.currentPlacements, render: (r) => n1(r.currentPlacements), numeric: true },
                { key: "emergency", label: "Emergency placements", value: (r) => r.emergencyPlacements, render: (r) => n1(r.emergencyPlacements), numeric: true },
                { key: "fee", label: "Mean weekly fee", value: (r) => r.meanWeeklyFee, render: (r) => (r.meanWeeklyFee == null ? "suppressed" : pounds(r.meanWeeklyFee)), numeric: true },
              ]}
              empty={<Empty title="No RCCs">No RCC has sent figures yet.</Empty>}
            />
          </>
        )}
      </Show>
    </>
  );
}
