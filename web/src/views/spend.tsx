// The commissioner's spend: what the RCC pays (scheduled and paid weekly
// payments, not cancelled ones) for weeks starting in a period, by the
// child's council and by the route that bought the place. Each chart has
// the table of the same numbers beside it.
import * as Plot from "@observablehq/plot";
import { api, pounds, type User } from "../api";
import { Chart, DataTable, Empty, Show, TextInput, useData } from "../components";
import { setQuery, useRoute } from "../router";

interface Line {
  key: string;
  label: string;
  amount: number;
  weeks: number;
}
interface SpendAnswer {
  rccId: number;
  from: string;
  to: string;
  total: number;
  byCouncil: Line[];
  byRoute: Line[];
}

export function Spend({ user }: { user: User }) {
  const { query } = useRoute();
  const from = query.get("from") ?? "";
  const to = query.get("to") ?? "";
  const loaded = useData(() => {
    const q = new URLSearchParams();
    if (from) q.set("from", from);
    if (to) q.set("to", to);
    const s = q.toString();
    return api.get<SpendAnswer>(`/api/rccs/${user.rccId}/spend${s ? "?" + s : ""}`);
  }, [from, to, user.rccId]);
  return (
    <>
      <h1 class="govuk-heading-l">Spend</h1>
      <p class="govuk-body">What the RCC pays for its children's places, from the weekly payments: by council and by the route that bought the place.</p>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-quarter">
          <TextInput id="from" label="Weeks from" type="date" value={from} onInput={(v) => setQuery({ from: v })} errors={[]} />
        </div>
        <div class="govuk-grid-column-one-quarter">
          <TextInput id="to" label="Up to (not including)" type="date" value={to} onInput={(v) => setQuery({ to: v })} errors={[]} />
        </div>
      </div>
      <Show loaded={loaded}>
        {(d) => (
          <>
            <p class="govuk-body" data-testid="spend-total">
              {pounds(d.total)} for weeks from {d.from} up to {d.to}.
            </p>
            {d.total === 0 ? (
              <Empty title="No payments in this period">Choose another period: payments are made weekly from the day a placement is booked.</Empty>
            ) : (
              <>
                <Breakdown name="spend-by-council" title="By council" lines={d.byCouncil} />
                <Breakdown name="spend-by-route" title="By contract route" lines={d.byRoute} />
              </>
            )}
          </>
        )}
      </Show>
    </>
  );
}

function Breakdown({ name, title, lines }: { name: string; title: string; lines: Line[] }) {
  const points = lines.map((l) => ({ name: l.label, pounds: l.amount / 100 }));
  return (
    <>
      <h2 class="govuk-heading-m">{title}</h2>
      <Chart
        label={`${title}: ${lines.map((l) => `${l.label} ${pounds(l.amount)}`).join("; ")}`}
        make={() =>
          Plot.plot({
            className: "cc-chart",
            width: 900,
            height: 40 + 28 * points.length,
            marginLeft: 220,
            x: { label: "£", grid: true },
            y: { label: null, domain: points.map((p) => p.name) },
            marks: [Plot.barX(points, { x: "pounds", y: "name", fill: "#1d70b8" }), Plot.ruleX([0])],
          })
        }
      />
      <DataTable
        name={name}
        caption={title}
        rows={lines}
        columns={[
          { key: "label", label: title.replace("By ", "").replace(/^./, (c) => c.toUpperCase()), value: (l) => l.label },
          { key: "amount", label: "Spend", value: (l) => l.amount, render: (l) => pounds(l.amount), numeric: true },
          { key: "weeks", label: "Weekly payments", value: (l) => l.weeks, numeric: true },
        ]}
        empty={<Empty title="Nothing to show">Clear the filter.</Empty>}
      />
    </>
  );
}
