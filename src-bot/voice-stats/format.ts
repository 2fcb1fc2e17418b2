// Channel names for the stats channels: the admin's format with `{value}` replaced by the number,
// and the reverse test used to find a channel again after a restart ("⭐ Stars: 1,234" matches
// "⭐ Stars: {value}" whatever the number).

export type NumberStyle = 'full' | 'compact';

const full = new Intl.NumberFormat('en-US');
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Discord's limit for channel names. */
export const CHANNEL_NAME_MAX = 100;

export function formatNumber(value: number, style: NumberStyle): string {
  return (style === 'compact' ? compact : full).format(value);
}

export function channelName(format: string, value: number, style: NumberStyle): string {
  return format.split('{value}').join(formatNumber(value, style)).slice(0, CHANNEL_NAME_MAX);
}

export function matchesFormat(format: string, name: string): boolean {
  const [before = '', ...rest] = format.split('{value}');
  const after = rest.join('{value}');
  return (
    name.length > before.length + after.length - 1 &&
    name.startsWith(before) &&
    name.endsWith(after) &&
    /^[\d.,KMBT]+$/i.test(name.slice(before.length, name.length - after.length))
  );
}
