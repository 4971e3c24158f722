// The national secure welfare queue (docs/national.md, "Secure welfare"),
// for the national commissioner: the children waiting for a bed in a secure
// children's home, longest first; today's free beds; the daily match of
// beds to children; and the record of what was done: sent to a home, the
// home's answer, a placement across the border, a withdrawal.
import { useState } from "preact/hooks";
import { api, type User } from "../api";
import { Button, DataTable, Empty, ErrorSummary, errorsOf, Notice, Select, Show, SummaryList, TextInput, useData, type FieldError } from "../components";

interface Sending {
  homeId: number;
  home?: string;
  sentAt: string;
  decision: "pending" | "accepted" | "declined";
  reason: string;
}
interface Entry {
  id: number;
  version: number;
  referralId: number;
  council: string;
  rcc: string;
  age: number;
  sex: string;
  orderMade: boolean;
  daysWaiting: number;
  referredAt: string;
  status: string;
  acrossBorder: string;
  withdrawnReason: string;
  sendings: Sending[];
  history: { at: string; what: string; by: string }[];
}
interface Beds {
  homeId: number;
  name: string;
  council: string;
  bedsFree: number;
  minAge: number;
  maxAge: number;
}
interface Queue {
  today: string;
  waiting: Entry[];
  settled: Entry[];
  beds: Beds[];
  bedsFree: number;
  placedInEngland: number;
  placedAcrossBorder: number;
}
interface MatchRow {
  secureReferralId: number;
  daysWaiting: number;
  homeId: number | null;
  home: string;
  familyMiles: number | null;
  explanation: string;
}
interface DailyMatch {
  today: string;
  waiting: number;
  bedsFree: number;
  matched: number;
  rows: MatchRow[];
}

const child = (e: Entry) => `Referral ${e.referralId}: ${e.sex.toLowerCase()}, ${e.age}, ${e.council} (${e.rcc})`;
const day = (t: string) => t.slice(0, 10);

export function SecureWelfare(_: { user: User }) {
  const [version, setVersion] = useState(0);
  const queue = useData(() => api.get<Queue>("/api/national/secure-welfare"), [version]);
  const match = useData(() => api.get<DailyMatch>("/api/national/secure-welfare/match"), [version]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState("");
  const act = async (e: Entry, body: Record<string, unknown>, said: string) => {
    setErrors([]);
    setDone("");
    try {
      await api.post(`/api/secure-referrals/${e.id}/actions`, { version: e.version, ...body });
      setDone(said);
      setVersion(version + 1);
    } catch (err) {
      setErrors(errorsOf(err, { homeId: "Home", reason: "Reason", where: "Where the child was placed", action: "What happened", version: "The referral" }));
    }
  };
  return (
    <>
      <h1 class="govuk-heading-l">Secure welfare</h1>
      <p class="govuk-body">
        Children whose RCC seeks a place in a secure children's home on welfare grounds, from every RCC, longest waiting first,
        with today's free beds and the daily match of beds to children.
      </p>
      <ErrorSummary errors={errors} />
      {done && <Notice success>{done}</Notice>}
      <Show loaded={queue}>
        {(q) => (
          <>
            <SummaryList
              rows={[
                ["Today", q.today],
                ["Waiting", <span data-testid="secure-waiting">{q.waiting.length}</span>],
                ["Beds free today", <span data-testid="secure-beds">{q.bedsFree}</span>],
                ["Placed", `${q.placedInEngland} in England, ${q.placedAcrossBorder} across the border`],
              ]}
            />
            <h2 class="govuk-heading-m">Today's match</h2>
            <Show loaded={match}>
              {(m) => (
                <DataTable
                  name="secure-match"
                  caption={`The daily match, ${m.today}: ${m.matched} of ${m.waiting} children matched to ${m.bedsFree} free beds (most children placed, then the longest waiting, then the nearest and best suited)`}
                  rows={m.rows}
                  columns={[
                    { key: "child", label: "Child", value: (r) => { const e = q.waiting.find((x) => x.id === r.secureReferralId); return e ? child(e) : String(r.secureReferralId); } },
                    { key: "days", label: "Days waiting", value: (r) => r.daysWaiting, numeric: true },
                    { key: "home", label: "Home", value: (r) => r.home || "No bed today" },
                    { key: "miles", label: "Miles from family", value: (r) => r.familyMiles, render: (r) => (r.familyMiles == null ? "not known" : r.familyMiles.toFixed(0)), numeric: true },
                    { key: "why", label: "Why", value: (r) => r.explanation },
                    {
                      key: "send",
                      label: "Action",
                      value: () => "",
                      render: (r) => {
                        const e = q.waiting.find((x) => x.id === r.secureReferralId);
                        const pending = e?.sendings.some((s) => s.homeId === r.homeId && s.decision === "pending");
                        if (!e || r.homeId == null) return "";
                        if (pending) return "Sent, awaiting the answer";
                        return (
                          <Button secondary onClick={() => act(e, { action: "send", homeId: r.homeId }, `Sent to ${r.home}.`)}>
                            Send to {r.home}
                          </Button>
                        );
                      },
                    },
                  ]}
                  empty={<Empty title="No one is waiting">No child is waiting for a secure bed.</Empty>}
                />
              )}
            </Show>
            <h2 class="govuk-heading-m">Waiting</h2>
            <DataTable
              name="secure-waiting"
              caption="Children waiting for a secure bed, longest first"
              rows={q.waiting}
              columns={[
                { key: "child", label: "Child", value: (e) => child(e) },
                { key: "days", label: "Days waiting", value: (e) => e.daysWaiting, numeric: true },
                { key: "order", label: "Secure order", value: (e) => (e.orderMade ? "Made" : "Applied for") },
                { key: "sent", label: "Sent to", value: (e) => e.sendings.map((s) => `${s.home ?? s.homeId}: ${s.decision}${s.reason ? ` (${s.reason})` : ""}`).join("; ") || "Not yet sent" },
                { key: "last", label: "Last step", value: (e) => `${day(e.history[e.history.length - 1].at)}: ${e.history[e.history.length - 1].what}` },
              ]}
              empty={<Empty title="No one is waiting">No child is waiting for a secure bed.</Empty>}
            />
            {q.waiting.length > 0 && <Record q={q} act={act} errors={errors} />}
            <h2 class="govuk-heading-m">Beds free today</h2>
            <DataTable
              name="secure-beds"
              caption={`Secure children's homes and their free beds, ${q.today}`}
              rows={q.beds}
              columns={[
                { key: "name", label: "Home", value: (b) => b.name },
                { key: "council", label: "Council area", value: (b) => b.council },
                { key: "ages", label: "Ages", value: (b) => `${b.minAge} to ${b.maxAge}` },
                { key: "beds", label: "Beds free", value: (b) => b.bedsFree, numeric: true },
              ]}
              empty={<Empty title="No secure children's homes">No secure children's home is on record.</Empty>}
            />
            <h2 class="govuk-heading-m">Placed or withdrawn</h2>
            <DataTable
              name="secure-settled"
              caption="Children no longer waiting, latest first, with how long they waited"
              rows={q.settled}
              columns={[
                { key: "child", label: "Child", value: (e) => child(e) },
                { key: "days", label: "Days waited", value: (e) => e.daysWaiting, numeric: true },
                { key: "outcome", label: "Outcome", value: (e) => e.history[e.history.length - 1].what },
                { key: "history", label: "History", value: (e) => e.history.map((h) => `${day(h.at)} ${h.what}`).join("; ") },
              ]}
              empty={<Empty title="None yet">No child has been placed or withdrawn.</Empty>}
            />
          </>
        )}
      </Show>
    </>
  );
}

// Records what happened to one waiting child.
function Record({ q, act, errors }: { q: Queue; act: (e: Entry, body: Record<string, unknown>, said: string) => Promise<void>; errors: FieldError[] }) {
  const [who, setWho] = useState(String(q.waiting[0].id));
  const [action, setAction] = useState("accept");
  const [home, setHome] = useState("");
  const [reason, setReason] = useState("");
  const [where, setWhere] = useState("");
  const e = q.waiting.find((x) => String(x.id) === who) ?? q.waiting[0];
  const homes: [string, string][] = [
    ["", "Choose a home"],
    ...q.beds.map((b): [string, string] => [String(b.homeId), b.name]),
  ];
  const said: Record<string, string> = {
    send: "Sent.",
    accept: "The home accepted: the child is placed.",
    decline: "The home's refusal is recorded.",
    across_border: "The placement across the border is recorded.",
    withdraw: "Withdrawn.",
  };
  return (
    <form
      onSubmit={(ev) => {
        ev.preventDefault();
        const body: Record<string, unknown> = { action };
        if (home) body.homeId = Number(home);
        if (reason) body.reason = reason;
        if (where) body.where = where;
        void act(e, body, said[action]);
      }}
    >
      <h3 class="govuk-heading-s">Record what happened</h3>
      <Select id="who" label="Child" value={who} onChange={setWho} errors={errors} choices={q.waiting.map((x): [string, string] => [String(x.id), child(x)])} />
      <Select
        id="action"
        label="What happened"
        value={action}
        onChange={setAction}
        errors={errors}
        choices={[
          ["send", "Sent to a home"],
          ["accept", "The home accepted"],
          ["decline", "The home declined"],
          ["across_border", "Placed across the border"],
          ["withdraw", "Withdrawn"],
        ]}
      />
      <Select id="homeId" label="Home" hint="For sent, accepted or declined" value={home} onChange={setHome} errors={errors} choices={homes} />
      <TextInput id="reason" label="Reason" hint="Why the home declined, or why the referral is withdrawn" value={reason} onInput={setReason} errors={errors} />
      <TextInput id="where" label="Where the child was placed" hint="For a placement across the border, e.g. a secure home in Scotland" value={where} onInput={setWhere} errors={errors} />
      <Button type="submit">Record</Button>
    </form>
  );
}
