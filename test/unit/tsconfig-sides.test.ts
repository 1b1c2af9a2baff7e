import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const CLIENT = 'client/tsconfig.json';
const SHARED = 'tsconfig.shared.json';
const SERVER = 'server/tsconfig.json';
/** The projects whose code runs in Node only. */
const NODE_SIDES = [SERVER, 'bench/tsconfig.json', 'test/tsconfig.json', 'tsconfig.config.json'];

/** A project's settings as tsc reads them: `extends` followed, comments allowed. */
function readProject(config: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, config), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`${config} could not be read`);
  expect(parsed.errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, '\n'))).toEqual(
    [],
  );
  return parsed;
}

/**
 * Every file a project's program loads: its own, and whatever its imports' declarations pull
 * in (a library's `/// <reference types="node" />` brings all of Node's globals along).
 * Without the project references, imports of another side load that side's sources rather
 * than its built declarations, so this needs no `tsc -b` first.
 */
function loadedFiles(project: ts.ParsedCommandLine): string[] {
  const program = ts.createProgram({ rootNames: project.fileNames, options: project.options });
  return program.getSourceFiles().map((file) => file.fileName);
}

const isNodeTypes = (file: string) => file.includes('/node_modules/@types/node/');
const isDomLib = (file: string) => /(^|\/)lib\.dom(\.[a-z]+)?\.d\.ts$/.test(file);

describe('type-checking by side', () => {
  it('gives the client the DOM and keeps Node’s types out, even those a library refers to', () => {
    const client = readProject(CLIENT);
    expect(client.options.types).not.toContain('node');
    expect(client.options.lib).toContain('lib.dom.d.ts');
    expect(loadedFiles(client).find(isNodeTypes)).toBeUndefined();
  });

  it('keeps the DOM out of the server, its seed, the benchmarks, the tests and the root configs', () => {
    for (const config of NODE_SIDES) {
      const side = readProject(config);
      expect({ config, dom: (side.options.lib ?? []).filter(isDomLib) }).toEqual({
        config,
        dom: [],
      });
      expect({ config, types: side.options.types }).toEqual({
        config,
        types: expect.arrayContaining(['node']),
      });
    }
    const server = readProject(SERVER);
    expect(loadedFiles(server).find(isDomLib)).toBeUndefined();
  });

  it('compiles shared code with neither the DOM nor Node’s types', () => {
    const shared = readProject(SHARED);
    expect(shared.options.types).toEqual([]);
    expect((shared.options.lib ?? []).filter(isDomLib)).toEqual([]);
    const loaded = loadedFiles(shared);
    expect(loaded.find(isNodeTypes)).toBeUndefined();
    expect(loaded.find(isDomLib)).toBeUndefined();
  });

  it('builds every side from the root solution (tsc -b)', () => {
    const solution = readProject('tsconfig.json');
    expect(solution.fileNames).toEqual([]);
    const referenced = (solution.projectReferences ?? []).map((reference) =>
      path.relative(ROOT, ts.resolveProjectReferencePath(reference)),
    );
    expect(referenced).toEqual(
      expect.arrayContaining([CLIENT, SHARED, 'test/e2e/tsconfig.json', ...NODE_SIDES]),
    );
  });
});
