/** The team's entries as the app edits them: new entries each time, nothing empty left behind. */
import { describe, expect, it } from 'vitest';
import { addException, emptyEntries, markForKey, removeException, setDisposition, setItemText, setMark, setOverride, setWorkpaper, setWriteUp } from '../../src/web/model/entries.js';

const item3 = { order: 3, key: 'CHG0000417' };
const item1 = { order: 1, key: 'CHG0000317' };

describe('entries', () => {
  it('marks, clears, and leaves no empty item behind; the entries before are untouched', () => {
    const none = emptyEntries();
    const ticked = setMark(setMark(none, item3, 'H', '✓'), item1, 'H', 'X');
    expect(ticked.items).toEqual([
      { order: 1, key: 'CHG0000317', marks: { H: 'X' }, overrides: {} },
      { order: 3, key: 'CHG0000417', marks: { H: '✓' }, overrides: {} },
    ]);
    expect(none.items).toEqual([]);
    expect(setMark(ticked, item1, 'H', null).items.map((i) => i.order)).toEqual([3]);
  });

  it('keeps an override with its reason, and evidence and comment trimmed (blank removed)', () => {
    let e = setOverride(emptyEntries(), item3, 'B', { mark: '✓', reason: 'Approved by e-mail before the CAB (ref 118)' });
    e = setItemText(e, item3, { evidence: '  CAB-2025-0128 ', comment: '' });
    expect(e.items).toEqual([{ order: 3, key: 'CHG0000417', marks: {}, overrides: { B: { mark: '✓', reason: 'Approved by e-mail before the CAB (ref 118)' } }, evidence: 'CAB-2025-0128' }]);
    expect(setItemText(setOverride(e, item3, 'B', null), item3, { evidence: ' ' }).items).toEqual([]);
  });

  it('writes up an exception once per item and attribute; all blank removes it', () => {
    let e = setWriteUp(emptyEntries(), item3, 'B', { rootCause: 'Deployed before the CAB met', nature: 'isolated' });
    e = setWriteUp(e, item3, 'B', { rootCause: 'Deployed before the CAB met', managementResponse: 'Pipeline gate added', nature: 'isolated' });
    expect(e.writeUps).toEqual([{ order: 3, key: 'CHG0000417', attribute: 'B', rootCause: 'Deployed before the CAB met', managementResponse: 'Pipeline gate added', nature: 'isolated' }]);
    expect(setWriteUp(e, item3, 'B', { rootCause: '', managementResponse: ' ', nature: '' }).writeUps).toEqual([]);
  });

  it('adds and removes an exception the tool did not flag; workpaper and dispositions drop blanks', () => {
    const e = addException(emptyEntries(), item1, 'D', ' Same person approved and deployed (screenshot 12) ');
    expect(e.addedExceptions).toEqual([{ order: 1, key: 'CHG0000317', attribute: 'D', description: 'Same person approved and deployed (screenshot 12)' }]);
    expect(removeException(e, item1, 'D').addedExceptions).toEqual([]);
    expect(setWorkpaper(e, { preparedBy: ' A. Auditor ', reviewedBy: '', keyControl: true }).workpaper).toEqual({ preparedBy: 'A. Auditor', keyControl: true });
    expect(setDisposition(setDisposition(e, 'out_of_period', 'Five rows outside the period: excluded by the filter'), 'out_of_period', '').completeness).toEqual([]);
  });

  it('reads the mark keys of the matrix', () => {
    expect(['v', 'V', 'y', 'c', '1', '✓'].map(markForKey)).toEqual(['✓', '✓', '✓', '✓', '✓', '✓']);
    expect(['x', 'X', 'n', 'a', 'Delete', 'Backspace', '0', 'q', 'ArrowUp'].map(markForKey)).toEqual(['X', 'X', 'N/A', 'N/A', null, null, null, undefined, undefined]);
  });
});
