import { z } from 'zod';
import { DocumentOptionsSchema } from '@docmill/core';

/**
 * Options of one conversion as the pipeline takes them: the document options
 * (`@docmill/core`'s one schema, shared by the CLI, the API and the job payloads)
 * plus the input limits that the entry point's configuration sets.
 */
export const ConvertOptionsSchema = DocumentOptionsSchema.extend({
  maxPages: z.number().int().positive().optional(),
  maxBytes: z.number().int().positive().optional(),
});

export type ConvertOptions = z.infer<typeof ConvertOptionsSchema>;
