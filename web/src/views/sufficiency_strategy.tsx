// Each RCC's published sufficiency strategy (docs/national.md, "Published
// sufficiency strategy"), for every role: where the RCC needs more homes, by
// kind of home and age, now and at 12 and 24 months with the forecast's
// band, and where its children are placed far from home, by council. Counts
// of children under 5 are suppressed for every reader; the CSV and the
// printable page carry the same figures.
import { api, type User } from "../api";
import { setQuery, useRoute } from "../router";
import { DataTable, Empty, Select, Show, useData } from "../components";

interface Banded {
  value: number;
  lower95: number;
  upper95: number;
}
type Horizons = { now: Banded | null; months12: Banded | null; months24: Banded | null };
interface Row {
  ageBand: string;
  category: string;
  available: number | null;
  need: Horizons;
  gap: Horizons;
}
interface Council {
  council: string;
  placed: number | null;
  placedFar: number | null;
  outsideRcc: number | null;
  medianKm: number | null;
}
interface Strategy {
  rcc: { code: string; name: string };
  asOf: string;
  forecastUnavailable: string | null;
  smallNumbersSuppressedBelow: number;
  rows: Row[];
  councils: Council[];
}
interface RccItem {
  id: number;
  code: string;
  name: string;
}

const whole = (v: number | null | undefined) => (v == null ? "suppressed" : Math.round(v).toLocaleString("en-GB"));
const banded = (b: Banded | null) => {
  if (!b) return "suppressed";
  const v = whole(b.value);
  const lo = Math.round(b.lower95), hi = Math.round(b.upper95);
  return lo === hi && lo === Math.round(b.value) ? v : `${v} (${lo} to ${hi})`;
};

export function SufficiencyStrategy({ user }: { user: User }) {
  const { query } = useRoute();
  const rccs = useData(() => api.get<{ rccs: RccItem[] }>("/api/rccs"), []);
  return (
    <>
      <h1 class="govuk-heading-l">Sufficiency strategies</h1>
      <p class="govuk-body">
        Each regional care co-operative's published sufficiency strategy: the homes its children will need against the places
        in its area, and where its children live far from home. Counts of children under 5 are suppressed for everyone.
      </p>
      <Show loaded={rccs}>
        {(list) => {
          const chosen = query.get("rcc") ?? (user.rccId ? String(user.rccId) : list.rccs[0] ? String(list.rccs[0].id) : "");
          return (
            <>
              <Select
                id="rcc"
                label="Regional care co-operative"
                value={chosen}
                onChange={(v) => setQuery({ rcc: v })}
                errors={[]}
                choices={list.rccs.map((r): [string, string] => [String(r.id), r.name])}
              />
              {chosen ? <StrategyOf rcc={chosen} /> : <Empty title="No RCCs">There is no regional care co-operative yet.</Empty>}
            </>
          );
        }}
      </Show>
    </>
  );
}

function StrategyOf({ rcc }: { rcc: string }) {
  const loaded = useData(() => api.get<Strategy>(`/api/rccs/${encodeURIComponent(rcc)}/sufficiency-strategy`), [rcc]);
  const base = `/api/rccs/${encodeURIComponent(rcc)}/sufficiency-strategy`;
  return (
    <Show loaded={loaded}>
      {(s) => {
        // "Other" (placed with parents, independent living, custody) is no kind of home to commission: no gap, not shown.
        const rows = s.rows
          .filter((r) => r.category !== "Other")
          .sort((a, b) => (b.gap.months12?.value ?? -Infinity) - (a.gap.months12?.value ?? -Infinity));
        return (
          <>
            <h2 class="govuk-heading-m" data-testid="strategy-rcc">
              {s.rcc.name}
            </h2>
            <p class="govuk-body">
              As at {s.asOf}. <a class="govuk-link" href={`${base}?format=csv`} download>Download as CSV</a> or{" "}
              <a class="govuk-link" href={`${base}?format=html`} target="_blank" rel="noopener">
                open the printable page (opens in a new tab)
              </a>
              .
            </p>
            {s.forecastUnavailable && (
              <div class="govuk-warning-text">
                <strong class="govuk-warning-text__text">No forecast: {s.forecastUnavailable} Need now is the children placed now.</strong>
              </div>
            )}
            <DataTable
              name="strategy-gaps"
              caption="Where more homes are needed: the gap is the need less the places available (largest gap in 12 months first); in brackets the forecast's 95% band"
              rows={rows}
              columns={[
                { key: "category", label: "Kind of home", value: (r) => r.category },
                { key: "age", label: "Age", value: (r) => r.ageBand },
                { key: "available", label: "Places available", value: (r) => r.available ?? -1, render: (r) => whole(r.available), numeric: true },
                { key: "needNow", label: "Need now", value: (r) => r.need.now?.value ?? -1, render: (r) => banded(r.need.now), numeric: true },
                { key: "need12", label: "Need in 12 months", value: (r) => r.need.months12?.value ?? -1, render: (r) => banded(r.need.months12), numeric: true },
                { key: "gap12", label: "Gap in 12 months", value: (r) => r.gap.months12?.value ?? -1e9, render: (r) => banded(r.gap.months12), numeric: true },
                { key: "gap24", label: "Gap in 24 months", value: (r) => r.gap.months24?.value ?? -1e9, render: (r) => banded(r.gap.months24), numeric: true },
              ]}
              empty={<Empty title="No figures">The RCC has no homes or children on record yet.</Empty>}
            />
            <DataTable
              name="strategy-far"
              caption="Children placed far from home, by council"
              rows={s.councils}
              columns={[
                { key: "council", label: "Council", value: (c) => c.council },
                { key: "placed", label: "Placed", value: (c) => c.placed ?? -1, render: (c) => whole(c.placed), numeric: true },
                { key: "far", label: "Over 20 miles from home", value: (c) => c.placedFar ?? -1, render: (c) => whole(c.placedFar), numeric: true },
                { key: "outside", label: "Outside the RCC", value: (c) => c.outsideRcc ?? -1, render: (c) => whole(c.outsideRcc), numeric: true },
              ]}
              empty={<Empty title="No placements">No child of the RCC is placed now.</Empty>}
            />
          </>
        );
      }}
    </Show>
  );
}
