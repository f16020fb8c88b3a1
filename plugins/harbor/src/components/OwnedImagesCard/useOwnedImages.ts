import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  CATALOG_FILTER_EXISTS,
  catalogApiRef,
} from '@backstage/plugin-catalog-react';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  HARBOR_REPOSITORY_SLUG_ANNOTATION,
  type VulnerabilityTrendPoint,
} from '@backstage-harbor/plugin-harbor-common';
import { harborApiRef } from '../../api';
import { statusOf } from '../errors';
import { sumTrends, worstImages, type OwnedImage } from './ownedImages';

/** Entities read per card: a card is a glance, the fleet page is for everything. */
export const OWNED_ENTITIES_MAX = 50;

export interface OwnedImagesState {
  loading: boolean;
  error?: Error;
  images: OwnedImage[];
  trend: VulnerabilityTrendPoint[];
  /** Entities with Harbor repositories that the group owns or the system holds. */
  entities: number;
  /** Of those, the ones the user may not read or whose Harbor data failed. */
  skipped: number;
  /** Whether there were more than {@link OWNED_ENTITIES_MAX}. */
  truncated: boolean;
}

/** The catalog filter for the entities a Group owns or a System holds that name Harbor repositories. */
export function ownedEntitiesFilter(entity: Entity) {
  const ref = stringifyEntityRef(entity);
  const relation =
    entity.kind.toLocaleLowerCase('en-US') === 'system'
      ? 'relations.partOf'
      : 'relations.ownedBy';
  return {
    [relation]: ref,
    [`metadata.annotations.${HARBOR_REPOSITORY_SLUG_ANNOTATION}`]:
      CATALOG_FILTER_EXISTS,
  };
}

/** The latest images of every entity a Group owns (or a System holds), worst first, and their summed trend. */
export function useOwnedImages(entity: Entity, days: number): OwnedImagesState {
  const catalogApi = useApi(catalogApiRef);
  const harborApi = useApi(harborApiRef);
  const [state, setState] = useState<OwnedImagesState>({
    loading: true,
    images: [],
    trend: [],
    entities: 0,
    skipped: 0,
    truncated: false,
  });
  const ref = stringifyEntityRef(entity);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const { items } = await catalogApi.getEntities({
        filter: ownedEntitiesFilter(entity),
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      });
      const owned = items.slice(0, OWNED_ENTITIES_MAX);
      const from = new Date(Date.now() - days * 24 * 60 * 60 * 1000);
      const results = await Promise.all(
        owned.map(async item => {
          const compound = getCompoundEntityRef(item);
          try {
            const [summary, trend] = await Promise.all([
              harborApi.getVulnerabilitySummary(compound),
              harborApi.getVulnerabilityTrend(compound, { from }),
            ]);
            return { entityRef: stringifyEntityRef(item), summary, trend };
          } catch (error) {
            // Not allowed (403) or Harbor failing for it: counted, the others still show.
            if (statusOf(error as Error) === undefined) throw error;
            return undefined;
          }
        }),
      );
      const read = results.filter(<T>(r: T | undefined): r is T => !!r);
      if (!cancelled) {
        setState({
          loading: false,
          images: worstImages(read),
          trend: sumTrends(read.map(r => r.trend)),
          entities: items.length,
          skipped: owned.length - read.length,
          truncated: items.length > owned.length,
        });
      }
    })().catch(error => {
      if (!cancelled) setState(s => ({ ...s, loading: false, error }));
    });
    return () => {
      cancelled = true;
    };
    // `entity` is named by `ref`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, harborApi, ref, days]);

  return state;
}
