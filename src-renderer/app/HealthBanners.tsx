// Problems that affect every page, said once at the top: secrets cannot be stored, or a data
// file could not be read (with the way to the restore page).
import type { HealthView } from './use-health';

/** `onStorePage`: the store banner would repeat the page below it, so it stays away there. */
export function HealthBanners({ view, onStorePage }: { view: HealthView; onStorePage: boolean }) {
  if (view.state !== 'ok') return null;
  const { keychain, store } = view.health;
  return (
    <>
      {!keychain.available && (
        <div className="banner banner-bad" role="alert" data-testid="banner-keychain">
          <strong>Secrets cannot be stored.</strong>{' '}
          {keychain.problem ?? 'The secret store is unavailable.'} Tokens are never written anywhere
          else instead.
        </div>
      )}
      {!store.ok && !onStorePage && (
        <div className="banner banner-bad" role="alert" data-testid="banner-store">
          <strong>Some data could not be loaded.</strong> {store.problem}{' '}
          <a href="#/store" data-testid="banner-store-link">
            See the problem and restore a backup
          </a>
        </div>
      )}
    </>
  );
}
