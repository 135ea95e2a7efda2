/**
 * Azure DevOps work items: Boards → Queries → a query over bugs/incidents → Export to CSV. Display
 * names as headers, people as `Name <email>`, dates in the user's locale (en-US
 * `1/31/2025 5:10:00 PM`), Severity as `1 - Critical` … `4 - Low`.
 */
import type { SourceProfile } from '../types.js';

export const azureDevops: SourceProfile = {
  id: 'azure-devops',
  name: 'Azure DevOps work items (query Export to CSV)',
  system: 'Azure DevOps',
  export: 'Boards → Queries → run the query → … → Export to CSV.',
  signature: {
    required: ['ID', 'Work Item Type', 'Title', 'State'],
    optional: ['Assigned To', 'Area Path', 'Iteration Path', 'Created By', 'Created Date', 'Changed Date', 'Activated Date', 'Resolved Date', 'Closed Date', 'Severity', 'Priority', 'Tags', 'Reason'],
  },
  kinds: {
    ticket: {
      fields: {
        ticket_id: ['ID'],
        severity: ['Severity', 'Priority'],
        opened_at: ['Created Date'],
        acknowledged_at: ['Activated Date'],
        resolved_at: ['Resolved Date', 'Closed Date'],
        owner: ['Assigned To'],
        postmortem_ref: [],
      },
      enums: { severity: { '1 - critical': 'sev1', '2 - high': 'sev2', '3 - medium': 'sev3', '4 - low': 'sev4' } },
      notes: [
        'acknowledged_at is Activated Date: when the item moved to Active (someone took it up).',
        'resolved_at is Resolved Date, else Closed Date.',
      ],
    },
  },
  read: { encoding: 'utf-8', delimiter: ',', dateOrder: 'mdy' },
  notes: ['Dates follow the exporting user\'s locale; the profile reads month-first (en-US).'],
};
