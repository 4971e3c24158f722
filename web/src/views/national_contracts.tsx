// National contracts for rare needs (docs/national.md, "National
// contracts"): the national commissioner lets a framework or a block with a
// provider for a service no RCC sees enough children to commission; every
// RCC gets a call-off on its terms, and the provider's homes show in every
// hub's ranking as a national service. A block's places are England's; its
// empty places are paid by the RCCs by their void shares, and its ledger
// shows each week as the RCCs' payments runs measured it. The national
// analyst, commissioners and hub officers read the list.
import { useState } from "preact/hooks";
import { api, pounds, type User } from "../api";
import type { FeeLine as Fee } from "./contracts";
import { Button, Checkboxes, DataTable, Empty, ErrorSummary, errorsOf, Notice, Radios, Select, Show, TextInput, useData, type FieldError } from "../components";

interface DirectoryProvider {
  id: number;
  name: string;
  ownership: string;
  homes: { id: number; name: string; setting: string; registeredPlaces: number; ofstedRating: string; council: string }[];
}
interface CallOff {
  contractId: number;
  rccId: number;
  rcc: string;
  status: string;
  voidShareBp: number;
  placementsInForce: number;
  voidCostPaid: number;
}
interface BlockWeek {
  weekFrom: string;
  reserved: number;
  used: number;
  voids: number;
  voidCostPaid: number;
  rccsPaid: number;
}
interface NationalContract {
  reference: string;
  providerId: number;
  provider: string;
  route: "framework" | "block";
  startDate: string;
  endDate: string | null;
  status: string;
  fees: Fee[];
  blockPlaces: number;
  blockHomes: number[];
  callOffs: CallOff[];
  rccs: number;
  placementsInForce: number;
  weeks: BlockWeek[];
}

const labels: Record<string, string> = {
  type: "Route",
  blockPlaces: "Places reserved",
  blockHomes: "Homes",
  voidShares: "Void shares",
  providerId: "Provider",
  reference: "Reference",
  startDate: "Starts",
  endDate: "Ends",
  setting: "Setting",
  band: "Need band",
  minAge: "Youngest",
  maxAge: "Oldest",
  weeklyFee: "Weekly fee",
  "fees[0].setting": "Setting",
  "fees[0].band": "Need band",
  "fees[0].minAge": "Youngest",
  "fees[0].maxAge": "Oldest",
  "fees[0].weeklyFee": "Weekly fee",
};
const settings: [string, string][] = [
  ["childrens_home", "Children's home"],
  ["secure_childrens_home", "Secure children's home"],
  ["fostering_household", "Fostering household"],
  ["supported_accommodation", "Supported accommodation"],
];
const bands: [string, string][] = [
  ["specialist", "Specialist"],
  ["complex", "Complex"],
  ["enhanced", "Enhanced"],
  ["standard", "Standard"],
];

const lot = (f: Fee) =>
  `${settings.find((s) => s[0] === f.setting)?.[1] ?? "Any setting"}, ${f.band}, ages ${f.minAge ?? 0} to ${f.maxAge ?? 17}: ${pounds(f.weeklyFee)} a week`;

export function NationalContracts({ user }: { user: User }) {
  const [version, setVersion] = useState(0);
  const loaded = useData(() => api.get<{ on: string; contracts: NationalContract[] }>("/api/national/contracts"), [version]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState("");
  const lets = user.role === "national_commissioner";
  return (
    <>
      <h1 class="govuk-heading-l">National contracts</h1>
      <p class="govuk-body">
        Frameworks and blocks the national body lets for rare needs: each RCC calls them off on the same terms, and the provider's homes
        are priced under them in every hub's ranking, shown as a national contract. A block's places are England's, used by any RCC; the
        RCCs pay for its empty places by their void shares.
      </p>
      <ErrorSummary errors={errors} />
      {done && <Notice success>{done}</Notice>}
      <Show loaded={loaded}>
        {(d) => (
          <>
            <DataTable
              name="national-contracts"
              caption={`National contracts, placements as at ${d.on}`}
              rows={d.contracts}
              columns={[
                { key: "reference", label: "Reference", value: (c) => c.reference },
                { key: "provider", label: "Provider", value: (c) => c.provider },
                {
                  key: "route",
                  label: "Route",
                  value: (c) => c.route,
                  render: (c) => (c.route === "block" ? `Block of ${c.blockPlaces} places in ${c.blockHomes.length} ${c.blockHomes.length === 1 ? "home" : "homes"}` : "Framework"),
                },
                { key: "term", label: "Term", value: (c) => c.startDate, render: (c) => `${c.startDate} to ${c.endDate ?? "open"}` },
                { key: "lots", label: "Lots", value: (c) => c.fees.length, render: (c) => c.fees.map(lot).join("; ") },
                { key: "rccs", label: "RCCs calling off", value: (c) => c.rccs, numeric: true },
                { key: "placed", label: "Placements under it", value: (c) => c.placementsInForce, numeric: true },
              ]}
              empty={<Empty title="None let">The national body has let no national contract yet.</Empty>}
            />
            {d.contracts
              .filter((c) => c.route === "block")
              .map((c) => (
                <BlockLedger key={c.reference} contract={c} />
              ))}
          </>
        )}
      </Show>
      {lets && (
        <LetContract
          errors={errors}
          onLet={async (body, said) => {
            setErrors([]);
            setDone("");
            try {
              await api.post("/api/national/contracts", body);
              setDone(said);
              setVersion(version + 1);
            } catch (err) {
              // A lot's field ("fees[0].weeklyFee") is the form's field of that name; a home's
              // ("blockHomes[1]") is the homes field.
              setErrors(
                errorsOf(err, labels).map((e) => ({
                  message: e.message.replace(/^blockHomes\[(\d+)\]:/, (_, i: string) => `Home ${Number(i) + 1} ticked:`),
                  field: e.field.replace(/^fees\[0\]\./, "").replace(/^blockHomes\[\d+\]$/, "blockHomes"),
                })),
              );
            }
          }}
        />
      )}
    </>
  );
}

// A national block: who pays for its empty places, and its latest weeks.
function BlockLedger({ contract: c }: { contract: NationalContract }) {
  return (
    <>
      <h2 class="govuk-heading-m">Block {c.reference}: void shares and weeks</h2>
      <DataTable
        name={`block-shares-${c.reference}`}
        caption={`${c.reference}: each RCC's share of the empty places and what it has paid for them`}
        rows={c.callOffs}
        columns={[
          { key: "rcc", label: "RCC", value: (o) => o.rcc },
          { key: "share", label: "Void share", value: (o) => o.voidShareBp, numeric: true, render: (o) => `${(o.voidShareBp / 100).toFixed(2)}%` },
          { key: "placed", label: "Its placements under it", value: (o) => o.placementsInForce, numeric: true },
          { key: "paid", label: "Voids paid", value: (o) => o.voidCostPaid, numeric: true, render: (o) => pounds(o.voidCostPaid) },
          { key: "status", label: "Call-off", value: (o) => o.status },
        ]}
        empty={<Empty title="No call-off">No RCC calls this block off.</Empty>}
      />
      <DataTable
        name={`block-weeks-${c.reference}`}
        caption={`${c.reference}: the latest weeks, the whole block as the RCCs' payments runs measured it`}
        rows={c.weeks}
        columns={[
          { key: "week", label: "Week from", value: (w) => w.weekFrom },
          { key: "reserved", label: "Reserved", value: (w) => w.reserved, numeric: true },
          { key: "used", label: "Used", value: (w) => w.used, numeric: true },
          { key: "voids", label: "Empty", value: (w) => w.voids, numeric: true },
          { key: "cost", label: "Void cost paid", value: (w) => w.voidCostPaid, numeric: true, render: (w) => pounds(w.voidCostPaid) },
          { key: "rccs", label: "RCCs that have paid", value: (w) => w.rccsPaid, numeric: true },
        ]}
        empty={<Empty title="No week paid yet">No RCC's payments run has paid a week of this block yet.</Empty>}
      />
    </>
  );
}

function LetContract({ errors, onLet }: { errors: FieldError[]; onLet: (body: Record<string, unknown>, said: string) => Promise<void> }) {
  const [f, setF] = useState({
    type: "framework",
    providerId: "",
    reference: "",
    startDate: "",
    endDate: "",
    blockPlaces: "",
    setting: "childrens_home",
    band: "specialist",
    minAge: "10",
    maxAge: "17",
    weeklyFee: "",
  });
  const [homes, setHomes] = useState<string[]>([]);
  const block = f.type === "block";
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  // The providers with homes of the lot's setting, and the chosen one's homes.
  const directory = useData(() => api.get<{ providers: DirectoryProvider[] }>(`/api/national/providers?setting=${f.setting}`), [f.setting]);
  const providers = directory.data?.providers ?? [];
  const chosen = providers.find((p) => String(p.id) === f.providerId);
  return (
    <form
      onSubmit={(ev) => {
        ev.preventDefault();
        const fee = Math.round(Number(f.weeklyFee) * 100);
        const body = {
          providerId: Number(f.providerId) || 0,
          reference: f.reference,
          startDate: f.startDate,
          ...(f.endDate ? { endDate: f.endDate } : {}),
          type: f.type,
          ...(block ? { blockPlaces: Number(f.blockPlaces) || 0, blockHomes: homes.map(Number) } : {}),
          fees: [{ band: f.band, setting: f.setting, minAge: Number(f.minAge), maxAge: Number(f.maxAge), weeklyFee: Number.isFinite(fee) ? fee : 0, lot: "N-1" }],
        };
        void onLet(
          body,
          block
            ? `National block ${f.reference} let: every RCC calls it off and pays its share of the empty places.`
            : `National contract ${f.reference} let: every RCC calls it off.`,
        );
      }}
    >
      <h2 class="govuk-heading-m">Let a national contract</h2>
      <Radios
        id="type"
        label={labels.type}
        value={f.type}
        onChange={set("type")}
        errors={errors}
        choices={[
          ["framework", "Framework: places bought as children need them"],
          ["block", "Block: places reserved for England in named homes, paid for whether used or not"],
        ]}
      />
      <Select
        id="setting"
        label={labels.setting}
        value={f.setting}
        onChange={(v) => {
          setF({ ...f, setting: v, providerId: "" });
          setHomes([]);
        }}
        errors={errors}
        choices={settings}
      />
      <Select
        id="providerId"
        label={labels.providerId}
        hint="Providers with homes of this setting"
        value={f.providerId}
        onChange={(v) => {
          setF({ ...f, providerId: v });
          setHomes([]);
        }}
        errors={errors}
        choices={[["", directory.loading ? "Loading providers" : directory.error ? "Providers could not be loaded" : "Choose a provider"], ...providers.map((p): [string, string] => [String(p.id), `${p.name} (${p.homes.length} ${p.homes.length === 1 ? "home" : "homes"})`])]}
      />
      <TextInput id="reference" label={labels.reference} value={f.reference} onInput={set("reference")} errors={errors} width="govuk-input--width-20" />
      <TextInput id="startDate" label={labels.startDate} type="date" value={f.startDate} onInput={set("startDate")} errors={errors} width="govuk-input--width-10" />
      <TextInput id="endDate" label={labels.endDate} hint={block ? "A block must end, within 10 years" : "Leave empty for no end"} type="date" value={f.endDate} onInput={set("endDate")} errors={errors} width="govuk-input--width-10" />
      {block && (
        <>
          {chosen ? (
            <Checkboxes
              id="blockHomes"
              label={labels.blockHomes}
              hint="The homes the block reserves its places in"
              value={homes}
              onChange={setHomes}
              errors={errors}
              choices={chosen.homes.map((h): [string, string] => [String(h.id), `${h.name}, ${h.council}: ${h.registeredPlaces} places, Ofsted ${h.ofstedRating.replace(/_/g, " ")}`])}
            />
          ) : (
            <p class="govuk-body">Choose a provider to choose its homes.</p>
          )}
          <TextInput id="blockPlaces" label={labels.blockPlaces} hint="England's places, used by any RCC" value={f.blockPlaces} onInput={set("blockPlaces")} errors={errors} width="govuk-input--width-3" />
          <p class="govuk-body" id="void-shares-note">
            Each RCC pays for the empty places in proportion to its children placed on the start date.
          </p>
        </>
      )}
      <Select id="band" label={labels.band} value={f.band} onChange={set("band")} errors={errors} choices={bands} />
      <TextInput id="minAge" label={labels.minAge} value={f.minAge} onInput={set("minAge")} errors={errors} width="govuk-input--width-3" />
      <TextInput id="maxAge" label={labels.maxAge} value={f.maxAge} onInput={set("maxAge")} errors={errors} width="govuk-input--width-3" />
      <TextInput id="weeklyFee" label={block ? "Weekly fee a place, pounds" : "Weekly fee, pounds"} value={f.weeklyFee} onInput={set("weeklyFee")} errors={errors} width="govuk-input--width-10" />
      <Button type="submit">Let the contract</Button>
    </form>
  );
}
