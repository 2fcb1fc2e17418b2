// Interaction answers in the Discord simulator follow Discord's rules, driven over plain HTTP the
// way any client would: attachments arrive by multipart on callbacks and webhook edits, the first
// response decides whether the answer is ephemeral and edits cannot change it, and private
// answers never reach the channel. The guild web view and the control API read them back.
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordSim, type DiscordSim } from '../../../sim/discord/index.js';

let sim: DiscordSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489',
  'hex',
);

function multipart(payload: unknown, files: { name: string; data: Buffer }[]): FormData {
  const form = new FormData();
  form.append('payload_json', JSON.stringify(payload));
  files.forEach((f, i) =>
    form.append(`files[${i}]`, new Blob([f.data], { type: 'image/png' }), f.name),
  );
  return form;
}

async function inject(s: DiscordSim) {
  const member = s.guild.members.find((m) => !m.user.bot)!;
  return s.control.injectInteraction({ userId: member.user.id, commandName: 'getstats' });
}

describe('interaction answers in the Discord simulator', () => {
  it('keeps a deferred ephemeral answer ephemeral when an edit sends flags 0, with its attachment', async () => {
    sim = await startDiscordSim({ seed: 3 });
    const { id, token } = await inject(sim);
    const callback = await fetch(`${sim.restUrl}/v10/interactions/${id}/${token}/callback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 5, data: { flags: 64 } }),
    });
    expect(callback.status).toBe(204);
    const edit = await fetch(
      `${sim.restUrl}/v10/webhooks/${sim.applicationId}/${token}/messages/@original`,
      {
        method: 'PATCH',
        body: multipart(
          {
            content: 'here',
            flags: 0,
            attachments: [{ id: 0, filename: 'card.png', description: 'a card' }],
          },
          [{ name: 'card.png', data: PNG }],
        ),
      },
    );
    expect(edit.status).toBe(200);
    const original = sim.control.interaction(id).original!;
    expect(original.flags! & 64).toBe(64);
    expect(original.flags! & 128).toBe(0);
    expect(original.attachments.map((a) => [a.filename, a.description])).toEqual([
      ['card.png', 'a card'],
    ]);
    // Private answers are not channel messages; their bytes are still readable for the view.
    expect(sim.control.messages(sim.guild.channelIds.general)).toEqual([]);
    const bytes = await fetch(`${sim.controlUrl}/attachments/${original.attachments[0]!.id}`);
    expect(bytes.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await bytes.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('publishes a public reply with its multipart attachment and lists it for the web view', async () => {
    sim = await startDiscordSim({ seed: 3 });
    const { id, token } = await inject(sim);
    const response = await fetch(`${sim.restUrl}/v10/interactions/${id}/${token}/callback`, {
      method: 'POST',
      body: multipart(
        { type: 4, data: { content: 'chart', attachments: [{ id: 0, filename: 'chart.png' }] } },
        [{ name: 'chart.png', data: PNG }],
      ),
    });
    expect(response.status).toBe(204);
    const [message] = sim.control.messages(sim.guild.channelIds.general);
    expect(message?.attachments[0]?.filename).toBe('chart.png');
    expect(message?.interaction_metadata?.id).toBe(id);
    const listed = (await (await fetch(`${sim.controlUrl}/interactions`)).json()) as {
      id: string;
      options: object;
    }[];
    expect(listed[0]?.id).toBe(id);
  });

  it('serves the guild view with a strict content security policy', async () => {
    sim = await startDiscordSim({ seed: 3 });
    const page = await fetch(sim.webUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('data-testid="slash-form"');
    const script = await fetch(new URL('app.js', sim.webUrl));
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await fetch(new URL('../guild/nope.js', sim.webUrl))).status).toBe(404);
    // The view's requests are not Discord API calls: they stay out of the call log.
    expect(sim.control.callLog()).toEqual([]);
  });
});
