import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { apply as mergePatch } from 'json-merge-patch';
import { REFERENCE_DATA_DIR, ROOT_DIR } from '../../../server/src/config';

/**
 * The official schemas in seed/data/schemas compiled as their SOURCE notes say: OCDS 1.1.5
 * (draft-04) with our extension patches merged in first, 360Giving 1.4.3 and Open Referral
 * UK (2020-12). Strict mode is off for the standards' own non-validating keywords.
 */

const SCHEMAS = path.join(REFERENCE_DATA_DIR, 'schemas');

function read(relative: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(SCHEMAS, relative), 'utf8')) as Record<
    string,
    unknown
  >;
}

/** Every object schema with `properties` refuses other fields, as HSDS's own checks do. */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    out[k] =
      k === 'properties' && v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, closeObjects(s)]))
        : closeObjects(v);
  }
  // patternProperties (OCDS's language variants such as title_fr) still match when closed.
  if (out.properties && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

export const OCDS_EXTENSION_PATCHES = ['metrics', 'sustainability'];
/**
 * Our own patches, written from the extensions' documentation (see their SOURCE.md): not
 * reference data copied in, so they live with the tests rather than in seed/data.
 */
const EXTENSION_PATCHES = path.join(ROOT_DIR, 'test/support/ocds-extensions');

/** The OCDS release schema with each extension's patch merged in (JSON Merge Patch). */
export function extendedReleaseSchema(): Record<string, unknown> {
  let schema = read('ocds/release-schema.json');
  for (const name of OCDS_EXTENSION_PATCHES) {
    const patch = path.join(EXTENSION_PATCHES, name, 'release-schema.json');
    schema = mergePatch(schema, JSON.parse(fs.readFileSync(patch, 'utf8'))) as Record<
      string,
      unknown
    >;
  }
  return schema;
}

/**
 * The release package validator. `closed`: every OCDS object also refuses fields that
 * neither the core schema nor a declared extension defines.
 */
export function ocdsPackageValidator({ closed }: { closed: boolean }): ValidateFunction {
  const ajv = new AjvDraft04({ allErrors: true, strict: false });
  addFormats(ajv);
  const release = extendedReleaseSchema();
  ajv.addSchema(closed ? (closeObjects(release) as Record<string, unknown>) : release);
  return ajv.compile(read('ocds/release-package-schema.json'));
}

function ajv2020() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  // The 360Giving files name the meta-schema over http; ajv knows only the https id.
  ajv.addMetaSchema(
    ajv.getSchema('https://json-schema.org/draft/2020-12/schema')!.schema as object,
    'http://json-schema.org/draft/2020-12/schema',
  );
  return ajv;
}

export function grantsPackageValidator(): ValidateFunction {
  const ajv = ajv2020();
  ajv.addSchema(read('360giving/360-giving-schema.json'));
  return ajv.compile(read('360giving/360-giving-package-schema.json'));
}

/** One Open Referral UK service, extra fields refused as in HSDS's own validation. */
export function orukServiceValidator(): ValidateFunction {
  return ajv2020().compile(
    closeObjects(read('hsds/uk-profile/compiled/service.json')) as Record<string, unknown>,
  );
}

/** Ajv's errors as short lines, for a failure message that says what is wrong. */
export function explain(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '(root)'} ${e.message}`);
}
