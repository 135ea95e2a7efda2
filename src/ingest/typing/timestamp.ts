/** Timestamp parsing's old path (the typer imports it from here): src/kernels/timestamp/parse.ts. */
export * from '../../kernels/timestamp/parse.js';
export { dayOfCivil as utcDay, validDate } from '../../kernels/civil.js';
