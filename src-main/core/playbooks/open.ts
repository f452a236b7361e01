import type { Db } from '../store/db'
import type { TemplateLibrary } from '../templates/library'
import { PlaybookCatalog } from './catalog'
import { seedPlaybooks } from './seed'

/** Seeds a database without playbooks and reads every published version (a few dozen) into the catalog. */
export async function openPlaybooks(db: Db, library: TemplateLibrary, wallClock: () => Date): Promise<PlaybookCatalog> {
  const catalog = new PlaybookCatalog(library)
  const versions = await db.write(async (tx) => {
    await seedPlaybooks(tx, library, wallClock().toISOString())
    return tx.playbookVersionsAfter(new Map())
  })
  for (const row of versions) catalog.adopt(row)
  return catalog
}
