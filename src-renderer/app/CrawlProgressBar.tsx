// The crawl's progress bar: full size on the Stats page, compact in the status bar.
import { progressFraction, progressLabel, type CrawlProgressView } from './crawl-state';

export function CrawlProgressBar({
  progress,
  compact = false,
  testId,
}: {
  progress: CrawlProgressView;
  compact?: boolean;
  testId: string;
}) {
  const fraction = progressFraction(progress);
  const label = progressLabel(progress);
  return (
    <div
      className={`crawl-progress${compact ? ' compact' : ''}`}
      data-testid={testId}
      title={compact ? progress.detail : undefined}
    >
      <div
        className={`progress-track${fraction === null ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-label="Crawl progress"
        aria-valuemin={0}
        aria-valuemax={progress.total > 0 ? progress.total : undefined}
        aria-valuenow={fraction === null ? undefined : progress.done}
        aria-valuetext={label}
      >
        <div
          className="progress-fill"
          style={{ width: fraction === null ? undefined : `${Math.round(fraction * 100)}%` }}
        />
      </div>
      <span className="progress-label" data-testid={`${testId}-label`}>
        {compact ? `Crawl ${progress.done}/${progress.total || '?'}` : label}
      </span>
      {!compact && progress.detail && (
        <span className="progress-detail" data-testid={`${testId}-detail`}>
          {progress.detail}
        </span>
      )}
    </div>
  );
}
