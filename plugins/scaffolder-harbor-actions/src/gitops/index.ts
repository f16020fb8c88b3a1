export { commitDirectory } from './commitDirectory';
export type {
  CommitDirectoryRequest,
  CommitDirectoryResult,
  FileChange,
} from './commitDirectory';
export { gitCredentialsFor } from './credentials';
export type { GitCredentials } from './git';
