/** The trim kernel's old path (the typer imports it from here): src/kernels/trim.ts. */
export { isSpaceByte, trimEnd, trimStart } from '../kernels/trim.js';
