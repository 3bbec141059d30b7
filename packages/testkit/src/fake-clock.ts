import type { Clock } from '@xiuhua/domain';

/** A clock that only moves when a test says so. */
export class FakeClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2026-11-23T09:00:00+08:00') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }

  advanceMinutes(minutes: number): void {
    this.current += minutes * 60_000;
  }
}
