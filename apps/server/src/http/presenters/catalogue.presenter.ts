import type { CaseClassRow, ClassRuleRow, ComponentRow } from '@xiuhua/core';

export const presentRule = (rule: ClassRuleRow) => ({
  conditionCode: rule.condition_code,
  urgency: rule.urgency,
  filingCondition: rule.filing_condition,
  closingCondition: rule.closing_condition,
  limitValue: rule.limit_value,
  limitUnit: rule.limit_unit,
  departmentId: rule.department_id,
});

export const presentClass = (row: CaseClassRow & { rules: ClassRuleRow[] }) => ({
  id: row.id,
  standard: row.standard,
  kind: row.kind,
  bigCode: row.big_code,
  bigName: row.big_name,
  code: row.code,
  name: row.name,
  keySupervision: row.key_supervision,
  defaultDepartmentId: row.default_department_id,
  active: row.active,
  rules: row.rules.map(presentRule),
});

export const presentComponent = (row: ComponentRow) => ({
  id: row.id,
  classId: row.class_id,
  name: row.name,
  status: row.status,
  competentUnitCode: row.competent_unit_code,
  competentUnitName: row.competent_unit_name,
  ownerUnit: row.owner_unit,
  maintenanceUnit: row.maintenance_unit,
  lng: row.lng,
  lat: row.lat,
  gridCode: row.grid_code,
  streetCode: row.street_code,
  communityCode: row.community_code,
  surveyDate: row.survey_date,
  changeDate: row.change_date,
  dataSource: row.data_source,
  note: row.note,
});

const STANDARD_ALIASES = {
  gbt2026: 'GB/T 47678.5-2026',
  legacy: 'CJ/T 214-2007',
  local: 'local',
} as const;

/** Accepts the full standard name or the short aliases gbt2026 / legacy / local. */
export function standardOf(value: string | undefined): CaseClassRow['standard'] | undefined {
  if (!value) return undefined;
  return value in STANDARD_ALIASES
    ? STANDARD_ALIASES[value as keyof typeof STANDARD_ALIASES]
    : (value as CaseClassRow['standard']);
}
