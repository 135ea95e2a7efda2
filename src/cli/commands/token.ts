/**
 * `tickmark token create --engagement E | --admin [--label L]`: mint an API token. The secret is
 * printed once; the catalog keeps only its SHA-256. Also `token list` and `token revoke ID`.
 */
import { tickmarkError } from '../../errors.js';
import { createToken, listTokens, revokeToken } from '../../server/auth/tokens.js';
import { openStore } from '../../store/store.js';
import { flag, printJson, str } from '../args.js';
import { exit, type Command } from '../command.js';

export const tokenCommand: Command = {
  name: 'token',
  summary: 'Create, list or revoke API tokens for the HTTP service',
  usage: 'tickmark token create (--engagement E | --admin) [--label L] [--data-dir D] [--json] | token list | token revoke TOKEN_ID',
  options: {
    engagement: { type: 'string' },
    admin: { type: 'boolean' },
    label: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(ctx) {
    const [action, id] = ctx.positionals;
    const dataDir = str(ctx, 'data-dir');
    const store = openStore(dataDir ? { dataDir } : {});
    try {
      if (action === 'create') {
        const engagementId = str(ctx, 'engagement');
        const admin = flag(ctx, 'admin');
        if (Boolean(engagementId) === admin) throw tickmarkError('TM_ERR_USAGE', { message: 'give either --engagement ID or --admin' });
        const label = str(ctx, 'label');
        const { secret, token } = createToken(store, admin ? { admin: true, ...(label ? { label } : {}) } : { engagementId: engagementId!, ...(label ? { label } : {}) });
        if (flag(ctx, 'json')) printJson(ctx, { token, secret });
        else {
          ctx.io.out(secret);
          ctx.io.err(`token ${token.id} ${admin ? '(admin)' : `for engagement ${engagementId}`} — the secret above is shown once; store it now`);
        }
        return exit.ok;
      }
      if (action === 'list') {
        const tokens = listTokens(store);
        if (flag(ctx, 'json')) printJson(ctx, { tokens });
        else for (const t of tokens) ctx.io.out(`${t.id}  ${t.admin ? 'admin' : t.engagementId}  ${t.label ?? ''}  ${t.createdAt}${t.revokedAt ? `  revoked ${t.revokedAt}` : ''}`);
        return exit.ok;
      }
      if (action === 'revoke') {
        if (!id) throw tickmarkError('TM_ERR_USAGE', { message: 'name the token id to revoke' });
        const t = revokeToken(store, id);
        ctx.io.out(`revoked ${t.id}`);
        return exit.ok;
      }
      throw tickmarkError('TM_ERR_USAGE', { message: `expected create, list or revoke; got ${JSON.stringify(action ?? '')}\nUsage: ${tokenCommand.usage}` });
    } finally {
      store.close();
    }
  },
};
