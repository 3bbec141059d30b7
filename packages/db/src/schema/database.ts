import type { ColumnType, Generated } from 'kysely';
import type {
  AddressPointsTable,
  CaseActionsTable,
  CaseRatingsTable,
  CaseNumberCountersTable,
  CasePhotosTable,
  CasesTable,
  CaseSearchTable,
  CaseTimersTable,
  PatrolPointsTable,
  PatrolShiftsTable,
  DeviceAlarmsTable,
  HotlineOrdersTable,
  HotlineReturnVisitsTable,
  EvaluationFactsTable,
  EvaluationMonthSumsTable,
  EvaluationSchemesTable,
  EvaluationPublicationsTable,
  IdempotencyKeysTable,
  KeyAreasTable,
  KeyPeriodsTable,
  LimitFactorsTable,
  OutboxEventsTable,
  RoutingRulesTable,
  StepLimitsTable,
  SupervisionRulesTable,
  SupervisionSlipsTable,
  WebhookDeliveriesTable,
  WebhookSubscriptionsTable,
} from './case-tables';
import type { DateOnly, Json, StoredGeometry, Timestamp, TimestampDefault } from './column-types';

export type { StoredGeometry } from './column-types';
export type * from './case-tables';

export type DivisionsTable = {
  code: string;
  level: 'city' | 'district' | 'street' | 'community';
  name: string;
  parent_code: string | null;
  outline: ColumnType<StoredGeometry | null, string | null, string | null>;
  min_lng: number | null;
  min_lat: number | null;
  max_lng: number | null;
  max_lat: number | null;
  area_class: 'core' | 'fringe' | 'rural' | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
};

export type OrganisationsTable = {
  id: Generated<number>;
  code: string;
  name: string;
  kind: 'centre' | 'department';
  level: 'city' | 'district' | 'street' | 'first' | 'second';
  parent_id: number | null;
  division_code: string | null;
  phone: string | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
};

export type UsersTable = {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string | null;
  organisation_id: number | null;
  scope_kind: 'all' | 'region' | 'department';
  scope_division_code: string | null;
  scope_organisation_id: number | null;
  phone: string | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  last_login_at: Timestamp | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
};

export type UserRolesTable = { user_id: number; role: string };

export type SessionsTable = {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  user_agent: string | null;
  ip: string | null;
};

export type ApiTokensTable = {
  id: Generated<number>;
  name: string;
  token_hash: string;
  token_prefix: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
};

export type LoginAttemptsTable = {
  id: Generated<number>;
  username: string;
  ip: string;
  attempted_at: Timestamp;
  succeeded: boolean;
};

export type ResponsibilityGridsTable = {
  code: string;
  name: string;
  district_code: string;
  street_code: string | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
};

export type ResponsibilityGridSupervisorsTable = {
  responsibility_grid_code: string;
  user_id: number;
};

export type GridImportBatchesTable = {
  id: Generated<number>;
  created_at: Timestamp;
  created_by: number | null;
  file_name: string | null;
  source_crs: 'wgs84' | 'gcj02';
  status: 'applied' | 'rejected';
  feature_count: number;
  report: Json<Record<string, unknown>>;
};

export type UnitGridsTable = {
  code: string;
  district_code: string;
  street_code: string;
  community_code: string;
  name: string | null;
  geometry: Json<StoredGeometry>;
  area_m2: number;
  min_lng: number;
  min_lat: number;
  max_lng: number;
  max_lat: number;
  centroid_lng: number;
  centroid_lat: number;
  responsibility_grid_code: string | null;
  import_batch_id: number | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
};

export type CaseClassesTable = {
  id: Generated<number>;
  standard: 'GB/T 47678.5-2026' | 'CJ/T 214-2007' | 'local';
  kind: 'component' | 'matter' | 'event';
  big_code: string;
  big_name: string;
  code: string;
  name: string;
  key_supervision: ColumnType<boolean, boolean | undefined, boolean>;
  default_department_id: number | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
};

export type CaseClassMappingsTable = {
  legacy_class_id: number;
  current_class_id: number;
  note: string | null;
};

export type ClassRulesTable = {
  id: Generated<number>;
  class_id: number;
  condition_code: ColumnType<string, string | undefined, string>;
  urgency: 'normal' | 'urgent';
  filing_condition: string;
  closing_condition: string;
  limit_value: number;
  limit_unit: 'working_hour' | 'working_day' | 'natural_hour' | 'natural_day' | 'minute';
  department_id: number | null;
  updated_at: TimestampDefault;
};

export type ComponentsTable = {
  id: string;
  class_id: number;
  name: string;
  status: 'intact' | 'damaged' | 'lost' | 'scrapped' | 'removed';
  competent_unit_code: string | null;
  competent_unit_name: string | null;
  owner_unit: string | null;
  maintenance_unit: string | null;
  lng: number;
  lat: number;
  grid_code: string | null;
  street_code: string | null;
  community_code: string | null;
  district_code: string | null;
  survey_date: DateOnly | null;
  change_date: DateOnly | null;
  data_source: string | null;
  note: string | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
};

export type TimingSchemesTable = {
  id: Generated<number>;
  code: string;
  name: string;
  utc_offset_minutes: ColumnType<number, number | undefined, number>;
  is_default: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: TimestampDefault;
};

export type TimingSchemeVersionsTable = {
  scheme_id: number;
  valid_from: DateOnly;
  periods: Json<{ start: string; end: string }[]>;
  working_weekdays: number[];
};

export type CalendarDaysTable = {
  scheme_id: number;
  day: DateOnly;
  is_working: boolean;
  note: string | null;
};

export type AdminAuditTable = {
  id: Generated<number>;
  at: Timestamp;
  actor_user_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: Json<Record<string, unknown>>;
};

export type SchemaMigrationsTable = {
  name: string;
  checksum: string;
  applied_at: TimestampDefault;
};

export type Database = {
  divisions: DivisionsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  responsibility_grids: ResponsibilityGridsTable;
  responsibility_grid_supervisors: ResponsibilityGridSupervisorsTable;
  grid_import_batches: GridImportBatchesTable;
  unit_grids: UnitGridsTable;
  case_classes: CaseClassesTable;
  case_class_mappings: CaseClassMappingsTable;
  class_rules: ClassRulesTable;
  components: ComponentsTable;
  timing_schemes: TimingSchemesTable;
  timing_scheme_versions: TimingSchemeVersionsTable;
  calendar_days: CalendarDaysTable;
  admin_audit: AdminAuditTable;
  schema_migrations: SchemaMigrationsTable;
  cases: CasesTable;
  case_number_counters: CaseNumberCountersTable;
  case_actions: CaseActionsTable;
  case_search: CaseSearchTable;
  case_timers: CaseTimersTable;
  outbox_events: OutboxEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  step_limits: StepLimitsTable;
  supervision_slips: SupervisionSlipsTable;
  supervision_rules: SupervisionRulesTable;
  routing_rules: RoutingRulesTable;
  case_photos: CasePhotosTable;
  key_areas: KeyAreasTable;
  key_periods: KeyPeriodsTable;
  limit_factors: LimitFactorsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  address_points: AddressPointsTable;
  case_ratings: CaseRatingsTable;
  hotline_orders: HotlineOrdersTable;
  hotline_return_visits: HotlineReturnVisitsTable;
  evaluation_facts: EvaluationFactsTable;
  evaluation_month_sums: EvaluationMonthSumsTable;
  evaluation_fact_deltas: EvaluationMonthSumsTable;
  evaluation_schemes: EvaluationSchemesTable;
  evaluation_publications: EvaluationPublicationsTable;
  device_alarms: DeviceAlarmsTable;
  patrol_shifts: PatrolShiftsTable;
  patrol_points: PatrolPointsTable;
};
