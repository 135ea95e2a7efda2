/**
 * A generic ledger-like table (kind `generic`): the user names the key (`Record ID`) and the event
 * time (`Event Date`). Carries an `Amount` column whose total the manifest reports, for tie-outs
 * to a control total.
 *
 * @example
 * genericModel.amountColumn // 'Amount'
 */
import { categories, personName, peopleCount } from '../vocabulary.js';
import type { KindModel } from './model.js';

export const genericModel: KindModel = {
  kind: 'generic',
  prefix: 'REC',
  columns: [
    { header: 'Record ID', field: 'key' },
    { header: 'Event Date', field: 'event_at' },
    { header: 'Category' },
    { header: 'Amount' },
    { header: 'Description', text: true },
    { header: 'Owner' },
  ],
  keyFields: ['key'],
  eventField: 'event_at',
  required: ['event_at', 'key'],
  numbering: 'row',
  newlineColumn: 'Description',
  amountColumn: 'Amount',
  parameters: { mapping: 'map with --key "Record ID" --event-time "Event Date"' },
  create(env) {
    const { rand, ts } = env;
    const words = ['Invoice', 'Credit note', 'Purchase order', 'Expense claim', 'Refund'] as const;
    return {
      row({ at, number }) {
        const cents = rand.range(100, 5_000_000);
        return [
          env.keyText(number), ts.instant(at), rand.pick(categories), `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
          `${rand.pick(words)} ${rand.range(10000, 99999)}`, personName(rand.int(peopleCount)),
        ];
      },
      vary(cells) {
        cells[4] = `${cells[4]} (restated)`;
      },
    };
  },
};
