// Types for scripts/e2e-tools.mjs, which the e2e tests import.
export const CODE_SERVER_VERSION: string;
export const CACHE: string;
export function ensureE2eTools(log?: (message: string) => void): { node: string; codeServer: string; chromium: string };
