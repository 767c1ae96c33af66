import type { Expectation, IncidentSample } from './kit.ts';

/** The cases routes of the incidents area: method + URL pattern → class and a valid request. */
export const ROUTES: Record<string, IncidentSample> = {};

/** Route classes of this slice beyond the common ones (kit.ts), written by hand. */
export const EXPECTATIONS: Record<string, Expectation> = {};
