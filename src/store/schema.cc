#include "store/schema.h"

#include <utility>

namespace carecoop::store {
namespace {

constexpr const char* kV1 = R"sql(
CREATE TABLE region (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  ons_code {text} NOT NULL CONSTRAINT uq_region_ons_code UNIQUE,
  name {text} NOT NULL
);
CREATE TABLE council (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  ons_code {text} NOT NULL CONSTRAINT uq_council_ons_code UNIQUE,
  dfe_la_code {text} NOT NULL CONSTRAINT uq_council_dfe_la_code UNIQUE,
  name {text} NOT NULL,
  region_id {int} NOT NULL REFERENCES region(id),
  location_lat {real} NOT NULL,
  location_lon {real} NOT NULL,
  cla_2024 {int} NOT NULL
);
CREATE INDEX ix_council_region ON council(region_id);
CREATE TABLE rcc (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  code {text} NOT NULL CONSTRAINT uq_rcc_code UNIQUE,
  name {text} NOT NULL,
  region_id {int} NOT NULL REFERENCES region(id)
);
-- A council belongs to at most one RCC.
CREATE TABLE rcc_member (
  council_id {int} NOT NULL REFERENCES council(id) CONSTRAINT uq_rcc_member_council_id PRIMARY KEY,
  rcc_id {int} NOT NULL REFERENCES rcc(id)
);
CREATE INDEX ix_rcc_member_rcc ON rcc_member(rcc_id);
CREATE TABLE provider (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  name {text} NOT NULL,
  ownership {text} NOT NULL,
  parent_group {text} NOT NULL,
  council_id {int} REFERENCES council(id),
  ofsted_urn {text} NOT NULL
);
CREATE TABLE home (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  provider_id {int} NOT NULL REFERENCES provider(id),
  name {text} NOT NULL,
  setting {text} NOT NULL,
  ofsted_urn {text} NOT NULL,
  ofsted_rating {text} NOT NULL,
  council_id {int} NOT NULL REFERENCES council(id),
  location_lat {real} NOT NULL,
  location_lon {real} NOT NULL,
  registered_places {int} NOT NULL CHECK (registered_places > 0),
  min_age {int} NOT NULL,
  max_age {int} NOT NULL,
  needs_met {int} NOT NULL,
  risks_managed {int} NOT NULL,
  max_support_ratio {text} NOT NULL,
  solo_only {int} NOT NULL,
  max_siblings {int} NOT NULL,
  has_pets {int} NOT NULL,
  connected_person {int} NOT NULL
);
CREATE INDEX ix_home_council ON home(council_id);
CREATE INDEX ix_home_provider ON home(provider_id);
CREATE TABLE vacancy (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  home_id {int} NOT NULL REFERENCES home(id),
  available_from {date} NOT NULL,
  status {text} NOT NULL
);
CREATE INDEX ix_vacancy_home ON vacancy(home_id);
CREATE TABLE child (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  pseudonym {text} NOT NULL CONSTRAINT uq_child_pseudonym UNIQUE,
  council_id {int} NOT NULL REFERENCES council(id),
  date_of_birth {date} NOT NULL,
  sex {text} NOT NULL,
  ethnicity {text} NOT NULL,
  uasc {int} NOT NULL,
  category_of_need {text} NOT NULL,
  family_lat {real} NOT NULL,
  family_lon {real} NOT NULL,
  school_lat {real},
  school_lon {real},
  care_started {date} NOT NULL,
  care_ended {date},
  reason_ceased {text} NOT NULL
);
CREATE INDEX ix_child_council ON child(council_id);
CREATE TABLE referral (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  child_id {int} NOT NULL REFERENCES child(id),
  council_id {int} NOT NULL REFERENCES council(id),
  status {text} NOT NULL,
  created_at {ts} NOT NULL,
  needed_by {text} NOT NULL,
  sibling_count {int} NOT NULL,
  preferred_location {text} NOT NULL,
  communication_needs {text} NOT NULL,
  specific_communication_requirements {int} NOT NULL,
  home_adaptation {int} NOT NULL,
  cultural_needs {text} NOT NULL,
  living_companions {text} NOT NULL,
  pets {text} NOT NULL,
  additional_support {text},
  deprivation_of_liberty {int},
  foster_care_suitability {text} NOT NULL,
  residential_care_suitability {text} NOT NULL,
  supported_accommodation_suitability {text} NOT NULL,
  risks {int} NOT NULL,
  risk_other {text} NOT NULL,
  risk_to_others_other {text} NOT NULL,
  actual_placement {text},
  referral_officer_name {text} NOT NULL,
  referral_date {date} NOT NULL,
  placement_officer_name {text} NOT NULL,
  placement_date {date},
  cost_officer_name {text} NOT NULL,
  cost_date {date},
  planned_or_emergency {text} NOT NULL,
  latest_start_date {date} NOT NULL,
  primary_family_location_label {text},
  primary_family_location_lat {real},
  primary_family_location_lon {real},
  close_to_family_recommended {int} NOT NULL,
  in_school {text} NOT NULL,
  school_location_label {text},
  school_location_lat {real},
  school_location_lon {real},
  must_continue_school {int} NOT NULL,
  other_important_locations {text} NOT NULL,
  other_location_visit_frequency {text},
  locations_to_avoid_known {text} NOT NULL,
  locations_to_avoid {text} NOT NULL,
  minimum_adult_support_ratio {text} NOT NULL,
  child_views {text} NOT NULL
);
CREATE INDEX ix_referral_council ON referral(council_id);
CREATE INDEX ix_referral_child ON referral(child_id);
CREATE TABLE offer (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  referral_id {int} NOT NULL REFERENCES referral(id),
  home_id {int} NOT NULL REFERENCES home(id),
  status {text} NOT NULL,
  core_fee {int} NOT NULL,
  staffing_fee {int} NOT NULL,
  education_fee {int} NOT NULL,
  transport_fee {int} NOT NULL,
  start_date {date} NOT NULL,
  conditions {text} NOT NULL,
  decline_reason {text} NOT NULL,
  deadline {ts} NOT NULL,
  created_at {ts} NOT NULL
);
CREATE INDEX ix_offer_referral ON offer(referral_id);
CREATE TABLE proposal (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  referral_id {int} NOT NULL REFERENCES referral(id),
  offer_id {int} NOT NULL REFERENCES offer(id),
  proposed_by {text} NOT NULL,
  child_views {text} NOT NULL,
  rank {int} NOT NULL,
  reason_not_top {text} NOT NULL,
  status {text} NOT NULL,
  created_at {ts} NOT NULL
);
CREATE INDEX ix_proposal_referral ON proposal(referral_id);
CREATE TABLE scrutiny_decision (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  proposal_id {int} NOT NULL REFERENCES proposal(id),
  officer {text} NOT NULL,
  outcome {text} NOT NULL,
  reasons {text} NOT NULL,
  decided_at {ts} NOT NULL
);
CREATE INDEX ix_scrutiny_decision_proposal ON scrutiny_decision(proposal_id);
CREATE TABLE contract (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  provider_id {int} NOT NULL REFERENCES provider(id),
  rcc_id {int} NOT NULL REFERENCES rcc(id),
  type {text} NOT NULL,
  reference {text} NOT NULL,
  start_date {date} NOT NULL,
  end_date {date},
  fees {text} NOT NULL,
  block_places {int} NOT NULL
);
CREATE INDEX ix_contract_provider ON contract(provider_id);
CREATE INDEX ix_contract_rcc ON contract(rcc_id);
-- A vacancy is booked once and only once: the UNIQUE constraint on
-- placement.vacancy_id is what guarantees it, under any concurrency.
CREATE TABLE placement (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  child_id {int} NOT NULL REFERENCES child(id),
  council_id {int} NOT NULL REFERENCES council(id),
  referral_id {int} REFERENCES referral(id),
  home_id {int} REFERENCES home(id),
  vacancy_id {int} REFERENCES vacancy(id) CONSTRAINT uq_placement_vacancy_id UNIQUE,
  contract_id {int} REFERENCES contract(id),
  start_date {date} NOT NULL,
  end_date {date},
  place_code {text} NOT NULL,
  provider_code {text} NOT NULL,
  legal_status {text} NOT NULL,
  need_band {text} NOT NULL,
  weekly_fee {int} NOT NULL CHECK (weekly_fee >= 0),
  reason_place_change {text} NOT NULL,
  reason_ceased {text} NOT NULL,
  emergency {int} NOT NULL
);
CREATE INDEX ix_placement_child ON placement(child_id);
CREATE INDEX ix_placement_council ON placement(council_id);
CREATE INDEX ix_placement_home ON placement(home_id);
-- One payment per placement per week.
CREATE TABLE payment (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  placement_id {int} NOT NULL REFERENCES placement(id),
  rcc_id {int} NOT NULL REFERENCES rcc(id),
  council_id {int} NOT NULL REFERENCES council(id),
  week_start {date} NOT NULL,
  amount {int} NOT NULL CHECK (amount >= 0),
  status {text} NOT NULL,
  CONSTRAINT uq_payment_week_start UNIQUE (placement_id, week_start)
);
CREATE INDEX ix_payment_council ON payment(council_id);
)sql";

// Users, sessions, the referral's recipients and the audit trail (issue 4).
constexpr const char* kV2 = R"sql(
-- A person who signs in. role: social_worker, hub_officer, scrutiny_officer,
-- provider, commissioner, national_analyst or admin; the scope columns say
-- whose records they work on (docs/access-matrix.csv).
CREATE TABLE app_user (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  username {text} NOT NULL CONSTRAINT uq_app_user_username UNIQUE,
  password_hash {text} NOT NULL,
  role {text} NOT NULL,
  council_id {int} REFERENCES council(id),
  rcc_id {int} REFERENCES rcc(id),
  provider_id {int} REFERENCES provider(id),
  created_at {text} NOT NULL
);
-- Session tokens are random; only their hash is stored.
CREATE TABLE user_session (
  token_hash {text} NOT NULL PRIMARY KEY,
  user_id {int} NOT NULL REFERENCES app_user(id),
  created_at {text} NOT NULL,
  expires_at {text} NOT NULL
);
CREATE INDEX ix_user_session_user ON user_session(user_id);
-- The providers a referral was sent to (all at once), and when offers close.
CREATE TABLE referral_recipient (
  referral_id {int} NOT NULL REFERENCES referral(id),
  provider_id {int} NOT NULL REFERENCES provider(id),
  sent_at {text} NOT NULL,
  deadline {text} NOT NULL,
  PRIMARY KEY (referral_id, provider_id)
);
CREATE INDEX ix_referral_recipient_provider ON referral_recipient(provider_id);
-- The audit trail: one record per change and per read of a child's
-- referral, hash-chained (services/audit.h). audit_head holds the last
-- record's seq and hash, so deleting records at the end is detected too.
CREATE TABLE audit_log (
  seq {int} NOT NULL PRIMARY KEY,
  at {text} NOT NULL,
  actor {text} NOT NULL,
  action {text} NOT NULL,
  resource {text} NOT NULL,
  resource_id {int} NOT NULL,
  before_digest {text} NOT NULL,
  after_digest {text} NOT NULL,
  prev_hash {text} NOT NULL,
  hash {text} NOT NULL
);
CREATE TABLE audit_head (
  id {int} NOT NULL PRIMARY KEY CHECK (id = 1),
  seq {int} NOT NULL,
  hash {text} NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');
)sql";

// SSDA903 returns as imported (issue 5): rows kept as the council sent them,
// in file order (seq), one return per council and collection year.
constexpr const char* kV3 = R"sql(
CREATE TABLE ssda903_header (
  council_id {int} NOT NULL REFERENCES council(id),
  year {int} NOT NULL,
  seq {int} NOT NULL,
  child {text} NOT NULL,
  sex {text} NOT NULL,
  dob {date} NOT NULL,
  ethnic {text} NOT NULL,
  upn {text} NOT NULL,
  mother {text} NOT NULL,
  mc_dob {date},
  PRIMARY KEY (council_id, year, seq),
  CONSTRAINT uq_ssda903_header_child UNIQUE (council_id, year, child)
);
CREATE TABLE ssda903_episode (
  council_id {int} NOT NULL REFERENCES council(id),
  year {int} NOT NULL,
  seq {int} NOT NULL,
  child {text} NOT NULL,
  decom {date} NOT NULL,
  rne {text} NOT NULL,
  ls {text} NOT NULL,
  cin {text} NOT NULL,
  place {text} NOT NULL,
  place_provider {text} NOT NULL,
  dec {date},
  rec {text} NOT NULL,
  reason_place_change {text} NOT NULL,
  home_post {text} NOT NULL,
  pl_post {text} NOT NULL,
  urn {text} NOT NULL,
  PRIMARY KEY (council_id, year, seq)
);
CREATE INDEX ix_ssda903_episode_child ON ssda903_episode(council_id, child);
CREATE TABLE ssda903_uasc (
  council_id {int} NOT NULL REFERENCES council(id),
  year {int} NOT NULL,
  seq {int} NOT NULL,
  child {text} NOT NULL,
  sex {text} NOT NULL,
  dob {date} NOT NULL,
  duc {date},
  PRIMARY KEY (council_id, year, seq)
);
)sql";

// Separation of duties (issue 14): a user an admin adds has no password
// until they enrol with a one-time code (only its hash is kept, with its
// expiry); an account that can reach children's records, or add users, is
// 'awaiting_approval' until a second admin approves it.
constexpr const char* kV4 = R"sql(
ALTER TABLE app_user ADD COLUMN status {text} NOT NULL DEFAULT 'active';
ALTER TABLE app_user ADD COLUMN enrolment_hash {text};
ALTER TABLE app_user ADD COLUMN enrolment_expires_at {text};
ALTER TABLE app_user ADD COLUMN created_by {text};
ALTER TABLE app_user ADD COLUMN approved_by {text};
)sql";

// What providers read about a child (issue 14): written for them, checked
// for personal identifiers before the referral is sent.
constexpr const char* kV5 = R"sql(
ALTER TABLE referral ADD COLUMN provider_summary {text} NOT NULL DEFAULT '';
)sql";

// What an SSDA903 return needs that the records did not hold (issue 15): a
// child's UPN, whether she is a mother, the family home's postcode sector;
// a home's postcode sector.
constexpr const char* kV6 = R"sql(
ALTER TABLE child ADD COLUMN upn {text} NOT NULL DEFAULT '';
ALTER TABLE child ADD COLUMN mother {int} NOT NULL DEFAULT 0;
ALTER TABLE child ADD COLUMN home_postcode {text} NOT NULL DEFAULT '';
ALTER TABLE home ADD COLUMN postcode {text} NOT NULL DEFAULT '';
ALTER TABLE placement ADD COLUMN postcode {text} NOT NULL DEFAULT '';
)sql";

// The web app (issue 16): the child's wishes as items they chose, and their
// view of each offered home; withdrawing a referral or an offer, with why;
// a proposal's reason for going against the child's view.
constexpr const char* kV7 = R"sql(
ALTER TABLE referral ADD COLUMN child_wishes {int} NOT NULL DEFAULT 0;
ALTER TABLE referral ADD COLUMN child_own_wishes {text} NOT NULL DEFAULT '[]';
ALTER TABLE referral ADD COLUMN withdrawal_reason {text} NOT NULL DEFAULT '';
ALTER TABLE offer ADD COLUMN withdrawal_reason {text} NOT NULL DEFAULT '';
ALTER TABLE offer ADD COLUMN child_view {text} NOT NULL DEFAULT 'not_recorded';
ALTER TABLE offer ADD COLUMN child_view_why {text} NOT NULL DEFAULT '';
ALTER TABLE proposal ADD COLUMN reason_against_child_view {text} NOT NULL DEFAULT '';
CREATE INDEX ix_audit_log_resource ON audit_log(resource, resource_id);
)sql";

// Money and provision (issue 17): contracts' lifecycle, the register of
// contracts inherited from member councils, annual uplift caps and the homes
// a block reserves; the running costs a council- or RCC-run home declares.
constexpr const char* kV8 = R"sql(
ALTER TABLE contract ADD COLUMN block_homes {text} NOT NULL DEFAULT '[]';
ALTER TABLE contract ADD COLUMN status {text} NOT NULL DEFAULT 'in_force';
ALTER TABLE contract ADD COLUMN inherited_from_council_id {int} REFERENCES council(id);
ALTER TABLE contract ADD COLUMN decision {text} NOT NULL DEFAULT 'undecided';
ALTER TABLE contract ADD COLUMN uplift_cap_bp {int} NOT NULL DEFAULT 0;
ALTER TABLE home ADD COLUMN running_costs {text};
)sql";

// Payments, the pooled budget and recruitment (issue 17): each payments
// run (once a week per RCC: the UNIQUE decides two runs started at once),
// payments by care-package line with what a backdated end recovers, a
// placement's package lines and funding shares, block contracts' weeks,
// councils' budget lines, foster-carer applications.
constexpr const char* kV9 = R"sql(
CREATE TABLE payment_run (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  rcc_id {int} NOT NULL REFERENCES rcc(id),
  week_from {date} NOT NULL,
  created_at {ts} NOT NULL,
  created_by {text} NOT NULL,
  placements_paid {int} NOT NULL,
  paid {int} NOT NULL,
  voids {int} NOT NULL,
  recovered {int} NOT NULL,
  CONSTRAINT uq_payment_run_week_from UNIQUE (rcc_id, week_from)
);
ALTER TABLE payment ADD COLUMN core {int} NOT NULL DEFAULT 0;
ALTER TABLE payment ADD COLUMN staffing {int} NOT NULL DEFAULT 0;
ALTER TABLE payment ADD COLUMN education {int} NOT NULL DEFAULT 0;
ALTER TABLE payment ADD COLUMN transport {int} NOT NULL DEFAULT 0;
ALTER TABLE payment ADD COLUMN recovered {int} NOT NULL DEFAULT 0;
ALTER TABLE payment ADD COLUMN recovered_in {date};
ALTER TABLE payment ADD COLUMN run_id {int} REFERENCES payment_run(id);
UPDATE payment SET core = amount;
CREATE INDEX ix_payment_rcc_week ON payment(rcc_id, week_start);
ALTER TABLE placement ADD COLUMN staffing_fee {int} NOT NULL DEFAULT 0;
ALTER TABLE placement ADD COLUMN education_fee {int} NOT NULL DEFAULT 0;
ALTER TABLE placement ADD COLUMN transport_fee {int} NOT NULL DEFAULT 0;
ALTER TABLE placement ADD COLUMN health_share_bp {int} NOT NULL DEFAULT 0;
ALTER TABLE placement ADD COLUMN education_share_bp {int} NOT NULL DEFAULT 0;
CREATE TABLE block_utilisation (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  contract_id {int} NOT NULL REFERENCES contract(id),
  rcc_id {int} NOT NULL REFERENCES rcc(id),
  week_from {date} NOT NULL,
  reserved {int} NOT NULL,
  used {int} NOT NULL,
  voids {int} NOT NULL,
  void_cost {int} NOT NULL,
  CONSTRAINT uq_block_utilisation_week_from UNIQUE (contract_id, week_from)
);
CREATE TABLE budget_line (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  rcc_id {int} NOT NULL REFERENCES rcc(id),
  council_id {int} NOT NULL REFERENCES council(id),
  year {int} NOT NULL,
  basis {text} NOT NULL,
  weight {int} NOT NULL,
  amount {int} NOT NULL CHECK (amount >= 0),
  CONSTRAINT uq_budget_line_year UNIQUE (rcc_id, council_id, year)
);
CREATE TABLE carer_application (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  provider_id {int} NOT NULL REFERENCES provider(id),
  council_id {int} NOT NULL REFERENCES council(id),
  enquiry {date} NOT NULL,
  application {date},
  assessment {date},
  approval {date},
  resignation {date}
);
CREATE INDEX ix_carer_application_council ON carer_application(council_id);
)sql";

std::string ReplaceAll(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos;
       pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
  return s;
}

// Frameworks and DPS (issue 17): the agreements providers are admitted
// to, with their lots, reopening dates and admission criteria; an
// admission is a contract that names its framework.
constexpr const char* kV10 = R"sql(
CREATE TABLE framework (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  rcc_id {int} NOT NULL REFERENCES rcc(id),
  route {text} NOT NULL,
  reference {text} NOT NULL,
  title {text} NOT NULL,
  start_date {date} NOT NULL,
  end_date {date} NOT NULL,
  lots {text} NOT NULL,
  reopenings {text} NOT NULL,
  criteria {text} NOT NULL,
  uplift_cap_bp {int} NOT NULL,
  status {text} NOT NULL,
  CONSTRAINT uq_framework_reference UNIQUE (rcc_id, reference)
);
ALTER TABLE contract ADD COLUMN framework_id {int} REFERENCES framework(id);
ALTER TABLE home ADD COLUMN parent_and_child {int} NOT NULL DEFAULT 0;
ALTER TABLE referral ADD COLUMN parent_and_child {int} NOT NULL DEFAULT 0;
CREATE INDEX ix_contract_framework ON contract(framework_id);
)sql";

// Market oversight (issue 18): provider groups with their parent
// undertakings (the free-text parent group of a provider becomes a group
// record, with a company number made from its first provider's id), their
// annual financial returns, oversight cases (business reviews, recovery
// plans, improvement plans), and the date of each home's last inspection.
constexpr const char* kV11 = R"sql(
CREATE TABLE provider_group (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  name {text} NOT NULL,
  company_number {text} NOT NULL CONSTRAINT uq_provider_group_company_number UNIQUE,
  parent_id {int} REFERENCES provider_group(id),
  cost_of_capital_bp {int} NOT NULL
);
CREATE INDEX ix_provider_group_parent ON provider_group(parent_id);
INSERT INTO provider_group (name, company_number, cost_of_capital_bp)
  SELECT p.parent_group, {company_number_of_min_id}, 800 FROM provider p
  WHERE p.parent_group <> '' GROUP BY p.parent_group ORDER BY MIN(p.id);
ALTER TABLE provider ADD COLUMN group_id {int} REFERENCES provider_group(id);
UPDATE provider SET group_id = (SELECT g.id FROM provider_group g WHERE g.name = provider.parent_group)
  WHERE parent_group <> '';
ALTER TABLE provider DROP COLUMN parent_group;
CREATE INDEX ix_provider_group ON provider(group_id);
CREATE TABLE financial_return (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  group_id {int} NOT NULL REFERENCES provider_group(id),
  year {int} NOT NULL,
  revenue {int} NOT NULL,
  staff_costs {int} NOT NULL,
  property_costs {int} NOT NULL,
  related_party_rent {int} NOT NULL,
  management_charges {int} NOT NULL,
  other_costs {int} NOT NULL,
  operating_profit {int} NOT NULL,
  market_rent {int} NOT NULL,
  debt {int} NOT NULL,
  connected_debt {int} NOT NULL,
  interest {int} NOT NULL,
  connected_interest {int} NOT NULL,
  cash {int} NOT NULL,
  capital_employed {int} NOT NULL,
  parent_company_number {text} NOT NULL,
  submitted {date} NOT NULL,
  CONSTRAINT uq_financial_return_year UNIQUE (group_id, year)
);
CREATE TABLE oversight_case (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  group_id {int} NOT NULL REFERENCES provider_group(id),
  kind {text} NOT NULL,
  reason {text} NOT NULL,
  opened {date} NOT NULL,
  closed {date},
  outcome {text} NOT NULL,
  entries {text} NOT NULL
);
CREATE INDEX ix_oversight_case_group ON oversight_case(group_id);
ALTER TABLE home ADD COLUMN last_inspected {date};
)sql";

// The national layer (issue 19): each RCC's quarterly return as received,
// one per RCC and quarter (a resubmission replaces it).
constexpr const char* kV12 = R"sql(
CREATE TABLE rcc_return (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  rcc_id {int} NOT NULL REFERENCES rcc(id),
  quarter {text} NOT NULL,
  produced {date} NOT NULL,
  received_at {ts} NOT NULL,
  received_by {text} NOT NULL,
  format_version {int} NOT NULL,
  body {text} NOT NULL,
  CONSTRAINT uq_rcc_return_quarter UNIQUE (rcc_id, quarter)
);
CREATE INDEX ix_rcc_return_quarter ON rcc_return(quarter);
)sql";

// The national secure welfare queue (issue 19): referrals for a secure
// children's home on welfare grounds, their sendings and history (JSON lists).
constexpr const char* kV13 = R"sql(
CREATE TABLE secure_referral (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  referral_id {int} NOT NULL REFERENCES referral(id),
  council_id {int} NOT NULL REFERENCES council(id),
  rcc_id {int} NOT NULL REFERENCES rcc(id),
  order_made {int} NOT NULL,
  referred_at {ts} NOT NULL,
  referred_by {text} NOT NULL,
  status {text} NOT NULL,
  placed_home_id {int} REFERENCES home(id),
  placed_at {ts},
  across_border {text} NOT NULL,
  withdrawn_reason {text} NOT NULL,
  sendings {text} NOT NULL,
  history {text} NOT NULL
);
CREATE INDEX ix_secure_referral_status ON secure_referral(status);
CREATE INDEX ix_secure_referral_referral ON secure_referral(referral_id);
)sql";

}  // namespace

// The registers of liberty (issue 19): deprivation of liberty orders and
// children in unregistered settings, each kept by the child's RCC.
constexpr const char* kV14 = R"sql(
CREATE TABLE dol_order (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  child_id {int} NOT NULL REFERENCES child(id),
  council_id {int} NOT NULL REFERENCES council(id),
  rcc_id {int} NOT NULL REFERENCES rcc(id),
  court {text} NOT NULL,
  start_date {date} NOT NULL,
  end_date {date},
  review_on {date} NOT NULL,
  setting {text} NOT NULL,
  setting_registered {int} NOT NULL,
  recorded_at {ts} NOT NULL,
  recorded_by {text} NOT NULL
);
CREATE INDEX ix_dol_order_child ON dol_order(child_id);
CREATE INDEX ix_dol_order_rcc ON dol_order(rcc_id);
CREATE TABLE unregistered_placement (
  id {pk},
  version {int} NOT NULL DEFAULT 1,
  child_id {int} NOT NULL REFERENCES child(id),
  council_id {int} NOT NULL REFERENCES council(id),
  rcc_id {int} NOT NULL REFERENCES rcc(id),
  setting {text} NOT NULL,
  start_date {date} NOT NULL,
  end_date {date},
  weekly_cost {int} NOT NULL,
  exit_plan {text} NOT NULL,
  exit_by {date} NOT NULL,
  dol_order_id {int} REFERENCES dol_order(id),
  recorded_at {ts} NOT NULL,
  recorded_by {text} NOT NULL
);
CREATE INDEX ix_unregistered_placement_child ON unregistered_placement(child_id);
CREATE INDEX ix_unregistered_placement_rcc ON unregistered_placement(rcc_id);
CREATE TABLE ssda903_dolo (
  council_id {int} NOT NULL REFERENCES council(id),
  year {int} NOT NULL,
  seq {int} NOT NULL,
  child {text} NOT NULL,
  dob {date} NOT NULL,
  dolo_start {date} NOT NULL,
  dolo_end {date},
  PRIMARY KEY (council_id, year, seq)
);
)sql";

// National contracts for rare needs (issue 19): an RCC's call-off of a
// framework the national body let for every RCC.
constexpr const char* kV15 = R"sql(
ALTER TABLE contract ADD COLUMN national {int} NOT NULL DEFAULT 0;
CREATE INDEX ix_contract_national ON contract(national, reference);
CREATE INDEX ix_placement_contract ON placement(contract_id);
)sql";

// National block contracts (issue 19): a call-off's share of the block's voids.
constexpr const char* kV16 = R"sql(
ALTER TABLE contract ADD COLUMN void_share_bp {int} NOT NULL DEFAULT 0;
)sql";

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
      {1,
       "regions, councils, RCCs, providers, homes, vacancies, children, referrals, offers, "
       "proposals, scrutiny decisions, contracts, placements, payments",
       kV1},
      {2, "users, sessions, referral recipients, audit trail", kV2},
      {3, "SSDA903 returns: header, episodes and UASC rows as imported", kV3},
      {4, "users: status, enrolment codes, who created and who approved", kV4},
      {5, "referrals: the summary providers read", kV5},
      {6, "children: UPN, mother, home postcode sector; homes and placements: postcode sector",
       kV6},
      {7,
       "referrals: the child's wishes and why withdrawn; offers: the child's view and why "
       "withdrawn; proposals: the reason against the child's view",
       kV7},
      {8,
       "contracts: status, inherited from, register decision, uplift cap, block homes; homes: "
       "declared running costs",
       kV8},
      {9,
       "payments runs, payment lines and recoveries, placements' package lines and funding "
       "shares, block contracts' weeks, budget lines, foster-carer applications",
       kV9},
      {10,
       "frameworks and DPS: lots, reopening dates, admission criteria; admissions; homes and "
       "referrals: parent and child",
       kV10},
      {11,
       "provider groups and parent undertakings (from providers' parent group), financial "
       "returns, oversight cases; homes: date of last inspection",
       kV11},
      {12, "RCC returns to the national body, one per RCC and quarter", kV12},
      {13, "the national secure welfare queue: referrals, sendings, history", kV13},
      {14,
       "the registers of deprivation of liberty orders and unregistered placements; SSDA903 "
       "DoLO rows as imported",
       kV14},
      {15, "contracts: call-offs of national contracts; placements by contract", kV15},
      {16, "contracts: a national block call-off's share of the block's voids", kV16},
  };
  return kMigrations;
}

std::string RenderDdl(const Migration& m, Dialect dialect) {
  bool pg = dialect == Dialect::kPostgres;
  std::pair<const char*, const char*> types[] = {
      {"{pk}", pg ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY"},
      {"{int}", pg ? "BIGINT" : "INTEGER"},
      {"{real}", pg ? "DOUBLE PRECISION" : "REAL"},
      {"{text}", "TEXT"},
      {"{date}", pg ? "DATE" : "TEXT"},
      {"{ts}", pg ? "TIMESTAMPTZ" : "TEXT"},
      {"{company_number_of_min_id}",
       pg ? "'MG' || lpad(MIN(p.id)::text, 6, '0')" : "printf('MG%06d', MIN(p.id))"},
  };
  std::string ddl = m.ddl;
  for (auto [from, to] : types) ddl = ReplaceAll(ddl, from, to);
  return ddl;
}

Result<int> SchemaVersion(SqlConnection& conn) {
  int version = 0;
  CC_RETURN_IF_ERROR(conn.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {},
                                [&](const SqlRow& row) {
                                  version = static_cast<int>(row.Int(0));
                                  return Status::Ok();
                                }));
  return version;
}

Status Migrate(SqlConnection& conn) {
  bool pg = conn.dialect() == Dialect::kPostgres;
  const char* table =
      pg ? "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, description "
           "TEXT NOT NULL, "
           "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
         : "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description "
           "TEXT NOT NULL, "
           "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))";
  for (const Migration& m : Migrations()) {
    CC_RETURN_IF_ERROR(conn.Begin(/*write=*/true));
    auto step = [&]() -> Status {
      // Serialise concurrent openers: SQLite's BEGIN IMMEDIATE already holds
      // the write lock; PostgreSQL takes an advisory lock.
      if (pg) CC_RETURN_IF_ERROR(conn.ExecScript("SELECT pg_advisory_xact_lock(7243801)"));
      CC_RETURN_IF_ERROR(conn.ExecScript(table));
      CC_ASSIGN_OR_RETURN(int current, SchemaVersion(conn));
      if (current >= m.version) return Status::Ok();
      CC_RETURN_IF_ERROR(conn.ExecScript(RenderDdl(m, conn.dialect())));
      auto done = conn.Exec("INSERT INTO schema_migrations (version, description) VALUES ($1, $2)",
                            {std::int64_t{m.version}, std::string(m.description)});
      return done.status();
    };
    Status s = step();
    if (!s.ok()) {
      (void)conn.Rollback();
      return Status(s.code(),
                    "schema migration " + std::to_string(m.version) + " failed: " + s.message());
    }
    CC_RETURN_IF_ERROR(conn.Commit());
  }
  return Status::Ok();
}

}  // namespace carecoop::store
