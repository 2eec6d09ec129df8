import { asyncStreamParam } from './async-stream-param';
import { redundantAsync } from './redundant-async';
import type { Rule } from './rule';

/** Every rule, in the order their diagnostics are listed. */
export const RULES: readonly Rule[] = [asyncStreamParam, redundantAsync];
