import { Aggregate } from '../aggregate.ts';

export type CategoryChanges = { name?: string | undefined; slug?: string | undefined; description?: string | undefined };

/** A category as repositories store it: plain data. */
export type CategoryState = {
  id: string;
  slug: string;
  name: string;
  description: string;
  createdAt: Date;
  updatedAt: Date;
};

export class Category extends Aggregate<CategoryState>() {
  static create(props: { id: string; slug: string; name: string; description: string }, now: Date): Category {
    return new Category({ ...props, createdAt: now, updatedAt: now });
  }

  static restore(state: CategoryState): Category {
    return new Category(state);
  }

  edit(changes: CategoryChanges, now: Date): void {
    const { name = this.name, slug = this.slug, description = this.description } = changes;
    this.change({ name, slug, description, updatedAt: now });
  }
}
