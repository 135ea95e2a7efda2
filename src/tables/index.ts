/**
 * Populations, samples and findings as arquero tables (`aq` verbs over tickmark's columns), and
 * a population as Arrow IPC bytes.
 * Re-exports only.
 */
export { populationTable, type PopulationTableOptions } from './population-table.js';
export { populationArrow } from './population-arrow.js';
export { sampleTable, type SampleTableOptions } from './sample-table.js';
export { findingsTable } from './findings-table.js';
export { populationColumnNames } from './population-columns.js';
