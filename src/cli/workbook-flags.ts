/** The flags that describe the control and the extraction on a workbook's Lead and Population sheets. */
export const workbookFlags = {
  'control-id': { type: 'string' },
  control: { type: 'string' },
  tsc: { type: 'string' },
  frequency: { type: 'string' },
  procedure: { type: 'string' },
  client: { type: 'string' },
  engagement: { type: 'string' },
  preparer: { type: 'string' },
  system: { type: 'string' },
  query: { type: 'string' },
  'extracted-by': { type: 'string' },
  'extracted-at': { type: 'string' },
  'include-population': { type: 'boolean' },
} as const;

export const WORKBOOK_FLAGS_USAGE = '[--control-id ID] [--control TEXT] [--tsc CC8.1] [--frequency F] [--procedure TEXT] [--client C --engagement NAME] [--preparer NAME] [--system S] [--query Q] [--extracted-by P] [--extracted-at T] [--include-population]';
