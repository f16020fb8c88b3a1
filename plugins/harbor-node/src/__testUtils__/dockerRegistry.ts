// The real old registry lives in its own package, so that the demo portal can start one without importing test
// utilities; the tests here and in the other plugins keep importing it from this path.
export * from '@backstage-harbor/old-registry';
