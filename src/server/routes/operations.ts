/** Placeholder: completeness, samples, test runs and workbooks are wired once src/operations exists. */
import type { FastifyInstance } from 'fastify';

export async function operationRoutes(_app: FastifyInstance): Promise<void> {}
