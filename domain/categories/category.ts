export type CategoryChanges = { name?: string | undefined; slug?: string | undefined; description?: string | undefined };

export class Category {
  id!: string;
  slug!: string;
  name!: string;
  description!: string;
  createdAt!: Date;
  updatedAt!: Date;

  static create(props: { id: string; slug: string; name: string; description: string }, now: Date): Category {
    const category = new Category();
    Object.assign(category, props, { createdAt: now, updatedAt: now });
    return category;
  }

  edit(changes: CategoryChanges, now: Date): void {
    if (changes.name !== undefined) this.name = changes.name;
    if (changes.slug !== undefined) this.slug = changes.slug;
    if (changes.description !== undefined) this.description = changes.description;
    this.updatedAt = now;
  }
}
