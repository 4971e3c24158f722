// Placements in the signed-in user's scope (their council, RCC or provider).
import { api, pounds, type User } from "../api";
import { DataTable, Empty, Show, Tag, useData } from "../components";
import { setQuery, useRoute } from "../router";

interface Placement {
  id: number;
  childId: number;
  referralId: number | null;
  homeId: number | null;
  startDate: string;
  endDate: string | null;
  placeCode: string;
  weeklyFee: number;
  emergency: boolean;
  fairPrice: { weekly: number; difference: number; percent: number; aboveThreshold: boolean } | null;
}

export function PlacementList(_: { user: User }) {
  const { query } = useRoute();
  const all = query.get("all") === "1";
  const loaded = useData(() => api.get<{ placements: Placement[] }>(`/api/placements?current=${all ? "false" : "true"}`), [all]);
  return (
    <>
      <h1 class="govuk-heading-l">Placements</h1>
      <p class="govuk-body">
        {all ? "Every placement in your scope." : "Current placements in your scope."}{" "}
        <a
          class="govuk-link"
          href={all ? "/placements" : "/placements?all=1"}
          onClick={(e) => {
            e.preventDefault();
            setQuery({ all: all ? null : "1" });
          }}
        >
          {all ? "Show current placements only" : "Show ended placements too"}
        </a>
      </p>
      <Show loaded={loaded}>
        {(d) => (
          <DataTable
            name="placements"
            caption="Placements"
            rows={d.placements}
            defaultSort="start"
            columns={[
              { key: "id", label: "Placement", value: (p) => p.id },
              { key: "child", label: "Child record", value: (p) => p.childId },
              { key: "home", label: "Home", value: (p) => p.homeId },
              { key: "type", label: "Placement type", value: (p) => p.placeCode },
              { key: "start", label: "Started", value: (p) => p.startDate },
              { key: "end", label: "Ended", value: (p) => p.endDate },
              { key: "fee", label: "Weekly fee", value: (p) => p.weeklyFee, render: (p) => pounds(p.weeklyFee), numeric: true },
              { key: "fair", label: "Fair price", value: (p) => p.fairPrice?.weekly ?? null, render: (p) => pounds(p.fairPrice?.weekly), numeric: true },
              {
                key: "above",
                label: "Against fair price",
                value: (p) => (p.fairPrice ? Math.round(p.fairPrice.percent) : null),
                render: (p) =>
                  p.fairPrice ? (
                    p.fairPrice.aboveThreshold ? (
                      <strong class="govuk-tag govuk-tag--red">{`${Math.round(p.fairPrice.percent)}% above`}</strong>
                    ) : (
                      `${Math.round(p.fairPrice.percent) >= 0 ? "+" : ""}${Math.round(p.fairPrice.percent)}%`
                    )
                  ) : (
                    "Not known"
                  ),
                numeric: true,
              },
              { key: "emergency", label: "Emergency", value: (p) => (p.emergency ? "yes" : "no"), render: (p) => (p.emergency ? <Tag code="today" text="Emergency" /> : "No") },
            ]}
            empty={<Empty title="No placements">Placements appear here when scrutiny approves a proposal and the place is booked.</Empty>}
          />
        )}
      </Show>
    </>
  );
}
