/** The row hash kernel's old path (the typer imports it from here): src/kernels/row-hash.ts. */
export * from '../kernels/row-hash.js';
