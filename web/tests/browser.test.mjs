// CareCoop's browser tests: the built web app (web/dist) served by a real
// `carecoop serve` over a synthetic region, driven in Debian's Chromium by
// playwright-core, with axe-core checking every view (no serious or
// critical WCAG 2.2 AA violation). Run by CTest (web/CMakeLists.txt) as
//   node --test web/tests/
// with CARECOOP (the CLI), WEB_DIST (the built app) and SCREENSHOTS (where
// each test leaves its screenshot) in the environment. docs/web.md.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";

const carecoop = process.env.CARECOOP;
const webDist = process.env.WEB_DIST;
const shots = process.env.SCREENSHOTS ?? join(tmpdir(), "carecoop-screenshots");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
assert.ok(carecoop && webDist, "CARECOOP and WEB_DIST must be set (CTest sets them)");
mkdirSync(shots, { recursive: true });

const work = mkdtempSync(join(tmpdir(), "carecoop-browser-"));
const store = `sqlite:${join(work, "region.sqlite")}`;
const sqlite = (sql) => execFileSync("sqlite3", [join(work, "region.sqlite"), sql], { encoding: "utf8" }).trim();
const password = "correct horse battery staple";
let server, base, browser;

function addUser(username, role, ...scope) {
  execFileSync(carecoop, ["user", "add", "--store", store, "--username", username, "--role", role, "--password-stdin", ...scope], {
    input: password + "\n",
  });
}

// The API as a client of it (bearer token), for what a test only sets up.
async function apiAs(username) {
  const signIn = await fetch(`${base}/api/sessions`, { method: "POST", body: JSON.stringify({ username, password }) });
  const { token } = await signIn.json();
  return async (method, path, body) => {
    const r = await fetch(base + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await r.json();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
}

async function signedIn(username) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push(e.message));
  page.on("console", (m) => {
    // A refused inline style or script would show here (the CSP allows none).
    if (m.type() === "error" && /Content Security Policy/.test(m.text())) page.problems.push(m.text());
  });
  await page.goto(`${base}/sign-in`);
  await page.fill("#username", username);
  await page.fill("#password", password);
  await page.click("button[type=submit]");
  await page.waitForSelector("[data-testid=account]");
  return page;
}

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function accessible(page, what) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`),
    [],
    `accessibility of ${what}`,
  );
}

// Waits for the view to finish loading (no "Loading…" left in main).
async function settled(page) {
  await page.waitForFunction(() => !document.querySelector("main")?.textContent?.includes("Loading…"), null, { timeout: 20000 });
}

let hubReferral, council, councilCode, otherCouncilReferral, serverStarted, secureHome;

// The server's clock started on 2025-03-31 at the time of day it started, and runs on.
function serverNow() {
  return new Date(Date.UTC(2025, 2, 31) + (serverStarted % 86400000) + (Date.now() - serverStarted));
}

before(async () => {
  execFileSync(carecoop, ["generate", "--scale", "region", "--rcc", "NW-GM", "--seed", "1", "--store", store], { stdio: "ignore" });
  // Four weeks of payments before the demo's day, as make demo runs them.
  execFileSync(carecoop, ["market", "payments-run", "--rcc", "NW-GM", "--week-from", "2025-03-03", "--weeks", "4", "--store", store], { stdio: "ignore" });
  // The RCC's return for 2025Q1, sent to the national body (docs/national.md).
  const returnFile = join(work, "NW-GM-2025Q1.json");
  execFileSync(carecoop, ["national", "return", "--rcc", "NW-GM", "--quarter", "2025Q1", "--out", returnFile, "--today", "2025-04-01", "--store", store], { stdio: "ignore" });
  execFileSync(carecoop, ["national", "receive", returnFile, "--today", "2025-04-01", "--store", store], { stdio: "ignore" });
  addUser("t.hub", "hub_officer", "--rcc", "NW-GM");
  addUser("t.scrutiny", "scrutiny_officer", "--rcc", "NW-GM");
  addUser("t.commissioner", "commissioner", "--rcc", "NW-GM");
  addUser("t.national", "national_analyst");
  addUser("t.admin", "admin");
  addUser("t.oversight", "market_oversight");
  addUser("t.secure", "national_commissioner");
  // A secure children's home with one bed free: the region has none (England's
  // secure homes lie elsewhere), so a copy of a children's home, made secure.
  const homeColumns = sqlite("SELECT name FROM pragma_table_info('home') WHERE name NOT IN ('id', 'version')").split("\n").join(", ");
  sqlite(
    `INSERT INTO home (${homeColumns}) SELECT ${homeColumns.replace("name, setting", "'Secure Test House', 'secure_childrens_home'")} FROM home WHERE setting = 'childrens_home' AND min_age <= 12 AND max_age >= 16 ORDER BY id LIMIT 1`,
  );
  secureHome = Number(sqlite("SELECT id FROM home WHERE name = 'Secure Test House'"));
  sqlite(`UPDATE home SET max_siblings = 0, solo_only = 0 WHERE id = ${secureHome}`);
  sqlite(`INSERT INTO vacancy (home_id, available_from, status) VALUES (${secureHome}, '2025-03-01', 'open')`);
  const firstProvider = sqlite("SELECT provider_id FROM home GROUP BY provider_id ORDER BY COUNT(*) DESC, provider_id LIMIT 1");
  addUser("t.provider", "provider", "--provider", firstProvider);

  serverStarted = Date.now();
  server = spawn(carecoop, ["serve", "--store", store, "--port", "0", "--today", "2025-03-31", "--web", webDist, "--no-access-log"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  base = await new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/on (http:\/\/[0-9.]+:\d+)\//);
      if (m) resolve(m[1]);
    });
    server.on("exit", (code) => reject(new Error(`carecoop serve exited ${code}: ${out}`)));
  });
  // The walk copies the needs of a planned open referral with a family
  // location and options; the social worker works for its council.
  const hub = await apiAs("t.hub");
  const candidates = sqlite(
    "SELECT id FROM referral WHERE status = 'open' AND needed_by <> 'today' AND primary_family_location_label IS NOT NULL ORDER BY id",
  ).split("\n");
  for (const c of candidates) {
    if ((await hub("GET", `/api/referrals/${c}/options?top=1`)).options.length) {
      hubReferral = Number(c);
      break;
    }
  }
  assert.ok(hubReferral, "the region has a planned open referral with options");
  council = Number(sqlite(`SELECT council_id FROM referral WHERE id = ${hubReferral}`));
  councilCode = sqlite(`SELECT ons_code FROM council WHERE id = ${council}`);
  otherCouncilReferral = Number(sqlite(`SELECT id FROM referral WHERE council_id <> ${council} ORDER BY id LIMIT 1`));
  addUser("t.social-worker", "social_worker", "--council", councilCode);
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox"] });
});

after(async () => {
  await browser?.close();
  server?.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
});

// What each role's navigation offers, and a word each view shows once loaded.
const views = {
  "t.social-worker": [["/children", "Children"], ["/referrals", "Referrals"], ["/referrals/new", "Write a referral"], ["/placements", "Placements"], ["/sufficiency-strategies", "Sufficiency strategies"]],
  "t.hub": [["/queue", "Referral queue"], ["/assignment", "Region-wide assignment"], ["/proposals", "Proposals"], ["/placements", "Placements"], ["/stability", "Placement stability"], ["/liberty", "Deprivation of liberty and unregistered settings"], ["/sufficiency-strategies", "Sufficiency strategies"]],
  "t.scrutiny": [["/proposals", "Proposals"], ["/placements", "Placements"]],
  "t.provider": [["/provider/referrals", "Referrals sent to you"], ["/provider/offers", "Your offers"], ["/provider/homes", "Your homes"], ["/provider/placements", "Your placements"], ["/provider/contracts", "Your contracts"], ["/provider/remittances", "Remittances"], ["/provider/returns", "Financial returns"], ["/sufficiency-strategies", "Sufficiency strategies"]],
  "t.commissioner": [["/sufficiency", "Sufficiency"], ["/spend", "Spend"], ["/budget", "Budget"], ["/contracts", "Contracts"], ["/frameworks", "Frameworks and DPS"], ["/payments", "Payments"], ["/fostering", "Foster carers"], ["/assignment", "Region-wide assignment"], ["/placements", "Placements"], ["/market", "Market"], ["/provider-groups", "Provider groups"], ["/warnings", "Provider warnings"], ["/against-england", "Our RCC against England"], ["/stability", "Placement stability"], ["/liberty", "Deprivation of liberty and unregistered settings"], ["/national/contracts", "National contracts"], ["/simulator", "Policy simulator"], ["/sufficiency-strategies", "Sufficiency strategies"]],
  "t.national": [["/national", "National overview"], ["/national/returns", "RCC returns"], ["/national/rare-needs", "Rare needs"], ["/sufficiency", "Sufficiency"], ["/market", "Market"], ["/liberty", "Deprivation of liberty and unregistered settings"], ["/national/contracts", "National contracts"], ["/simulator", "Policy simulator"], ["/sufficiency-strategies", "Sufficiency strategies"]],
  "t.secure": [["/national/secure-welfare", "Secure welfare"], ["/national/rare-needs", "Rare needs"], ["/liberty", "Deprivation of liberty and unregistered settings"], ["/national/contracts", "National contracts"], ["/simulator", "Policy simulator"], ["/sufficiency-strategies", "Sufficiency strategies"]],
  "t.oversight": [["/market", "Market"], ["/provider-groups", "Provider groups"], ["/profit-cap", "Profit cap"], ["/prices", "Prices paid"], ["/sufficiency-strategies", "Sufficiency strategies"]],
  "t.admin": [["/admin/users", "Users"], ["/admin/audit", "Audit trail"]],
};

// The roles walk side by side (each in its own browser context, reading
// only): axe is most of this test's time, and one walk leaves a core idle.
describe("every role reaches each of its views, and each passes axe", { concurrency: 3 }, () => {
  for (const [user, list] of Object.entries(views)) {
    test(user, async () => {
      const page = await signedIn(user);
      for (const [path, heading] of list) {
        // Through the navigation, as a person would.
        await page.click(`nav a[href="${path}"]`);
        await page.waitForURL(`**${path}`);
        await settled(page);
        assert.equal((await page.textContent("h1")).trim(), heading, `${user} at ${path}`);
        await accessible(page, `${user} at ${path}`);
        await shot(page, `${user.slice(2)}${path.replace(/\//g, "-")}`);
      }
      assert.deepEqual(page.problems, [], "no script error and nothing the CSP refused");
      await page.context().close();
    });
  }
});

// Picks a value in a form field the way a person does: radios and
// checkboxes by their label's input, selects by value, text by typing.
async function fill(page, id, value) {
  const el = page.locator(`[name="${id}"]`).first();
  const type = await el.evaluate((e) => (e.tagName === "SELECT" ? "select" : e.type));
  if (type === "radio") await page.check(`input[name="${id}"][value="${value}"]`);
  else if (type === "select") await page.selectOption(`#${id}`, String(value));
  else await page.fill(`#${id}`, String(value));
}

describe("a referral walked from creation to a booked placement, all in the browser", () => {
  let id, provider;
  test("the social worker writes and submits it; a missing field is shown beside the field", async () => {
    const model = await (await apiAs("t.hub"))("GET", `/api/referrals/${hubReferral}`);
    const page = await signedIn("t.social-worker");
    await page.click('nav a[href="/referrals/new"]');
    // Submitted with no child: the API's error, in the summary and beside the field.
    await page.click("button[type=submit]");
    await page.waitForSelector(".govuk-error-summary");
    assert.match(await page.textContent(".govuk-error-summary"), /Child record number/);
    assert.equal(await page.locator("#childId").evaluate((e) => e.closest(".govuk-form-group").classList.contains("govuk-form-group--error")), true);
    await accessible(page, "the referral form with errors");
    await shot(page, "referral-form-errors");

    await fill(page, "childId", model.childId);
    await fill(page, "neededBy", "after_5_days");
    await fill(page, "latestStartDate", "2025-04-14");
    await fill(page, "referralDate", "2025-03-31"); // the server's today (serve --today)
    for (const k of ["communicationNeeds", "culturalNeeds", "livingCompanions", "pets", "inSchool", "locationsToAvoidKnown"]) await fill(page, k, model[k]);
    for (const k of ["fosterCareSuitability", "residentialCareSuitability", "supportedAccommodationSuitability", "minimumAdultSupportRatio"]) await fill(page, k, model[k]);
    if (model.additionalSupport) await fill(page, "additionalSupport", model.additionalSupport);
    for (const k of ["closeToFamilyRecommended", "mustContinueSchool", "homeAdaptation"]) await fill(page, k, String(model[k]));
    await page.uncheck('input[name="specificCommunicationRequirements"][value="none"]');
    for (const c of model.specificCommunicationRequirements) await page.check(`input[name="specificCommunicationRequirements"][value="${c}"]`);
    for (const r of model.risks) await page.check(`input[value="${r}"]`);
    for (const [field, loc] of [["primaryFamilyLocation", model.primaryFamilyLocation], ["schoolLocation", model.schoolLocation]]) {
      if (!loc) continue;
      await fill(page, field, loc.label);
      await page.fill(`#${field}-lat`, String(loc.lat));
      await page.fill(`#${field}-lon`, String(loc.lon));
    }
    for (const w of ["near_family", "same_school", "pets"]) await page.check(`input[name="childWishes"][value="${w}"]`);
    await fill(page, "childOwnWishes", "Keep going to Saturday football");
    await fill(page, "childViews", "I want to stay near my mum and keep going to my school. I like dogs.");
    await fill(page, "providerSummary", "Aged 11. Wants to stay near family and at the same school; likes dogs.");
    const created = page.waitForResponse((r) => r.url().endsWith("/api/referrals") && r.request().method() === "POST");
    await page.click("button[type=submit]");
    const answer = await created;
    assert.equal(answer.status(), 201, await answer.text());
    await page.waitForURL(/\/referrals\/\d+\?saved=submitted/);
    id = Number(page.url().match(/referrals\/(\d+)/)[1]);
    await settled(page);
    assert.match(await page.textContent("h1"), /Open/);
    assert.match(await page.textContent("[data-testid=child-views]"), /near my mum/);
    await shot(page, "referral-submitted");
    await page.context().close();
  });

  test("the hub sees its options, explained and plotted, and sends it to providers", async () => {
    const page = await signedIn("t.hub");
    await page.goto(`${base}/queue?queue.q=${id}`);
    await settled(page);
    await page.click(`a[href="/referrals/${id}/options"]`);
    await settled(page);
    const options = await page.locator("[data-testid=options] > li").count();
    assert.ok(options > 0, "the referral has ranked options");
    assert.ok((await page.locator("[data-testid=chart] svg circle").count()) >= options, "each option is a point on the plot");
    assert.ok((await page.locator("[data-testid=exclusions] li").count()) > 0, "the exclusion counts are shown");
    await accessible(page, "the options view");
    await page.screenshot({ path: join(shots, "hub-options.png"), fullPage: false });
    await page.click(`a[href="/referrals/${id}"]`);
    await settled(page);
    await page.check("#confirmIdentifiers");
    await page.click('button:has-text("Send to providers")');
    await page.waitForSelector("h1 >> text=Sent to providers");
    provider = Number(sqlite(`SELECT provider_id FROM referral_recipient WHERE referral_id = ${id} ORDER BY provider_id LIMIT 1`));
    addUser("t.recipient", "provider", "--provider", String(provider));
    await page.context().close();
  });

  test("a provider it was sent to offers a home with its fee breakdown", async () => {
    const page = await signedIn("t.recipient");
    await page.click(`a[href="/provider/referrals/${id}"]`);
    await settled(page);
    const text = await page.textContent("main");
    assert.doesNotMatch(text, /near my mum/, "the provider never sees the child's own words");
    const home = await page.locator("#homeId option").nth(1).getAttribute("value");
    await fill(page, "homeId", home);
    await fill(page, "coreFee", "4200");
    await fill(page, "staffingFee", "300");
    await fill(page, "startDate", "2025-04-07");
    await accessible(page, "the provider's offer form");
    await page.click('button:has-text("Send offer")');
    await page.waitForSelector("text=Your offer is with the hub.");
    await shot(page, "provider-offer");
    await page.context().close();
  });

  test("the hub proposes the offer with the child's views; scrutiny approves; the place is booked", async () => {
    const hub = await signedIn("t.hub");
    await hub.goto(`${base}/referrals/${id}`);
    await settled(hub);
    await hub.waitForSelector("[data-testid=table-offers]");
    assert.match(await hub.textContent("[data-testid=table-offers]"), /£4,500/, "the weekly fee is the breakdown's sum");
    const offer = await hub.locator("#offerId option").nth(1).getAttribute("value");
    // Proposing before the child's view is recorded is refused, beside the field.
    await fill(hub, "offerId", offer);
    await fill(hub, "reasonNotTop", "The only home offered.");
    await hub.click('button:has-text("Propose for scrutiny")');
    await hub.waitForSelector(".govuk-error-summary >> text=record the child's view");
    await fill(hub, "viewOffer", offer);
    await hub.check('input[name="view"][value="wants"]');
    await fill(hub, "why", "It is near mum and has a dog.");
    await hub.click('button:has-text("Record the child\'s view")');
    await hub.waitForSelector("[data-testid=table-offers] >> text=Wants it");
    await fill(hub, "offerId", offer);
    await fill(hub, "childViews", "Wants this home: it is near mum and has a dog.");
    await fill(hub, "reasonNotTop", "The only home offered.");
    await hub.click('button:has-text("Propose for scrutiny")');
    await hub.waitForSelector("h1 >> text=Proposed");
    await hub.context().close();

    const scrutiny = await signedIn("t.scrutiny");
    await settled(scrutiny);
    const link = scrutiny.locator(`[data-testid=table-proposals] a`).first();
    await link.click();
    await settled(scrutiny);
    assert.match(await scrutiny.textContent("[data-testid=views-on-option]"), /near mum/);
    await accessible(scrutiny, "a proposal awaiting decision");
    await fill(scrutiny, "reasons", "Meets the needs; near family; the child wants it.");
    await scrutiny.click('button:has-text("Approve and book")');
    await scrutiny.waitForSelector("text=Approved: the place is booked.");
    await shot(scrutiny, "scrutiny-approved");
    await scrutiny.context().close();

    assert.equal(sqlite(`SELECT status FROM referral WHERE id = ${id}`), "placed");
    assert.equal(sqlite(`SELECT COUNT(*) FROM placement WHERE referral_id = ${id}`), "1");

    // The referral's timeline tells every step, with who.
    const sw = await signedIn("t.social-worker");
    await sw.goto(`${base}/referrals/${id}`);
    await settled(sw);
    await sw.waitForSelector("[data-testid=timeline] >> text=Scrutiny decided");
    const timeline = await sw.textContent("[data-testid=timeline]");
    for (const step of ["Referral written", "Sent to providers", "Provider answered", "Proposed for scrutiny", "Scrutiny decided"])
      assert.match(timeline, new RegExp(step), step);
    assert.match(timeline, /by t\.hub/);
    await sw.context().close();
  });
});

// Takes a referral to a pending proposal through the API (setup only).
async function toProposal(offerHome = true, deadlineSeconds = 0) {
  const hub = await apiAs("t.hub");
  const queue = (await hub("GET", "/api/queue")).queue;
  for (const q of queue) {
    if (q.status !== "open" || q.neededBy === "today") continue; // an emergency is booked when proposed
    const ranked = await hub("GET", `/api/referrals/${q.referralId}/options?top=1`);
    if (!ranked.options.length) continue;
    const send = { confirmIdentifiers: true };
    if (deadlineSeconds) send.deadline = new Date(serverNow().getTime() + deadlineSeconds * 1000).toISOString().replace(/\.\d+Z$/, "Z");
    const sent = await hub("POST", `/api/referrals/${q.referralId}/send`, send);
    const recipient = sent.sentTo[0].providerId;
    const name = `t.p${recipient}`;
    if (sqlite(`SELECT COUNT(*) FROM app_user WHERE username = '${name}'`) === "0") addUser(name, "provider", "--provider", String(recipient));
    if (!offerHome) return { referral: q.referralId, provider: name };
    const p = await apiAs(name);
    const anon = await p("GET", `/api/provider/referrals/${q.referralId}`);
    const offer = await p("POST", `/api/referrals/${q.referralId}/offers`, {
      decision: "offer", homeId: anon.yourEligibleHomes[0], coreFee: 400000, startDate: "2025-04-07",
    });
    await hub("POST", `/api/offers/${offer.id}/child-view`, { view: "doesnt_mind", why: "Any home near school" });
    const proposal = await hub("POST", `/api/referrals/${q.referralId}/proposals`, {
      offerId: offer.id, childViews: "Doesn't mind.", reasonNotTop: "Only offer.",
    });
    return { referral: q.referralId, proposal: proposal.proposal.id, provider: name };
  }
  throw new Error("no open referral with options left");
}

test("an offer lapses at its deadline: shown as lapsed, and not proposed after it", async () => {
  const { referral, provider } = await toProposal(false, 8);
  const p = await apiAs(provider);
  const anon = await p("GET", `/api/provider/referrals/${referral}`);
  const offer = await p("POST", `/api/referrals/${referral}/offers`, { decision: "offer", homeId: anon.yourEligibleHomes[0], coreFee: 400000, startDate: "2025-04-07" });
  const hubApi = await apiAs("t.hub");
  await hubApi("POST", `/api/offers/${offer.id}/child-view`, { view: "wants", why: "Near school" });
  while (serverNow() <= new Date(offer.deadline)) await new Promise((r) => setTimeout(r, 500));
  await new Promise((r) => setTimeout(r, 1000));
  const page = await signedIn("t.hub");
  await page.goto(`${base}/referrals/${referral}`);
  await settled(page);
  await page.waitForSelector("[data-testid=table-offers]");
  assert.match(await page.textContent("[data-testid=table-offers]"), /Lapsed/);
  // The fair price of a place in that home for this child, beside the fee.
  const listed = (await hubApi("GET", `/api/referrals/${referral}/offers`)).offers.find((o) => o.id === offer.id);
  assert.ok(listed.fairPrice && listed.fairPrice.weekly > 0, "the hub sees the fair price beside the fee");
  assert.equal(listed.fairPrice.difference, listed.weeklyFee - listed.fairPrice.weekly);
  const fair = (listed.fairPrice.weekly / 100).toLocaleString("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });
  assert.ok((await page.textContent("[data-testid=table-offers]")).includes(fair), `fair price ${fair} shown`);
  await assert.rejects(hubApi("POST", `/api/referrals/${referral}/proposals`, { offerId: offer.id }), /409.*lapsed/);
  await shot(page, "offer-lapsed");
  await page.context().close();
});

test("a social worker withdraws a referral, with why; the timeline shows it", async () => {
  const open = sqlite(`SELECT id FROM referral WHERE council_id = ${council} AND status = 'open' ORDER BY id DESC LIMIT 1`);
  assert.ok(open, "the council has an open referral");
  const page = await signedIn("t.social-worker");
  await page.goto(`${base}/referrals/${open}`);
  await settled(page);
  await page.click("summary >> text=Withdraw this referral");
  await page.click('button:has-text("Withdraw referral")'); // without a reason: refused, beside the field
  await page.waitForSelector(".govuk-error-summary");
  await fill(page, "reason", "Returned home to mum under a supervision order.");
  await page.click('button:has-text("Withdraw referral")');
  await page.waitForSelector("h1 >> text=Withdrawn");
  await page.waitForSelector("[data-testid=timeline] >> text=Referral withdrawn");
  assert.match(await page.textContent("[data-testid=timeline]"), /Referral withdrawn[\s\S]*by t\.social-worker/);
  await accessible(page, "a withdrawn referral");
  await shot(page, "referral-withdrawn");
  assert.equal(sqlite(`SELECT status FROM referral WHERE id = ${open}`), "withdrawn");
  await page.context().close();
});

test("a provider publishes a vacancy, which then appears in the hub's options", async () => {
  const hubApi = await apiAs("t.hub");
  // A referral and a home among its options; the home's places are all taken first.
  const queue = (await hubApi("GET", "/api/queue")).queue;
  let referral, home;
  for (const q of queue) {
    const ranked = await hubApi("GET", `/api/referrals/${q.referralId}/options?top=1`);
    if (ranked.options.length) {
      referral = q.referralId;
      home = ranked.options[0].home;
      break;
    }
  }
  assert.ok(home, "a referral with options");
  const providerId = sqlite(`SELECT provider_id FROM home WHERE id = ${home.id}`);
  const name = `t.pv${providerId}`;
  addUser(name, "provider", "--provider", providerId);
  const p = await apiAs(name);
  for (const v of sqlite(`SELECT id FROM vacancy WHERE home_id = ${home.id} AND status = 'open'`).split("\n").filter(Boolean))
    await p("POST", `/api/vacancies/${v}/withdraw`, {});
  const inOptions = async () => (await hubApi("GET", `/api/referrals/${referral}/options?top=100`)).options.some((o) => o.home.id === home.id);
  assert.equal(await inOptions(), false, "no free place: not an option");
  const page = await signedIn(name);
  await page.goto(`${base}/provider/homes`);
  await settled(page);
  await page.click(`a[href="/provider/homes/${home.id}"]`);
  await settled(page);
  await fill(page, "availableFrom", serverNow().toISOString().slice(0, 10));
  await page.click('button:has-text("Publish vacancy")');
  await page.waitForSelector("text=Vacancy published");
  // The provider changes what the home offers: too few places is refused beside the field.
  await page.click("summary >> text=Change what this home offers");
  await fill(page, "registeredPlaces", "0");
  await page.click('button:has-text("Save changes")');
  await page.waitForSelector(".govuk-error-summary >> text=Registered places");
  // A need it can now meet (more capability never removes it from the options).
  const needsBefore = sqlite(`SELECT needs_met FROM home WHERE id = ${home.id}`);
  const places = sqlite(`SELECT registered_places FROM home WHERE id = ${home.id}`);
  await fill(page, "registeredPlaces", places);
  await page.locator('input[name="needsMet"]:not(:checked)').first().check();
  await page.click('button:has-text("Save changes")');
  await page.waitForSelector("text=is updated: hubs see it in their next search.");
  assert.notEqual(sqlite(`SELECT needs_met FROM home WHERE id = ${home.id}`), needsBefore);
  await accessible(page, "a provider's home");
  await shot(page, "provider-vacancy-published");
  await page.context().close();
  const hub = await signedIn("t.hub");
  await hub.goto(`${base}/referrals/${referral}/options`);
  await settled(hub);
  assert.match(await hub.textContent("[data-testid=options]"), new RegExp(home.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  await hub.context().close();
});

test("scrutiny sends a proposal back with reasons", async () => {
  const { proposal, referral } = await toProposal();
  const page = await signedIn("t.scrutiny");
  await page.goto(`${base}/proposals/${proposal}`);
  await settled(page);
  await page.click('button:has-text("Send back")'); // without reasons: refused, beside the field
  await page.waitForSelector(".govuk-error-summary");
  await fill(page, "reasons", "The start date is too late for the school term.");
  await page.click('button:has-text("Send back")');
  await page.waitForSelector("text=Sent back to the hub with your reasons.");
  await shot(page, "scrutiny-sent-back");
  assert.equal(sqlite(`SELECT status FROM proposal WHERE id = ${proposal}`), "sent_back");
  assert.equal(sqlite(`SELECT status FROM referral WHERE id = ${referral}`), "sent_to_providers");
  await page.context().close();
});

test("a provider declines with a reason", async () => {
  const { referral, provider } = await toProposal(false);
  const page = await signedIn(provider);
  await page.goto(`${base}/provider/referrals/${referral}`);
  await settled(page);
  await page.check('input[name="decision"][value="decline"]');
  await fill(page, "homeId", await page.locator("#homeId option").nth(1).getAttribute("value"));
  await page.click('button:has-text("Send decline")'); // without a reason: the API's error
  await page.waitForSelector(".govuk-error-summary");
  assert.match(await page.textContent(".govuk-error-summary"), /Reason/);
  await fill(page, "declineReason", "No carer with the skills for this child's needs is free.");
  await page.click('button:has-text("Send decline")');
  await page.waitForSelector("text=Your decline is recorded.");
  await shot(page, "provider-decline");
  assert.equal(sqlite(`SELECT status FROM offer WHERE referral_id = ${referral} ORDER BY id DESC LIMIT 1`), "declined");
  await page.context().close();
});

test("the commissioner's sufficiency chart renders with the region's data", async () => {
  const page = await signedIn("t.commissioner");
  await settled(page);
  await page.waitForSelector("[data-testid=chart] svg");
  const bars = await page.locator("[data-testid=chart] svg rect").count();
  const dots = await page.locator("[data-testid=chart] svg circle").count();
  assert.ok(bars >= 10 && dots >= 10, `bars ${bars}, dots ${dots}: one of each per age band and category`);
  const rows = await page.locator("[data-testid=table-sufficiency] tbody tr").count();
  assert.equal(rows, dots, "the table beside the chart holds the same rows");
  await page.screenshot({ path: join(shots, "commissioner-sufficiency.png"), fullPage: false });
  await page.context().close();
});

test("the commissioner's spend adds up the payments, by council and by route", async () => {
  const page = await signedIn("t.commissioner");
  await page.goto(`${base}/spend?from=2025-01-01&to=2026-01-01`);
  await settled(page);
  const rcc = sqlite("SELECT id FROM rcc WHERE code = 'NW-GM'");
  const pence = Number(sqlite(`SELECT COALESCE(SUM(amount - recovered), 0) FROM payment WHERE rcc_id = ${rcc} AND status <> 'cancelled' AND week_start >= '2025-01-01' AND week_start < '2026-01-01'`));
  assert.ok(pence > 0, "the walked referral's placement is paid weekly");
  const pounds = (pence / 100).toLocaleString("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });
  assert.ok((await page.textContent("[data-testid=spend-total]")).includes(pounds), `the total is ${pounds}`);
  assert.ok((await page.locator("[data-testid=table-spend-by-council] tbody tr").count()) >= 1);
  assert.ok((await page.locator("[data-testid=table-spend-by-route] tbody tr").count()) >= 1);
  await accessible(page, "spend");
  await shot(page, "commissioner-spend");
  await page.context().close();
});

test("the commissioner's contracts register lists every contract, inherited ones with the council and decision", async () => {
  const page = await signedIn("t.commissioner");
  await page.goto(`${base}/contracts`);
  await settled(page);
  const rcc = sqlite("SELECT id FROM rcc WHERE code = 'NW-GM'");
  const all = Number(sqlite(`SELECT COUNT(*) FROM contract WHERE rcc_id = ${rcc}`));
  const inherited = Number(sqlite(`SELECT COUNT(*) FROM contract WHERE rcc_id = ${rcc} AND inherited_from_council_id IS NOT NULL`));
  const undecided = Number(sqlite(`SELECT COUNT(*) FROM contract WHERE rcc_id = ${rcc} AND inherited_from_council_id IS NOT NULL AND decision = 'undecided'`));
  assert.ok(all > 0 && inherited > 0, `the region has contracts (${all}), inherited ones (${inherited})`);
  const summary = await page.textContent("[data-testid=contracts-summary]");
  assert.ok(summary.includes(`${all} contracts`) && summary.includes(`${inherited} inherited`) && summary.includes(`${undecided} awaiting`), summary);
  assert.equal(await page.locator("[data-testid=table-contracts] tbody tr").count(), Math.min(all, 200), "a page of 200 at most");
  // A council's name and a decision stand in an inherited contract's row.
  const council = sqlite(`SELECT c.name FROM contract k JOIN council c ON c.id = k.inherited_from_council_id WHERE k.rcc_id = ${rcc} ORDER BY k.id LIMIT 1`);
  assert.ok((await page.locator("[data-testid=table-contracts] tbody").textContent()).includes(council), council);
  // The commissioner records a decision on an undecided inherited contract.
  const pick = sqlite(`SELECT id || ':' || reference FROM contract WHERE rcc_id = ${rcc} AND inherited_from_council_id IS NOT NULL AND decision = 'undecided' ORDER BY reference LIMIT 1`).split(":");
  await page.click("text=Record a decision on an inherited contract");
  await page.click("button:has-text('Record the decision')");
  await page.waitForSelector(".govuk-error-summary >> text=Choose the inherited contract");
  await page.selectOption("#contractId", pick[0]);
  await page.check("#decision");
  await page.click("button:has-text('Record the decision')");
  await page.waitForSelector(`.govuk-notification-banner >> text=Recorded for ${pick[1]}`);
  assert.equal(sqlite(`SELECT decision FROM contract WHERE id = ${pick[0]}`), "keep");
  await page.waitForFunction((n) => document.querySelector("[data-testid=contracts-summary]").textContent.includes(`${n} awaiting`), undecided - 1);
  await accessible(page, "contracts");
  await shot(page, "commissioner-contracts");
  // Each placement shows its fair price beside its fee, and how far above it is.
  await page.goto(`${base}/placements`);
  await settled(page);
  const first = page.locator("[data-testid=table-placements] tbody tr").first();
  const cells = await first.locator("td").allTextContents();
  assert.ok(cells.some((c) => /^£[\d,]+$/.test(c.trim())) && cells.some((c) => /%/.test(c)), cells.join(" | "));
  await accessible(page, "placements");
  await page.context().close();
});

test("the commissioner sees each framework's lots and who is admitted; a provider its own contracts and admissions", async () => {
  const page = await signedIn("t.commissioner");
  await page.goto(`${base}/frameworks`);
  await settled(page);
  const rcc = sqlite("SELECT id FROM rcc WHERE code = 'NW-GM'");
  const frameworks = sqlite(`SELECT id || ':' || reference FROM framework WHERE rcc_id = ${rcc} ORDER BY id`).split("\n").filter(Boolean);
  assert.ok(frameworks.length >= 2, "the region lets a framework and a DPS");
  assert.equal(await page.locator("[data-testid=framework]").count(), frameworks.length);
  for (const f of frameworks) {
    const [id, reference] = f.split(":");
    const lots = Number(sqlite(`SELECT json_array_length(lots) FROM framework WHERE id = ${id}`));
    assert.equal(await page.locator(`[data-testid=table-lots-${id}] tbody tr`).count(), lots, reference);
    // The first lot's admitted providers, counted from the store.
    const lot = sqlite(`SELECT json_extract(lots, '$[0].code') FROM framework WHERE id = ${id}`);
    const admitted = Number(sqlite(`SELECT COUNT(*) FROM contract k, json_each(k.fees) f WHERE k.framework_id = ${id} AND json_extract(f.value, '$.lot') = '${lot}'`));
    const row = page.locator(`[data-testid=table-lots-${id}] tbody tr`, { hasText: lot }).first();
    assert.ok((await row.textContent()).includes(String(admitted)), `${reference} ${lot}: ${admitted} admitted`);
  }
  await accessible(page, "frameworks");
  await shot(page, "commissioner-frameworks");
  await page.context().close();

  const provider = await signedIn("t.provider");
  await provider.goto(`${base}/provider/contracts`);
  await settled(provider);
  const pid = sqlite("SELECT provider_id FROM home GROUP BY provider_id ORDER BY COUNT(*) DESC, provider_id LIMIT 1");
  const held = Number(sqlite(`SELECT COUNT(*) FROM contract WHERE provider_id = ${pid}`));
  assert.equal(await provider.locator("[data-testid=table-provider-contracts] tbody tr").count(), Math.min(held, 200));
  await accessible(provider, "provider-contracts");
  await provider.context().close();
});

test("the commissioner sees the budget by council with spend, forecast and variance, and the foster-carer funnel", async () => {
  const page = await signedIn("t.commissioner");
  await page.goto(`${base}/budget?year=2024`);
  await settled(page);
  const rcc = sqlite("SELECT id FROM rcc WHERE code = 'NW-GM'");
  const councils = Number(sqlite(`SELECT COUNT(*) FROM rcc_member WHERE rcc_id = ${rcc}`));
  const budget = Number(sqlite(`SELECT SUM(amount) FROM budget_line WHERE rcc_id = ${rcc} AND year = 2024`));
  assert.ok(budget > 0, "the region's 2024 budget is set");
  const money = (p) => (p / 100).toLocaleString("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });
  const total = await page.textContent("[data-testid=budget-total]");
  assert.ok(total.includes(`budget ${money(budget)}`), total);
  assert.ok(total.includes("share of children in care"), total);
  // One row per council and the RCC's total; each variance is its forecast less its budget.
  const rows = page.locator("[data-testid=table-budget] tbody tr");
  assert.equal(await rows.count(), councils + 1);
  assert.ok((await page.locator("[data-testid=chart] svg rect").count()) >= 3 * councils, "three bars a council");
  await accessible(page, "budget");
  await shot(page, "commissioner-budget");

  await page.goto(`${base}/fostering`);
  await settled(page);
  const from = await page.textContent("h2");
  const funnel = page.locator("[data-testid=table-funnel] tbody tr");
  assert.equal(await funnel.count(), 4, "enquiry, application, assessment, approval");
  const enquiries = Number(sqlite(`SELECT COUNT(*) FROM carer_application a JOIN rcc_member m ON m.council_id = a.council_id WHERE m.rcc_id = ${rcc} AND a.enquiry >= date('2025-03-31', '-365 days') AND a.enquiry < '2025-04-01'`));
  assert.ok(enquiries > 0, from);
  assert.ok((await funnel.nth(0).textContent()).includes(String(enquiries)), `${enquiries} enquiries`);
  const households = Number(sqlite(`SELECT COUNT(*) FROM home h JOIN provider p ON p.id = h.provider_id JOIN rcc_member m ON m.council_id = p.council_id WHERE m.rcc_id = ${rcc} AND p.ownership = 'council' AND h.setting = 'fostering_household' AND h.connected_person = 0`));
  assert.equal(Number(await page.textContent("[data-testid=households]")), households);
  await accessible(page, "fostering");
  await shot(page, "commissioner-fostering");
  await page.context().close();
});

test("the commissioner runs a week's payments once, and the provider reads its remittance line by line", async () => {
  const page = await signedIn("t.commissioner");
  await page.goto(`${base}/payments`);
  await settled(page);
  assert.equal(await page.locator("[data-testid=table-payment-runs] tbody tr").count(), 4, "the four weeks run before the demo's day");
  await page.fill("#weekFrom", "2025-03-31");
  await page.click("button:has-text('Run payments for this week')");
  await page.waitForSelector(".govuk-notification-banner >> text=for the week from 2025-03-31");
  await page.waitForSelector("[data-testid=table-payment-runs] tbody tr:nth-child(5)");
  await page.click("button:has-text('Run payments for this week')");
  await page.waitForSelector(".govuk-notification-banner >> text=was run already");
  assert.equal(await page.locator("[data-testid=table-payment-runs] tbody tr").count(), 5, "a week is run once");
  await page.fill("#weekFrom", "");
  await page.click("button:has-text('Run payments for this week')");
  await page.waitForSelector(".govuk-error-summary >> text=Week from");
  // The joint funders' invoices for the weeks run: the health and education
  // shares of what was paid, as the store's shares make them (to within a
  // penny a payment: each is split by the largest remainder).
  const weeks = sqlite(`SELECT MIN(week_from) || ' ' || date(MAX(week_from), '+7 days') FROM payment_run`).split(" ");
  const expected = Number(sqlite(`SELECT COALESCE(SUM((p.amount - p.recovered) * (pl.health_share_bp + pl.education_share_bp) / 10000.0), 0) FROM payment p JOIN placement pl ON pl.id = p.placement_id WHERE p.status = 'paid' AND p.week_start >= '${weeks[0]}' AND p.week_start < '${weeks[1]}'`));
  const count = Number(sqlite(`SELECT COUNT(*) FROM payment p JOIN placement pl ON pl.id = p.placement_id WHERE p.status = 'paid' AND p.week_start >= '${weeks[0]}' AND p.week_start < '${weeks[1]}' AND pl.health_share_bp + pl.education_share_bp > 0`));
  assert.ok(expected > 0, "some placements paid are jointly funded");
  const invoiced = await page.textContent("[data-testid=invoices-total]");
  const shown = Number(invoiced.replace(/.*£([\d,.]+) in all.*/, "$1").replace(/,/g, "")) * 100;
  assert.ok(Math.abs(shown - expected) <= 100 + 2 * count, `${invoiced} against ${expected / 100} (shown to the pound)`);
  assert.ok((await page.locator("[data-testid=table-invoices] tbody tr").count()) >= 1);
  await accessible(page, "payments");
  await shot(page, "commissioner-payments");
  await page.context().close();

  const provider = await signedIn("t.provider");
  await provider.goto(`${base}/provider/remittances`);
  await settled(provider);
  const pid = sqlite("SELECT provider_id FROM home GROUP BY provider_id ORDER BY COUNT(*) DESC, provider_id LIMIT 1");
  const latest = sqlite("SELECT MAX(week_from) FROM payment_run");
  const pence = Number(sqlite(`SELECT COALESCE(SUM(p.amount), 0) FROM payment p JOIN placement pl ON pl.id = p.placement_id JOIN home h ON h.id = pl.home_id JOIN payment_run r ON r.id = p.run_id WHERE h.provider_id = ${pid} AND r.week_from = '${latest}' AND p.status = 'paid'`));
  assert.ok(pence > 0, "the provider was paid in the latest run");
  const lines = Number(sqlite(`SELECT COUNT(*) FROM payment p JOIN placement pl ON pl.id = p.placement_id JOIN home h ON h.id = pl.home_id JOIN payment_run r ON r.id = p.run_id WHERE h.provider_id = ${pid} AND r.week_from = '${latest}' AND p.status = 'paid'`));
  assert.ok((await provider.textContent("h2")).includes(latest), "the latest run first");
  assert.ok((await provider.locator("[data-testid=table-remittance-lines] tbody tr").count()) >= Math.min(lines, 200));
  const voids = Number(sqlite(`SELECT COALESCE(SUM(b.void_cost), 0) FROM block_utilisation b JOIN contract k ON k.id = b.contract_id WHERE k.provider_id = ${pid} AND b.week_from = '${latest}'`));
  const recovered = Number(sqlite(`SELECT COALESCE(SUM(p.recovered), 0) FROM payment p JOIN placement pl ON pl.id = p.placement_id JOIN home h ON h.id = pl.home_id WHERE h.provider_id = ${pid} AND p.recovered_in = '${latest}'`));
  const total = ((pence + voids - recovered) / 100).toLocaleString("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });
  assert.ok((await provider.locator("[data-testid=table-remittances] tbody").textContent()).includes(total), `the latest total is ${total}`);
  await accessible(provider, "remittances");
  await shot(provider, "provider-remittances");
  await provider.context().close();
});

test("the hub accepts a region-wide assignment proposal, which sends that referral", async () => {
  const page = await signedIn("t.hub");
  await page.goto(`${base}/assignment`);
  await settled(page);
  await page.waitForSelector("[data-testid=table-comparison]");
  assert.match(await page.textContent("[data-testid=table-comparison]"), /Needs-led[\s\S]*Cheapest-first/);
  const button = page.locator('[data-testid=table-assignment] tbody button:has-text("Accept")').first();
  const label = await button.textContent();
  const referral = Number(label.match(/referral (\d+)/)[1]);
  await button.click();
  await page.waitForSelector("text=accepted and sent to providers");
  assert.equal(sqlite(`SELECT status FROM referral WHERE id = ${referral}`), "sent_to_providers");
  await accessible(page, "region-wide assignment");
  await shot(page, "hub-assignment");
  await page.context().close();
});

test("an admin disables a user, who is signed out at once", async () => {
  addUser("t.leaver", "national_analyst");
  const leaver = await signedIn("t.leaver");
  const page = await signedIn("t.admin");
  await page.goto(`${base}/admin/users?users.q=t.leaver`);
  await settled(page);
  await page.click('[data-testid=table-users] tbody button:has-text("Disable")');
  await page.waitForSelector("text=t.leaver is disabled and signed out.");
  assert.equal(sqlite("SELECT status FROM app_user WHERE username = 't.leaver'"), "disabled");
  await accessible(page, "users");
  await page.context().close();
  await leaver.goto(`${base}/national`);
  await leaver.waitForSelector("#username"); // back at the sign-in page
  await leaver.context().close();
});

test("CSRF: a change sent from the page without the token is refused", async () => {
  const page = await signedIn("t.social-worker");
  const answer = await page.evaluate(async () => {
    const r = await fetch("/api/referrals", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    return { status: r.status, body: await r.json() };
  });
  assert.equal(answer.status, 403);
  assert.equal(answer.body.error.field, "X-CSRF-Token");
  await page.context().close();
});

test("another council's referral typed into the address shows not found", async () => {
  const page = await signedIn("t.social-worker");
  await page.goto(`${base}/referrals/${otherCouncilReferral}`);
  await settled(page);
  assert.equal((await page.textContent("h1")).trim(), "Not found");
  assert.doesNotMatch(await page.textContent("main"), /Child record/);
  await shot(page, "not-found");
  await page.context().close();
});

test("signing out ends the session, and the sign-in page says why", async () => {
  const page = await signedIn("t.hub");
  // Regression (CI, 2026-12-03): "Sign out everywhere" showed "You have
  // signed out" instead. The app's link handler also took the click and went
  // to /sign-in, which sent the still signed-in person back to the queue,
  // whose request then met the ended session; and a request in flight at
  // signing out that answers 401 afterwards did the same. Hold one until
  // after signing out, and record every address the page goes to.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route("**/api/queue*", async (route) => {
    await held;
    await route.continue();
  });
  // The request held is the one the queue view sends now; a queue request
  // of the first page still in flight when the route was set (CI, under
  // load) must not stand in for it (it answers 200 in the live session).
  const sent = page.waitForRequest((r) => r.url().includes("/api/queue"));
  await page.click('nav a[href="/proposals"]');
  await page.click('nav a[href="/queue"]');
  const heldRequest = await sent;
  const addresses = [];
  page.on("framenavigated", (f) => addresses.push(f.url().slice(base.length)));
  await page.click("text=Sign out everywhere");
  await page.waitForURL(/sign-in\?reason=signed-out-everywhere/);
  release();
  assert.equal((await heldRequest.response()).status(), 401, "the held request was answered after the session ended");
  await page.waitForTimeout(200); // for the app to have handled that answer
  assert.deepEqual(addresses, ["/sign-in?reason=signed-out-everywhere"], "straight to the sign-in page, and nowhere after");
  assert.match(await page.textContent("main"), /signed out on every device/);
  await page.unroute("**/api/queue*");
  await page.goto(`${base}/queue`);
  await page.waitForSelector("#username");
  assert.match(page.url(), /sign-in\?next=%2Fqueue/);
  await accessible(page, "the sign-in page");
  await page.context().close();
});

// Market oversight (docs/oversight.md): each view's figures against the API's
// and the store's, the profit measure's adjustments, the failure scenario
// and the provider's return form with its error summary.
test("market oversight: the register's stages and reasons, a group's profit measure and failure scenario", async () => {
  const oversight = await apiAs("t.oversight");
  const { groups } = await oversight("GET", "/api/oversight/groups");
  assert.equal(groups.length, Number(sqlite("SELECT COUNT(*) FROM provider_group")), "every group in the register");
  const page = await signedIn("t.oversight");
  await page.goto(`${base}/provider-groups`);
  await settled(page);
  const rows = page.locator("[data-testid=table-groups] tbody tr");
  assert.equal(await rows.count(), Math.min(groups.length, 200));
  // The first row is the API's first group: in scope, with its stage.
  const first = groups[0];
  assert.ok(first.inScope, "groups in scope come first");
  assert.match(await rows.first().textContent(), new RegExp(`Stage ${first.risk.stage}`));
  await accessible(page, "the groups register");
  // A group in distress: its page shows the stage's reasons and the profit's adjustments.
  const distressed = groups.find((g) => g.risk && g.risk.stage === "4");
  assert.ok(distressed, "synthetic England has a group at stage 4");
  await page.goto(`${base}/oversight/groups/${distressed.id}`);
  await settled(page);
  const reasons = await page.textContent("[data-testid=stage-reasons]");
  for (const r of distressed.risk.severe) assert.ok(reasons.includes(r), `reason shown: ${r}`);
  const detail = await oversight("GET", `/api/oversight/groups/${distressed.id}`);
  const profit = await page.textContent("[data-testid=profit]");
  for (const a of detail.profit.adjustments) assert.ok(profit.includes(a.what), `adjustment shown: ${a.what}`);
  const sum = detail.profit.profitBeforeTax + detail.profit.adjustments.reduce((t, a) => t + a.amount, 0);
  assert.equal(sum, detail.profit.profit, "profit before tax plus the adjustments is the regulated profit");
  // The failure scenario: the page's figures are the API's.
  await page.click("text=Run the failure scenario");
  await page.waitForSelector("[data-testid=failure]");
  const failure = await oversight("GET", `/api/oversight/groups/${distressed.id}/failure`);
  const said = await page.textContent("[data-testid=failure]");
  assert.ok(said.includes(`${failure.impact.children} children need another home`), said);
  const children = Number(sqlite(`SELECT COUNT(*) FROM placement p JOIN home h ON h.id = p.home_id JOIN provider v ON v.id = h.provider_id WHERE p.end_date IS NULL AND v.group_id = ${distressed.id}`));
  assert.equal(failure.impact.children, children, "every child living in the group's homes is re-placed");
  await accessible(page, "a group's page");
  // Open a business review and record a milestone: on the record.
  await page.selectOption("#kind", "business_review");
  await page.fill("#reason", "Stage 4: losses and debt");
  await page.click("text=Open the case");
  await page.waitForSelector("text=Case opened.");
  await page.click("text=Record a milestone");
  await page.waitForSelector("text=Milestone recorded.");
  assert.equal(Number(sqlite(`SELECT COUNT(*) FROM oversight_case WHERE group_id = ${distressed.id}`)), 1);
  await shot(page, "oversight-group");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("market oversight: the profit cap what-if, 0% to 25%, and the published prices", async () => {
  const oversight = await apiAs("t.oversight");
  const page = await signedIn("t.oversight");
  await page.goto(`${base}/profit-cap`);
  await page.waitForSelector("[data-testid=table-what-if]", { timeout: 60000 });
  const { levels } = await oversight("GET", "/api/oversight/profit-cap/what-if");
  assert.equal(levels.length, 26);
  assert.equal(await page.locator("[data-testid=table-what-if] tbody tr").count(), 26);
  // Repayment falls as the cap rises; at 25% no fewer groups stay whole than at 0%.
  for (let i = 1; i < levels.length; i++) assert.ok(levels[i].repaid <= levels[i - 1].repaid);
  assert.ok(levels[0].impact.placesLeaving >= levels[25].impact.placesLeaving);
  assert.equal(await page.locator("[data-testid=chart]").count(), 1, "one chart, with its table");
  await accessible(page, "the profit cap");
  await page.goto(`${base}/prices`);
  await settled(page);
  const published = await oversight("GET", "/api/oversight/prices/published");
  assert.equal(await page.locator("[data-testid=table-published] tbody tr").count(), Math.min(200, published.cells.length));
  for (const c of published.cells) if (c.suppressed) assert.equal(c.fees, null, "a suppressed cell gives no figure");
  await accessible(page, "the published prices");
  await page.context().close();
});

test("a commissioner's market: HHI and prices as the API gives them, and the warnings that concern the RCC", async () => {
  const commissioner = await apiAs("t.commissioner");
  const rcc = sqlite("SELECT id FROM rcc WHERE code = 'NW-GM'");
  const market = await commissioner("GET", `/api/rccs/${rcc}/market`);
  const page = await signedIn("t.commissioner");
  await page.goto(`${base}/market`);
  await settled(page);
  const table = await page.textContent("[data-testid=table-concentration]");
  assert.ok(table.includes(String(market.concentration.hhiPlaces)), "the HHI of places is the API's");
  assert.equal(await page.locator("[data-testid=table-prices] tbody tr").count(), market.prices.length);
  await page.goto(`${base}/warnings`);
  await settled(page);
  const { warnings } = await commissioner("GET", `/api/rccs/${rcc}/oversight-warnings`);
  assert.equal(await page.locator("[data-testid=warning]").count(), warnings.length);
  await accessible(page, "the commissioner's warnings");
  await page.context().close();
});

test("the national analyst sees England from the RCCs' returns; the commissioner their RCC against England", async () => {
  const national = await apiAs("t.national");
  const { quarters } = await national("GET", "/api/national/returns/overview");
  assert.equal(quarters.length, 1);
  const q = quarters[0];
  assert.equal(q.quarter, "2025Q1");
  const started = q.byRcc[0].started.toLocaleString("en-GB");
  const page = await signedIn("t.national");
  await page.goto(`${base}/national/returns`);
  await settled(page);
  assert.ok((await page.textContent("[data-testid=table-measures]")).includes(started), "started is the return's");
  assert.equal(await page.locator("[data-testid=table-received] tbody tr").count(), 1);
  assert.equal(await page.locator("[data-testid=chart] svg").count(), 1, "the RCCs compared, charted");
  // The inspection summary, as the API derives it from the thresholds.
  const inspected = q.inspection[0];
  const inspectionText = await page.textContent("[data-testid=table-inspection]");
  assert.ok(inspectionText.includes(inspected.rcc));
  for (const f of [...inspected.strengths, ...inspected.improvements]) assert.ok(inspectionText.includes(f.label), f.label);
  await accessible(page, "the national analyst's RCC returns");
  // Rare needs from the same returns: the counts are the API's.
  const rare = await national("GET", "/api/national/rare-needs?quarter=2025Q1");
  await page.goto(`${base}/national/rare-needs`);
  await settled(page);
  const summary = await page.textContent("[data-testid=rare-summary]");
  assert.ok(summary.includes(`${rare.profilesSeen} need profiles seen`), summary);
  assert.ok(rare.profilesSeen > 0, "the region's unmet referrals have profiles");
  await page.selectOption("#parts", "setting,ratio");
  await settled(page);
  const coarse = await national("GET", "/api/national/rare-needs?quarter=2025Q1&parts=setting,ratio");
  assert.ok((await page.textContent("[data-testid=rare-summary]")).includes(`${coarse.profilesSeen} need profiles seen`));
  await accessible(page, "the national analyst's rare needs");
  await page.context().close();
  const mine = await signedIn("t.commissioner");
  await mine.goto(`${base}/against-england`);
  await settled(mine);
  const against = await mine.textContent("[data-testid=table-against]");
  assert.ok(against.includes("NW-GM") && against.includes(started), "the RCC's own figures from its return");
  await accessible(mine, "the commissioner's RCC against England");
  assert.deepEqual(mine.problems, []);
  await mine.context().close();
});

test("a provider files its group's return; one that does not add up is refused naming operating profit", async () => {
  // A provider of a group that files no return of its own yet for 2030.
  const provider = sqlite("SELECT id FROM provider WHERE group_id IS NOT NULL ORDER BY id LIMIT 1");
  const group = sqlite(`SELECT group_id FROM provider WHERE id = ${provider}`);
  addUser("t.group-provider", "provider", "--provider", provider);
  const page = await signedIn("t.group-provider");
  await page.click('nav a[href="/provider/returns"]');
  await settled(page);
  assert.equal(
    await page.locator("[data-testid=table-own-returns] tbody tr").count(),
    Number(sqlite(`SELECT COUNT(*) FROM financial_return WHERE group_id = ${group}`)),
    "the group's returns",
  );
  const values = { revenue: 1000000, staffCosts: 600000, propertyCosts: 50000, relatedPartyRent: 0, managementCharges: 0, otherCosts: 150000, operatingProfit: 250000, marketRent: 0, debt: 0, connectedDebt: 0, interest: 0, connectedInterest: 0, cash: 100000, capitalEmployed: 500000 };
  await page.fill("#year", "2030");
  for (const [k, v] of Object.entries(values)) await page.fill(`#${k}`, String(v));
  await page.click("text=File the return");
  await page.waitForSelector(".govuk-error-summary");
  assert.match(await page.textContent(".govuk-error-summary"), /does not add up/);
  assert.equal(Number(sqlite(`SELECT COUNT(*) FROM financial_return WHERE year = 2030`)), 0, "nothing stored");
  await accessible(page, "the return form with its errors");
  await page.fill("#operatingProfit", "200000");
  await page.click("text=File the return");
  await page.waitForSelector("text=is filed");
  assert.equal(Number(sqlite(`SELECT revenue FROM financial_return WHERE year = 2030 AND group_id = ${group}`)), 100000000);
  await page.context().close();
});

test("the national commissioner matches a free secure bed to the child waiting longest, sends the referral and records the home's answer", async () => {
  // Two of the region's referrals ask for a deprivation of liberty, and the
  // hub refers them to the national queue, the first three days earlier.
  const [first, second] = sqlite(
    `SELECT id FROM referral WHERE status = 'sent_to_providers' AND id NOT IN (${hubReferral}, ${otherCouncilReferral}) ORDER BY id DESC LIMIT 2`,
  ).split("\n");
  sqlite(`UPDATE referral SET deprivation_of_liberty = 1, version = version + 1 WHERE id IN (${first}, ${second})`);
  const hub = await apiAs("t.hub");
  const referred = await hub("POST", `/api/referrals/${first}/secure-referral`, { orderMade: true });
  sqlite(`UPDATE secure_referral SET referred_at = '2025-03-28T09:00:00Z', version = version + 1 WHERE id = ${referred.id}`);
  await hub("POST", `/api/referrals/${second}/secure-referral`, { orderMade: false });
  const secure = await apiAs("t.secure");
  const match = await secure("GET", "/api/national/secure-welfare/match");
  assert.equal(match.waiting, 2);
  assert.equal(match.bedsFree, 1);
  const page = await signedIn("t.secure");
  await page.goto(`${base}/national/secure-welfare`);
  await settled(page);
  assert.equal((await page.textContent("[data-testid=secure-waiting]")).trim(), "2");
  assert.equal((await page.textContent("[data-testid=secure-beds]")).trim(), "1");
  assert.equal(await page.locator("[data-testid=table-secure-match] tbody tr").count(), 2);
  await accessible(page, "the secure welfare queue");
  // The bed goes to the child waiting longest, if the home meets their needs.
  const matched = match.rows.filter((r) => r.homeId != null);
  assert.ok(matched.length <= 1);
  if (matched.length === 1) {
    await page.click("text=Send to Secure Test House");
    await page.waitForSelector("text=Sent to Secure Test House.");
  }
  // The home accepts the first child (sent first if the match did not).
  const queue = await secure("GET", "/api/national/secure-welfare");
  const longest = queue.waiting[0];
  assert.equal(longest.referralId, Number(first));
  if (!longest.sendings.some((s) => s.decision === "pending")) {
    await secure("POST", `/api/secure-referrals/${longest.id}/actions`, { action: "send", version: longest.version, homeId: secureHome });
    await page.reload();
    await settled(page);
  }
  await page.selectOption("#who", String(longest.id));
  await page.selectOption("#action", "accept");
  await page.selectOption("#homeId", String(secureHome));
  await page.click("button:has-text('Record')");
  await page.waitForSelector("text=the child is placed");
  await settled(page);
  assert.equal(await page.locator("[data-testid=table-secure-settled] tbody tr").count(), 1);
  assert.equal(sqlite(`SELECT status FROM secure_referral WHERE id = ${longest.id}`), "placed");
  // A refusal without a reason is refused naming the field.
  await page.selectOption("#action", "withdraw");
  await page.click("button:has-text('Record')");
  await page.waitForSelector(".govuk-error-summary");
  assert.ok((await page.textContent(".govuk-error-summary")).includes("Reason"));
  await accessible(page, "the secure welfare queue after an answer");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the hub records a deprivation of liberty order and a stay in an unregistered setting; the national commissioner sees them without the child", async () => {
  const child = sqlite("SELECT c.id FROM child c JOIN rcc_member m ON m.council_id = c.council_id JOIN rcc r ON r.id = m.rcc_id WHERE r.code = 'NW-GM' AND c.id NOT IN (SELECT child_id FROM dol_order) ORDER BY c.id LIMIT 1");
  const page = await signedIn("t.hub");
  await page.click('nav a[href="/liberty"]');
  await settled(page);
  const before = Number((await page.textContent("[data-testid=dol-in-force]")).trim());
  // A review before the start is refused, named beside its field.
  await fill(page, "childId", child);
  await fill(page, "court", "High Court, Family Division");
  await fill(page, "startDate", "2025-03-01");
  await fill(page, "reviewOn", "2025-02-01");
  await page.click("button:has-text('Record the order')");
  await page.waitForSelector(".govuk-error-summary");
  assert.match(await page.textContent(".govuk-error-summary"), /Review date/);
  assert.equal(await page.locator("#reviewOn").evaluate((e) => e.closest(".govuk-form-group").classList.contains("govuk-form-group--error")), true);
  await fill(page, "reviewOn", "2025-06-01");
  await page.click("button:has-text('Record the order')");
  await page.waitForSelector("text=The order is on the register.");
  // The notice shows before the register is read again (CI, under load):
  // wait for the count itself, then check it.
  await page.waitForFunction((want) => document.querySelector("[data-testid=dol-in-force]")?.textContent.trim() === want, String(before + 1));
  await settled(page);
  assert.equal((await page.textContent("[data-testid=dol-in-force]")).trim(), String(before + 1));
  const order = sqlite(`SELECT id FROM dol_order WHERE child_id = ${child}`);
  // The child lives in an unregistered setting under that order.
  await page.selectOption("#recordWhat", "stay");
  await fill(page, "childId", child);
  await fill(page, "setting", "A rented house with agency staff");
  await fill(page, "startDate", "2025-03-01");
  await fill(page, "weeklyCost", "12,000");
  await fill(page, "exitPlan", "A registered children's home near school");
  await fill(page, "exitBy", "2025-05-01");
  await page.selectOption("#dolOrderId", order);
  await page.click("button:has-text('Record the stay')");
  await page.waitForSelector("text=The stay is on the register.");
  await page.waitForSelector("[data-testid=table-unregistered] >> text=£12,000");
  await settled(page);
  assert.equal(sqlite(`SELECT weekly_cost FROM unregistered_placement WHERE child_id = ${child}`), "1200000");
  assert.ok((await page.textContent("[data-testid=table-unregistered]")).includes("£12,000"));
  await accessible(page, "the liberty register, the hub");
  assert.deepEqual(page.problems, []);
  await page.context().close();
  // The national commissioner: England's entries, no child's pseudonym or record.
  const secure = await apiAs("t.secure");
  const england = await secure("GET", "/api/liberty-register");
  assert.equal(england.identified, false);
  assert.ok(england.orders.length >= 1);
  assert.ok(england.orders.every((o) => o.person.childId === null && o.person.child === ""));
  const pseudonym = sqlite(`SELECT pseudonym FROM child WHERE id = ${child}`);
  const national = await signedIn("t.secure");
  await national.goto(`${base}/liberty`);
  await settled(national);
  assert.equal((await national.textContent("[data-testid=unregistered-now]")).trim(), String(england.england.childrenUnregistered));
  assert.ok(!(await national.textContent("main")).includes(pseudonym), "no child's pseudonym on the national page");
  await accessible(national, "the liberty register, national");
  assert.deepEqual(national.problems, []);
  await national.context().close();
});

test("the hub sees placement stability from the records: the API's figures, by council, with the placements at risk", async () => {
  const hub = await apiAs("t.hub");
  const rcc = sqlite("SELECT id FROM rcc WHERE code = 'NW-GM'");
  const s = await hub("GET", `/api/rccs/${rcc}/stability`);
  assert.ok(s.all.children > 0, "children in placement");
  const page = await signedIn("t.hub");
  await page.goto(`${base}/stability`);
  await settled(page);
  assert.equal((await page.textContent("[data-testid=stability-children]")).trim(), String(s.all.children));
  assert.equal(await page.locator("[data-testid=table-stability-councils] tbody tr").count(), s.byCouncil.length);
  await accessible(page, "placement stability");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("anyone reads an RCC's published sufficiency strategy: the API's figures, suppressed alike, with its CSV", async () => {
  const provider = await apiAs("t.provider");
  const rcc = sqlite("SELECT id FROM rcc WHERE code = 'NW-GM'");
  const s = await provider("GET", `/api/rccs/${rcc}/sufficiency-strategy`);
  assert.equal(s.smallNumbersSuppressedBelow, 5);
  assert.ok(s.rows.length > 0, "rows of need and places");
  const page = await signedIn("t.provider");
  await page.goto(`${base}/sufficiency-strategies?rcc=${rcc}`);
  await settled(page);
  await page.waitForSelector("[data-testid=table-strategy-gaps] tbody tr");
  assert.equal((await page.textContent("[data-testid=strategy-rcc]")).trim(), s.rcc.name);
  const homes = s.rows.filter((r) => r.category !== "Other");
  assert.equal(await page.locator("[data-testid=table-strategy-gaps] tbody tr").count(), homes.length);
  assert.equal(await page.locator("[data-testid=table-strategy-far] tbody tr").count(), s.councils.length);
  const hidden = homes.filter((r) => r.need.now === null).length + s.councils.filter((c) => c.placed === null).length;
  if (hidden > 0) assert.ok((await page.textContent("main")).includes("suppressed"), "suppressed figures say so");
  const csv = await page.request.get(`${base}/api/rccs/${rcc}/sufficiency-strategy?format=csv`);
  assert.equal(csv.status(), 200);
  assert.ok((await csv.text()).startsWith("rcc,rcc_name,as_of,section,"));
  await accessible(page, "the published sufficiency strategy");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the national commissioner lets a national contract; a bad fee is named; every RCC calls it off", async () => {
  const page = await signedIn("t.secure");
  await page.goto(`${base}/national/contracts`);
  await settled(page);
  const provider = sqlite("SELECT p.id FROM provider p JOIN home h ON h.provider_id = p.id WHERE h.setting = 'childrens_home' ORDER BY p.id LIMIT 1");
  // The provider is chosen from those with children's homes (the lot's setting).
  await page.waitForSelector(`#providerId option[value="${provider}"]`, { state: "attached" });
  await fill(page, "providerId", provider);
  await fill(page, "reference", "NAT-BROWSER-1");
  await fill(page, "startDate", "2025-01-01");
  await fill(page, "weeklyFee", "0");
  await page.click("button:has-text('Let the contract')");
  await page.waitForSelector(".govuk-error-summary");
  assert.match(await page.textContent(".govuk-error-summary"), /Weekly fee/);
  await fill(page, "weeklyFee", "9200");
  await page.click("button:has-text('Let the contract')");
  await page.waitForSelector(".govuk-notification-banner--success");
  await page.waitForSelector("[data-testid=table-national-contracts] tbody tr:has-text('NAT-BROWSER-1')");
  const row = await page.textContent("[data-testid=table-national-contracts] tbody tr:has-text('NAT-BROWSER-1')");
  const rccs = Number(sqlite("SELECT COUNT(*) FROM rcc"));
  assert.ok(row.includes(String(rccs)), `called off by every RCC: ${row}`);
  const api = await apiAs("t.national");
  const list = await api("GET", "/api/national/contracts");
  const made = list.contracts.find((c) => c.reference === "NAT-BROWSER-1");
  assert.equal(made.rccs, rccs);
  assert.equal(made.fees[0].weeklyFee, 920000);
  await accessible(page, "national contracts");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the national commissioner lets a national block; too many places are named; its void shares add up to the whole", async () => {
  const page = await signedIn("t.secure");
  await page.goto(`${base}/national/contracts`);
  await settled(page);
  const [provider, home, places] = sqlite(
    "SELECT p.id || '|' || h.id || '|' || h.registered_places FROM provider p JOIN home h ON h.provider_id = p.id " +
      "WHERE h.setting = 'childrens_home' AND h.registered_places >= 2 ORDER BY p.id DESC, h.id LIMIT 1",
  ).split("|");
  await fill(page, "type", "block");
  await page.waitForSelector("#blockPlaces");
  await page.waitForSelector(`#providerId option[value="${provider}"]`, { state: "attached" });
  await fill(page, "providerId", provider);
  // The chosen provider's homes, to tick.
  await page.check(`input[name="blockHomes"][value="${home}"]`);
  await fill(page, "reference", "NAT-BROWSER-BLOCK");
  await fill(page, "startDate", "2025-01-01");
  await fill(page, "endDate", "2027-12-31");
  await fill(page, "blockPlaces", String(Number(places) + 1));
  await fill(page, "weeklyFee", "7800");
  await page.click("button:has-text('Let the contract')");
  await page.waitForSelector(".govuk-error-summary");
  assert.match(await page.textContent(".govuk-error-summary"), /Places reserved/);
  await fill(page, "blockPlaces", "2");
  await page.click("button:has-text('Let the contract')");
  await page.waitForSelector(".govuk-notification-banner--success");
  await page.waitForSelector("[data-testid=table-national-contracts] tbody tr:has-text('NAT-BROWSER-BLOCK')");
  const row = await page.textContent("[data-testid=table-national-contracts] tbody tr:has-text('NAT-BROWSER-BLOCK')");
  assert.match(row, /Block of 2 places in 1 home/);
  const rccs = Number(sqlite("SELECT COUNT(*) FROM rcc"));
  const shares = page.locator("[data-testid=table-block-shares-NAT-BROWSER-BLOCK] tbody tr");
  await shares.first().waitFor();
  assert.equal(await shares.count(), rccs);
  const api = await apiAs("t.national");
  const made = (await api("GET", "/api/national/contracts")).contracts.find((c) => c.reference === "NAT-BROWSER-BLOCK");
  assert.equal(made.route, "block");
  assert.equal(made.callOffs.reduce((sum, o) => sum + o.voidShareBp, 0), 10000, "the shares are the whole");
  await accessible(page, "a national block");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a commissioner runs the policy simulator: a bad run count is named; the job's progress, then charts and tables as the API gives them", async () => {
  const page = await signedIn("t.commissioner");
  await page.goto(`${base}/simulator`);
  await settled(page);
  await fill(page, "years", "1");
  await fill(page, "runs", "0");
  await page.click("button:has-text('Run simulation')");
  await page.waitForSelector(".govuk-error-summary");
  assert.match(await page.textContent(".govuk-error-summary"), /Runs/);
  await fill(page, "runs", "2");
  await page.click("button:has-text('Run simulation')");
  await page.waitForURL("**/simulator/*");
  const id = page.url().split("/").pop();
  await page.waitForSelector(".govuk-tag:has-text('Done')", { timeout: 120000 });
  await settled(page);
  const api = await apiAs("t.commissioner");
  const job = await api("GET", `/api/simulations/${id}`);
  assert.equal(job.status, "done");
  assert.deepEqual(job.designs.map((d) => d.name), ["today", "rcc-needs-led", "national"]);
  assert.ok((await page.locator("[data-testid=chart] svg").count()) >= 4, "a chart a measure");
  // The table's figures are the API's: year 1's share over 20 miles, each design.
  const rows = page.locator("[data-testid=table-sim-share_over_20_miles] tbody tr");
  assert.equal(await rows.count(), 3);
  for (let i = 0; i < 3; i++) {
    const d = job.result.designs[i];
    const text = await rows.nth(i).textContent();
    assert.ok(text.includes(d.name), text);
    assert.ok(text.includes(`${(100 * d.years[0].share_over_20_miles.mean).toFixed(1)}%`), text);
  }
  await accessible(page, "policy simulator results");
  await shot(page, "commissioner-simulator");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
