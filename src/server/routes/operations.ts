/** The operations over stored populations: completeness, samples (and verification), test runs, downloads. */
import type { FastifyInstance } from 'fastify';
import { completenessEvidenceRoutes } from './completeness-evidence.js';
import { completenessRoutes } from './completeness.js';
import { engagementViewRoutes } from './engagement-views.js';
import { kindRoutes } from './kinds.js';
import { planRoutes } from './plans.js';
import { populationRowRoutes } from './population-rows.js';
import { pullRoutes } from './pulls.js';
import { reingestRoutes } from './reingest.js';
import { resultsWorkbookRoutes } from './results-workbook.js';
import { sampleRoutes } from './samples.js';
import { testRunRoutes } from './test-runs.js';
import { workbookVerifyRoutes } from './workbook-verify.js';
import { workbookRoutes } from './workbooks.js';

export async function operationRoutes(app: FastifyInstance): Promise<void> {
  await app.register(completenessRoutes);
  await app.register(sampleRoutes);
  await app.register(testRunRoutes);
  await app.register(workbookRoutes);
  await app.register(pullRoutes);
  // What the web app needs beyond the dry-run itself (any script may use them too).
  await app.register(kindRoutes);
  await app.register(planRoutes);
  await app.register(reingestRoutes);
  await app.register(populationRowRoutes);
  await app.register(completenessEvidenceRoutes);
  await app.register(engagementViewRoutes);
  await app.register(workbookVerifyRoutes);
  await app.register(resultsWorkbookRoutes);
}
