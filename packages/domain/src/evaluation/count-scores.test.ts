import { describe, expect, it } from 'vitest';
import { countScore, DEFAULT_COUNT_TABLES, type CountScoreTable } from './count-scores';

const scoreOf = (table: CountScoreTable, count: number, countClass?: string) =>
  countScore({ table, count, countClass }).score;

describe('count-score tables', () => {
  it.each([
    [0, 0],
    [100, 0],
    [101, 40],
    [300, 40],
    [301, 60],
    [500, 60],
    [501, 75],
    [1200, 75],
    [1201, 90],
    [2000, 90],
    [2001, 100],
    [99_999, 100],
  ])('scores %i accepted or dispatched cases %i', (count, expected) => {
    expect(scoreOf(DEFAULT_COUNT_TABLES.operator_accepted, count)).toBe(expected);
    expect(scoreOf(DEFAULT_COUNT_TABLES.dispatcher_dispatched, count)).toBe(expected);
  });

  it.each([
    [0, 100],
    [50, 100],
    [51, 90],
    [100, 90],
    [101, 75],
    [200, 75],
    [201, 60],
    [500, 60],
    [501, 40],
    [1000, 40],
    [1001, 0],
  ])('scores a department with %i filed cases %i (fewer is better)', (count, expected) => {
    expect(scoreOf(DEFAULT_COUNT_TABLES.department_filed, count)).toBe(expected);
  });

  it.each([
    [0, 100],
    [1, 90],
    [2, 90],
    [3, 75],
    [4, 75],
    [5, 60],
    [6, 60],
    [7, 40],
    [8, 40],
    [9, 0],
    [500, 0],
  ])('scores a class-1 region with %i filed cases %i', (count, expected) => {
    expect(scoreOf(DEFAULT_COUNT_TABLES.region_filed, count, '1')).toBe(expected);
  });

  it('names the band a count fell in, with its upper end', () => {
    expect(countScore({ table: DEFAULT_COUNT_TABLES.operator_accepted, count: 250 })).toEqual({
      count: 250,
      countClass: 'default',
      band: { min: 101, max: 300, score: 40 },
      score: 40,
    });
    expect(countScore({ table: DEFAULT_COUNT_TABLES.operator_accepted, count: 5000 }).band).toEqual(
      { min: 2001, max: null, score: 100 },
    );
  });

  it('picks the band list of the object class and refuses an unknown class', () => {
    const table: CountScoreTable = {
      ...DEFAULT_COUNT_TABLES.region_filed,
      classes: {
        ...DEFAULT_COUNT_TABLES.region_filed.classes,
        '2': [
          { min: 0, score: 100 },
          { min: 11, score: 50 },
        ],
      },
    };
    expect(scoreOf(table, 10, '2')).toBe(100);
    expect(scoreOf(table, 10)).toBe(0); // default class 1
    expect(() => scoreOf(table, 10, '3')).toThrow(/no class 3/);
  });

  it('refuses a count below the first band', () => {
    expect(() => scoreOf(DEFAULT_COUNT_TABLES.department_filed, -1)).toThrow(/below/);
  });
});
