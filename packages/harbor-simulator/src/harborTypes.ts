/*
 * The simulator stores and answers with the shapes of the official spec: the types generated into
 * plugin-harbor-node, which its package root exports (its `exports` field allows no deep imports).
 */
import type { HarborSchemas } from '@backstage-harbor/plugin-harbor-node';

type Schemas = HarborSchemas;

export type Project = Schemas['Project'];
export type ProjectReq = Schemas['ProjectReq'];
export type ProjectMetadata = Schemas['ProjectMetadata'];
export type ProjectSummary = Schemas['ProjectSummary'];
export type CVEAllowlist = Schemas['CVEAllowlist'];
export type Quota = Schemas['Quota'];
export type QuotaUpdateReq = Schemas['QuotaUpdateReq'];
export type Robot = Schemas['Robot'];
export type RobotCreate = Schemas['RobotCreate'];
export type RobotCreated = Schemas['RobotCreated'];
export type RobotPermission = Schemas['RobotPermission'];
export type RobotSec = Schemas['RobotSec'];
export type Access = Schemas['Access'];
export type Repository = Schemas['Repository'];
export type Artifact = Schemas['Artifact'];
export type Tag = Schemas['Tag'];
export type Label = Schemas['Label'];
export type NativeReportSummary = Schemas['NativeReportSummary'];
export type ScanOverview = Schemas['ScanOverview'];
export type Scanner = Schemas['Scanner'];
export type ScannerRegistration = Schemas['ScannerRegistration'];
export type RetentionPolicy = Schemas['RetentionPolicy'];
export type RetentionExecution = Schemas['RetentionExecution'];
export type RetentionMetadata = Schemas['RetentionMetadata'];
export type ImmutableRule = Schemas['ImmutableRule'];
export type ProjectMember = Schemas['ProjectMember'];
export type ProjectMemberEntity = Schemas['ProjectMemberEntity'];
export type WebhookPolicy = Schemas['WebhookPolicy'];
export type Registry = Schemas['Registry'];
export type RegistryUpdate = Schemas['RegistryUpdate'];
export type ReplicationPolicy = Schemas['ReplicationPolicy'];
export type ReplicationExecution = Schemas['ReplicationExecution'];
export type ReplicationTask = Schemas['ReplicationTask'];
export type OverallHealthStatus = Schemas['OverallHealthStatus'];
export type GeneralInfo = Schemas['GeneralInfo'];
export type Statistic = Schemas['Statistic'];
export type UserResp = Schemas['UserResp'];
export type GCHistory = Schemas['GCHistory'];
export type Search = Schemas['Search'];
export type HarborErrors = Schemas['Errors'];
export type AuditLog = Schemas['AuditLog'];
export type AuditLogExt = Schemas['AuditLogExt'];
export type Accessory = Schemas['Accessory'];
export type ConfigurationsResponse = Schemas['ConfigurationsResponse'];
