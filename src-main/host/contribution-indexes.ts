// One ContributionIndex per org, built from the stored daily counts on first use and dropped
// after each crawl of that org, so stats queries between crawls cost no rebuild.
import { ContributionIndex } from '../stats/index.js';
import type { ContributionsRepository } from '../store/repositories.js';

export class ContributionIndexes {
  private readonly byOrg = new Map<string, ContributionIndex>();

  constructor(private readonly contributions: Pick<ContributionsRepository, 'dailyCounts'>) {}

  get(org: string): ContributionIndex {
    const key = org.toLowerCase();
    let index = this.byOrg.get(key);
    if (!index) {
      index = new ContributionIndex(this.contributions.dailyCounts(org));
      this.byOrg.set(key, index);
    }
    return index;
  }

  invalidate(org: string): void {
    this.byOrg.delete(org.toLowerCase());
  }

  invalidateAll(): void {
    this.byOrg.clear();
  }
}
