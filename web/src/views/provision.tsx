// A provider's own provision: their homes with what each can meet, its
// registered places and published vacancies (publish one from a date, or
// withdraw it: the hubs' next search sees the change), and the offers they
// have made (withdraw an open one, with why).
import { useState } from "preact/hooks";
import { api, label, type User } from "../api";
import { Button, Checkboxes, DataTable, Empty, ErrorSummary, errorsOf, Notice, Radios, Show, Tag, TextArea, TextInput, useData, type Choice, type FieldError } from "../components";

const needChoices: Choice[] = [
  ["bsl", "BSL"],
  ["makaton", "Makaton"],
  ["esol", "ESOL"],
  ["other_communication", "Other communication requirement"],
  ["home_adaptation", "Adaptation to the home"],
  ["cultural_needs", "Cultural needs"],
  ["additional_supervision", "Additional supervision"],
  ["therapeutic_support", "Therapeutic support"],
  ["respite_worker", "A worker for respite"],
  ["taxis_to_school", "Taxis to school"],
  ["other_support", "Other support"],
];
const riskChoices: Choice[] = [
  ["self_harm", "Self-harm"],
  ["sexual_exploitation", "Sexual exploitation"],
  ["criminal_exploitation", "Criminal exploitation"],
  ["drug_alcohol", "Drug and alcohol use"],
  ["eating_disorder", "Eating disorder"],
  ["missing", "Going missing"],
  ["other_to_child", "Other risk to the child"],
  ["to_others_physical", "Physical harm to others"],
  ["to_others_sexual", "Sexual harm to others"],
  ["to_others_fire", "Fire-setting"],
  ["to_others_animals", "Harm to animals"],
  ["to_others_criminal", "Criminal exploitation of others"],
  ["to_others_other", "Other risk to others or property"],
];

interface Vacancy {
  id: number;
  availableFrom: string;
  status: string;
}

interface ManagedHome {
  id: number;
  version: number;
  name: string;
  setting: string;
  registeredPlaces: number;
  minAge: number;
  maxAge: number;
  needsMet: string[];
  risksManaged: string[];
  hasPets: boolean;
  parentAndChild: boolean;
  maxSiblings: number;
  currentPlacements: number;
  vacancies: Vacancy[];
}

export function ProviderHomes(_: { user: User }) {
  const loaded = useData(() => api.get<{ homes: ManagedHome[] }>("/api/provider/homes"), []);
  return (
    <>
      <h1 class="govuk-heading-l">Your homes</h1>
      <p class="govuk-body">Publish a vacancy when a place is free: hubs see it in their next search.</p>
      <Show loaded={loaded}>
        {(d) =>
          d.homes.length === 0 ? (
            <Empty title="No homes">Your organisation has no homes registered in CareCoop. Ask the RCC's commissioning team to add them.</Empty>
          ) : (
            <>
              <DataTable
                name="homes"
                caption="Homes, places and vacancies"
                rows={d.homes}
                columns={[
                  { key: "name", label: "Home", value: (h) => h.name, render: (h) => <a class="govuk-link" href={`/provider/homes/${h.id}`}>{h.name}</a> },
                  { key: "setting", label: "Setting", value: (h) => label(h.setting) },
                  { key: "ages", label: "Ages", value: (h) => `${h.minAge}–${h.maxAge}` },
                  { key: "places", label: "Registered places", value: (h) => h.registeredPlaces, numeric: true },
                  { key: "children", label: "Children living there", value: (h) => h.currentPlacements, numeric: true },
                  { key: "vacancies", label: "Vacancies published", value: (h) => h.vacancies.length, numeric: true },
                ]}
                empty={<Empty title="No homes match">Clear the filter to see every home.</Empty>}
              />
            </>
          )
        }
      </Show>
    </>
  );
}

export function ProviderHomePage({ params }: { user: User; params: Record<string, string> }) {
  const loaded = useData(() => api.get<{ homes: ManagedHome[] }>("/api/provider/homes"), []);
  const [from, setFrom] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState("");
  const act = async (f: () => Promise<unknown>, message: string) => {
    try {
      await f();
      setErrors([]);
      setDone(message);
      loaded.reload();
    } catch (e) {
      setErrors(errorsOf(e, { availableFrom: "Available from", homeId: "Home", status: "Vacancy" }));
    }
  };
  return (
    <Show loaded={loaded}>
      {(d) => {
        const h = d.homes.find((x) => String(x.id) === params.id);
        if (!h) return <h1 class="govuk-heading-l">Not found</h1>;
        return (
          <>
            {done && <Notice success>{done}</Notice>}
            <span class="govuk-caption-l">{label(h.setting)}</span>
            <h1 class="govuk-heading-l">{h.name}</h1>
            <dl class="govuk-summary-list">
              {(
                [
                  ["Registered places", String(h.registeredPlaces)],
                  ["Children living there", String(h.currentPlacements)],
                  ["Ages", `${h.minAge} to ${h.maxAge}`],
                  ["Needs it can meet", h.needsMet.map(label).join(", ") || "None listed"],
                  ["Risks it can manage", h.risksManaged.map(label).join(", ") || "None listed"],
                  ["Sibling groups", h.maxSiblings ? `up to ${h.maxSiblings}` : "No"],
                  ["Pets", h.hasPets ? "Yes" : "No"],
                  ["Parent and child", h.parentAndChild ? "Approved" : "No"],
                ] as [string, string][]
              ).map(([k, v]) => (
                <div class="govuk-summary-list__row" key={k}>
                  <dt class="govuk-summary-list__key">{k}</dt>
                  <dd class="govuk-summary-list__value">{v}</dd>
                </div>
              ))}
            </dl>
            <ErrorSummary errors={errors} />
            <DataTable
              name="vacancies"
              caption="Published vacancies"
              rows={h.vacancies}
              columns={[
                { key: "id", label: "Vacancy", value: (v) => v.id },
                { key: "from", label: "Available from", value: (v) => v.availableFrom },
                {
                  key: "action",
                  label: "Action",
                  value: () => "",
                  render: (v) => (
                    <Button secondary onClick={() => act(() => api.post(`/api/vacancies/${v.id}/withdraw`, {}), `Vacancy ${v.id} withdrawn.`)}>
                      Withdraw vacancy {v.id}
                    </Button>
                  ),
                },
              ]}
              empty={<Empty title="No vacancies published">When a place is free, publish it below.</Empty>}
            />
            <EditHome key={`${h.id}-${h.version}`} home={h} onSaved={() => { setDone(`${h.name} is updated: hubs see it in their next search.`); loaded.reload(); }} />
            <h2 class="govuk-heading-m">Publish a vacancy</h2>
            <TextInput id="availableFrom" label="Available from" type="date" value={from} onInput={setFrom} errors={errors} width="govuk-input--width-10" />
            <Button onClick={() => act(() => api.post(`/api/provider/homes/${h.id}/vacancies`, { availableFrom: from }), "Vacancy published: hubs see it in their next search.")}>
              Publish vacancy
            </Button>
          </>
        );
      }}
    </Show>
  );
}

// What the provider may change about a home: places, ages, sibling groups,
// pets, the needs it meets and the risks it manages (PATCH with its version).
function EditHome({ home, onSaved }: { home: ManagedHome; onSaved: () => void }) {
  const [f, setF] = useState({
    registeredPlaces: String(home.registeredPlaces),
    minAge: String(home.minAge),
    maxAge: String(home.maxAge),
    maxSiblings: String(home.maxSiblings),
    hasPets: home.hasPets ? "true" : "false",
    parentAndChild: home.parentAndChild ? "true" : "false",
    needsMet: home.needsMet,
    risksManaged: home.risksManaged,
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const set = (k: keyof typeof f) => (v: string | string[]) => setF({ ...f, [k]: v });
  const whole = (v: string) => (/^-?\d+$/.test(v.trim()) ? Number(v) : v);
  const save = async () => {
    try {
      await api.patch(`/api/provider/homes/${home.id}`, {
        version: home.version,
        registeredPlaces: whole(f.registeredPlaces),
        minAge: whole(f.minAge),
        maxAge: whole(f.maxAge),
        maxSiblings: whole(f.maxSiblings),
        hasPets: f.hasPets === "true",
        parentAndChild: f.parentAndChild === "true",
        needsMet: f.needsMet,
        risksManaged: f.risksManaged,
      });
      setErrors([]);
      onSaved();
    } catch (e) {
      setErrors(
        errorsOf(e, {
          registeredPlaces: "Registered places",
          minAge: "Youngest age",
          maxAge: "Oldest age",
          maxSiblings: "Largest sibling group",
          needsMet: "Needs it can meet",
          risksManaged: "Risks it can manage",
          version: "The home",
        }),
      );
    }
  };
  return (
    <details class="govuk-details">
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">Change what this home offers</span>
      </summary>
      <div class="govuk-details__text">
        <ErrorSummary errors={errors} />
        <TextInput id="registeredPlaces" label="Registered places" value={f.registeredPlaces} onInput={set("registeredPlaces")} errors={errors} width="govuk-input--width-3" />
        <TextInput id="minAge" label="Youngest age (years)" value={f.minAge} onInput={set("minAge")} errors={errors} width="govuk-input--width-3" />
        <TextInput id="maxAge" label="Oldest age (years)" value={f.maxAge} onInput={set("maxAge")} errors={errors} width="govuk-input--width-3" />
        <TextInput id="maxSiblings" label="Largest sibling group taken together (0: none)" value={f.maxSiblings} onInput={set("maxSiblings")} errors={errors} width="govuk-input--width-3" />
        <Radios id="hasPets" label="Pets in the home" value={f.hasPets} onChange={set("hasPets")} errors={errors} inline choices={[["true", "Yes"], ["false", "No"]]} />
        <Radios id="parentAndChild" label="Approved for parent and child placements" value={f.parentAndChild} onChange={set("parentAndChild")} errors={errors} inline choices={[["true", "Yes"], ["false", "No"]]} />
        <Checkboxes id="needsMet" label="Needs it can meet" value={f.needsMet} onChange={set("needsMet")} errors={errors} choices={needChoices} />
        <Checkboxes id="risksManaged" label="Risks it can manage" value={f.risksManaged} onChange={set("risksManaged")} errors={errors} choices={riskChoices} />
        <Button onClick={save}>Save changes</Button>
      </div>
    </details>
  );
}

interface ProviderOffer {
  id: number;
  referralId: number;
  homeId: number;
  status: string;
  weeklyFee: number;
  startDate: string;
  deadline: string;
  withdrawalReason: string;
}

export function ProviderOffers(_: { user: User }) {
  const loaded = useData(() => api.get<{ offers: ProviderOffer[] }>("/api/provider/offers"), []);
  const [choice, setChoice] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const withdraw = async () => {
    try {
      if (!choice) return setErrors([{ field: "offer", message: "Choose the offer to withdraw" }]);
      await api.post(`/api/offers/${choice}/withdraw`, { reason });
      setErrors([]);
      loaded.reload();
    } catch (e) {
      setErrors(errorsOf(e, { reason: "Why you withdraw it", status: "Offer" }));
    }
  };
  return (
    <>
      <h1 class="govuk-heading-l">Your offers</h1>
      <Show loaded={loaded}>
        {(d) => (
          <>
            <ErrorSummary errors={errors} />
            <DataTable
              name="provider-offers"
              caption="Offers and declines, newest first"
              rows={d.offers}
              columns={[
                { key: "id", label: "Offer", value: (o) => o.id },
                { key: "referral", label: "Referral", value: (o) => o.referralId, render: (o) => <a class="govuk-link" href={`/provider/referrals/${o.referralId}`}>{o.referralId}</a> },
                { key: "home", label: "Home", value: (o) => o.homeId },
                { key: "status", label: "Status", value: (o) => o.status, render: (o) => <Tag code={o.status} /> },
                { key: "fee", label: "Weekly fee (£)", value: (o) => o.weeklyFee / 100, numeric: true },
                { key: "start", label: "Start", value: (o) => o.startDate },
              ]}
              empty={<Empty title="No offers yet">Offer one of your homes from a referral sent to you.</Empty>}
            />
            {d.offers.some((o) => o.status === "offered") && (
              <>
                <h2 class="govuk-heading-m">Withdraw an offer</h2>
                <div class="govuk-form-group">
                  <label class="govuk-label" for="offer">
                    Offer
                  </label>
                  <select class="govuk-select" id="offer" value={choice} onChange={(e) => setChoice((e.target as HTMLSelectElement).value)}>
                    <option value="">Choose an open offer</option>
                    {d.offers
                      .filter((o) => o.status === "offered")
                      .map((o) => (
                        <option value={String(o.id)} key={o.id}>
                          Offer {o.id} for referral {o.referralId}
                        </option>
                      ))}
                  </select>
                </div>
                <TextArea id="reason" label="Why you withdraw it" value={reason} onInput={setReason} errors={errors} rows={2} />
                <Button warning onClick={withdraw}>
                  Withdraw offer
                </Button>
              </>
            )}
          </>
        )}
      </Show>
    </>
  );
}

interface ProviderPlacement {
  id: number;
  homeId: number | null;
  referralId: number | null;
  startDate: string;
  needBand: string;
  weeklyFee: number;
  emergency: boolean;
}

// The children placed in the provider's homes, living there or booked to
// arrive, without the child's record (which stays with the council).
export function ProviderPlacements(_: { user: User }) {
  const loaded = useData(() => api.get<{ placements: ProviderPlacement[] }>("/api/provider/placements"), []);
  return (
    <>
      <h1 class="govuk-heading-l">Your placements</h1>
      <Show loaded={loaded}>
        {(d) => (
          <DataTable
            name="provider-placements"
            caption="Children living in your homes or booked to arrive"
            rows={d.placements}
            columns={[
              { key: "id", label: "Placement", value: (p) => p.id },
              { key: "home", label: "Home", value: (p) => p.homeId ?? "" },
              { key: "referral", label: "Referral", value: (p) => p.referralId ?? "", render: (p) => (p.referralId ? <a class="govuk-link" href={`/provider/referrals/${p.referralId}`}>{p.referralId}</a> : "—") },
              { key: "start", label: "Start", value: (p) => p.startDate },
              { key: "band", label: "Need band", value: (p) => label(p.needBand) },
              { key: "fee", label: "Weekly fee (£)", value: (p) => p.weeklyFee / 100, numeric: true },
              { key: "emergency", label: "Emergency", value: (p) => (p.emergency ? "Yes" : "No") },
            ]}
            empty={<Empty title="No children placed with you">Placements appear here when a hub's proposal of your offer is approved.</Empty>}
          />
        )}
      </Show>
    </>
  );
}
