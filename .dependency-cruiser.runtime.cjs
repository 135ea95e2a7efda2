/**
 * No import cycles among the modules that run (`npm run lint:deps`). Type-only imports are left out:
 * TypeScript erases them, so a cycle of types loads nothing twice. The layer rules are in
 * `.dependency-cruiser.cjs`, which this shares its options with.
 */
const layers = require('./.dependency-cruiser.cjs');

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A module that reaches itself through runtime imports.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: { ...layers.options, tsPreCompilationDeps: false },
};
