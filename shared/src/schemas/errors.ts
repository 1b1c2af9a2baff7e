import { z } from 'zod';
import { ErrorCodes } from '../errors';

/** The one shape every API error has on the wire (`ErrorBody`), as a schema for the API's document. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.enum(ErrorCodes),
      message: z.string(),
      /** What went wrong in particular: the issue list of a validation failure, or null. */
      details: z.unknown(),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: 'Error', description: 'An error: branch on `code`, show `message`.' });
export type ErrorResponse = z.infer<typeof ErrorResponse>;
