/**
 * The mapping a re-ingest sends: the fields changed in the review, with the earlier choices kept —
 * when the service records how each column was chosen, only people's and options' choices are
 * repeated (the rest maps again by name); when it does not, every current choice is repeated.
 *
 * @example
 * mapToSend(population, { system: 'Environment', pir_at: '' }) // { system: 'Environment', pir_at: null } (+ earlier overrides)
 */
import type { PopulationView } from '../api/types.js';

export function mapToSend(population: PopulationView, choices: Record<string, string>): Record<string, string | null> {
  // A choice of '' is "not mapped": sent as null.
  const changed = Object.fromEntries(Object.entries(choices).filter(([f, h]) => (population.mapping[f] ?? '') !== h).map(([f, h]) => [f, h || null]));
  if (!population.mappingDecisions) return { ...population.mapping, ...changed }; // how each was chosen is unknown: keep every choice
  const earlier = Object.fromEntries(population.mappingDecisions.filter((d) => d.how === 'override' || d.how === 'option').map((d) => [d.field, d.header]));
  return { ...earlier, ...changed };
}
