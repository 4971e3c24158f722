// The administrator's views: add a user (they enrol with a one-time code,
// setting their own password), and verify the audit trail's hash chain.
import { useState } from "preact/hooks";
import { api, type User } from "../api";
import { Button, ErrorSummary, errorsOf, Notice, Select, Show, SummaryList, TextInput, useData, type FieldError } from "../components";

interface Invitation {
  user: { id: number; username: string; role: string };
  enrolmentCode?: string;
  expiresAt?: string;
  awaitingApproval?: boolean;
  [k: string]: unknown;
}

export function Users(_: { user: User }) {
  const [f, setF] = useState({ username: "", role: "social_worker", scope: "" });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [made, setMade] = useState<Invitation | null>(null);
  const scopeKey: Record<string, string | null> = {
    social_worker: "councilId",
    hub_officer: "rccId",
    scrutiny_officer: "rccId",
    commissioner: "rccId",
    provider: "providerId",
    national_analyst: null,
    admin: null,
  };
  const key = scopeKey[f.role];
  const add = async () => {
    try {
      const body: Record<string, unknown> = { username: f.username, role: f.role };
      if (key) body[key] = Number(f.scope) || f.scope;
      setMade(await api.post<Invitation>("/api/users", body));
      setErrors([]);
    } catch (e) {
      setErrors(errorsOf(e, { username: "Username", role: "Role", councilId: "Council", rccId: "RCC", providerId: "Provider" }));
    }
  };
  const link = made?.enrolmentCode ? `${location.origin}/enrol?code=${encodeURIComponent(made.enrolmentCode)}` : "";
  return (
    <>
      <h1 class="govuk-heading-l">Users</h1>
      {made && (
        <Notice success>
          {made.user.username} is added.{" "}
          {link ? (
            <>
              Send them this one-time enrolment link to set their password: <code data-testid="enrolment-link">{link}</code>
            </>
          ) : (
            "A second administrator must approve this user first."
          )}
        </Notice>
      )}
      <h2 class="govuk-heading-m">Add a user</h2>
      <ErrorSummary errors={errors} />
      <TextInput id="username" label="Username" value={f.username} onInput={(v) => setF({ ...f, username: v })} errors={errors} width="govuk-input--width-20" />
      <Select
        id="role"
        label="Role"
        value={f.role}
        onChange={(v) => setF({ ...f, role: v })}
        errors={errors}
        choices={[
          ["social_worker", "Social worker"],
          ["hub_officer", "Hub officer"],
          ["scrutiny_officer", "Scrutiny officer"],
          ["provider", "Provider"],
          ["commissioner", "Commissioner"],
          ["national_analyst", "National analyst"],
          ["admin", "Administrator"],
        ]}
      />
      {key && (
        <TextInput
          id={key}
          label={key === "councilId" ? "Council number" : key === "rccId" ? "RCC number" : "Provider number"}
          hint="The scope this user works in: they see nothing outside it."
          value={f.scope}
          onInput={(v) => setF({ ...f, scope: v })}
          errors={errors}
          width="govuk-input--width-5"
        />
      )}
      <Button onClick={add}>Add user</Button>
    </>
  );
}

interface Verification {
  intact: boolean;
  records: number;
  headHash: string;
  problems: string[];
}

export function AuditView(_: { user: User }) {
  const loaded = useData(() => api.get<Verification>("/api/audit/verify"), []);
  return (
    <>
      <h1 class="govuk-heading-l">Audit trail</h1>
      <p class="govuk-body">Every change and every refusal is recorded in a hash chain. Verifying recomputes the chain from the first record.</p>
      <Show loaded={loaded}>
        {(v) => (
          <>
            {v.intact ? <Notice success>The audit trail is intact.</Notice> : <ErrorSummary errors={v.problems.map((p) => ({ field: "", message: p }))} />}
            <SummaryList
              rows={[
                ["Records", String(v.records)],
                ["Head of the chain", <code>{v.headHash}</code>],
              ]}
            />
            <Button secondary onClick={loaded.reload}>
              Verify again
            </Button>
          </>
        )}
      </Show>
    </>
  );
}
