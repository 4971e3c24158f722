// The national layer's views over RCC returns (docs/national.md): for the
// national analyst, the returns received and England built from them with
// the RCCs compared; for an RCC's commissioner, their RCC against England.
// Everything here comes from the returns: a suppressed number arrives as
// null and is shown as "suppressed", never worked back. Every chart has a
// table of the same numbers beside it.
import * as Plot from "@observablehq/plot";
import { api, pounds, type User } from "../api";
import { Chart, DataTable, Empty, Select, Show, useData } from "../components";
import { setQuery, useRoute } from "../router";

interface Measures {
  rcc: string;
  rccId?: number | null;
  quarter: string;
  started: number | null;
  atEnd: number | null;
  referrals: number | null;
  placed: number | null;
  unmet: number | null;
  moves: number | null;
  startedWithin20Miles: number | null;
  startedInsideRcc: number | null;
  atEndOver20Miles: number | null;
  atEndOutsideRcc: number | null;
  spotShare: number | null;
  spotShareOfSpend: number | null;
  weeklySpend: number | null;
  spendPerChildWeek: number | null;
  viewsRecorded: number | null;
  scrutinyBeforeAgreement: number | null;
  placedWithin28Days: number | null;
  movesPerChild: number | null;
  twoOrMoreMovesInYear: number | null;
  threeOrMoreMovesInTwoYears: number | null;
  priceToFairPrice: number | null;
  medianDaysToPlacement: number | null;
}
interface Comparison {
  measure: string;
  higherIsBetter: boolean;
  englandMedian: number | null;
  rows: { rcc: string; value: number | null; rank: number | null }[];
}
interface Finding {
  measure: string;
  label: string;
  value: number;
  level: number;
  englandMedian: number | null;
  rank: number | null;
  of: number;
}
interface Inspection {
  rcc: string;
  strengths: Finding[];
  improvements: Finding[];
  notKnown: string[];
}
interface QuarterOverview {
  quarter: string;
  inspection: Inspection[];
  rccs: string[];
  england: Measures;
  byRcc: Measures[];
  comparison: Comparison[];
}
interface Overview {
  quarters: QuarterOverview[];
}
interface Received {
  id: number;
  rcc: string;
  rccName: string;
  quarter: string;
  produced: string;
  receivedAt: string;
  receivedBy: string;
  version: number;
}

// The comparison's measures, in the order and words of docs/national.md.
type Kind = "share" | "days" | "money" | "rate";
const measureNames: Record<string, [string, Kind]> = {
  started_within_20_miles: ["New placements within 20 miles of home", "share"],
  started_inside_rcc: ["New placements inside the RCC", "share"],
  moves_per_child: ["Moves in the quarter per child in placement", "rate"],
  placed_within_28_days: ["Placed within 28 days of referral", "share"],
  median_days_to_placement: ["Median days from referral to placement", "days"],
  scrutiny_before_agreement: ["Placements scrutinised before agreement", "share"],
  views_recorded: ["Referrals with the child's views recorded", "share"],
  spot_share: ["Spot share of placements", "share"],
  spend_per_child_week: ["Spend per child-week", "money"],
  two_or_more_moves_in_year: ["Children in placement with two or more moves in the year", "share"],
  three_or_more_moves_in_two_years: ["Children in placement with three or more moves in two years", "share"],
  price_to_fair_price: ["Weekly spend against the fair price of the same places", "rate"],
};

const count = (v: number | null | undefined) => (v == null ? "suppressed" : v.toLocaleString("en-GB"));
function shown(v: number | null | undefined, kind: "share" | "days" | "money" | "rate") {
  if (v == null) return "not known";
  if (kind === "share") return `${(v * 100).toFixed(1)}%`;
  if (kind === "money") return pounds(Math.round(v));
  if (kind === "days") return v.toFixed(1);
  return v.toFixed(2);
}

function useOverview() {
  return useData(() => api.get<Overview>("/api/national/returns/overview"), []);
}

function QuarterSelect({ o, q }: { o: Overview; q: QuarterOverview }) {
  return (
    <Select
      id="quarter"
      label="Quarter"
      value={q.quarter}
      onChange={(v) => setQuery({ quarter: v })}
      errors={[]}
      choices={o.quarters.map((x): [string, string] => [x.quarter, x.quarter])}
    />
  );
}

function pickQuarter(o: Overview, wanted: string): QuarterOverview | undefined {
  return o.quarters.find((q) => q.quarter === wanted) ?? o.quarters[o.quarters.length - 1];
}

export function RccReturns(_: { user: User }) {
  const { query } = useRoute();
  const overview = useOverview();
  const received = useData(() => api.get<{ returns: Received[] }>("/api/national/returns"), []);
  const wanted = query.get("quarter") ?? "";
  return (
    <>
      <h1 class="govuk-heading-l">RCC returns</h1>
      <p class="govuk-body">
        England built from the quarterly returns RCCs send, and nothing else: counts of 1 to 4 come suppressed, with
        enough others that none can be worked back; a number for England is shown only where every RCC shows it.
      </p>
      <Show loaded={overview}>
        {(o) => {
          const q = pickQuarter(o, wanted);
          if (!q) return <Empty title="No returns yet">No RCC has sent a return. An RCC's commissioner builds one with <code>carecoop national return</code>.</Empty>;
          return (
            <>
              <QuarterSelect o={o} q={q} />
              <h2 class="govuk-heading-m">England, {q.quarter}</h2>
              <DataTable
                name="measures"
                caption={`Each RCC and England, ${q.quarter}`}
                rows={[...q.byRcc, { ...q.england, rcc: "England" }]}
                columns={[
                  { key: "rcc", label: "RCC", value: (m) => m.rcc },
                  { key: "started", label: "Placements started", value: (m) => m.started, render: (m) => count(m.started), numeric: true },
                  { key: "atEnd", label: "In placement at the end", value: (m) => m.atEnd, render: (m) => count(m.atEnd), numeric: true },
                  { key: "placed", label: "Referrals placed", value: (m) => m.placed, render: (m) => count(m.placed), numeric: true },
                  { key: "unmet", label: "Referrals unmet", value: (m) => m.unmet, render: (m) => count(m.unmet), numeric: true },
                  { key: "near", label: "New within 20 miles", value: (m) => m.startedWithin20Miles, render: (m) => shown(m.startedWithin20Miles, "share"), numeric: true },
                  { key: "far", label: "Over 20 miles at the end", value: (m) => m.atEndOver20Miles, render: (m) => shown(m.atEndOver20Miles, "share"), numeric: true },
                  { key: "spot", label: "Spot share", value: (m) => m.spotShare, render: (m) => shown(m.spotShare, "share"), numeric: true },
                  { key: "cost", label: "Spend per child-week", value: (m) => m.spendPerChildWeek, render: (m) => shown(m.spendPerChildWeek, "money"), numeric: true },
                ]}
                empty={<Empty title="No returns">No return for this quarter.</Empty>}
              />
              <Compared q={q} />
              <Inspected q={q} />
            </>
          );
        }}
      </Show>
      <h2 class="govuk-heading-m">Returns received</h2>
      <Show loaded={received}>
        {(d) => (
          <DataTable
            name="received"
            caption="Returns received, one per RCC and quarter (a resubmission replaces the earlier one)"
            rows={d.returns}
            defaultSort="quarter"
            columns={[
              { key: "rcc", label: "RCC", value: (r) => r.rccName },
              { key: "quarter", label: "Quarter", value: (r) => r.quarter },
              { key: "produced", label: "Produced", value: (r) => r.produced },
              { key: "received", label: "Received", value: (r) => r.receivedAt.slice(0, 16).replace("T", " ") },
              { key: "by", label: "Sent by", value: (r) => r.receivedBy },
              { key: "version", label: "Times sent", value: (r) => r.version, numeric: true },
            ]}
            empty={<Empty title="No returns">No RCC has sent a return.</Empty>}
          />
        )}
      </Show>
    </>
  );
}

// The RCCs compared on each measure: a chart of the first, and every measure's table.
function Compared({ q, own }: { q: QuarterOverview; own?: string }) {
  const near = q.comparison.find((c) => c.measure === "started_within_20_miles");
  const points = (near?.rows ?? []).filter((r) => r.value != null);
  return (
    <>
      <h2 class="govuk-heading-m">RCCs compared</h2>
      {near && points.length > 0 && (
        <Chart
          label={`New placements within 20 miles of home by RCC, ${q.quarter}: ${points
            .map((p) => `${p.rcc} ${shown(p.value, "share")}`)
            .join("; ")}; England's median ${shown(near.englandMedian, "share")}`}
          make={() =>
            Plot.plot({
              className: "cc-chart",
              width: 800,
              height: 60 + 26 * points.length,
              marginLeft: 90,
              x: { label: "New placements within 20 miles of home (%)", domain: [0, 100] },
              y: { label: null, domain: points.map((p) => p.rcc) },
              marks: [
                Plot.barX(points, { x: (p) => (p.value ?? 0) * 100, y: "rcc", fill: (p) => (p.rcc === own ? "#1d70b8" : "#b1b4b6") }),
                ...(near.englandMedian == null ? [] : [Plot.ruleX([near.englandMedian * 100], { stroke: "#0b0c0c", strokeDasharray: "4,3" })]),
              ],
            })
          }
        />
      )}
      <p class="govuk-body-s">The dashed line is England's median of the RCCs. Rank 1 is best; an RCC whose number is suppressed has no rank.</p>
      <DataTable
        name="compared"
        caption={`Each measure by RCC, with its rank and England's median, ${q.quarter}`}
        rows={q.comparison.flatMap((c) =>
          (own ? c.rows.filter((r) => r.rcc === own) : c.rows).map((r) => ({ ...r, c, named: measureNames[c.measure] ?? [c.measure, "rate"] })),
        )}
        columns={[
          { key: "measure", label: "Measure", value: (r) => `${r.named[0]} (${r.c.higherIsBetter ? "higher" : "lower"} is better)` },
          { key: "rcc", label: "RCC", value: (r) => r.rcc },
          { key: "value", label: "Value", value: (r) => r.value, render: (r) => shown(r.value, r.named[1]), numeric: true },
          { key: "rank", label: `Rank of ${q.rccs.length}`, value: (r) => r.rank, render: (r) => (r.rank == null ? "none" : String(r.rank)), numeric: true },
          { key: "median", label: "England's median", value: (r) => r.c.englandMedian, render: (r) => shown(r.c.englandMedian, r.named[1]), numeric: true },
        ]}
        empty={<Empty title="Not known">No measure is in the returns.</Empty>}
      />
    </>
  );
}

// Each finding as a sentence: the measure, its value, the level it met or
// missed (docs/inspection-thresholds.csv), and the RCC's rank.
function finding(f: Finding) {
  const kind = measureNames[f.measure]?.[1] ?? "rate";
  return `${f.label}: ${shown(f.value, kind)} (level ${shown(f.level, kind)}${f.rank == null ? "" : `; rank ${f.rank} of ${f.of}`})`;
}

// The inspection-style summary: strengths and areas for improvement, each
// tied to a measure and its threshold.
function Inspected({ q, own }: { q: QuarterOverview; own?: string }) {
  const rows = (q.inspection ?? []).filter((s) => !own || s.rcc === own);
  return (
    <>
      <h2 class="govuk-heading-m">Inspection summary</h2>
      <p class="govuk-body-s">
        A strength is a measure at or beyond its level; an area for improvement one short of its level. The levels are the
        national body's configuration (docs/inspection-thresholds.csv).
      </p>
      <DataTable
        name="inspection"
        caption={`Strengths and areas for improvement, ${q.quarter}`}
        rows={rows}
        columns={[
          { key: "rcc", label: "RCC", value: (s) => s.rcc },
          { key: "strengths", label: "Strengths", value: (s) => s.strengths.map(finding).join("; ") || "None" },
          { key: "improvements", label: "Areas for improvement", value: (s) => s.improvements.map(finding).join("; ") || "None" },
          { key: "unknown", label: "Not known (suppressed)", value: (s) => s.notKnown.length, numeric: true },
        ]}
        empty={<Empty title="No summary">No return for this quarter.</Empty>}
      />
    </>
  );
}

export function RccAgainstEngland({ user }: { user: User }) {
  const { query } = useRoute();
  const overview = useOverview();
  const wanted = query.get("quarter") ?? "";
  return (
    <>
      <h1 class="govuk-heading-l">Our RCC against England</h1>
      <Show loaded={overview}>
        {(o) => {
          const q = pickQuarter(o, wanted);
          const mine = q?.byRcc.find((m) => m.rccId === user.rccId);
          if (!q || !mine)
            return (
              <Empty title="No return yet">
                The national body has no return from your RCC yet: build and send one with <code>carecoop national return</code>.
              </Empty>
            );
          const own = mine.rcc;
          const rows: [string, number | null, number | null, "count" | "share" | "days" | "money" | "rate"][] = [
            ["Placements started", mine.started, q.england.started, "count"],
            ["New placements within 20 miles of home", mine.startedWithin20Miles, q.england.startedWithin20Miles, "share"],
            ["New placements inside the RCC", mine.startedInsideRcc, q.england.startedInsideRcc, "share"],
            ["In placement over 20 miles away at the end", mine.atEndOver20Miles, q.england.atEndOver20Miles, "share"],
            ["Spot share of placements", mine.spotShare, q.england.spotShare, "share"],
            ["Spend per child-week", mine.spendPerChildWeek, q.england.spendPerChildWeek, "money"],
            ["Referrals with the child's views recorded", mine.viewsRecorded, q.england.viewsRecorded, "share"],
            ["Placements scrutinised before agreement", mine.scrutinyBeforeAgreement, q.england.scrutinyBeforeAgreement, "share"],
            ["Moves per child in placement", mine.movesPerChild, q.england.movesPerChild, "rate"],
            ["Children with two or more moves in the year", mine.twoOrMoreMovesInYear, q.england.twoOrMoreMovesInYear, "share"],
            ["Children with three or more moves in two years", mine.threeOrMoreMovesInTwoYears, q.england.threeOrMoreMovesInTwoYears, "share"],
            ["Weekly spend against the fair price", mine.priceToFairPrice, q.england.priceToFairPrice, "rate"],
          ];
          const show = (v: number | null, kind: "count" | "share" | "days" | "money" | "rate") =>
            kind === "count" ? count(v) : shown(v, kind);
          return (
            <>
              <QuarterSelect o={o} q={q} />
              <DataTable
                name="against"
                caption={`${own} against England, ${q.quarter}, from the returns`}
                rows={rows}
                columns={[
                  { key: "measure", label: "Measure", value: (r) => r[0] },
                  { key: "rcc", label: own, value: (r) => r[1], render: (r) => show(r[1], r[3]), numeric: true },
                  { key: "england", label: "England", value: (r) => r[2], render: (r) => show(r[2], r[3]), numeric: true },
                ]}
                empty={<Empty title="No measures">No measure is known.</Empty>}
              />
              <Compared q={q} own={own} />
              <Inspected q={q} own={own} />
            </>
          );
        }}
      </Show>
    </>
  );
}

interface RareNeed {
  profile: string;
  setting: string;
  age: string;
  ratio: string;
  risks: string[];
  needs: string[];
  children: number;
  unmet: number;
  hardToPlace: number;
  rccsSeen: number;
  meanWeeklyFeePence: number | null;
  meanMiles: number | null;
}
interface RareNeedsAnswer {
  first: string;
  last: string;
  rccs: string[];
  rules: { rareAtMost: number; nationalAtLeast: number; quarters: number; parts: string[] };
  profilesSeen: number;
  commonElsewhere: number;
  tooFew: number;
  rare: RareNeed[];
}

const words = (code: string) => (code === "any" ? "any" : code.replace(/_/g, " "));
const listWords = (codes: string[]) =>
  codes.length === 1 && codes[0] === "any" ? "any" : codes.length === 0 ? "none" : codes.map(words).join(", ");

// How finely profiles are told apart: the `parts` kept (docs/national.md, "Rare needs").
const detail: [string, string][] = [
  ["setting,age,ratio,risks,needs", "Setting, age, ratio, risks and needs"],
  ["setting,age,ratio,needs", "Setting, age, ratio and needs"],
  ["setting,age,ratio", "Setting, age and ratio"],
  ["setting,ratio", "Setting and ratio"],
];

// Rare needs: profiles no RCC sees often enough to commission for, but
// England does. Only England's totals and the number of RCCs are shown.
export function RareNeeds(_: { user: User }) {
  const { query } = useRoute();
  const overview = useOverview();
  const pick = (name: string, fallback: string) => query.get(name) ?? fallback;
  const rareAtMost = pick("rare_at_most", "3");
  const nationalAtLeast = pick("national_at_least", "20");
  const parts = pick("parts", detail[0][0]);
  const order = pick("order", "children");
  return (
    <>
      <h1 class="govuk-heading-l">Rare needs</h1>
      <p class="govuk-body">
        Needs that every RCC sees too rarely to commission for, but that add up across England to enough for a national
        service: from the unmet and hard-to-place referrals (placed after more than 28 days or more than 20 miles from home)
        in the RCCs' returns over a year. Only England's totals are shown, never an RCC's.
      </p>
      <Show loaded={overview}>
        {(o) => {
          const latest = o.quarters[o.quarters.length - 1]?.quarter;
          if (!latest) return <Empty title="No returns yet">No RCC has sent a return.</Empty>;
          const quarter = pick("quarter", latest);
          return (
            <>
              <div class="govuk-grid-row">
                <div class="govuk-grid-column-one-quarter">
                  <Select id="quarter" label="Year ending" value={quarter} onChange={(v) => setQuery({ quarter: v })} errors={[]} choices={o.quarters.map((x): [string, string] => [x.quarter, x.quarter])} />
                </div>
                <div class="govuk-grid-column-one-quarter">
                  <Select id="rare_at_most" label="Rare: at most, in every RCC" value={rareAtMost} onChange={(v) => setQuery({ rare_at_most: v })} errors={[]} choices={["1", "2", "3", "4"].map((x): [string, string] => [x, `${x} a year`])} />
                </div>
                <div class="govuk-grid-column-one-quarter">
                  <Select id="national_at_least" label="Enough: at least, in England" value={nationalAtLeast} onChange={(v) => setQuery({ national_at_least: v })} errors={[]} choices={["10", "15", "20", "30", "50"].map((x): [string, string] => [x, `${x} a year`])} />
                </div>
                <div class="govuk-grid-column-one-quarter">
                  <Select id="order" label="Rank by" value={order} onChange={(v) => setQuery({ order: v })} errors={[]} choices={[["children", "Children"], ["cost", "Weekly fee"], ["distance", "Distance from home"]]} />
                </div>
              </div>
              <Select id="parts" label="Profiles told apart by" value={parts} onChange={(v) => setQuery({ parts: v })} errors={[]} choices={detail} />
              <RareNeedsFound quarter={quarter} rareAtMost={rareAtMost} nationalAtLeast={nationalAtLeast} parts={parts} order={order} />
            </>
          );
        }}
      </Show>
    </>
  );
}

function RareNeedsFound(p: { quarter: string; rareAtMost: string; nationalAtLeast: string; parts: string; order: string }) {
  const q = new URLSearchParams({ quarter: p.quarter, rare_at_most: p.rareAtMost, national_at_least: p.nationalAtLeast, parts: p.parts, order: p.order });
  const found = useData(() => api.get<RareNeedsAnswer>(`/api/national/rare-needs?${q}`), [q.toString()]);
  return (
    <Show loaded={found}>
      {(r) => {
        const top = r.rare.slice(0, 15);
        return (
          <>
            <p class="govuk-body" data-testid="rare-summary">
              {r.first} to {r.last}, from {r.rccs.length} RCCs' returns: {r.profilesSeen} need profiles seen; {r.rare.length} rare in every RCC and common enough in England; {r.commonElsewhere} seen more than {r.rules.rareAtMost} times in some RCC; {r.tooFew} rare everywhere but fewer than {r.rules.nationalAtLeast} in England.
            </p>
            {top.length > 0 && (
              <Chart
                label={`Children a year by rare need profile: ${top.map((n) => `${n.profile} ${n.children}`).join("; ")}`}
                make={() =>
                  Plot.plot({
                    className: "cc-chart",
                    width: 800,
                    height: 60 + 26 * top.length,
                    marginLeft: 320,
                    x: { label: "Children in England over the year" },
                    y: { label: null, domain: top.map((n) => n.profile) },
                    marks: [Plot.barX(top, { x: "children", y: "profile", fill: "#1d70b8" })],
                  })
                }
              />
            )}
            <DataTable
              name="rare"
              caption={`Rare needs, ${r.first} to ${r.last}`}
              rows={r.rare}
              columns={[
                { key: "setting", label: "Setting", value: (n) => words(n.setting) },
                { key: "age", label: "Age", value: (n) => words(n.age) },
                { key: "ratio", label: "Support ratio", value: (n) => words(n.ratio) },
                { key: "risks", label: "Risks", value: (n) => listWords(n.risks) },
                { key: "needs", label: "Needs", value: (n) => listWords(n.needs) },
                { key: "children", label: "Children", value: (n) => n.children, numeric: true },
                { key: "unmet", label: "Unmet", value: (n) => n.unmet, numeric: true },
                { key: "hard", label: "Hard to place", value: (n) => n.hardToPlace, numeric: true },
                { key: "rccs", label: "RCCs", value: (n) => n.rccsSeen, numeric: true },
                { key: "fee", label: "Mean weekly fee", value: (n) => n.meanWeeklyFeePence, render: (n) => shown(n.meanWeeklyFeePence, "money"), numeric: true },
                { key: "miles", label: "Mean miles from home", value: (n) => n.meanMiles, render: (n) => (n.meanMiles == null ? "not known" : n.meanMiles.toFixed(0)), numeric: true },
              ]}
              empty={<Empty title="None found">No need profile is both rare in every RCC and common enough in England over this year.</Empty>}
            />
          </>
        );
      }}
    </Show>
  );
}
