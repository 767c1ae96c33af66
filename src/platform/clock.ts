/** The one source of "now". Tests inject a controllable clock instead of sleeping. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

export class TestClock implements Clock {
  #offsetMs = 0;
  #frozen: Date | undefined;
  now(): Date {
    return this.#frozen ? new Date(this.#frozen) : new Date(Date.now() + this.#offsetMs);
  }
  set(at: Date): void {
    this.#frozen = new Date(at);
  }
  advance(ms: number): void {
    if (this.#frozen) this.#frozen = new Date(this.#frozen.getTime() + ms);
    else this.#offsetMs += ms;
  }
}

/**
 * The run-time test clock (CANHGAC_TEST_CLOCK=true, refused in production): real time shifted by
 * an offset kept in the settings table, so every instance, job and CLI command agrees on "now".
 * Each process re-reads the offset every second.
 */
export class OffsetClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
