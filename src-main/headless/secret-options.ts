import { readFileSync } from 'node:fs'

/**
 * A value that may be a secret (a database URL with its password, a server token): from its flag,
 * from `--<flag>-file PATH` (the file's first line), or from the environment, so it need not sit
 * on a command line where `ps` and shell history show it. Two sources at once is an error.
 */
export function secretOption(
  values: Record<string, unknown>,
  flag: string,
  envName: string,
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  const given = typeof values[flag] === 'string' ? (values[flag] as string) : undefined
  const file = typeof values[`${flag}-file`] === 'string' ? (values[`${flag}-file`] as string) : undefined
  const fromEnv = env[envName] || undefined
  const sources = [given && `--${flag}`, file && `--${flag}-file`, fromEnv && envName].filter(Boolean)
  if (sources.length > 1) throw new Error(`${sources.join(' and ')} both give ${flag}: give one`)
  if (file) {
    const line = readFileSync(file, 'utf8').split(/\r?\n/)[0]!.trim()
    if (!line) throw new Error(`--${flag}-file ${file} is empty`)
    return line
  }
  return given ?? fromEnv
}

/** The parseArgs options of a secret flag and its file form. */
export function secretFlags(flag: string) {
  return { [flag]: { type: 'string' as const }, [`${flag}-file`]: { type: 'string' as const } }
}
