import type { HarborCore } from '../core';
import type {
  HarborAccessory,
  HarborArtifact,
  HarborArtifactGetOptions,
  HarborArtifactListOptions,
} from '../types';
import {
  HarborVulnerabilityReports,
  parseVulnerabilityAddition,
} from '../vulnerabilities';
import { acceptHeader, repositoryParams } from './params';

/** Harbor's accessory types (src/pkg/accessory/model). @public */
export const HARBOR_ACCESSORY_TYPES = {
  cosignSignature: 'signature.cosign',
  notationSignature: 'signature.notation',
  harborSbom: 'harbor.sbom',
} as const;

/**
 * The artifacts of a repository (`…/repositories/{r}/artifacts`): lists, reads, vulnerability reports and
 * accessories (signatures, SBOMs). Repository names may be nested and carry the project prefix or not.
 * @public
 */
export class HarborArtifactsApi {
  readonly #core: HarborCore;

  /** @internal */
  constructor(core: HarborCore) {
    this.#core = core;
  }

  /** Every artifact of a repository (`page_size=100` and `X-Total-Count`), with the requested `with_*` details. */
  async list(
    projectName: string,
    repositoryName: string,
    options: HarborArtifactListOptions = {},
  ): Promise<HarborArtifact[]> {
    const { acceptVulnerabilities, ...query } = options;
    return this.#core.all('listArtifacts', (api, init, page) =>
      api.GET(
        '/projects/{project_name}/repositories/{repository_name}/artifacts',
        {
          ...init,
          params: {
            header: acceptHeader(acceptVulnerabilities),
            path: repositoryParams(projectName, repositoryName),
            query: { ...query, ...page },
          },
        },
      ),
    );
  }

  /** An artifact by tag or `sha256:` digest. */
  async get(
    projectName: string,
    repositoryName: string,
    reference: string,
    options: HarborArtifactGetOptions = {},
  ): Promise<HarborArtifact> {
    const { acceptVulnerabilities, ...query } = options;
    return this.#core.data('getArtifact', (api, init) =>
      api.GET(
        '/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}',
        {
          ...init,
          params: {
            header: acceptHeader(acceptVulnerabilities),
            path: {
              ...repositoryParams(projectName, repositoryName),
              reference,
            },
            query,
          },
        },
      ),
    );
  }

  /**
   * The vulnerability reports of an artifact, keyed by report MIME type; `{}` when it has none. Harbor picks the
   * first MIME type of `X-Accept-Vulnerabilities` that has a report; both are accepted, v1.1 first.
   */
  async vulnerabilities(
    projectName: string,
    repositoryName: string,
    reference: string,
    options: { acceptVulnerabilities?: string[] } = {},
  ): Promise<HarborVulnerabilityReports> {
    const text = await this.#core.data(
      'getVulnerabilitiesAddition',
      (api, init) =>
        api.GET(
          '/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/additions/vulnerabilities',
          {
            ...init,
            parseAs: 'text',
            params: {
              header: acceptHeader(options.acceptVulnerabilities),
              path: {
                ...repositoryParams(projectName, repositoryName),
                reference,
              },
            },
          },
        ),
    );
    return parseVulnerabilityAddition(text ?? '');
  }

  /**
   * Every accessory (signatures, SBOMs) of one artifact: `GET …/artifacts/{reference}/accessories`, paged with
   * `X-Total-Count`. Needs `accessory:list` in the project.
   */
  async accessories(
    projectName: string,
    repositoryName: string,
    reference: string,
  ): Promise<HarborAccessory[]> {
    return this.#core.all('listAccessories', (api, init, page) =>
      api.GET(
        '/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/accessories',
        {
          ...init,
          params: {
            path: {
              ...repositoryParams(projectName, repositoryName),
              reference,
            },
            query: page,
          },
        },
      ),
    );
  }
}
