import { expect } from 'chai';
import { parse } from 'graphql';
import { DOCUMENT_STORE_BYTES, documentStore } from '../../src/api/document-store.js';

/** A statistics question with its period in the text, as a caller who writes no variables asks it. */
function question(day: number): string {
  const from = new Date(Date.UTC(2021, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  return `{ statistics(filter: { from: "${from}", to: "2026-12-01" }, groupBy: [TERTIAL, ROLE, HOME_KOMMUN]) { rows { key { dimension value } passes encounters exposed under18 offeredSupport } total { passes encounters } } }`;
}

describe('documentStore: the parsed documents Apollo keeps, bounded', () => {
  it('keeps the documents asked last and no more than its bound, however many different ones are asked', async () => {
    const store = documentStore();
    const asked = 3_000;
    for (let day = 0; day < asked; day += 1) await store.set(question(day), parse(question(day)));
    const kept = store.keys();
    expect(kept.length).to.be.greaterThan(50).and.lessThan(asked / 4);
    let keptBytes = 0;
    for (const key of kept) keptBytes += Buffer.byteLength(JSON.stringify(await store.get(key)), 'utf8');
    expect(keptBytes).to.be.at.most(DOCUMENT_STORE_BYTES);
    expect(await store.get(question(asked - 1)), 'the last asked').to.not.equal(undefined);
    expect(await store.get(question(0)), 'the first asked').to.equal(undefined);
  });

  it('keeps a document asked again and again while different ones stream past it', async () => {
    const store = documentStore();
    const often = '{ steeringFigures(from: "2026-01-01", to: "2026-04-30") { jointPasses exposed } }';
    for (let day = 0; day < 3_000; day += 1) {
      if (day % 20 === 0) {
        if (!(await store.get(often))) await store.set(often, parse(often));
      }
      await store.set(question(day), parse(question(day)));
    }
    expect(await store.get(often)).to.not.equal(undefined);
  });
});
