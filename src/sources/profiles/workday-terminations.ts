/**
 * Workday terminations: a custom report (data source "Terminations" / "Workers Terminated in a
 * Period") exported as CSV — one row per terminated worker, display headers, US dates
 * (`01/31/2025`) for an en_US user.
 */
import type { SourceProfile } from '../types.js';

export const workdayTerminations: SourceProfile = {
  id: 'workday-terminations',
  name: 'Workday terminations (custom report, CSV)',
  system: 'Workday',
  export: 'Run the terminations report for the period → Export → CSV (or Excel, then CSV).',
  signature: {
    required: ['Employee ID', 'Worker', 'Termination Date'],
    optional: ['Legal Name', 'Last Day of Work', 'Hire Date', 'Business Title', 'Supervisory Organization', 'Manager', 'Primary Termination Reason', 'Primary Termination Category', 'Email - Work', 'Worker Type', 'Location', 'Company'],
  },
  kinds: {
    termination: {
      fields: {
        employee_id: ['Employee ID'],
        employee_name: ['Worker', 'Legal Name'],
        email: ['Email - Work', 'Work Email'],
        termination_date: ['Termination Date'],
        account_id: [],
        system: [],
        disabled_at: [],
        last_login: [],
      },
      key: ['employee_id'],
      notes: [
        'termination_date is Termination Date (the effective date HR records), not Last Day of Work (the last day worked, often earlier).',
        'The HR list names no accounts: join it to an account population (--join accounts=FILE) to test disabling.',
      ],
    },
  },
  read: { encoding: 'utf-8', delimiter: ',', dateOrder: 'mdy' },
  notes: ['Dates follow the exporting user\'s locale; the profile reads month-first (en_US). Use --date-order dmy for a day-first locale.'],
};
