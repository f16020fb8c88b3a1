export { HarborMigrationPage } from './HarborMigrationPage';
export { HarborMigrationContent } from './HarborMigrationContent';
