export * from './class-picker.query';
export * from './my-grids.query';
export * from './patrol.commands';
