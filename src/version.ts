/** The engine version recorded in every manifest, report and workbook. */
export const ENGINE_VERSION = '0.1.0';
export const ENGINE = { name: 'tickmark', version: ENGINE_VERSION } as const;
