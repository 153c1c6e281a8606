// The answer categories of a "how often in the past year" question (CTS convention).
import { z } from 'zod';

/** Ids of the frequency answers; `before_past_year` = not in the past year, but it did happen before. */
export const FREQUENCY_CATEGORIES = ['never', 'once', 'twice', '3-5', '6-10', '11-20', '20+', 'before_past_year'] as const;
export const FrequencyCategorySchema = z.enum(FREQUENCY_CATEGORIES);
export type FrequencyCategory = z.infer<typeof FrequencyCategorySchema>;
