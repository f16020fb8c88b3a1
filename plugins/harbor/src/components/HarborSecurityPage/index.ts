export { HarborSecurityContent } from './HarborSecurityContent';
export { HarborSecurityPage } from './HarborSecurityPage';
