// The registers of liberty (docs/national.md, "Deprivation of liberty and
// unregistered settings"): deprivation of liberty orders and children living
// in settings Ofsted has not registered. The RCC's hub records and updates
// its children's entries; the RCC sees them with the children's pseudonyms;
// the national commissioner sees England's without identity; the national
// analyst the counts alone.
import { useState } from "preact/hooks";
import { api, pounds, type User } from "../api";
import { Button, DataTable, Empty, ErrorSummary, errorsOf, Notice, Select, Show, SummaryList, TextInput, useData, type FieldError } from "../components";

interface Person {
  childId: number | null;
  child: string;
  age: number;
  council: string;
  rcc: string;
}
interface Order {
  id: number;
  version: number;
  court: string;
  startDate: string;
  endDate: string | null;
  reviewOn: string;
  setting: string;
  settingRegistered: boolean;
  person: Person;
  inForce: boolean;
  reviewOverdue: boolean;
}
interface Stay {
  id: number;
  version: number;
  setting: string;
  startDate: string;
  endDate: string | null;
  weeklyCost: number;
  exitPlan: string;
  exitBy: string;
  dolOrderId: number | null;
  person: Person;
  open: boolean;
  exitDatePassed: boolean;
  daysThere: number;
}
interface Counts {
  rcc: string;
  ordersInForce: number;
  ordersInUnregisteredSettings: number;
  ordersBegunInYear: number;
  reviewsOverdue: number;
  childrenUnregistered: number;
  unregisteredWithOrder: number;
  byTimeThere: Record<string, number>;
  exitDatePassed: number;
  medianDays: number | null;
  longestDays: number;
  weeklyCost: number;
  meanWeeklyCost: number | null;
}
interface Register {
  asAt: string;
  identified: boolean;
  orders: Order[];
  unregistered: Stay[];
  england: Counts;
  byRcc: Counts[];
}

const who = (p: Person) => (p.child ? `${p.child} (record ${p.childId}), ${p.age}, ${p.council}` : `Age ${p.age}, ${p.council} (${p.rcc})`);
const settings: [string, string][] = [
  ["childrens_home", "Children's home"],
  ["fostering_household", "Fostering household"],
];
const bands: [string, string][] = [
  ["under_4_weeks", "Under 4 weeks"],
  ["4_weeks_to_3_months", "4 weeks to 3 months"],
  ["3_to_6_months", "3 to 6 months"],
  ["over_6_months", "Over 6 months"],
];
const labels = {
  childId: "Child's record number",
  court: "Court",
  startDate: "Start date",
  endDate: "End date",
  reviewOn: "Review date",
  setting: "Setting",
  settingRegistered: "Registered with Ofsted",
  weeklyCost: "Weekly cost",
  exitPlan: "Exit plan",
  exitBy: "Exit by",
  dolOrderId: "The order it rests on",
  version: "The entry",
};

export function LibertyRegister({ user }: { user: User }) {
  const [version, setVersion] = useState(0);
  const loaded = useData(() => api.get<Register>("/api/liberty-register"), [version]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState("");
  const send = async (method: "post" | "patch", path: string, body: Record<string, unknown>, said: string) => {
    setErrors([]);
    setDone("");
    try {
      await (method === "post" ? api.post(path, body) : api.patch(path, body));
      setDone(said);
      setVersion(version + 1);
      return true;
    } catch (err) {
      setErrors(errorsOf(err, labels));
      return false;
    }
  };
  const writes = user.role === "hub_officer";
  const [what, setWhat] = useState("order");
  return (
    <>
      <h1 class="govuk-heading-l">Deprivation of liberty and unregistered settings</h1>
      <p class="govuk-body">
        Orders that deprive a child in care of their liberty, and children living in settings not registered with Ofsted: how
        long, at what cost, and the plan to move them to a registered home.
        {user.role === "national_commissioner" && " England's entries, without any child's identity."}
        {user.role === "national_analyst" && " The counts only."}
      </p>
      <ErrorSummary errors={errors} />
      {done && <Notice success>{done}</Notice>}
      <Show loaded={loaded}>
        {(r) => (
          <>
            <SummaryList
              rows={[
                ["As at", r.asAt],
                ["Orders in force", <span data-testid="dol-in-force">{r.england.ordersInForce}</span>],
                ["Of them in an unregistered setting", r.england.ordersInUnregisteredSettings],
                ["Orders begun in the last year", r.england.ordersBegunInYear],
                ["Reviews overdue", r.england.reviewsOverdue],
                ["Children in unregistered settings", <span data-testid="unregistered-now">{r.england.childrenUnregistered}</span>],
                ["Of them under an order", r.england.unregisteredWithOrder],
                ["Past their exit date", r.england.exitDatePassed],
                ["Median days there", r.england.medianDays == null ? "none" : String(r.england.medianDays)],
                ["Longest there", `${r.england.longestDays} days`],
                ["Weekly cost", r.england.meanWeeklyCost == null ? pounds(r.england.weeklyCost) : `${pounds(r.england.weeklyCost)} (mean ${pounds(r.england.meanWeeklyCost)} a child)`],
              ]}
            />
            <DataTable
              name="liberty-time"
              caption="Children in unregistered settings by how long they have been there"
              rows={bands}
              columns={[
                { key: "band", label: "Time there", value: (b) => b[1] },
                { key: "children", label: "Children", value: (b) => r.england.byTimeThere[b[0]] ?? 0, numeric: true },
              ]}
              empty={null}
            />
            {!r.identified && (
              <DataTable
                name="liberty-rccs"
                caption="By RCC"
                rows={r.byRcc}
                columns={[
                  { key: "rcc", label: "RCC", value: (c) => c.rcc },
                  { key: "orders", label: "Orders in force", value: (c) => c.ordersInForce, numeric: true },
                  { key: "reviews", label: "Reviews overdue", value: (c) => c.reviewsOverdue, numeric: true },
                  { key: "children", label: "Children unregistered", value: (c) => c.childrenUnregistered, numeric: true },
                  { key: "passed", label: "Past exit date", value: (c) => c.exitDatePassed, numeric: true },
                  { key: "cost", label: "Weekly cost", value: (c) => c.weeklyCost, render: (c) => pounds(c.weeklyCost), numeric: true },
                ]}
                empty={<Empty title="No entries">No RCC has recorded an order or an unregistered setting.</Empty>}
              />
            )}
            {user.role !== "national_analyst" && (
              <>
                <h2 class="govuk-heading-m">Deprivation of liberty orders</h2>
                <DataTable
                  name="dol-orders"
                  caption="Orders, those in force first"
                  rows={r.orders}
                  columns={[
                    { key: "child", label: "Child", value: (o) => who(o.person) },
                    { key: "court", label: "Court", value: (o) => o.court },
                    { key: "dates", label: "Dates", value: (o) => `${o.startDate} to ${o.endDate ?? "in force"}` },
                    { key: "setting", label: "Setting", value: (o) => `${settings.find((s) => s[0] === o.setting)?.[1] ?? o.setting}, ${o.settingRegistered ? "registered" : "not registered"}` },
                    { key: "review", label: "Review", value: (o) => `${o.reviewOn}${o.reviewOverdue ? " (overdue)" : ""}` },
                  ]}
                  empty={<Empty title="No orders">No deprivation of liberty order is on the register.</Empty>}
                />
                <h2 class="govuk-heading-m">Children in unregistered settings</h2>
                <DataTable
                  name="unregistered"
                  caption="Stays, those open now first, longest first"
                  rows={r.unregistered}
                  columns={[
                    { key: "child", label: "Child", value: (s) => who(s.person) },
                    { key: "setting", label: "Setting", value: (s) => s.setting },
                    { key: "days", label: "Days there", value: (s) => s.daysThere, render: (s) => `${s.daysThere}${s.open ? "" : " (left)"}`, numeric: true },
                    { key: "cost", label: "Weekly cost", value: (s) => s.weeklyCost, render: (s) => pounds(s.weeklyCost), numeric: true },
                    { key: "exit", label: "Exit plan", value: (s) => `${s.exitPlan}, by ${s.exitBy}${s.exitDatePassed ? " (passed)" : ""}` },
                  ]}
                  empty={<Empty title="No one">No child is recorded in an unregistered setting.</Empty>}
                />
              </>
            )}
            {writes && (
              <>
                <h2 class="govuk-heading-m">Record</h2>
                <Select
                  id="recordWhat"
                  label="What to record"
                  value={what}
                  onChange={setWhat}
                  errors={[]}
                  choices={[
                    ["order", "A deprivation of liberty order"],
                    ["stay", "A child in an unregistered setting"],
                    ...(r.orders.length > 0 || r.unregistered.length > 0 ? [["change", "An end or a new date"] as [string, string]] : []),
                  ]}
                />
                {what === "order" && <RecordOrder errors={errors} send={send} />}
                {what === "stay" && <RecordStay errors={errors} send={send} orders={r.orders} />}
                {what === "change" && <Change errors={errors} send={send} r={r} />}
              </>
            )}
          </>
        )}
      </Show>
    </>
  );
}

type Send = (method: "post" | "patch", path: string, body: Record<string, unknown>, said: string) => Promise<boolean>;

function RecordOrder({ errors, send }: { errors: FieldError[]; send: Send }) {
  const [f, setF] = useState({ childId: "", court: "", startDate: "", reviewOn: "", setting: "childrens_home", settingRegistered: "no" });
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  return (
    <form
      onSubmit={(ev) => {
        ev.preventDefault();
        const body = { court: f.court, startDate: f.startDate, reviewOn: f.reviewOn, setting: f.setting, settingRegistered: f.settingRegistered === "yes" };
        void send("post", `/api/children/${encodeURIComponent(f.childId || "0")}/dol-orders`, body, "The order is on the register.");
      }}
    >
      <h3 class="govuk-heading-s">A deprivation of liberty order</h3>
      <TextInput id="childId" label={labels.childId} hint="As on the child's referral" value={f.childId} onInput={set("childId")} errors={errors} width="govuk-input--width-5" />
      <TextInput id="court" label={labels.court} value={f.court} onInput={set("court")} errors={errors} />
      <TextInput id="startDate" label={labels.startDate} type="date" value={f.startDate} onInput={set("startDate")} errors={errors} width="govuk-input--width-10" />
      <TextInput id="reviewOn" label={labels.reviewOn} type="date" value={f.reviewOn} onInput={set("reviewOn")} errors={errors} width="govuk-input--width-10" />
      <Select id="setting" label={labels.setting} value={f.setting} onChange={set("setting")} errors={errors} choices={settings} />
      <Select id="settingRegistered" label={labels.settingRegistered} value={f.settingRegistered} onChange={set("settingRegistered")} errors={errors} choices={[["no", "No"], ["yes", "Yes"]]} />
      <Button type="submit">Record the order</Button>
    </form>
  );
}

function RecordStay({ errors, send, orders }: { errors: FieldError[]; send: Send; orders: Order[] }) {
  const [f, setF] = useState({ childId: "", setting: "", startDate: "", weeklyCost: "", exitPlan: "", exitBy: "", dolOrderId: "" });
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  return (
    <form
      onSubmit={(ev) => {
        ev.preventDefault();
        const cost = Number(f.weeklyCost.replace(/[£,]/g, ""));
        const body: Record<string, unknown> = {
          setting: f.setting,
          startDate: f.startDate,
          weeklyCost: f.weeklyCost.trim() === "" || Number.isNaN(cost) ? f.weeklyCost : Math.round(cost * 100),
          exitPlan: f.exitPlan,
          exitBy: f.exitBy,
          dolOrderId: f.dolOrderId ? Number(f.dolOrderId) : null,
        };
        void send("post", `/api/children/${encodeURIComponent(f.childId || "0")}/unregistered-placements`, body, "The stay is on the register.");
      }}
    >
      <h3 class="govuk-heading-s">A child in an unregistered setting</h3>
      <TextInput id="childId" label={labels.childId} hint="As on the child's referral" value={f.childId} onInput={set("childId")} errors={errors} width="govuk-input--width-5" />
      <TextInput id="setting" label="What the setting is" hint="For example, a rented house with agency staff" value={f.setting} onInput={set("setting")} errors={errors} />
      <TextInput id="startDate" label={labels.startDate} type="date" value={f.startDate} onInput={set("startDate")} errors={errors} width="govuk-input--width-10" />
      <TextInput id="weeklyCost" label="Weekly cost, pounds" value={f.weeklyCost} onInput={set("weeklyCost")} errors={errors} width="govuk-input--width-10" />
      <TextInput id="exitPlan" label={labels.exitPlan} hint="How the child moves to a registered home" value={f.exitPlan} onInput={set("exitPlan")} errors={errors} />
      <TextInput id="exitBy" label={labels.exitBy} type="date" value={f.exitBy} onInput={set("exitBy")} errors={errors} width="govuk-input--width-10" />
      <Select
        id="dolOrderId"
        label={labels.dolOrderId}
        value={f.dolOrderId}
        onChange={set("dolOrderId")}
        errors={errors}
        choices={[["", "None"], ...orders.filter((o) => o.inForce).map((o): [string, string] => [String(o.id), `${who(o.person)}: ${o.court}, from ${o.startDate}`])]}
      />
      <Button type="submit">Record the stay</Button>
    </form>
  );
}

// Ends an order or a stay, or moves its review or exit date.
function Change({ errors, send, r }: { errors: FieldError[]; send: Send; r: Register }) {
  const entries: [string, string][] = [
    ...r.orders.map((o): [string, string] => [`o${o.id}`, `Order: ${who(o.person)}, from ${o.startDate}`]),
    ...r.unregistered.map((s): [string, string] => [`s${s.id}`, `Stay: ${who(s.person)}, ${s.setting}, from ${s.startDate}`]),
  ];
  const [entry, setEntry] = useState(entries[0][0]);
  const [endDate, setEndDate] = useState("");
  const [next, setNext] = useState("");
  const isOrder = entry.startsWith("o");
  const id = Number(entry.slice(1));
  const current = isOrder ? r.orders.find((o) => o.id === id) : r.unregistered.find((s) => s.id === id);
  return (
    <form
      onSubmit={(ev) => {
        ev.preventDefault();
        if (!current) return;
        const body: Record<string, unknown> = { version: current.version };
        if (endDate) body.endDate = endDate;
        if (next) body[isOrder ? "reviewOn" : "exitBy"] = next;
        void send("patch", isOrder ? `/api/dol-orders/${id}` : `/api/unregistered-placements/${id}`, body, "The entry is updated.");
      }}
    >
      <h3 class="govuk-heading-s">An end or a new date</h3>
      <Select id="entry" label="Entry" value={entry} onChange={setEntry} errors={errors} choices={entries} />
      <TextInput id="endDate" label={isOrder ? "The order ended on" : "The child left on"} type="date" value={endDate} onInput={setEndDate} errors={errors} width="govuk-input--width-10" />
      <TextInput id={isOrder ? "reviewOn" : "exitBy"} label={isOrder ? "Next review" : "New exit date"} type="date" value={next} onInput={setNext} errors={errors} width="govuk-input--width-10" />
      <Button type="submit">Save</Button>
    </form>
  );
}
