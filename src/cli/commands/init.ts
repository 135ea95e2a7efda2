/**
 * `tickmark init`: write the engagement file `tickmark.json` in the working directory, so that
 * every later command there knows the client, engagement, period, zone, preparer, data directory
 * and seed (flags still win). Refuses to overwrite one unless `--force`.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tickmarkError } from '../../errors.js';
import { parsePeriod } from '../../period/period.js';
import { assertTimeZone } from '../../time/zone.js';
import { flag, str } from '../args.js';
import { exit, type Command } from '../command.js';
import { checkConfig, CONFIG_FILE, type EngagementFile } from '../config.js';

export const initCommand: Command = {
  name: 'init',
  summary: 'Write tickmark.json (client, engagement, period, zone, preparer, data dir, seed) so later commands here need fewer flags',
  usage: 'tickmark init --client C --engagement E --period A..B [--tz ZONE] [--preparer NAME] [--data-dir DIR] [--seed S] [--force]',
  options: {
    client: { type: 'string' }, engagement: { type: 'string' }, period: { type: 'string' }, tz: { type: 'string' },
    preparer: { type: 'string' }, 'data-dir': { type: 'string' }, seed: { type: 'string' }, force: { type: 'boolean' }, json: { type: 'boolean' },
  },
  async run(ctx) {
    const file = join(process.cwd(), CONFIG_FILE);
    if (existsSync(file) && !flag(ctx, 'force')) throw tickmarkError('TM_ERR_USAGE', { message: `${CONFIG_FILE} already exists here; --force replaces it` });
    const timeZone = assertTimeZone(str(ctx, 'tz') ?? 'UTC');
    const period = parsePeriod(str(ctx, 'period')!, timeZone);
    const config: EngagementFile = checkConfig({
      client: str(ctx, 'client'), engagement: str(ctx, 'engagement'), period: { start: period.start, end: period.end }, timeZone,
      ...(str(ctx, 'preparer') ? { preparer: str(ctx, 'preparer') } : {}),
      ...(str(ctx, 'data-dir') ? { dataDir: str(ctx, 'data-dir') } : {}),
      ...(str(ctx, 'seed') ? { seed: str(ctx, 'seed') } : {}),
      populations: {},
    });
    writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
    if (flag(ctx, 'json')) ctx.io.out(JSON.stringify({ file, config }, null, 2));
    else ctx.io.out(`wrote ${file}: ${config.client} — ${config.engagement}, ${period.start}..${period.end} (${timeZone}); add populations as {"populations": {"changes.csv": {"kind": "change"}}}`);
    return exit.ok;
  },
};
