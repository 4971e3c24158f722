// The policy simulator (docs/simulator.md) for commissioners and the
// national roles: choose designs, run them as a job on the store's England,
// watch the runs finish, and read each measure's mean over the years with
// its 95% band, per design, with a table of the same numbers and of each
// design's difference from the first (paired by seed) beside every chart.
import * as Plot from "@observablehq/plot";
import { useEffect, useState } from "preact/hooks";
import { api, pounds, type User } from "../api";
import {
  Button,
  Chart,
  Checkboxes,
  DataTable,
  Empty,
  ErrorSummary,
  errorsOf,
  Select,
  Show,
  SummaryList,
  Tag,
  TextInput,
  useData,
  type FieldError,
} from "../components";
import { match, navigate, useRoute } from "../router";

// The designs of data/designs/, as the API takes them.
interface Design {
  name: string;
  footprint?: string;
  sourcing?: string;
  contractedShare?: number;
  blockShare?: number;
  nationalRareNeeds?: boolean;
  rccs?: string[];
}
export const presetDesigns: [string, Design][] = [
  ["Today: each council alone, sequential, 40% contracted", { name: "today", footprint: "council", sourcing: "sequential", contractedShare: 0.4 }],
  ["RCCs, needs-led, 60% contracted", { name: "rcc-needs-led", footprint: "rcc", sourcing: "needs_led", contractedShare: 0.6 }],
  ["One national pool, needs-led, 60% contracted", { name: "national", footprint: "national", sourcing: "needs_led", contractedShare: 0.6 }],
  [
    "RCCs, needs-led, with national contracts for rare needs",
    { name: "rcc-with-national-rare-needs", footprint: "rcc", sourcing: "needs_led", contractedShare: 0.6, nationalRareNeeds: true },
  ],
  ["RCCs, needs-led, a fifth of places under block contracts", { name: "rcc-with-blocks", footprint: "rcc", sourcing: "needs_led", contractedShare: 0.6, blockShare: 0.2 }],
  [
    "The pathfinders only (Greater Manchester, the South East) as RCCs, the rest today",
    { name: "pathfinders-only", footprint: "rcc", sourcing: "needs_led", contractedShare: 0.6, rccs: ["NW-GM", "SE"] },
  ],
];

type Estimate = { mean: number; low: number; high: number; differenceFromFirst?: { mean: number; low: number; high: number } };
interface Job {
  id: number;
  status: "running" | "done" | "failed";
  startedBy: string;
  startedAt: string;
  finishedAt?: string;
  runsDone: number;
  runsTotal: number;
  designs: Design[];
  years: number;
  runs: number;
  seed: number;
  focus: string[];
  error?: string;
  result?: {
    world: { homes: number; places: number; councils: number; childrenPlaced: number; entriesPerYear: number };
    designs: { name: string; years: ({ year: number } & Record<string, Estimate>)[] }[];
  };
}

// The measures shown, each with its chart's unit.
const measures: [key: string, title: string, share: boolean][] = [
  ["share_over_20_miles", "New placements over 20 miles from home", true],
  ["share_outside_council", "New placements outside the council", true],
  ["share_needs_met", "New placements fully meeting the child's needs", true],
  ["spend_pounds", "Spend on placements a year", false],
  ["placement_changes", "Placement changes a year", false],
  ["share_spot", "New placements bought at the spot price", true],
];
const show = (share: boolean, v: number) => (share ? `${(100 * v).toFixed(1)}%` : v >= 1e6 ? `£${(v / 1e6).toFixed(0)}m` : v.toFixed(0));
const showDiff = (share: boolean, v: number) => (share ? `${(100 * v).toFixed(1)} points` : v >= 1e6 || v <= -1e6 ? `£${(v / 1e6).toFixed(0)}m` : v.toFixed(0));

export function Simulator({ user }: { user: User }) {
  const { path } = useRoute();
  const m = match("/simulator/:id", path);
  return m ? <SimulationJob id={m.id} /> : <Simulations user={user} />;
}

function Simulations({ user }: { user: User }) {
  const jobs = useData(() => api.get<{ simulations: Job[] }>("/api/simulations"), []);
  const [chosen, setChosen] = useState<string[]>(["today", "rcc-needs-led", "national"]);
  const [years, setYears] = useState("5");
  const [runs, setRuns] = useState("10");
  const [seed, setSeed] = useState("1");
  const [focus, setFocus] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const start = async () => {
    const designs = presetDesigns.filter(([, d]) => chosen.includes(d.name)).map(([, d]) => d);
    // The first chosen design is the one the others are compared with.
    designs.sort((a, b) => chosen.indexOf(a.name) - chosen.indexOf(b.name));
    const bad: FieldError[] = [];
    if (!designs.length) bad.push({ field: "designs", message: "Designs: choose at least one" });
    if (!/^\d+$/.test(runs)) bad.push({ field: "runs", message: "Runs: enter a whole number from 1 to 200" });
    if (!/^\d+$/.test(seed)) bad.push({ field: "seed", message: "Seed: enter a whole number" });
    setErrors(bad);
    if (bad.length) return;
    setBusy(true);
    try {
      const job = await api.post<Job>("/api/simulations", {
        designs,
        years: Number(years),
        runs: Number(runs),
        seed: Number(seed),
        focus: focus ? focus.split(",") : [],
      });
      navigate(`/simulator/${job.id}`);
    } catch (e) {
      setErrors(errorsOf(e, { designs: "Designs", years: "Years", runs: "Runs", seed: "Seed", focus: "Whose children" }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h1 class="govuk-heading-l">Policy simulator</h1>
      <p class="govuk-body">
        Test commissioning designs on the synthetic England before they are rolled out: each run simulates children entering
        care, moving and leaving, foster carers joining and leaving, providers opening and closing homes, and every referral
        sourced as the design says. Runs differ only in their random draws; every figure is the mean over runs with its 95% band.
        {user.role === "commissioner" ? " The results are England's (or the pathfinders'), not your RCC's alone." : ""}
      </p>
      <ErrorSummary errors={errors} />
      <Checkboxes
        id="designs"
        label="Designs (the first chosen is the one the others are compared with)"
        value={chosen}
        onChange={setChosen}
        choices={presetDesigns.map(([text, d]) => [d.name, text])}
        errors={errors}
      />
      <Select id="years" label="Years" value={years} onChange={setYears} errors={errors} choices={["1", "2", "3", "5", "10"].map((y) => [y, y])} />
      <TextInput id="runs" label="Runs" hint="More runs narrow the bands; each run of England takes about 8 seconds a year." value={runs} onInput={setRuns} errors={errors} width="govuk-input--width-4" />
      <TextInput id="seed" label="Seed" hint="The same designs and seed give the same results." value={seed} onInput={setSeed} errors={errors} width="govuk-input--width-5" />
      <Select
        id="focus"
        label="Whose children"
        value={focus}
        onChange={setFocus}
        errors={errors}
        choices={[
          ["", "England's"],
          ["NW-GM,SE", "The pathfinders' (Greater Manchester and the South East)"],
        ]}
      />
      <Button onClick={start} disabled={busy}>
        Run simulation
      </Button>
      <h2 class="govuk-heading-m">Simulations</h2>
      <Show loaded={jobs}>
        {(d) => (
          <DataTable
            name="simulations"
            caption="Simulations run on this server (the last 20)"
            rows={d.simulations}
            columns={[
              { key: "id", label: "Simulation", value: (j) => j.id, render: (j) => <a class="govuk-link" href={`/simulator/${j.id}`}>Simulation {j.id}</a> },
              { key: "status", label: "Status", value: (j) => j.status, render: (j) => <Tag code={j.status} /> },
              { key: "designs", label: "Designs", value: (j) => j.designs.map((x) => x.name).join(", ") },
              { key: "runs", label: "Runs done", value: (j) => j.runsDone, render: (j) => `${j.runsDone} of ${j.runsTotal}`, numeric: true },
              { key: "by", label: "Started by", value: (j) => j.startedBy },
              { key: "at", label: "Started", value: (j) => j.startedAt },
            ]}
            empty={<Empty title="No simulations">No simulation has been run on this server since it started.</Empty>}
          />
        )}
      </Show>
    </>
  );
}

function SimulationJob({ id }: { id: string }) {
  const loaded = useData(() => api.get<Job>(`/api/simulations/${encodeURIComponent(id)}`), [id]);
  // While it runs, read its progress again every second.
  useEffect(() => {
    if (loaded.data?.status !== "running") return;
    const t = setTimeout(loaded.reload, 1000);
    return () => clearTimeout(t);
  }, [loaded.data]);
  return (
    <>
      <a class="govuk-back-link" href="/simulator">
        Policy simulator
      </a>
      <h1 class="govuk-heading-l">Simulation {id}</h1>
      <Show loaded={loaded}>{(j) => <JobBody j={j} />}</Show>
    </>
  );
}

function JobBody({ j }: { j: Job }) {
  return (
    <>
      <SummaryList
        rows={[
          ["Status", <Tag code={j.status} />],
          ["Designs", j.designs.map((d) => d.name).join(", ")],
          ["Runs", `${j.runsDone} of ${j.runsTotal} done (${j.runs} a design, ${j.years} years each, seed ${j.seed})`],
          ["Whose children", j.focus.length ? j.focus.join(", ") : "England's"],
          ["Started", `${j.startedAt} by ${j.startedBy}`],
        ]}
      />
      {j.status === "running" && (
        <p class="govuk-body">
          <label class="govuk-label" for="progress">
            Runs done
          </label>
          <progress id="progress" max={j.runsTotal} value={j.runsDone}>
            {j.runsDone} of {j.runsTotal}
          </progress>
        </p>
      )}
      {j.status === "failed" && (
        <div class="govuk-warning-text">
          <strong class="govuk-warning-text__text">The simulation failed: {j.error}</strong>
        </div>
      )}
      {j.status === "done" && j.result && <Results j={j} />}
    </>
  );
}

function Results({ j }: { j: Job }) {
  const r = j.result!;
  const last = j.years - 1;
  return (
    <>
      <p class="govuk-body">
        The world: {r.world.homes.toLocaleString()} homes with {r.world.places.toLocaleString()} places, {r.world.councils} councils,{" "}
        {r.world.childrenPlaced.toLocaleString()} children placed at the start, {Math.round(r.world.entriesPerYear).toLocaleString()} entering care a year.
        Lines: the mean over runs; shaded: its 95% band.
      </p>
      {measures.map(([key, title, share]) => {
        const points = r.designs.flatMap((d) => d.years.map((y) => ({ design: d.name, year: y.year, ...y[key] })));
        return (
          <section key={key}>
            <h2 class="govuk-heading-m">{title}</h2>
            <Chart
              label={`${title}, by year, per design: ${r.designs
                .map((d) => `${d.name}: ${d.years.map((y) => `year ${y.year} ${show(share, y[key].mean)}`).join(", ")}`)
                .join("; ")}`}
              make={() =>
                Plot.plot({
                  className: "cc-chart",
                  width: 760,
                  height: 300,
                  marginLeft: 70,
                  x: { label: "year", tickFormat: "d", ticks: j.years },
                  y: { label: share ? "%" : key === "spend_pounds" ? "£ million" : "count", grid: true, transform: share ? (v: number) => 100 * v : key === "spend_pounds" ? (v: number) => v / 1e6 : undefined },
                  color: { legend: true },
                  marks: [
                    Plot.areaY(points, { x: "year", y1: "low", y2: "high", fill: "design", fillOpacity: 0.2 }),
                    Plot.line(points, { x: "year", y: "mean", stroke: "design", strokeWidth: 2 }),
                    Plot.dot(points, { x: "year", y: "mean", fill: "design", r: 3 }),
                  ],
                })
              }
            />
            <DataTable
              name={`sim-${key}`}
              caption={`${title}: year ${j.years}, each design and its difference from ${r.designs[0].name}`}
              rows={r.designs}
              columns={[
                { key: "design", label: "Design", value: (d) => d.name },
                { key: "mean", label: `Year ${j.years}`, value: (d) => d.years[last][key].mean, render: (d) => show(share, d.years[last][key].mean), numeric: true },
                {
                  key: "band",
                  label: "95% band",
                  value: (d) => `${show(share, d.years[last][key].low)} to ${show(share, d.years[last][key].high)}`,
                },
                {
                  key: "diff",
                  label: `Difference from ${r.designs[0].name}`,
                  value: (d) => d.years[last][key].differenceFromFirst?.mean ?? null,
                  render: (d) => {
                    const f = d.years[last][key].differenceFromFirst;
                    return f ? `${showDiff(share, f.mean)} (${showDiff(share, f.low)} to ${showDiff(share, f.high)})` : "—";
                  },
                },
              ]}
              empty={<Empty title="No designs">The simulation has no designs.</Empty>}
            />
          </section>
        );
      })}
      <p class="govuk-body-s">Spend in pounds: {pounds(Math.round(r.designs[0].years[last].spend_pounds.mean * 100))} a year under {r.designs[0].name} in year {j.years}.</p>
    </>
  );
}
