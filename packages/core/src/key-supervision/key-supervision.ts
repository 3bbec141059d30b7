import {
  divisionRepository,
  keySupervisionRepository,
  type CaseRow,
  type Executor,
} from '@xiuhua/db';
import { effectiveLimitFactor, pointInGeometry, type AreaGeometry } from '@xiuhua/domain';

export type KeyAssessment = { factor: number; keySupervision: boolean; reasons: string[] };

/**
 * Whether a case is under key supervision and how much its disposal limit shrinks (or, for
 * rural regions, grows): key class, key areas containing it, key periods running now, and the
 * region class of its street (or district).
 */
export async function assessKeySupervision(
  db: Executor,
  options: { row: CaseRow; classKeySupervision: boolean; now: Date },
): Promise<KeyAssessment> {
  const { row, now } = options;
  const factors = await keySupervisionRepository.factors(db);
  const keyFactors: number[] = [];
  const reasons: string[] = [];
  if (options.classKeySupervision) {
    keyFactors.push(factors.get('key_class') ?? 1);
    reasons.push('key_class');
  }
  if (row.lng !== null && row.lat !== null) {
    for (const area of await keySupervisionRepository.areasAround(db, row.lng, row.lat)) {
      if (pointInGeometry([row.lng, row.lat], area.geometry as AreaGeometry)) {
        keyFactors.push(area.factor);
        reasons.push(`key_area:${area.name}`);
      }
    }
  }
  for (const period of await keySupervisionRepository.periodsAt(db, now)) {
    keyFactors.push(period.factor);
    reasons.push(`key_period:${period.name}`);
  }
  let regionFactor = 1;
  for (const code of [row.street_code, row.district_code]) {
    if (!code) continue;
    const division = await divisionRepository.findByCode(db, code);
    if (division?.area_class) {
      regionFactor = factors.get(`area_class:${division.area_class}`) ?? 1;
      if (regionFactor !== 1) reasons.push(`area_class:${division.area_class}`);
      break;
    }
  }
  return {
    factor: effectiveLimitFactor({ keyFactors, regionFactor }),
    keySupervision: keyFactors.length > 0,
    reasons,
  };
}
