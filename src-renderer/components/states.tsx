// The three states every page goes through before its content: loading, empty (with what to do
// next) and failed (the host's message and hint, and a way to try again). One look everywhere.
import type { ReactNode } from 'react';
import type { ApiError } from '../api/api-error';
import { ErrorBox } from '../pages/ErrorBox';

export function LoadingState({ label, testId }: { label: string; testId: string }) {
  return (
    <div className="state state-loading" role="status" data-testid={testId}>
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function EmptyState({
  title,
  children,
  testId,
  headingLevel = 2,
}: {
  title: string;
  children?: ReactNode;
  testId: string;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="empty-state" data-testid={testId}>
      <Heading>{title}</Heading>
      {children}
    </div>
  );
}

export function ErrorState({
  error,
  testId,
  headline,
  onRetry,
}: {
  error: ApiError;
  testId: string;
  headline?: string;
  onRetry?: () => void;
}) {
  return (
    <div className="state state-error">
      <ErrorBox
        error={error}
        testId={testId}
        {...(headline ? { headline } : {})}
        lines={error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))}
      />
      {onRetry && (
        <button type="button" onClick={onRetry} data-testid={`${testId}-retry`}>
          Try again
        </button>
      )}
    </div>
  );
}
