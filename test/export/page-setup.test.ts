/** The page scale a sheet is set up with: the columns fit the page width, never below 60%. */
import { describe, expect, it } from 'vitest';
import { columnsWidthPt, MIN_SCALE, pageScale, printableWidthPt } from '../../src/export/workbook/page-setup.js';

describe('page scale', () => {
  it('is 100% when the columns fit, the scale that makes them fit below that, 60% at the least', () => {
    expect(printableWidthPt('letter')).toBeCloseTo(734.4, 6); // (11 − 0.4 − 0.4) in × 72
    expect(pageScale([30, 90], 'letter')).toBe(100);
    expect(columnsWidthPt([100, 100])).toBeCloseTo(1120, 6);
    expect(pageScale([100, 100], 'letter')).toBe(65); // 734.4 / 1120 = 65.6%
    expect(pageScale([100, 100], 'a4')).toBe(70); // A4 landscape is wider: 784.08 / 1120
    expect(pageScale(new Array(40).fill(12), 'letter')).toBe(MIN_SCALE);
  });
});
