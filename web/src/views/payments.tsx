// Payments: the commissioner's weekly payments runs (run a week, once; see
// what each run paid, the empty block places paid as voids and the
// overpayments recovered) and the provider's remittance advice, one per run,
// line by line. Served by /api/rccs/{id}/payment-runs and
// /api/provider/remittances (services/payments.cc).
import { useState } from "preact/hooks";
import { api, pounds, type User } from "../api";
import { Button, DataTable, Empty, ErrorSummary, errorsOf, Notice, Show, TextInput, useData, type FieldError } from "../components";

interface PaymentRun {
  id: number;
  weekFrom: string;
  createdAt: string;
  createdBy: string;
  placementsPaid: number;
  paid: number;
  voids: number;
  recovered: number;
}

export function PaymentRuns({ user }: { user: User }) {
  const loaded = useData(() => api.get<PaymentRun[]>(`/api/rccs/${user.rccId}/payment-runs`), [user.rccId]);
  const [week, setWeek] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState("");
  const [working, setWorking] = useState(false);
  const run = async () => {
    setErrors([]);
    setDone("");
    setWorking(true);
    try {
      const r = await api.post<PaymentRun & { alreadyRun: boolean }>(`/api/rccs/${user.rccId}/payment-runs`, { weekFrom: week });
      setDone(
        r.alreadyRun
          ? `The week from ${r.weekFrom} was run already: nothing was paid again.`
          : `Paid ${r.placementsPaid} placements ${pounds(r.paid)} for the week from ${r.weekFrom}, voids ${pounds(r.voids)}, recovered ${pounds(r.recovered)}.`,
      );
      loaded.reload();
    } catch (e) {
      setErrors(errorsOf(e, { weekFrom: "Week from" }));
    } finally {
      setWorking(false);
    }
  };
  return (
    <>
      <h1 class="govuk-heading-l">Payments</h1>
      <p class="govuk-body">
        A weekly run pays every placement in force for its week, line by line, pays empty reserved places in block contracts, and deducts what was overpaid after a backdated end. A week is paid once: running it again pays nothing.
      </p>
      <ErrorSummary errors={errors} />
      {done && <Notice success>{done}</Notice>}
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third">
          <TextInput id="weekFrom" label="Week from" type="date" value={week} onInput={setWeek} errors={errors} />
        </div>
      </div>
      <Button onClick={run} disabled={working}>
        Run payments for this week
      </Button>
      <Show loaded={loaded}>
        {(runs) => (
          <DataTable
            name="payment-runs"
            caption="Payments runs"
            rows={runs}
            defaultSort="week"
            columns={[
              { key: "week", label: "Week from", value: (r) => r.weekFrom },
              { key: "placements", label: "Placements paid", value: (r) => r.placementsPaid, numeric: true },
              { key: "paid", label: "Paid", value: (r) => r.paid, render: (r) => pounds(r.paid), numeric: true },
              { key: "voids", label: "Block voids", value: (r) => r.voids, render: (r) => pounds(r.voids), numeric: true },
              { key: "recovered", label: "Recovered", value: (r) => r.recovered, render: (r) => pounds(r.recovered), numeric: true },
              { key: "by", label: "Run by", value: (r) => r.createdBy },
            ]}
            empty={<Empty title="No payments run yet">Choose a week and run it.</Empty>}
          />
        )}
      </Show>
      <Show loaded={loaded}>{(runs) => (runs.length ? <JointFunderInvoices user={user} runs={runs} /> : <></>)}</Show>
    </>
  );
}

interface Invoice {
  councilId: number;
  council: string;
  payer: "health" | "education";
  payerName: string;
  total: number;
  lines: { paymentId: number; placementId: number; weekStart: string; amount: number }[];
}

function addDays(iso: string, days: number) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// The health (ICB) and education shares of the jointly funded placements
// paid in the weeks run, one invoice per council and payer
// (GET /api/rccs/{id}/invoices, market/invoices.h).
function JointFunderInvoices({ user, runs }: { user: User; runs: PaymentRun[] }) {
  const weeks = runs.map((r) => r.weekFrom).sort();
  const from = weeks[0];
  const to = addDays(weeks[weeks.length - 1], 7);
  const loaded = useData(
    () => api.get<{ total: number; invoices: Invoice[] }>(`/api/rccs/${user.rccId}/invoices?from=${from}&to=${to}`),
    [user.rccId, from, to],
  );
  return (
    <>
      <h2 class="govuk-heading-m">Invoices to joint funders</h2>
      <p class="govuk-body">
        Where health or education agreed to pay a share of a placement, their share of each payment made from {from} to {addDays(to, -1)}, billed to each council's ICB and education (high needs) budget.
      </p>
      <Show loaded={loaded}>
        {(d) => (
          <>
            <p class="govuk-body" data-testid="invoices-total">
              {d.invoices.length} invoices, {pounds(d.total)} in all.
            </p>
            <DataTable
              name="invoices"
              caption="Invoices to joint funders"
              rows={d.invoices}
              defaultSort="council"
              columns={[
                { key: "council", label: "Council", value: (i) => i.council },
                { key: "payer", label: "Payer", value: (i) => i.payerName },
                { key: "lines", label: "Payments", value: (i) => i.lines.length, numeric: true },
                { key: "total", label: "Amount", value: (i) => i.total, render: (i) => pounds(i.total), numeric: true },
              ]}
              empty={<Empty title="No joint funding">No placement paid in these weeks has a health or education share.</Empty>}
            />
          </>
        )}
      </Show>
    </>
  );
}

interface RemittanceLine {
  kind: "payment" | "void" | "recovery";
  paymentId: number | null;
  placementId: number | null;
  home: string;
  weekStart: string;
  core: number;
  staffing: number;
  education: number;
  transport: number;
  amount: number;
}
interface Remittance {
  runId: number;
  weekFrom: string;
  paidOn: string;
  total: number;
  lines: RemittanceLine[];
}

const kindLabel = { payment: "Payment", void: "Empty reserved places", recovery: "Overpayment recovered" };

export function Remittances(_: { user: User }) {
  const loaded = useData(() => api.get<Remittance[]>("/api/provider/remittances"), []);
  return (
    <>
      <h1 class="govuk-heading-l">Remittances</h1>
      <p class="govuk-body">What each weekly payments run paid you, line by line: each placement's care package, empty places reserved under a block contract, and overpayments deducted after a placement ended earlier than paid for.</p>
      <Show loaded={loaded}>
        {(list) =>
          list.length === 0 ? (
            <Empty title="No remittances yet">A remittance appears after the RCC's weekly payments run pays one of your placements.</Empty>
          ) : (
            <>
              <DataTable
                name="remittances"
                caption="Remittances"
                rows={list}
                defaultSort="week"
                columns={[
                  { key: "week", label: "Week from", value: (r) => r.weekFrom },
                  { key: "paid", label: "Paid on", value: (r) => r.paidOn },
                  { key: "lines", label: "Lines", value: (r) => r.lines.length, numeric: true },
                  { key: "total", label: "Total", value: (r) => r.total, render: (r) => pounds(r.total), numeric: true },
                ]}
                empty={<Empty title="Nothing matches">Clear the filter.</Empty>}
              />
              <h2 class="govuk-heading-m">Latest: week from {list[0].weekFrom}</h2>
              <DataTable
                name="remittance-lines"
                caption={`Remittance for the week from ${list[0].weekFrom}`}
                rows={list[0].lines}
                columns={[
                  { key: "kind", label: "Line", value: (l) => kindLabel[l.kind] },
                  { key: "home", label: "Home", value: (l) => l.home },
                  { key: "placement", label: "Placement", value: (l) => l.placementId ?? "" },
                  { key: "week", label: "Week starting", value: (l) => l.weekStart },
                  { key: "core", label: "Core fee", value: (l) => l.core, render: (l) => pounds(l.core), numeric: true },
                  { key: "staffing", label: "Extra staffing", value: (l) => l.staffing, render: (l) => pounds(l.staffing), numeric: true },
                  { key: "education", label: "Education", value: (l) => l.education, render: (l) => pounds(l.education), numeric: true },
                  { key: "transport", label: "Transport", value: (l) => l.transport, render: (l) => pounds(l.transport), numeric: true },
                  { key: "amount", label: "Amount", value: (l) => l.amount, render: (l) => pounds(l.amount), numeric: true },
                ]}
                empty={<Empty title="Nothing matches">Clear the filter.</Empty>}
              />
            </>
          )
        }
      </Show>
    </>
  );
}
