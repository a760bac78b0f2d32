// The library ships JavaScript with JSDoc only; these are the parts this project calls.
declare module "@secvisogram/csaf-validator-lib/mandatoryTests.js" {
  type TLibTestResult = { isValid: boolean; errors: { instancePath: string; message: string }[] };
  const tests: Record<string, (doc: unknown) => TLibTestResult>;
  export = tests;
}

declare module "@secvisogram/csaf-validator-lib/schemaTests.js" {
  type TLibTestResult = { isValid: boolean; errors: { instancePath: string; message: string }[] };
  export const csaf_2_0_strict: (doc: unknown) => TLibTestResult;
}

declare module "@secvisogram/csaf-validator-lib/validateStrict.js" {
  type TLibTestResult = { isValid: boolean; errors: { instancePath: string; message: string }[] };
  export default function validateStrict(
    tests: ((doc: unknown) => TLibTestResult)[],
    doc: unknown,
  ): Promise<{ isValid: boolean; tests: { name: string; isValid: boolean; errors: unknown[] }[] }>;
}
