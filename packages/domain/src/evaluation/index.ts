// Evaluation (综合评价, DOMAIN.md §6): indicator counts → rates → weighted scores → grades → rankings.
export * from './indicators';
export * from './rates';
export * from './count-scores';
export * from './scheme';
export * from './validate-scheme';
export * from './formulas';
export * from './ranking';
export * from './periods';
