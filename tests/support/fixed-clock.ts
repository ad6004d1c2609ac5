import type { Clock } from '../../application/ports/clock.ts';

/** A clock that moves only when a test says so. */
export class FixedClock implements Clock {
  private current: Date;

  constructor(start = '2026-11-21T12:00:00.000Z') {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  advance(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}
