// Sign in, and enrolment: a new user sets their own password with the
// one-time code an administrator gave them (POST /api/enrolment).
import { useState } from "preact/hooks";
import { api, signIn, type User } from "../api";
import { Button, ErrorSummary, errorsOf, Notice, TextInput, type FieldError } from "../components";
import { navigate, useRoute } from "../router";

const reasons: Record<string, string> = {
  expired: "Your session expired, so you have been signed out. Sign in again to carry on.",
  "signed-out": "You have signed out.",
  "signed-out-everywhere": "You have signed out on every device.",
  enrolled: "Your password is set. Sign in with it now.",
};

export function SignIn({ onSignedIn }: { onSignedIn: (u: User) => void }) {
  const { query } = useRoute();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const reason = reasons[query.get("reason") ?? ""];

  const submit = async (e: Event) => {
    e.preventDefault();
    const missing: FieldError[] = [];
    if (!username) missing.push({ field: "username", message: "Enter your username" });
    if (!password) missing.push({ field: "password", message: "Enter your password" });
    if (missing.length) return setErrors(missing);
    setBusy(true);
    try {
      const user = await signIn(username, password);
      onSignedIn(user);
      const next = query.get("next");
      navigate(next && next.startsWith("/") && !next.startsWith("//") ? next : "/");
    } catch (err) {
      setErrors(errorsOf(err, { username: "Username", password: "Password" }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        {reason && <Notice>{reason}</Notice>}
        <ErrorSummary errors={errors} />
        <h1 class="govuk-heading-l">Sign in to CareCoop</h1>
        <form onSubmit={submit} novalidate>
          <TextInput id="username" label="Username" value={username} onInput={setUsername} errors={errors} autocomplete="username" width="govuk-input--width-20" />
          <TextInput id="password" label="Password" type="password" value={password} onInput={setPassword} errors={errors} autocomplete="current-password" width="govuk-input--width-20" />
          <Button type="submit" disabled={busy}>
            Sign in
          </Button>
        </form>
        <p class="govuk-body">
          New to CareCoop? Use the enrolment link your administrator sent you to <a class="govuk-link" href="/enrol">set your password</a>.
        </p>
      </div>
    </div>
  );
}

export function Enrol() {
  const { query } = useRoute();
  const [code, setCode] = useState(query.get("code") ?? "");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (password !== confirm)
      return setErrors([{ field: "confirm", message: "The two passwords are not the same" }]);
    try {
      await api.post("/api/enrolment", { code, password });
      navigate("/sign-in?reason=enrolled");
    } catch (err) {
      setErrors(errorsOf(err, { code: "Enrolment code", password: "Password" }));
    }
  };

  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 class="govuk-heading-l">Set your password</h1>
        <p class="govuk-body">Your administrator gave you a one-time enrolment code. It works once, for a limited time.</p>
        <form onSubmit={submit} novalidate>
          <TextInput id="code" label="Enrolment code" value={code} onInput={setCode} errors={errors} />
          <TextInput id="password" label="New password" hint="At least 12 characters." type="password" value={password} onInput={setPassword} errors={errors} autocomplete="new-password" width="govuk-input--width-20" />
          <TextInput id="confirm" label="Confirm new password" type="password" value={confirm} onInput={setConfirm} errors={errors} autocomplete="new-password" width="govuk-input--width-20" />
          <Button type="submit">Set password</Button>
        </form>
      </div>
    </div>
  );
}
