/**
 * Lower tail of the Poisson distribution, P(X ≤ k) for mean λ, summed in log space so a large λ
 * (a busy month) does not underflow. Used to keep sparse populations from flagging ordinary
 * quiet days as low.
 *
 * @example
 * poissonLowerTail(0, 5) // e^-5 ≈ 0.00674
 */
export function poissonLowerTail(k: number, lambda: number): number {
  if (k < 0) return 0;
  if (lambda <= 0) return 1;
  let logTerm = -lambda;
  let logSum = logTerm;
  const logLambda = Math.log(lambda);
  for (let i = 1; i <= k; i++) {
    logTerm += logLambda - Math.log(i);
    const hi = Math.max(logSum, logTerm);
    logSum = hi + Math.log(Math.exp(logSum - hi) + Math.exp(logTerm - hi));
  }
  return Math.min(1, Math.exp(logSum));
}

/** Median of a list of numbers (mean of the middle two for an even count); 0 for an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
