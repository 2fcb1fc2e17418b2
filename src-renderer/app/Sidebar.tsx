// Navigation between the pages listed in routes.ts, with the setup steps left as a badge.
import { NAV, PAGES, type PageId } from './routes';

function activeNavOf(page: PageId): PageId {
  // Guild and Mapping editor live under Guilds.
  return page === 'guild' || page === 'mapping' ? 'guilds' : page;
}

export function Sidebar({ current, setupLeft }: { current: PageId; setupLeft: number }) {
  const active = activeNavOf(current);
  return (
    <nav className="sidebar" aria-label="Main" data-testid="sidebar">
      <div className="brand">
        <img src="./icon-256.png" alt="" width={28} height={28} />
        <span>GitGuild</span>
      </div>
      <ul>
        {NAV.map((id) => (
          <li key={id}>
            <a
              href={`#/${id}`}
              className={id === active ? 'active' : undefined}
              aria-current={id === active ? 'page' : undefined}
              data-testid={`nav-${id}`}
            >
              {PAGES[id].title}
              {id === 'setup' && setupLeft > 0 && (
                <span className="nav-badge" data-testid="nav-setup-left">
                  {setupLeft} <span className="sr-only">steps left</span>
                </span>
              )}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
