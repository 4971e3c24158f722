// Independent scrutiny: proposals awaiting decision (emergencies and overdue
// ones first), each with the needs, the offer, the rank, the options
// considered and the child's views of each; approve (books the place once) or
// send back with reasons.
import { useState } from "preact/hooks";
import { api, dateTime, pounds, type User } from "../api";
import { Button, DataTable, Empty, ErrorSummary, errorsOf, Notice, Show, SummaryList, Tag, TextArea, useData, type FieldError } from "../components";
import { childViewText, neededByText, wishText, type Offer, type Referral } from "./referrals";

interface Proposal {
  id: number;
  referralId: number;
  offerId: number;
  proposedBy: string;
  childViews: string;
  rank: number;
  reasonNotTop: string;
  reasonAgainstChildView?: string;
  status: string;
  createdAt: string;
}
interface Overdue {
  proposal: Proposal;
  due: string;
}

export function ProposalList({ user }: { user: User }) {
  const loaded = useData(
    () =>
      Promise.all([
        api.get<{ proposals: Proposal[] }>("/api/proposals"),
        user.role === "scrutiny_officer" || user.role === "hub_officer"
          ? api.get<{ overdue: Overdue[] }>("/api/scrutiny/overdue").catch(() => ({ overdue: [] as Overdue[] }))
          : Promise.resolve({ overdue: [] as Overdue[] }),
      ]),
    [],
  );
  return (
    <>
      <h1 class="govuk-heading-l">Proposals</h1>
      <Show loaded={loaded}>
        {([d, o]) => {
          const overdue = new Set(o.overdue.map((x) => x.proposal.id));
          // Overdue first, then pending, then the oldest.
          const order = (p: Proposal) => (overdue.has(p.id) ? 0 : p.status === "awaiting_scrutiny" ? 1 : 2);
          return (
            <>
              {overdue.size > 0 && <Notice>{overdue.size} emergency placements are past their 72-hour scrutiny.</Notice>}
              <DataTable
                name="proposals"
                caption="Proposals"
                rows={d.proposals}
                defaultSort="order"
                columns={[
                  { key: "order", label: "Priority", value: (p) => order(p), render: (p) => (overdue.has(p.id) ? <Tag code="today" text="Overdue" /> : p.status === "awaiting_scrutiny" ? "Awaiting" : "Decided") },
                  { key: "id", label: "Proposal", value: (p) => p.id, render: (p) => <a class="govuk-link" href={`/proposals/${p.id}`}>Proposal {p.id}</a> },
                  { key: "referral", label: "Referral", value: (p) => p.referralId },
                  { key: "rank", label: "Rank of the option", value: (p) => p.rank, numeric: true },
                  { key: "status", label: "Status", value: (p) => p.status, render: (p) => <Tag code={p.status} /> },
                  { key: "by", label: "Proposed by", value: (p) => p.proposedBy },
                  { key: "at", label: "Proposed", value: (p) => p.createdAt, render: (p) => dateTime(p.createdAt) },
                ]}
                empty={<Empty title="Nothing awaits a decision">Proposals appear here when the hub proposes an offer.</Empty>}
              />
            </>
          );
        }}
      </Show>
    </>
  );
}

export function ProposalPage({ user, params }: { user: User; params: Record<string, string> }) {
  const id = params.id;
  const loaded = useData(async () => {
    const p = await api.get<Proposal>(`/api/proposals/${encodeURIComponent(id)}`);
    const [r, offers] = await Promise.all([
      api.get<Referral>(`/api/referrals/${p.referralId}`),
      api.get<{ offers: Offer[] }>(`/api/referrals/${p.referralId}/offers`),
    ]);
    return { p, r, offers: offers.offers };
  }, [id]);
  const [reasons, setReasons] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState("");
  const decide = async (outcome: "approved" | "sent_back") => {
    try {
      await api.post(`/api/proposals/${id}/decision`, { outcome, reasons });
      setDone(outcome === "approved" ? "Approved: the place is booked." : "Sent back to the hub with your reasons.");
      setErrors([]);
      loaded.reload();
    } catch (e) {
      setErrors(errorsOf(e, { reasons: "Reasons", outcome: "Decision" }));
    }
  };
  return (
    <Show loaded={loaded}>
      {({ p, r, offers }) => {
        const offer = offers.find((o) => o.id === p.offerId);
        return (
          <>
            {done && <Notice success>{done}</Notice>}
            <span class="govuk-caption-l">Referral {r.id}</span>
            <h1 class="govuk-heading-l">
              Proposal {p.id} <Tag code={p.status} />
            </h1>
            <SummaryList
              rows={[
                ["Needed by", neededByText[r.neededBy] ?? r.neededBy],
                ["Option's rank", String(p.rank)],
                ["Why not the top option", p.reasonNotTop || "It is the top option."],
                ["Against the child's view?", p.reasonAgainstChildView ? `Yes: ${p.reasonAgainstChildView}` : "No: the child's view was followed."],
                ["Home", offer ? `Home ${offer.homeId}` : "—"],
                ["Weekly fee", offer ? `${pounds(offer.weeklyFee)} (core ${pounds(offer.coreFee)}, staffing ${pounds(offer.staffingFee)}, education ${pounds(offer.educationFee)}, transport ${pounds(offer.transportFee)})` : "—"],
                ["Offers considered", String(offers.filter((o) => o.status !== "declined").length)],
                ["Proposed by", `${p.proposedBy}, ${dateTime(p.createdAt)}`],
              ]}
            />
            <h2 class="govuk-heading-m">The child's views</h2>
            <p class="govuk-body govuk-!-font-weight-bold">In their own words</p>
            <div class="govuk-inset-text">{r.childViews || "Not recorded."}</div>
            <p class="govuk-body govuk-!-font-weight-bold">Wishes they chose</p>
            <p class="govuk-body">{(r.childWishes ?? []).map((w) => wishText[w] ?? w).join("; ") || "None chosen."}</p>
            <p class="govuk-body govuk-!-font-weight-bold">On this option</p>
            <div class="govuk-inset-text" data-testid="views-on-option">
              {p.childViews}
            </div>
            <DataTable
              name="options-considered"
              caption="The options considered: every offer, with the child's view of it"
              rows={offers}
              columns={[
                { key: "id", label: "Offer", value: (o) => o.id, render: (o) => (o.id === p.offerId ? `${o.id} (proposed)` : String(o.id)) },
                { key: "home", label: "Home", value: (o) => o.homeId },
                { key: "status", label: "Status", value: (o) => o.status, render: (o) => <Tag code={o.status} /> },
                { key: "fee", label: "Weekly fee", value: (o) => o.weeklyFee, render: (o) => pounds(o.weeklyFee), numeric: true },
                { key: "view", label: "Child's view", value: (o) => (o.childView ? childViewText[o.childView] : "") + (o.childViewWhy ? `: ${o.childViewWhy}` : "") },
              ]}
              empty={<Empty title="No offers">The referral has no offers.</Empty>}
            />
            {user.role === "scrutiny_officer" && p.status === "awaiting_scrutiny" && (
              <>
                <ErrorSummary errors={errors} />
                <TextArea id="reasons" label="Reasons for your decision" hint="Required to send back; recorded with an approval." value={reasons} onInput={setReasons} errors={errors} />
                <div class="govuk-button-group">
                  <Button onClick={() => decide("approved")}>Approve and book</Button>
                  <Button warning onClick={() => decide("sent_back")}>
                    Send back
                  </Button>
                </div>
              </>
            )}
          </>
        );
      }}
    </Show>
  );
}
