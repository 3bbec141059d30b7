import { describe, expect, it } from 'vitest';
import { isDissatisfied, SATISFACTION_LEVELS, SATISFACTION_SCORES } from './hotline';

describe('return-visit satisfaction', () => {
  it('scores the five levels 100/80/50/0/−100 and flags the bottom two', () => {
    expect(SATISFACTION_LEVELS.map((l) => SATISFACTION_SCORES[l])).toEqual([100, 80, 50, 0, -100]);
    expect(SATISFACTION_LEVELS.filter(isDissatisfied)).toEqual([
      'dissatisfied',
      'very_dissatisfied',
    ]);
  });
});
