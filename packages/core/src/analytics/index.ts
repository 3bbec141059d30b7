export * from './analytics-period';
export * from './hotspots.query';
export * from './trends.query';
export * from './recurrence.query';
export * from './patterns.query';
export * from './overdue-departments.query';
