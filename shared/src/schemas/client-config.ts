import { z } from 'zod';

/** What the browser needs to know about this deployment, served at `GET /api/config`. */
export const ClientConfig = z.object({
  tileUrl: z.string(),
  tileAttribution: z.string(),
  boundaryAttribution: z.string(),
});
export type ClientConfig = z.infer<typeof ClientConfig>;
