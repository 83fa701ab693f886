import { Migration0001Platform } from './0001-platform';

/** Platform migrations, in order. Each bounded context exports its own list; apps concatenate. */
export const PLATFORM_MIGRATIONS: Function[] = [Migration0001Platform];
