import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import harborPlugin from '@backstage-harbor/plugin-harbor';
import { navModule } from './modules/nav';
import { harborModule } from './modules/harbor';
import { signInModule } from './modules/signIn';

export default createApp({
  features: [
    catalogPlugin,
    harborPlugin,
    harborModule,
    navModule,
    signInModule,
  ],
});
