import type { ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import { useRunbook } from '../runbook';
import { HarborEntityGuard, type RequiredAnnotation } from '../states';

/**
 * A card of the entity page: its content renders only for an entity with the annotation the card needs and a user
 * allowed to read it (see `HarborEntityGuard`).
 */
export function HarborEntityCard(props: {
  title: string;
  subheader?: string;
  /** Links the card's header to the registry runbook. */
  runbookLink?: boolean;
  permission: ResourcePermission<'catalog-entity'>;
  what: string;
  annotation?: RequiredAnnotation | false;
  children: (entity: Entity) => ReactNode;
}) {
  const { entity } = useEntity();
  const { baseUrl } = useRunbook();
  return (
    <InfoCard
      title={props.title}
      subheader={props.subheader}
      deepLink={
        props.runbookLink
          ? { title: 'Registry runbook', link: baseUrl }
          : undefined
      }
    >
      <HarborEntityGuard
        entity={entity}
        permission={props.permission}
        what={props.what}
        annotation={props.annotation}
      >
        {props.children(entity)}
      </HarborEntityGuard>
    </InfoCard>
  );
}
