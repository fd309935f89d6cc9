import { Injectable } from '@nestjs/common';
import { languagesOf } from '../rendering/document-renderer';
import { DocumentTypeDefinition } from './document-type';

/** Every document type known to this process; modules add theirs, the API and the worker read them. */
@Injectable()
export class DocumentTypeRegistry {
  private readonly types = new Map<string, DocumentTypeDefinition<unknown>>();

  register<ViewModel>(definition: DocumentTypeDefinition<ViewModel>): void {
    if (definition.type !== definition.template.type) {
      throw new Error(`document type ${definition.type} has the template of ${definition.template.type}`);
    }
    if (this.types.has(definition.type))
      throw new Error(`document type ${definition.type} is registered twice`);
    if (languagesOf(definition.template).length === 0) {
      throw new Error(`document type ${definition.type} has no complete wording in any language`);
    }
    this.types.set(definition.type, definition as DocumentTypeDefinition<unknown>);
  }

  get(type: string): DocumentTypeDefinition<unknown> | undefined {
    return this.types.get(type);
  }

  list(): DocumentTypeDefinition<unknown>[] {
    return [...this.types.values()].sort((a, b) => a.type.localeCompare(b.type));
  }
}
