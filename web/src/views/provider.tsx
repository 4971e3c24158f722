// A provider's views: the anonymised referrals sent to them, and one of
// them, where they offer a home (the weekly fee's breakdown, a start date,
// conditions) or decline with a reason.
import { useState } from "preact/hooks";
import { api, dateTime, type User } from "../api";
import { Button, DataTable, Empty, ErrorSummary, errorsOf, Notice, Radios, Select, Show, SummaryList, TextArea, TextInput, useData, type FieldError } from "../components";
import { neededByText } from "./referrals";

interface Anonymised {
  id: number;
  status: string;
  neededBy: string;
  siblingCount: number;
  parentAndChild: boolean;
  latestStartDate: string;
  ageYears: number;
  sex: string;
  area: string;
  offersClose: string;
  providerSummary: string;
  yourEligibleHomes: number[];
  primaryFamilyLocation: string | null;
  schoolLocation: string | null;
  risks: string[];
}

export function ProviderReferrals(_: { user: User }) {
  const loaded = useData(() => api.get<{ referrals: Anonymised[] }>("/api/provider/referrals"), []);
  return (
    <>
      <h1 class="govuk-heading-l">Referrals sent to you</h1>
      <p class="govuk-body">Referrals the region's hub sent to you because you have a home that could meet the child's needs. You see no names, addresses or records.</p>
      <Show loaded={loaded}>
        {(d) => (
          <DataTable
            name="sent"
            caption="Referrals"
            rows={d.referrals}
            defaultSort="closes"
            columns={[
              { key: "id", label: "Referral", value: (r) => r.id, render: (r) => <a class="govuk-link" href={`/provider/referrals/${r.id}`}>Referral {r.id}</a> },
              { key: "age", label: "Age", value: (r) => r.ageYears, numeric: true },
              { key: "area", label: "From", value: (r) => r.area },
              { key: "needed", label: "Needed by", value: (r) => neededByText[r.neededBy] ?? r.neededBy },
              { key: "homes", label: "Your eligible homes", value: (r) => r.yourEligibleHomes.length, numeric: true },
              { key: "closes", label: "Offers close", value: (r) => r.offersClose, render: (r) => dateTime(r.offersClose) },
            ]}
            empty={<Empty title="No referrals sent to you">When the hub sends a referral that one of your homes could meet, it appears here.</Empty>}
          />
        )}
      </Show>
    </>
  );
}

export function ProviderReferralPage({ params }: { user: User; params: Record<string, string> }) {
  const id = params.id;
  const loaded = useData(() => api.get<Anonymised>(`/api/provider/referrals/${encodeURIComponent(id)}`), [id]);
  const [decision, setDecision] = useState("offer");
  const [f, setF] = useState({ homeId: "", coreFee: "", staffingFee: "0", educationFee: "0", transportFee: "0", startDate: "", conditions: "", declineReason: "" });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState("");
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const pence = (s: string) => Math.round(Number(s) * 100);
  const submit = async () => {
    const body =
      decision === "offer"
        ? { decision, homeId: Number(f.homeId), coreFee: pence(f.coreFee), staffingFee: pence(f.staffingFee), educationFee: pence(f.educationFee), transportFee: pence(f.transportFee), startDate: f.startDate, conditions: f.conditions }
        : { decision, homeId: Number(f.homeId), declineReason: f.declineReason };
    try {
      await api.post(`/api/referrals/${id}/offers`, body);
      setDone(decision === "offer" ? "Your offer is with the hub." : "Your decline is recorded.");
      setErrors([]);
    } catch (e) {
      setErrors(errorsOf(e, { homeId: "Home", coreFee: "Core fee", startDate: "Start date", declineReason: "Reason", deadline: "Deadline" }));
    }
  };
  return (
    <Show loaded={loaded}>
      {(r) => (
        <>
          {done && <Notice success>{done}</Notice>}
          <span class="govuk-caption-l">Anonymised referral</span>
          <h1 class="govuk-heading-l">Referral {r.id}</h1>
          <SummaryList
            rows={[
              ["Child", `Aged ${r.ageYears}, ${r.sex === "female" ? "girl" : r.sex === "male" ? "boy" : r.sex}, from ${r.area}`],
              ["Needed by", neededByText[r.neededBy] ?? r.neededBy],
              ["Latest start date", r.latestStartDate],
              ["Siblings to place with", String(r.siblingCount)],
              ["Parent and child", r.parentAndChild ? "Yes: a parent with their baby" : "No"],
              ["Risks", r.risks.length ? r.risks.join(", ").replace(/_/g, " ") : "None recorded"],
              ["Offers close", dateTime(r.offersClose)],
            ]}
          />
          <h2 class="govuk-heading-m">About the child</h2>
          <div class="govuk-inset-text">{r.providerSummary || "No summary."}</div>
          {!done && (
            <>
              <h2 class="govuk-heading-m">Your answer</h2>
              <ErrorSummary errors={errors} />
              <Radios id="decision" label="Offer or decline" value={decision} onChange={setDecision} errors={errors} inline choices={[["offer", "Offer a home"], ["decline", "Decline"]]} />
              <Select id="homeId" label="Home" value={f.homeId} onChange={set("homeId")} errors={errors} choices={[["", "Choose one of your eligible homes"], ...r.yourEligibleHomes.map((h): [string, string] => [String(h), `Home ${h}`])]} />
              {decision === "offer" ? (
                <>
                  <TextInput id="coreFee" label="Core weekly fee (£)" value={f.coreFee} onInput={set("coreFee")} errors={errors} width="govuk-input--width-5" />
                  <TextInput id="staffingFee" label="Additional staffing (£ a week)" value={f.staffingFee} onInput={set("staffingFee")} errors={errors} width="govuk-input--width-5" />
                  <TextInput id="educationFee" label="Education (£ a week)" value={f.educationFee} onInput={set("educationFee")} errors={errors} width="govuk-input--width-5" />
                  <TextInput id="transportFee" label="Transport (£ a week)" value={f.transportFee} onInput={set("transportFee")} errors={errors} width="govuk-input--width-5" />
                  <TextInput id="startDate" label="Start date" type="date" value={f.startDate} onInput={set("startDate")} errors={errors} width="govuk-input--width-10" />
                  <TextArea id="conditions" label="Conditions" value={f.conditions} onInput={set("conditions")} errors={errors} />
                </>
              ) : (
                <TextArea id="declineReason" label="Why you decline" value={f.declineReason} onInput={set("declineReason")} errors={errors} />
              )}
              <Button onClick={submit}>{decision === "offer" ? "Send offer" : "Send decline"}</Button>
            </>
          )}
        </>
      )}
    </Show>
  );
}
