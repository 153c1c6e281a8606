// Zod schema for the safety pattern data (patterns.json): lists, patterns, suppressors and negation words.
import { z } from 'zod';
import { SignalIdSchema } from '../../ids.js';

export const PatternSchema = z.strictObject({
  /** Stable id, reported with every hit so a match can be explained. */
  id: z.string().regex(/^[a-z]+(\.[a-z0-9]+)+$/),
  /** Signals this pattern raises by itself (empty for pure markers). */
  signals: z.array(SignalIdSchema),
  /** Named facts ("hurt_me", "both_parents") that combination rules build on. */
  markers: z.array(z.string().regex(/^[a-z_]+$/)).optional(),
  /** Pattern source: regex over normalised text; `@LIST` expands a word list, `_` skips up to three words. */
  re: z.string().min(1),
  /** false when the pattern itself carries a negation ("wil niet meer leven"), so negation words must not cancel it. */
  neg: z.boolean().optional(),
});

export const SuppressorSchema = z.strictObject({
  id: z.string().regex(/^sup\.[a-z.]+$/),
  re: z.string().min(1),
  /** Signals this look-alike may cancel. */
  signals: z.array(SignalIdSchema).min(1),
  /** How many words before or after a hit the look-alike may stand. */
  window: z.number().int().min(1).max(40),
  /** When set, only hits of these pattern ids are cancelled (a hunter's rifle, but not "he threatened to shoot me"). */
  onlyPatterns: z.array(z.string()).optional(),
});

export const NegationSchema = z.strictObject({
  negators: z.array(z.string()).min(1),
  clauseBreaks: z.array(z.string()),
  subjects: z.array(z.string()),
  cancelers: z.array(z.string()),
  postNegators: z.array(z.string()),
  postExceptions: z.array(z.string()),
  window: z.number().int().min(1).max(10),
});

/** A term is `marker:NAME`, `signal:ID` or `role:ROLE`. */
const TermSchema = z.string().regex(/^(marker:[a-z_]+|signal:[a-z_]+|role:[a-z_]+)$/);

/** Adds signals when all `all` terms and at least one `any` term hold ("a young person writes that they are hit" -> child_harm). */
export const ComboSchema = z.strictObject({
  id: z.string().regex(/^combo\.[a-z.]+$/),
  all: z.array(TermSchema).min(1),
  any: z.array(TermSchema).optional(),
  add: z.array(SignalIdSchema).min(1),
});

export const SafetyDataSchema = z.strictObject({
  lists: z.record(z.string().regex(/^[A-Z]+$/), z.string()),
  patterns: z.array(PatternSchema).min(1),
  suppressors: z.array(SuppressorSchema),
  negation: NegationSchema,
  combos: z.array(ComboSchema),
});

export type SafetyData = z.infer<typeof SafetyDataSchema>;
export type PatternData = z.infer<typeof PatternSchema>;
export type ComboData = z.infer<typeof ComboSchema>;
