export * from './HarborApi';
export * from './HarborBackendClient';
