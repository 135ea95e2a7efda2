/**
 * The mapping a re-ingest sends: the fields changed in the review, with the earlier choices kept —
 * when the service records how each column was chosen, only people's and options' choices are
 * repeated (the rest maps again by name); when it does not, every current choice is repeated.
 *
 * @example
 * mapToSend(population, { system: 'Environment' }) // { system: 'Environment' } (+ earlier overrides)
 */
import type { PopulationView } from '../api/types.js';

export function mapToSend(population: PopulationView, choices: Record<string, string>): Record<string, string> {
  const changed = Object.fromEntries(Object.entries(choices).filter(([f, h]) => h && population.mapping[f] !== h));
  if (!population.mappingDecisions) return { ...population.mapping, ...changed }; // how each was chosen is unknown: keep every choice
  const earlier = Object.fromEntries(population.mappingDecisions.filter((d) => d.how === 'override' || d.how === 'option').map((d) => [d.field, d.header]));
  return { ...earlier, ...changed };
}

