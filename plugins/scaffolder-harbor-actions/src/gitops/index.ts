export { commitDirectory } from './commitDirectory';
export type {
  CommitDirectoryRequest,
  CommitDirectoryResult,
  FileChange,
} from './commitDirectory';
