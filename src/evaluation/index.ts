/**
 * The evaluation a CPA signs: the team's entries, the parts of a sample evaluated apart, one
 * conclusion. Re-exports only.
 */
export * from './entries.js';
export * from './types.js';
export * from './effective.js';
export * from './parts.js';
export * from './conclusion.js';
export * from './options.js';
export * from './evaluate-control.js';
