export * from './HarborApi';
export * from './HarborClient';
