import { expect } from 'chai';
import { deadExports, exportedNames } from '../../scripts/code-shape.js';
import { STILL_EXPORTED } from '../support/still-exported.js';


describe('Dead exports: a module exports only what another file uses (scripts/code-shape.ts dead-exports)', () => {
  it('reads what a module exports: declarations and export lists, not re-exports or comments', () => {
    const text = [
      'export const A = 1;',
      'export async function b() {}',
      'export interface C {}',
      'export type D = string;',
      'const e = 2, f = 3;',
      'export { e, f as g };',
      "export { h } from './h.js';",
      '// export const Z = 0;',
      'const i = `export const Y = 1`;',
    ].join('\n');
    expect(exportedNames('m.ts', text).map((x) => x.name)).to.deep.equal(['A', 'b', 'C', 'D', 'e', 'g']);
  });

  it('every export is named by another source or test file, or listed', () => {
    const listed = new Set(STILL_EXPORTED.map(([file, name]) => `${file} ${name}`));
    const dead = deadExports().map((d) => `${d.file} ${d.name}`).filter((entry) => !listed.has(entry));
    expect(dead, 'take the export off, or delete what nothing uses (node --import tsx scripts/code-shape.ts dead-exports)').to.deep.equal([]);
  });

  it('the list names only exports still unused elsewhere: one put to use or un-exported leaves the list', () => {
    const dead = new Set(deadExports().map((d) => `${d.file} ${d.name}`));
    expect(STILL_EXPORTED.map(([file, name]) => `${file} ${name}`).filter((entry) => !dead.has(entry))).to.deep.equal([]);
  });
});
