// The condition builder: one form per kind, and all/any groups of up to ten conditions, nested
// at most three levels. Every control is a labelled native input, so it works with the keyboard.
import {
  METRIC_LABELS,
  KIND_LABELS,
  MAX_DEPTH,
  defaultCondition,
  type Condition,
  type ConditionKind,
  type Metric,
  type Window,
} from './condition';

const KINDS = Object.keys(KIND_LABELS) as ConditionKind[];
const METRICS = Object.keys(METRIC_LABELS) as Metric[];

export function ConditionEditor({
  value,
  onChange,
  depth,
  path,
}: {
  value: Condition;
  onChange: (c: Condition) => void;
  depth: number;
  path: string;
}) {
  const kinds = depth >= MAX_DEPTH ? KINDS.filter((k) => k !== 'all' && k !== 'any') : KINDS;
  return (
    <div className="condition" data-testid={`condition-${path}`}>
      <div className="condition-row">
        <label className="toolbar-field">
          Kind
          <select
            value={value.kind}
            onChange={(e) => onChange(defaultCondition(e.target.value as ConditionKind, value))}
            data-testid={`condition-kind-${path}`}
          >
            {kinds.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        {(value.kind === 'metric' || value.kind === 'rank') && (
          <>
            {value.kind === 'metric' ? (
              <label className="toolbar-field">
                At least
                <input
                  type="number"
                  min={1}
                  className="narrow"
                  value={value.threshold}
                  onChange={(e) => onChange({ ...value, threshold: Number(e.target.value) })}
                  data-testid={`condition-threshold-${path}`}
                />
              </label>
            ) : (
              <label className="toolbar-field">
                Top
                <input
                  type="number"
                  min={1}
                  max={1000}
                  className="narrow"
                  value={value.top}
                  onChange={(e) => onChange({ ...value, top: Number(e.target.value) })}
                  data-testid={`condition-top-${path}`}
                />
              </label>
            )}
            <label className="toolbar-field">
              Metric
              <select
                value={value.metric}
                onChange={(e) => onChange({ ...value, metric: e.target.value as Metric })}
                data-testid={`condition-metric-${path}`}
              >
                {METRICS.map((m) => (
                  <option key={m} value={m}>
                    {METRIC_LABELS[m]}
                  </option>
                ))}
              </select>
            </label>
            <WindowField
              value={value.window}
              onChange={(window) => onChange({ ...value, window })}
              path={path}
            />
          </>
        )}
        {value.kind === 'team' && (
          <label className="toolbar-field">
            Team slug
            <input
              value={value.team}
              onChange={(e) => onChange({ ...value, team: e.target.value })}
              data-testid={`condition-team-${path}`}
            />
          </label>
        )}
      </div>
      {(value.kind === 'all' || value.kind === 'any') && (
        <ol className="condition-children">
          {value.of.map((child, i) => (
            <li key={i}>
              <ConditionEditor
                value={child}
                depth={depth + 1}
                path={`${path}-${i}`}
                onChange={(c) =>
                  onChange({ ...value, of: value.of.map((x, j) => (j === i ? c : x)) })
                }
              />
              {value.of.length > 1 && (
                <button
                  type="button"
                  onClick={() => onChange({ ...value, of: value.of.filter((_, j) => j !== i) })}
                  aria-label={`Remove condition ${i + 1}`}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
          {value.of.length < 10 && (
            <li>
              <button
                type="button"
                onClick={() => onChange({ ...value, of: [...value.of, { kind: 'linked' }] })}
                data-testid={`condition-add-${path}`}
              >
                Add a condition
              </button>
            </li>
          )}
        </ol>
      )}
    </div>
  );
}

function WindowField({
  value,
  onChange,
  path,
}: {
  value: Window;
  onChange: (w: Window) => void;
  path: string;
}) {
  return (
    <>
      <label className="toolbar-field">
        Window
        <select
          value={value.kind}
          onChange={(e) =>
            onChange(
              e.target.value === 'all_time' ? { kind: 'all_time' } : { kind: 'rolling', days: 30 },
            )
          }
          data-testid={`condition-window-${path}`}
        >
          <option value="all_time">All time</option>
          <option value="rolling">Last N days</option>
        </select>
      </label>
      {value.kind === 'rolling' && (
        <label className="toolbar-field">
          Days
          <input
            type="number"
            min={1}
            max={3660}
            className="narrow"
            value={value.days}
            onChange={(e) => onChange({ kind: 'rolling', days: Number(e.target.value) })}
            data-testid={`condition-days-${path}`}
          />
        </label>
      )}
    </>
  );
}
