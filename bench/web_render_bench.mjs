// How fast the web app's two busiest views render in headless Chromium
// (issue 16's target: under 200 ms each), and the size of what it ships.
//
//   node bench/web_render_bench.mjs BUILD [RUNS]     (from the repository root,
//                                                    after make build)
//
// 1. The queue with 1,000 referrals: the answer of /api/queue is replaced by
//    1,000 synthetic entries (page.route), so the time is the app's: from
//    the in-app navigation to the table's rows in the page.
// 2. A referral's options: the real API (the Greater Manchester region,
//    seed 1), top 10 options with their factor tables and the plot: from the
//    in-app navigation to the plot in the page, the ranking's API time
//    included.
// Each is timed RUNS times (default 15) after 3 warm-up runs; the median and
// the range are printed. Also: the built JavaScript and CSS, gzipped.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";

const require = createRequire(resolve("web/package.json"));
const { chromium } = require("playwright-core");
const build = process.argv[2] ?? "build";
const runs = Number(process.argv[3] ?? 15);
const carecoop = resolve(build, "src/cli/carecoop");
const dist = resolve("web/dist");

let js = 0, css = 0;
for (const f of readdirSync(join(dist, "assets"))) {
  const gz = gzipSync(readFileSync(join(dist, "assets", f))).length;
  if (f.endsWith(".js")) js += gz;
  if (f.endsWith(".css")) css += gz;
}
console.log(`bundle: JavaScript ${(js / 1024).toFixed(1)} KB gzipped, CSS ${(css / 1024).toFixed(1)} KB gzipped`);

const work = mkdtempSync(join(tmpdir(), "carecoop-webbench-"));
const store = `sqlite:${join(work, "r.sqlite")}`;
execFileSync(carecoop, ["generate", "--scale", "region", "--rcc", "NW-GM", "--seed", "1", "--store", store], { stdio: "ignore" });
execFileSync(carecoop, ["user", "add", "--store", store, "--username", "bench.hub", "--role", "hub_officer", "--rcc", "NW-GM", "--password-stdin"], { input: "bench password 123\n" });
const server = spawn(carecoop, ["serve", "--store", store, "--port", "0", "--today", "2025-03-31", "--web", dist, "--no-access-log"], { stdio: ["ignore", "pipe", "ignore"] });
const base = await new Promise((ok) => {
  let out = "";
  server.stdout.on("data", (d) => {
    out += d;
    const m = out.match(/on (http:\/\/[0-9.]+:\d+)\//);
    if (m) ok(m[1]);
  });
});

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
await page.goto(`${base}/sign-in`);
await page.fill("#username", "bench.hub");
await page.fill("#password", "bench password 123");
await page.click("button[type=submit]");
await page.waitForSelector("[data-testid=account]");

const queue = Array.from({ length: 1000 }, (_, i) => ({
  referralId: 100000 + i,
  council: ["Bolton", "Bury", "Manchester", "Oldham", "Rochdale"][i % 5],
  status: i % 3 ? "open" : "sent_to_providers",
  neededBy: ["today", "within_5_days", "after_5_days"][i % 3],
  latestStartDate: "2025-04-14",
  siblingCount: i % 4 === 0 ? 1 : 0,
  createdAt: "2025-03-20T10:00:00Z",
  waitingDays: i % 30,
}));
await page.route("**/api/queue", (route) => route.fulfill({ json: { queue } }));

// Navigates inside the app and times until `selector` has appeared.
// `ready` is [selector, rows]: done when `rows` elements match (0: one or more).
async function timed(path, ready) {
  return page.evaluate(
    ([path, [selector, rows]]) =>
      new Promise((done) => {
        history.pushState(null, "", "/bench-blank"); // the not-found view: nothing loads
        dispatchEvent(new PopStateEvent("popstate"));
        requestAnimationFrame(() => {
          const t0 = performance.now();
          history.pushState(null, "", path);
          dispatchEvent(new PopStateEvent("popstate"));
          const check = () => {
            const n = document.querySelectorAll(selector).length;
            if (rows ? n === rows : n > 0) {
              // Count the frame that shows it.
              requestAnimationFrame(() => done(performance.now() - t0));
            } else setTimeout(check, 1);
          };
          check();
        });
      }),
    [path, ready],
  );
}

async function measure(name, path, ready) {
  for (let i = 0; i < 3; i++) await timed(path, ready);
  const t = [];
  for (let i = 0; i < runs; i++) t.push(await timed(path, ready));
  t.sort((a, b) => a - b);
  console.log(`${name}: median ${t[Math.floor(t.length / 2)].toFixed(1)} ms, range ${t[0].toFixed(1)}-${t[t.length - 1].toFixed(1)} ms over ${runs} runs`);
}

const referral = execFileSync("sqlite3", [join(work, "r.sqlite"), "SELECT id FROM referral WHERE status = 'open' AND needed_by <> 'today' AND primary_family_location_label IS NOT NULL ORDER BY id LIMIT 1"], { encoding: "utf8" }).trim();
await measure("queue, 1,000 referrals (200 rows drawn, the rest behind 'Show more')", "/queue", ["[data-testid=table-queue] tbody tr", 200]);
await measure(`options of referral ${referral} (top 10, factor tables, plot)`, `/referrals/${referral}/options`, ["[data-testid=chart] svg, [data-testid=empty]", 0]);

await browser.close();
server.kill("SIGTERM");
rmSync(work, { recursive: true, force: true });
