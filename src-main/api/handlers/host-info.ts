// host.about: where this host keeps its data, for the Settings page.
import type { HandlersFor } from '../handler-types.js';

export interface HostInfoDeps {
  dataDir: string;
  mode: 'desktop' | 'headless';
}

export function hostInfoHandlers(deps: HostInfoDeps): HandlersFor<'host.about'> {
  return {
    'host.about': async () => ({ dataDir: deps.dataDir, mode: deps.mode }),
  };
}
