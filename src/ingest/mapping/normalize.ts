/** Header matching helpers: the normalised forms (src/text/header-words.ts) and edit distance. */
export { headerCore, normalizeHeader } from '../../text/header-words.js';
export { editDistance } from '../../text/edit-distance.js';
