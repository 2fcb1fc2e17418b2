// What the setup wizard and the sidebar know about setup: the facts it is derived from (secrets
// present, settings, crawl status, bot state), reloaded after a crawl and whenever a page asks.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { GitGuildClient } from '../api/api-client';
import {
  needsSetup,
  stepStates,
  type SetupFacts,
  type StepState,
} from '../pages/setup/setup-steps';
import type { CrawlController } from './use-crawl';
import type { HealthView } from './use-health';

export interface SetupController {
  facts: SetupFacts | null;
  states: StepState[];
  needed: boolean;
  refresh(): void;
}

export function useSetup(
  client: GitGuildClient,
  health: HealthView,
  crawl: CrawlController,
): SetupController {
  const [base, setBase] = useState<Omit<SetupFacts, 'crawl' | 'bot'> | null>(null);
  const [generation, setGeneration] = useState(0);
  const botState = health.state === 'ok' ? health.health.bot.state : 'none';

  useEffect(() => {
    let active = true;
    Promise.all([
      client.api['secrets.status'](),
      client.api['settings.get'](),
      // Sign-in state and the exact URIs to register; a host without OAuth still sets up.
      client.api['auth.status']().catch(() => null),
    ]).then(
      ([secrets, settings, auth]) => active && setBase({ secrets, settings, auth }),
      // The status bar reports an unreachable host; the wizard shows its own error.
      () => undefined,
    );
    return () => {
      active = false;
    };
    // The bot's state changes when its token is set or removed: a cheap moment to re-read.
  }, [client, generation, crawl.finishedCount, botState]);

  const facts = useMemo<SetupFacts | null>(() => {
    if (!base || !crawl.status) return null;
    return { ...base, crawl: crawl.status, bot: health.state === 'ok' ? health.health.bot : null };
  }, [base, crawl.status, health]);
  const states = useMemo(() => (facts ? stepStates(facts) : []), [facts]);
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  return { facts, states, needed: facts ? needsSetup(facts) : false, refresh };
}
