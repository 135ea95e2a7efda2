/** The operations over stored populations: completeness, samples (and verification), test runs. */
import type { FastifyInstance } from 'fastify';
import { completenessRoutes } from './completeness.js';
import { sampleRoutes } from './samples.js';
import { testRunRoutes } from './test-runs.js';

export async function operationRoutes(app: FastifyInstance): Promise<void> {
  await app.register(completenessRoutes);
  await app.register(sampleRoutes);
  await app.register(testRunRoutes);
}
