/**
 * Terminated personnel with their accounts (CC6.2/CC6.3), as an HR-to-IAM reconciliation export:
 * one row per (employee, account), each employee with one to three accounts on different systems,
 * all rows of an employee on the same termination date. Clean rows: disabled on the termination
 * date itself, last login at least a day before it. Each deviation breaks exactly one of those.
 *
 * @example
 * terminationModel.keyFields // ['employee_id', 'account_id']
 */
import { HOUR, addBusinessDays, dayStart } from '../time.js';
import { firstNames, lastNames, peopleCount, personDisplayName } from '../vocabulary.js';
import type { KindModel } from './model.js';

const disableWithinBusinessDays = 1;
const directories = ['active-directory', 'google-workspace', 'github', 'aws-iam', 'okta', 'salesforce'] as const;
const accountStyles: ((first: string, last: string) => string)[] = [
  (f, l) => `${f.charAt(0)}${l}`,
  (f, l) => `${f}.${l}@corp.example`,
  (f, l) => `${f}-${l}-gh`,
  (f, l) => `${f}.${l}`,
  (f, l) => `${f}${l}-adm`,
  (f, l) => `${l}${f.charAt(0)}`,
];

export const terminationModel: KindModel = {
  kind: 'termination',
  prefix: 'EMP',
  columns: [
    { header: 'Employee Number', field: 'employee_id' },
    { header: 'Employee Name', field: 'employee_name' },
    { header: 'Termination Date', field: 'termination_date' },
    { header: 'Account Name', field: 'account_id' },
    { header: 'Application', field: 'system' },
    { header: 'Date Disabled', field: 'disabled_at' },
    { header: 'Last Logon', field: 'last_login' },
    { header: 'HR Notes', text: true },
  ],
  keyFields: ['employee_id', 'account_id'],
  eventField: 'termination_date',
  required: ['termination_date', 'employee_id'],
  numbering: 'model',
  newlineColumn: 'HR Notes',
  parameters: {
    terminationDate: 'a local date (YYYY-MM-DD); the employee’s last day',
    disableWithinBusinessDays,
    lateDisable: `disabled_at more than ${disableWithinBusinessDays} business day (Mon–Fri, no holidays) after termination_date (clean rows: on the termination date)`,
    loginAfterTermination: 'last_login on a later local date than termination_date (clean rows: at least one day before)',
  },
  create(env) {
    const { rand, deviationRand: dev, ts, timeZone } = env;
    const notes = ['Voluntary resignation', 'End of contract', 'Involuntary, effective immediately', 'Retirement', 'Transfer to affiliate'] as const;
    let employee = 0;
    let person = 0;
    let groupDay = Number.NaN;
    let left = 0;
    let index = 0;
    let directoryStart = 0;
    let styleStart = 0;
    let note = '';
    return {
      row({ day, variant }) {
        if (left === 0 || day !== groupDay) {
          employee = env.nextNumber();
          person = rand.int(peopleCount);
          groupDay = day;
          const u = rand.next();
          left = u < 0.5 ? 1 : u < 0.85 ? 2 : 3;
          index = 0;
          directoryStart = rand.int(directories.length);
          styleStart = rand.int(accountStyles.length);
          note = rand.pick(notes);
        }
        left--;
        const first = firstNames[person % firstNames.length]!;
        const last = lastNames[Math.floor(person / firstNames.length) % lastNames.length]!;
        const account = accountStyles[(styleStart + index) % accountStyles.length]!(first, last);
        const system = directories[(directoryStart + index) % directories.length]!;
        index++;
        const start = dayStart(day, timeZone);
        let disabled = ts.instant(start + Math.round(rand.between(12 * HOUR, 22.5 * HOUR) / 1000) * 1000);
        let lastLogin = ts.instant(dayStart(day - rand.range(1, 30), timeZone) + Math.round(rand.between(7 * HOUR, 20 * HOUR) / 1000) * 1000);
        switch (variant) {
          case 'lateDisable':
            disabled = ts.instant(dayStart(addBusinessDays(day, disableWithinBusinessDays + dev.range(2, 12)), timeZone) + Math.round(dev.between(9 * HOUR, 17 * HOUR) / 1000) * 1000);
            break;
          case 'notDisabled':
            disabled = '';
            break;
          case 'loginAfterTermination':
            lastLogin = ts.instant(dayStart(day + dev.range(1, 10), timeZone) + Math.round(dev.between(7 * HOUR, 20 * HOUR) / 1000) * 1000);
            break;
        }
        return [env.keyText(employee), personDisplayName(person), ts.date(start + 12 * HOUR), account, system, disabled, lastLogin, note];
      },
      vary(cells) {
        cells[7] = `${cells[7]} (re-exported)`;
      },
    };
  },
};
