import { describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../src/ingest/csv/detect.js';
import { distinctHeaders } from '../../src/ingest/headers.js';
import { findHeaderRow, readsAsHeader } from '../../src/ingest/layout/header-row.js';
import { isTotalLabel, mayBeNonData, mayBeTotalLabelLatin1, nonDataReason } from '../../src/ingest/layout/non-data-row.js';

const rows = (text: string, d = ',') => text.split('\n').map((l) => l.split(d));

describe('the header row', () => {
  it('is the first record of a plain file, as always', () => {
    expect(findHeaderRow(rows('Number,Deployed On\nCHG1,2025-01-02\nCHG2,2025-01-03'))).toBe(0);
    expect(findHeaderRow(rows('Number,,Deployed On\nCHG1,x,2025-01-02'))).toBe(0); // a blank name: still the header (it becomes "Column 2")
    expect(findHeaderRow([])).toBe(0);
  });

  it('is found below a PowerShell #TYPE line, a title and blank lines', () => {
    expect(findHeaderRow(rows('#TYPE Microsoft.ActiveDirectory.Management.ADUser\nName,Enabled\nana,True\nbo,False'))).toBe(1);
    expect(findHeaderRow(rows('User access review Q3\n\nReview ID,User,Completed\nR1,ana,2025-10-01\nR2,bo,2025-10-02'))).toBe(2);
    expect(findHeaderRow(rows('User access review Q3,,\nGenerated 2025-10-02,,\n,,\nReview ID,User,Completed\nR1,ana,2025-10-01'))).toBe(3); // a spreadsheet pads the title rows
  });

  it('is found below a Qualys report\'s metadata and small tables (the widest table is the data)', () => {
    const qualys = [
      ['Scan Results', 'scan/1'], ['ACME', 'Main St', 'Springfield', 'IL'], ['Jane Doe', 'acme_jd', 'Manager'], ['Launch Date', 'Active Hosts', 'Status', 'Type', 'Scan Title'], ['08/17/2025', '3', 'Finished', 'Scheduled', 'Weekly'], [''],
      ['IP', 'QID', 'Title', 'Severity', 'Port', 'First Detected'], ['10.0.0.5', '38173', 'SSL', '2', '443', '08/02/2025'],
      ['CONFIDENTIAL AND PROPRIETARY INFORMATION.'], ['Qualys provides the QualysGuard Service "As Is"'],
    ];
    expect(findHeaderRow(qualys)).toBe(6); // one finding: its 6-wide count ties with the 5-wide table's and the footer's, and the larger wins
    expect(findHeaderRow([...qualys.slice(0, 8), ...Array.from({ length: 20 }, () => qualys[7]!)])).toBe(6);
  });

  it('never takes a data row for a header: below a preamble, the candidate must read as names', () => {
    // Data rows wider than a header that lacks their trailing delimiter: no header below, so the first row it is.
    expect(findHeaderRow(rows('a,b,c\n1,2025-01-01,x,\n2,2025-01-02,y,'))).toBe(0);
    expect(readsAsHeader(['CHG1', '2025-01-02'])).toBe(false);
    expect(readsAsHeader(['Number', '12.5'])).toBe(false);
    expect(readsAsHeader(['Number', '', 'Deployed'])).toBe(false);
    expect(readsAsHeader(['Number', 'Deployed', '', ''])).toBe(true);
    expect(readsAsHeader(['Name', 'May', 'Date', 'Total'])).toBe(true);
  });
});

describe('rows that are not data', () => {
  it('are blank rows and total rows, by their own cells', () => {
    expect(nonDataReason(['', ' ', '\t'])).toBe('blank_row');
    expect(nonDataReason([''])).toBe('blank_row');
    expect(nonDataReason(['Total', '', '1,234.50'])).toBe('total_row');
    expect(nonDataReason(['', 'Grand Total', '€1.234,50', '(12)', '50%'])).toBe('total_row');
    expect(nonDataReason(['Count: 1234', '', ''])).toBe('total_row');
    expect(nonDataReason(['Record count', '17'])).toBe('total_row');
    expect(nonDataReason(['SUBTOTAL (EUR)', '99.00'])).toBe('total_row');
  });

  it('never include a row with text beside the label, or a label that is only the start of a word', () => {
    expect(nonDataReason(['Total', 'alice', '3'])).toBeNull();
    expect(nonDataReason(['Totally new feature', '', ''])).toBeNull();
    expect(nonDataReason(['Counter reset', '', ''])).toBeNull();
    expect(nonDataReason(['TOTAL-123', '', '5'])).toBeNull(); // a key, not a label
    expect(nonDataReason(['Count123', ''])).toBeNull();
    expect(nonDataReason(['CHG0001', '', ''])).toBeNull();
    expect(nonDataReason(['Total', '2025-01-02', ''])).toBeNull(); // a date is not a total
    expect(isTotalLabel('  Totals:')).toBe(true);
    expect(isTotalLabel('Subtotals')).toBe(true);
    expect(isTotalLabel('Row counts')).toBe(false);
  });

  it('are screened by bytes without missing any (the screens are necessary conditions)', () => {
    for (const label of ['Total', 'totals', 'Grand Total', 'grand-total', 'Subtotal', 'Sub total', 'COUNT', 'Count: 5', 'Record count', 'Rows count', 'row-count']) {
      expect(isTotalLabel(label), label).toBe(true);
      const b = Buffer.from(label, 'latin1');
      expect(mayBeTotalLabelLatin1(b, 0, b.length), label).toBe(true);
      expect(mayBeNonData(label.charCodeAt(0), label.charCodeAt(1)), label).toBe(true);
    }
    const first = (s: string) => mayBeNonData(s.length ? s.charCodeAt(0) : 0, s.length > 1 ? s.charCodeAt(1) : 0);
    expect([' x', '', '\u00a0Total', 'Ärzte'].map(first)).toEqual([true, true, true, true]);
    expect(['CHG0001', 'Access', '9', 'T', 'Tx'].map(first)).toEqual([false, false, false, false, false]);
    expect(mayBeTotalLabelLatin1(Buffer.from('CHG0001'), 0, 7)).toBe(false);
  });
});

describe('header names', () => {
  it('repeated names get (2), (3) in file order; blank ones "Column N"; never a name the file uses', () => {
    const jira = distinctHeaders(['Summary', 'Labels', 'Labels', 'Sprint', 'Labels', 'Sprint', ' ', 'Labels (2)']);
    expect(jira.headers).toEqual(['Summary', 'Labels', 'Labels (3)', 'Sprint', 'Labels (4)', 'Sprint (2)', 'Column 7', 'Labels (2)']);
    expect(jira.renamed).toEqual([
      { column: 3, original: 'Labels', name: 'Labels (3)' },
      { column: 5, original: 'Labels', name: 'Labels (4)' },
      { column: 6, original: 'Sprint', name: 'Sprint (2)' },
      { column: 7, original: ' ', name: 'Column 7' },
    ]);
    expect(distinctHeaders(['', 'Column 1']).headers).toEqual(['Column 1 (2)', 'Column 1']);
    expect(distinctHeaders([' Number ', 'Title'])).toEqual({ headers: ['Number', 'Title'], renamed: [] }); // trimmed, as always: not a renaming
  });
});

describe('the delimiter', () => {
  it('is read from the lines that hold the table, not a line above it', () => {
    expect(detectDelimiter('#TYPE Microsoft.ActiveDirectory.Management.ADUser\n"Name";"Enabled"\n"ana";"True"\n')).toBe(';');
    expect(detectDelimiter('Benutzerliste Q3 2025\nNr.;Name;Betrag\n1;Anna;1.234,50\n2;Jürgen;980,00\n')).toBe(';');
    expect(detectDelimiter('a;b;c\n1;"2,5";3\n')).toBe(';');
    expect(detectDelimiter('Number;Deployed On, UTC\nCHG1;2025-01-02, x\n')).toBe(','); // a tie goes to the comma
  });
});
