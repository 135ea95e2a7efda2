/** The HTTP service: `buildApp` (never listens) and `startServer` (listens, shuts down gracefully). */
export { buildApp } from './app.js';
export { startServer, type StartOptions, type RunningServer } from './listen.js';
export { DEFAULT_LIMITS, type ServerOptions, type ServerLimits, type ResolvedLimits } from './options.js';
export { createToken, findToken, listTokens, revokeToken, type ApiToken, type TokenRequest } from './auth/tokens.js';
export { createEngagement, getEngagement, listEngagements, type Engagement, type EngagementInput } from './engagements/engagements.js';
export { openApiDocument } from './openapi.js';
