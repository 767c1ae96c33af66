import { z } from 'zod';

/** A single-line text field: trimmed length limits, no control characters. */
export function line(max = 200, min = 1) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'control characters are not allowed');
}

/** Multi-line text: newlines and tabs allowed, other control characters not. */
export function prose(max = 5000) {
  return z
    .string()
    .max(max)
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, 'control characters are not allowed');
}

export const emailField = z.email().max(254);
