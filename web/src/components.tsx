// The building blocks every view uses, each a GOV.UK Design System or MoJ
// pattern: the error summary and field errors, sortable and filterable
// tables with a CSV download, tags, empty states, and charts that always
// have a table of the same numbers beside them.
import type { ComponentChildren, JSX } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ApiError, label } from "./api";
import { setQuery, useRoute } from "./router";

// ---- Data loading -------------------------------------------------------

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

// Runs `load` when `key` changes; a view renders its loading, error and
// empty states from the answer.
export function useData<T>(load: () => Promise<T>, key: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error) =>
        live &&
        setState({
          data: null,
          error: error instanceof ApiError ? error : new ApiError(0, "error", String(error)),
          loading: false,
        }),
    );
    return () => {
      live = false;
    };
  }, [...key, generation]);
  return { ...state, reload: () => setGeneration((g) => g + 1) };
}

// What a view shows while loading or on an error; `children` once loaded.
// `working` names a long operation: the page says what it is doing and for how long.
export function Show<T>({
  loaded,
  children,
  working,
}: {
  loaded: Loaded<T>;
  children: (data: T) => ComponentChildren;
  working?: string;
}) {
  if (loaded.error) {
    if (loaded.error.status === 404 || loaded.error.status === 403)
      return (
        <div>
          <h1 class="govuk-heading-l">Not found</h1>
          <p class="govuk-body">
            There is nothing at this address that you can see. Check the number, or go back to your list.
          </p>
        </div>
      );
    return (
      <div class="govuk-error-summary" role="alert" tabIndex={-1}>
        <h2 class="govuk-error-summary__title">There is a problem</h2>
        <div class="govuk-error-summary__body">
          <p class="govuk-body">{loaded.error.message}</p>
        </div>
      </div>
    );
  }
  if (loaded.data === null) return <Loading working={working} />;
  return <>{children(loaded.data)}</>;
}

function Loading({ working }: { working?: string }) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!working) return;
    const t = setInterval(() => setSeconds((s) => s + 1), 1000);
    return () => clearInterval(t);
  }, [working]);
  return (
    <p class="govuk-body" role="status" aria-live="polite">
      Loading…{working ? ` ${working}${seconds ? ` (${seconds} s)` : ""}` : ""}
    </p>
  );
}

// ---- Forms ---------------------------------------------------------------

export interface FieldError {
  field: string;
  message: string;
}

// The GOV.UK error summary: focused when it appears, each error a link to
// its field.
export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [errors]);
  if (!errors.length) return null;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1} role="alert">
      <h2 class="govuk-error-summary__title">There is a problem</h2>
      <div class="govuk-error-summary__body">
        <ul class="govuk-list govuk-error-summary__list">
          {errors.map((e) => (
            <li key={e.field + e.message}>
              {e.field ? (
                <a
                  href={`#${e.field}`}
                  onClick={(ev) => {
                    ev.preventDefault();
                    document.getElementById(e.field)?.focus();
                  }}
                >
                  {e.message}
                </a>
              ) : (
                e.message
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

// The API's error as the form's errors: the field it names, in words a
// person reads ("Needed by: must be one of ...").
export function errorsOf(e: unknown, labels: Record<string, string> = {}): FieldError[] {
  if (e instanceof ApiError) {
    const field = e.field ?? "";
    const name = labels[field] ?? field;
    return [{ field, message: name ? `${name}: ${e.message}` : e.message }];
  }
  return [{ field: "", message: String(e) }];
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  errors: FieldError[];
}

function errorFor(id: string, errors: FieldError[]) {
  return errors.find((e) => e.field === id || e.field.startsWith(id + "."));
}

function Group({ id, label, hint, errors, children, fieldset }: FieldProps & { children: ComponentChildren; fieldset?: boolean }) {
  const error = errorFor(id, errors);
  const cls = "govuk-form-group" + (error ? " govuk-form-group--error" : "");
  const hintEl = hint ? (
    <div class="govuk-hint" id={`${id}-hint`}>
      {hint}
    </div>
  ) : null;
  const errorEl = error ? (
    <p class="govuk-error-message" id={`${id}-error`}>
      <span class="govuk-visually-hidden">Error:</span> {error.message}
    </p>
  ) : null;
  if (fieldset)
    return (
      <div class={cls}>
        <fieldset class="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{label}</legend>
          {hintEl}
          {errorEl}
          {children}
        </fieldset>
      </div>
    );
  return (
    <div class={cls}>
      <label class="govuk-label govuk-label--s" for={id}>
        {label}
      </label>
      {hintEl}
      {errorEl}
      {children}
    </div>
  );
}

function describedBy(id: string, hint?: string, error?: FieldError) {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return ids || undefined;
}

export function TextInput(
  props: FieldProps & { value: string; onInput: (v: string) => void; type?: string; width?: string; autocomplete?: string },
) {
  const error = errorFor(props.id, props.errors);
  return (
    <Group {...props}>
      <input
        class={`govuk-input ${props.width ?? ""}${error ? " govuk-input--error" : ""}`}
        id={props.id}
        name={props.id}
        type={props.type ?? "text"}
        value={props.value}
        autocomplete={props.autocomplete ?? "off"}
        aria-describedby={describedBy(props.id, props.hint, error)}
        onInput={(e) => props.onInput((e.target as HTMLInputElement).value)}
      />
    </Group>
  );
}

export function TextArea(props: FieldProps & { value: string; onInput: (v: string) => void; rows?: number }) {
  const error = errorFor(props.id, props.errors);
  return (
    <Group {...props}>
      <textarea
        class={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        id={props.id}
        name={props.id}
        rows={props.rows ?? 3}
        value={props.value}
        aria-describedby={describedBy(props.id, props.hint, error)}
        onInput={(e) => props.onInput((e.target as HTMLTextAreaElement).value)}
      />
    </Group>
  );
}

export type Choice = [value: string, text: string];

export function Select(props: FieldProps & { value: string; onChange: (v: string) => void; choices: Choice[] }) {
  const error = errorFor(props.id, props.errors);
  return (
    <Group {...props}>
      <select
        class={`govuk-select${error ? " govuk-select--error" : ""}`}
        id={props.id}
        name={props.id}
        value={props.value}
        aria-describedby={describedBy(props.id, props.hint, error)}
        onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}
      >
        {props.choices.map(([v, t]) => (
          <option key={v} value={v}>
            {t}
          </option>
        ))}
      </select>
    </Group>
  );
}

export function Radios(
  props: FieldProps & { value: string; onChange: (v: string) => void; choices: Choice[]; inline?: boolean },
) {
  return (
    <Group {...props} fieldset>
      <div class={`govuk-radios govuk-radios--small${props.inline ? " govuk-radios--inline" : ""}`}>
        {props.choices.map(([v, t], i) => (
          <div class="govuk-radios__item" key={v}>
            <input
              class="govuk-radios__input"
              id={i === 0 ? props.id : `${props.id}-${v}`}
              name={props.id}
              type="radio"
              value={v}
              checked={props.value === v}
              onChange={() => props.onChange(v)}
            />
            <label class="govuk-label govuk-radios__label" for={i === 0 ? props.id : `${props.id}-${v}`}>
              {t}
            </label>
          </div>
        ))}
      </div>
    </Group>
  );
}

export function Checkboxes(
  props: FieldProps & { value: string[]; onChange: (v: string[]) => void; choices: Choice[] },
) {
  return (
    <Group {...props} fieldset>
      <div class="govuk-checkboxes govuk-checkboxes--small">
        {props.choices.map(([v, t], i) => (
          <div class="govuk-checkboxes__item" key={v}>
            <input
              class="govuk-checkboxes__input"
              id={i === 0 ? props.id : `${props.id}-${v}`}
              name={props.id}
              type="checkbox"
              value={v}
              checked={props.value.includes(v)}
              onChange={(e) =>
                props.onChange(
                  (e.target as HTMLInputElement).checked ? [...props.value, v] : props.value.filter((x) => x !== v),
                )
              }
            />
            <label class="govuk-label govuk-checkboxes__label" for={i === 0 ? props.id : `${props.id}-${v}`}>
              {t}
            </label>
          </div>
        ))}
      </div>
    </Group>
  );
}

export function Button(props: {
  children: ComponentChildren;
  onClick?: () => void;
  secondary?: boolean;
  warning?: boolean;
  disabled?: boolean;
  type?: "button" | "submit";
}) {
  const cls =
    "govuk-button" + (props.secondary ? " govuk-button--secondary" : "") + (props.warning ? " govuk-button--warning" : "");
  return (
    <button
      type={props.type ?? "button"}
      class={cls}
      data-module="govuk-button"
      disabled={props.disabled}
      aria-disabled={props.disabled ? "true" : undefined}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}

// ---- Display ---------------------------------------------------------------

const tagColour: Record<string, string> = {
  draft: "grey",
  open: "blue",
  sent_to_providers: "light-blue",
  proposed: "yellow",
  approved: "green",
  placed: "green",
  withdrawn: "grey",
  offered: "blue",
  declined: "red",
  lapsed: "grey",
  accepted: "green",
  awaiting_scrutiny: "yellow",
  sent_back: "orange",
  today: "red",
  within_5_days: "orange",
  after_5_days: "blue",
  above_fair_price: "orange",
  running: "blue",
  done: "green",
  failed: "red",
};

export function Tag({ code, text }: { code: string; text?: string }) {
  const colour = tagColour[code];
  return (
    <strong class={`govuk-tag${colour ? ` govuk-tag--${colour}` : ""} cc-nowrap`}>
      {text ?? label(code)}
    </strong>
  );
}

export function Empty({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <div class="govuk-inset-text" data-testid="empty">
      <p class="govuk-body govuk-!-font-weight-bold">{title}</p>
      <p class="govuk-body">{children}</p>
    </div>
  );
}

export function Notice({ children, success }: { children: ComponentChildren; success?: boolean }) {
  return (
    <div
      class={`govuk-notification-banner${success ? " govuk-notification-banner--success" : ""}`}
      role={success ? "alert" : "region"}
      aria-labelledby="notice-title"
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="notice-title">
          {success ? "Success" : "Important"}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{children}</p>
      </div>
    </div>
  );
}

export function SummaryList({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="govuk-summary-list govuk-summary-list--no-border">
      {rows.map(([k, v]) => (
        <div class="govuk-summary-list__row" key={k}>
          <dt class="govuk-summary-list__key">{k}</dt>
          <dd class="govuk-summary-list__value">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

// ---- Tables ------------------------------------------------------------------

export interface Column<T> {
  key: string;
  label: string;
  value: (row: T) => string | number | null; // what is sorted, filtered and downloaded
  render?: (row: T) => ComponentChildren;
  numeric?: boolean;
}

function csvCell(v: string | number | null) {
  const s = v == null ? "" : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// A table that sorts by any column (MoJ sortable table pattern, state in the
// URL as ?sort=key&dir=desc under `name`), filters by a text match across
// every column, and downloads what it shows as CSV.
export function DataTable<T>({
  name,
  caption,
  columns,
  rows,
  empty,
  defaultSort,
  pageSize = 200,
}: {
  name: string;
  caption: string;
  columns: Column<T>[];
  rows: T[];
  empty: ComponentChildren;
  defaultSort?: string;
  pageSize?: number;
}) {
  const { query } = useRoute();
  const sortKey = query.get(`${name}.sort`) ?? defaultSort ?? "";
  const desc = query.get(`${name}.dir`) === "desc";
  const filter = query.get(`${name}.q`) ?? "";
  const [shown, setShown] = useState(pageSize);
  const view = useMemo(() => {
    let out = rows;
    if (filter) {
      const f = filter.toLowerCase();
      out = out.filter((r) => columns.some((c) => String(c.value(r) ?? "").toLowerCase().includes(f)));
    }
    const col = columns.find((c) => c.key === sortKey);
    if (col) {
      out = [...out].sort((a, b) => {
        const x = col.value(a),
          y = col.value(b);
        if (x === y) return 0;
        if (x === null) return 1;
        if (y === null) return -1;
        const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
        return desc ? -c : c;
      });
    }
    return out;
  }, [rows, filter, sortKey, desc, columns]);

  const download = () => {
    const lines = [columns.map((c) => csvCell(c.label)).join(",")];
    for (const r of view) lines.push(columns.map((c) => csvCell(c.value(r))).join(","));
    const url = URL.createObjectURL(new Blob([lines.join("\n") + "\n"], { type: "text/csv" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `${name}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  if (!rows.length) return <>{empty}</>;
  return (
    <div>
      <div class="cc-filters">
        <div class="govuk-form-group">
          <label class="govuk-label govuk-label--s" for={`${name}-filter`}>
            Filter {caption.toLowerCase()}
          </label>
          <input
            class="govuk-input govuk-input--width-20"
            id={`${name}-filter`}
            type="search"
            value={filter}
            onInput={(e) => setQuery({ [`${name}.q`]: (e.target as HTMLInputElement).value })}
          />
        </div>
        <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={download}>
          Download CSV<span class="govuk-visually-hidden"> of {caption.toLowerCase()}</span>
        </button>
        <p class="govuk-body govuk-!-margin-bottom-0" role="status">
          {view.length} of {rows.length}
        </p>
      </div>
      <table class="govuk-table" data-module="moj-sortable-table" data-testid={`table-${name}`}>
        <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                class={`govuk-table__header${c.numeric ? " govuk-table__header--numeric" : ""}`}
                aria-sort={sortKey === c.key ? (desc ? "descending" : "ascending") : "none"}
              >
                <button
                  type="button"
                  class="cc-sort-button"
                  onClick={() =>
                    setQuery({
                      [`${name}.sort`]: c.key,
                      [`${name}.dir`]: sortKey === c.key && !desc ? "desc" : null,
                    })
                  }
                >
                  {c.label}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {view.slice(0, shown).map((r, i) => (
            <tr class="govuk-table__row" key={i}>
              {columns.map((c) => (
                <td key={c.key} class={`govuk-table__cell${c.numeric ? " govuk-table__cell--numeric" : ""}`}>
                  {c.render ? c.render(r) : c.value(r) ?? "—"}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {view.length > shown && (
        <button type="button" class="govuk-button govuk-button--secondary" onClick={() => setShown(shown + pageSize)}>
          Show {Math.min(pageSize, view.length - shown)} more
        </button>
      )}
      {!view.length && <p class="govuk-body">Nothing matches “{filter}”. Clear the filter to see every row.</p>}
    </div>
  );
}

// ---- Charts ------------------------------------------------------------------

// A chart drawn by Observable Plot, placed in the page without the <style>
// element Plot adds (the CSP allows no inline style; the same rules are in
// styles.scss under .cc-chart). The caller puts a table of the same numbers
// beside it.
export function Chart({ make, label }: { make: () => SVGElement | HTMLElement; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = make();
    node.querySelectorAll("style").forEach((s) => s.remove());
    // The chart is one image to assistive technology, named by `label`
    // (the table beside it has the numbers); Plot's labels on its groups
    // are not allowed there.
    node.querySelectorAll("[aria-label], [aria-description]").forEach((e) => {
      e.removeAttribute("aria-label");
      e.removeAttribute("aria-description");
    });
    node.setAttribute("role", "img");
    node.setAttribute("aria-label", label);
    ref.current?.replaceChildren(node);
    // Drawn again only when what it shows changes: `label` names every
    // value, so a keystroke in a filter beside it does not redraw it.
  }, [label]);
  return <div ref={ref} data-testid="chart" />;
}

export function Tabs({ id, tabs }: { id: string; tabs: [string, string, () => JSX.Element][] }) {
  const { query } = useRoute();
  const active = query.get(id) ?? tabs[0][0];
  return (
    <div class="govuk-tabs">
      <ul class="govuk-tabs__list" role="tablist">
        {tabs.map(([key, text]) => (
          <li
            key={key}
            class={`govuk-tabs__list-item${active === key ? " govuk-tabs__list-item--selected" : ""}`}
            role="presentation"
          >
            <a
              class="govuk-tabs__tab"
              href={`?${id}=${key}`}
              role="tab"
              aria-selected={active === key ? "true" : "false"}
              onClick={(e) => {
                e.preventDefault();
                setQuery({ [id]: key });
              }}
            >
              {text}
            </a>
          </li>
        ))}
      </ul>
      {tabs
        .filter(([key]) => key === active)
        .map(([key, , body]) => (
          <div class="govuk-tabs__panel" role="tabpanel" key={key}>
            {body()}
          </div>
        ))}
    </div>
  );
}
