import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type ContributionProvider<T> = (manager: EntityManager, subjectId: string) => Promise<T | null>;

/**
 * Optional sections of a document filled by other modules, e.g. the property module tells the release
 * certificate what was returned. A section nobody provides prints as "not recorded" instead of failing.
 */
@Injectable()
export class DocumentContributions {
  private readonly providers = new Map<string, ContributionProvider<unknown>>();

  /** key: `<document type>.<section>`, e.g. release-certificate.returned-property */
  provide<T>(key: string, provider: ContributionProvider<T>): void {
    if (this.providers.has(key)) throw new Error(`document section ${key} already has a provider`);
    this.providers.set(key, provider);
  }

  async collect<T>(key: string, manager: EntityManager, subjectId: string): Promise<T | null> {
    const provider = this.providers.get(key) as ContributionProvider<T> | undefined;
    return provider ? provider(manager, subjectId) : null;
  }
}
