// The one way a view talks to the API (docs/web.md, "How a view gets its
// data"): same origin, the session in an HttpOnly cookie the script never
// sees, and the CSRF token (from sign-in, or /api/me after a reload) sent as
// X-CSRF-Token on every change. An error answer becomes an ApiError naming
// the field the API names, so a form can show it beside that field.

export interface User {
  id: number;
  username: string;
  role: Role;
  councilId: number | null;
  rccId: number | null;
  providerId: number | null;
  today?: string; // the server's day (GET /api/me)
}

export type Role =
  | "social_worker"
  | "hub_officer"
  | "scrutiny_officer"
  | "provider"
  | "commissioner"
  | "national_analyst"
  | "admin"
  | "market_oversight"
  | "national_commissioner";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
// Called when the API says the session is gone (401): the app shows the
// sign-in page with the reason.
let onSignedOut: (reason: string) => void = () => {};
// Which session a request was sent in: signing in or out starts the next one,
// so a request still in flight from the session before (its answer a 401)
// does not end the new one or overwrite why it ended.
let session = 0;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}
export function onSessionEnded(handler: (reason: string) => void) {
  onSignedOut = handler;
}

async function request<T>(method: string, path: string, body?: unknown, quiet401 = false): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  const sentIn = session;
  let answer: Response;
  try {
    answer = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "unavailable", "CareCoop cannot be reached: check your connection and try again");
  }
  const text = await answer.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!answer.ok) {
    const e = json?.error ?? {};
    const error = new ApiError(answer.status, e.code ?? "error", e.message ?? `the server answered ${answer.status}`, e.field);
    if (answer.status === 401 && !quiet401 && sentIn === session && !path.startsWith("/api/sessions") && path !== "/api/enrolment") {
      session++; // once: the other requests of this session that answer 401 say nothing more
      onSignedOut(/expired/.test(error.message) ? "expired" : "signed-out");
    }
    throw error;
  }
  return json as T;
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body: unknown = {}) => request<T>("POST", path, body),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  del: <T>(path: string) => request<T>("DELETE", path),
};

export async function signIn(username: string, password: string): Promise<User> {
  const answer = await api.post<{ csrfToken: string; user: User }>("/api/sessions", {
    username,
    password,
    cookie: true,
  });
  session++;
  setCsrfToken(answer.csrfToken);
  return (await whoAmI()) ?? answer.user; // with the server's day
}

export async function whoAmI(): Promise<User | null> {
  try {
    // Not signed in is an answer here, not a session that ended.
    const me = await request<User & { csrfToken?: string }>("GET", "/api/me", undefined, true);
    setCsrfToken(me.csrfToken ?? null);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export async function signOut(everywhere: boolean) {
  session++;
  await api.del(everywhere ? "/api/sessions" : "/api/sessions/current");
  setCsrfToken(null);
}

export const pounds = (pence: number | null | undefined) =>
  pence == null
    ? "—"
    : (pence / 100).toLocaleString("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });

export const label = (code: string | null | undefined) =>
  code == null ? "—" : (code.charAt(0).toUpperCase() + code.slice(1)).replace(/_/g, " ");

export const dateTime = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) : "—";
