// Repositories are GitHub's ids, not their names: a rename neither counts anything twice nor
// loses history, a repository transferred out of the org stops counting from the next crawl, and
// one transferred in is counted whole, even under a name a departed repository used to have.
import { afterEach, describe, expect, it } from 'vitest';
import { generateOrg } from '../../../sim/scenarios/org.js';
import { startCrawlRig, type CrawlRig } from './crawl-rig.js';

let rig: CrawlRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

function activeRepos(current: CrawlRig, org = 0) {
  return current.sim.control.orgs[org]!.repos.filter(
    (r) => !r.blocked && !r.empty && !r.archived && !r.fork,
  );
}

const total = (counts: { count: number }[]): number => counts.reduce((n, c) => n + c.count, 0);

describe('repositories by id', () => {
  it('follows a rename: history moves to the new name, counted once, and only new activity is read', async () => {
    rig = await startCrawlRig();
    const control = rig.sim.control;
    await rig.crawl();
    const repo = activeRepos(rig)[1]!;
    const oldName = `${rig.org}/${repo.name}`;
    const before = total(rig.stored().filter((c) => c.repo === oldName));
    expect(before).toBeGreaterThan(0);

    const newName = control.renameRepo(oldName, `${repo.name}-next`);
    control.resetRequests();
    const quiet = await rig.crawl();
    // Nothing new in it: the rename costs a store write, not a request.
    expect(control.requests().map((r) => r.operation)).toEqual(['GitGuildRepositorySweep']);
    expect(quiet.crawled).toEqual([]);
    expect(rig.stored()).toEqual(rig.truth());
    expect(rig.stored().some((c) => c.repo === oldName)).toBe(false);
    expect(total(rig.stored().filter((c) => c.repo === newName))).toBe(before);

    control.addIssue(newName, { author: 'after-rename' });
    await rig.crawl();
    expect(rig.stored()).toEqual(rig.truth());
    expect(total(rig.stored().filter((c) => c.repo === newName))).toBe(before + 1);
  });

  it('stops counting a repository transferred out of the org from the next crawl', async () => {
    const other = generateOrg({ seed: 9, preset: 'tiny', login: 'other-org' });
    rig = await startCrawlRig({ moreOrgs: [other] });
    const control = rig.sim.control;
    await rig.crawl();
    const leaving = `${rig.org}/${activeRepos(rig)[1]!.name}`;
    expect(rig.stored().some((c) => c.repo === leaving)).toBe(true);

    control.transferRepo(leaving, 'other-org');
    await rig.crawl();

    expect(rig.stored().some((c) => c.repo === leaving)).toBe(false);
    expect(rig.stored()).toEqual(rig.truth());
  });

  it('counts a repository transferred in, whole, even under the name of one that left', async () => {
    const other = generateOrg({ seed: 9, preset: 'tiny', login: 'other-org' });
    rig = await startCrawlRig({ moreOrgs: [other] });
    const control = rig.sim.control;
    await rig.crawl();
    const leaving = activeRepos(rig)[1]!.name;
    const arriving = activeRepos(rig, 1)[0]!;
    const arrivingCounts = total(
      control
        .truth({ org: 'other-org', now: control.now() })
        .filter((c) => c.repo.endsWith(`/${arriving.name}`)),
    );
    expect(arrivingCounts).toBeGreaterThan(0);
    // Ours leaves for the other org; theirs takes its name and moves in.
    control.transferRepo(`${rig.org}/${leaving}`, 'other-org');
    control.renameRepo(`other-org/${leaving}`, `${leaving}-departed`);
    control.renameRepo(`other-org/${arriving.name}`, leaving);
    control.transferRepo(`other-org/${leaving}`, rig.org);

    await rig.crawl();

    expect(rig.stored()).toEqual(rig.truth());
    expect(total(rig.stored().filter((c) => c.repo === `${rig!.org}/${leaving}`))).toBe(
      arrivingCounts,
    );
  });
});
