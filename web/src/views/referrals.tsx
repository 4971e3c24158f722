// Referrals: a social worker's list and form (every field of the placements
// standard and the matching fields, grouped as docs/formats/referral.md
// groups them, with the child's views in their own words), and one
// referral's page, where each role sees what it may do next.
import { useState } from "preact/hooks";
import { api, dateTime, label, pounds, type User } from "../api";
import {
  Button,
  Checkboxes,
  DataTable,
  Empty,
  ErrorSummary,
  errorsOf,
  Notice,
  Radios,
  Select,
  Show,
  SummaryList,
  Tag,
  TextArea,
  TextInput,
  useData,
  type Choice,
  type FieldError,
} from "../components";
import { navigate } from "../router";

export interface Location {
  label: string;
  lat: number;
  lon: number;
}

export interface Referral {
  id: number;
  version: number;
  childId: number;
  councilId: number;
  status: string;
  createdAt: string;
  neededBy: string;
  siblingCount: number;
  preferredLocation: string;
  latestStartDate: string;
  childViews: string;
  childWishes?: string[];
  childOwnWishes?: string[];
  withdrawalReason?: string;
  providerSummary: string;
  primaryFamilyLocation: Location | null;
  schoolLocation: Location | null;
  [field: string]: unknown;
}

export interface Offer {
  id: number;
  childView?: string;
  childViewWhy?: string;
  withdrawalReason?: string;
  referralId: number;
  homeId: number;
  status: string;
  coreFee: number;
  staffingFee: number;
  educationFee: number;
  transportFee: number;
  weeklyFee: number;
  fairPrice: { weekly: number; difference: number; percent: number; aboveThreshold: boolean } | null;
  startDate: string;
  conditions: string;
  declineReason: string;
  deadline: string;
  createdAt: string;
}

const yesNoNS: Choice[] = [
  ["yes", "Yes"],
  ["no", "No"],
  ["not_specified", "Not specified"],
];
const suitability: Choice[] = [
  ["preferred", "Preferred"],
  ["suitable", "Suitable but not preferred"],
  ["unsuitable", "Unsuitable"],
  ["not_specified", "Not specified"],
];
const risksToChild: Choice[] = [
  ["self_harm", "Self-harm"],
  ["sexual_exploitation", "Sexual exploitation"],
  ["criminal_exploitation", "Criminal exploitation"],
  ["drug_alcohol", "Drug and alcohol use"],
  ["eating_disorder", "Eating disorder"],
  ["missing", "Going missing"],
];
const risksToOthers: Choice[] = [
  ["to_others_physical", "Physical harm to others"],
  ["to_others_sexual", "Sexual harm to others"],
  ["to_others_fire", "Fire-setting"],
  ["to_others_animals", "Harm to animals"],
  ["to_others_criminal", "Criminal exploitation of others"],
];

export const neededByText: Record<string, string> = {
  today: "Today",
  within_5_days: "Within 5 days",
  after_5_days: "In more than 5 days",
};

export function ReferralList({ user }: { user: User }) {
  const loaded = useData(() => api.get<{ referrals: Referral[] }>("/api/referrals"), []);
  return (
    <>
      <h1 class="govuk-heading-l">Referrals</h1>
      {user.role === "social_worker" && (
        <a class="govuk-button" href="/referrals/new" role="button">
          Write a referral
        </a>
      )}
      <Show loaded={loaded}>
        {(d) => (
          <DataTable
            name="referrals"
            caption="Your council's referrals"
            rows={d.referrals}
            defaultSort="created"
            columns={[
              { key: "id", label: "Referral", value: (r) => r.id, render: (r) => <a class="govuk-link" href={`/referrals/${r.id}`}>Referral {r.id}</a> },
              { key: "child", label: "Child record", value: (r) => r.childId },
              { key: "status", label: "Status", value: (r) => r.status, render: (r) => <Tag code={r.status} /> },
              { key: "needed", label: "Needed by", value: (r) => neededByText[r.neededBy] ?? r.neededBy },
              { key: "start", label: "Latest start", value: (r) => r.latestStartDate },
              { key: "created", label: "Written", value: (r) => r.createdAt, render: (r) => dateTime(r.createdAt) },
            ]}
            empty={
              <Empty title="No referrals yet">
                Write a referral for a child of your council who needs a home: choose “Write a referral”.
              </Empty>
            }
          />
        )}
      </Show>
    </>
  );
}

// ---- The referral form -----------------------------------------------------

interface LocationInput {
  label: string;
  lat: string;
  lon: string;
}

const noLocation: LocationInput = { label: "", lat: "", lon: "" };

function toLocation(l: LocationInput): Location | null {
  if (!l.label && !l.lat && !l.lon) return null;
  return { label: l.label.trim(), lat: Number(l.lat), lon: Number(l.lon) };
}

function LocationField({
  id,
  legend,
  hint,
  value,
  onChange,
  errors,
}: {
  id: string;
  legend: string;
  hint: string;
  value: LocationInput;
  onChange: (v: LocationInput) => void;
  errors: FieldError[];
}) {
  const error = errors.find((e) => e.field === id || e.field.startsWith(id + "."));
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset class="govuk-fieldset" aria-describedby={`${id}-hint`}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <div class="govuk-hint" id={`${id}-hint`}>
          {hint} The postcode sector (such as “MA19 6”, never a full postcode) and its point; the synthetic region has no
          postcode lookup, so the point is typed in.
        </div>
        {error && (
          <p class="govuk-error-message">
            <span class="govuk-visually-hidden">Error:</span> {error.message}
          </p>
        )}
        <div class="cc-filters">
          <TextInput id={id} label="Postcode sector" value={value.label} onInput={(v) => onChange({ ...value, label: v })} errors={[]} width="govuk-input--width-5" />
          <TextInput id={`${id}-lat`} label="Latitude" value={value.lat} onInput={(v) => onChange({ ...value, lat: v })} errors={[]} width="govuk-input--width-10" />
          <TextInput id={`${id}-lon`} label="Longitude" value={value.lon} onInput={(v) => onChange({ ...value, lon: v })} errors={[]} width="govuk-input--width-10" />
        </div>
      </fieldset>
    </div>
  );
}

const today = () => new Date().toISOString().slice(0, 10);

// Every field of the standard, with the API's names; the form sends them as
// they are and shows the API's error beside the field it names.
export function NewReferral({ user }: { user: User }) {
  const [f, setF] = useState({
    childId: new URLSearchParams(location.search).get("childId") ?? "",
    neededBy: "after_5_days",
    siblingCount: "0",
    parentAndChild: "false",
    preferredLocation: "",
    communicationNeeds: "no",
    specificCommunicationRequirements: ["none"] as string[],
    homeAdaptation: "false",
    culturalNeeds: "not_known",
    livingCompanions: "no_preference",
    pets: "not_known",
    additionalSupport: "",
    deprivationOfLiberty: "",
    fosterCareSuitability: "not_specified",
    residentialCareSuitability: "not_specified",
    supportedAccommodationSuitability: "not_specified",
    risks: [] as string[],
    riskOther: "",
    riskToOthersOther: "",
    referralOfficerName: user.username,
    referralDate: user.today ?? today(),
    placementOfficerName: "",
    costOfficerName: "",
    plannedOrEmergency: "planned",
    latestStartDate: "",
    primaryFamilyLocation: noLocation,
    closeToFamilyRecommended: "false",
    inSchool: "not_applicable",
    schoolLocation: noLocation,
    mustContinueSchool: "false",
    otherLocationVisitFrequency: "",
    locationsToAvoidKnown: "no",
    minimumAdultSupportRatio: "standard",
    childViews: "",
    childWishes: [] as string[],
    childOwnWishes: "",
    providerSummary: "",
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (v: any) => setF({ ...f, [k]: v });
  const bool = (s: string) => s === "true";

  const body = () => ({
    childId: Number(f.childId) || f.childId,
    neededBy: f.neededBy,
    siblingCount: Number(f.siblingCount),
    parentAndChild: bool(f.parentAndChild),
    preferredLocation: f.preferredLocation,
    communicationNeeds: f.communicationNeeds,
    specificCommunicationRequirements: f.specificCommunicationRequirements,
    homeAdaptation: bool(f.homeAdaptation),
    culturalNeeds: f.culturalNeeds,
    livingCompanions: f.livingCompanions,
    pets: f.pets,
    additionalSupport: f.additionalSupport || null,
    deprivationOfLiberty: f.deprivationOfLiberty === "" ? null : bool(f.deprivationOfLiberty),
    fosterCareSuitability: f.fosterCareSuitability,
    residentialCareSuitability: f.residentialCareSuitability,
    supportedAccommodationSuitability: f.supportedAccommodationSuitability,
    risks: f.risks,
    riskOther: f.riskOther,
    riskToOthersOther: f.riskToOthersOther,
    referralOfficerName: f.referralOfficerName,
    referralDate: f.referralDate,
    placementOfficerName: f.placementOfficerName,
    costOfficerName: f.costOfficerName,
    plannedOrEmergency: f.plannedOrEmergency,
    latestStartDate: f.latestStartDate,
    primaryFamilyLocation: toLocation(f.primaryFamilyLocation),
    closeToFamilyRecommended: bool(f.closeToFamilyRecommended),
    inSchool: f.inSchool,
    schoolLocation: toLocation(f.schoolLocation),
    mustContinueSchool: bool(f.mustContinueSchool),
    otherImportantLocations: [],
    otherLocationVisitFrequency: f.otherLocationVisitFrequency || null,
    locationsToAvoidKnown: f.locationsToAvoidKnown,
    locationsToAvoid: [],
    minimumAdultSupportRatio: f.minimumAdultSupportRatio,
    childViews: f.childViews,
    childWishes: f.childWishes,
    childOwnWishes: f.childOwnWishes
      .split("\n")
      .map((w: string) => w.trim())
      .filter((w: string) => w !== ""),
    providerSummary: f.providerSummary,
  });

  const save = async (submit: boolean) => {
    setBusy(true);
    setErrors([]);
    try {
      const made = await api.post<Referral>("/api/referrals", body());
      if (submit) await api.post(`/api/referrals/${made.id}/submit`);
      navigate(`/referrals/${made.id}?saved=${submit ? "submitted" : "draft"}`);
    } catch (e) {
      setErrors(errorsOf(e, fieldLabels));
    } finally {
      setBusy(false);
    }
  };

  const e = errors;
  const yesNo: Choice[] = [
    ["true", "Yes"],
    ["false", "No"],
  ];
  return (
    <>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l">New referral</span>
      <h1 class="govuk-heading-l">Write a referral</h1>
      <form
        novalidate
        onSubmit={(ev) => {
          ev.preventDefault();
          save(true);
        }}
      >
        <h2 class="govuk-heading-m">Placement availability</h2>
        <TextInput id="childId" label="Child record number" hint="The child's record in CareCoop (a child of your council)." value={f.childId} onInput={set("childId")} errors={e} width="govuk-input--width-10" />
        <Radios id="neededBy" label="Needed by" value={f.neededBy} onChange={set("neededBy")} errors={e} choices={Object.entries(neededByText)} />
        <Radios id="plannedOrEmergency" label="Planned or emergency" value={f.plannedOrEmergency} onChange={set("plannedOrEmergency")} errors={e} inline choices={[["planned", "Planned"], ["emergency", "Emergency"]]} />
        <TextInput id="latestStartDate" label="Latest start date" type="date" value={f.latestStartDate} onInput={set("latestStartDate")} errors={e} width="govuk-input--width-10" />
        <TextInput id="siblingCount" label="Siblings to place with the child" value={f.siblingCount} onInput={set("siblingCount")} errors={e} width="govuk-input--width-3" />
        <Radios
          id="parentAndChild"
          label="Parent and child placement"
          hint="The child is a parent to be placed with their baby, in a home approved for it"
          value={f.parentAndChild}
          onChange={set("parentAndChild")}
          errors={e}
          inline
          choices={yesNo}
        />
        <TextInput id="preferredLocation" label="Preferred location" value={f.preferredLocation} onInput={set("preferredLocation")} errors={e} />

        <h2 class="govuk-heading-m">The child's views</h2>
        <Checkboxes id="childWishes" label="What the child wishes for in a home" hint="Choose with the child. Each wish is weighed when the hub ranks the options." value={f.childWishes} onChange={set("childWishes")} errors={e} choices={Object.entries(wishText)} />
        <TextArea id="childOwnWishes" label="Wishes in the child's own terms (optional)" hint="One per line, up to 5: anything the list above does not say." value={f.childOwnWishes} onInput={set("childOwnWishes")} errors={e} rows={3} />
        <TextArea id="childViews" label="What matters to the child about a home, in their own words" hint="Write what the child said, as they said it." value={f.childViews} onInput={set("childViews")} errors={e} rows={4} />
        <TextArea id="providerSummary" label="Summary for providers" hint="What providers read in place of the child's words: no names, addresses, dates of birth or school names." value={f.providerSummary} onInput={set("providerSummary")} errors={e} rows={4} />

        <h2 class="govuk-heading-m">Placement requirements</h2>
        <Radios id="communicationNeeds" label="Communication needs" value={f.communicationNeeds} onChange={set("communicationNeeds")} errors={e} inline choices={yesNoNS} />
        <Checkboxes id="specificCommunicationRequirements" label="Specific communication requirements" value={f.specificCommunicationRequirements} onChange={set("specificCommunicationRequirements")} errors={e} choices={[["esol", "ESOL"], ["bsl", "BSL"], ["makaton", "Makaton"], ["other", "Other"], ["none", "None"]]} />
        <Radios id="homeAdaptation" label="Home adaptation needed" value={f.homeAdaptation} onChange={set("homeAdaptation")} errors={e} inline choices={yesNo} />
        <Radios id="culturalNeeds" label="Cultural needs" value={f.culturalNeeds} onChange={set("culturalNeeds")} errors={e} choices={[["required", "Required"], ["not_required", "Not required"], ["not_known", "Not known"], ["other", "Other"]]} />
        <Radios id="livingCompanions" label="Living with other children" value={f.livingCompanions} onChange={set("livingCompanions")} errors={e} choices={[["solo", "Solo placement recommended"], ["with_other_children", "With other children"], ["only_older", "Only with older children"], ["only_younger", "Only with younger children"], ["no_preference", "No preference"]]} />
        <Radios id="pets" label="Pets" value={f.pets} onChange={set("pets")} errors={e} choices={[["must", "Yes – must have pets"], ["can", "Yes – can live with pets"], ["no", "No pets"], ["not_known", "Not known"]]} />
        <Select id="additionalSupport" label="Additional support" value={f.additionalSupport} onChange={set("additionalSupport")} errors={e} choices={[["", "Not recorded"], ["additional_supervision", "Additional supervision"], ["therapeutic_support", "Therapeutic support"], ["respite_worker", "A worker for respite"], ["taxis_to_school", "Taxis to school"], ["not_applicable", "Not applicable"], ["other", "Other"]]} />
        <Select id="deprivationOfLiberty" label="Deprivation of liberty order" value={f.deprivationOfLiberty} onChange={set("deprivationOfLiberty")} errors={e} choices={[["", "Not recorded"], ["true", "Yes"], ["false", "No"]]} />
        <Select id="minimumAdultSupportRatio" label="Minimum adult support ratio" value={f.minimumAdultSupportRatio} onChange={set("minimumAdultSupportRatio")} errors={e} choices={[["standard", "Standard ratio"], ["one_to_one", "1:1"], ["two_to_one", "2:1"], ["more_than_two_to_one", "More than 2:1"], ["not_specified", "Not specified"]]} />

        <h2 class="govuk-heading-m">Placement recommendation</h2>
        <Select id="fosterCareSuitability" label="Foster care" value={f.fosterCareSuitability} onChange={set("fosterCareSuitability")} errors={e} choices={suitability} />
        <Select id="residentialCareSuitability" label="Residential care (children's home)" value={f.residentialCareSuitability} onChange={set("residentialCareSuitability")} errors={e} choices={suitability} />
        <Select id="supportedAccommodationSuitability" label="Supported accommodation" value={f.supportedAccommodationSuitability} onChange={set("supportedAccommodationSuitability")} errors={e} choices={suitability} />

        <h2 class="govuk-heading-m">Risks</h2>
        <Checkboxes id="risks" label="Risks to the child" value={f.risks} onChange={set("risks")} errors={e} choices={risksToChild} />
        <TextInput id="riskOther" label="Other risk to the child" value={f.riskOther} onInput={set("riskOther")} errors={e} />
        <Checkboxes id="risksToOthers" label="Risks to others" value={f.risks} onChange={set("risks")} errors={e} choices={risksToOthers} />
        <TextInput id="riskToOthersOther" label="Other risk to others or property" value={f.riskToOthersOther} onInput={set("riskToOthersOther")} errors={e} />

        <h2 class="govuk-heading-m">Family, school and places</h2>
        <LocationField id="primaryFamilyLocation" legend="Where the child's family lives" hint="Used to rank homes near family." value={f.primaryFamilyLocation} onChange={set("primaryFamilyLocation")} errors={e} />
        <Radios id="closeToFamilyRecommended" label="Close to family recommended" value={f.closeToFamilyRecommended} onChange={set("closeToFamilyRecommended")} errors={e} inline choices={yesNo} />
        <Radios id="inSchool" label="In school" value={f.inSchool} onChange={set("inSchool")} errors={e} inline choices={[["yes", "Yes"], ["no", "No"], ["not_applicable", "Not applicable"]]} />
        <LocationField id="schoolLocation" legend="Where the child's school is" hint="Needed when the child must continue at the school." value={f.schoolLocation} onChange={set("schoolLocation")} errors={e} />
        <Radios id="mustContinueSchool" label="Must continue at the school" value={f.mustContinueSchool} onChange={set("mustContinueSchool")} errors={e} inline choices={yesNo} />
        <Radios id="locationsToAvoidKnown" label="Places to avoid are known" value={f.locationsToAvoidKnown} onChange={set("locationsToAvoidKnown")} errors={e} inline choices={yesNoNS} />

        <h2 class="govuk-heading-m">Quality assurance</h2>
        <TextInput id="referralOfficerName" label="Referral officer" value={f.referralOfficerName} onInput={set("referralOfficerName")} errors={e} />
        <TextInput id="referralDate" label="Referral date" type="date" value={f.referralDate} onInput={set("referralDate")} errors={e} width="govuk-input--width-10" />
        <TextInput id="placementOfficerName" label="Placement officer" value={f.placementOfficerName} onInput={set("placementOfficerName")} errors={e} />
        <TextInput id="costOfficerName" label="Cost officer" value={f.costOfficerName} onInput={set("costOfficerName")} errors={e} />

        <div class="govuk-button-group">
          <Button type="submit" disabled={busy}>
            Submit to the hub
          </Button>
          <Button secondary disabled={busy} onClick={() => save(false)}>
            Save as draft
          </Button>
        </div>
      </form>
    </>
  );
}

const fieldLabels: Record<string, string> = {
  childId: "Child record number",
  neededBy: "Needed by",
  latestStartDate: "Latest start date",
  siblingCount: "Siblings",
  childViews: "The child's views",
  providerSummary: "Summary for providers",
  schoolLocation: "School",
  primaryFamilyLocation: "Family",
  referralDate: "Referral date",
  referralOfficerName: "Referral officer",
};

export const wishText: Record<string, string> = {
  near_family: "Near my family",
  same_school: "Stay at my school",
  with_siblings: "Live with my brothers or sisters",
  foster_family: "A foster family, not a children's home",
  pets: "A home with pets",
  quiet_home: "A quiet home",
};

export const childViewText: Record<string, string> = {
  not_recorded: "Not yet asked",
  wants: "Wants it",
  doesnt_mind: "Doesn't mind",
  doesnt_want: "Doesn't want it",
};

// ---- The council's children ----------------------------------------------

interface ChildRow {
  id: number;
  pseudonym: string;
  ageYears: number;
  sex: string;
  careStarted: string;
  categoryOfNeed: string;
  uasc: boolean;
  referralId: number | null;
  referralStatus: string | null;
}

export function Children(_: { user: User }) {
  const loaded = useData(() => api.get<{ children: ChildRow[] }>("/api/children"), []);
  return (
    <>
      <h1 class="govuk-heading-l">Children</h1>
      <p class="govuk-body">Your council's children in care, by their CareCoop record. Write a referral from here when a child needs a new home.</p>
      <Show loaded={loaded}>
        {(d) => (
          <DataTable
            name="children"
            caption="Children in care"
            rows={d.children}
            columns={[
              { key: "id", label: "Record", value: (c) => c.id },
              { key: "pseudonym", label: "Pseudonym", value: (c) => c.pseudonym },
              { key: "age", label: "Age", value: (c) => c.ageYears, numeric: true },
              { key: "sex", label: "Sex", value: (c) => c.sex },
              { key: "since", label: "In care since", value: (c) => c.careStarted },
              { key: "uasc", label: "UASC", value: (c) => (c.uasc ? "Yes" : "No") },
              {
                key: "referral",
                label: "Referral",
                value: (c) => c.referralId ?? 0,
                render: (c) =>
                  c.referralId ? (
                    <a class="govuk-link" href={`/referrals/${c.referralId}`}>
                      Referral {c.referralId} <Tag code={c.referralStatus ?? ""} />
                    </a>
                  ) : (
                    <a class="govuk-link" href={`/referrals/new?childId=${c.id}`}>
                      Write a referral<span class="govuk-visually-hidden"> for child {c.id}</span>
                    </a>
                  ),
              },
            ]}
            empty={<Empty title="No children in care">Your council has no child in care recorded in CareCoop.</Empty>}
          />
        )}
      </Show>
    </>
  );
}

// ---- One referral ---------------------------------------------------------

export function ReferralPage({ user, params }: { user: User; params: Record<string, string> }) {
  const id = params.id;
  const loaded = useData(() => api.get<Referral>(`/api/referrals/${encodeURIComponent(id)}`), [id]);
  const saved = new URLSearchParams(location.search).get("saved");
  return (
    <Show loaded={loaded}>
      {(r) => (
        <>
          {saved === "submitted" && <Notice success>Referral {r.id} is with the hub.</Notice>}
          {saved === "draft" && <Notice success>Referral {r.id} is saved as a draft.</Notice>}
          <span class="govuk-caption-l">Child record {r.childId}</span>
          <h1 class="govuk-heading-l">
            Referral {r.id} <Tag code={r.status} />
          </h1>
          <SummaryList
            rows={[
              ["Needed by", <Tag code={r.neededBy} text={neededByText[r.neededBy]} />],
              ["Latest start date", r.latestStartDate],
              ["Siblings to place with", String(r.siblingCount)],
              ["Family", r.primaryFamilyLocation?.label ?? "—"],
              ["School", r.schoolLocation?.label ?? "—"],
              ["Setting", `Foster: ${label(r.fosterCareSuitability as string)}; children's home: ${label(r.residentialCareSuitability as string)}; supported: ${label(r.supportedAccommodationSuitability as string)}`],
              ["Written", dateTime(r.createdAt)],
            ]}
          />
          <h2 class="govuk-heading-m">In the child's own words</h2>
          <div class="govuk-inset-text" data-testid="child-views">
            {r.childViews || "Not recorded."}
          </div>
          <SummaryList
            rows={[
              ["Wishes the child chose", (r.childWishes ?? []).length ? (r.childWishes ?? []).map((w) => wishText[w] ?? w).join("; ") : "None chosen"],
              ["In their own terms", (r.childOwnWishes ?? []).length ? (r.childOwnWishes ?? []).join("; ") : "—"],
              ...(r.status === "withdrawn" ? ([["Why withdrawn", r.withdrawalReason ?? ""]] as [string, string][]) : []),
            ]}
          />
          <ReferralActions user={user} r={r} reload={loaded.reload} />
          {(user.role === "hub_officer" || user.role === "scrutiny_officer") && r.status !== "draft" && r.status !== "open" && (
            <OffersPanel user={user} r={r} reload={loaded.reload} />
          )}
          <Timeline id={r.id} version={r.version} />
        </>
      )}
    </Show>
  );
}

function ReferralActions({ user, r, reload }: { user: User; r: Referral; reload: () => void }) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [summary, setSummary] = useState(r.providerSummary);
  const [confirm, setConfirm] = useState(false);
  const [why, setWhy] = useState("");
  const act = async (f: () => Promise<unknown>) => {
    try {
      await f();
      setErrors([]);
      reload();
    } catch (e) {
      setErrors(errorsOf(e, { providerSummary: "Summary for providers", reason: "Why the referral is withdrawn" }));
    }
  };
  const mayWithdraw =
    (user.role === "social_worker" || user.role === "hub_officer") && ["draft", "open", "sent_to_providers"].includes(r.status);
  return (
    <>
      <ErrorSummary errors={errors} />
      {user.role === "social_worker" && r.status === "draft" && (
        <Button onClick={() => act(() => api.post(`/api/referrals/${r.id}/submit`))}>Submit to the hub</Button>
      )}
      {user.role === "hub_officer" && (r.status === "open" || r.status === "sent_to_providers") && (
        <p class="govuk-body">
          <a class="govuk-link" href={`/referrals/${r.id}/options`}>
            See the ranked options for referral {r.id}
          </a>
        </p>
      )}
      {user.role === "hub_officer" && r.status === "open" && (
        <div>
          <h2 class="govuk-heading-m">Send to providers</h2>
          <p class="govuk-body">Every provider with an eligible home gets the referral at once, anonymised, with 48 hours to answer.</p>
          <TextArea id="providerSummary" label="Summary for providers" value={summary} onInput={setSummary} errors={errors} rows={3} />
          <div class="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4">
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id="confirmIdentifiers" type="checkbox" checked={confirm} onChange={(e) => setConfirm((e.target as HTMLInputElement).checked)} />
              <label class="govuk-label govuk-checkboxes__label" for="confirmIdentifiers">
                I have checked the summary: anything that looks like a name or address is not one
              </label>
            </div>
          </div>
          <Button onClick={() => act(() => api.post(`/api/referrals/${r.id}/send`, { providerSummary: summary, confirmIdentifiers: confirm }))}>
            Send to providers
          </Button>
        </div>
      )}
      {mayWithdraw && (
        <details class="govuk-details">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">Withdraw this referral</span>
          </summary>
          <div class="govuk-details__text">
            <TextArea id="reason" label="Why the referral is withdrawn" hint="Open offers lapse with it; providers see it is no longer needed." value={why} onInput={setWhy} errors={errors} rows={2} />
            <Button warning onClick={() => act(() => api.post(`/api/referrals/${r.id}/withdraw`, { reason: why }))}>
              Withdraw referral
            </Button>
          </div>
        </details>
      )}
    </>
  );
}

interface TimelineStep {
  at: string;
  actor: string;
  action: string;
  resource: string;
  resourceId: number;
}

const stepText: Record<string, string> = {
  "referral.create": "Referral written",
  "referral.update": "Referral edited",
  "referral.submit": "Submitted to the hub",
  "referral.send": "Sent to providers",
  "referral.withdraw": "Referral withdrawn",
  "offer.create": "Provider answered",
  "offer.withdraw": "Offer withdrawn by the provider",
  "offer.record_view": "Child's view of an offer recorded",
  "proposal.create": "Proposed for scrutiny",
  "proposal.decide": "Scrutiny decided",
  "placement.end": "Placement ended",
};

// The referral's story from the audit trail (MoJ timeline pattern).
function Timeline({ id, version }: { id: number; version: number }) {
  const loaded = useData(() => api.get<{ timeline: TimelineStep[] }>(`/api/referrals/${id}/timeline`), [id, version]);
  return (
    <>
      <h2 class="govuk-heading-m">Timeline</h2>
      <Show loaded={loaded}>
        {(d) => (
          <div class="moj-timeline" data-testid="timeline">
            {[...d.timeline].reverse().map((t) => (
              <div class="moj-timeline__item" key={`${t.at}-${t.action}-${t.resourceId}`}>
                <div class="moj-timeline__header">
                  <h3 class="moj-timeline__title">{stepText[t.action] ?? t.action}</h3>
                  <p class="moj-timeline__byline">by {t.actor}</p>
                </div>
                <p class="moj-timeline__date">
                  <time dateTime={t.at}>{dateTime(t.at)}</time>
                </p>
                <div class="moj-timeline__description">
                  {t.resource} {t.resourceId}
                </div>
              </div>
            ))}
          </div>
        )}
      </Show>
    </>
  );
}

function OffersPanel({ user, r, reload }: { user: User; r: Referral; reload: () => void }) {
  const loaded = useData(() => api.get<{ offers: Offer[] }>(`/api/referrals/${r.id}/offers`), [r.id, r.version]);
  const [choice, setChoice] = useState("");
  const [views, setViews] = useState("");
  const [reason, setReason] = useState("");
  const [against, setAgainst] = useState("");
  const [viewOffer, setViewOffer] = useState("");
  const [view, setView] = useState("");
  const [viewWhy, setViewWhy] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const labels = {
    offerId: "Offer",
    childViews: "The child's views",
    reasonNotTop: "Why not the top option",
    reasonAgainstChildView: "Why, against the child's view",
    childView: "The child's view",
    view: "What the child thinks",
    why: "Why, in the child's words",
  };
  const propose = async () => {
    try {
      if (!choice) return setErrors([{ field: "offerId", message: "Choose the offer to propose" }]);
      await api.post(`/api/referrals/${r.id}/proposals`, { offerId: Number(choice), childViews: views, reasonNotTop: reason, reasonAgainstChildView: against });
      setErrors([]);
      reload();
    } catch (e) {
      setErrors(errorsOf(e, labels));
    }
  };
  const recordView = async () => {
    try {
      if (!viewOffer) return setErrors([{ field: "viewOffer", message: "Choose the offer the child gave a view on" }]);
      await api.post(`/api/offers/${viewOffer}/child-view`, { view, why: viewWhy });
      setErrors([]);
      setViewWhy("");
      loaded.reload();
    } catch (e) {
      setErrors(errorsOf(e, labels));
    }
  };
  return (
    <>
      <h2 class="govuk-heading-m">Offers</h2>
      <Show loaded={loaded}>
        {(d) => (
          <>
            <DataTable
              name="offers"
              caption="Offers and declines"
              rows={d.offers}
              columns={[
                { key: "id", label: "Offer", value: (o) => o.id },
                { key: "home", label: "Home", value: (o) => o.homeId },
                { key: "status", label: "Status", value: (o) => o.status, render: (o) => <Tag code={o.status} /> },
                { key: "core", label: "Core fee", value: (o) => o.coreFee, render: (o) => pounds(o.coreFee), numeric: true },
                { key: "staffing", label: "Staffing", value: (o) => o.staffingFee, render: (o) => pounds(o.staffingFee), numeric: true },
                { key: "education", label: "Education", value: (o) => o.educationFee, render: (o) => pounds(o.educationFee), numeric: true },
                { key: "transport", label: "Transport", value: (o) => o.transportFee, render: (o) => pounds(o.transportFee), numeric: true },
                { key: "weekly", label: "Weekly fee", value: (o) => o.weeklyFee, render: (o) => pounds(o.weeklyFee), numeric: true },
                {
                  key: "fair",
                  label: "Fair price",
                  value: (o) => o.fairPrice?.weekly ?? "",
                  render: (o) =>
                    o.fairPrice ? (
                      <span data-testid="fair-price">
                        {pounds(o.fairPrice.weekly)} ({o.fairPrice.difference >= 0 ? "+" : ""}
                        {pounds(o.fairPrice.difference)}, {o.fairPrice.percent >= 0 ? "+" : ""}
                        {o.fairPrice.percent.toFixed(0)}%){o.fairPrice.aboveThreshold ? <> <Tag code="above_fair_price" text="Above fair price" /></> : null}
                      </span>
                    ) : (
                      "—"
                    ),
                  numeric: true,
                },
                { key: "start", label: "Start", value: (o) => o.startDate },
                { key: "note", label: "Conditions or reason", value: (o) => o.conditions || o.declineReason || o.withdrawalReason || "" },
                { key: "view", label: "Child's view", value: (o) => (o.childView ? childViewText[o.childView] : "") + (o.childViewWhy ? `: ${o.childViewWhy}` : "") },
              ]}
              empty={<Empty title="No answers yet">Providers have until the deadline to offer or decline. Come back to this page to see their answers as they arrive.</Empty>}
            />
            {user.role === "hub_officer" && r.status === "sent_to_providers" && d.offers.some((o) => o.status === "offered") && (
              <div>
                <ErrorSummary errors={errors} />
                <h2 class="govuk-heading-m">The child's view of each offer</h2>
                <p class="govuk-body">Before proposing, ask the child what they think of each home offered, and record it here.</p>
                <Select id="viewOffer" label="Offer" value={viewOffer} onChange={setViewOffer} errors={errors} choices={[["", "Choose an offer"], ...d.offers.filter((o) => o.status === "offered").map((o): Choice => [String(o.id), `Offer ${o.id}: home ${o.homeId}`])]} />
                <Radios id="view" label="What the child thinks" value={view} onChange={setView} errors={errors} inline choices={[["wants", "Wants it"], ["doesnt_mind", "Doesn't mind"], ["doesnt_want", "Doesn't want it"]]} />
                <TextArea id="why" label="Why, in the child's words" value={viewWhy} onInput={setViewWhy} errors={errors} rows={2} />
                <Button secondary onClick={recordView}>Record the child's view</Button>
                <h2 class="govuk-heading-m">Propose an offer</h2>
                <Select id="offerId" label="Offer to propose" value={choice} onChange={setChoice} errors={errors} choices={[["", "Choose an offer"], ...d.offers.filter((o) => o.status === "offered").map((o): Choice => [String(o.id), `Offer ${o.id}: home ${o.homeId}, ${pounds(o.weeklyFee)} a week`])]} />
                <TextArea id="childViews" label="The child's views on this option (optional)" hint="Left blank, the view recorded above is used." value={views} onInput={setViews} errors={errors} />
                <TextArea id="reasonNotTop" label="Why this option, if it is not the top-ranked one" value={reason} onInput={setReason} errors={errors} />
                <TextArea id="reasonAgainstChildView" label="Why this option, if it goes against the child's view" value={against} onInput={setAgainst} errors={errors} />
                <Button onClick={propose}>Propose for scrutiny</Button>
              </div>
            )}
          </>
        )}
      </Show>
    </>
  );
}
