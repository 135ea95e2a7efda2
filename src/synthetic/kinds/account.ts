/**
 * An account listing (kind `account`), as a directory export: one row per account, numbered
 * usernames, the creation instant as the event time, a last sign-in before the export, and a
 * status. Clean by construction: the kind's rules read it through a join (terminations), so it
 * carries no deviations of its own.
 *
 * @example
 * accountModel.keyFields // ['username']
 */
import { DAY, HOUR } from '../time.js';
import { peopleCount, personDisplayName, personName } from '../vocabulary.js';
import type { KindModel } from './model.js';

export const accountModel: KindModel = {
  kind: 'account',
  prefix: 'USR',
  columns: [
    { header: 'Username', field: 'username' },
    { header: 'Display Name', field: 'display_name' },
    { header: 'Email', field: 'email' },
    { header: 'Account Status', field: 'status' },
    { header: 'Created', field: 'created_at' },
    { header: 'Last Login', field: 'last_login' },
    { header: 'Notes', text: true },
  ],
  keyFields: ['username'],
  eventField: 'created_at',
  required: ['created_at', 'username'],
  numbering: 'row',
  newlineColumn: 'Notes',
  parameters: { status: 'ACTIVE for every account; last login 1 hour to 20 days after creation' },
  create(env) {
    const { rand, ts } = env;
    const notes = ['Joiner', 'Contractor', 'Service desk request', 'Transfer'] as const;
    return {
      row({ at, number }) {
        const p = rand.int(peopleCount);
        const lastLogin = at + Math.round(rand.between(HOUR, 20 * DAY) / 1000) * 1000;
        return [env.keyText(number), personDisplayName(p), `${personName(p)}@corp.example`, 'ACTIVE', ts.instant(at), ts.instant(lastLogin), rand.pick(notes)];
      },
      vary(cells) {
        cells[6] = `${cells[6]} (re-exported)`;
      },
    };
  },
};
