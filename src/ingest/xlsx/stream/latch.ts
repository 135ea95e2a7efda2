/**
 * A one-shot failure signal for work that waits on streams. Errors raised on the side (an abort
 * signal, an 'error' event) fail the latch, and every await on the read is raced against it: a
 * stream that stalls after an error can never hang the read.
 *
 * @example
 * const latch = new Latch()
 * zip.on('error', (e) => latch.fail(e))
 * const step = await latch.race(parts.next())
 */
export class Latch {
  readonly promise: Promise<never>;
  private reject!: (reason: unknown) => void;
  private failure: { error: unknown } | null = null;

  constructor() {
    this.promise = new Promise<never>((_, reject) => {
      this.reject = reject;
    });
    this.promise.catch(() => undefined); // a latch nobody races is not an unhandled rejection
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  /** The first failure wins; later ones are ignored. */
  fail(error: unknown): void {
    if (this.failure) return;
    this.failure = { error };
    this.reject(error);
  }

  /** Settle with `pending`, unless the latch fails first. */
  race<T>(pending: Promise<T>): Promise<T> {
    if (this.failure) {
      pending.catch(() => undefined);
      return Promise.reject(this.failure.error);
    }
    return Promise.race([pending, this.promise]);
  }
}
