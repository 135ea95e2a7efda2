/**
 * The layers of src/ as a dependency rule (`npm run lint:deps`, part of `npm run lint`).
 *
 * Layers, top to bottom (docs/architecture.md: "lower layers never import upper ones"). A folder may
 * import its own layer and the layers below it, never one above. Type-only imports count here: a
 * renderer that names an orchestrator's type still depends on it.
 *
 * The cycle rule lives in `.dependency-cruiser.runtime.cjs` (same layers, type-only imports left out:
 * a cycle of types costs nothing at run time).
 */
const LAYERS = [
  // Shells: parse arguments or requests, print or serialise, nothing else.
  { name: 'shells', folders: ['cli', 'server'] },
  // The only place that orchestrates: pull, sample, test, workbook-from-store, verify.
  { name: 'operations', folders: ['operations'] },
  // Engines a pull runs on: the embedded scan over stored chunks (workers), the in-place SQL pull.
  { name: 'engines', folders: ['scan', 'sql'] },
  // Renderers: workbook, CSV and JSON exports, arquero tables over stored columns.
  { name: 'renderers', folders: ['export', 'tables'] },
  // Conclusions from test results.
  { name: 'evaluation', folders: ['evaluation'] },
  // The audit's computations: attribute rules, completeness checks, sample selection, statistics.
  { name: 'audit', folders: ['rules', 'completeness', 'sampling', 'stats'] },
  // Reading sources: CSV/XLSX ingest, source profiles, synthetic populations.
  { name: 'sources', folders: ['ingest', 'sources', 'synthetic'] },
  // The data directory: catalog and chunk files.
  { name: 'store', folders: ['store'] },
  // The population model: kinds, fields, keys, fingerprints.
  { name: 'population', folders: ['population'] },
  // Foundations every layer may use.
  { name: 'foundations', folders: ['kernels', 'xlsx', 'period', 'time', 'text', 'pool', 'errors.ts', 'version.ts', 'package-root.ts'] },
];

const pathOf = (names) => `^src/(${names.map((n) => n.replace('.', '\\.')).join('|')})(/|$)`;

const above = (index) => LAYERS.slice(0, index).flatMap((layer) => layer.folders);

const layerRules = LAYERS.slice(1).map((layer, i) => ({
  name: `layer-${layer.name}`,
  comment: `${layer.folders.join(', ')} must not import a layer above: ${above(i + 1).join(', ')}`,
  severity: 'error',
  from: { path: pathOf(layer.folders) },
  to: { path: pathOf(above(i + 1)) },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'export-renders-only',
      comment: 'export/ and tables/ render what they are given: no shells, no orchestration, no engines.',
      severity: 'error',
      from: { path: '^src/(export|tables)/' },
      to: { path: '^src/(cli|server|operations|scan|sql)/' },
    },
    {
      name: 'shells-are-entry-points',
      comment: 'Only the shells themselves, the library entry (src/index.ts) and bin/ import src/cli or src/server.',
      severity: 'error',
      from: { pathNot: '^src/(cli|server)/|^src/index\\.ts$|^bin/' },
      to: { path: '^src/(cli|server)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    // The web app is its own build (src/web/tsconfig.json) and talks to the server over HTTP.
    exclude: { path: '^src/web/' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'], conditionNames: ['import', 'require', 'node', 'default'], exportsFields: ['exports'] },
  },
};
