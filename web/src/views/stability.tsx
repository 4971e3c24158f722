// Placement stability of the RCC's children (docs/national.md, "Stability"),
// for the hub officer and the commissioner: the DfE's stability measures by
// council, moves by reason, and the early-warning list of placements at
// risk, each with the signal in the data that puts it there.
import { api, type User } from "../api";
import { DataTable, Empty, Show, SummaryList, useData } from "../components";

interface Figures {
  council: string;
  children: number;
  movesInYear: number;
  twoOrMoreInYear: number;
  threeOrMoreInTwoYears: number;
  movesByReason: Record<string, number>;
}
interface AtRisk {
  childId: number;
  child: string;
  council: string;
  placedSince: string;
  movesInYear: number;
  signals: string[];
}
interface StabilityAnswer {
  asAt: string;
  all: Figures;
  byCouncil: Figures[];
  atRisk: AtRisk[];
}

const share = (n: number, of: number) => (of === 0 ? "none in placement" : `${((n / of) * 100).toFixed(1)}%`);

export function PlacementStability({ user }: { user: User }) {
  const loaded = useData(() => api.get<StabilityAnswer>(`/api/rccs/${user.rccId}/stability`), [user.rccId]);
  return (
    <>
      <h1 class="govuk-heading-l">Placement stability</h1>
      <Show loaded={loaded}>
        {(s) => (
          <>
            <SummaryList
              rows={[
                ["As at", s.asAt],
                ["Children in placement", <span data-testid="stability-children">{s.all.children}</span>],
                ["Moves in the last year", `${s.all.movesInYear} (${s.all.children ? (s.all.movesInYear / s.all.children).toFixed(2) : "0"} per child)`],
                ["Two or more moves in the year", `${s.all.twoOrMoreInYear} children (${share(s.all.twoOrMoreInYear, s.all.children)})`],
                ["Three or more moves in two years", `${s.all.threeOrMoreInTwoYears} children (${share(s.all.threeOrMoreInTwoYears, s.all.children)})`],
              ]}
            />
            <DataTable
              name="stability-councils"
              caption={`Stability by council, the year to ${s.asAt}`}
              rows={s.byCouncil}
              columns={[
                { key: "council", label: "Council", value: (f) => f.council },
                { key: "children", label: "Children in placement", value: (f) => f.children, numeric: true },
                { key: "moves", label: "Moves in the year", value: (f) => f.movesInYear, numeric: true },
                { key: "two", label: "Two or more moves in the year", value: (f) => f.twoOrMoreInYear, render: (f) => `${f.twoOrMoreInYear} (${share(f.twoOrMoreInYear, f.children)})`, numeric: true },
                { key: "three", label: "Three or more in two years", value: (f) => f.threeOrMoreInTwoYears, render: (f) => `${f.threeOrMoreInTwoYears} (${share(f.threeOrMoreInTwoYears, f.children)})`, numeric: true },
              ]}
              empty={<Empty title="No placements">No child of the RCC is in placement.</Empty>}
            />
            <DataTable
              name="stability-reasons"
              caption="Moves in the year by SSDA903 reason for the change of placement"
              rows={Object.entries(s.all.movesByReason)}
              defaultSort="moves"
              columns={[
                { key: "reason", label: "Reason (REASON_PLACE_CHANGE)", value: (r) => r[0] },
                { key: "moves", label: "Moves", value: (r) => r[1], numeric: true },
              ]}
              empty={<Empty title="No moves">No child moved in the year.</Empty>}
            />
            <h2 class="govuk-heading-m">Placements at risk</h2>
            <p class="govuk-body">
              Children in placement with a signal in the records: two or more moves in the year (a further move would make
              three), a move in the last 28 days, or a placement booked as an emergency before scrutiny. A provider's notice to
              end and missing episodes are not yet recorded here.
            </p>
            <DataTable
              name="stability-at-risk"
              caption="Placements at risk, most moves first"
              rows={s.atRisk}
              columns={[
                { key: "child", label: "Child", value: (a) => a.child || String(a.childId) },
                { key: "council", label: "Council", value: (a) => a.council },
                { key: "since", label: "In this placement since", value: (a) => a.placedSince },
                { key: "moves", label: "Moves in the year", value: (a) => a.movesInYear, numeric: true },
                { key: "signals", label: "Signals", value: (a) => a.signals.join("; ") },
              ]}
              empty={<Empty title="None at risk">No placement has a signal of risk in the records.</Empty>}
            />
          </>
        )}
      </Show>
    </>
  );
}
