// The hub officer's views: the RCC's queue (most urgent first, then longest
// waiting) and one referral's ranked options, each explained with its factor
// bars, the exclusion counts, and a plot of where the options lie around the
// child's family and school (projected kilometres, distance rings; no map
// tiles, nothing fetched from outside).
import * as Plot from "@observablehq/plot";
import { api, label, pounds, type User } from "../api";
import { Chart, DataTable, Empty, Show, Tag, useData } from "../components";
import { neededByText, type Referral } from "./referrals";

interface QueueEntry {
  referralId: number;
  council: string;
  status: string;
  neededBy: string;
  latestStartDate: string;
  siblingCount: number;
  createdAt: string;
  waitingDays: number;
}

const urgency: Record<string, number> = { today: 0, within_5_days: 1, after_5_days: 2 };

const routeText: Record<string, string> = { framework: "framework", dps: "DPS call-off", block: "block", spot: "spot" };
// How the place would be bought, or where its fee comes from (docs/matching.md, "Cost").
function feeSourceText(o: { route: string | null; national_contract?: boolean; fee_source: string }) {
  if (o.route && o.national_contract) return `under the national ${routeText[o.route] ?? o.route} contract`;
  if (o.route) return `under the ${routeText[o.route] ?? o.route} contract`;
  if (o.fee_source === "in_house_unit_cost") return "in-house: unit cost";
  if (o.fee_source === "placements_mean") return "no contract: the mean of its placements' fees";
  if (o.fee_source === "fair_price_estimate") return "no contract: fair-price estimate";
  return "contract";
}

export function Queue(_: { user: User }) {
  const loaded = useData(() => api.get<{ queue: QueueEntry[] }>("/api/queue"), []);
  return (
    <>
      <h1 class="govuk-heading-l">Referral queue</h1>
      <p class="govuk-body">The region's referrals waiting for a home: the most urgent first, then the longest waiting.</p>
      <Show loaded={loaded}>{(d) => <QueueTable rows={d.queue} />}</Show>
    </>
  );
}

export function QueueTable({ rows }: { rows: QueueEntry[] }) {
  return (
    <DataTable
      name="queue"
      caption="Open referrals"
      rows={rows}
      columns={[
        { key: "id", label: "Referral", value: (q) => q.referralId, render: (q) => <a class="govuk-link" href={`/referrals/${q.referralId}`}>Referral {q.referralId}</a> },
        { key: "council", label: "Council", value: (q) => q.council },
        { key: "urgency", label: "Needed by", value: (q) => urgency[q.neededBy] ?? 3, render: (q) => <Tag code={q.neededBy} text={neededByText[q.neededBy]} /> },
        { key: "waiting", label: "Waiting (days)", value: (q) => q.waitingDays, numeric: true },
        { key: "start", label: "Latest start", value: (q) => q.latestStartDate },
        { key: "siblings", label: "Siblings", value: (q) => q.siblingCount, numeric: true },
        { key: "status", label: "Status", value: (q) => q.status, render: (q) => <Tag code={q.status} /> },
        { key: "options", label: "Options", value: () => "", render: (q) => <a class="govuk-link" href={`/referrals/${q.referralId}/options`}>Options<span class="govuk-visually-hidden"> for referral {q.referralId}</span></a> },
      ]}
      empty={<Empty title="The queue is empty">No referral is waiting for a home. New referrals appear here when social workers submit them.</Empty>}
    />
  );
}

interface OptionHome {
  id: number;
  name: string;
  setting: string;
  council: string;
  lat: number;
  lon: number;
}
interface Option {
  rank: number;
  home: OptionHome;
  cost: number;
  factors: Record<string, number>;
  weekly_fee_pence: number;
  route: string | null;
  national_contract: boolean;
  fee_source: string;
  explanation: string;
  child_wishes: { wish: string; label: string; met: boolean }[];
}
interface Ranking {
  referral: number;
  child_council: string;
  homes_considered: number;
  feasible: number;
  options: Option[];
  excluded: string[];
}

const factorNames: Record<string, string> = {
  distance_from_family: "Distance from family",
  distance_from_school: "Distance from school",
  outside_council: "Outside the council",
  outside_rcc: "Outside the RCC",
  setting_preference: "Setting",
  ofsted: "Ofsted",
  breakdowns: "Breakdowns",
  child_wishes: "Child's wishes",
  cost: "Cost",
};

// Kilometres east and north of `origin` (an equirectangular projection:
// within a region, under 0.5% from the great-circle distance).
export function project(origin: { lat: number; lon: number }, p: { lat: number; lon: number }) {
  const k = Math.PI / 180;
  const R = 6371.0088;
  return {
    x: (p.lon - origin.lon) * k * R * Math.cos(origin.lat * k),
    y: (p.lat - origin.lat) * k * R,
  };
}

export function Options({ params }: { user: User; params: Record<string, string> }) {
  const id = params.id;
  const loaded = useData(
    () =>
      Promise.all([
        api.get<Referral>(`/api/referrals/${encodeURIComponent(id)}`),
        api.get<Ranking>(`/api/referrals/${encodeURIComponent(id)}/options?top=10`),
      ]),
    [id],
  );
  return (
    <Show loaded={loaded}>
      {([r, ranking]) => (
        <>
          <span class="govuk-caption-l">
            Referral {r.id} · {ranking.child_council}
          </span>
          <h1 class="govuk-heading-l">Options for referral {r.id}</h1>
          <p class="govuk-body">
            {ranking.feasible} of {ranking.homes_considered} homes with a free place meet every requirement. Lower
            points are better; each bar is one factor's share of the points.
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href={`/referrals/${r.id}`}>
              Back to referral {r.id}: send it to providers, see offers
            </a>
          </p>
          {ranking.options.length === 0 ? (
            <Empty title="No home meets every requirement now">
              Look at the reasons below: a requirement marked as a preference rather than a must, a later start date, or
              sending the referral to providers outside the region may open options.
            </Empty>
          ) : (
            <>
              <OptionList options={ranking.options} />
              <OptionsPlot r={r} options={ranking.options} />
            </>
          )}
          <h2 class="govuk-heading-m">Homes excluded, by reason</h2>
          <ul class="govuk-list govuk-list--bullet" data-testid="exclusions">
            {ranking.excluded.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </>
      )}
    </Show>
  );
}

function OptionList({ options }: { options: Option[] }) {
  const max = Math.max(1, ...options.flatMap((o) => Object.values(o.factors).map((v) => Math.abs(v))));
  return (
    <ol class="govuk-list" data-testid="options">
      {options.map((o) => (
        <li key={o.home.id} class="govuk-!-margin-bottom-6">
          <h2 class="govuk-heading-m govuk-!-margin-bottom-1">
            {o.rank}. {o.home.name}
          </h2>
          <p class="govuk-body-s govuk-!-margin-bottom-2">
            {label(o.home.setting)} in {o.home.council} · home {o.home.id} · {pounds(o.weekly_fee_pence)} a week{" "}
            <span data-testid="option-route">({feeSourceText(o)})</span> ·{" "}
            {o.cost.toFixed(1)} points
          </p>
          <p class="govuk-body">{o.explanation}</p>
          {o.child_wishes.length > 0 && (
            <ul class="govuk-list govuk-body-s" data-testid="option-wishes">
              {o.child_wishes.map((w) => (
                <li key={w.wish}>
                  <strong class={`govuk-tag govuk-tag--${w.met ? "green" : "red"}`}>{w.met ? "Met" : "Not met"}</strong> {w.label}
                </li>
              ))}
            </ul>
          )}
          <table class="govuk-table govuk-!-margin-bottom-0">
            <caption class="govuk-visually-hidden">Points by factor for {o.home.name}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  Factor
                </th>
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                  Points
                </th>
                <th scope="col" class="govuk-table__header">
                  <span class="govuk-visually-hidden">Bar</span>
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {Object.entries(o.factors).map(([k, v]) => (
                <tr class="govuk-table__row" key={k}>
                  <td class="govuk-table__cell govuk-body-s">{factorNames[k] ?? k}</td>
                  <td class="govuk-table__cell govuk-table__cell--numeric govuk-body-s">{v.toFixed(1)}</td>
                  <td class="govuk-table__cell">
                    <span class="cc-factor-track" aria-hidden="true">
                      <span class="cc-factor-bar" style={{ width: `${(100 * Math.abs(v)) / max}%` }} />
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </li>
      ))}
    </ol>
  );
}

function OptionsPlot({ r, options }: { r: Referral; options: Option[] }) {
  const family = r.primaryFamilyLocation;
  if (!family) return <p class="govuk-body">The referral records no family location, so there is no plot.</p>;
  const homes = options.map((o) => ({ ...project(family, o.home), name: `${o.rank}. ${o.home.name}`, rank: o.rank }));
  const school = r.schoolLocation ? project(family, r.schoolLocation) : null;
  const rings = [10, 20, 32.2].flatMap((radius) =>
    Array.from({ length: 73 }, (_, i) => ({
      radius: radius === 32.2 ? "20 miles" : `${radius} km`,
      x: radius * Math.cos((i * 5 * Math.PI) / 180),
      y: radius * Math.sin((i * 5 * Math.PI) / 180),
    })),
  );
  const extent = Math.max(35, ...homes.map((h) => Math.max(Math.abs(h.x), Math.abs(h.y)) + 5));
  const places = [{ x: 0, y: 0, name: "Family" }, ...(school ? [{ ...school, name: "School" }] : [])];
  return (
    <>
      <h2 class="govuk-heading-m">Where the options are</h2>
      <p class="govuk-body">Kilometres east and north of the family's postcode sector; rings at 10 km, 20 km and 20 miles.</p>
      <Chart
        label={`Options for referral ${r.id} around the family's home: ${homes.map((h) => `${h.name} ${Math.hypot(h.x, h.y).toFixed(1)} km`).join("; ")}`}
        make={() =>
          Plot.plot({
            className: "cc-chart",
            width: 560,
            height: 560,
            x: { domain: [-extent, extent], label: "km east" },
            y: { domain: [-extent, extent], label: "km north" },
            marks: [
              Plot.line(rings, { x: "x", y: "y", z: "radius", stroke: "#b1b4b6" }),
              Plot.text(rings.filter((_, i) => i % 73 === 9), { x: "x", y: "y", text: "radius", fill: "#505a5f", dx: 4 }),
              Plot.dot(places, { x: "x", y: "y", r: 6, fill: "#0b0c0c", symbol: "square" }),
              Plot.text(places, { x: "x", y: "y", text: "name", dy: -12, fontWeight: "bold" }),
              Plot.dot(homes, { x: "x", y: "y", r: 5, fill: "#1d70b8" }),
              Plot.text(homes, { x: "x", y: "y", text: (d: any) => String(d.rank), dx: 9, fill: "#0b0c0c" }),
            ],
          })
        }
      />
      <DataTable
        name="where"
        caption="Distances of the options"
        rows={homes}
        columns={[
          { key: "name", label: "Option", value: (h) => h.name },
          { key: "family", label: "From family (km)", value: (h) => Number(Math.hypot(h.x, h.y).toFixed(1)), numeric: true },
          { key: "school", label: "From school (km)", value: (h) => (school ? Number(Math.hypot(h.x - school.x, h.y - school.y).toFixed(1)) : null), numeric: true },
          { key: "east", label: "East (km)", value: (h) => Number(h.x.toFixed(1)), numeric: true },
          { key: "north", label: "North (km)", value: (h) => Number(h.y.toFixed(1)), numeric: true },
        ]}
        empty={null}
      />
    </>
  );
}
