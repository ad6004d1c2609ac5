import type { Clock } from '../../application/ports/clock.ts';

/**
 * A clock that moves only when a test says so, never with the wall clock. With `step`, every reading
 * also moves it on by that many milliseconds, so successive events get distinct, predictable times.
 */
export class FixedClock implements Clock {
  private current: Date;

  constructor(
    start = '2026-11-21T12:00:00.000Z',
    private readonly step = 0,
  ) {
    this.current = new Date(start);
  }

  now(): Date {
    const now = new Date(this.current.getTime());
    this.current = new Date(this.current.getTime() + this.step);
    return now;
  }

  /** Negative seconds go back in time. */
  advance(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}
