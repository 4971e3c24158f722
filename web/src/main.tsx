// CareCoop's web app: the shell (header, navigation by role, sign-in state)
// and the route table. Each role's views are in views/ (docs/web.md).
import "./styles.scss";
import { render } from "preact";
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { onSessionEnded, signOut, whoAmI, type Role, type User } from "./api";
import { match, navigate, onLink, useRoute } from "./router";
import { Enrol, SignIn } from "./views/auth";
import { Children, NewReferral, ReferralList, ReferralPage } from "./views/referrals";
import { Options, Queue } from "./views/hub";
import { ProposalList, ProposalPage } from "./views/scrutiny";
import { ProviderReferralPage, ProviderReferrals } from "./views/provider";
import { ProviderHomePage, ProviderHomes, ProviderOffers, ProviderPlacements } from "./views/provision";
import { National, Sufficiency } from "./views/commissioner";
import { RareNeeds, RccAgainstEngland, RccReturns } from "./views/national";
import { SecureWelfare } from "./views/secure_welfare";
import { PlacementStability } from "./views/stability";
import { LibertyRegister } from "./views/liberty_register";
import { Simulator } from "./views/simulator";
import { SufficiencyStrategy } from "./views/sufficiency_strategy";
import { NationalContracts } from "./views/national_contracts";
import { PlacementList } from "./views/placements";
import { AuditView, Users } from "./views/admin";
import { Assignment } from "./views/assignment";
import { Spend } from "./views/spend";
import { Contracts, Frameworks, ProviderContracts } from "./views/contracts";
import { GroupPage, Groups, Market, ProfitCap, ProviderReturns, PublishedPrices, Warnings } from "./views/oversight";
import { PaymentRuns, Remittances } from "./views/payments";
import { BudgetView, FosteringView } from "./views/budget";

interface NavItem {
  href: string;
  text: string;
}

// Where each role works (the README's role table says the same).
export const navigation: Record<Role, NavItem[]> = {
  social_worker: [
    { href: "/children", text: "Children" },
    { href: "/referrals", text: "Referrals" },
    { href: "/referrals/new", text: "New referral" },
    { href: "/placements", text: "Placements" },
    { href: "/sufficiency-strategies", text: "Sufficiency strategies" },
  ],
  hub_officer: [
    { href: "/queue", text: "Queue" },
    { href: "/assignment", text: "Region-wide assignment" },
    { href: "/proposals", text: "Proposals" },
    { href: "/placements", text: "Placements" },
    { href: "/stability", text: "Stability" },
    { href: "/liberty", text: "Liberty register" },
    { href: "/sufficiency-strategies", text: "Sufficiency strategies" },
  ],
  scrutiny_officer: [
    { href: "/proposals", text: "Awaiting decision" },
    { href: "/placements", text: "Placements" },
  ],
  provider: [
    { href: "/provider/referrals", text: "Referrals sent to you" },
    { href: "/provider/offers", text: "Your offers" },
    { href: "/provider/homes", text: "Your homes" },
    { href: "/provider/placements", text: "Your placements" },
    { href: "/provider/contracts", text: "Your contracts" },
    { href: "/provider/remittances", text: "Remittances" },
    { href: "/provider/returns", text: "Financial returns" },
    { href: "/sufficiency-strategies", text: "Sufficiency strategies" },
  ],
  commissioner: [
    { href: "/sufficiency", text: "Sufficiency" },
    { href: "/spend", text: "Spend" },
    { href: "/budget", text: "Budget" },
    { href: "/contracts", text: "Contracts" },
    { href: "/frameworks", text: "Frameworks" },
    { href: "/payments", text: "Payments" },
    { href: "/fostering", text: "Foster carers" },
    { href: "/assignment", text: "Sourcing" },
    { href: "/placements", text: "Placements" },
    { href: "/market", text: "Market" },
    { href: "/provider-groups", text: "Provider groups" },
    { href: "/warnings", text: "Warnings" },
    { href: "/against-england", text: "Against England" },
    { href: "/stability", text: "Stability" },
    { href: "/liberty", text: "Liberty register" },
    { href: "/national/contracts", text: "National contracts" },
    { href: "/simulator", text: "Policy simulator" },
    { href: "/sufficiency-strategies", text: "Sufficiency strategies" },
  ],
  national_analyst: [
    { href: "/national", text: "National overview" },
    { href: "/national/returns", text: "RCC returns" },
    { href: "/national/rare-needs", text: "Rare needs" },
    { href: "/sufficiency", text: "Sufficiency by RCC" },
    { href: "/market", text: "Market" },
    { href: "/liberty", text: "Liberty register" },
    { href: "/national/contracts", text: "National contracts" },
    { href: "/simulator", text: "Policy simulator" },
    { href: "/sufficiency-strategies", text: "Sufficiency strategies" },
  ],
  market_oversight: [
    { href: "/market", text: "Market" },
    { href: "/provider-groups", text: "Provider groups" },
    { href: "/profit-cap", text: "Profit cap" },
    { href: "/prices", text: "Prices paid" },
    { href: "/sufficiency-strategies", text: "Sufficiency strategies" },
  ],
  national_commissioner: [
    { href: "/national/secure-welfare", text: "Secure welfare" },
    { href: "/national/rare-needs", text: "Rare needs" },
    { href: "/liberty", text: "Liberty register" },
    { href: "/national/contracts", text: "National contracts" },
    { href: "/simulator", text: "Policy simulator" },
    { href: "/sufficiency-strategies", text: "Sufficiency strategies" },
  ],
  admin: [
    { href: "/admin/users", text: "Users" },
    { href: "/admin/audit", text: "Audit trail" },
  ],
};

const roleName: Record<Role, string> = {
  social_worker: "Social worker",
  hub_officer: "Hub officer",
  scrutiny_officer: "Scrutiny officer",
  provider: "Provider",
  commissioner: "Commissioner",
  national_analyst: "National analyst",
  admin: "Administrator",
  market_oversight: "Market oversight",
  national_commissioner: "National commissioner",
};

type View = (props: { user: User; params: Record<string, string> }) => JSX.Element;
const routes: [string, View][] = [
  ["/children", Children],
  ["/referrals", ReferralList],
  ["/referrals/new", NewReferral],
  ["/referrals/:id", ReferralPage],
  ["/referrals/:id/options", Options],
  ["/queue", Queue],
  ["/proposals", ProposalList],
  ["/proposals/:id", ProposalPage],
  ["/provider/referrals", ProviderReferrals],
  ["/provider/referrals/:id", ProviderReferralPage],
  ["/provider/offers", ProviderOffers],
  ["/provider/homes", ProviderHomes],
  ["/provider/homes/:id", ProviderHomePage],
  ["/provider/placements", ProviderPlacements],
  ["/placements", PlacementList],
  ["/sufficiency", Sufficiency],
  ["/national", National],
  ["/national/returns", RccReturns],
  ["/national/rare-needs", RareNeeds],
  ["/national/secure-welfare", SecureWelfare],
  ["/stability", PlacementStability],
  ["/liberty", LibertyRegister],
  ["/sufficiency-strategies", SufficiencyStrategy],
  ["/national/contracts", NationalContracts],
  ["/against-england", RccAgainstEngland],
  ["/assignment", Assignment],
  ["/spend", Spend],
  ["/contracts", Contracts],
  ["/frameworks", Frameworks],
  ["/market", Market],
  ["/provider-groups", Groups],
  ["/oversight/groups/:id", GroupPage],
  ["/profit-cap", ProfitCap],
  ["/warnings", Warnings],
  ["/prices", PublishedPrices],
  ["/provider/returns", ProviderReturns],
  ["/provider/contracts", ProviderContracts],
  ["/payments", PaymentRuns],
  ["/budget", BudgetView],
  ["/fostering", FosteringView],
  ["/provider/remittances", Remittances],
  ["/simulator", Simulator],
  ["/simulator/:id", Simulator],
  ["/admin/users", Users],
  ["/admin/audit", AuditView],
];

function Header({ user }: { user: User | null }) {
  const { path } = useRoute();
  const items = user ? navigation[user.role] : [];
  return (
    <>
      <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">
        Skip to main content
      </a>
      <header class="govuk-generic-header">
        <div class="govuk-generic-header__container govuk-width-container">
          <div class="govuk-generic-header__logo">
            <a href="/" class="govuk-generic-header__homepage-link">
              CareCoop
            </a>
          </div>
        </div>
      </header>
      <div class="govuk-service-navigation" data-module="govuk-service-navigation">
        <div class="govuk-width-container">
          <div class="govuk-service-navigation__container">
            <span class="govuk-service-navigation__service-name">
              <span class="govuk-service-navigation__text">Homes for children in care</span>
            </span>
            {user && (
              <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
                <ul class="govuk-service-navigation__list" id="navigation">
                  {items.map((i) => {
                    const active = path === i.href || (i.href !== "/referrals" && path.startsWith(i.href + "/"));
                    return (
                      <li
                        key={i.href}
                        class={`govuk-service-navigation__item${active ? " govuk-service-navigation__item--active" : ""}`}
                      >
                        <a class="govuk-service-navigation__link" href={i.href} aria-current={active ? "page" : undefined}>
                          {i.text}
                        </a>
                      </li>
                    );
                  })}
                </ul>
              </nav>
            )}
          </div>
        </div>
      </div>
    </>
  );
}

function Account({ user, onSignedOut }: { user: User; onSignedOut: (reason: string) => void }) {
  return (
    <div class="govuk-!-margin-top-3 govuk-body-s" data-testid="account">
      Signed in as <strong>{user.username}</strong> ({roleName[user.role]}).{" "}
      <a
        class="govuk-link"
        href="/sign-in"
        onClick={async (e) => {
          e.preventDefault();
          await signOut(false).catch(() => {});
          onSignedOut("signed-out");
        }}
      >
        Sign out
      </a>{" "}
      ·{" "}
      <a
        class="govuk-link"
        href="/sign-in"
        onClick={async (e) => {
          e.preventDefault();
          await signOut(true).catch(() => {});
          onSignedOut("signed-out-everywhere");
        }}
      >
        Sign out everywhere
      </a>
    </div>
  );
}

function App() {
  const route = useRoute();
  const [user, setUser] = useState<User | null | undefined>(undefined);

  const ended = (reason: string) => {
    setUser(null);
    navigate(`/sign-in?reason=${reason}`);
  };
  useEffect(() => {
    onSessionEnded(ended);
    whoAmI().then(setUser, () => setUser(null));
  }, []);

  useEffect(() => {
    const title = document.querySelector("h1")?.textContent;
    document.title = title ? `${title} – CareCoop` : "CareCoop";
  });

  let body: JSX.Element;
  // Where to go instead of this address (applied after the render, never during it).
  let redirect: string | null = null;
  const publicPage = route.path === "/sign-in" || route.path === "/enrol";
  if (user === undefined) body = <p class="govuk-body">Loading…</p>;
  else if (route.path === "/enrol") body = <Enrol />;
  else if (!user || route.path === "/sign-in") {
    if (user && route.path === "/sign-in") {
      redirect = navigation[user.role][0].href;
      body = <></>;
    } else {
      if (!publicPage) history.replaceState(null, "", `/sign-in?next=${encodeURIComponent(route.path + location.search)}`);
      body = <SignIn onSignedIn={(u) => setUser(u)} />;
    }
  } else if (route.path === "/") {
    redirect = navigation[user.role][0].href;
    body = <></>;
  } else {
    body = <NotFound />;
    for (const [pattern, View] of routes) {
      const params = match(pattern, route.path);
      if (params) {
        body = <View user={user} params={params} key={route.path} />;
        break;
      }
    }
  }

  useEffect(() => {
    if (redirect) navigate(redirect);
  }, [redirect]);

  return (
    <div onClick={onLink as any}>
      <Header user={user ?? null} />
      <div class="govuk-width-container">
        {user && <Account user={user} onSignedOut={ended} />}
        <main class="govuk-main-wrapper" id="main-content" role="main" tabIndex={-1}>
          {body}
        </main>
      </div>
      <footer class="govuk-footer">
        <div class="govuk-width-container">
          <p class="govuk-footer__meta-custom govuk-body-s">
            CareCoop · synthetic data only · <a class="govuk-footer__link" href="/openapi.json">API description</a>
          </p>
        </div>
      </footer>
    </div>
  );
}

function NotFound() {
  return (
    <>
      <h1 class="govuk-heading-l">Page not found</h1>
      <p class="govuk-body">If you typed the address, check it is correct. Use the menu above to find your work.</p>
    </>
  );
}

document.body.classList.add("js-enabled", "govuk-frontend-supported");
render(<App />, document.getElementById("app")!);
