// The administrator's views: add a user (they enrol with a one-time code,
// setting their own password), and verify the audit trail's hash chain.
import { useState } from "preact/hooks";
import { api, type User } from "../api";
import { Button, DataTable, Empty, ErrorSummary, errorsOf, Notice, Select, Show, SummaryList, Tag, TextInput, useData, type FieldError } from "../components";

interface ManagedUser {
  id: number;
  username: string;
  role: string;
  councilId: number | null;
  rccId: number | null;
  providerId: number | null;
  status: string;
  enrolled: boolean;
  createdBy: string;
  approvedBy: string;
}

const roleChoices: [string, string][] = [
  ["social_worker", "Social worker"],
  ["hub_officer", "Hub officer"],
  ["scrutiny_officer", "Scrutiny officer"],
  ["provider", "Provider"],
  ["commissioner", "Commissioner"],
  ["national_analyst", "National analyst"],
  ["admin", "Administrator"],
  ["market_oversight", "Market oversight"],
  ["national_commissioner", "National commissioner"],
];
const scopeKeyOf: Record<string, string | null> = {
  social_worker: "councilId",
  hub_officer: "rccId",
  scrutiny_officer: "rccId",
  commissioner: "rccId",
  provider: "providerId",
  national_analyst: null,
  admin: null,
  market_oversight: null,
  national_commissioner: null,
};
const scopeText = (u: ManagedUser) =>
  u.councilId ? `council ${u.councilId}` : u.rccId ? `RCC ${u.rccId}` : u.providerId ? `provider ${u.providerId}` : "all";

// Every user, with their role, scope and status; disable or enable one, or
// change their role and scope (either ends their sessions at once).
function UserList({ me, version }: { me: User; version: number }) {
  const loaded = useData(() => api.get<{ users: ManagedUser[] }>("/api/users"), [version]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState("");
  const [c, setC] = useState({ user: "", role: "social_worker", scope: "" });
  const change = async (id: number | string, body: Record<string, unknown>, message: string) => {
    try {
      await api.patch(`/api/users/${id}`, body);
      setErrors([]);
      setDone(message);
      loaded.reload();
    } catch (e) {
      setErrors(errorsOf(e, { role: "Role", councilId: "Council", rccId: "RCC", providerId: "Provider", id: "User", body: "Change" }));
    }
  };
  const key = scopeKeyOf[c.role];
  return (
    <Show loaded={loaded}>
      {(d) => (
        <>
          {done && <Notice success>{done}</Notice>}
          <ErrorSummary errors={errors} />
          <DataTable
            name="users"
            caption="Users"
            rows={d.users}
            columns={[
              { key: "username", label: "Username", value: (u) => u.username },
              { key: "role", label: "Role", value: (u) => u.role, render: (u) => roleChoices.find((r) => r[0] === u.role)?.[1] ?? u.role },
              { key: "scope", label: "Scope", value: (u) => scopeText(u) },
              { key: "status", label: "Status", value: (u) => u.status, render: (u) => <Tag code={u.status} /> },
              { key: "enrolled", label: "Enrolled", value: (u) => (u.enrolled ? "Yes" : "No") },
              {
                key: "action",
                label: "Action",
                value: () => "",
                render: (u) =>
                  u.id === me.id ? (
                    "You"
                  ) : u.status === "disabled" ? (
                    <Button secondary onClick={() => change(u.id, { disabled: false }, `${u.username} is enabled.`)}>
                      Enable<span class="govuk-visually-hidden"> {u.username}</span>
                    </Button>
                  ) : (
                    <Button warning onClick={() => change(u.id, { disabled: true }, `${u.username} is disabled and signed out.`)}>
                      Disable<span class="govuk-visually-hidden"> {u.username}</span>
                    </Button>
                  ),
              },
            ]}
            empty={<Empty title="No users match">Clear the filter to see every user.</Empty>}
          />
          <h2 class="govuk-heading-m">Change a user's role</h2>
          <Select id="changeUser" label="User" value={c.user} onChange={(v) => setC({ ...c, user: v })} errors={errors} choices={[["", "Choose a user"], ...d.users.filter((u) => u.id !== me.id).map((u): [string, string] => [String(u.id), u.username])]} />
          <Select id="changeRole" label="New role" value={c.role} onChange={(v) => setC({ ...c, role: v })} errors={errors} choices={roleChoices} />
          {key && (
            <TextInput id="changeScope" label={key === "councilId" ? "Council number" : key === "rccId" ? "RCC number" : "Provider number"} value={c.scope} onInput={(v) => setC({ ...c, scope: v })} errors={errors} width="govuk-input--width-5" />
          )}
          <Button
            onClick={() => {
              if (!c.user) return setErrors([{ field: "changeUser", message: "Choose the user to change" }]);
              const body: Record<string, unknown> = { role: c.role };
              if (key) body[key] = Number(c.scope) || c.scope;
              return change(c.user, body, "The role is changed; their sessions have ended.");
            }}
          >
            Change role
          </Button>
        </>
      )}
    </Show>
  );
}

interface Invitation {
  user: { id: number; username: string; role: string };
  enrolmentCode?: string;
  expiresAt?: string;
  awaitingApproval?: boolean;
  [k: string]: unknown;
}

export function Users({ user }: { user: User }) {
  const [f, setF] = useState({ username: "", role: "social_worker", scope: "" });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [made, setMade] = useState<Invitation | null>(null);
  const key = scopeKeyOf[f.role];
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
      <UserList me={user} version={made?.user.id ?? 0} />
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
        choices={roleChoices}
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
