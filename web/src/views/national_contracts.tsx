// National contracts for rare needs (docs/national.md, "National
// contracts"): the national commissioner lets a framework with a provider for
// a service no RCC sees enough children to commission; every RCC gets a
// call-off on its terms, and the provider's homes show in every hub's
// ranking as a national service. The national analyst, commissioners and
// hub officers read the list.
import { useState } from "preact/hooks";
import { api, pounds, type User } from "../api";
import type { FeeLine as Fee } from "./contracts";
import { Button, DataTable, Empty, ErrorSummary, errorsOf, Notice, Select, Show, TextInput, useData, type FieldError } from "../components";

interface NationalContract {
  reference: string;
  providerId: number;
  provider: string;
  startDate: string;
  endDate: string | null;
  status: string;
  fees: Fee[];
  rccs: number;
  placementsInForce: number;
}

const labels: Record<string, string> = {
  providerId: "Provider number",
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
        Frameworks the national body lets for rare needs: each RCC calls them off on the same terms, and the provider's homes are
        priced under them in every hub's ranking, shown as a national contract.
      </p>
      <ErrorSummary errors={errors} />
      {done && <Notice success>{done}</Notice>}
      <Show loaded={loaded}>
        {(d) => (
          <DataTable
            name="national-contracts"
            caption={`National contracts, placements as at ${d.on}`}
            rows={d.contracts}
            columns={[
              { key: "reference", label: "Reference", value: (c) => c.reference },
              { key: "provider", label: "Provider", value: (c) => c.provider },
              { key: "term", label: "Term", value: (c) => c.startDate, render: (c) => `${c.startDate} to ${c.endDate ?? "open"}` },
              { key: "lots", label: "Lots", value: (c) => c.fees.length, render: (c) => c.fees.map(lot).join("; ") },
              { key: "rccs", label: "RCCs calling off", value: (c) => c.rccs, numeric: true },
              { key: "placed", label: "Placements under it", value: (c) => c.placementsInForce, numeric: true },
            ]}
            empty={<Empty title="None let">The national body has let no national contract yet.</Empty>}
          />
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
              // A lot's field ("fees[0].weeklyFee") is the form's field of that name.
              setErrors(errorsOf(err, labels).map((e) => ({ ...e, field: e.field.replace(/^fees\[0\]\./, "") })));
            }
          }}
        />
      )}
    </>
  );
}

function LetContract({ errors, onLet }: { errors: FieldError[]; onLet: (body: Record<string, unknown>, said: string) => Promise<void> }) {
  const [f, setF] = useState({ providerId: "", reference: "", startDate: "", endDate: "", setting: "childrens_home", band: "specialist", minAge: "10", maxAge: "17", weeklyFee: "" });
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
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
          fees: [{ band: f.band, setting: f.setting, minAge: Number(f.minAge), maxAge: Number(f.maxAge), weeklyFee: Number.isFinite(fee) ? fee : 0, lot: "N-1" }],
        };
        void onLet(body, `National contract ${f.reference} let: every RCC calls it off.`);
      }}
    >
      <h2 class="govuk-heading-m">Let a national contract</h2>
      <TextInput id="providerId" label={labels.providerId} hint="As on the provider's contracts" value={f.providerId} onInput={set("providerId")} errors={errors} width="govuk-input--width-5" />
      <TextInput id="reference" label={labels.reference} value={f.reference} onInput={set("reference")} errors={errors} width="govuk-input--width-20" />
      <TextInput id="startDate" label={labels.startDate} type="date" value={f.startDate} onInput={set("startDate")} errors={errors} width="govuk-input--width-10" />
      <TextInput id="endDate" label={labels.endDate} hint="Leave empty for no end" type="date" value={f.endDate} onInput={set("endDate")} errors={errors} width="govuk-input--width-10" />
      <Select id="setting" label={labels.setting} value={f.setting} onChange={set("setting")} errors={errors} choices={settings} />
      <Select id="band" label={labels.band} value={f.band} onChange={set("band")} errors={errors} choices={bands} />
      <TextInput id="minAge" label={labels.minAge} value={f.minAge} onInput={set("minAge")} errors={errors} width="govuk-input--width-3" />
      <TextInput id="maxAge" label={labels.maxAge} value={f.maxAge} onInput={set("maxAge")} errors={errors} width="govuk-input--width-3" />
      <TextInput id="weeklyFee" label="Weekly fee, pounds" value={f.weeklyFee} onInput={set("weeklyFee")} errors={errors} width="govuk-input--width-10" />
      <Button type="submit">Let the contract</Button>
    </form>
  );
}
