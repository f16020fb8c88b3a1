import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { scaffolderModuleHarbor } from '../module';
import { permissionFeatures } from './permissions';

const TEMPLATES_DIR = path.resolve(__dirname, '../../../../templates');
export const TEMPLATE_PATH = path.join(
  TEMPLATES_DIR,
  'harbor-project/template.yaml',
);

/** A template of the repository's `templates/` folder, by its folder name. */
export function loadTemplate(name = 'harbor-project'): Entity {
  const template = yaml.parse(
    fs.readFileSync(path.join(TEMPLATES_DIR, name, 'template.yaml'), 'utf8'),
  );
  template.metadata.namespace = 'default';
  return template;
}

export const TEAM_A: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

/**
 * The real scaffolder backend with our module and a mock catalog holding the template. The scaffolder plugin is
 * passed in so that the test file imports it at the top.
 */
export async function startScaffolder(
  scaffolderPlugin: any,
  config: JsonObject,
  options: {
    extraFeatures?: any[];
    /** Services whose tasks the test policy allows Harbor permissions. */
    allowServices?: string[];
    /** More catalog entities, e.g. {@link actionTemplate}s. */
    entities?: Entity[];
  } = {},
) {
  const backend = await startTestBackend({
    features: [
      ...(options.extraFeatures ?? []),
      ...permissionFeatures(),
      scaffolderPlugin,
      scaffolderModuleHarbor,
      catalogServiceMock.factory({
        entities: [
          loadTemplate(),
          loadTemplate('harbor-platform'),
          TEAM_A,
          ...(options.entities ?? []),
        ],
      }),
      // The permission framework on unless the config says otherwise: the policy of permissions.ts decides.
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          ...config,
          harbor: {
            ...(config.harbor as JsonObject | undefined),
            // Backstage's permissions service allows every service: the authorizer refuses those not named here.
            permissions: { allowedServices: options.allowServices ?? [] },
          },
        },
      }),
    ],
  });
  const auth = mockCredentials.user.header();
  const http = request(backend.server);

  /** Runs a template as a task; `as` is the Authorization header of who starts it (mockCredentials.*.header()). */
  async function runTask(
    values: JsonObject,
    template = 'harbor-project',
    as = auth,
  ) {
    const created = await http
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', as)
      .send({ templateRef: `template:default/${template}`, values });
    if (created.status !== 201) {
      throw new Error(
        `task not created: ${created.status} ${JSON.stringify(created.body)}`,
      );
    }
    const id = created.body.id as string;
    const responses: string[] = [];
    for (;;) {
      const task = await http
        .get(`/api/scaffolder/v2/tasks/${id}`)
        .set('Authorization', auth);
      responses.push(task.text);
      if (task.body.status === 'completed' || task.body.status === 'failed') {
        const events = await http
          .get(`/api/scaffolder/v2/tasks/${id}/events`)
          .set('Authorization', auth);
        responses.push(events.text);
        return {
          task: task.body,
          events: events.body as Array<{ type: string; body: any }>,
          responses,
        };
      }
      await new Promise(resolve => setTimeout(resolve, 25));
    }
  }

  async function dryRun(
    values: JsonObject,
    template = 'harbor-project',
    as = auth,
  ) {
    const res = await http
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', as)
      .send({
        template: loadTemplate(template),
        values,
        secrets: {},
        directoryContents: [],
      });
    return res;
  }

  return { backend, http, auth, runTask, dryRun };
}

/**
 * A template of one step running `action` with the given input fields, each taken from the task's values of the
 * same name: `runTask(input, actionTemplateName(action))` runs the action as the task's initiator.
 */
export function actionTemplate(action: string, fields: string[]): Entity {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: actionTemplateName(action), namespace: 'default' },
    spec: {
      owner: 'group:default/platform-team',
      type: 'test',
      parameters: [{ properties: {} }],
      steps: [
        {
          id: 'run',
          name: action,
          action,
          input: Object.fromEntries(
            fields.map(f => [f, `\${{ parameters.${f} }}`]),
          ),
        },
      ],
    },
  };
}

export function actionTemplateName(action: string): string {
  return `run-${action.replace(/:/g, '-')}`;
}

/** A root logger that keeps every line (message and fields) of every child, for searching. */
export function capturingRootLogger(lines: string[]) {
  const make = (fields: Record<string, unknown>): any => {
    const log = (level: string) => (message: string, meta?: unknown) => {
      lines.push(
        `${level} ${message} ${JSON.stringify(fields)} ${safeJson(meta)}`,
      );
    };
    return {
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: log('debug'),
      child: (more: Record<string, unknown>) => make({ ...fields, ...more }),
    };
  };
  return createServiceFactory({
    service: coreServices.rootLogger,
    deps: {},
    factory: () => make({}),
  });
}

function safeJson(value: unknown): string {
  if (value instanceof Error)
    return `${value.name} ${value.message} ${value.stack}`;
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}
