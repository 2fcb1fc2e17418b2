// The simulated guild's web view: channels (voice stats names included), members with their
// roles in colour, the messages and interaction answers the bot sent (embeds and attachments
// drawn), and a box to run any registered slash command as any member. Everything comes from the
// simulator's control API; text is put in the page with textContent only, never as HTML.
/* global document, window, fetch */

const MESSAGE_FLAG_EPHEMERAL = 64;
const MESSAGE_FLAG_LOADING = 128;
const OPTION = { STRING: 3, INTEGER: 4, BOOLEAN: 5, USER: 6, NUMBER: 10 };
const CHANNEL = { TEXT: 0, VOICE: 2, CATEGORY: 4 };

const state = {
  guild: null,
  commands: [],
  commandsKey: '',
  membersKey: '',
  interactions: [],
  messages: [],
  channelId: null,
  lastTimelineKey: '',
};

const $ = (id) => document.getElementById(id);

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (key === 'style') Object.assign(node.style, value);
    else if (key.startsWith('data-') || key === 'title' || key === 'alt' || key === 'role')
      node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of [].concat(children)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

async function getJson(path, init) {
  const response = await fetch(path, init);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || body.message || `${response.status} on ${path}`);
  return body;
}

const hex = (color) => (color ? `#${color.toString(16).padStart(6, '0')}` : null);
const userName = (user) => (user ? user.global_name || user.username : 'someone');

function memberName(member) {
  return member ? member.nick || userName(member.user) : 'someone';
}

function rolesOf(member) {
  const byId = new Map(state.guild.roles.map((r) => [r.id, r]));
  return member.roles
    .map((id) => byId.get(id))
    .filter(Boolean)
    .sort((a, b) => b.position - a.position);
}

function memberColor(member) {
  const colored = rolesOf(member).find((r) => r.color);
  return colored ? hex(colored.color) : null;
}

function findMember(id) {
  return state.guild.members.find((m) => m.user.id === id);
}

// ---- A small, safe subset of Discord markdown ----

const INLINE =
  /(\*\*[^*]+?\*\*|`[^`]+`|<@!?\d+>|<@&\d+>|<#\d+>|<t:-?\d+(?::[tTdDfFR])?>|\[[^\]]+\]\([^)\s]+\)|\|\|[^|]+\|\|)/g;

function relative(seconds) {
  const diff = seconds * 1000 - Date.now();
  const abs = Math.abs(diff);
  const units = [
    ['year', 31536e6],
    ['month', 2592e6],
    ['day', 864e5],
    ['hour', 36e5],
    ['minute', 6e4],
    ['second', 1e3],
  ];
  const [unit, ms] = units.find(([, size]) => abs >= size) || ['second', 1e3];
  return new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).format(Math.round(diff / ms), unit);
}

function inline(text) {
  const out = [];
  for (const part of text.split(INLINE)) {
    if (!part) continue;
    if (part.startsWith('**') && part.endsWith('**') && part.length > 4) {
      out.push(el('strong', {}, inline(part.slice(2, -2))));
    } else if (part.startsWith('`') && part.endsWith('`') && part.length > 2) {
      out.push(el('code', { text: part.slice(1, -1) }));
    } else if (/^<@&\d+>$/.test(part)) {
      const role = state.guild.roles.find((r) => r.id === part.slice(3, -1));
      out.push(
        el('span', {
          class: 'mention',
          text: `@${role ? role.name : 'deleted-role'}`,
          style: role && role.color ? { color: hex(role.color) } : {},
        }),
      );
    } else if (/^<@!?\d+>$/.test(part)) {
      const member = findMember(part.replace(/\D/g, ''));
      out.push(el('span', { class: 'mention', text: `@${memberName(member)}` }));
    } else if (/^<#\d+>$/.test(part)) {
      const channel = state.guild.channels.find((c) => c.id === part.slice(2, -1));
      out.push(el('span', { class: 'mention', text: `#${channel ? channel.name : 'deleted'}` }));
    } else if (part.startsWith('<t:')) {
      const [, seconds, style] = /^<t:(-?\d+)(?::(\w))?>$/.exec(part);
      const date = new Date(Number(seconds) * 1000);
      out.push(
        el('time', {
          text: style === 'R' || !style ? relative(Number(seconds)) : date.toLocaleString(),
          title: date.toLocaleString(),
        }),
      );
    } else if (part.startsWith('[')) {
      const [, label, url] = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(part);
      const safe = /^https?:\/\//.test(url) ? url : null;
      out.push(
        safe ? el('a', { href: safe, text: label, rel: 'noreferrer', target: '_blank' }) : label,
      );
    } else if (part.startsWith('||')) {
      out.push(el('span', { class: 'spoiler', text: part.slice(2, -2) }));
    } else {
      out.push(part);
    }
  }
  return out;
}

function markdown(text, className = 'md') {
  const node = el('div', { class: className });
  (text || '').split('\n').forEach((line, i) => {
    if (i > 0) node.append(el('br'));
    node.append(...inline(line));
  });
  return node;
}

// ---- Messages ----

function attachmentSrc(message, name) {
  const attachment = message.attachments.find((a) => a.filename === name);
  return attachment ? `/_control/attachments/${attachment.id}` : null;
}

function renderEmbed(message, embed, shown) {
  const node = el('div', {
    class: 'embed',
    'data-testid': 'embed',
    style: { borderLeftColor: hex(embed.color) || '#4e5058' },
  });
  if (embed.title) node.append(el('div', { class: 'embed-title', text: embed.title }));
  if (embed.description) node.append(markdown(embed.description, 'md embed-description'));
  if (embed.fields && embed.fields.length) {
    const grid = el('div', { class: 'embed-fields' });
    for (const field of embed.fields)
      grid.append(
        el('div', { class: field.inline ? 'embed-field inline' : 'embed-field' }, [
          el('div', { class: 'embed-field-name', text: field.name }),
          markdown(field.value, 'md'),
        ]),
      );
    node.append(grid);
  }
  const image = embed.image && embed.image.url;
  if (image) {
    const name = image.startsWith('attachment://') ? image.slice('attachment://'.length) : null;
    const src = name ? attachmentSrc(message, name) : null;
    if (src) {
      shown.add(name);
      const alt = (message.attachments.find((a) => a.filename === name) || {}).description;
      node.append(
        el('img', { class: 'embed-image', src, alt: alt || name, 'data-testid': 'embed-image' }),
      );
    }
  }
  if (embed.footer && embed.footer.text)
    node.append(el('div', { class: 'embed-footer', text: embed.footer.text }));
  return node;
}

function renderMessage(message, interaction) {
  const flags = message.flags || 0;
  const ephemeral = (flags & MESSAGE_FLAG_EPHEMERAL) !== 0;
  const node = el('article', {
    class: ephemeral ? 'message ephemeral' : 'message',
    'data-testid': 'message',
    'data-interaction': interaction ? interaction.id : undefined,
    'data-command': interaction ? interaction.commandName : undefined,
  });
  const meta = message.interaction_metadata;
  if (meta || interaction) {
    const caller = findMember(
      (meta && meta.user && meta.user.id) || (interaction && interaction.userId),
    );
    const options = interaction
      ? Object.entries(interaction.options || {})
          .map(([k, v]) => `${k}:${String(v).slice(0, 40)}`)
          .join(' ')
      : '';
    node.append(
      el('div', { class: 'reply-to' }, [
        el('span', {
          text: memberName(caller),
          style: { color: caller ? memberColor(caller) : null },
        }),
        ` used /${(interaction && interaction.commandName) || 'a command'} ${options}`,
      ]),
    );
  }
  const author = message.author || {};
  node.append(
    el('div', { class: 'author' }, [
      el('span', { class: 'avatar', text: userName(author).slice(0, 1).toUpperCase() }),
      el('strong', { text: userName(author) }),
      author.bot ? el('span', { class: 'bot-tag', text: 'APP' }) : null,
      el('span', { class: 'muted', text: new Date(message.timestamp).toLocaleTimeString() }),
    ]),
  );
  if (flags & MESSAGE_FLAG_LOADING) {
    node.append(el('div', { class: 'muted thinking', text: `${userName(author)} is thinking…` }));
  }
  if (message.content) node.append(markdown(message.content));
  const shown = new Set();
  for (const embed of message.embeds || []) node.append(renderEmbed(message, embed, shown));
  for (const attachment of message.attachments || []) {
    if (shown.has(attachment.filename)) continue;
    if ((attachment.content_type || '').startsWith('image/'))
      node.append(
        el('img', {
          class: 'attachment',
          src: `/_control/attachments/${attachment.id}`,
          alt: attachment.description || attachment.filename,
          'data-testid': 'attachment',
        }),
      );
    else
      node.append(
        el('div', { class: 'file', text: `📎 ${attachment.filename} (${attachment.size} bytes)` }),
      );
  }
  if (ephemeral) {
    const who = interaction ? memberName(findMember(interaction.userId)) : 'the member';
    node.append(el('div', { class: 'ephemeral-note', text: `👁 Only ${who} can see this` }));
  }
  return node;
}

function renderTimeline() {
  const byInteraction = new Map(state.interactions.map((i) => [i.id, i]));
  const items = state.messages.map((m) => ({
    message: m,
    interaction: m.interaction_metadata ? byInteraction.get(m.interaction_metadata.id) : null,
  }));
  // Ephemeral answers are not channel messages; the simulator keeps them on the interaction.
  for (const i of state.interactions) {
    if (i.channelId !== state.channelId) continue;
    for (const m of [i.original, ...(i.followUps || [])]) {
      if (m && (m.flags || 0) & MESSAGE_FLAG_EPHEMERAL) items.push({ message: m, interaction: i });
    }
    if (!i.callback) items.push({ pending: i });
  }
  const time = (item) =>
    item.pending ? item.pending.createdAt : Date.parse(item.message.timestamp) || 0;
  items.sort((a, b) => time(a) - time(b));
  const key = JSON.stringify(
    items.map((i) =>
      i.pending
        ? `p${i.pending.id}`
        : `${i.message.id}:${i.message.edited_timestamp}:${i.message.flags}`,
    ),
  );
  if (key === state.lastTimelineKey) return;
  state.lastTimelineKey = key;
  const timeline = $('timeline');
  const atBottom = timeline.scrollHeight - timeline.scrollTop - timeline.clientHeight < 80;
  timeline.replaceChildren(
    ...(items.length === 0
      ? [el('p', { class: 'muted empty', text: 'No messages yet. Run a slash command below.' })]
      : items.map((item) =>
          item.pending
            ? el('div', {
                class: 'message pending',
                'data-testid': 'pending',
                text: `${memberName(findMember(item.pending.userId))} ran /${item.pending.commandName}: waiting for the bot…`,
              })
            : renderMessage(item.message, item.interaction),
        )),
  );
  if (atBottom) timeline.scrollTop = timeline.scrollHeight;
}

// ---- Channels and members ----

function renderChannels() {
  const channels = [...state.guild.channels].sort((a, b) => a.position - b.position);
  const list = $('channels');
  const items = [];
  const entry = (c) => {
    const voice = c.type === CHANNEL.VOICE;
    const node = el(
      'li',
      {
        class: `channel${c.id === state.channelId ? ' active' : ''}${voice ? ' voice' : ''}`,
        'data-testid': voice ? 'voice-channel' : 'text-channel',
      },
      [`${voice ? '🔊' : '#'} ${c.name}`],
    );
    if (c.type === CHANNEL.TEXT)
      node.addEventListener('click', () => {
        state.channelId = c.id;
        state.lastTimelineKey = '';
        refresh();
      });
    return node;
  };
  for (const c of channels.filter((x) => !x.parent_id && x.type !== CHANNEL.CATEGORY))
    items.push(entry(c));
  for (const category of channels.filter((c) => c.type === CHANNEL.CATEGORY)) {
    items.push(el('li', { class: 'category', text: category.name.toUpperCase() }));
    for (const c of channels.filter((x) => x.parent_id === category.id)) items.push(entry(c));
  }
  list.replaceChildren(...items);
  const current = state.guild.channels.find((c) => c.id === state.channelId);
  $('channel-title').textContent = current ? `#${current.name}` : '';
}

function renderMembers() {
  const key = JSON.stringify([
    state.guild.roles,
    state.guild.members.map((m) => [m.user.id, m.roles, m.nick]),
  ]);
  if (key === state.membersKey) return;
  state.membersKey = key;
  const hoisted = state.guild.roles.filter((r) => r.hoist).sort((a, b) => b.position - a.position);
  const groups = new Map(hoisted.map((r) => [r.id, []]));
  const rest = [];
  for (const member of state.guild.members) {
    const top = rolesOf(member).find((r) => r.hoist);
    (top ? groups.get(top.id) : rest).push(member);
  }
  const sections = [];
  const LIMIT = 200;
  let shownCount = 0;
  const section = (title, members) => {
    if (members.length === 0) return;
    sections.push(el('h2', { class: 'member-group', text: `${title} — ${members.length}` }));
    for (const member of members) {
      if (shownCount++ >= LIMIT) continue;
      sections.push(
        el('div', { class: 'member', 'data-testid': 'member', 'data-user-id': member.user.id }, [
          el('span', {
            class: 'member-name',
            text: memberName(member),
            style: { color: memberColor(member) },
          }),
          member.user.bot ? el('span', { class: 'bot-tag', text: 'APP' }) : null,
          el(
            'span',
            { class: 'role-chips' },
            rolesOf(member).map((r) =>
              el('span', {
                class: 'role-chip',
                'data-testid': 'role-chip',
                text: r.name,
                style: { borderColor: hex(r.color) || '#4e5058', color: hex(r.color) },
              }),
            ),
          ),
        ]),
      );
    }
  };
  for (const role of hoisted) section(role.name, groups.get(role.id));
  section('Members', rest);
  if (shownCount > LIMIT)
    sections.push(el('p', { class: 'muted', text: `and ${shownCount - LIMIT} more members` }));
  $('members').replaceChildren(...sections);
}

// ---- The slash command box ----

function renderRunAs() {
  const select = $('run-as');
  const keep = select.value;
  const people = state.guild.members.filter((m) => !m.user.bot).slice(0, 2000);
  select.replaceChildren(
    ...people.map((m) => {
      const roles = rolesOf(m).map((r) => r.name);
      return el('option', {
        value: m.user.id,
        text: `${memberName(m)}${roles.length ? ` (${roles.join(', ')})` : ''}`,
      });
    }),
  );
  if (keep && people.some((m) => m.user.id === keep)) select.value = keep;
}

function optionInput(option) {
  const id = `option-${option.name}`;
  let input;
  if (option.choices && option.choices.length) {
    input = el('select', { id, 'data-testid': id }, [
      el('option', { value: '', text: option.required ? 'choose…' : '(default)' }),
      ...option.choices.map((c) => el('option', { value: String(c.value), text: c.name })),
    ]);
  } else if (option.type === OPTION.BOOLEAN) {
    input = el('select', { id, 'data-testid': id }, [
      el('option', { value: '', text: '(default)' }),
      el('option', { value: 'true', text: 'true' }),
      el('option', { value: 'false', text: 'false' }),
    ]);
  } else if (option.type === OPTION.USER) {
    input = el('select', { id, 'data-testid': id }, [
      el('option', { value: '', text: '(nobody)' }),
      ...state.guild.members.map((m) => el('option', { value: m.user.id, text: memberName(m) })),
    ]);
  } else {
    const numeric = option.type === OPTION.INTEGER || option.type === OPTION.NUMBER;
    input = el('input', {
      id,
      'data-testid': id,
      type: numeric ? 'number' : 'text',
      placeholder: option.description,
    });
    if (numeric && option.min_value !== undefined) input.min = option.min_value;
    if (numeric && option.max_value !== undefined) input.max = option.max_value;
  }
  input.dataset.type = String(option.type);
  input.dataset.name = option.name;
  return el('label', { title: option.description }, [
    `${option.name}${option.required ? '*' : ''} `,
    input,
  ]);
}

function renderOptions() {
  const command = state.commands.find((c) => c.name === $('command').value);
  $('options').replaceChildren(...((command && command.options) || []).map(optionInput));
}

function renderCommands() {
  const key = JSON.stringify(state.commands.map((c) => [c.name, c.version]));
  if (key === state.commandsKey) return;
  state.commandsKey = key;
  const select = $('command');
  const keep = select.value;
  select.replaceChildren(
    ...state.commands
      .slice()
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((c) => el('option', { value: c.name, text: `/${c.name} — ${c.description}` })),
  );
  if (keep && state.commands.some((c) => c.name === keep)) select.value = keep;
  renderOptions();
  $('slash-status').textContent =
    state.commands.length === 0
      ? 'No slash commands registered in this guild yet (is the bot running?).'
      : '';
}

function readOptions() {
  const options = {};
  for (const input of $('options').querySelectorAll('input, select')) {
    const raw = input.value.trim();
    if (raw === '') continue;
    const type = Number(input.dataset.type);
    if (type === OPTION.BOOLEAN) options[input.dataset.name] = raw === 'true';
    else if (type === OPTION.INTEGER || type === OPTION.NUMBER)
      options[input.dataset.name] = Number(raw);
    else options[input.dataset.name] = raw;
  }
  return options;
}

async function runCommand(event) {
  event.preventDefault();
  const userId = $('run-as').value;
  const commandName = $('command').value;
  if (!userId || !commandName) return;
  const status = $('slash-status');
  try {
    const { id } = await getJson('/_control/interactions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        userId,
        commandName,
        options: readOptions(),
        channelId: state.channelId,
      }),
    });
    status.textContent = `Sent /${commandName} as ${memberName(findMember(userId))}.`;
    for (let i = 0; i < 100; i += 1) {
      await refresh();
      const answered = state.interactions.find((x) => x.id === id);
      if (answered && answered.callback && answered.callback.type !== 5) break;
      if (answered && answered.history.some((h) => h.kind === 'edit-original')) break;
      await new Promise((resolve) => window.setTimeout(resolve, 150));
    }
  } catch (error) {
    status.textContent = `Could not run /${commandName}: ${error.message}`;
  }
}

// ---- Refresh loop ----

async function refresh() {
  try {
    const [guild, interactions] = await Promise.all([
      getJson('/_control/guild'),
      getJson('/_control/interactions'),
    ]);
    const firstLoad = state.guild === null;
    state.guild = guild;
    state.interactions = interactions;
    if (!state.channelId || !guild.channels.some((c) => c.id === state.channelId)) {
      const text = guild.channels
        .filter((c) => c.type === CHANNEL.TEXT)
        .sort((a, b) => a.position - b.position);
      state.channelId = text.length ? text[0].id : null;
    }
    const [messages, commands] = await Promise.all([
      state.channelId ? getJson(`/_control/channels/${state.channelId}/messages`) : [],
      getJson(`/_control/guilds/${guild.id}/commands`),
    ]);
    state.messages = messages;
    state.commands = commands;
    $('guild-name').textContent = guild.name;
    document.title = `${guild.name} · simulated Discord`;
    renderChannels();
    renderMembers();
    if (firstLoad || $('run-as').options.length !== guild.members.filter((m) => !m.user.bot).length)
      renderRunAs();
    renderCommands();
    renderTimeline();
    $('error').textContent = '';
  } catch (error) {
    $('error').textContent = `The simulator did not answer: ${error.message}`;
  }
}

$('command').addEventListener('change', renderOptions);
$('slash').addEventListener('submit', runCommand);
refresh();
window.setInterval(refresh, 1500);
