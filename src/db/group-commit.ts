export type GroupCommitOptions = {
  /** most items in one transaction */
  maxBatch?: number;
  /** transactions in flight at once; further items wait and form the next batch */
  maxInFlight?: number;
  /** told when a batch failed (its items are then written one by one) */
  onBatchError?: (err: unknown) => void;
};

type Entry<I, O> = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void };

/**
 * Group commit: items handed in while earlier ones are being written share the next transaction —
 * one commit (one WAL flush) for many. `submit` resolves only after the item's transaction committed,
 * so an answer sent on it always means stored. When a batch fails, its items are written one by one,
 * so a bad item fails alone.
 */
export class GroupCommit<I, O> {
  private queue: Entry<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;
  private idle: (() => void)[] = [];
  private readonly writeBatch: (items: I[]) => Promise<O[]>;
  private readonly writeOne: (item: I) => Promise<O>;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly onBatchError: (err: unknown) => void;

  constructor(
    writeBatch: (items: I[]) => Promise<O[]>,
    writeOne: (item: I) => Promise<O>,
    opts: GroupCommitOptions = {},
  ) {
    this.writeBatch = writeBatch;
    this.writeOne = writeOne;
    this.maxBatch = opts.maxBatch ?? 200;
    this.maxInFlight = opts.maxInFlight ?? 2;
    this.onBatchError = opts.onBatchError ?? (() => {});
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once every item handed in so far is answered (for a clean shutdown). */
  drained(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    // After the current turn of the event loop: requests parsed in the same turn share the batch.
    setImmediate(() => {
      this.scheduled = false;
      if (this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        this.schedule();
        if (this.queue.length === 0 && this.inFlight === 0) for (const done of this.idle.splice(0)) done();
      });
    });
  }

  private async write(batch: Entry<I, O>[]): Promise<void> {
    try {
      const outcomes = await this.writeBatch(batch.map((b) => b.item));
      for (const [i, b] of batch.entries()) b.resolve(outcomes[i] as O);
    } catch (err) {
      this.onBatchError(err);
      await Promise.all(batch.map((b) => this.writeOne(b.item).then(b.resolve, b.reject)));
    }
  }
}
