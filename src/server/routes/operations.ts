/** The operations over stored populations: completeness, samples (and verification), test runs, downloads. */
import type { FastifyInstance } from 'fastify';
import { completenessRoutes } from './completeness.js';
import { pullRoutes } from './pulls.js';
import { sampleRoutes } from './samples.js';
import { testRunRoutes } from './test-runs.js';
import { workbookRoutes } from './workbooks.js';

export async function operationRoutes(app: FastifyInstance): Promise<void> {
  await app.register(completenessRoutes);
  await app.register(sampleRoutes);
  await app.register(testRunRoutes);
  await app.register(workbookRoutes);
  await app.register(pullRoutes);
}
