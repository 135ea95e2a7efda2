/**
 * BambooHR terminations: Reports → Standard (or custom) report of terminated employees, exported
 * as CSV. `Employee #` is the employee number; names come as First/Last; dates follow the
 * company's date format (US default `01/31/2025`).
 */
import type { SourceProfile } from '../types.js';

export const bamboohrTerminations: SourceProfile = {
  id: 'bamboohr-terminations',
  name: 'BambooHR terminations (report export, CSV)',
  system: 'BambooHR',
  export: 'Reports → Terminations (or a custom report with Employee #, Termination Date) → Export → CSV.',
  signature: {
    required: ['Employee #', 'First Name', 'Last Name', 'Termination Date'],
    optional: ['Termination Type', 'Termination Reason', 'Eligible For Re-hire', 'Hire Date', 'Job Title', 'Department', 'Division', 'Location', 'Work Email', 'Status'],
  },
  kinds: {
    termination: {
      fields: {
        employee_id: ['Employee #'],
        employee_name: [],
        email: ['Work Email'],
        termination_date: ['Termination Date'],
        account_id: [],
        system: [],
        disabled_at: [],
        last_login: [],
      },
      key: ['employee_id'],
      notes: ['The report splits names into First Name / Last Name: employee_name is left unmapped (findings name the employee number).'],
    },
  },
  read: { encoding: 'utf-8', delimiter: ',', dateOrder: 'mdy' },
  notes: ['Dates follow the company\'s BambooHR date setting; the profile reads month-first (the US default).'],
};
