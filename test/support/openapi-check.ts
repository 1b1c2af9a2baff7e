import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';
import type { OpenApiDocument } from '../../server/src/features/api-docs/openapi';

/** One answer of the API, as a client saw it. */
export interface ObservedResponse {
  method: string;
  /** The URL's path (a query string, if any, is ignored). */
  path: string;
  status: number;
  /** The Content-Type header, if any. */
  contentType?: string | undefined;
  /** The parsed JSON body; ignored for other media types. */
  body: unknown;
}

interface Operation {
  responses?: Record<string, ResponseObject | { $ref: string }>;
}
interface ResponseObject {
  content?: Record<string, unknown>;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Checks real answers against the OpenAPI document: the route and method are documented,
 * the status is one the operation lists, the media type is one it lists, and a JSON body
 * validates (JSON Schema 2020-12, as OpenAPI 3.1 uses) against the schema for that status.
 * Reusable by any test: `const check = openApiChecker(app.locals.openapi)`, then
 * `expect(check.problems(observed(res))).toEqual([])`.
 */
export function openApiChecker(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  // OpenAPI's own formats for binary bodies and sized numbers, which JSON Schema leaves open.
  for (const format of ['binary', 'byte', 'int32', 'int64', 'float', 'double']) {
    ajv.addFormat(format, true);
  }
  ajv.addSchema(document as object, 'openapi.json');
  const compiled = new Map<string, ValidateFunction>();

  // Literal segments before parameters, so that `/api/territories/locate` is not `{code}`.
  const templates = Object.keys(document.paths ?? {})
    .map((template) => ({
      template,
      pattern: new RegExp(
        `^${template
          .split(/\{[^}]+\}/)
          .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
          .join('[^/]+')}$`,
      ),
      params: (template.match(/\{/g) ?? []).length,
    }))
    .sort((a, b) => a.params - b.params);

  /** The document's path template an actual path falls under, if any. */
  function templateOf(path: string): string | undefined {
    const bare = path.split('?')[0]!;
    return templates.find((t) => t.pattern.test(bare))?.template;
  }

  function problems(observed: ObservedResponse): string[] {
    const where = `${observed.method.toUpperCase()} ${observed.path} → ${observed.status}`;
    const template = templateOf(observed.path);
    if (!template) return [`${where}: no path of the document matches`];
    const method = observed.method.toLowerCase();
    const item = document.paths?.[template] as Record<string, Operation> | undefined;
    const operation = METHODS.has(method) ? item?.[method] : undefined;
    if (!operation) return [`${where}: ${method} is not documented on ${template}`];
    // Not Modified is HTTP caching, open to any GET that sent a validator: no body to check.
    if (observed.status === 304 && method === 'get') return [];
    const status = String(observed.status);
    let answer = operation.responses?.[status] ?? operation.responses?.default;
    if (!answer) return [`${where}: status ${status} is not documented for ${method} ${template}`];
    let pointer = `/paths/${escapePointer(template)}/${method}/responses/${status}`;
    if ('$ref' in answer) {
      pointer = answer.$ref.replace(/^#/, '');
      const name = pointer.split('/').pop()!;
      answer = (document.components?.responses?.[name] ?? {}) as ResponseObject;
    }
    const content = (answer as ResponseObject).content;
    if (!content) {
      return observed.body === undefined ||
        observed.body === '' ||
        (typeof observed.body === 'object' &&
          observed.body !== null &&
          Object.keys(observed.body).length === 0)
        ? []
        : [`${where}: a body where the document says there is none`];
    }
    const mediaType = (observed.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (!(mediaType in content)) {
      return [
        `${where}: media type ${mediaType || '(none)'} is not one of ${Object.keys(content).join(', ')}`,
      ];
    }
    if (!/json$/.test(mediaType)) return [];
    const schemaPointer = `openapi.json#${pointer}/content/${escapePointer(mediaType)}/schema`;
    let validate = compiled.get(schemaPointer);
    if (!validate) {
      validate = ajv.compile({ $ref: schemaPointer });
      compiled.set(schemaPointer, validate);
    }
    if (validate(observed.body)) return [];
    return (validate.errors ?? [])
      .slice(0, 10)
      .map((e) => `${where}: ${e.instancePath || '(root)'} ${e.message ?? ''} (${e.schemaPath})`);
  }

  return { problems, templateOf };
}

/** A supertest answer as an `ObservedResponse`: its request's method and path, and its body. */
export function observed(res: Response): ObservedResponse {
  const req = (res as Response & { req: { method: string; path: string } }).req;
  return {
    method: req.method,
    path: req.path,
    status: res.status,
    contentType: res.headers['content-type'] as string | undefined,
    body: res.body as unknown,
  };
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function decode(bytes: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'gzip') return gunzipSync(bytes);
  if (encoding === 'deflate') return inflateSync(bytes);
  if (encoding === 'br') return brotliDecompressSync(bytes);
  return bytes;
}

/**
 * Wraps an app (`createApp()`'s, or any request handler) so that every answer it sends is
 * kept, as the client received it (decompressed, JSON parsed), in `observations`. Hand
 * `handler` to supertest (`request.agent(handler)`) and to the account helpers in place of
 * the app: fixtures' own requests are then observed too.
 */
export function recordingApp(app: Handler): { handler: Handler; observations: ObservedResponse[] } {
  const observations: ObservedResponse[] = [];
  const handler: Handler = (req, res) => {
    // Express rewrites `req.url` as it routes: the path as sent is taken now.
    const path = (req.url ?? '/').split('?')[0]!;
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(
              chunk as string,
              typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8',
            ),
      );
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.write = ((...args: unknown[]) => {
      keep(args[0], args[1]);
      return write(...args);
    }) as ServerResponse['write'];
    res.end = ((...args: unknown[]) => {
      keep(args[0], args[1]);
      return end(...args);
    }) as ServerResponse['end'];
    res.once('finish', () => {
      const contentType = res.getHeader('content-type') as string | undefined;
      const raw = decode(
        Buffer.concat(chunks),
        res.getHeader('content-encoding') as string | undefined,
      );
      let body: unknown = raw.length === 0 ? undefined : raw.toString('utf8');
      if (typeof body === 'string' && /json/.test(contentType ?? '')) {
        try {
          body = JSON.parse(body) as unknown;
        } catch {
          // Left as text: the check then says it does not match its schema.
        }
      }
      observations.push({
        method: req.method ?? 'GET',
        path,
        status: res.statusCode,
        contentType,
        body,
      });
    });
    app(req, res);
  };
  return { handler, observations };
}
